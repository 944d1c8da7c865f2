// Activity streams for FakeStrava, generated from the activity's seed and consistent with its summary: the time
// span is the elapsed time, the seconds flagged moving add up to the moving time, the last distance is the
// summary distance, heart rate and power average to the summary's. A stream the activity has no sensor for is
// not generated at all.

#include "tests/fakes/fakestravastate.h"

#include <cmath>
#include <numbers>

namespace tricoach::fakes::strava {

namespace {

constexpr double kMetresPerDegree = 111320;

double round(double v, double scale)
{
    return std::round(v * scale) / scale;
}

// Splits `total` into `parts` positive whole pieces.
QList<int> split(int total, int parts, QRandomGenerator& rng)
{
    QList<int> out;
    int left = total;
    for (int i = parts; i > 1; --i) {
        const int most = left - (i - 1);
        const int piece = 1 + static_cast<int>(rng.bounded(std::max(1, most / i * 2)));
        out.append(std::min(piece, most));
        left -= out.last();
    }
    out.append(left);
    return out;
}

double noise(QRandomGenerator& rng)
{
    return rng.generateDouble() * 2 - 1;
}

struct Timeline {
    QList<int> time;
    QList<bool> moving;
};

// Moving stretches separated by pauses: a pause is either a gap (auto-pause: no samples) or standing still.
Timeline timeline(int elapsed, int moving, QRandomGenerator& rng)
{
    Timeline t;
    t.time.append(0);
    t.moving.append(false);
    moving = std::max(1, moving);
    const int paused = std::max(0, elapsed - moving);
    const int pauses =
        paused > 0 ? 1 + static_cast<int>(rng.bounded(std::min({3, paused, moving - 1 > 0 ? moving - 1 : 1}))) : 0;
    const QList<int> moves = split(moving, pauses + 1, rng);
    const QList<int> stops = pauses > 0 ? split(paused, pauses, rng) : QList<int>();
    const bool smartRecording = rng.generateDouble() < 0.3;
    int now = 0;
    for (qsizetype i = 0; i < moves.size(); ++i) {
        for (int pos = 0; pos < moves[i];) {
            int step = smartRecording ? 1 + static_cast<int>(rng.bounded(3)) : (rng.generateDouble() < 0.01 ? 2 : 1);
            step = std::min(step, moves[i] - pos);
            pos += step;
            t.time.append(now + pos);
            t.moving.append(true);
        }
        now += moves[i];
        if (i < stops.size()) {
            if (rng.generateDouble() < 0.6) {
                t.time.append(now + stops[i]);
                t.moving.append(false);
            } else {
                for (int k = 1; k <= stops[i]; ++k) {
                    t.time.append(now + k);
                    t.moving.append(false);
                }
            }
            now += stops[i];
        }
    }
    return t;
}

// Shifts (or scales) samples so their mean over moving samples is `target`.
void matchMean(QList<double>& values, const QList<bool>& moving, double target, bool scale)
{
    double sum = 0;
    int n = 0;
    for (qsizetype i = 1; i < values.size(); ++i)
        if (moving[i]) {
            sum += values[i];
            ++n;
        }
    if (n == 0 || sum == 0)
        return;
    const double mean = sum / n;
    for (double& v : values)
        v = scale ? v * target / mean : v + target - mean;
}

QJsonArray ints(const QList<double>& values)
{
    QJsonArray out;
    for (double v : values)
        out.append(static_cast<int>(std::lround(v)));
    return out;
}

QJsonArray decimals(const QList<double>& values, double scale)
{
    QJsonArray out;
    for (double v : values)
        out.append(round(v, scale));
    return out;
}

} // namespace

QPair<double, double> routePoint(const QJsonObject& summary, quint32 seed, double fraction)
{
    const QJsonArray start = summary[QStringLiteral("start_latlng")].toArray();
    const double lat0 = start[0].toDouble(), lng0 = start[1].toDouble();
    if (fraction <= 0 || fraction >= 1)
        return {lat0, lng0};
    // A loop of the activity's length: a wobbly circle through the start.
    const double radius = summary[QStringLiteral("distance")].toDouble() / (2 * std::numbers::pi);
    const double heading = (seed % 360) * std::numbers::pi / 180;
    const double phase = (seed % 97) / 97.0 * 2 * std::numbers::pi;
    auto r = [&](double theta) { return radius * (1 + 0.15 * std::sin(3 * theta + phase)); };
    const double theta = 2 * std::numbers::pi * fraction;
    const double x = r(0) * std::cos(heading) + r(theta) * std::cos(heading + std::numbers::pi + theta);
    const double y = r(0) * std::sin(heading) + r(theta) * std::sin(heading + std::numbers::pi + theta);
    return {lat0 + y / kMetresPerDegree, lng0 + x / (kMetresPerDegree * std::cos(lat0 * std::numbers::pi / 180))};
}

// Google's encoded polyline format (precision 1e5), as Strava's map.summary_polyline.
QString encodePolyline(const QList<QPair<double, double>>& points)
{
    QString out;
    qint64 lastLat = 0, lastLng = 0;
    auto put = [&out](qint64 delta) {
        quint64 v = delta < 0 ? ~(static_cast<quint64>(delta) << 1) : static_cast<quint64>(delta) << 1;
        while (v >= 0x20) {
            out += QChar(static_cast<char16_t>((0x20 | (v & 0x1f)) + 63));
            v >>= 5;
        }
        out += QChar(static_cast<char16_t>(v + 63));
    };
    for (const auto& [lat, lng] : points) {
        const qint64 la = std::llround(lat * 1e5), ln = std::llround(lng * 1e5);
        put(la - lastLat);
        put(ln - lastLng);
        lastLat = la;
        lastLng = ln;
    }
    return out;
}

QList<Stream> generateStreams(const StoredActivity& a)
{
    const QJsonObject& s = a.summary;
    if (s[QStringLiteral("manual")].toBool())
        return {};
    QRandomGenerator rng(a.streamSeed);
    const Timeline t =
        timeline(s[QStringLiteral("elapsed_time")].toInt(), s[QStringLiteral("moving_time")].toInt(), rng);
    const qsizetype n = t.time.size();
    const double distance = s[QStringLiteral("distance")].toDouble();
    const double phase = rng.generateDouble() * 6;

    // Distance: a speed that wanders around the average, scaled so the total is the summary's.
    QList<double> step(n, 0), dist(n, 0), speed(n, 0);
    double total = 0;
    for (qsizetype i = 1; i < n; ++i)
        if (t.moving[i]) {
            const double wander = 1 + 0.1 * std::sin(t.time[i] / 420.0 + phase) + 0.05 * noise(rng);
            step[i] = wander * (t.time[i] - t.time[i - 1]);
            total += step[i];
        }
    double run = 0, smooth = 0;
    const double maxSpeed = s[QStringLiteral("max_speed")].toDouble();
    for (qsizetype i = 1; i < n; ++i) {
        step[i] *= total > 0 ? distance / total : 0;
        run += step[i];
        dist[i] = i == n - 1 ? distance : round(run, 10);
        const double v = t.moving[i] ? step[i] / (t.time[i] - t.time[i - 1]) : 0;
        smooth = t.moving[i] ? 0.7 * smooth + 0.3 * v : 0;
        speed[i] = maxSpeed > 0 ? std::min(smooth, maxSpeed) : smooth;
    }
    auto fraction = [&](qsizetype i) {
        return distance > 0 ? dist[i] / distance : static_cast<double>(t.time[i]) / std::max(1, t.time.last());
    };

    QList<Stream> out;
    QJsonArray time, moving;
    for (qsizetype i = 0; i < n; ++i) {
        time.append(t.time[i]);
        moving.append(bool(t.moving[i]));
    }
    out.append({QStringLiteral("time"), time});
    const bool positioned = !s[QStringLiteral("start_latlng")].toArray().isEmpty();
    if (positioned) {
        QJsonArray latlng;
        for (qsizetype i = 0; i < n; ++i) {
            const auto [lat, lng] = routePoint(s, a.streamSeed, fraction(i));
            latlng.append(QJsonArray{round(lat, 1e6), round(lng, 1e6)});
        }
        out.append({QStringLiteral("latlng"), latlng});
    }
    if (distance > 0)
        out.append({QStringLiteral("distance"), decimals(dist, 10)});

    const bool virtualWorld = s[QStringLiteral("sport_type")].toString().startsWith(QStringLiteral("Virtual"));
    QList<double> altitude;
    if (positioned || (virtualWorld && distance > 0)) {
        // Rolling terrain along the loop, scaled so the climbing adds up to total_elevation_gain.
        QList<double> shape(n);
        const double k1 = 1 + rng.bounded(4), k2 = 3 + rng.bounded(6);
        for (qsizetype i = 0; i < n; ++i) {
            const double x = 2 * std::numbers::pi * fraction(i);
            shape[i] = 0.6 * std::sin(k1 * x + phase) + 0.4 * std::sin(k2 * x + 2 * phase);
        }
        double climb = 0;
        for (qsizetype i = 1; i < n; ++i)
            climb += std::max(0.0, shape[i] - shape[i - 1]);
        const double gain = s[QStringLiteral("total_elevation_gain")].toDouble();
        const double scale = climb > 0 ? gain / climb : 0;
        const double base = 30 + a.streamSeed % 400;
        for (qsizetype i = 0; i < n; ++i)
            altitude.append(round(base + scale * (shape[i] + 1), 10));
        out.append({QStringLiteral("altitude"), decimals(altitude, 10)});
    }
    if (distance > 0)
        out.append({QStringLiteral("velocity_smooth"), decimals(speed, 1000)});

    if (s[QStringLiteral("has_heartrate")].toBool()) {
        const double avg = s[QStringLiteral("average_heartrate")].toDouble();
        const double top = s[QStringLiteral("max_heartrate")].toDouble(avg + 20);
        QList<double> hr(n);
        for (qsizetype i = 0; i < n; ++i)
            hr[i] = avg - 18 * std::exp(-t.time[i] / 300.0) + 5.0 * t.time[i] / std::max(1, t.time.last()) +
                    3 * std::sin(t.time[i] / 240.0 + phase) + 1.5 * noise(rng);
        matchMean(hr, t.moving, avg, false);
        for (double& v : hr)
            v = std::clamp(v, 50.0, top);
        out.append({QStringLiteral("heartrate"), ints(hr)});
    }
    const bool riding = s[QStringLiteral("type")].toString().contains(QStringLiteral("Ride"));
    QList<double> watts;
    if (s[QStringLiteral("device_watts")].toBool()) {
        const double avg = s[QStringLiteral("average_watts")].toDouble();
        watts.resize(n);
        for (qsizetype i = 1; i < n; ++i) {
            const bool coasting = riding && rng.generateDouble() < 0.08;
            watts[i] = t.moving[i] && !coasting
                           ? std::max(0.0, avg * (1 + 0.25 * noise(rng) + 0.1 * std::sin(t.time[i] / 180.0)))
                           : 0;
        }
        matchMean(watts, t.moving, avg, true);
        const double top = s[QStringLiteral("max_watts")].toDouble(avg * 3);
        for (double& v : watts)
            v = std::min(v, top);
    }
    if (s.contains(QStringLiteral("average_cadence"))) {
        const double avg = s[QStringLiteral("average_cadence")].toDouble();
        QList<double> cadence(n, 0);
        for (qsizetype i = 1; i < n; ++i)
            if (t.moving[i] && (watts.isEmpty() || watts[i] > 0))
                cadence[i] = avg + 3 * noise(rng);
        out.append({QStringLiteral("cadence"), ints(cadence)});
    }
    if (!watts.isEmpty())
        out.append({QStringLiteral("watts"), ints(watts)});
    if (a.hasTemp) {
        const double base = 8 + a.streamSeed % 20;
        QList<double> temp(n);
        for (qsizetype i = 0; i < n; ++i)
            temp[i] = base + 3.0 * t.time[i] / std::max(1, t.time.last());
        out.append({QStringLiteral("temp"), ints(temp)});
    }
    out.append({QStringLiteral("moving"), moving});
    if (!altitude.isEmpty() && distance > 0) {
        QList<double> grade(n, 0);
        for (qsizetype i = 0; i < n; ++i) {
            const qsizetype lo = std::max<qsizetype>(0, i - 5), hi = std::min(n - 1, i + 5);
            const double across = dist[hi] - dist[lo];
            grade[i] = across > 2 ? std::clamp((altitude[hi] - altitude[lo]) / across * 100, -40.0, 40.0) : 0;
        }
        out.append({QStringLiteral("grade_smooth"), decimals(grade, 10)});
    }
    return out;
}

} // namespace tricoach::fakes::strava
