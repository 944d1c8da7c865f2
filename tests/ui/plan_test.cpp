// The Plan page and the dashboard's projection, from a race set in the store.
#include "core/coach/coachsettings.h"
#include "core/coach/planjson.h"
#include "core/coach/replan.h"
#include "core/secrets/secretstore.h"
#include "core/util/datetime.h"
#include "tests/fakes/fakechatserver.h"
#include "tests/ui/uitestsupport.h"
#include "ui/charts/pmcchart.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/plan/planpage.h"
#include "ui/trainingdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace tricoach;
using namespace tricoach::test;

namespace {

const QDate kToday(2027, 2, 3); // a Wednesday

class PlanPageTest : public UiTest {
protected:
    CoachSettings race(int weeks) const
    {
        CoachSettings s;
        s.race.name = QStringLiteral("Spring Olympic");
        s.race.date = kToday.addDays(weeks * 7 + 3);
        s.race.distance = RaceDistance::Olympic;
        s.hoursByWeekday = {0, 1.25, 1, 1.25, 0.75, 2.5, 2};
        return s;
    }
};

TEST_F(PlanPageTest, WithoutARaceThePageAsksForOne)
{
    TrainingData data(*store, athlete);
    PlanPage page(data, *preferences);
    page.setToday(kToday);
    EXPECT_FALSE(page.plan().has_value());
    EXPECT_TRUE(page.findChild<QLabel*>(QStringLiteral("planSummary"))->text().contains(QStringLiteral("No race")));
}

TEST_F(PlanPageTest, TheSeasonWeekAndRaceDayFollowTheRace)
{
    TrainingData data(*store, athlete);
    PlanPage page(data, *preferences);
    page.setToday(kToday);
    page.setCoachSettings(race(14));
    ASSERT_TRUE(page.plan().has_value());
    const SeasonPlan& plan = *page.plan();
    EXPECT_EQ(plan.weeks.front().weekStart, QDate(2027, 2, 1)); // this week, planned whole
    EXPECT_TRUE(plan.weeks.back().hasRace());
    // Saved in the store: a new page reads the same race back.
    ASSERT_TRUE(loadCoachSettings(*store, athlete));
    EXPECT_EQ(loadCoachSettings(*store, athlete)->race.name, QStringLiteral("Spring Olympic"));
    // Season: one row per week (and notes from the validator, if any).
    EXPECT_GE(page.seasonTable()->rowCount(), static_cast<int>(plan.weeks.size()));
    // Week: the days, each with its sessions.
    QTreeWidget* week = page.weekView();
    ASSERT_EQ(week->topLevelItemCount(), 7);
    int sessions = 0;
    for (int d = 0; d < 7; ++d)
        sessions += week->topLevelItem(d)->childCount();
    // This week is shown adapted to what was done (nothing yet, on a Wednesday).
    const Replanned adapted = replanRestOfWeek(plan.profile, plan.weeks.front(), {}, kToday);
    int planned = 0;
    for (const PlannedDay& d : adapted.week.days)
        planned += static_cast<int>(d.workouts.size());
    EXPECT_TRUE(page.findChild<QLabel*>(QStringLiteral("weekTitle"))->text().contains(adapted.note));
    EXPECT_EQ(sessions, planned);
    // Each day says how much carbohydrate its training asks for.
    for (int d = 0; d < 7; ++d)
        EXPECT_TRUE(week->topLevelItem(d)->text(3).contains(QStringLiteral("g carbohydrate per kg")));
    // Race day: the strategy with its predicted finish.
    EXPECT_TRUE(page.raceView()->toPlainText().contains(QStringLiteral("Predicted finish")));
    // Navigation stays inside the plan.
    page.showWeek(plan.weeks[3].weekStart.addDays(2));
    EXPECT_EQ(page.shownWeek(), plan.weeks[3].weekStart);
}

TEST_F(PlanPageTest, WhatWasDoneIsSetAgainstThePlan)
{
    TrainingData data(*store, athlete);
    PlanPage page(data, *preferences);
    page.setToday(kToday);
    page.setCoachSettings(race(12));
    ASSERT_TRUE(page.plan());
    const WeekPlan& week = page.plan()->weeks.front();
    double plannedToToday = 0;
    for (const PlannedDay& d : week.days)
        if (d.date <= kToday)
            plannedToToday += d.minutes();
    ASSERT_GT(plannedToToday, 0);
    // Half of it done, on Tuesday.
    Activity a;
    a.athleteId = athlete;
    a.sport = Sport::Bike;
    a.title = QStringLiteral("Tuesday ride");
    a.startUtc = utcDateTime(QDate(2027, 2, 2), QTime(17, 0));
    a.movingSec = a.elapsedSec = plannedToToday / 2 * 60;
    ASSERT_TRUE(store->addActivity(a));
    data.notifyChanged();
    ASSERT_TRUE(page.compliance().has_value());
    EXPECT_NEAR(*page.compliance(), 0.5, 1e-9);
    EXPECT_TRUE(page.findChild<QLabel*>(QStringLiteral("compliance"))->text().contains(QStringLiteral("50%")));
}

TEST_F(PlanPageTest, TheDashboardProjectsFitnessAndFormToRaceDay)
{
    ASSERT_TRUE(saveCoachSettings(*store, athlete, race(10)));
    TrainingData data(*store, athlete);
    DashboardPage page(data, *preferences);
    page.setToday(kToday);
    PmcChart* chart = page.pmcChart();
    ASSERT_GT(chart->projectedFitnessSeries()->count(), 60);
    const double lastX = chart->projectedFitnessSeries()->points().back().x();
    EXPECT_EQ(utcFromMSecs(static_cast<qint64>(lastX)).date(), race(10).race.date);
    EXPECT_EQ(chart->projectedFitnessSeries()->pen().style(), Qt::DashLine);
    // Without a race, nothing is projected.
    ASSERT_TRUE(store->setDocument(athlete, QStringLiteral("coach"), QJsonObject{}));
    page.refresh();
    EXPECT_EQ(chart->projectedFitnessSeries()->count(), 0);
}

} // namespace

namespace {

TEST_F(PlanPageTest, TheAiCoachsWeekReplacesTheEnginesWhenItPassesAndTheKeyComesFromTheSecrets)
{
    tricoach::fakes::FakeChatServer server;
    ASSERT_TRUE(server.start());
    TrainingData data(*store, athlete);
    PlanPage page(data, *preferences);
    page.setToday(kToday);
    page.setCoachSettings(race(14));
    ASSERT_TRUE(page.plan());
    EXPECT_FALSE(page.findChild<QPushButton*>(QStringLiteral("askCoach"))->isEnabled()); // not set up yet

    preferences->setLlm(server.baseUrl().toString(), QStringLiteral("coach"), false);
    ASSERT_TRUE(preferences->secrets().write(QString::fromLatin1(kLlmKeySecret), QStringLiteral("sk-ui")));
    EXPECT_TRUE(page.findChild<QPushButton*>(QStringLiteral("askCoach"))->isEnabled());
    // The model sends the engine's week back with one session renamed.
    QString answer = QString::fromUtf8(
        QJsonDocument(weekToJson(page.plan()->weeks.front(), page.plan()->profile.thresholds)).toJson());
    answer.replace(QStringLiteral("Long run"), QStringLiteral("Long run, the AI's"));
    server.enqueue(tricoach::fakes::FakeResponse::completion(answer));
    page.askCoach();
    ASSERT_TRUE(waitUntil([&] { return !page.coachBusy() && server.requests().size() == 1; }));
    ASSERT_TRUE(waitUntil([&] { return page.coachNote().contains(QStringLiteral("passes")); }));
    EXPECT_EQ(server.requests().front().headers.value("authorization"), QByteArray("Bearer sk-ui"));
    bool shown = false;
    QTreeWidget* week = page.weekView();
    for (int d = 0; d < week->topLevelItemCount(); ++d)
        for (int s = 0; s < week->topLevelItem(d)->childCount(); ++s)
            shown |= week->topLevelItem(d)->child(s)->text(0).contains(QStringLiteral("the AI's"));
    EXPECT_TRUE(shown);

    // A refusal keeps the engine's week and says why.
    server.enqueue(tricoach::fakes::FakeResponse::refusal(QStringLiteral("Not today.")));
    page.showWeek(page.plan()->weeks[1].weekStart);
    page.askCoach();
    ASSERT_TRUE(waitUntil([&] { return page.coachNote().contains(QStringLiteral("declined")); }));
}

} // namespace

namespace {

TEST_F(PlanPageTest, AMovedSessionStaysMovedAndTheRulesAreChecked)
{
    TrainingData data(*store, athlete);
    PlanPage page(data, *preferences);
    page.setToday(kToday);
    page.setCoachSettings(race(14));
    ASSERT_TRUE(page.plan());
    const WeekPlan& week = page.plan()->weeks[2];
    page.showWeek(week.weekStart);
    // The week's long ride moves from its day to the day before.
    QDate from;
    for (const PlannedDay& d : week.days)
        for (const Workout& w : d.workouts)
            if (w.sessionType == QStringLiteral("Long ride"))
                from = d.date;
    ASSERT_TRUE(from.isValid());
    const QDate to = from.addDays(-1);
    page.moveWorkout(from, QStringLiteral("Long ride"), to);
    const auto sessionsOn = [&](const PlanPage& p, const QDate& day) {
        QStringList out;
        QTreeWidget* tree = p.weekView();
        for (int d = 0; d < tree->topLevelItemCount(); ++d)
            if (tree->topLevelItem(d)->data(0, Qt::UserRole).toDate() == day)
                for (int s = 0; s < tree->topLevelItem(d)->childCount(); ++s)
                    out << tree->topLevelItem(d)->child(s)->data(0, Qt::UserRole).toString();
        return out;
    };
    EXPECT_TRUE(sessionsOn(page, to).contains(QStringLiteral("Long ride")));
    EXPECT_FALSE(sessionsOn(page, from).contains(QStringLiteral("Long ride")));
    EXPECT_TRUE(page.coachNote().startsWith(QStringLiteral("Moved")));
    // Kept in the store: another page shows the same.
    PlanPage again(data, *preferences);
    again.setToday(kToday);
    again.showWeek(week.weekStart);
    EXPECT_TRUE(sessionsOn(again, to).contains(QStringLiteral("Long ride")));
    ASSERT_EQ(loadCoachSettings(*store, athlete)->moves.size(), 1u);
}

} // namespace

namespace {

TEST_F(PlanPageTest, TheAiCoachCanWriteTheRaceDayStrategy)
{
    tricoach::fakes::FakeChatServer server;
    ASSERT_TRUE(server.start());
    TrainingData data(*store, athlete);
    PlanPage page(data, *preferences);
    page.setToday(kToday);
    page.setCoachSettings(race(14));
    preferences->setLlm(server.baseUrl().toString(), QStringLiteral("coach"), false);
    QJsonObject answer;
    for (const char* key :
         {"taper_and_race_week", "race_morning", "transition_1", "transition_2", "mental_cues", "contingencies"})
        answer.insert(QLatin1String(key),
                      QJsonArray{QStringLiteral("First point from the model."), QStringLiteral("Second point.")});
    QJsonArray legs;
    for (const char* sport : {"Swim", "Bike", "Run"})
        legs.append(QJsonObject{
            {QStringLiteral("sport"), QLatin1String(sport)},
            {QStringLiteral("execution"), QJsonArray{QStringLiteral("Leg advice."), QStringLiteral("More.")}}});
    answer.insert(QStringLiteral("legs"), legs);
    server.enqueue(tricoach::fakes::FakeResponse::completion(QString::fromUtf8(QJsonDocument(answer).toJson())));
    page.askCoachForRace();
    ASSERT_TRUE(waitUntil([&] { return page.raceNote().contains(QStringLiteral("strategy")); }));
    EXPECT_TRUE(page.raceView()->toPlainText().contains(QStringLiteral("First point from the model.")));
    EXPECT_TRUE(page.raceView()->toPlainText().contains(QStringLiteral("Predicted finish"))); // the numbers stay
}

} // namespace
