#pragma once

#include "core/model/activity.h"
#include "core/model/athlete.h"
#include "core/util/result.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QtGlobal>

#include <vector>

namespace tricoach {

class ActivityStore;

// Which sample season to generate. Everything that depends on the clock comes from `now`, so the same options
// with the same `now` always give the same season.
struct SampleSeasonOptions {
    QDate raceDay;           // the A race at the end of the season; default: the Sunday 3 weeks after today
    int weeks = 24;          // training weeks before the race (base -> build -> peak -> taper); 4..52
    quint32 seed = 1;        // same seed, same season
    int utcOffsetSec = 3600; // the athlete's time zone; "today" is the athlete's calendar day
    QDateTime now;           // nothing ending after it is generated; default (invalid): the current time
};

// A generated but realistic season of an age-group triathlete: what the demo shows.
struct SampleSeason {
    QString raceName;
    QDate raceDay;
    std::vector<ThresholdChange> thresholds; // an initial set + at least one later test (FTP up a little)
    std::vector<Activity> activities;        // sorted by start
};

// The season up to now: training days up to today (only sessions that have ended), the race only once it is
// over, threshold changes only from days that have come. Activities have athleteId 0.
SampleSeason generateSampleSeason(const SampleSeasonOptions& options);

// Stores the season for `athlete`: thresholds first, then every activity in one batch (addActivities).
// Loading the same season twice adds nothing (activities carry a stable contentHash "sample-season:<seed>:<n>").
// Returns the number of activities added.
Result<int> loadSampleSeason(ActivityStore& store, AthleteId athlete, const SampleSeasonOptions& options);

} // namespace tricoach
