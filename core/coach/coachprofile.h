#pragma once
// What the coach plans from: the athlete's race, the time they have, their experience and where their Fitness
// and Fatigue stand today.

#include "core/metrics/pmc.h"
#include "core/model/athlete.h"

#include <QDate>
#include <QString>

#include <array>
#include <optional>

namespace tricoach {

enum class RaceDistance { Sprint, Olympic, Half, Full };
enum class RacePriority { A, B, C };
enum class Experience { Beginner, Intermediate, Advanced };
// How the weeks to the race are organised (the roadmap's three models).
enum class Periodization { Linear, Block, Reverse };

QString raceDistanceId(RaceDistance d); // "sprint", "olympic", "70.3", "full"
std::optional<RaceDistance> raceDistanceFromString(QStringView text);
QString experienceId(Experience e); // "beginner", "intermediate", "advanced"
std::optional<Experience> experienceFromString(QStringView text);
QString periodizationId(Periodization p); // "linear", "block", "reverse"
std::optional<Periodization> periodizationFromString(QStringView text);

// Race distances in metres (swim, bike, run) and the typical finishing time of an age-grouper, in hours.
struct RaceFormat {
    double swimM, bikeM, runM;
    double typicalHours;
};
RaceFormat raceFormat(RaceDistance d);

struct RaceGoal {
    QString name;
    QDate date;
    RaceDistance distance = RaceDistance::Olympic;
    RacePriority priority = RacePriority::A;
    QString goal; // in the athlete's words ("finish strong", "under 2:30")
};

struct CoachProfile {
    RaceGoal race;
    Experience level = Experience::Intermediate;
    Periodization model = Periodization::Linear;
    std::array<double, 7> hoursByWeekday{1, 1, 1, 1, 1, 2, 2}; // Monday first; 0 = not available
    bool poolAccess = true;
    bool trainerAccess = true;
    Thresholds thresholds;
    QDate today;                  // plans start on the Monday of the week of `today`
    PmcState fitness;             // Fitness and Fatigue at the end of the day before `today`
    double recentWeeklyHours = 0; // mean of the last four weeks

    double availableHours() const;
    int availableDays() const;
};

} // namespace tricoach
