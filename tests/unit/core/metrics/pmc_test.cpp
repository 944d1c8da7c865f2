// The Performance Management Chart against closed forms of the recurrence in core/metrics/pmc.h.
#include "core/metrics/pmc.h"

#include <cmath>
#include <gtest/gtest.h>
#include <random>

using namespace tricoach;

namespace {
const QDate kDay(2024, 3, 10);
const double kFit = 1 - std::exp(-1.0 / 42);
const double kFat = 1 - std::exp(-1.0 / 7);
} // namespace

TEST(Pmc, OneWorkoutThenRest)
{
    const auto chart = computePmc({{kDay, 100}}, kDay.addDays(-3), kDay.addDays(10), PmcSettings{});
    ASSERT_EQ(chart.size(), 14u);
    for (int i = 0; i < 3; ++i) { // before the first activity everything is zero
        EXPECT_EQ(chart[static_cast<std::size_t>(i)].ctl, 0);
        EXPECT_EQ(chart[static_cast<std::size_t>(i)].atl, 0);
        EXPECT_EQ(chart[static_cast<std::size_t>(i)].tsb, 0);
    }
    const PmcDay& d0 = chart[3];
    EXPECT_EQ(d0.date, kDay);
    EXPECT_EQ(d0.load, 100);
    EXPECT_NEAR(d0.ctl, 100 * kFit, 1e-12);
    EXPECT_NEAR(d0.atl, 100 * kFat, 1e-12);
    EXPECT_EQ(d0.tsb, 0); // Form of the first day is the day before's: zero
    for (int k = 1; k <= 10; ++k) {
        const PmcDay& d = chart[static_cast<std::size_t>(3 + k)];
        EXPECT_NEAR(d.ctl, 100 * kFit * std::pow(1 - kFit, k), 1e-12);
        EXPECT_NEAR(d.atl, 100 * kFat * std::pow(1 - kFat, k), 1e-12);
        EXPECT_NEAR(d.tsb, 100 * kFit * std::pow(1 - kFit, k - 1) - 100 * kFat * std::pow(1 - kFat, k - 1), 1e-12);
    }
}

TEST(Pmc, ConstantDailyLoadApproachesTheLoad)
{
    std::vector<DailyLoad> loads;
    for (int i = 0; i < 400; ++i)
        loads.push_back({kDay.addDays(i), 60});
    const auto chart = computePmc(loads, kDay, kDay.addDays(399), PmcSettings{});
    for (int n : {0, 6, 41, 399}) {
        // CTL(n) = L(1 − (1−k)^(n+1)) for n days of constant load L from day 0.
        EXPECT_NEAR(chart[static_cast<std::size_t>(n)].ctl, 60 * (1 - std::pow(1 - kFit, n + 1)), 1e-9);
        EXPECT_NEAR(chart[static_cast<std::size_t>(n)].atl, 60 * (1 - std::pow(1 - kFat, n + 1)), 1e-9);
    }
    EXPECT_NEAR(chart.back().ctl, 60, 0.01);
    // Ramp over the first week: CTL(6) − CTL(−1) = CTL(6).
    EXPECT_NEAR(rampRate(chart, kDay.addDays(13)), chart[13].ctl - chart[6].ctl, 1e-12);
}

TEST(Pmc, SameDayLoadsAddUpAndOrderDoesNotMatter)
{
    const std::vector<DailyLoad> split{{kDay.addDays(2), 30}, {kDay, 40}, {kDay, 60}, {kDay.addDays(2), 20}};
    const std::vector<DailyLoad> merged{{kDay, 100}, {kDay.addDays(2), 50}};
    const auto a = computePmc(split, kDay, kDay.addDays(5), PmcSettings{});
    const auto b = computePmc(merged, kDay, kDay.addDays(5), PmcSettings{});
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].load, b[i].load);
        EXPECT_DOUBLE_EQ(a[i].ctl, b[i].ctl);
        EXPECT_DOUBLE_EQ(a[i].tsb, b[i].tsb);
    }
}

TEST(Pmc, WindowLaterThanTheFirstLoadCarriesHistory)
{
    const auto full = computePmc({{kDay, 100}, {kDay.addDays(20), 80}}, kDay, kDay.addDays(30), PmcSettings{});
    const auto tail =
        computePmc({{kDay, 100}, {kDay.addDays(20), 80}}, kDay.addDays(25), kDay.addDays(30), PmcSettings{});
    ASSERT_EQ(tail.size(), 6u);
    EXPECT_DOUBLE_EQ(tail.front().ctl, full[25].ctl);
    EXPECT_DOUBLE_EQ(tail.front().tsb, full[25].tsb);
}

TEST(Pmc, ContinuingFromAStateEqualsComputingFromScratch)
{
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> load(0, 200);
    std::vector<DailyLoad> loads;
    for (int i = 0; i < 200; i += 1 + static_cast<int>(rng() % 3))
        loads.push_back({kDay.addDays(i), load(rng)});
    const PmcSettings settings{};
    const auto full = computePmc(loads, kDay, kDay.addDays(250), settings);
    const PmcDay& mid = full[100];
    const auto rest = continuePmc({mid.ctl, mid.atl}, mid.date, loads, kDay.addDays(250), settings);
    ASSERT_EQ(rest.size(), 150u);
    for (std::size_t i = 0; i < rest.size(); ++i) {
        EXPECT_EQ(rest[i].date, full[101 + i].date);
        EXPECT_DOUBLE_EQ(rest[i].ctl, full[101 + i].ctl);
        EXPECT_DOUBLE_EQ(rest[i].atl, full[101 + i].atl);
        EXPECT_DOUBLE_EQ(rest[i].tsb, full[101 + i].tsb);
    }
}

TEST(Pmc, TimeConstantsAreSettings)
{
    const PmcSettings s{28, 5};
    const auto chart = computePmc({{kDay, 100}}, kDay, kDay, s);
    EXPECT_NEAR(chart[0].ctl, 100 * (1 - std::exp(-1.0 / 28)), 1e-12);
    EXPECT_NEAR(chart[0].atl, 100 * (1 - std::exp(-1.0 / 5)), 1e-12);
}

TEST(Pmc, EmptyAndInvertedRanges)
{
    EXPECT_TRUE(computePmc({}, kDay, kDay.addDays(-1), PmcSettings{}).empty());
    const auto zeros = computePmc({}, kDay, kDay.addDays(3), PmcSettings{});
    ASSERT_EQ(zeros.size(), 4u);
    for (const auto& d : zeros)
        EXPECT_EQ(d.ctl + d.atl + d.tsb + d.load, 0);
}
