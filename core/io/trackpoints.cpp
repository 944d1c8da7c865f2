#include "core/io/trackpoints.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>

namespace tricoach::xml {

double haversineM(double lat1, double lon1, double lat2, double lon2)
{
    constexpr double kRad = std::numbers::pi / 180.0;
    const double dLat = (lat2 - lat1) * kRad;
    const double dLon = (lon2 - lon1) * kRad;
    const double a = std::sin(dLat / 2) * std::sin(dLat / 2) +
                     std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(a)));
}

namespace {

// `altitude` with the samples no terrain produced marked missing: runs of exact zeros between real altitudes more
// than kElevationDropoutM from sea level (ExpertGPS, some Garmin exports and converters write 0 for "no elevation"),
// and single samples more than kElevationSpikeM above or below both neighbours on a track level around them (a
// GPS height fix gone wrong for one point). Either would otherwise count as a climb of its full height.
std::vector<double> withoutDropouts(std::vector<double> altitude)
{
    std::vector<std::size_t> real;
    for (std::size_t i = 0; i < altitude.size(); ++i) {
        if (!isMissing(altitude[i]))
            real.push_back(i);
    }
    // Runs of zeros, judged by the nearest non-zero altitude on each side.
    for (std::size_t k = 0; k < real.size();) {
        if (altitude[real[k]] != 0.0) {
            ++k;
            continue;
        }
        std::size_t end = k;
        while (end < real.size() && altitude[real[end]] == 0.0)
            ++end;
        const bool hasBefore = k > 0, hasAfter = end < real.size();
        const auto farFromSea = [&](std::size_t j) { return std::abs(altitude[real[j]]) > kElevationDropoutM; };
        if ((hasBefore || hasAfter) && (!hasBefore || farFromSea(k - 1)) && (!hasAfter || farFromSea(end))) {
            for (std::size_t j = k; j < end; ++j)
                altitude[real[j]] = kMissing;
        }
        k = end;
    }
    std::vector<std::size_t> kept;
    for (std::size_t i : real) {
        if (!isMissing(altitude[i]))
            kept.push_back(i);
    }
    std::vector<std::size_t> spikes;
    for (std::size_t k = 1; k + 1 < kept.size(); ++k) {
        const double before = altitude[kept[k - 1]], here = altitude[kept[k]], after = altitude[kept[k + 1]];
        const double up = here - before, down = here - after;
        const double jump = std::min(std::abs(up), std::abs(down));
        // The track must be level enough around it: a hill sampled once on its top rises to it and falls away.
        const double riseBefore = k >= 2 ? std::abs(before - altitude[kept[k - 2]]) : 0.0;
        const double fallAfter = k + 2 < kept.size() ? std::abs(after - altitude[kept[k + 2]]) : 0.0;
        if ((up > 0) == (down > 0) && jump > kElevationSpikeM && std::abs(before - after) < jump / 4 &&
            riseBefore < jump / 4 && fallAfter < jump / 4)
            spikes.push_back(kept[k]);
    }
    for (std::size_t i : spikes)
        altitude[i] = kMissing;
    return altitude;
}

} // namespace

std::optional<double> elevationGainM(const std::vector<double>& recorded)
{
    const std::vector<double> altitude = withoutDropouts(recorded);
    // A climb starts once the altitude is kElevationHysteresisM above the lowest point since the last climb, and
    // ends once it drops that much below its peak; it then counts from that low point to its peak in full.
    std::optional<double> gain;
    double low = kMissing, peak = kMissing;
    bool climbing = false;
    for (double a : altitude) {
        if (isMissing(a))
            continue;
        if (!gain) {
            gain = 0.0;
            low = peak = a;
        } else if (climbing) {
            if (a > peak) {
                peak = a;
            } else if (peak - a >= kElevationHysteresisM) {
                *gain += peak - low;
                low = peak = a;
                climbing = false;
            }
        } else if (a < low) {
            low = a;
        } else if (a - low >= kElevationHysteresisM) {
            climbing = true;
            peak = a;
        }
    }
    if (climbing)
        *gain += peak - low;
    return gain;
}

namespace {

double distanceBetween(const TrackPoint& a, const TrackPoint& b)
{
    return haversineM(a[Channel::Latitude], a[Channel::Longitude], b[Channel::Latitude], b[Channel::Longitude]);
}

// One interval between consecutive timed points (time increasing), with its speed when one is known.
struct Interval {
    double seconds = 0;
    std::optional<double> speed;
};

// The intervals of a track with their speeds: from positions, over a window of about `windowSec` centred on
// the interval (grown over neighbouring intervals while each is shorter than the window and has positions, so
// a recording pause beside a moving interval does not dilute it), else the recorded speed of the later point.
std::vector<Interval> intervalSpeeds(const std::vector<TrackPoint>& points, double windowSec)
{
    struct Sample {
        double t = 0;
        double cum = 0; // path length through the positions so far
        bool positioned = false;
        double speed = kMissing;
    };
    std::vector<Sample> s;
    s.reserve(points.size());
    const TrackPoint* lastPositioned = nullptr;
    double cum = 0;
    for (const TrackPoint& p : points) {
        if (p.timeMs == kNoTime)
            continue;
        const double t = static_cast<double>(p.timeMs) / 1000.0;
        if (!s.empty() && t <= s.back().t)
            continue; // time must advance; a point that goes back is no interval
        const bool positioned = hasPosition(p);
        if (positioned) {
            if (lastPositioned != nullptr)
                cum += distanceBetween(*lastPositioned, p);
            lastPositioned = &p;
        }
        s.push_back({t, cum, positioned, p[Channel::Speed]});
    }
    std::vector<Interval> out;
    if (s.size() < 2)
        return out;
    out.reserve(s.size() - 1);
    const double half = windowSec / 2;
    for (std::size_t i = 1; i < s.size(); ++i) {
        Interval in;
        in.seconds = s[i].t - s[i - 1].t;
        if (s[i].positioned && s[i - 1].positioned) {
            const double mid = (s[i].t + s[i - 1].t) / 2;
            std::size_t a = i - 1, b = i;
            while (a > 0 && mid - s[a].t < half && s[a - 1].positioned && s[a].t - s[a - 1].t <= windowSec)
                --a;
            while (b + 1 < s.size() && s[b].t - mid < half && s[b + 1].positioned && s[b + 1].t - s[b].t <= windowSec)
                ++b;
            in.speed = (s[b].cum - s[a].cum) / (s[b].t - s[a].t);
        } else if (!isMissing(s[i].speed)) {
            in.speed = s[i].speed;
        }
        out.push_back(in);
    }
    return out;
}

} // namespace

StopRule stopRuleFor(Sport sport)
{
    switch (sport) {
    case Sport::Swim:
        return {0.15, 10, 30};
    case Sport::Hike:
        return {0.2, 10, 30};
    case Sport::Walk:
    case Sport::Other:
        return {0.3, 10, 20};
    case Sport::Bike:
        return {1.0, 10, 10};
    case Sport::Run:
    case Sport::Brick:
    case Sport::Row:
    case Sport::Strength:
    case Sport::Transition:
        break;
    }
    return {0.5, 10, 10};
}

double movingSeconds(const std::vector<TrackPoint>& points, const StopRule& rule)
{
    double moving = 0, stopRun = 0;
    for (const Interval& in : intervalSpeeds(points, rule.windowSec)) {
        const bool stopped = in.speed ? *in.speed < rule.speedMps : in.seconds > rule.minStopSec;
        if (stopped) {
            stopRun += in.seconds;
        } else {
            if (stopRun <= rule.minStopSec)
                moving += stopRun; // a short halt (a junction, a turn) is part of moving
            stopRun = 0;
            moving += in.seconds;
        }
    }
    if (stopRun <= rule.minStopSec)
        moving += stopRun;
    return moving;
}

std::optional<double> typicalMovingSpeed(const std::vector<TrackPoint>& points)
{
    const StopRule gentlest = stopRuleFor(Sport::Swim);
    std::vector<std::pair<double, double>> weighted; // (speed, seconds)
    double total = 0;
    for (const Interval& in : intervalSpeeds(points, gentlest.windowSec)) {
        if (!in.speed || *in.speed < gentlest.speedMps)
            continue;
        // A long interval is a pause or a gap in the recording more often than steady motion: it counts no
        // more than a minute.
        const double w = std::min(in.seconds, 60.0);
        weighted.emplace_back(*in.speed, w);
        total += w;
    }
    if (total < 60)
        return std::nullopt;
    std::sort(weighted.begin(), weighted.end());
    double acc = 0;
    for (const auto& [speed, w] : weighted) {
        acc += w;
        if (acc >= total / 2)
            return speed;
    }
    return weighted.back().first;
}

std::optional<double> channelMedian(const std::vector<TrackPoint>& points, Channel channel)
{
    std::vector<double> values;
    for (const TrackPoint& p : points) {
        const double v = p[channel];
        if (!isMissing(v) && v != 0)
            values.push_back(v);
    }
    if (values.empty())
        return std::nullopt;
    const auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), mid, values.end());
    return *mid;
}

std::optional<double> fillDistanceFromPositions(std::vector<TrackPoint>& points, bool bridgeSegments)
{
    const bool recorded =
        std::any_of(points.begin(), points.end(), [](const TrackPoint& p) { return !isMissing(p[Channel::Distance]); });
    double total = 0;
    int positions = 0;
    const TrackPoint* prev = nullptr;
    for (TrackPoint& p : points) {
        if (!hasPosition(p))
            continue;
        if (prev != nullptr && (bridgeSegments || prev->segment == p.segment))
            total += distanceBetween(*prev, p);
        if (!recorded)
            p[Channel::Distance] = total;
        prev = &p;
        ++positions;
    }
    return positions >= 2 ? std::optional<double>(total) : std::nullopt;
}

void interpolateMissingTimes(std::vector<TrackPoint>& points)
{
    std::size_t lastTimed = points.size();
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (points[i].timeMs == kNoTime)
            continue;
        if (lastTimed < points.size() && i > lastTimed + 1) {
            const qint64 t0 = points[lastTimed].timeMs;
            const double step = static_cast<double>(points[i].timeMs - t0) / static_cast<double>(i - lastTimed);
            for (std::size_t k = lastTimed + 1; k < i; ++k)
                points[k].timeMs = t0 + std::llround(step * static_cast<double>(k - lastTimed));
        }
        lastTimed = i;
    }
}

Streams buildStreams(const std::vector<TrackPoint>& points, qint64 startMs)
{
    Streams s;
    s.time.reserve(points.size());
    for (const TrackPoint& p : points)
        s.time.push_back(p.timeMs == kNoTime ? kMissing : static_cast<double>(p.timeMs - startMs) / 1000.0);
    for (std::size_t c = 1; c < 10; ++c) {
        const auto channel = static_cast<Channel>(c);
        auto value = [&](const TrackPoint& p) {
            const double v = p.values[c];
            return channel == Channel::HeartRate && v <= 0 ? kMissing : v;
        };
        if (std::none_of(points.begin(), points.end(), [&](const TrackPoint& p) { return !isMissing(value(p)); }))
            continue;
        std::vector<double>& series = s.channels[channel];
        series.reserve(points.size());
        for (const TrackPoint& p : points)
            series.push_back(value(p));
    }
    return s;
}

std::vector<double> sampleWeights(const std::vector<double>& time)
{
    // Each sample stands for the time until the next one (the last for the time since the one before), at most
    // kMaxSampleWeightSec so a pause does not count; samples without a time count 1 s.
    const std::size_t n = time.size();
    std::vector<double> w(n, 1.0);
    auto gap = [&](std::size_t a, std::size_t b) {
        const double dt = time[b] - time[a];
        return std::clamp(dt, 0.0, kMaxSampleWeightSec);
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (isMissing(time[i]))
            continue;
        if (i + 1 < n && !isMissing(time[i + 1]))
            w[i] = gap(i, i + 1);
        else if (i > 0 && !isMissing(time[i - 1]))
            w[i] = gap(i - 1, i);
    }
    return w;
}

void summariseStreams(Activity& a)
{
    const std::vector<double> weights = sampleWeights(a.streams.time);
    struct Stats {
        double sum = 0, weight = 0, plainSum = 0, max = -std::numeric_limits<double>::infinity();
        std::size_t n = 0;
        double mean() const { return weight > 0 ? sum / weight : plainSum / static_cast<double>(n); }
    };
    auto stats = [&](Channel c, bool skipZero) -> std::optional<Stats> {
        const auto* series = a.streams.get(c);
        if (series == nullptr)
            return std::nullopt;
        Stats st;
        for (std::size_t i = 0; i < series->size(); ++i) {
            const double v = (*series)[i];
            if (isMissing(v) || (skipZero && v == 0))
                continue;
            st.sum += v * weights[i];
            st.weight += weights[i];
            st.plainSum += v;
            st.max = std::max(st.max, v);
            ++st.n;
        }
        return st.n > 0 ? std::optional<Stats>(st) : std::nullopt;
    };
    if (auto hr = stats(Channel::HeartRate, false)) {
        a.avgHr = hr->mean();
        a.maxHr = hr->max;
    }
    if (auto p = stats(Channel::Power, false)) {
        a.avgPower = p->mean();
        a.maxPower = p->max;
    }
    if (auto c = stats(Channel::Cadence, true)) {
        a.avgCadence = c->mean();
        a.maxCadence = c->max;
    }
    if (auto v = stats(Channel::Speed, false))
        a.maxSpeed = v->max;
    if (const auto* alt = a.streams.get(Channel::Altitude))
        a.elevationGainM = elevationGainM(*alt);
}

} // namespace tricoach::xml
