#pragma once
// Plans as JSON: a week in exactly the roadmap's schema (week_start_date, total_planned_hours, days[…], notes{…}),
// and a season as its weeks with their phase, volume and the projected chart.

#include "core/coach/plan.h"
#include "core/coach/planvalidator.h"
#include "core/coach/racestrategy.h"
#include "core/util/result.h"

#include <QJsonArray>
#include <QJsonObject>

namespace tricoach {

// The roadmap's weekly plan: one entry in `days` per session (several on a day with more than one), and one
// "Rest" entry for a day without training.
QJsonObject weekToJson(const WeekPlan& week, const Thresholds& thresholds);

// The season: the race, each week's phase, hours, planned load and projected Fitness/Form at its end, race-day
// Form, and what the validator found.
QJsonObject seasonToJson(const SeasonPlan& plan, const std::vector<PlanIssue>& issues, const PmcSettings& pmc = {});

// The race-day strategy: legs with targets and predictions, fuelling schedule, checklists.
QJsonObject raceStrategyToJson(const RaceStrategy& strategy);

// A week in the roadmap's schema read back (as an LLM returns it): each session becomes a one-step workout of
// its stated minutes and intensity (warm-up, main set and cool-down when given). Errors name the field.
Result<WeekPlan> weekFromJson(const QJsonObject& json);

} // namespace tricoach
