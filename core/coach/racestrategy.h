#pragma once
// Race day made concrete for one athlete: the race week and morning, transition checklists, pacing targets per leg
// in their own numbers, a timed fuelling schedule from a sweat-rate test, mental cues, contingencies, and a
// predicted finish time per leg with what it is based on. Also daily carbohydrate by training load.

#include "core/coach/coachprofile.h"

#include <QStringList>

#include <optional>
#include <vector>

namespace tricoach {

// A sweat test: weigh before and after a session of known length, note what was drunk (and passed).
struct SweatTest {
    double weightBeforeKg = 0;
    double weightAfterKg = 0;
    double drankLitres = 0;
    double urineLitres = 0;
    double hours = 0;
};
// Litres an hour: (weight lost + drunk − urine) / hours; nothing for an impossible test.
std::optional<double> sweatRate(const SweatTest& test);

struct LegPlan {
    Sport sport = Sport::Swim;
    double distanceM = 0;
    QString target; // "198–214 W (79–86% FTP)", "4:49–5:05 /km", "1:55–2:00 /100 m", or heart rate
    double predictedMinutes = 0;
    QString basis;         // how the prediction was made
    QStringList execution; // how to race the leg, in order
};

struct FuelEvent {
    int minute = 0; // from the start of the race
    Sport leg = Sport::Bike;
    QString what; // "gel (25 g carbohydrate) + 150 ml water"
    double carbsG = 0;
    double fluidMl = 0;
};

struct RaceStrategy {
    RaceGoal race;
    QStringList taperAndRaceWeek;
    QStringList raceMorning;
    QStringList transition1, transition2;
    std::vector<LegPlan> legs; // swim, bike, run
    double transitionMinutes = 0;
    double predictedMinutes = 0;
    double carbsPerHourBike = 0, carbsPerHourRun = 0, fluidMlPerHour = 0;
    QString fluidBasis;
    std::vector<FuelEvent> fuelling;
    QStringList mentalCues;
    QStringList contingencies;
};

RaceStrategy raceStrategy(const CoachProfile& profile, std::optional<double> sweatLitresPerHour = std::nullopt);

// Carbohydrate for a day by its training: g per kg body weight (IOC consensus ranges, Burke et al. 2011).
struct DayFuel {
    QString dayType; // "rest or light", "moderate", "high", "very high"
    double carbsLowGPerKg = 0, carbsHighGPerKg = 0;
};
DayFuel dailyCarbohydrate(double plannedMinutes, double plannedLoad);

} // namespace tricoach
