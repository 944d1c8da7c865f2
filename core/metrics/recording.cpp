#include "core/metrics/recording.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tricoach {

double gapLimitSec(const std::vector<double>& time)
{
    std::vector<double> steps;
    steps.reserve(time.size());
    bool everySecond = true;
    for (std::size_t i = 1; i < time.size(); ++i) {
        const double step = time[i] - time[i - 1];
        everySecond &= step == 1.0;
        if (step > 0)
            steps.push_back(step);
    }
    if (everySecond || steps.empty())
        return kMinGapSec;
    auto middle = steps.begin() + static_cast<std::ptrdiff_t>(steps.size() / 2);
    std::nth_element(steps.begin(), middle, steps.end());
    return std::max(kMinGapSec, kGapIntervals * *middle);
}

std::vector<double> resample1Hz(const Streams& s, Channel c)
{
    const std::vector<double>* values = s.get(c);
    return values ? resample1Hz(s.time, *values) : std::vector<double>{};
}

std::vector<double> resample1Hz(const std::vector<double>& time, const std::vector<double>& values)
{
    std::vector<double> out;
    if (time.empty() || values.size() != time.size())
        return out;
    // Most recordings are 1 Hz already, and then the channel is its own resampling: a copy, not a sample-by-sample
    // rebuild (which was most of the cost of computing a ride's load).
    bool everySecond = true;
    for (std::size_t i = 1; i < time.size() && everySecond; ++i)
        everySecond = time[i] - time[i - 1] == 1.0;
    if (everySecond)
        return values;
    const double gap = gapLimitSec(time);
    // Files without timestamps (a GPX track drawn on a map) hold NaN times: their samples stand for no time.
    const double span = time.back() - time.front();
    if (std::isfinite(span))
        out.reserve(static_cast<std::size_t>(std::clamp(span, 0.0, 1e7)) + 1);
    double clock = -std::numeric_limits<double>::infinity(); // the next second of the grid to fill
    for (std::size_t i = 0; i < time.size(); ++i) {
        const double start = time[i];
        double end = i + 1 < time.size() ? time[i + 1] : start + 1;
        if (!(end > start))
            continue; // duplicate or out-of-order timestamp: the next sample supersedes this one
        if (end - start > gap)
            end = start + 1; // a gap: this sample keeps its own second only
        clock = std::max(clock, start);
        // Samples closer than a second share one: the grid takes the first of them.
        for (; clock < end; clock += 1)
            out.push_back(values[i]);
    }
    return out;
}

Coverage coverageOf(const std::vector<double>& perSecond)
{
    Coverage c;
    for (double v : perSecond) {
        if (!isMissing(v)) {
            c.recordedSec += 1;
            if (v > 0)
                c.positiveSec += 1;
        }
    }
    return c;
}

} // namespace tricoach
