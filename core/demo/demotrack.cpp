#include "core/demo/demotrack.h"

#include <algorithm>
#include <limits>

namespace tricoach::demo {

namespace {

constexpr double kMetresPerDegree = 111320.0; // of latitude; of longitude times cos(latitude)
constexpr std::size_t kLoopPoints = 256;

// Mean, maximum and count of the finite samples of `v` in [begin, end) that pass `keep`.
struct Stats {
    double sum = 0;
    double max = -std::numeric_limits<double>::infinity();
    std::size_t count = 0;
    std::optional<double> mean() const { return count ? std::optional<double>(sum / count) : std::nullopt; }
    std::optional<double> maximum() const { return count ? std::optional<double>(max) : std::nullopt; }
};

template <typename Keep> Stats statsOf(const std::vector<double>* v, std::size_t begin, std::size_t end, Keep keep)
{
    Stats s;
    if (!v)
        return s;
    for (std::size_t i = begin; i < end; ++i) {
        const double x = (*v)[i];
        if (!isMissing(x) && keep(x)) {
            s.sum += x;
            s.max = std::max(s.max, x);
            ++s.count;
        }
    }
    return s;
}

bool any(double)
{
    return true;
}
bool nonZero(double x)
{
    return x > 0;
}

std::size_t movingSamples(const Streams& s, std::size_t begin, std::size_t end, double movingSpeed)
{
    const std::vector<double>* speed = s.get(Channel::Speed);
    if (!speed)
        return end - begin;
    std::size_t n = 0;
    for (std::size_t i = begin; i < end; ++i)
        n += (*speed)[i] >= movingSpeed ? 1 : 0;
    return n;
}

std::optional<double> distanceOver(const Streams& s, std::size_t begin, std::size_t end)
{
    const std::vector<double>* d = s.get(Channel::Distance);
    if (!d || end <= begin)
        return std::nullopt;
    // A lap's distance runs from the end of the previous lap's last sample.
    const double from = begin > 0 ? (*d)[begin - 1] : 0.0;
    return (*d)[end - 1] - from;
}

} // namespace

Loop::Loop(double homeLat, double homeLon, double lengthM, double headingMin, double headingMax, DemoRandom& rng)
    : m_lat0(homeLat)
    , m_lon0(homeLon)
    , m_length(std::max(lengthM, 100.0))
{
    // r(θ) = 1 + a·sin(kθ) + b·sin(2θ) is 1 at θ = 0 and 2π, so the route starts and ends at home; the
    // harmonics make each loop a different shape.
    const double heading = rng.uniform(headingMin, headingMax);
    const double a = rng.uniform(0.05, 0.15);
    const double k = rng.between(3, 5);
    const double b = rng.uniform(-0.12, 0.12);
    const double cx = std::cos(heading);
    const double cy = std::sin(heading);
    m_x.resize(kLoopPoints + 1);
    m_y.resize(kLoopPoints + 1);
    m_s.resize(kLoopPoints + 1);
    for (std::size_t i = 0; i <= kLoopPoints; ++i) {
        const double theta = 2 * kPi * static_cast<double>(i) / kLoopPoints;
        const double r = 1 + a * std::sin(k * theta) + b * std::sin(2 * theta);
        m_x[i] = cx + r * std::cos(theta + heading + kPi);
        m_y[i] = cy + r * std::sin(theta + heading + kPi);
        m_s[i] = i == 0 ? 0.0 : m_s[i - 1] + std::hypot(m_x[i] - m_x[i - 1], m_y[i] - m_y[i - 1]);
    }
    // Scaled so that the route is exactly as long as asked: GPS distance then agrees with the distance channel.
    const double scale = m_length / m_s.back();
    for (std::size_t i = 0; i <= kLoopPoints; ++i) {
        m_x[i] *= scale;
        m_y[i] *= scale;
        m_s[i] *= scale;
    }
}

void Loop::position(double distanceM, double& lat, double& lon)
{
    const double d = std::fmod(std::max(distanceM, 0.0), m_length);
    if (d < m_s[m_cursor])
        m_cursor = 0; // a new lap
    while (m_cursor + 2 < m_s.size() && m_s[m_cursor + 1] <= d)
        ++m_cursor;
    const std::size_t i = m_cursor;
    const double span = m_s[i + 1] - m_s[i];
    const double f = span > 0 ? std::clamp((d - m_s[i]) / span, 0.0, 1.0) : 0.0;
    const double x = m_x[i] + f * (m_x[i + 1] - m_x[i]);
    const double y = m_y[i] + f * (m_y[i + 1] - m_y[i]);
    lat = toSemicircles(m_lat0 + y / kMetresPerDegree);
    lon = toSemicircles(m_lon0 + x / (kMetresPerDegree * std::cos(m_lat0 * kPi / 180.0)));
}

Terrain::Terrain(double baseM, double loopM, std::array<double, 3> amplitudesM, std::array<double, 3> wavelengthsM,
                 DemoRandom& rng)
    : m_base(baseM)
    , m_amp(amplitudesM)
{
    for (std::size_t i = 0; i < 3; ++i) {
        const double waves = std::max(1.0, std::round(loopM / wavelengthsM[i]));
        m_k[i] = 2 * kPi * waves / std::max(loopM, 1.0);
        m_phase[i] = rng.uniform(0, 2 * kPi);
    }
}

double Terrain::altitude(double distanceM) const
{
    double h = m_base;
    for (std::size_t i = 0; i < 3; ++i)
        h += m_amp[i] * std::sin(m_k[i] * distanceM + m_phase[i]);
    return h;
}

double Terrain::grade(double distanceM) const
{
    double g = 0;
    for (std::size_t i = 0; i < 3; ++i)
        g += m_amp[i] * m_k[i] * std::cos(m_k[i] * distanceM + m_phase[i]);
    return g;
}

HeartModel::HeartModel(double startBpm, double restBpm, double maxBpm)
    : m_bpm(startBpm)
    , m_rest(restBpm)
    , m_max(maxBpm)
{
}

double HeartModel::step(double steadyBpm, double elapsedSec, DemoRandom& rng)
{
    // Cardiac drift: about 4 bpm an hour at endurance effort and above, none when idling.
    const double drift = steadyBpm > m_rest + 50 ? 4.0 * elapsedSec / 3600.0 : 0.0;
    const double target = std::min(steadyBpm + drift, m_max - 1);
    const double tau = target > m_bpm ? 25.0 : 45.0;
    m_bpm += (target - m_bpm) / tau;
    return std::clamp(std::round(m_bpm + rng.normal(0, 0.7)), m_rest - 3, m_max);
}

void HeartModel::pause(double seconds)
{
    const double easy = m_rest + 30;
    m_bpm = easy + (m_bpm - easy) * std::exp(-seconds / 60.0);
}

double runningCost(double grade)
{
    const double i = std::clamp(grade, -0.45, 0.45);
    return ((((155.4 * i - 30.4) * i - 43.3) * i + 46.3) * i + 19.5) * i + 3.6;
}

Lap lapOf(const Streams& s, std::size_t begin, std::size_t end, double movingSpeed)
{
    Lap lap;
    if (end <= begin || end > s.size())
        return lap;
    lap.startOffsetSec = s.time[begin];
    lap.elapsedSec = s.time[end - 1] + 1 - s.time[begin];
    lap.movingSec = static_cast<double>(movingSamples(s, begin, end, movingSpeed));
    lap.distanceM = distanceOver(s, begin, end);
    const Stats hr = statsOf(s.get(Channel::HeartRate), begin, end, any);
    lap.avgHr = hr.mean();
    lap.maxHr = hr.maximum();
    const Stats power = statsOf(s.get(Channel::Power), begin, end, any);
    lap.avgPower = power.mean();
    lap.maxPower = power.maximum();
    lap.avgCadence = statsOf(s.get(Channel::Cadence), begin, end, nonZero).mean();
    if (lap.distanceM && lap.movingSec > 0)
        lap.avgSpeed = *lap.distanceM / lap.movingSec;
    return lap;
}

std::vector<Lap> lapsAt(const Streams& s, const std::vector<std::size_t>& starts, double movingSpeed)
{
    std::vector<Lap> laps;
    for (std::size_t i = 0; i < starts.size(); ++i) {
        const std::size_t end = i + 1 < starts.size() ? starts[i + 1] : s.size();
        if (end > starts[i])
            laps.push_back(lapOf(s, starts[i], end, movingSpeed));
    }
    return laps;
}

void summarize(Activity& a, double movingSpeed)
{
    const Streams& s = a.streams;
    const std::size_t n = s.size();
    if (n == 0)
        return;
    const Lap whole = lapOf(s, 0, n, movingSpeed);
    a.elapsedSec = whole.elapsedSec;
    a.movingSec = whole.movingSec;
    a.distanceM = whole.distanceM;
    a.avgHr = whole.avgHr;
    a.maxHr = whole.maxHr;
    a.avgPower = whole.avgPower;
    a.maxPower = whole.maxPower;
    a.avgCadence = whole.avgCadence;
    a.maxCadence = statsOf(s.get(Channel::Cadence), 0, n, nonZero).maximum();
    a.avgSpeed = whole.avgSpeed;
    a.maxSpeed = statsOf(s.get(Channel::Speed), 0, n, any).maximum();
    if (const std::vector<double>* alt = s.get(Channel::Altitude)) {
        double gain = 0;
        for (std::size_t i = 1; i < n; ++i)
            gain += std::max(0.0, (*alt)[i] - (*alt)[i - 1]);
        a.elevationGainM = std::round(gain);
    }
}

} // namespace tricoach::demo
