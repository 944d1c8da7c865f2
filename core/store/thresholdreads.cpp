#include "core/store/thresholdreads.h"

namespace tricoach {

QDate defaultEstimateDay(const ActivityStore& store, AthleteId athlete, const QDate& today)
{
    ActivityQuery last;
    last.to = today;
    last.limit = 1;
    const std::vector<Activity> latest = store.activities(athlete, last);
    return latest.empty() ? today : latest.back().localDate();
}

Result<ThresholdEstimates> estimateThresholds(const ActivityStore& store, AthleteId athlete, EstimateOptions options)
{
    if (!store.athlete(athlete))
        return makeError(QStringLiteral("There is no athlete with id %1 in %2.").arg(athlete).arg(store.path()),
                         QStringLiteral("store.not-found"));
    if (!options.asOf.isValid())
        return makeError(QStringLiteral("Estimating thresholds needs the day the data window ends."),
                         QStringLiteral("estimate.invalid-date"));
    ThresholdEstimates out;
    out.current = store.thresholdHistory(athlete).at(options.asOf);
    if (!options.knownMaxHr)
        options.knownMaxHr = out.current.maxHr;
    ThresholdEstimator estimator(options);
    ActivityQuery window;
    window.from = options.firstDayNeeded();
    window.to = options.asOf;
    auto visited = store.visitActivities(athlete, window, [&](const Activity& a) {
        estimator.add(a);
        return true;
    });
    if (!visited)
        return visited.error();
    out.options = options;
    out.estimates = estimator.estimates();
    out.activitiesRead = *visited;
    return out;
}

} // namespace tricoach
