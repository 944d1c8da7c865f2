// Strava's rate limits as documented ("Rate Limits"): two windows, fifteen minutes reset at :00/:15/:30/:45 and the
// UTC day at midnight; reads limited apart from all calls; every header "fifteen-minute,daily".
#include "core/strava/ratelimit.h"
#include "core/util/datetime.h"

#include <gtest/gtest.h>

using namespace tricoach::strava;

namespace {

QDateTime utc(int day, int h, int m, int s = 0)
{
    return tricoach::utcDateTime(QDate(2026, 3, day), QTime(h, m, s));
}

RateReport report(int read15, int readDay, int limit15 = 100, int limitDay = 1000)
{
    const QByteArray l = QByteArray::number(limit15) + ',' + QByteArray::number(limitDay);
    const QByteArray u = QByteArray::number(read15) + ',' + QByteArray::number(readDay);
    return rateReportFromHeaders({{"x-ratelimit-limit", "200,2000"},
                                  {"X-RateLimit-Usage", QByteArray::number(read15) + ',' + QByteArray::number(readDay)},
                                  {"X-READRATELIMIT-LIMIT", l},
                                  {"x-readratelimit-usage", u}});
}

} // namespace

TEST(StravaRateLimit, HeadersAreReadWhateverTheirCase)
{
    const RateReport r = report(12, 340);
    ASSERT_TRUE(r.read.has_value());
    EXPECT_EQ(r.read->used15, 12);
    EXPECT_EQ(r.read->usedDay, 340);
    EXPECT_EQ(r.read->limit15, 100);
    EXPECT_EQ(r.read->limitDay, 1000);
    ASSERT_TRUE(r.overall.has_value());
    EXPECT_EQ(r.overall->limit15, 200);
    EXPECT_FALSE(rateReportFromHeaders({{"X-RateLimit-Limit", "garbage"}}).overall.has_value());
}

TEST(StravaRateLimit, WindowsResetOnTheQuarterHourAndAtUtcMidnight)
{
    EXPECT_EQ(nextQuarterHour(utc(5, 10, 14, 59)), utc(5, 10, 15));
    EXPECT_EQ(nextQuarterHour(utc(5, 10, 15)), utc(5, 10, 30));
    EXPECT_EQ(nextQuarterHour(utc(5, 23, 50)), utc(6, 0, 0));
    EXPECT_EQ(nextUtcDay(utc(5, 23, 59, 59)), utc(6, 0, 0));
}

TEST(StravaRateLimit, ASpentQuarterHourWaitsForTheNextOne)
{
    RateBudget b;
    const QDateTime now = utc(5, 10, 7);
    b.observe(report(95, 200), now);
    // 100 a quarter hour less a tenth of headroom: 90 usable, 95 used.
    EXPECT_EQ(b.readsLeft15(now), 0);
    EXPECT_EQ(b.nextReadAt(now), utc(5, 10, 15));
    // The next window starts from zero.
    EXPECT_EQ(b.readsLeft15(utc(5, 10, 15)), 90);
    EXPECT_EQ(b.nextReadAt(utc(5, 10, 15, 1)), utc(5, 10, 15, 1));
}

TEST(StravaRateLimit, ASpentDayWaitsForUtcMidnight)
{
    RateBudget b;
    const QDateTime now = utc(5, 18, 2);
    b.observe(report(3, 990), now);
    EXPECT_EQ(b.nextReadAt(now), utc(6, 0, 0));
    EXPECT_EQ(b.nextReadAt(utc(5, 18, 30)), utc(6, 0, 0)); // a new quarter hour does not help
    EXPECT_EQ(b.readsLeftToday(utc(6, 0, 0)), 900);
}

TEST(StravaRateLimit, CallsMadeSinceTheLastAnswerCount)
{
    RateBudget b;
    const QDateTime now = utc(5, 9, 1);
    b.observe(report(80, 100), now);
    for (int i = 0; i < 10; ++i)
        b.countRead(now);
    EXPECT_EQ(b.readsLeft15(now), 0);
}

TEST(StravaRateLimit, A429SpendsTheWindowWhateverTheCountersSaid)
{
    RateBudget b;
    const QDateTime now = utc(5, 9, 1);
    b.observe(report(10, 10), now);
    b.markExhausted(now);
    EXPECT_EQ(b.nextReadAt(now), utc(5, 9, 15));
}

TEST(StravaRateLimit, ThePlannedFinishSpendsEachWindowAsItOpens)
{
    // Independent arithmetic: 90 usable reads a quarter hour, 900 a day. From 00:00 UTC with nothing used, 5,000
    // reads take five full days (4,500) and 500 on the sixth: 450 in the first five quarter hours... 500 needs six
    // quarter hours (5 x 90 = 450, the sixth brings the last 50), so the last starts at 01:15 on day 6.
    RateBudget b;
    const QDateTime start = utc(1, 0, 0);
    b.observe(report(0, 0), start);
    const int fullDays = 5000 / 900;           // 5
    const int rest = 5000 - fullDays * 900;    // 500
    const int quarters = (rest + 89) / 90 - 1; // the window the last read falls in, counted from 0: 5
    const QDateTime expected = utc(1 + fullDays, 0, 0).addSecs(quarters * 15 * 60);
    EXPECT_EQ(b.plannedFinish(5000, start), expected);
    EXPECT_EQ(b.plannedFinish(0, start), start);
    EXPECT_EQ(b.plannedFinish(90, start), start); // the first window holds them all
}

TEST(StravaRateLimit, TheBudgetSurvivesARestart)
{
    RateBudget b;
    const QDateTime now = utc(5, 9, 1);
    b.observe(report(89, 500), now);
    const RateBudget again = RateBudget::fromJson(b.toJson());
    EXPECT_EQ(again.readsLeft15(now), b.readsLeft15(now));
    EXPECT_EQ(again.readsLeftToday(now), b.readsLeftToday(now));
    EXPECT_EQ(again.readWindow(), b.readWindow());
}
