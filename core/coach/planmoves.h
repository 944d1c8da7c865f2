#pragma once
// Sessions the athlete moved to another day, applied to a planned week.

#include "core/coach/coachsettings.h"
#include "core/coach/plan.h"

namespace tricoach {

// The week with the moves applied; moves of sessions the week does not hold are ignored.
WeekPlan applyMoves(WeekPlan week, const std::vector<WorkoutMove>& moves);

} // namespace tricoach
