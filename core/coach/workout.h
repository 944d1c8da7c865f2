#pragma once
// A structured workout: warm-up, main set (repeats of work and recovery, or steady blocks) and cool-down, each
// step in a training zone. Its description, intensity, duration and planned load all follow from the steps.

#include "core/model/athlete.h"
#include "core/model/sport.h"

#include <QString>

#include <vector>

namespace tricoach {

enum class StepKind { WarmUp, Work, Recovery, Steady, CoolDown };

// One step. Zones are the coach's five-zone scale (Z1 recovery … Z5 VO2max); `zoneTo` > `zone` is a progression
// (Z2 → Z3). `distanceM` is set for swim repeats, which swimmers count in metres.
struct WorkoutStep {
    StepKind kind = StepKind::Steady;
    double minutes = 0;
    int zone = 2;
    int zoneTo = 0; // 0: a single zone
    double distanceM = 0;
    bool operator==(const WorkoutStep&) const = default;
};

struct StepGroup {
    int repeats = 1;
    std::vector<WorkoutStep> steps;
    bool operator==(const StepGroup&) const = default;
};

enum class WorkoutPriority { Low, Medium, High };
QString workoutPriorityId(WorkoutPriority p); // "low", "medium", "high"

struct Workout {
    Sport sport = Sport::Run;
    QString sessionType; // "Bike intervals", "Long run", "Swim technique", "Brick run", "Race", ...
    QString primaryGoal; // "aerobic endurance", "threshold power", "VO2max", "technique", "recovery", "race"
    WorkoutPriority priority = WorkoutPriority::Medium;
    bool race = false;          // the race itself: not a training session (exempt from the weekly intensity rules)
    double declaredMinutes = 0; // the length a plan states for it (JSON duration_min); 0: the steps' sum
    QString givenDescription;   // the text a plan came with (an LLM's); empty: described from the steps
    std::vector<StepGroup> groups;

    double minutes() const;
    double warmupMinutes() const;
    double cooldownMinutes() const;
    double mainSetMinutes() const { return minutes() - warmupMinutes() - cooldownMinutes(); }
    // Minutes in Z3 and above (the "hard" side of 80/20), counting a progression by its top zone's share.
    double hardMinutes() const;
    int topZone() const;
    // Load the session is expected to give: Σ hours × 100 × IF² (IF³ for swims, as core/metrics scores them),
    // with each zone's typical intensity factor.
    double plannedLoad() const;
    // "Warm-up 15min Z1, then 4x8min @ Z4 (95-105% FTP, 228-252 W) with 3min Z1 recovery, cool-down 10min Z1.
    // Total: 67min", in the athlete's own numbers where the threshold is known.
    QString description(const Thresholds& thresholds) const;
    // The main set's intensity: "Z4 (95-105% FTP)".
    QString intensity(const Thresholds& thresholds) const;
};

// Seconds as a clock, "4:20": paces per km or per 100 m.
QString clockText(double seconds);

// The intensity factor the coach assumes for a zone (for planned load).
double zoneIntensityFactor(int zone);
// A zone's range in % of the sport's threshold: FTP (bike), threshold speed (run), CSS speed (swim); % of LTHR
// for other sports.
std::pair<double, double> zoneRange(Sport sport, int zone);
// "95-105% FTP, 228-252 W" for a zone of a sport, in numbers when the threshold is known.
QString zoneTarget(Sport sport, int zone, const Thresholds& thresholds);

} // namespace tricoach
