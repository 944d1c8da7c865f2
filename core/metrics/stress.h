#pragma once

#include "core/metrics/settings.h"
#include "core/model/activity.h"
#include "core/model/athlete.h"

#include <optional>

namespace tricoach {

// Bumped, with a line in core/metrics/CHANGELOG.md, whenever a formula below changes: stored loads computed
// with an older version are recomputed when the store opens.
inline constexpr int kMetricsVersion = 1;

// A stress score and the intensity factor it came from.
struct StressScore {
    double load = 0;
    std::optional<double> intensity;
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

// 100 × hours × IF², IF = NP / FTP (Coggan). Uses average power when no stream exists.
std::optional<StressScore> powerStress(const Activity& a, const Thresholds& t);
// Running: 100 × hours × IF², IF = grade-adjusted speed / threshold speed.
// Swimming: 100 × hours × IF³, IF = speed / CSS speed, rest excluded.
std::optional<StressScore> paceStress(const Activity& a, const Thresholds& t);
// Banister TRIMP normalised so that one hour at LTHR scores 100.
std::optional<StressScore> heartRateStress(const Activity& a, const Thresholds& t, const LoadSettings& s);
// Session RPE mapped to an intensity factor: 100 × hours × IF(RPE)².
std::optional<StressScore> rpeStress(const Activity& a);
// Duration × the sport's typical load per hour.
StressScore estimatedStress(const Activity& a, const LoadSettings& s);

// The load of an activity: the user's value if given, else the first input in the sport's precedence that
// can be computed with the thresholds in force on the activity's day.
LoadResult computeLoad(const Activity& a, const Thresholds& t, const LoadSettings& s);

} // namespace tricoach
