#include "core/metrics/runpace.h"

#include "core/metrics/recording.h"
#include "core/model/plausible.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace tricoach {

namespace {

// Moving slower than this (m/s) is standing still: a slow walk is ~1 m/s, GPS drift while standing ~0.1–0.4.
constexpr double kMinRunningSpeed = 0.5;
// Speed is read over at least this many seconds: GPS positions wander by metres from second to second, and some
// recordings lag for a few seconds, then catch up in one step of 10–15 m.
constexpr double kSpeedWindowSec = 5;
// The altitude profile is rebuilt along the distance every kProfileStepM, averaged over kSmoothingM of distance
// (centred), and its gradient taken over kGradeBaseM. GPS altitude wanders by ±3–5 m over tens of seconds: read
// over 200 m its gradient error falls to about a per cent, so noise on flat ground adds under 2 % to the load
// (over 100 m it added 4–6 %), while hills a few hundred metres long keep their gradient.
constexpr double kProfileStepM = 5;
constexpr double kSmoothingM = 200;
constexpr double kGradeBaseM = 50;
// A barometer that jumps for one sample (a gust, a pressure wave in a tunnel) is taken out by a median of five.
constexpr std::size_t kDespikeSamples = 5;
// Longest profile built (plausible::kDistanceM at kProfileStepM); a longer recorded distance is not believed to be
// terrain and the run is taken as flat.
constexpr double kMaxProfilePoints = plausible::kDistanceM.max / kProfileStepM;

// Gradients along the distance of a run, from its smoothed altitude.
class GradeProfile {
public:
    bool empty() const { return m_grade.empty(); }
    double at(double distance) const
    {
        const double k = std::round((distance - m_start) / kProfileStepM);
        const double last = static_cast<double>(m_grade.size() - 1);
        return m_grade[static_cast<std::size_t>(std::clamp(k, 0.0, last))];
    }

    static GradeProfile build(const std::vector<double>& dist, const std::vector<double>& alt)
    {
        GradeProfile p;
        // Points where the distance moves on: standing still adds nothing to the terrain.
        std::vector<double> d, z;
        for (std::size_t i = 0; i < dist.size(); ++i) {
            if (std::isfinite(dist[i]) && std::isfinite(alt[i]) && (d.empty() || dist[i] > d.back())) {
                d.push_back(dist[i]);
                z.push_back(alt[i]);
            }
        }
        if (d.size() < 2 || (d.back() - d.front()) / kProfileStepM > kMaxProfilePoints)
            return p;
        z = despiked(z);

        // Altitude every kProfileStepM, linearly between the points around it.
        const auto n = static_cast<std::size_t>((d.back() - d.front()) / kProfileStepM) + 1;
        std::vector<double> grid(n);
        std::size_t j = 0;
        for (std::size_t k = 0; k < n; ++k) {
            const double x = d.front() + static_cast<double>(k) * kProfileStepM;
            while (j + 2 < d.size() && d[j + 1] < x)
                ++j;
            const double f = std::clamp((x - d[j]) / (d[j + 1] - d[j]), 0.0, 1.0);
            grid[k] = z[j] + f * (z[j + 1] - z[j]);
        }
        // Centred moving average over kSmoothingM (shorter at the ends), from prefix sums.
        std::vector<double> prefix(n + 1, 0.0);
        for (std::size_t k = 0; k < n; ++k)
            prefix[k + 1] = prefix[k] + grid[k];
        const auto half = static_cast<std::size_t>(kSmoothingM / 2 / kProfileStepM);
        std::vector<double> smooth(n);
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t lo = k >= half ? k - half : 0;
            const std::size_t hi = std::min(n - 1, k + half);
            smooth[k] = (prefix[hi + 1] - prefix[lo]) / static_cast<double>(hi - lo + 1);
        }
        // Gradient over kGradeBaseM of the smoothed profile, clamped to what the cost model was measured on.
        const auto base = static_cast<std::size_t>(kGradeBaseM / 2 / kProfileStepM);
        p.m_start = d.front();
        p.m_grade.resize(n, 0.0);
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t lo = k >= base ? k - base : 0;
            const std::size_t hi = std::min(n - 1, k + base);
            if (hi > lo) {
                const double grade = (smooth[hi] - smooth[lo]) / (static_cast<double>(hi - lo) * kProfileStepM);
                p.m_grade[k] = std::clamp(grade, kMinettiMinGrade, kMinettiMaxGrade);
            }
        }
        return p;
    }

private:
    static std::vector<double> despiked(const std::vector<double>& z)
    {
        if (z.size() < kDespikeSamples)
            return z;
        std::vector<double> out(z.size());
        constexpr std::size_t half = kDespikeSamples / 2;
        std::array<double, kDespikeSamples> window{};
        for (std::size_t i = 0; i < z.size(); ++i) {
            const std::size_t lo = std::min(i >= half ? i - half : 0, z.size() - kDespikeSamples);
            std::copy_n(z.begin() + static_cast<std::ptrdiff_t>(lo), kDespikeSamples, window.begin());
            std::nth_element(window.begin(), window.begin() + half, window.end());
            out[i] = window[half];
        }
        return out;
    }

    double m_start = 0;
    std::vector<double> m_grade;
};

} // namespace

double runningCost(double grade)
{
    const double i = std::clamp(grade, kMinettiMinGrade, kMinettiMaxGrade);
    return ((((155.4 * i - 30.4) * i - 43.3) * i + 46.3) * i + 19.5) * i + 3.6;
}

std::optional<GradedRun> gradeAdjustedRun(const Streams& s)
{
    const std::vector<double>* dist = s.get(Channel::Distance);
    if (!dist || dist->size() != s.time.size())
        return std::nullopt;
    const std::vector<double>* alt = s.get(Channel::Altitude);
    const GradeProfile profile = alt && alt->size() == dist->size() ? GradeProfile::build(*dist, *alt) : GradeProfile{};
    const double flatCost = runningCost(0);
    const double gap = gapLimitSec(s.time);

    // The recording as steps of movement. Many recordings repeat the last position every second until the next
    // GPS fix arrives: the samples since the distance last changed are one step, unless they held it for longer
    // than a gap, which is a stop (a step of no distance).
    struct Step {
        double sec = 0, metres = 0, from = 0;
        bool afterGap = false;
        bool stop = false;
    };
    std::vector<Step> steps;
    GradedRun run;
    const std::size_t none = s.time.size();
    std::size_t prev = none;  // the sample before
    std::size_t fixed = none; // the sample where the distance last changed
    bool afterGap = false;
    const auto t = [&](std::size_t i) { return s.time[i]; };
    const auto d = [&](std::size_t i) { return (*dist)[i]; };
    const auto stopUntil = [&](std::size_t i) {
        if (t(i) > t(fixed))
            steps.push_back({t(i) - t(fixed), 0, d(fixed), std::exchange(afterGap, false), true});
    };
    for (std::size_t i = 0; i < s.time.size(); ++i) {
        if (!std::isfinite(d(i)) || !std::isfinite(t(i)))
            continue;
        if (prev == none) {
            prev = fixed = i;
            continue;
        }
        const double dt = t(i) - t(prev);
        if (!(dt > 0))
            continue; // a duplicate or out-of-order timestamp: measure the next step from the earlier sample
        if (dt > gap) {
            stopUntil(prev); // a gap: no time, no distance
            prev = fixed = i;
            afterGap = true;
            continue;
        }
        run.recordedSec += dt;
        if (d(i) != d(prev)) {
            if (t(prev) - t(fixed) > gap) {
                stopUntil(prev);
                steps.push_back({dt, d(i) - d(prev), d(prev), false, false});
            } else {
                steps.push_back({t(i) - t(fixed), d(i) - d(fixed), d(fixed), std::exchange(afterGap, false), false});
            }
            fixed = i;
        }
        prev = i;
    }
    if (prev != none)
        stopUntil(prev);

    // Speeds are read over windows of at least kSpeedWindowSec: a window moving at kMinRunningSpeed to
    // plausible::kMaxRunningSpeed is running, a slower one a stop, a faster one a GPS jump (left out, time too).
    struct Window {
        double sec = 0, metres = 0, flat = 0;
    } w;
    const auto close = [&] {
        if (w.sec > 0) {
            const double speed = w.metres / w.sec;
            if (speed > plausible::kMaxRunningSpeed) {
                ++run.jumps;
            } else if (speed >= kMinRunningSpeed) {
                run.runningSec += w.sec;
                run.distanceM += w.metres;
                // No window counts for more than running at kMaxRunningSpeed on the flat.
                run.flatEquivalentM += std::min(w.flat, plausible::kMaxRunningSpeed * w.sec);
            }
        }
        w = {};
    };
    for (const Step& step : steps) {
        if (step.afterGap || step.stop)
            close(); // a stop is a window of its own: it does not slow the running before it

        const double ratio =
            profile.empty() || step.metres <= 0 ? 1.0 : runningCost(profile.at(step.from + step.metres / 2)) / flatCost;
        w.sec += step.sec;
        w.metres += step.metres;
        w.flat += step.metres * ratio;
        if (w.sec >= kSpeedWindowSec || step.stop)
            close();
    }
    close();
    return run;
}

} // namespace tricoach
