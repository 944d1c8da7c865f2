#pragma once
// An athlete's threshold estimates straight from the store: the activities of the estimator's windows are streamed
// through it one at a time (ActivityStore::visitActivities), never the whole history at once. Like every use of
// a store connection, it runs on the thread that owns the store; a window reads a second or two of recordings per
// year, so the desktop runs it on a thread of its own with its own connection.

#include "core/metrics/thresholdestimate.h"
#include "core/store/activitystore.h"

namespace tricoach {

struct ThresholdEstimates {
    EstimateOptions options;                  // as used: the day the windows end and their lengths
    std::vector<ThresholdEstimate> estimates; // one per field of kEstimatedFields
    int activitiesRead = 0;
    Thresholds current; // in force on the day the windows end
};

// The day estimate windows end when none is given: `today`, or the athlete's last activity day when that is
// earlier, so a history that stopped months ago is estimated from its own last months (the basis names the days).
QDate defaultEstimateDay(const ActivityStore& store, AthleteId athlete, const QDate& today);

// Estimates from the athlete's stored activities. Without options.knownMaxHr the maximum heart rate in force on
// options.asOf judges how hard efforts were.
Result<ThresholdEstimates> estimateThresholds(const ActivityStore& store, AthleteId athlete, EstimateOptions options);

} // namespace tricoach
