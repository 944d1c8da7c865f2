#pragma once
// Loads computed independently of core/metrics, written from the published definitions (Coggan's normalised
// power, Banister's TRIMP, Minetti's cost of running, the cubic swim score), for tests that check the product's
// loads on real recordings: the corpus test of core/metrics and the new athlete's whole import (tests/ui).

#include "core/metrics/settings.h"
#include "core/metrics/stress.h"
#include "core/model/activity.h"
#include "core/model/athlete.h"
#include "tests/unit/core/metrics/syntheticsessions.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace tricoach::test::independent {

// The samples that move a recording forward: finite times, each later than every one before (a file that repeats a
// stretch of time, as one of the TCX files does lap by lap, holds that time once).
inline std::vector<std::size_t> timeline(const std::vector<double>& time)
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < time.size(); ++i) {
        if (std::isfinite(time[i]) && (out.empty() || time[i] > time[out.back()]))
            out.push_back(i);
    }
    return out;
}

// The interval beyond which two samples are not one recording but a gap: four times the usual interval, and at
// least 10 s (smart recording writes every 1–8 s).
inline double gapOf(const std::vector<double>& time, const std::vector<std::size_t>& line)
{
    std::vector<double> steps;
    for (std::size_t k = 1; k < line.size(); ++k)
        steps.push_back(time[line[k]] - time[line[k - 1]]);
    if (steps.empty())
        return 10;
    std::sort(steps.begin(), steps.end());
    return std::max(10.0, 4 * steps[steps.size() / 2]);
}

// The seconds the k-th sample of the timeline stands for: until the next one; one second before a gap or at the end.
inline double secondsOf(const std::vector<double>& time, const std::vector<std::size_t>& line, std::size_t k,
                        double gap)
{
    if (k + 1 >= line.size())
        return 1;
    const double step = time[line[k + 1]] - time[line[k]];
    return step > gap ? 1 : step;
}

inline double quadratic(double seconds, double intensity)
{
    return 100.0 * seconds / 3600.0 * intensity * intensity;
}

// Coggan: NP = fourth root of the mean fourth power of the 30 s rolling mean of power, sampled every second
// (each sample held until the next); load = 100 · hours · (NP / threshold)².
inline std::optional<double> independentPowerLoad(const Activity& a, double threshold)
{
    const Streams& s = a.streams;
    const auto* power = s.get(Channel::Power);
    if (!power) {
        if (!a.avgPower)
            return std::nullopt;
        return quadratic(a.durationSec(), *a.avgPower / threshold);
    }
    const std::vector<std::size_t> line = timeline(s.time);
    const double gap = gapOf(s.time, line);
    std::vector<double> perSecond;
    for (std::size_t k = 0; k < line.size(); ++k) {
        const double v = std::isnan((*power)[line[k]]) ? 0.0 : (*power)[line[k]];
        perSecond.insert(perSecond.end(), static_cast<std::size_t>(std::lround(secondsOf(s.time, line, k, gap))), v);
    }
    if (perSecond.size() < 30)
        return a.avgPower ? std::optional(quadratic(a.durationSec(), *a.avgPower / threshold)) : std::nullopt;
    double fourth = 0;
    for (std::size_t end = 30; end <= perSecond.size(); ++end) {
        double sum = 0;
        for (std::size_t k = end - 30; k < end; ++k)
            sum += perSecond[k];
        fourth += std::pow(sum / 30, 4);
    }
    const double np = std::pow(fourth / static_cast<double>(perSecond.size() - 29), 0.25);
    return quadratic(static_cast<double>(perSecond.size()), np / threshold);
}

// Banister's TRIMP (k = 0.64, b = 1.92), normalised so an hour at LTHR scores 100; the recorded part stands for
// the whole session when the strap recorded less than its moving time.
inline std::optional<double> independentHeartRateLoad(const Activity& a, const Thresholds& t)
{
    const double lthr = *t.lthrFor(a.sport);
    const auto weight = [&](double hr) {
        const double x = std::clamp((hr - *t.restingHr) / (*t.maxHr - *t.restingHr), 0.0, 1.0);
        return x * 0.64 * std::exp(1.92 * x);
    };
    const Streams& s = a.streams;
    const auto* hr = s.get(Channel::HeartRate);
    double trimp = 0, seconds = 0;
    if (hr) {
        const std::vector<std::size_t> line = timeline(s.time);
        const double gap = gapOf(s.time, line);
        for (std::size_t k = 0; k < line.size(); ++k) {
            const double bpm = (*hr)[line[k]];
            if (std::isnan(bpm))
                continue;
            const double dt = secondsOf(s.time, line, k, gap);
            trimp += weight(bpm) * dt / 60;
            seconds += dt;
        }
        if (seconds > 0 && seconds < a.durationSec())
            trimp *= a.durationSec() / seconds;
    } else if (a.avgHr) {
        trimp = weight(*a.avgHr) * a.durationSec() / 60;
    }
    return 100.0 * trimp / (60 * weight(lthr));
}

// Minetti's cost ratio (cost at the gradient over cost on the flat) averaged over a run's distance, from its
// altitude read every 200 m of distance: over that baseline the few metres GPS altitude wanders move the gradient
// by a few per cent only. 1 without altitude.
inline double gradeFactor(const Streams& s, const std::vector<std::size_t>& line)
{
    const auto* dist = s.get(Channel::Distance);
    const auto* alt = s.get(Channel::Altitude);
    if (!dist || !alt)
        return 1;
    std::vector<double> d, z;
    for (std::size_t i : line) {
        if (std::isfinite((*dist)[i]) && std::isfinite((*alt)[i]) && (d.empty() || (*dist)[i] > d.back())) {
            d.push_back((*dist)[i]);
            z.push_back((*alt)[i]);
        }
    }
    if (d.size() < 2)
        return 1;
    const auto altitudeAt = [&](double x) {
        const auto hi = std::min<std::size_t>(std::upper_bound(d.begin(), d.end(), x) - d.begin(), d.size() - 1);
        const std::size_t lo = hi - 1;
        return z[lo] + (z[hi] - z[lo]) * std::clamp((x - d[lo]) / (d[hi] - d[lo]), 0.0, 1.0);
    };
    double weighted = 0, total = 0;
    for (double x = d.front(); x < d.back(); x += 200) {
        const double step = std::min(200.0, d.back() - x);
        const double grade = std::clamp((altitudeAt(x + step) - altitudeAt(x)) / step, -0.45, 0.45);
        weighted += step * minettiCostOfRunning(grade) / minettiCostOfRunning(0);
        total += step;
    }
    return weighted / total;
}

// A run's running time and distance, read in 10-second bins of the recording (the distance at a bin's edges
// interpolated in time): a bin covering 0.5–10 m/s is running. Bins measure over several samples, so a watch that
// repeats its last position until the next GPS fix is read at its real speed; a bin with a GPS jump is left out.
struct Running {
    double seconds = 0, metres = 0, recorded = 0, gradeFactor = 1;
};
inline Running runningOf(const Streams& s)
{
    Running r;
    const auto* dist = s.get(Channel::Distance);
    if (!dist)
        return r;
    const std::vector<std::size_t> all = timeline(s.time);
    const double gap = gapOf(s.time, all);
    std::vector<double> t, d; // one stretch of recording without a gap
    const auto readStretch = [&] {
        if (t.size() < 2)
            return;
        r.recorded += t.back() - t.front();
        std::size_t j = 0;
        const auto distanceAt = [&](double x) {
            while (j + 2 < t.size() && t[j + 1] < x)
                ++j;
            return d[j] + (d[j + 1] - d[j]) * std::clamp((x - t[j]) / (t[j + 1] - t[j]), 0.0, 1.0);
        };
        for (double from = t.front(); from < t.back(); from += 10) {
            const double length = std::min(10.0, t.back() - from);
            const double start = distanceAt(from); // first: the pointer into the stretch only moves on
            const double metres = distanceAt(from + length) - start;
            if (metres / length >= 0.5 && metres / length <= 10) {
                r.seconds += length;
                r.metres += metres;
            }
        }
    };
    for (std::size_t i : all) {
        if (std::isnan((*dist)[i]))
            continue;
        if (!t.empty() && s.time[i] - t.back() > gap) {
            readStretch();
            t.clear();
            d.clear();
        }
        t.push_back(s.time[i]);
        d.push_back((*dist)[i]);
    }
    readStretch();
    r.gradeFactor = gradeFactor(s, all);
    return r;
}

// Grade-adjusted pace over the running time, the grade from gradeFactor; the device's distance and time (flat)
// when the recording covers less than half of the session.
inline std::optional<double> independentRunPaceLoad(const Activity& a, double thresholdSpeed)
{
    const Running r = runningOf(a.streams);
    if (r.seconds > 0 && r.recorded >= 0.5 * a.durationSec())
        return quadratic(r.seconds, r.metres * r.gradeFactor / r.seconds / thresholdSpeed);
    if (!a.distanceM || a.durationSec() <= 0)
        return std::nullopt;
    return quadratic(a.durationSec(), *a.distanceM / a.durationSec() / thresholdSpeed);
}

// Swim: 100 · hours · (speed / CSS)³ over the swum lengths (rest at the wall left out), else distance over time.
inline std::optional<double> independentSwimLoad(const Activity& a, double css)
{
    double seconds = 0, metres = 0;
    if (a.poolLengthM) {
        for (const PoolLength& len : a.lengths) {
            if (len.active && len.durationSec > 0 && *a.poolLengthM / len.durationSec <= 2.5) {
                seconds += len.durationSec;
                metres += *a.poolLengthM;
            }
        }
    }
    if (seconds == 0 && a.distanceM) {
        seconds = a.durationSec();
        metres = *a.distanceM;
    }
    if (seconds <= 0)
        return std::nullopt;
    const double x = metres / seconds / css;
    return 100.0 * seconds / 3600 * x * x * x;
}

// How far ours may be from the independent value: both follow the same definitions, but resample, split stops
// and gaps, and round differently.
inline constexpr double kTolerance = 0.03;
// Hilly runs (whose gradients add more than 1 % to the distance): ours reads gradients from altitude smoothed over
// 200 m of distance, the check here from 200 m segments, and on steep ground the two differ by up to ~8 %.
inline constexpr double kHillyTolerance = 0.08;
// Loads of a few seconds' recording (a 14 s SDK sample) differ by rounding alone.
inline constexpr double kMinTolerance = 0.1;

// The independent load of `a` from the input the product chose (`source`), with `t`; nothing when that input
// cannot be scored independently (a user's load, a source without its threshold).
inline std::optional<double> loadFrom(const Activity& a, const Thresholds& t, const LoadSettings& settings,
                                      LoadSource source)
{
    const bool onFoot =
        a.sport == Sport::Run || a.sport == Sport::Walk || a.sport == Sport::Hike || a.sport == Sport::Transition;
    switch (source) {
    case LoadSource::Power: {
        const auto threshold = onFoot ? t.runPowerWatts : t.ftpWatts;
        return threshold ? independentPowerLoad(a, *threshold) : std::nullopt;
    }
    case LoadSource::Pace:
        if (a.sport == Sport::Swim)
            return t.cssSpeed ? independentSwimLoad(a, *t.cssSpeed) : std::nullopt;
        return t.runThresholdSpeed ? independentRunPaceLoad(a, *t.runThresholdSpeed) : std::nullopt;
    case LoadSource::HeartRate:
        if (!t.lthrFor(a.sport) || !t.maxHr || !t.restingHr)
            return std::nullopt;
        return independentHeartRateLoad(a, t);
    case LoadSource::Estimate:
        return a.durationSec() / 3600 * settings.estimateFor(a.sport);
    default:
        return std::nullopt;
    }
}

// The tolerance for `independent`, the independent load of `a` from `source`.
inline double toleranceFor(const Activity& a, LoadSource source, double independent)
{
    const bool hilly = source == LoadSource::Pace && a.sport == Sport::Run && runningOf(a.streams).gradeFactor > 1.01;
    return std::max(kMinTolerance, (hilly ? kHillyTolerance : kTolerance) * independent);
}

} // namespace tricoach::test::independent
