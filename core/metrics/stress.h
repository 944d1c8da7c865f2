#pragma once

#include "core/metrics/settings.h"
#include "core/model/activity.h"
#include "core/model/athlete.h"

#include <QString>

#include <optional>

namespace tricoach {

// Bumped, with a line in core/metrics/CHANGELOG.md, whenever a formula below changes: stored loads computed
// with an older version are recomputed when the store opens.
inline constexpr int kMetricsVersion = 2;

// A stress score and the intensity factor it came from.
struct StressScore {
    double load = 0;
    std::optional<double> intensity;
};

// 100 × hours × IF²: one hour at threshold scores 100 (Coggan's definition of the training stress score).
StressScore quadraticStress(double seconds, double intensity);

// What one input (power, pace, heart rate) made of an activity: a score, or none. When the input was recorded but
// could not be believed (a power meter that recorded only zeros) or has no threshold to be scored against,
// `passedOver` says why, in the athlete's words and without a capital or a full stop ("the power meter recorded
// only zeros"); it is empty when there was nothing to score (no power meter).
struct SourceScore {
    std::optional<StressScore> score;
    QString passedOver;

    explicit operator bool() const { return score.has_value(); }
    const StressScore* operator->() const { return &*score; }
};

// The load chosen for an activity, and which input it came from.
struct LoadResult {
    double load = 0;
    LoadSource source = LoadSource::None;
    std::optional<double> intensity;
    // Why the inputs before `source` in the precedence were passed over (a power meter that recorded only zeros,
    // say), in words for the athlete; empty when the first choice applied.
    QString note;
    bool estimated() const { return source == LoadSource::Estimate; }
};

// Normalized power: 4th root of the mean of the 4th powers of the 30 s rolling mean power (Coggan,
// "Training and Racing with a Power Meter", 2nd ed., ch. 7). Missing samples count as 0 W (coasting).
std::optional<double> normalizedPower(const Streams& streams);

// The threshold an activity's power is scored against: the FTP for rides (and bricks, and sessions whose sport the
// file did not name: power meters are mostly on bikes), the running threshold power for runs, walks, hikes and
// transitions (running power is not cycling power: the same athlete shows different numbers). Rowing, swimming
// and strength have no threshold power: their power is not scored.
std::optional<double> thresholdPowerFor(Sport sport, const Thresholds& t);

// 100 × hours × IF², IF = NP / threshold power (Coggan). Uses average power when no power stream exists. A stream
// is used only when it recorded power (above 0 W) for at least half of the session's moving time; isolated
// one-sample spikes of a faulty meter are left out.
SourceScore powerStress(const Activity& a, const Thresholds& t);
// Running: 100 × hours × IF², IF = grade-adjusted speed / threshold speed, over the running time (stops and GPS
// jumps left out); the device's distance and time when the recording covers less than half of the session.
// Swimming: 100 × hours × IF³, IF = speed / CSS speed, rest excluded; pool lengths faster than anyone swims are
// left out.
SourceScore paceStress(const Activity& a, const Thresholds& t);
// Banister TRIMP normalised so that one hour at LTHR scores 100. A stream is used only when it covers at least half
// of the moving time and is not a flat line; the recorded part stands for the whole moving time.
SourceScore heartRateStress(const Activity& a, const Thresholds& t, const LoadSettings& s);
// Session RPE mapped to an intensity factor: 100 × hours × IF(RPE)².
std::optional<StressScore> rpeStress(const Activity& a);
// Duration × the sport's typical load per hour.
StressScore estimatedStress(const Activity& a, const LoadSettings& s);

// The load of an activity: the user's value if given, else the first input in the sport's precedence that can be
// computed with the thresholds in force on the activity's day and believed: a score that is not finite or above
// plausible::kMaxLoadPerHour an hour (bad data, or a threshold far too low) is passed over. The note says why
// earlier inputs were passed over.
LoadResult computeLoad(const Activity& a, const Thresholds& t, const LoadSettings& s);

} // namespace tricoach
