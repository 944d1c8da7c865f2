#include "core/metrics/volume.h"
#include "core/util/datetime.h"

#include <gtest/gtest.h>

using namespace tricoach;

namespace {
Activity session(const QDate& day, Sport sport, double minutes, double km, double load)
{
    Activity a;
    a.sport = sport;
    a.startUtc = utcDateTime(day, QTime(18, 0));
    a.movingSec = a.elapsedSec = minutes * 60;
    a.distanceM = km * 1000;
    a.load = load;
    return a;
}
const QDate kWednesday(2024, 6, 19);
} // namespace

TEST(Volume, WeeksStartOnMonday)
{
    EXPECT_EQ(weekStartOf(kWednesday), QDate(2024, 6, 17));
    EXPECT_EQ(weekStartOf(QDate(2024, 6, 17)), QDate(2024, 6, 17));
    EXPECT_EQ(weekStartOf(QDate(2024, 6, 23)), QDate(2024, 6, 17));
}

TEST(Volume, WeeklyTotalsBySport)
{
    const std::vector<Activity> acts{
        session(QDate(2024, 6, 17), Sport::Run, 60, 12, 70), session(QDate(2024, 6, 18), Sport::Bike, 90, 45, 80),
        session(QDate(2024, 6, 23), Sport::Run, 30, 6, 30),  session(QDate(2024, 6, 10), Sport::Swim, 45, 2, 40),
        session(QDate(2024, 5, 1), Sport::Run, 60, 12, 70),  // outside the three weeks
        session(QDate(2024, 6, 24), Sport::Run, 60, 12, 70), // after the last week
    };
    const auto weeks = weeklyVolume(acts, kWednesday, 3);
    ASSERT_EQ(weeks.size(), 3u);
    EXPECT_EQ(weeks[0].weekStart, QDate(2024, 6, 3));
    EXPECT_EQ(weeks[0].total.count, 0);
    EXPECT_EQ(weeks[1].weekStart, QDate(2024, 6, 10));
    EXPECT_EQ(weeks[1].bySport.at(Sport::Swim).count, 1);
    EXPECT_NEAR(weeks[1].total.hours, 0.75, 1e-12);
    const WeeklyVolume& w = weeks[2];
    EXPECT_EQ(w.total.count, 3);
    EXPECT_NEAR(w.total.hours, 3.0, 1e-12);
    EXPECT_NEAR(w.total.distanceKm, 63, 1e-12);
    EXPECT_NEAR(w.total.load, 180, 1e-12);
    EXPECT_EQ(w.bySport.at(Sport::Run).count, 2);
    EXPECT_NEAR(w.bySport.at(Sport::Run).hours, 1.5, 1e-12);
    EXPECT_EQ(w.bySport.count(Sport::Swim), 0u);
    EXPECT_TRUE(weeklyVolume(acts, kWednesday, 0).empty());
}

TEST(Volume, SportDistributionShares)
{
    const std::vector<Activity> acts{session(kWednesday, Sport::Run, 60, 12, 60),
                                     session(kWednesday, Sport::Bike, 180, 90, 120),
                                     session(kWednesday.addDays(-1), Sport::Swim, 60, 3, 20)};
    const auto shares = sportDistribution(acts, kWednesday, 1);
    ASSERT_EQ(shares.size(), 3u);
    EXPECT_EQ(shares[0].sport, Sport::Bike); // most hours first
    EXPECT_NEAR(shares[0].hoursShare, 0.6, 1e-12);
    EXPECT_NEAR(shares[0].loadShare, 0.6, 1e-12);
    double total = 0;
    for (const auto& s : shares)
        total += s.hoursShare;
    EXPECT_NEAR(total, 1.0, 1e-12);
}

TEST(Volume, HeatmapHasEveryDay)
{
    const std::vector<Activity> acts{session(kWednesday, Sport::Run, 60, 12, 60),
                                     session(kWednesday, Sport::Swim, 30, 1.5, 25)};
    const auto days = dailyHeatmap(acts, kWednesday.addDays(-2), kWednesday.addDays(2));
    ASSERT_EQ(days.size(), 5u);
    EXPECT_EQ(days[0].date, kWednesday.addDays(-2));
    EXPECT_EQ(days[0].totals.count, 0);
    EXPECT_EQ(days[2].totals.count, 2);
    EXPECT_NEAR(days[2].totals.load, 85, 1e-12);
    EXPECT_TRUE(dailyHeatmap(acts, kWednesday, kWednesday.addDays(-1)).empty());
}

TEST(Volume, PeriodsCoverExactlyTheDaysOfARange)
{
    // A session every day of 2024 H1: 30 minutes, 5 km, load 10.
    std::vector<Activity> all;
    for (QDate d(2024, 1, 1); d <= QDate(2024, 6, 30); d = d.addDays(1))
        all.push_back(session(d, d.day() % 2 ? Sport::Run : Sport::Bike, 30, 5, 10));
    // 90 days ending Wednesday 19 June: from Friday 22 March.
    const QDate last = kWednesday, first = kWednesday.addDays(-89);
    ASSERT_EQ(first, QDate(2024, 3, 22));
    const auto weeks = periodVolume(all, first, last, VolumePeriod::Week);
    // Weeks from Monday 18 March to Monday 17 June.
    ASSERT_EQ(weeks.size(), 14u);
    EXPECT_EQ(weeks.front().start, QDate(2024, 3, 18));
    EXPECT_EQ(weeks.back().start, QDate(2024, 6, 17));
    int count = 0;
    for (const PeriodVolume& w : weeks)
        count += w.total.count;
    EXPECT_EQ(count, 90);                    // the 90 days, not the 14 whole weeks
    EXPECT_EQ(weeks.front().total.count, 3); // Fri–Sun
    EXPECT_EQ(weeks.back().total.count, 3);  // Mon–Wed
    EXPECT_NEAR(weeks[5].total.hours, 3.5, 1e-9);

    const auto months = periodVolume(all, first, last, VolumePeriod::Month);
    ASSERT_EQ(months.size(), 4u);
    EXPECT_EQ(months.front().start, QDate(2024, 3, 1));
    EXPECT_EQ(months.front().total.count, 10); // 22–31 March
    EXPECT_EQ(months[1].total.count, 30);
    EXPECT_EQ(months.back().total.count, 19);
    const auto years = periodVolume(all, QDate(2023, 12, 1), last, VolumePeriod::Year);
    ASSERT_EQ(years.size(), 2u);
    EXPECT_EQ(years.front().total.count, 0);
    EXPECT_EQ(years.back().total.count, 171); // 1 January – 19 June 2024

    const auto shares = sportDistribution(all, first, last);
    double hours = 0;
    for (const SportShare& s : shares)
        hours += s.totals.hours;
    EXPECT_NEAR(hours, 45, 1e-9);
}
