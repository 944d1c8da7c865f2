#pragma once
// The roadmap's notes for a planned week: its focus, key workouts, recovery, fuelling and gear.

#include "core/coach/plan.h"

namespace tricoach {

WeekNotes weekNotes(const CoachProfile& profile, const WeekPlan& week);

} // namespace tricoach
