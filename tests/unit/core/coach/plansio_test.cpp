// The coach's settings and plans as JSON: round trips, and what an LLM might send back.
#include "core/coach/coachsettings.h"
#include "core/coach/planengine.h"
#include "core/coach/planjson.h"
#include "core/coach/planvalidator.h"

#include <QJsonArray>

#include <gtest/gtest.h>

using namespace tricoach;

namespace {

TEST(CoachSettings, RoundTripAndClearErrors)
{
    CoachSettings s;
    s.race.name = QStringLiteral("Lake");
    s.race.date = QDate(2027, 6, 13);
    s.race.distance = RaceDistance::Half;
    s.race.priority = RacePriority::B;
    s.level = Experience::Advanced;
    s.model = Periodization::Block;
    s.hoursByWeekday = {0, 1.5, 1, 1.5, 0.75, 3, 2.5};
    s.poolAccess = false;
    const auto back = CoachSettings::fromJson(s.toJson());
    ASSERT_TRUE(back);
    EXPECT_EQ(back->toJson(), s.toJson());
    EXPECT_EQ(back->race.priority, RacePriority::B);
    EXPECT_FALSE(back->poolAccess);

    QJsonObject bad = s.toJson();
    QJsonObject race = bad.value(QStringLiteral("race")).toObject();
    race.insert(QStringLiteral("distance"), QStringLiteral("ultra"));
    bad.insert(QStringLiteral("race"), race);
    const auto refused = CoachSettings::fromJson(bad);
    ASSERT_FALSE(refused);
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("race.distance")));
    QJsonObject hours = s.toJson();
    hours.insert(QStringLiteral("hours_by_weekday"), QJsonArray{1, 2, 3});
    EXPECT_FALSE(CoachSettings::fromJson(hours));
}

TEST(CoachSettings, WeeklyHoursSpreadTowardsTheWeekendAndSkipDaysOff)
{
    const auto h = spreadHours(10, {0});
    EXPECT_EQ(h[0], 0);
    double sum = 0;
    for (double d : h)
        sum += d;
    EXPECT_NEAR(sum, 10, 0.5);
    EXPECT_GT(h[5], h[1]); // Saturday over Tuesday
    EXPECT_EQ(spreadHours(5, {0, 1, 2, 3, 4, 5, 6}), (std::array<double, 7>{}));
}

TEST(PlanJson, AnEnginesWeekReadBackKeepsItsSessionsAndLengths)
{
    CoachProfile p;
    p.today = QDate(2027, 1, 6);
    p.race.date = QDate(2027, 6, 20);
    p.race.distance = RaceDistance::Olympic;
    p.fitness = {40, 40};
    p.recentWeeklyHours = 7;
    const SeasonPlan plan = planSeason(p);
    const WeekPlan& week = plan.weeks[3];
    const QJsonObject json = weekToJson(week, p.thresholds);
    const auto back = weekFromJson(json);
    ASSERT_TRUE(back) << back.error().message.toStdString();
    ASSERT_EQ(back->days.size(), 7u);
    for (std::size_t d = 0; d < 7; ++d) {
        ASSERT_EQ(back->days[d].workouts.size(), week.days[d].workouts.size());
        EXPECT_NEAR(back->days[d].minutes(), week.days[d].minutes(), 1.0); // whole minutes in JSON
    }
    // What the validator says about the week as read (steps add up to the stated lengths).
    for (const PlanIssue& i : validateWeek(*back, p))
        EXPECT_NE(i.rule, QStringLiteral("step-durations")) << i.message.toStdString();
}

TEST(PlanJson, MalformedWeeksAreRefusedNamingTheField)
{
    const auto noDate = weekFromJson(QJsonObject{{QStringLiteral("days"), QJsonArray{}}});
    ASSERT_FALSE(noDate);
    EXPECT_TRUE(noDate.error().message.contains(QStringLiteral("week_start_date")));
    const QJsonObject outside{
        {QStringLiteral("week_start_date"), QStringLiteral("2027-03-01")},
        {QStringLiteral("days"), QJsonArray{QJsonObject{{QStringLiteral("date"), QStringLiteral("2027-03-09")},
                                                        {QStringLiteral("sport"), QStringLiteral("Run")},
                                                        {QStringLiteral("duration_min"), 40}}}}};
    const auto wrongDay = weekFromJson(outside);
    ASSERT_FALSE(wrongDay);
    EXPECT_TRUE(wrongDay.error().message.contains(QStringLiteral("days[0].date")));
    QJsonObject badSport = outside;
    badSport.insert(QStringLiteral("days"),
                    QJsonArray{QJsonObject{{QStringLiteral("date"), QStringLiteral("2027-03-02")},
                                           {QStringLiteral("sport"), QStringLiteral("Curling")},
                                           {QStringLiteral("duration_min"), 40}}});
    const auto curling = weekFromJson(badSport);
    ASSERT_FALSE(curling);
    EXPECT_TRUE(curling.error().message.contains(QStringLiteral("Curling")));
    // A session whose parts do not add up to its stated length is caught by the validator.
    QJsonObject parts = outside;
    parts.insert(QStringLiteral("days"),
                 QJsonArray{QJsonObject{{QStringLiteral("date"), QStringLiteral("2027-03-02")},
                                        {QStringLiteral("sport"), QStringLiteral("Bike")},
                                        {QStringLiteral("duration_min"), 60},
                                        {QStringLiteral("intensity"), QStringLiteral("Z4 (95-105% FTP)")},
                                        {QStringLiteral("warmup_min"), 15},
                                        {QStringLiteral("main_set_min"), 20},
                                        {QStringLiteral("cooldown_min"), 10}}});
    const auto read = weekFromJson(parts);
    ASSERT_TRUE(read);
    CoachProfile p;
    p.hoursByWeekday = {2, 2, 2, 2, 2, 2, 2};
    bool found = false;
    for (const PlanIssue& i : validateWeek(*read, p))
        found |= i.rule == QStringLiteral("step-durations");
    EXPECT_TRUE(found);
}

} // namespace
