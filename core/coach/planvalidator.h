#pragma once
// The written coaching rules every plan must pass before an athlete sees it, whoever made it (the engine or an
// LLM). Each finding names its rule and where it broke, in words a coach would use.

#include "core/coach/plan.h"
#include "core/metrics/settings.h"

#include <QString>

#include <vector>

namespace tricoach {

struct PlanRules {
    double maxRampPerWeek = 8;   // Fitness
    double easyShare = 0.80;     // of training time in Z1–Z2 …
    double easyTolerance = 0.05; // … within ±5 %
    double taperCutMin = 0.40;   // the last two weeks' volume below the peak
    double taperCutMax = 0.60;
    double raceFormMin = 5;
    double raceFormMax = 25;
    double minWeekMinutesForIntensityRule = 60; // a shorter week has too little time for a share to mean anything
};

struct PlanIssue {
    QString rule; // "ramp", "intensity-distribution", "hard-days", "rest-day", "taper", "step-durations",
                  // "week-hours", "day-hours", "race-form"
    QDate date;   // the day or the week's Monday where it broke
    QString message;
};

std::vector<PlanIssue> validatePlan(const SeasonPlan& plan, const PmcSettings& pmc = {}, const PlanRules& rules = {});

// The same for one week (as an LLM proposes it), with the athlete's state at its start.
std::vector<PlanIssue> validateWeek(const WeekPlan& week, const CoachProfile& profile, const PmcSettings& pmc = {},
                                    const PlanRules& rules = {});

} // namespace tricoach
