// The built-in coach against its own rules: random athletes' seasons pass the validator, and hand-broken plans
// fail it for the right reason.
#include "core/coach/planengine.h"
#include "core/coach/planvalidator.h"
#include "core/coach/weekplanner.h"
#include "core/coach/workoutlibrary.h"
#include "core/metrics/volume.h"

#include <cstdio>
#include <gtest/gtest.h>
#include <map>
#include <random>
#include <set>

using namespace tricoach;

namespace {

const QDate kToday(2027, 1, 6); // a Wednesday

CoachProfile randomProfile(std::mt19937& rng)
{
    auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
    CoachProfile p;
    p.today = kToday;
    p.race.distance = static_cast<RaceDistance>(pick(4));
    // Long enough to prepare for the distance, as a coach would accept the goal: 8 weeks for a sprint … 20 for a
    // full distance, up to 36.
    const int shortest[] = {8, 10, 14, 20};
    const int fromScratch = pick(5) == 0 ? 4 : 0; // an untrained athlete is given four more weeks (below)
    p.level = static_cast<Experience>(pick(3));
    p.model = static_cast<Periodization>(pick(3));
    const double scale = p.race.distance == RaceDistance::Full   ? 2.2
                         : p.race.distance == RaceDistance::Half ? 1.6
                                                                 : 1.0;
    for (double& h : p.hoursByWeekday)
        h = pick(5) == 0 ? 0 : std::round(uniform(0.5, 2.0) * scale * 4) / 4;
    if (p.availableDays() < 3 || p.availableHours() < 3) // less is no preparation for any race
        p.hoursByWeekday = {0, 1, 1, 1, 0, 2, 2};
    p.poolAccess = pick(6) != 0;
    p.trainerAccess = pick(2) == 0;
    if (pick(4) != 0)
        p.thresholds.ftpWatts = uniform(150, 330);
    if (pick(4) != 0)
        p.thresholds.runThresholdSpeed = uniform(2.8, 5.0);
    if (pick(4) != 0)
        p.thresholds.cssSpeed = uniform(0.8, 1.6);
    p.thresholds.lthrRun = uniform(150, 180);
    p.thresholds.lthrBike = *p.thresholds.lthrRun - 5;
    // Fitness that matches the recent training (about 55 load an hour), with some noise; some start from nothing.
    // Age-group athletes: up to 16 hours a week and Fitness up to 100 (beyond that the minimum 40 % taper already
    // leaves Form above +25, and the validator says so).
    p.recentWeeklyHours = pick(5) == 0 ? 0 : uniform(0.5, std::min(16.0, p.availableHours()));
    p.fitness.ctl = std::min(100.0, p.recentWeeklyHours * 55 / 7 * uniform(0.6, 1.3));
    p.fitness.atl = std::max(0.0, p.fitness.ctl * uniform(0.6, 1.0) + uniform(0, 20));
    // From (almost) nothing, a sprint takes twelve weeks, and so on: Form on race day cannot exceed Fitness.
    const int extra = p.fitness.ctl < 20 ? 4 : fromScratch;
    p.race.date = kToday.addDays(
        std::uniform_int_distribution<int>((shortest[static_cast<int>(p.race.distance)] + extra) * 7, 36 * 7)(rng));
    return p;
}

QString describe(const CoachProfile& p)
{
    QStringList hours;
    for (double h : p.hoursByWeekday)
        hours << QString::number(h);
    return QStringLiteral("race %1 %2, %3, %4, hours [%5], pool %6, ctl %7 atl %8 recent %9")
        .arg(raceDistanceId(p.race.distance), p.race.date.toString(Qt::ISODate), experienceId(p.level),
             periodizationId(p.model), hours.join(QLatin1Char(',')))
        .arg(p.poolAccess)
        .arg(p.fitness.ctl, 0, 'f', 1)
        .arg(p.fitness.atl, 0, 'f', 1)
        .arg(p.recentWeeklyHours, 0, 'f', 1);
}

TEST(PlanEngine, TheValidatorAcceptsTheEnginesPlansForAThousandAthletes)
{
    std::mt19937 rng(2027);
    int failures = 0;
    std::map<QString, int> byRule;
    for (int i = 0; i < 1000; ++i) {
        const CoachProfile profile = randomProfile(rng);
        const SeasonPlan plan = planSeason(profile);
        ASSERT_FALSE(plan.weeks.empty()) << describe(profile).toStdString();
        ASSERT_TRUE(plan.weeks.back().hasRace()) << describe(profile).toStdString();
        const auto issues = validatePlan(plan);
        for (const PlanIssue& issue : issues)
            ++byRule[issue.rule];
        if (!issues.empty() && failures++ < 12) {
            ADD_FAILURE() << "profile " << i << ": " << describe(profile).toStdString();
            for (const PlanIssue& issue : issues)
                ADD_FAILURE() << "  " << issue.rule.toStdString() << ": " << issue.message.toStdString();
        }
    }
    for (const auto& [rule, count] : byRule) // which rules the engine broke, when it did
        std::printf("  %s: %d\n", qPrintable(rule), count);
    EXPECT_EQ(failures, 0);
}

class BrokenPlans : public ::testing::Test {
protected:
    void SetUp() override
    {
        profile.today = kToday;
        profile.race.name = QStringLiteral("Lake race");
        profile.race.date = kToday.addDays(20 * 7 + 4);
        profile.race.distance = RaceDistance::Olympic;
        profile.level = Experience::Beginner;
        profile.hoursByWeekday = {1, 1.5, 1, 1.5, 1, 2.5, 2};
        profile.thresholds.ftpWatts = 240;
        profile.thresholds.runThresholdSpeed = 1000.0 / 270;
        profile.thresholds.cssSpeed = 100.0 / 110;
        profile.fitness = {40, 42};
        profile.recentWeeklyHours = 6;
        plan = planSeason(profile);
        ASSERT_TRUE(validatePlan(plan).empty());
    }
    // Only the rules named, each at least once.
    static std::set<QString> rulesOf(const std::vector<PlanIssue>& issues)
    {
        std::set<QString> rules;
        for (const PlanIssue& i : issues)
            rules.insert(i.rule);
        return rules;
    }
    WeekPlan& midWeek() { return plan.weeks[6]; }

    CoachProfile profile;
    SeasonPlan plan;
};

TEST_F(BrokenPlans, AWeekAllAtTempoBreaksTheIntensityDistribution)
{
    for (PlannedDay& d : midWeek().days)
        for (Workout& w : d.workouts)
            for (StepGroup& g : w.groups)
                for (WorkoutStep& s : g.steps)
                    s.zone = 3;
    const auto rules = rulesOf(validatePlan(plan));
    EXPECT_TRUE(rules.count(QStringLiteral("intensity-distribution")));
}

TEST_F(BrokenPlans, TwoHardDaysInARowAreFound)
{
    WeekPlan& w = midWeek();
    int hardDay = -1;
    for (int d = 0; d < 6; ++d)
        if (w.days[static_cast<std::size_t>(d)].hardMinutes() >= kHardDayMinutes)
            hardDay = d;
    ASSERT_GE(hardDay, 0);
    SessionRequest r;
    r.kind = SessionKind::RunIntervals;
    r.minutes = 45;
    r.hardMinutes = 20;
    w.days[static_cast<std::size_t>(hardDay + 1)].workouts.push_back(buildWorkout(r, profile.thresholds));
    const auto issues = validatePlan(plan);
    bool named = false;
    for (const PlanIssue& i : issues)
        named |= i.rule == QStringLiteral("hard-days") && i.date == w.days[static_cast<std::size_t>(hardDay + 1)].date;
    EXPECT_TRUE(named);
}

TEST_F(BrokenPlans, ABeginnerWithoutARestDayIsTold)
{
    WeekPlan& w = midWeek();
    for (PlannedDay& d : w.days) {
        if (d.workouts.empty()) {
            SessionRequest r;
            r.kind = SessionKind::SwimTechnique;
            r.minutes = 30;
            d.workouts.push_back(buildWorkout(r, profile.thresholds));
        }
    }
    EXPECT_TRUE(rulesOf(validatePlan(plan)).count(QStringLiteral("rest-day")));
}

TEST_F(BrokenPlans, MoreHoursThanTheAthleteHasAreRefused)
{
    SessionRequest r;
    r.kind = SessionKind::LongRide;
    r.minutes = 300;
    midWeek().days[5].workouts.push_back(buildWorkout(r, profile.thresholds));
    const auto rules = rulesOf(validatePlan(plan));
    EXPECT_TRUE(rules.count(QStringLiteral("week-hours")) || rules.count(QStringLiteral("day-hours")));
    EXPECT_TRUE(rules.count(QStringLiteral("day-hours")));
}

TEST_F(BrokenPlans, AFitnessJumpBreaksTheRampRule)
{
    // Three long, hard days in one week: far more load than 8 Fitness points.
    for (int d : {0, 2, 4}) {
        Workout w;
        w.sport = Sport::Bike;
        w.sessionType = QStringLiteral("Epic ride");
        w.groups.push_back(StepGroup{1, {WorkoutStep{StepKind::Steady, 400, 4, 0, 0}}});
        midWeek().days[static_cast<std::size_t>(d)].workouts.push_back(w);
    }
    EXPECT_TRUE(rulesOf(validatePlan(plan)).count(QStringLiteral("ramp")));
}

TEST_F(BrokenPlans, NoTaperMeansNoTaperAndAFatiguedRaceDay)
{
    // The last two weeks as heavy as the peak.
    WeekPlan peak = plan.weeks.front();
    for (std::size_t i = 0; i + 2 < plan.weeks.size(); ++i)
        if (plan.weeks[i].hours() > peak.hours())
            peak = plan.weeks[i];
    for (std::size_t i = plan.weeks.size() - 2; i < plan.weeks.size(); ++i) {
        WeekPlan& w = plan.weeks[i];
        for (std::size_t d = 0; d < 7; ++d) {
            const QDate date = w.days[d].date;
            if (date >= profile.race.date)
                continue;
            w.days[d].workouts = peak.days[d].workouts;
        }
    }
    const auto rules = rulesOf(validatePlan(plan));
    EXPECT_TRUE(rules.count(QStringLiteral("taper")));
    EXPECT_TRUE(rules.count(QStringLiteral("race-form")));
}

TEST_F(BrokenPlans, StepsThatDoNotAddUpToTheStatedLengthAreFound)
{
    Workout& w = midWeek().days[5].workouts.front();
    w.declaredMinutes = w.minutes() + 10;
    EXPECT_TRUE(rulesOf(validatePlan(plan)).count(QStringLiteral("step-durations")));
}

TEST(Workouts, DescriptionsAreSpecificAndAddUp)
{
    Thresholds t;
    t.ftpWatts = 250;
    SessionRequest r;
    r.kind = SessionKind::BikeIntervals;
    r.minutes = 70;
    r.hardMinutes = 24;
    const Workout w = buildWorkout(r, t);
    EXPECT_DOUBLE_EQ(w.minutes(), 70);
    EXPECT_DOUBLE_EQ(w.hardMinutes(), 24);
    EXPECT_EQ(w.description(t).toStdString(),
              "Warm-up 14min Z1, then 3x8min @ Z4 (95-105% FTP, 238-263 W) with 3min Z1 recovery, then 13min Z2, "
              "cool-down 10min Z1. Total: 70min");
    EXPECT_DOUBLE_EQ(w.warmupMinutes(), 14);
    EXPECT_DOUBLE_EQ(w.cooldownMinutes(), 10);
    EXPECT_DOUBLE_EQ(w.mainSetMinutes(), 46);
    EXPECT_EQ(w.intensity(t), QStringLiteral("Z4 (95-105% FTP, 238-263 W)"));
    // Planned load: 33 min at Z1, 24 at Z4 and 13 at Z2, at IF 0.55, 0.98 and 0.68: Σ hours × 100 × IF².
    EXPECT_NEAR(w.plannedLoad(), 100 * (33.0 / 60 * 0.55 * 0.55 + 24.0 / 60 * 0.98 * 0.98 + 13.0 / 60 * 0.68 * 0.68),
                1e-9);
    // More work than half the main set is not given: the session stays a session.
    r.hardMinutes = 60;
    EXPECT_DOUBLE_EQ(buildWorkout(r, t).hardMinutes(), 24);

    Thresholds swim;
    swim.cssSpeed = 100.0 / 100; // 1:40 per 100 m
    SessionRequest s;
    s.kind = SessionKind::SwimIntervals;
    s.minutes = 45;
    s.hardMinutes = 20;
    const Workout set = buildWorkout(s, swim);
    EXPECT_NEAR(set.minutes(), 45, 1e-9);
    EXPECT_TRUE(
        set.description(swim).contains(QStringLiteral("x100m @ Z4 (97-102% CSS, 1:38-1:43/100m) with 15s rest")))
        << set.description(swim).toStdString();
}

TEST(PlanEngine, TheSeasonFollowsThePeriodizationAndEndsWithTheRace)
{
    CoachProfile p;
    p.today = kToday;
    p.race.name = QStringLiteral("Half");
    p.race.date = kToday.addDays(24 * 7);
    p.race.distance = RaceDistance::Half;
    p.hoursByWeekday = {1, 1.5, 1.5, 1.5, 1, 4, 3};
    p.fitness = {50, 50};
    p.recentWeeklyHours = 8;
    const SeasonPlan plan = planSeason(p);
    ASSERT_EQ(plan.weeks.front().weekStart, QDate(2027, 1, 4)); // the week of "today", a Wednesday
    EXPECT_EQ(plan.weeks.back().weekStart, weekStartOf(p.race.date));
    EXPECT_EQ(plan.weeks.front().phase, Phase::Base);
    EXPECT_EQ(plan.weeks[plan.weeks.size() - 2].phase, Phase::Taper);
    bool build = false, peak = false, brick = false;
    int recovery = 0;
    for (const WeekPlan& w : plan.weeks) {
        build |= w.phase == Phase::Build;
        peak |= w.phase == Phase::Peak;
        recovery += w.recoveryWeek;
        for (const PlannedDay& d : w.days)
            for (const Workout& x : d.workouts)
                brick |= x.sessionType == QStringLiteral("Brick run");
    }
    EXPECT_TRUE(build);
    EXPECT_TRUE(peak);
    EXPECT_TRUE(brick);
    EXPECT_GE(recovery, 4);
    // Volume grows 5–10 % from one ordinary week to the next until it reaches what the athlete has.
    for (std::size_t i = 1; i + 3 < plan.weeks.size(); ++i) {
        const WeekPlan& a = plan.weeks[i - 1];
        const WeekPlan& b = plan.weeks[i];
        if (a.recoveryWeek || b.recoveryWeek || a.hours() >= p.availableHours() * 0.97)
            continue;
        EXPECT_LE(b.hours(), a.hours() * 1.105) << b.weekStart.toString(Qt::ISODate).toStdString();
    }
    const auto chart = plan.projection();
    EXPECT_GT(chart.back().ctl, p.fitness.ctl);
    EXPECT_TRUE(validatePlan(plan).empty());
}

} // namespace
