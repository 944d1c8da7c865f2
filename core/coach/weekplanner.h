#pragma once
// One week of sessions from a volume target: which sessions, how long, on which days, with the week's hard minutes
// kept near a fifth of its time and never on two days in a row.

#include "core/coach/plan.h"

#include <array>

namespace tricoach {

// What the season asks of one week.
struct WeekTarget {
    QDate weekStart; // a Monday
    Phase phase = Phase::Base;
    bool recoveryWeek = false;
    double hours = 5;                // training volume, not counting the race
    double hardShare = 0.20;         // of the week's minutes at Z3 and above (80/20)
    bool previousDayHard = false;    // the Sunday before was hard: Monday may not be
    bool nextDayHard = false;        // the Monday after is hard (a race): Sunday may not be
    bool easyOnly = false;           // no intensity at all (the extra volume of a race week)
    std::array<bool, 7> noHardDay{}; // days that may not be hard (after a hard day already done)
};

// A day is hard when it holds at least this many minutes at Z3 and above.
inline constexpr double kHardDayMinutes = 15;

WeekPlan planWeek(const CoachProfile& profile, const WeekTarget& target);

// The race week: short sharpening sessions (the roadmap's race-week brief), the race on its day, rest after.
WeekPlan planRaceWeek(const CoachProfile& profile, const WeekTarget& target);

// The race itself as three legs at the intensity its distance allows.
std::vector<Workout> raceWorkouts(const CoachProfile& profile);

} // namespace tricoach
