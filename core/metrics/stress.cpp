#include "core/metrics/stress.h"

#include "core/model/plausible.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace tricoach {

namespace {

// Samples further apart than this are a stop (auto-pause, lost sensor): the gap is skipped, not filled.
// Devices using "smart recording" write every 1–8 s, so values are held across shorter gaps.
constexpr double kMaxHoldSec = 10.0;
// Running slower than this (m/s, a slow walk) counts as standing still.
constexpr double kMinRunningSpeed = 0.5;

double hoursOf(double seconds)
{
    return seconds / 3600.0;
}

bool positive(const std::optional<double>& v)
{
    return v && std::isfinite(*v) && *v > 0;
}

// A channel resampled onto a 1-second grid by holding the last recorded value; gaps longer than
// kMaxHoldSec are dropped. Missing samples stay NaN. Each element stands for one second of recording.
std::vector<double> resample1Hz(const Streams& s, Channel c)
{
    std::vector<double> out;
    const std::vector<double>* values = s.get(c);
    if (!values || s.time.empty())
        return out;
    // Most recordings are 1 Hz already, and then the channel is its own resampling: a copy, not a sample-by-sample
    // rebuild (which was most of the cost of computing a ride's load).
    bool everySecond = true;
    for (std::size_t i = 1; i < s.time.size(); ++i)
        everySecond &= s.time[i] - s.time[i - 1] == 1.0;
    if (everySecond && values->size() == s.time.size())
        return *values;
    out.reserve(static_cast<std::size_t>(std::max(0.0, s.time.back() - s.time.front())) + 1);
    for (std::size_t i = 0; i < s.time.size(); ++i) {
        double span = 1.0;
        if (i + 1 < s.time.size()) {
            span = s.time[i + 1] - s.time[i];
            if (!(span > 0))
                continue; // duplicate or out-of-order timestamp: the next sample supersedes this one
            if (span > kMaxHoldSec)
                span = 1.0; // a stop: keep this sample's own second only
        }
        const auto n = static_cast<std::size_t>(std::lround(span));
        out.insert(out.end(), std::max<std::size_t>(n, 1), (*values)[i]);
    }
    return out;
}

StressScore quadraticScore(double seconds, double intensity)
{
    // 100 × hours × IF²: one hour at threshold scores 100 (Coggan's TSS definition).
    return StressScore{100.0 * hoursOf(seconds) * intensity * intensity, intensity};
}

// Minetti et al. 2002, J Appl Physiol 93:1039: energy cost of running on gradient i (J·kg⁻¹·m⁻¹).
double runningCost(double grade)
{
    const double i = std::clamp(grade, -0.45, 0.45);
    return ((((155.4 * i - 30.4) * i - 43.3) * i + 46.3) * i + 19.5) * i + 3.6;
}

std::optional<StressScore> runPaceStress(const Activity& a, const Thresholds& t)
{
    if (!positive(t.runThresholdSpeed))
        return std::nullopt;
    const double threshold = *t.runThresholdSpeed;

    // With a distance stream: grade-adjusted speed, from distance and altitude over each second.
    const std::vector<double> dist = resample1Hz(a.streams, Channel::Distance);
    if (dist.size() > 1) {
        const std::vector<double> alt = resample1Hz(a.streams, Channel::Altitude);
        double movingSec = 0;
        double flatEquivalentM = 0;
        // Grade over a window of ~10 s smooths barometric and GPS noise.
        constexpr std::size_t kGradeWindow = 10;
        for (std::size_t i = 1; i < dist.size(); ++i) {
            const double d = dist[i] - dist[i - 1];
            if (!std::isfinite(d) || d < kMinRunningSpeed)
                continue;
            double grade = 0;
            if (alt.size() == dist.size()) {
                const std::size_t j = i >= kGradeWindow ? i - kGradeWindow : 0;
                const double run = dist[i] - dist[j];
                const double rise = alt[i] - alt[j];
                if (std::isfinite(run) && std::isfinite(rise) && run > 5)
                    grade = rise / run;
            }
            movingSec += 1;
            flatEquivalentM += d * runningCost(grade) / runningCost(0);
        }
        if (movingSec > 0)
            return quadraticScore(movingSec, flatEquivalentM / movingSec / threshold);
    }
    // Summary only: average speed over the activity.
    const double seconds = a.durationSec();
    if (!positive(a.distanceM) || seconds <= 0)
        return std::nullopt;
    return quadraticScore(seconds, *a.distanceM / seconds / threshold);
}

std::optional<StressScore> swimPaceStress(const Activity& a, const Thresholds& t)
{
    if (!positive(t.cssSpeed))
        return std::nullopt;
    double activeSec = 0;
    double distance = 0;
    if (!a.lengths.empty() && positive(a.poolLengthM)) {
        for (const auto& len : a.lengths) {
            if (len.active) { // rest at the wall is excluded
                activeSec += len.durationSec;
                distance += *a.poolLengthM;
            }
        }
    } else if (positive(a.distanceM)) {
        distance = *a.distanceM;
        activeSec = a.durationSec(); // moving time excludes rest when the device recorded it
    }
    if (activeSec <= 0 || distance <= 0)
        return std::nullopt;
    // Swim stress is cubic in intensity: drag rises with the square of speed, power with its cube.
    const double intensity = distance / activeSec / *t.cssSpeed;
    return StressScore{100.0 * hoursOf(activeSec) * intensity * intensity * intensity, intensity};
}

// Banister's TRIMP weighting of one minute at heart-rate reserve fraction x.
double trimpPerMinute(double x, const LoadSettings& s)
{
    return x * s.trimpK * std::exp(s.trimpB * x);
}

// Normalized power of a power series already on the 1-second grid.
std::optional<double> normalizedPowerOf(const std::vector<double>& power)
{
    constexpr std::size_t kWindow = 30;
    if (power.size() < kWindow)
        return std::nullopt;
    double windowSum = 0;
    double sumFourth = 0;
    std::size_t count = 0;
    for (std::size_t i = 0; i < power.size(); ++i) {
        windowSum += isMissing(power[i]) ? 0.0 : power[i];
        if (i >= kWindow)
            windowSum -= isMissing(power[i - kWindow]) ? 0.0 : power[i - kWindow];
        if (i + 1 >= kWindow) {
            const double mean = windowSum / kWindow;
            sumFourth += mean * mean * mean * mean;
            ++count;
        }
    }
    return std::pow(sumFourth / static_cast<double>(count), 0.25);
}

} // namespace

std::optional<double> normalizedPower(const Streams& streams)
{
    return normalizedPowerOf(resample1Hz(streams, Channel::Power));
}

std::optional<StressScore> powerStress(const Activity& a, const Thresholds& t)
{
    if (!positive(t.ftpWatts))
        return std::nullopt;
    if (a.streams.has(Channel::Power)) {
        const std::vector<double> power = resample1Hz(a.streams, Channel::Power); // once: NP and its duration
        if (auto np = normalizedPowerOf(power))
            return quadraticScore(static_cast<double>(power.size()), *np / *t.ftpWatts);
    }
    if (positive(a.avgPower) && a.durationSec() > 0)
        return quadraticScore(a.durationSec(), *a.avgPower / *t.ftpWatts);
    return std::nullopt;
}

std::optional<StressScore> paceStress(const Activity& a, const Thresholds& t)
{
    switch (a.sport) {
    case Sport::Run:
        return runPaceStress(a, t);
    case Sport::Swim:
        return swimPaceStress(a, t);
    default:
        return std::nullopt;
    }
}

std::optional<StressScore> heartRateStress(const Activity& a, const Thresholds& t, const LoadSettings& s)
{
    const auto lthr = t.lthrFor(a.sport);
    if (!positive(lthr) || !positive(t.maxHr) || !t.restingHr || *t.maxHr <= *t.restingHr)
        return std::nullopt;
    const double rest = *t.restingHr;
    const double reserve = *t.maxHr - rest;
    auto fraction = [&](double hr) { return std::clamp((hr - rest) / reserve, 0.0, 1.0); };

    double trimp = 0;
    double seconds = 0;
    const std::vector<double> hr = resample1Hz(a.streams, Channel::HeartRate);
    for (double v : hr) {
        if (!isMissing(v)) {
            trimp += trimpPerMinute(fraction(v), s) / 60.0;
            seconds += 1;
        }
    }
    if (seconds == 0) {
        if (!positive(a.avgHr) || a.durationSec() <= 0)
            return std::nullopt;
        seconds = a.durationSec();
        trimp = trimpPerMinute(fraction(*a.avgHr), s) * seconds / 60.0;
    }
    // Normalised so that 60 minutes at LTHR score 100, as a power-based score would at FTP.
    const double hourAtThreshold = 60.0 * trimpPerMinute(fraction(*lthr), s);
    if (hourAtThreshold <= 0)
        return std::nullopt;
    const double load = 100.0 * trimp / hourAtThreshold;
    return StressScore{load, std::sqrt(load / (100.0 * hoursOf(seconds)))};
}

std::optional<StressScore> rpeStress(const Activity& a)
{
    if (!a.rpe || *a.rpe < 1 || *a.rpe > 10 || a.durationSec() <= 0)
        return std::nullopt;
    // Our calibration of Foster's CR-10 session RPE onto Coggan's intensity levels: 2 very easy (recovery),
    // 4 steady endurance, 6 tempo, 8 sweet spot, 9 an hour-long all-out effort (threshold).
    static constexpr std::array<double, 10> kIntensity{0.50, 0.55, 0.65, 0.70, 0.75, 0.80, 0.85, 0.92, 1.00, 1.05};
    return quadraticScore(a.durationSec(), kIntensity[static_cast<std::size_t>(*a.rpe - 1)]);
}

StressScore estimatedStress(const Activity& a, const LoadSettings& s)
{
    return StressScore{hoursOf(std::max(0.0, a.durationSec())) * s.estimateFor(a.sport), std::nullopt};
}

LoadResult computeLoad(const Activity& a, const Thresholds& t, const LoadSettings& s)
{
    QString note;
    if (a.userLoad) {
        if (plausible::kUserLoad.contains(*a.userLoad))
            return LoadResult{*a.userLoad, LoadSource::User, std::nullopt, {}};
        // Typed in before values were checked (or by a bad import): not believed, and said so.
        note = QStringLiteral("The load entered (%1) is not plausible, so it was computed instead.")
                   .arg(QString::number(*a.userLoad, 'g', 6));
    }
    for (LoadSource source : s.precedenceFor(a.sport)) {
        std::optional<StressScore> score;
        switch (source) {
        case LoadSource::Power:
            score = powerStress(a, t);
            break;
        case LoadSource::Pace:
            score = paceStress(a, t);
            break;
        case LoadSource::HeartRate:
            score = heartRateStress(a, t, s);
            break;
        case LoadSource::Rpe:
            score = rpeStress(a);
            break;
        case LoadSource::Estimate:
            score = estimatedStress(a, s);
            break;
        case LoadSource::User:
        case LoadSource::None:
            break;
        }
        if (score && std::isfinite(score->load) && score->load >= 0)
            return LoadResult{score->load, source, score->intensity, note};
    }
    // Nothing in the athlete's precedence applied: the estimate is always possible.
    const StressScore est = estimatedStress(a, s);
    return LoadResult{est.load, LoadSource::Estimate, std::nullopt, note};
}

} // namespace tricoach
