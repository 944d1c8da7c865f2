#pragma once
// The built-in coach: a periodized season from today to race day, deterministic and offline. Volume rises 5–8 %
// a week with a recovery week every 3–4 weeks, Fitness never ramps faster than the validator allows, and a
// two-week taper brings Form into the race-day window.

#include "core/coach/plan.h"
#include "core/metrics/settings.h"

namespace tricoach {

struct EngineSettings {
    PmcSettings pmc;
    double targetRamp = 7.0; // Fitness per week the engine aims below (the validator allows 8)
    double raceFormLow = 8;  // the engine aims inside the validator's +5…+25
    double raceFormHigh = 20;
};

// The first day of a plan made on `today`: the Monday of its week.
QDate planStart(const QDate& today);

SeasonPlan planSeason(const CoachProfile& profile, const EngineSettings& settings = {});

} // namespace tricoach
