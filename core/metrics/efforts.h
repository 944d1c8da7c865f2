#pragma once
// Best efforts inside one recording: the highest mean power, the most metres or the highest mean heart rate over a
// number of seconds, the highest heart rate held, the fastest pool swim over a distance. They are computed on a
// 1-second grid built to survive what devices really record: pauses, sensor dropouts, GPS jumps, zeros and
// single-sample spikes. The threshold estimator (thresholdestimate.h) builds on them. Pure functions of their
// arguments: safe on any thread.

#include "core/model/activity.h"

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace tricoach {

// Samples further apart than this are a stop or a lost sensor, not a slow recording: "smart recording" writes every
// 1–8 s, so a value is held across shorter gaps.
inline constexpr double kEffortHoldSec = 10.0;

// Watts in each second since the first sample. Samples outside the plausible power range are dropped; a dropout of
// up to kEffortHoldSec holds the last value; a pause or a longer dropout counts as 0 W (no work was done), as
// mean-maximal power curves count it, so that no effort looks longer than it was.
std::vector<double> powerPerSecond(const Streams& streams);

// Metres covered in each second since the first sample, from the distance channel, else the speed channel, else the
// positions. A step faster than `maxSpeed` m/s (a GPS jump) counts at the speed before it; distance that goes
// backwards (a reset) counts as nothing; the distance of a longer gap is spread over it when it could have been
// covered in that time (a tunnel), so that a pause counts as standing still.
std::vector<double> metresPerSecond(const Streams& streams, double maxSpeed);

// Beats per minute in each second since the first sample, NaN where unknown. Dropped before: values outside the
// plausible range and readings no heart makes: a jump of more than kHeartRateStep beyond what kHeartRateClimb allows
// since the last believable reading (a single-sample spike, a dry strap's doubled count at the start, a lost
// contact). A reading must be believable both from the readings before it and from those after it, so that an
// artefact at the very start cannot pass for the athlete's level.
inline constexpr double kHeartRateStep = 20.0; // bpm from one reading to the next
inline constexpr double kHeartRateClimb = 1.0; // bpm per second on top of the step: a sustained climb or fall
std::vector<double> heartRatePerSecond(const Streams& streams);

// A stretch of a 1-second series: its first second, its length and its mean.
struct EffortWindow {
    std::size_t start = 0;
    std::size_t seconds = 0;
    double mean = 0;
};

// The `seconds` in a row with the highest mean, unknown seconds counting as 0 (power, metres); nothing when the
// series is shorter.
std::optional<EffortWindow> bestMean(const std::vector<double>& perSecond, std::size_t seconds);
// The same for a series with unknown seconds (heart rate): a window needs at least `minKnown` (a fraction) of its
// seconds known, and its mean is theirs.
std::optional<EffortWindow> bestKnownMean(const std::vector<double>& perSecond, std::size_t seconds, double minKnown);
// The highest value held for `seconds` in a row (the largest rolling minimum): a peak, not a spike.
std::optional<double> highestHeld(const std::vector<double>& perSecond, std::size_t seconds);

// The fastest continuous swim of `metres` in a pool, from the recorded lengths: consecutive active lengths of
// freestyle (or of unknown stroke) without a rest between them, their time scaled to exactly `metres` when the pool
// length does not divide it (25 yd).
struct SwimEffort {
    double seconds = 0;
    double startOffsetSec = 0;
};
std::optional<SwimEffort> fastestPoolSwim(const Activity& activity, double metres);

// The least-squares line y = intercept + slope·x through the points, and its coefficient of determination.
struct LineFit {
    double slope = 0;
    double intercept = 0;
    double r2 = 0;
};
std::optional<LineFit> fitLine(const std::vector<std::pair<double, double>>& points);

} // namespace tricoach
