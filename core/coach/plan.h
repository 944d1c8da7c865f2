#pragma once
// A training plan: weeks of days of structured workouts, each week in a phase of the season.

#include "core/coach/coachprofile.h"
#include "core/coach/workout.h"

#include <QDate>
#include <QStringList>

#include <vector>

namespace tricoach {

enum class Phase { Base, Build, Peak, Taper, Accumulation, Intensification, Realization, Speed, Endurance, Recovery };
QString phaseName(Phase phase); // "Base", "Build", ..., for people and JSON

struct PlannedDay {
    QDate date;
    std::vector<Workout> workouts; // none: a rest day

    double minutes(bool includeRace = true) const;
    double hardMinutes(bool includeRace = true) const;
    double plannedLoad() const;
    bool hasRace() const;
};

// The roadmap's week notes.
struct WeekNotes {
    QString overallFocus;
    QStringList keyWorkouts;
    QString recoveryGuidelines;
    QString nutritionTips;
    QString gearRecommendations;
};

struct WeekPlan {
    QDate weekStart; // a Monday
    Phase phase = Phase::Base;
    bool recoveryWeek = false;
    std::vector<PlannedDay> days; // seven, Monday first
    WeekNotes notes;

    double hours(bool includeRace = true) const;
    double plannedLoad() const;
    bool hasRace() const;
};

// The taper's days, [first, race day): the full week or two before the race week (two when the race is early in
// its week) and the race week's days before the race. Its volume, as a weekly rate, is compared with the peak.
QDate taperStart(const QDate& raceDay);

struct SeasonPlan {
    CoachProfile profile;
    std::vector<WeekPlan> weeks; // consecutive, the last one holds the race

    // The projected chart from the profile's state through the plan's last day.
    std::vector<PmcDay> projection(const PmcSettings& settings = {}) const;
    const WeekPlan* week(const QDate& anyDay) const;
};

} // namespace tricoach
