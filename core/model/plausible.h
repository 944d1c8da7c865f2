#pragma once
// The ranges a number must lie in to be believed, wherever it comes from: typed into the CLI or the window, read
// from a file, later received over the network. One home, so that every door applies the same limits and an
// infinite or absurd value (a mistyped 1e308) never reaches the store, where it would poison every aggregate.

#include "core/model/activity.h"
#include "core/model/athlete.h"
#include "core/util/result.h"

#include <QStringList>

#include <cmath>

namespace tricoach {

// A closed interval of believable values, in the unit the model stores.
struct PlausibleRange {
    double min = 0;
    double max = 0;
    constexpr bool contains(double v) const { return std::isfinite(v) && v >= min && v <= max; }
};

namespace plausible {
// Thresholds. Paces are stored as speeds: 2:00–20:00 per km, 0:50–5:00 per 100 m.
inline constexpr PlausibleRange kFtpWatts{20, 800};
inline constexpr PlausibleRange kRunPowerWatts{40, 800};
inline constexpr PlausibleRange kThresholdHr{60, 230};
inline constexpr PlausibleRange kMaxHr{80, 250};
inline constexpr PlausibleRange kRestingHr{25, 120};
inline constexpr PlausibleRange kRunThresholdSpeed{1000.0 / 1200.0, 1000.0 / 120.0};
inline constexpr PlausibleRange kCssSpeed{100.0 / 300.0, 100.0 / 50.0};
inline constexpr PlausibleRange kWeightKg{20, 300};

// Activities. The longest single recordings people make are multi-day ultras (Tor des Géants, ~6 days).
inline constexpr PlausibleRange kDurationSec{0, 7 * 24 * 3600.0};
inline constexpr PlausibleRange kDistanceM{0, 5'000'000};
inline constexpr PlausibleRange kElevationGainM{0, 30'000};
inline constexpr PlausibleRange kHeartRate{20, 250};
inline constexpr PlausibleRange kPowerWatts{0, 3000};
inline constexpr PlausibleRange kCadence{0, 300};
inline constexpr PlausibleRange kSpeed{0, 100}; // m/s (360 km/h: nothing self-propelled, or even a car, on a road)
inline constexpr PlausibleRange kCalories{0, 50'000};
inline constexpr PlausibleRange kPoolLengthM{10, 100};
inline constexpr PlausibleRange kRpe{1, 10};
// Recorded samples that have no summary value of their own: the Dead Sea shore (-430 m) to above Everest
// (8849 m); air and water temperatures a person trains in, with room for a device lying in the sun.
inline constexpr PlausibleRange kAltitudeM{-500, 9000};
inline constexpr PlausibleRange kTemperatureC{-60, 70};
// A load typed in by the athlete for one activity: an Ironman scores ~300–400, a week-long ultra a few thousand.
inline constexpr PlausibleRange kUserLoad{0, 5000};
// A computed load per hour of activity: 100 is an hour at threshold; 250 (intensity ~1.6 for an hour) is not
// humanly sustainable, so a score above it comes from bad data, not from training.
inline constexpr double kMaxLoadPerHour = 250;
// The most any one activity can score: the longest plausible recording at that rate. A stored load outside this
// (written before these checks existed) is recomputed, and never added into a day's total.
inline constexpr PlausibleRange kActivityLoad{0, kMaxLoadPerHour* kDurationSec.max / 3600.0};
// Speeds no one moves at under their own power, m/s: the 100 m world record averages 10.4 m/s, the 50 m freestyle
// record (long course) 2.4 m/s. Faster running is a GPS jump or a ride in a car; a faster pool length is a turn the
// watch counted twice.
inline constexpr double kMaxRunningSpeed = 10.0;
inline constexpr double kMaxSwimSpeed = 2.5;
// The shortest recording that can be a training session: a file whose activities all last less (a single point, a
// watch started and stopped at once, a few seconds of a GPS lying still) holds no training and is not imported.
// The SDK's 13.7 s sample runs are the shortest real recordings the corpus has.
inline constexpr double kMinRecordingSec = 10;
// Activity dates: a recording dated before 2000 comes from a device whose clock was never set (a FIT device then
// counts from its epoch, 31 December 1989). Charts start at the first believable day rather than stretch to it.
inline constexpr int kFirstActivityYear = 2000;
inline QDate firstBelievableActivityDay()
{
    return QDate(kFirstActivityYear, 1, 1);
}
} // namespace plausible

// Ok when every threshold that is set lies in its range (and max HR is above resting HR); the error names the
// first value that does not, with its range, in words for the athlete ("store.invalid-threshold").
Result<void> checkThresholds(const Thresholds& t);

// Whether a stored load can be believed for an activity that lasted `seconds` (the longer of its moving and elapsed
// times): one the athlete typed within kUserLoad; an estimate (the athlete's own rate per hour) within
// kActivityLoad; any other computed load at most kMaxLoadPerHour for each hour of the activity's own time, as
// computeLoad (core/metrics/stress.h) passes over anything more. The store recomputes a stored load that fails this
// and never adds one into a day's total, so the activity list and the totals always agree.
bool believableLoad(double load, LoadSource source, double seconds);

// Ok when every summary value of an activity that is set lies in its range and the start time is known; the
// error names the field and the value ("store.invalid-activity"). Recorded streams are not checked here: readers
// drop implausible samples (and say so) as they read them.
Result<void> checkActivitySummary(const Activity& a);

// Leaves out the optional summary values of an activity read from a file that lie outside their ranges (a device's
// "invalid" marker read as 255 bpm, a speed from a GPS jump) and returns one sentence per value left out, for the
// import's warnings. Durations that are not finite or negative become 0; a duration beyond the range stays, so
// that checkActivitySummary refuses the activity with its reason.
QStringList dropImplausibleValues(Activity& a);

} // namespace tricoach
