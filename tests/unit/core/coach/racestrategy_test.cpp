// Race day in the athlete's own numbers.
#include "core/coach/racestrategy.h"

#include <gtest/gtest.h>

using namespace tricoach;

namespace {

CoachProfile halfAthlete()
{
    CoachProfile p;
    p.race.name = QStringLiteral("Lake 70.3");
    p.race.date = QDate(2027, 6, 13);
    p.race.distance = RaceDistance::Half;
    p.thresholds.ftpWatts = 250;
    p.thresholds.runThresholdSpeed = 1000.0 / 260; // 4:20 /km
    p.thresholds.cssSpeed = 100.0 / 105;           // 1:45 /100 m
    p.thresholds.weightKg = 70;
    return p;
}

TEST(RaceStrategy, SweatRateIsWeightLostPlusDrinkPerHour)
{
    EXPECT_NEAR(*sweatRate({72, 71.1, 0.5, 0, 1}), 1.4, 1e-9);
    EXPECT_NEAR(*sweatRate({70, 69, 0.5, 0.1, 2}), 0.7, 1e-9);
    EXPECT_FALSE(sweatRate({70, 69, 0.5, 0, 0})); // no duration
    EXPECT_FALSE(sweatRate({70, 72, 0.5, 0, 1})); // gained more than drunk
    EXPECT_FALSE(sweatRate({70, 60, 0, 0, 1}));   // 10 l in an hour is a typo
}

TEST(RaceStrategy, TargetsAndPredictionsComeFromTheAthletesThresholds)
{
    const RaceStrategy s = raceStrategy(halfAthlete(), 1.2);
    ASSERT_EQ(s.legs.size(), 3u);
    EXPECT_EQ(s.legs[1].target.toStdString(), "188–205 W (75–82% FTP)");
    EXPECT_TRUE(s.legs[2].target.startsWith(QStringLiteral("4:49–5:10 /km"))) << s.legs[2].target.toStdString();
    EXPECT_TRUE(s.legs[0].target.startsWith(QStringLiteral("1:51–1:57 /100 m"))) << s.legs[0].target.toStdString();
    // 21.1 km at the middle of 84–90 % of 3.85 m/s, and 1.9 km at 92.5 % of CSS plus 5 %.
    EXPECT_NEAR(s.legs[2].predictedMinutes, 21100 / (1000.0 / 260 * 0.87) / 60, 1e-6);
    EXPECT_NEAR(s.legs[0].predictedMinutes, 1900 / (100.0 / 105 * 0.925) / 60 * 1.05, 1e-6);
    EXPECT_GT(s.legs[1].predictedMinutes, 120);
    EXPECT_LT(s.legs[1].predictedMinutes, 200);
    EXPECT_NEAR(s.predictedMinutes,
                s.legs[0].predictedMinutes + s.legs[1].predictedMinutes + s.legs[2].predictedMinutes +
                    s.transitionMinutes,
                1e-9);
    for (const LegPlan& l : s.legs)
        EXPECT_FALSE(l.basis.isEmpty());
}

TEST(RaceStrategy, FuellingFollowsTheHourlyTargetsAndTheSweatRate)
{
    const RaceStrategy s = raceStrategy(halfAthlete(), 1.2);
    EXPECT_EQ(s.carbsPerHourBike, 80);
    EXPECT_EQ(s.carbsPerHourRun, 50);
    EXPECT_NEAR(s.fluidMlPerHour, 840, 1e-9); // 70 % of 1.2 l/h
    double bikeCarbs = 0;
    int last = -1;
    for (const FuelEvent& f : s.fuelling) {
        EXPECT_GT(f.minute, last); // in time order
        last = f.minute;
        if (f.leg == Sport::Bike)
            bikeCarbs += f.carbsG;
    }
    // Every 20 minutes from minute 15 of the bike: close to 80 g an hour over the ride.
    EXPECT_NEAR(bikeCarbs / (s.legs[1].predictedMinutes / 60), 80, 15);
    // A sprint needs no fuelling, and without a sweat test the default is stated.
    CoachProfile sprint = halfAthlete();
    sprint.race.distance = RaceDistance::Sprint;
    const RaceStrategy short_ = raceStrategy(sprint);
    EXPECT_TRUE(short_.fuelling.empty());
    EXPECT_DOUBLE_EQ(short_.fluidMlPerHour, 600);
    EXPECT_TRUE(short_.fluidBasis.contains(QStringLiteral("sweat test")));
}

TEST(RaceStrategy, WithoutThresholdsThePredictionSaysItIsTypical)
{
    CoachProfile p;
    p.race.distance = RaceDistance::Olympic;
    const RaceStrategy s = raceStrategy(p);
    for (const LegPlan& l : s.legs)
        EXPECT_TRUE(l.basis.contains(QStringLiteral("typical"))) << l.basis.toStdString();
    EXPECT_NEAR(s.predictedMinutes, raceFormat(RaceDistance::Olympic).typicalHours * 60 + s.transitionMinutes, 1);
}

TEST(DailyCarbohydrate, RisesWithTheDaysTraining)
{
    EXPECT_EQ(dailyCarbohydrate(0, 0).carbsLowGPerKg, 3);
    EXPECT_EQ(dailyCarbohydrate(60, 50).carbsLowGPerKg, 5);
    EXPECT_EQ(dailyCarbohydrate(150, 150).carbsHighGPerKg, 10);
    EXPECT_EQ(dailyCarbohydrate(300, 320).dayType, QStringLiteral("very high"));
}

} // namespace
