// A week adapting to what was done.
#include "core/coach/planengine.h"
#include "core/coach/planvalidator.h"
#include "core/coach/replan.h"
#include "core/coach/weekplanner.h"
#include "core/util/datetime.h"

#include <gtest/gtest.h>

using namespace tricoach;

namespace {

class Replan : public ::testing::Test {
protected:
    void SetUp() override
    {
        profile.today = QDate(2027, 2, 1); // a Monday
        profile.race.date = QDate(2027, 6, 13);
        profile.race.distance = RaceDistance::Olympic;
        profile.hoursByWeekday = {1, 1.5, 1.25, 1.5, 1, 3, 2.5};
        profile.thresholds.ftpWatts = 240;
        profile.fitness = {50, 50};
        profile.recentWeeklyHours = 8;
        week = planSeason(profile).weeks.front();
    }
    Activity session(const QDate& day, double minutes, double load) const
    {
        Activity a;
        a.sport = Sport::Bike;
        a.startUtc = utcDateTime(day, QTime(7, 0));
        a.movingSec = a.elapsedSec = minutes * 60;
        a.load = load;
        return a;
    }
    double loadFrom(const WeekPlan& w, const QDate& from) const
    {
        double load = 0;
        for (const PlannedDay& d : w.days)
            if (d.date >= from)
                load += d.plannedLoad();
        return load;
    }
    CoachProfile profile;
    WeekPlan week;
};

TEST_F(Replan, MissedSessionsMoveSomeLoadToTheDaysLeftWithoutCramming)
{
    const QDate thursday = week.weekStart.addDays(3);
    const Replanned r = replanRestOfWeek(profile, week, {}, thursday); // nothing done Monday to Wednesday
    EXPECT_DOUBLE_EQ(r.compliance, 0);
    const double before = loadFrom(week, thursday), after = loadFrom(r.week, thursday);
    EXPECT_GT(after, before * 1.05);
    EXPECT_LE(after, before * 1.3 * 1.15); // 30 % more at most (sessions come in whole minutes)
    for (int d = 0; d < 3; ++d)            // the past stays as it was planned
        EXPECT_EQ(r.week.days[static_cast<std::size_t>(d)].minutes(), week.days[static_cast<std::size_t>(d)].minutes());
    EXPECT_TRUE(r.note.contains(QStringLiteral("missed")));
    for (const PlanIssue& i : validateWeek(r.week, profile))
        EXPECT_NE(i.rule, QStringLiteral("hard-days")) << i.message.toStdString();
}

TEST_F(Replan, ExtraTrainingLightensTheRest)
{
    const QDate wednesday = week.weekStart.addDays(2);
    std::vector<Activity> done{session(week.weekStart, 150, 160), session(week.weekStart.addDays(1), 150, 170)};
    const Replanned r = replanRestOfWeek(profile, week, done, wednesday);
    EXPECT_GT(r.compliance, 1);
    EXPECT_LT(loadFrom(r.week, wednesday), loadFrom(week, wednesday) * 0.95);
    EXPECT_TRUE(r.note.contains(QStringLiteral("lighter")));
}

TEST_F(Replan, OnTrackKeepsThePlanAndAHardYesterdayKeepsTodayEasy)
{
    const QDate wednesday = week.weekStart.addDays(2);
    std::vector<Activity> asPlanned;
    for (int d = 0; d < 2; ++d) {
        const PlannedDay& day = week.days[static_cast<std::size_t>(d)];
        if (day.minutes() > 0)
            asPlanned.push_back(session(day.date, day.minutes(), day.plannedLoad()));
    }
    const Replanned same = replanRestOfWeek(profile, week, asPlanned, wednesday);
    EXPECT_NEAR(same.compliance, 1, 1e-9);
    EXPECT_TRUE(same.note.contains(QStringLiteral("On track")));
    EXPECT_DOUBLE_EQ(loadFrom(same.week, wednesday), loadFrom(week, wednesday));

    // A hard ride yesterday and nothing else: today must not be a hard day.
    Activity hard = session(week.weekStart.addDays(1), 90, 130);
    hard.intensity = 0.95;
    const Replanned r = replanRestOfWeek(profile, week, {hard}, wednesday);
    EXPECT_LT(r.week.days[2].hardMinutes(), kHardDayMinutes);
}

} // namespace
