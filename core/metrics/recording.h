#pragma once
// How the samples of a recording map onto time: the one basis every score computed from recorded streams uses.

#include "core/model/streams.h"

#include <vector>

namespace tricoach {

// Devices using "smart recording" write a sample every 1–8 s: up to this interval the last value holds.
inline constexpr double kMinGapSec = 10.0;
// A recording made every n seconds still skips a sample now and then; only an interval of more than this many
// usual intervals is a gap.
inline constexpr double kGapIntervals = 4.0;

// The longest interval between two samples that is still one stretch of recording: kGapIntervals times the
// recording's usual (median) interval, and at least kMinGapSec. A longer interval is a gap (a stop with
// auto-pause, a lost signal), which stands for no time.
double gapLimitSec(const std::vector<double>& time);

// A channel on a 1-second grid, each sample held until the next one; a sample before a gap (or a duplicate or
// out-of-order timestamp) keeps only its own second. Missing samples stay NaN. Each element stands for one second
// of recording; empty when the channel was not recorded.
std::vector<double> resample1Hz(const Streams& s, Channel c);
// The same for a series of values sampled at `time` (seconds); empty unless both have the same length.
std::vector<double> resample1Hz(const std::vector<double>& time, const std::vector<double>& values);

// The seconds of a 1-second series whose value is recorded (not NaN), and of those, above zero.
struct Coverage {
    double recordedSec = 0;
    double positiveSec = 0;
};
Coverage coverageOf(const std::vector<double>& perSecond);

} // namespace tricoach
