// The plan engine: a 24-week season for a half-distance athlete (issue budget: < 50 ms), and the validator on it.
#include "core/coach/planengine.h"
#include "core/coach/planvalidator.h"

#include <benchmark/benchmark.h>

using namespace tricoach;

namespace {

CoachProfile halfDistanceAthlete()
{
    CoachProfile p;
    p.today = QDate(2027, 1, 4);
    p.race.date = p.today.addDays(24 * 7 - 1);
    p.race.distance = RaceDistance::Half;
    p.hoursByWeekday = {1, 1.5, 1.5, 1.5, 1, 4, 3};
    p.thresholds.ftpWatts = 250;
    p.thresholds.runThresholdSpeed = 1000.0 / 260;
    p.thresholds.cssSpeed = 100.0 / 105;
    p.fitness = {55, 60};
    p.recentWeeklyHours = 9;
    return p;
}

void BM_PlanSeason24Weeks(benchmark::State& state)
{
    const CoachProfile p = halfDistanceAthlete();
    for (auto _ : state) {
        SeasonPlan plan = planSeason(p);
        benchmark::DoNotOptimize(plan.weeks.size());
    }
}
BENCHMARK(BM_PlanSeason24Weeks)->Unit(benchmark::kMillisecond);

void BM_ValidateSeason24Weeks(benchmark::State& state)
{
    const SeasonPlan plan = planSeason(halfDistanceAthlete());
    for (auto _ : state)
        benchmark::DoNotOptimize(validatePlan(plan).size());
}
BENCHMARK(BM_ValidateSeason24Weeks)->Unit(benchmark::kMicrosecond);

} // namespace
