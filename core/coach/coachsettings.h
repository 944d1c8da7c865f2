#pragma once
// What the athlete tells the coach (race, level, hours per weekday, pool and trainer), kept in the store, and the
// CoachProfile built from it with today's Fitness, Fatigue and recent weeks from the store.

#include "core/coach/coachprofile.h"
#include "core/util/result.h"

#include <QJsonObject>

#include <optional>
#include <vector>

namespace tricoach {

class ActivityStore;

// A planned session the athlete moved to another day ("Long ride" from Saturday to Sunday).
struct WorkoutMove {
    QDate from;
    QString sessionType;
    QDate to;
    bool operator==(const WorkoutMove&) const = default;
};

struct CoachSettings {
    RaceGoal race;
    Experience level = Experience::Intermediate;
    Periodization model = Periodization::Linear;
    std::array<double, 7> hoursByWeekday{1, 1.25, 1.25, 1.25, 0.75, 2.5, 2}; // Monday first
    bool poolAccess = true;
    bool trainerAccess = true;
    std::vector<WorkoutMove> moves;

    QJsonObject toJson() const;
    // Missing keys keep their defaults; an invalid race date or distance is an error naming the key.
    static Result<CoachSettings> fromJson(const QJsonObject& json);
};

// Spreads weekly hours over the week the way most athletes have time: more at the weekend, less on Monday and
// Friday; `daysOff` (Monday = 0) get none.
std::array<double, 7> spreadHours(double hoursPerWeek, const std::vector<int>& daysOff = {});

inline constexpr const char* kCoachDocument = "coach";
std::optional<CoachSettings> loadCoachSettings(const ActivityStore& store, AthleteId athlete);
Result<void> saveCoachSettings(ActivityStore& store, AthleteId athlete, const CoachSettings& settings);

// The engine's input for `athlete` on `today`: thresholds in force, Fitness and Fatigue the day before the plan
// starts, and the mean weekly hours of the last four weeks.
CoachProfile coachProfile(const ActivityStore& store, AthleteId athlete, const CoachSettings& settings,
                          const QDate& today);

} // namespace tricoach
