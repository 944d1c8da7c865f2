#include "core/metrics/efforts.h"

#include "core/model/plausible.h"

#include <algorithm>
#include <cmath>
#include <deque>

namespace tricoach {

namespace {

// One usable sample and its second on the grid.
struct GridSample {
    std::size_t index = 0;
    std::size_t second = 0;
};

// The samples a grid is built from: finite times, each in a later second than the one before (duplicates,
// out-of-order and sub-second samples are skipped), within the longest plausible recording.
std::vector<GridSample> gridSamples(const std::vector<double>& time)
{
    std::vector<GridSample> out;
    double t0 = 0;
    for (std::size_t i = 0; i < time.size(); ++i) {
        const double t = time[i];
        if (!std::isfinite(t))
            continue;
        if (out.empty()) {
            t0 = t;
            out.push_back({i, 0});
            continue;
        }
        const double offset = t - t0;
        if (!(offset > 0) || offset > plausible::kDurationSec.max)
            continue;
        const auto second = static_cast<std::size_t>(std::llround(offset));
        if (second > out.back().second)
            out.push_back({i, second});
    }
    return out;
}

double valueAt(const std::vector<double>& values, std::size_t i)
{
    return i < values.size() ? values[i] : kMissing;
}

void fill(std::vector<double>& v, std::size_t from, std::size_t to, double value)
{
    std::fill(v.begin() + static_cast<std::ptrdiff_t>(std::min(from, v.size())),
              v.begin() + static_cast<std::ptrdiff_t>(std::min(to, v.size())), value);
}

// The second after sample k's own: where the next sample starts, or one second on for the last.
std::size_t nextSecond(const std::vector<GridSample>& samples, std::size_t k)
{
    return k + 1 < samples.size() ? samples[k + 1].second : samples[k].second + 1;
}

bool heldAcross(std::size_t from, std::size_t to)
{
    return static_cast<double>(to - from) <= kEffortHoldSec;
}

// Spreads distance increments over the seconds between the points they were measured at. `points` holds the grid
// second of each point and the metres covered since the point before it (the first one's are ignored).
void spreadIncrements(std::vector<double>& out, const std::vector<std::pair<std::size_t, double>>& points,
                      double maxSpeed)
{
    double lastSpeed = 0;
    for (std::size_t k = 1; k < points.size(); ++k) {
        const std::size_t from = points[k - 1].first;
        const std::size_t to = points[k].first;
        const double metres = points[k].second;
        if (!(metres > 0)) { // standing still, or a distance counter that was reset
            lastSpeed = metres == 0 ? 0 : lastSpeed;
            continue;
        }
        const double speed = metres / static_cast<double>(to - from);
        if (speed > maxSpeed) { // a GPS jump: the athlete went on as before, or stood still over a long gap
            if (heldAcross(from, to))
                fill(out, from, to, lastSpeed);
            continue;
        }
        fill(out, from, to, speed);
        lastSpeed = speed;
    }
}

// Great-circle distance on the mean Earth radius (IUGG, 6,371,008.8 m), haversine form.
double haversineMetres(double lat1, double lon1, double lat2, double lon2)
{
    constexpr double kEarthRadius = 6371008.8;
    constexpr double kRad = 3.14159265358979323846 / 180.0;
    const double dLat = (lat2 - lat1) * kRad;
    const double dLon = (lon2 - lon1) * kRad;
    const double h = std::sin(dLat / 2) * std::sin(dLat / 2) +
                     std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * kEarthRadius * std::asin(std::min(1.0, std::sqrt(h)));
}

bool usableFix(double lat, double lon)
{
    // 0,0 is what several devices write before the first fix (cycling-srm-pc8-power-bad-start-latlng.fit).
    return std::isfinite(lat) && std::isfinite(lon) && std::abs(lat) <= 90 && std::abs(lon) <= 180 &&
           !(lat == 0 && lon == 0);
}

int finiteCount(const std::vector<double>& values, const std::vector<GridSample>& samples)
{
    int n = 0;
    for (const GridSample& g : samples)
        n += std::isfinite(valueAt(values, g.index)) ? 1 : 0;
    return n;
}

struct Reading {
    std::size_t second = 0;
    double bpm = 0;
};

// Which readings are believable, walking forwards (or backwards): each must lie within kHeartRateStep plus
// kHeartRateClimb per second of the last believable one.
std::vector<char> believable(const std::vector<Reading>& readings, bool backwards)
{
    std::vector<char> ok(readings.size(), 0);
    if (readings.empty())
        return ok;
    const std::size_t n = readings.size();
    const auto at = [&](std::size_t k) { return backwards ? n - 1 - k : k; };
    double level = readings[at(0)].bpm;
    double levelSecond = static_cast<double>(readings[at(0)].second);
    ok[at(0)] = 1;
    for (std::size_t k = 1; k < n; ++k) {
        const Reading& r = readings[at(k)];
        const double elapsed = std::abs(static_cast<double>(r.second) - levelSecond);
        if (std::abs(r.bpm - level) <= kHeartRateStep + kHeartRateClimb * elapsed) {
            ok[at(k)] = 1;
            level = r.bpm;
            levelSecond = static_cast<double>(r.second);
        }
    }
    return ok;
}

double known(double v)
{
    return isMissing(v) ? 0.0 : v;
}

} // namespace

std::vector<double> powerPerSecond(const Streams& streams)
{
    const std::vector<double>* power = streams.get(Channel::Power);
    const std::vector<GridSample> samples = gridSamples(streams.time);
    if (!power || samples.empty())
        return {};
    std::vector<double> out(samples.back().second + 1, kMissing);
    for (std::size_t k = 0; k < samples.size(); ++k) {
        const double raw = valueAt(*power, samples[k].index);
        const double watts = plausible::kPowerWatts.contains(raw) ? raw : kMissing;
        const std::size_t from = samples[k].second;
        const std::size_t to = nextSecond(samples, k);
        if (heldAcross(from, to)) {
            fill(out, from, to, watts);
        } else { // a pause: no work was done
            out[from] = watts;
            fill(out, from + 1, to, 0.0);
        }
    }
    // A dropout between known seconds holds the value before it when short; anything else unknown did no work.
    double last = kMissing;
    for (std::size_t i = 0; i < out.size();) {
        if (!isMissing(out[i])) {
            last = out[i++];
            continue;
        }
        std::size_t j = i;
        while (j < out.size() && isMissing(out[j]))
            ++j;
        const bool hold = !isMissing(last) && j < out.size() && heldAcross(i, j);
        fill(out, i, j, hold ? last : 0.0);
        i = j;
    }
    return out;
}

std::vector<double> metresPerSecond(const Streams& streams, double maxSpeed)
{
    const std::vector<GridSample> samples = gridSamples(streams.time);
    if (samples.size() < 2)
        return {};
    std::vector<double> out(samples.back().second + 1, 0.0);
    const std::vector<double>* distance = streams.get(Channel::Distance);
    const std::vector<double>* speed = streams.get(Channel::Speed);
    const std::vector<double>* lat = streams.get(Channel::Latitude);
    const std::vector<double>* lon = streams.get(Channel::Longitude);
    std::vector<std::pair<std::size_t, double>> points;
    if (distance && finiteCount(*distance, samples) >= 2) {
        double previous = kMissing;
        for (const GridSample& g : samples) {
            const double d = valueAt(*distance, g.index);
            if (!std::isfinite(d))
                continue;
            points.emplace_back(g.second, isMissing(previous) ? 0.0 : d - previous);
            previous = d;
        }
        spreadIncrements(out, points, maxSpeed);
    } else if (speed && finiteCount(*speed, samples) >= 2) {
        double lastGood = 0;
        for (std::size_t k = 0; k < samples.size(); ++k) {
            const double v = valueAt(*speed, samples[k].index);
            const bool good = std::isfinite(v) && v >= 0 && v <= maxSpeed;
            const std::size_t from = samples[k].second;
            const std::size_t to = nextSecond(samples, k);
            if (heldAcross(from, to)) {
                fill(out, from, to, good ? v : lastGood);
            } else {
                out[from] = good ? v : 0.0;
            }
            if (good)
                lastGood = v;
        }
    } else if (lat && lon) {
        std::optional<std::pair<double, double>> previous;
        for (const GridSample& g : samples) {
            const double la = valueAt(*lat, g.index), lo = valueAt(*lon, g.index);
            if (!usableFix(la, lo))
                continue;
            points.emplace_back(g.second, previous ? haversineMetres(previous->first, previous->second, la, lo) : 0.0);
            previous = std::make_pair(la, lo);
        }
        spreadIncrements(out, points, maxSpeed);
    }
    return out;
}

std::vector<double> heartRatePerSecond(const Streams& streams)
{
    const std::vector<double>* hr = streams.get(Channel::HeartRate);
    const std::vector<GridSample> samples = gridSamples(streams.time);
    if (!hr || samples.empty())
        return {};
    std::vector<Reading> readings;
    for (const GridSample& g : samples) {
        const double bpm = valueAt(*hr, g.index);
        if (plausible::kHeartRate.contains(bpm))
            readings.push_back({g.second, bpm});
    }
    const std::vector<char> forwards = believable(readings, false);
    const std::vector<char> backwards = believable(readings, true);
    std::vector<Reading> kept;
    for (std::size_t k = 0; k < readings.size(); ++k) {
        if (forwards[k] && backwards[k])
            kept.push_back(readings[k]);
    }
    std::vector<double> out(samples.back().second + 1, kMissing);
    for (std::size_t k = 0; k < kept.size(); ++k) {
        const std::size_t from = kept[k].second;
        const std::size_t to = k + 1 < kept.size() ? kept[k + 1].second : from + 1;
        if (heldAcross(from, to))
            fill(out, from, to, kept[k].bpm);
        else
            out[from] = kept[k].bpm;
    }
    return out;
}

std::optional<EffortWindow> bestMean(const std::vector<double>& perSecond, std::size_t seconds)
{
    if (seconds == 0 || perSecond.size() < seconds)
        return std::nullopt;
    double sum = 0;
    for (std::size_t i = 0; i < seconds; ++i)
        sum += known(perSecond[i]);
    double best = sum;
    std::size_t bestStart = 0;
    for (std::size_t i = seconds; i < perSecond.size(); ++i) {
        sum += known(perSecond[i]) - known(perSecond[i - seconds]);
        if (sum > best) {
            best = sum;
            bestStart = i + 1 - seconds;
        }
    }
    // The running sum drifts by rounding; the winner's mean is summed again exactly.
    double exact = 0;
    for (std::size_t i = bestStart; i < bestStart + seconds; ++i)
        exact += known(perSecond[i]);
    return EffortWindow{bestStart, seconds, exact / static_cast<double>(seconds)};
}

std::optional<EffortWindow> bestKnownMean(const std::vector<double>& perSecond, std::size_t seconds, double minKnown)
{
    if (seconds == 0 || perSecond.size() < seconds)
        return std::nullopt;
    const double needed = std::max(1.0, std::ceil(minKnown * static_cast<double>(seconds)));
    double sum = 0;
    double count = 0;
    std::optional<EffortWindow> best;
    for (std::size_t i = 0; i < perSecond.size(); ++i) {
        if (!isMissing(perSecond[i])) {
            sum += perSecond[i];
            count += 1;
        }
        if (i >= seconds && !isMissing(perSecond[i - seconds])) {
            sum -= perSecond[i - seconds];
            count -= 1;
        }
        if (i + 1 >= seconds && count >= needed) {
            const double mean = sum / count;
            if (!best || mean > best->mean)
                best = EffortWindow{i + 1 - seconds, seconds, mean};
        }
    }
    if (best) {
        double exact = 0, n = 0;
        for (std::size_t i = best->start; i < best->start + seconds; ++i) {
            if (!isMissing(perSecond[i])) {
                exact += perSecond[i];
                n += 1;
            }
        }
        best->mean = exact / n;
    }
    return best;
}

std::optional<double> highestHeld(const std::vector<double>& perSecond, std::size_t seconds)
{
    if (seconds == 0)
        return std::nullopt;
    std::optional<double> best;
    std::deque<std::size_t> minima; // indices of rising values: the front is the window's minimum
    std::size_t runStart = 0;
    for (std::size_t i = 0; i < perSecond.size(); ++i) {
        if (isMissing(perSecond[i])) {
            minima.clear();
            runStart = i + 1;
            continue;
        }
        while (!minima.empty() && perSecond[minima.back()] >= perSecond[i])
            minima.pop_back();
        minima.push_back(i);
        if (minima.front() + seconds <= i)
            minima.pop_front();
        if (i + 1 >= runStart + seconds) {
            const double held = perSecond[minima.front()];
            if (!best || held > *best)
                best = held;
        }
    }
    return best;
}

namespace {

// A length a CSS can be timed on: swum (not rest), freestyle or of unknown stroke, at a speed a swimmer can reach
// (a faster one is a turn the watch counted twice, a slower one a rest it missed).
bool timeable(const PoolLength& l, double pool)
{
    if (!l.active || !(l.durationSec > 0))
        return false;
    if (!l.strokeType.isEmpty() && l.strokeType != QLatin1String("freestyle"))
        return false;
    const double speed = pool / l.durationSec;
    return speed >= 0.25 && speed <= 2.5;
}

// No rest at the wall between two lengths (devices write rest as idle lengths, or as a gap between lengths). A turn
// can leave a gap of several seconds (the Apple Watch's lengths in swim-pool-apple-watch-bingi-25m.fit show 5–7 s
// inside a continuous swim); a rest between sets is longer.
bool continues(const PoolLength& before, const PoolLength& after)
{
    constexpr double kMaxTurnSec = 10.0;
    const double gap = after.startOffsetSec - (before.startOffsetSec + before.durationSec);
    return gap > -kMaxTurnSec && gap <= kMaxTurnSec;
}

} // namespace

std::optional<SwimEffort> fastestPoolSwim(const Activity& activity, double metres)
{
    if (!activity.poolLengthM || !plausible::kPoolLengthM.contains(*activity.poolLengthM) || !(metres > 0))
        return std::nullopt;
    const double pool = *activity.poolLengthM;
    const auto needed = static_cast<std::size_t>(std::ceil(metres / pool - 1e-9));
    const auto& lengths = activity.lengths;
    std::optional<SwimEffort> best;
    std::size_t runStart = 0;
    double runSeconds = 0; // swum seconds of the last `needed` lengths of the run
    for (std::size_t i = 0; i < lengths.size(); ++i) {
        if (!timeable(lengths[i], pool)) {
            runStart = i + 1;
            runSeconds = 0;
            continue;
        }
        if (i > runStart && !continues(lengths[i - 1], lengths[i])) {
            runStart = i;
            runSeconds = 0;
        }
        runSeconds += lengths[i].durationSec;
        if (i + 1 - runStart > needed)
            runSeconds -= lengths[i - needed].durationSec;
        if (i + 1 - runStart >= needed) {
            const std::size_t first = i + 1 - needed;
            // The turns between lengths belong to the swim: from the first length's start to the last one's end
            // when the offsets agree with the durations, else the lengths' own times.
            const double span = lengths[i].startOffsetSec + lengths[i].durationSec - lengths[first].startOffsetSec;
            const double swum =
                span >= runSeconds && span <= runSeconds + 10.0 * static_cast<double>(needed) ? span : runSeconds;
            const double seconds = swum * metres / (static_cast<double>(needed) * pool);
            if (!best || seconds < best->seconds)
                best = SwimEffort{seconds, lengths[first].startOffsetSec};
        }
    }
    return best;
}

std::optional<LineFit> fitLine(const std::vector<std::pair<double, double>>& points)
{
    if (points.size() < 2)
        return std::nullopt;
    const double n = static_cast<double>(points.size());
    double mx = 0, my = 0;
    for (const auto& [x, y] : points) {
        mx += x;
        my += y;
    }
    mx /= n;
    my /= n;
    double sxx = 0, sxy = 0, syy = 0;
    for (const auto& [x, y] : points) {
        sxx += (x - mx) * (x - mx);
        sxy += (x - mx) * (y - my);
        syy += (y - my) * (y - my);
    }
    if (!(sxx > 0))
        return std::nullopt;
    LineFit fit;
    fit.slope = sxy / sxx;
    fit.intercept = my - fit.slope * mx;
    double residual = 0;
    for (const auto& [x, y] : points) {
        const double e = y - (fit.intercept + fit.slope * x);
        residual += e * e;
    }
    fit.r2 = syy > 0 ? 1.0 - residual / syy : 1.0;
    return fit;
}

} // namespace tricoach
