#include "core/coach/workoutlibrary.h"

#include <algorithm>
#include <cmath>

namespace tricoach {

namespace {

WorkoutStep step(StepKind kind, double minutes, int zone, int zoneTo = 0, double distanceM = 0)
{
    return WorkoutStep{kind, minutes, zone, zoneTo, distanceM};
}

void single(Workout& w, const WorkoutStep& s)
{
    if (s.minutes > 0)
        w.groups.push_back(StepGroup{1, {s}});
}

// Warm-up and cool-down lengths for a session of `minutes`.
std::pair<int, int> ends(int minutes, int warm, int cool)
{
    const int w = std::clamp(static_cast<int>(std::lround(minutes * 0.2)), std::min(5, minutes / 3), warm);
    const int c = std::clamp(static_cast<int>(std::lround(minutes * 0.15)), std::min(5, minutes / 4), cool);
    return {w, c};
}

// Repeats of `work` minutes with `rest` minutes recovery filling at most `room` minutes and giving about `hard`
// minutes of work.
int repeatsFor(double hard, double work, double rest, double room)
{
    if (work <= 0 || room < work)
        return 0;
    const int wanted = static_cast<int>(std::lround(hard / work));
    const int fits = static_cast<int>(std::floor(room / (work + rest)));
    return std::clamp(wanted, hard > 0 ? 1 : 0, std::max(0, fits));
}

Workout intervals(Workout w, const SessionRequest& r, double work, double rest, int zone)
{
    const auto [warm, cool] = ends(r.minutes, 15, 10);
    const double main = r.minutes - warm - cool;
    const double hard = std::min(r.hardMinutes, main * 0.5);
    // Shorter repeats when the standard ones cannot come close to the work wanted (a short session, a light week).
    const double standard = work;
    double bestError = 1e9;
    for (double scale : {1.0, 0.75, 0.5}) {
        const double length = std::round(standard * scale);
        const int count = repeatsFor(hard, length, std::max(1.0, std::round(rest * scale)), main);
        const double error = std::abs(count * length - hard);
        if (error < bestError - 0.5) {
            bestError = error;
            work = length;
        }
    }
    rest = std::max(1.0, std::round(rest * work / standard));
    const int n = repeatsFor(hard, work, rest, main);
    single(w, step(StepKind::WarmUp, warm, 1));
    double used = 0;
    if (n > 0) {
        w.groups.push_back(StepGroup{n, {step(StepKind::Work, work, zone), step(StepKind::Recovery, rest, 1)}});
        used = n * (work + rest);
    }
    single(w, step(StepKind::Steady, main - used, 2));
    single(w, step(StepKind::CoolDown, cool, 1));
    return w;
}

// `shortest`: a finish shorter than this is left out (a minute or two at tempo at the end of a long run is not a
// workout); a tempo run's main block may be short.
Workout steadyWithFinish(Workout w, const SessionRequest& r, int warmMax, int coolMax, int body, int finishZone,
                         double shortest = 5)
{
    const auto [warm, cool] = ends(r.minutes, warmMax, coolMax);
    const double main = r.minutes - warm - cool;
    double finish = std::clamp(std::round(r.hardMinutes), 0.0, std::floor(main * 0.6));
    if (finish < shortest)
        finish = 0;

    single(w, step(StepKind::WarmUp, warm, 1));
    single(w, step(StepKind::Steady, main - finish, body));
    if (finish > 0)
        single(w, step(StepKind::Work, finish, finishZone));
    single(w, step(StepKind::CoolDown, cool, 1));
    return w;
}

} // namespace

Sport sportOf(SessionKind kind)
{
    switch (kind) {
    case SessionKind::BikeIntervals:
    case SessionKind::BikeEndurance:
    case SessionKind::LongRide:
    case SessionKind::RecoverySpin:
        return Sport::Bike;
    case SessionKind::RunIntervals:
    case SessionKind::RunTempo:
    case SessionKind::EasyRun:
    case SessionKind::LongRun:
    case SessionKind::BrickRun:
        return Sport::Run;
    case SessionKind::SwimIntervals:
    case SessionKind::SwimEndurance:
    case SessionKind::SwimTechnique:
    case SessionKind::OpenWaterSwim:
        return Sport::Swim;
    }
    return Sport::Other;
}

bool isKeySession(SessionKind kind)
{
    return kind == SessionKind::BikeIntervals || kind == SessionKind::RunIntervals || kind == SessionKind::RunTempo ||
           kind == SessionKind::SwimIntervals;
}

Workout buildWorkout(const SessionRequest& r, const Thresholds& t)
{
    Workout w;
    w.sport = sportOf(r.kind);
    switch (r.kind) {
    case SessionKind::BikeIntervals:
        w.sessionType = r.onTrainer ? QStringLiteral("Bike intervals (trainer)") : QStringLiteral("Bike intervals");
        w.primaryGoal = r.peak ? QStringLiteral("VO2max") : QStringLiteral("threshold power");
        w.priority = WorkoutPriority::High;
        return r.peak ? intervals(w, r, 4, 3, 5) : intervals(w, r, 8, 3, 4);
    case SessionKind::RunIntervals:
        w.sessionType = QStringLiteral("Run intervals");
        w.primaryGoal = r.peak ? QStringLiteral("VO2max") : QStringLiteral("threshold pace");
        w.priority = WorkoutPriority::High;
        return r.peak ? intervals(w, r, 3, 2, 5) : intervals(w, r, 5, 2, 4);
    case SessionKind::RunTempo:
        w.sessionType = QStringLiteral("Run tempo");
        w.primaryGoal = QStringLiteral("threshold pace");
        w.priority = WorkoutPriority::High;
        return steadyWithFinish(w, r, 10, 10, 2, 3, 1);
    case SessionKind::SwimIntervals: {
        w.sessionType = QStringLiteral("Swim intervals");
        w.primaryGoal = QStringLiteral("threshold pace");
        w.priority = WorkoutPriority::Medium;
        // 100 m repeats at CSS pace (about 2:00/100 m when CSS is unknown) with 15 s rest.
        const double css = t.cssSpeed.value_or(100.0 / 120.0);
        const double rep = 100.0 / css / 60.0, rest = 0.25;
        const auto [warm, cool] = ends(r.minutes, 10, 5);
        const double main = r.minutes - warm - cool;
        const int n = repeatsFor(std::min(r.hardMinutes, main * 0.5), rep, rest, main);
        single(w, step(StepKind::WarmUp, warm, 1));
        double used = 0;
        if (n > 0) {
            w.groups.push_back(StepGroup{n, {step(StepKind::Work, rep, 4, 0, 100), step(StepKind::Recovery, rest, 1)}});
            used = n * (rep + rest);
        }
        single(w, step(StepKind::Steady, main - used, 2));
        single(w, step(StepKind::CoolDown, cool, 1));
        return w;
    }
    case SessionKind::LongRide:
        w.sessionType = QStringLiteral("Long ride");
        w.primaryGoal = QStringLiteral("aerobic endurance");
        w.priority = WorkoutPriority::High;
        return steadyWithFinish(w, r, 15, 10, 2, 3);
    case SessionKind::LongRun:
        w.sessionType = QStringLiteral("Long run");
        w.primaryGoal = QStringLiteral("aerobic endurance");
        w.priority = WorkoutPriority::High;
        return steadyWithFinish(w, r, 10, 10, 2, 3);
    case SessionKind::BikeEndurance:
        w.sessionType = QStringLiteral("Endurance ride");
        w.primaryGoal = QStringLiteral("aerobic endurance");
        w.priority = WorkoutPriority::Medium;
        return steadyWithFinish(w, r, 10, 5, 2, 3);
    case SessionKind::EasyRun:
        w.sessionType = QStringLiteral("Easy run");
        w.primaryGoal = QStringLiteral("aerobic endurance");
        w.priority = WorkoutPriority::Low;
        return steadyWithFinish(w, r, 10, 5, 2, 3);
    case SessionKind::BrickRun:
        w.sessionType = QStringLiteral("Brick run");
        w.primaryGoal = QStringLiteral("race-specific");
        w.priority = WorkoutPriority::Medium;
        single(w, step(StepKind::Steady, r.minutes - std::round(std::min(r.hardMinutes, r.minutes * 0.5)), 2));
        if (r.hardMinutes > 0)
            single(w, step(StepKind::Work, std::round(std::min(r.hardMinutes, r.minutes * 0.5)), 3));
        return w;
    case SessionKind::RecoverySpin:
        w.sessionType = QStringLiteral("Recovery spin");
        w.primaryGoal = QStringLiteral("recovery");
        w.priority = WorkoutPriority::Low;
        single(w, step(StepKind::Steady, r.minutes, 1));
        return w;
    case SessionKind::SwimEndurance:
        w.sessionType = QStringLiteral("Swim endurance");
        w.primaryGoal = QStringLiteral("aerobic endurance");
        w.priority = WorkoutPriority::Medium;
        return steadyWithFinish(w, r, 10, 5, 2, 3);
    case SessionKind::SwimTechnique:
        w.sessionType = QStringLiteral("Swim technique");
        w.primaryGoal = QStringLiteral("technique");
        w.priority = WorkoutPriority::Low;
        return steadyWithFinish(w, r, 10, 5, 2, 3);
    case SessionKind::OpenWaterSwim:
        w.sessionType = QStringLiteral("Open-water swim");
        w.primaryGoal = QStringLiteral("aerobic endurance");
        w.priority = WorkoutPriority::Medium;
        return steadyWithFinish(w, r, 10, 5, 2, 3);
    }
    return w;
}

} // namespace tricoach
