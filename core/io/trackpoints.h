#pragma once

// Track points as the XML readers (TCX, GPX) collect them, and what is computed from a list of them: distance,
// moving time (with stops judged by the sport's own pace), streams and summary values.

#include "core/model/activity.h"
#include "core/model/sport.h"

#include <QtGlobal>

#include <array>
#include <limits>
#include <optional>
#include <vector>

namespace tricoach::xml {

inline constexpr qint64 kNoTime = std::numeric_limits<qint64>::min();
inline constexpr int kNoOffset = std::numeric_limits<int>::min(); // a time in UTC ("Z") or without a zone

// One recorded point, channel values indexed by Channel's numeric value; NaN where not recorded.
struct TrackPoint {
    qint64 timeMs = kNoTime;
    int segment = 0; // GPX track segment / TCX lap; distance is not bridged across segments of a GPX file
    int track = 0;   // GPX <trk> the point belongs to (its name and type); 0 in TCX
    std::array<double, 10> values{kMissing, kMissing, kMissing, kMissing, kMissing,
                                  kMissing, kMissing, kMissing, kMissing, kMissing};
    double& operator[](Channel c) { return values[static_cast<std::size_t>(c)]; }
    double operator[](Channel c) const { return values[static_cast<std::size_t>(c)]; }
};

inline bool hasPosition(const TrackPoint& p)
{
    return !isMissing(p[Channel::Latitude]) && !isMissing(p[Channel::Longitude]);
}

inline constexpr double kMaxDurationSec = 100.0 * 86400.0;
inline constexpr double kMaxDistanceM = 1e8;

// Mean Earth radius (IUGG, R1 = 6371008.8 m) used for every great-circle distance.
inline constexpr double kEarthRadiusM = 6371008.8;
double haversineM(double lat1, double lon1, double lat2, double lon2);

// Elevation gain with a 3 m hysteresis: a climb counts (in full, from its low point to its peak) once the
// altitude rises 3 m above the last low point, so GPS and barometer jitter below 3 m adds nothing; NaN samples
// are skipped, and so are dropouts and spikes: a run of exact zeros among altitudes more than
// kElevationDropoutM from sea level (files write 0 for "no elevation"), and a single sample more than
// kElevationSpikeM away from both its neighbours while they agree.
inline constexpr double kElevationHysteresisM = 3.0;
inline constexpr double kElevationDropoutM = 10.0;
inline constexpr double kElevationSpikeM = 40.0;
std::optional<double> elevationGainM(const std::vector<double>& altitude);

// When a recording counts as stopped. Speeds are judged over a window of about `windowSec` around each interval
// (the path length between the points that span it), not interval by interval: a swimmer's watch gets a GPS
// fix only when the arm is out of the water and repeats the last one in between, so single intervals read 0 m/s
// and then a jump; over half a minute the swimmer moves at the real pace.
struct StopRule {
    double speedMps = 0.5;  // slower than this is stopped
    double minStopSec = 10; // a stop shorter than this (a junction, a turn at the wall) is part of moving
    double windowSec = 10;  // the span speeds are measured over
};
// Per sport, from what each is at its slowest while still moving: a swimmer at 0.3 m/s (breaststroke, or the
// GPS cutting corners under water) is swimming, so swims stop below 0.15 m/s judged over 30 s; a hiker on a
// steep climb covers 0.3 m/s horizontally (0.2 m/s over 30 s); walkers 0.3 m/s; runners 0.5 m/s over 10 s (the
// rule every sport had before); a bicycle cannot be ridden below ~1 m/s, so a rider slower than that is standing
// (GPS drift at a red light stays below it). Other (not known) takes the walker's rule.
StopRule stopRuleFor(Sport sport);

// Moving time: the intervals between consecutive timed points, minus stops. A stop is a run of intervals slower
// than rule.speedMps (speed from positions over the rule's window, else the recorded speed) lasting longer than
// rule.minStopSec; an interval with neither positions nor speed counts as a stop when it alone lasts longer
// than rule.minStopSec (a recording gap, i.e. auto-pause).
double movingSeconds(const std::vector<TrackPoint>& points, const StopRule& rule);

// The speed an athlete typically moves at, for guessing the sport: the time-weighted median of the windowed
// speed (30 s) over the intervals not slower than 0.15 m/s (stopped in any sport). Robust to the stops of any
// sport, to a watch that holds its GPS fix, and to a few wild jumps. Nullopt without positions or recorded
// speed on at least a minute of intervals.
std::optional<double> typicalMovingSpeed(const std::vector<TrackPoint>& points);

// Median of the non-zero values of a channel, nullopt when it has none.
std::optional<double> channelMedian(const std::vector<TrackPoint>& points, Channel channel);

// Length of the path through the points that have a position (nullopt without two positions); a change of
// segment is bridged only when `bridgeSegments`. When no point has a recorded distance, the cumulative length is
// written into Channel::Distance of each point that has a position.
std::optional<double> fillDistanceFromPositions(std::vector<TrackPoint>& points, bool bridgeSegments);

// Gives untimed points between two timed ones a time interpolated by index. Points before the first or after
// the last timed point keep no time (their stream time is NaN).
void interpolateMissingTimes(std::vector<TrackPoint>& points);

// Streams from the points: time in seconds since `startMs` (NaN for an untimed point), one channel per value
// some point has. Heart rate 0 is taken as "no strap" and stored as NaN.
Streams buildStreams(const std::vector<TrackPoint>& points, qint64 startMs);

// How long each sample stands for: the time to the next sample (the last: since the one before), capped at
// kMaxSampleWeightSec so a pause adds nothing; 1 for samples without time. Makes averages of "smart recording"
// files (a point every few seconds, more often when things change) match the device's time-based averages.
inline constexpr double kMaxSampleWeightSec = 30.0;
std::vector<double> sampleWeights(const std::vector<double>& time);

// Averages and maxima from the streams, each only when the channel exists: time-weighted means (sampleWeights)
// of heart rate and power (power zeros included, as coasting is part of the effort) and of non-zero cadence (a
// cadence of 0 is not pedalling or not stepping); maxima of the samples; max speed from a recorded speed
// channel; elevation gain.
void summariseStreams(Activity& activity);

} // namespace tricoach::xml
