// PMC over 20 years of training (15,000 activities): the budget is < 1 ms.
#include "core/metrics/analysis.h"
#include "core/metrics/pmc.h"

#include <benchmark/benchmark.h>
#include <random>

using namespace tricoach;

namespace {

// ~15,000 activities over 20 years: two sessions on most days, loads 20–180.
std::vector<DailyLoad> twentyYearsOfLoads()
{
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> load(20, 180);
    std::vector<DailyLoad> loads;
    const QDate first(2005, 1, 1);
    for (int i = 0; loads.size() < 15000; ++i) {
        const QDate day = first.addDays(i * 7300LL / 15000);
        loads.push_back({day, load(rng)});
    }
    return loads;
}

void BM_PmcTwentyYears(benchmark::State& state)
{
    const auto loads = twentyYearsOfLoads();
    const QDate from = loads.front().date;
    const QDate to = from.addDays(7300);
    for (auto _ : state) {
        auto chart = computePmc(loads, from, to, PmcSettings{});
        benchmark::DoNotOptimize(chart.data());
    }
    state.counters["days"] = 7301;
    state.counters["activities"] = static_cast<double>(loads.size());
}
BENCHMARK(BM_PmcTwentyYears)->Unit(benchmark::kMicrosecond);

void BM_AnalysisOnTwentyYears(benchmark::State& state)
{
    const auto loads = twentyYearsOfLoads();
    const auto chart = computePmc(loads, loads.front().date, loads.front().date.addDays(7300), PmcSettings{});
    for (auto _ : state) {
        auto a = analyzeTrainingLoad(chart, chart.back().date, AnalysisThresholds{});
        benchmark::DoNotOptimize(a.currentCtl);
    }
}
BENCHMARK(BM_AnalysisOnTwentyYears)->Unit(benchmark::kMicrosecond);

} // namespace
