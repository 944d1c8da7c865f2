#pragma once
// Adapting a week to what really happened: sessions missed or extra training change the days still to come, so
// the week lands near the load it was planned for without cramming and without two hard days in a row.

#include "core/coach/plan.h"
#include "core/model/activity.h"

#include <QString>

namespace tricoach {

struct Replanned {
    WeekPlan week;          // the days before `today` as planned, the rest planned again
    double plannedLoad = 0; // of the whole week as first planned
    double doneLoad = 0;    // of the activities done before today (and today, when something was done)
    double compliance = 0;  // done / planned minutes up to yesterday (1 when nothing was due)
    QString note;           // for the athlete: what changed and why
};

// `done`: the athlete's activities of that week. The remaining load is what was planned less what was done, never
// more than 130 % of the days' original load (a missed week is not made up in three days) and never below zero.
Replanned replanRestOfWeek(const CoachProfile& profile, const WeekPlan& planned, const std::vector<Activity>& done,
                           const QDate& today);

} // namespace tricoach
