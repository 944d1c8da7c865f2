#include "core/demo/workouts.h"

#include <algorithm>
#include <cmath>

namespace tricoach::demo {

namespace {

constexpr double kPoolLengthM = 25;
// Metres per minute of a pool session, rest included, for an athlete with a 1:45 CSS: sizes the sets.
constexpr double kPoolMetresPerMinute = 47;

Segment steady(double minutes, double intensity)
{
    return Segment{minutes * 60, intensity, false};
}

Workout session(Sport sport, int rpe)
{
    Workout w;
    w.sport = sport;
    w.rpe = rpe;
    return w;
}

Workout steadySession(Sport sport, const QString& title, double minutes, double intensity, int rpe)
{
    Workout w = session(sport, rpe);
    w.title = title;
    w.segments.push_back(steady(minutes, intensity));
    return w;
}

// Warm-up, as many (work, recovery) repeats as fit in `minReps`..`maxReps`, endurance work up to the planned
// length, cool-down. Returns how many repeats went in, for the title.
int addIntervals(Workout& w, double totalMin, double workSec, double workI, double recSec, double recI, double easyI,
                 int minReps, int maxReps)
{
    const double warmUpMin = w.sport == Sport::Bike ? 15 : 12;
    const double coolDownMin = w.sport == Sport::Bike ? 10 : 8;
    const double available = std::max(0.0, (totalMin - warmUpMin - coolDownMin) * 60);
    const int reps = std::clamp(static_cast<int>((available + recSec) / (workSec + recSec)), minReps, maxReps);
    w.segments.push_back(steady(warmUpMin, easyI - 0.05));
    for (int r = 0; r < reps; ++r) {
        w.segments.push_back(Segment{workSec, workI, true});
        if (r + 1 < reps)
            w.segments.push_back(Segment{recSec, recI, false});
    }
    const double filler = available - reps * workSec - (reps - 1) * recSec;
    if (filler >= 120)
        w.segments.push_back(Segment{filler, easyI, false});
    w.segments.push_back(steady(coolDownMin, easyI - 0.08));
    w.lapPerSegment = true;
    return reps;
}

Workout intervalSession(Sport sport, const QString& titlePattern, double totalMin, double workSec, double workI,
                        double recSec, double recI, int minReps, int maxReps, int rpe)
{
    Workout w = session(sport, rpe);
    const double easy = sport == Sport::Bike ? 0.65 : 0.76;
    const int reps = addIntervals(w, totalMin, workSec, workI, recSec, recI, easy, minReps, maxReps);
    w.title = titlePattern.arg(reps);
    return w;
}

// 400 m warm-up, the main set sized to the session, 200 m cool-down.
Workout poolSet(const QString& titlePattern, double minutes, int repLengths, double repI, double restSec, int minReps,
                int maxReps, int rpe)
{
    Workout w = session(Sport::Swim, rpe);
    w.reps.push_back(SwimRep{16, 0.84, 30, QStringLiteral("freestyle")});
    const double mainM = minutes * kPoolMetresPerMinute - 600;
    const int reps = std::clamp(static_cast<int>(std::lround(mainM / (repLengths * kPoolLengthM))), minReps, maxReps);
    for (int r = 0; r < reps; ++r)
        w.reps.push_back(SwimRep{repLengths, repI, restSec, QStringLiteral("freestyle")});
    w.reps.push_back(SwimRep{8, 0.8, 0, QStringLiteral("freestyle")});
    w.title = titlePattern.arg(reps);
    return w;
}

// One continuous swim, lapped every 500 m.
Workout continuousSwim(const QString& titlePattern, double minutes, double intensity, int rpe)
{
    Workout w = session(Sport::Swim, rpe);
    int lengths = std::max(20, static_cast<int>(std::lround(minutes * 50 / kPoolLengthM / 4)) * 4);
    w.title = titlePattern.arg(lengths * kPoolLengthM, 0, 'f', 0);
    while (lengths > 0) {
        const int lap = std::min(lengths, 20);
        lengths -= lap;
        w.reps.push_back(SwimRep{lap, intensity, 0, QStringLiteral("freestyle")});
    }
    return w;
}

Workout techniqueSwim(double minutes)
{
    Workout w = session(Sport::Swim, 4);
    w.reps.push_back(SwimRep{12, 0.84, 30, QStringLiteral("freestyle")});
    for (int r = 0; r < 8; ++r)
        w.reps.push_back(SwimRep{2, 0.78, 15, QStringLiteral("drill")});
    const double mainM = minutes * kPoolMetresPerMinute - 300 - 400 - 200;
    const int reps = std::clamp(static_cast<int>(std::lround(mainM / 50)), 4, 12);
    for (int r = 0; r < reps; ++r)
        w.reps.push_back(SwimRep{2, 1.05, 20, QStringLiteral("freestyle")});
    w.reps.push_back(SwimRep{8, 0.8, 0, QStringLiteral("freestyle")});
    w.title = QStringLiteral("Pool: technique + %1x50 m").arg(reps);
    return w;
}

Workout keySwim(Phase phase, double minutes)
{
    switch (phase) {
    case Phase::Base:
        return poolSet(QStringLiteral("Pool: %1x200 m"), minutes, 8, 0.95, 20, 3, 8, 6);
    case Phase::Build:
        return poolSet(QStringLiteral("Pool: %1x100 m"), minutes, 4, 1.0, 15, 6, 16, 7);
    case Phase::Peak:
        return poolSet(QStringLiteral("Pool: %1x400 m"), minutes, 16, 0.97, 30, 2, 5, 7);
    case Phase::Recovery:
        return continuousSwim(QStringLiteral("Pool: easy %1 m"), minutes, 0.86, 3);
    case Phase::Taper:
    case Phase::RaceWeek:
        break;
    }
    return poolSet(QStringLiteral("Pool: %1x100 m race pace"), minutes, 4, 1.02, 20, 4, 8, 5);
}

Workout keyRide(Phase phase, double minutes, int variant)
{
    const bool even = variant % 2 == 0;
    switch (phase) {
    case Phase::Base:
        if (even)
            return intervalSession(Sport::Bike, QStringLiteral("%1x10 min tempo"), minutes, 600, 0.82, 300, 0.6, 2, 4,
                                   6);
        return steadySession(Sport::Bike, QStringLiteral("Endurance ride"), minutes, 0.66, 4);
    case Phase::Build:
        if (even)
            return intervalSession(Sport::Bike, QStringLiteral("%1x8 min threshold"), minutes, 480, 1.0, 240, 0.55, 3,
                                   5, 8);
        return intervalSession(Sport::Bike, QStringLiteral("%1x12 min sweet spot"), minutes, 720, 0.9, 300, 0.6, 2, 4,
                               7);
    case Phase::Peak:
        if (even)
            return intervalSession(Sport::Bike, QStringLiteral("%1x20 min threshold"), minutes, 1200, 0.96, 300, 0.55,
                                   2, 2, 8);
        return intervalSession(Sport::Bike, QStringLiteral("%1x15 min at threshold"), minutes, 900, 0.98, 300, 0.55, 2,
                               3, 8);
    case Phase::Recovery:
        return steadySession(Sport::Bike, QStringLiteral("Easy spin"), minutes, 0.55, 2);
    case Phase::Taper:
        return intervalSession(Sport::Bike, QStringLiteral("%1x3 min openers"), minutes, 180, 1.03, 180, 0.55, 3, 4, 6);
    case Phase::RaceWeek:
        break;
    }
    return intervalSession(Sport::Bike, QStringLiteral("%1x2 min openers"), minutes, 120, 1.0, 180, 0.55, 3, 3, 5);
}

Workout enduranceRide(Phase phase, double minutes, int variant)
{
    if (phase == Phase::Recovery)
        return steadySession(Sport::Bike, QStringLiteral("Recovery spin"), minutes, 0.55, 2);
    if (phase == Phase::RaceWeek)
        return intervalSession(Sport::Bike, QStringLiteral("Pre-race spin with %1 pick-ups"), minutes, 60, 1.0, 120,
                               0.6, 3, 3, 3);
    if ((phase == Phase::Build || phase == Phase::Peak) && variant % 2 == 1)
        return intervalSession(Sport::Bike, QStringLiteral("%1x15 min tempo"), minutes, 900, 0.83, 300, 0.6, 2, 3, 6);
    return steadySession(Sport::Bike, QStringLiteral("Endurance ride"), minutes, 0.66, 4);
}

Workout longRide(Phase phase, double minutes)
{
    if (phase == Phase::Recovery)
        return steadySession(Sport::Bike, QStringLiteral("Endurance ride"), minutes, 0.64, 3);
    if ((phase == Phase::Build || phase == Phase::Peak) && minutes >= 100) {
        Workout w = session(Sport::Bike, 6);
        w.title = QStringLiteral("Long ride with 2x20 min tempo");
        const double easyMin = (minutes - 20 - 40 - 10 - 15) / 2;
        w.segments = {steady(20, 0.62),         steady(easyMin, 0.67), Segment{1200, 0.8, true}, steady(10, 0.65),
                      Segment{1200, 0.8, true}, steady(easyMin, 0.67), steady(15, 0.6)};
        w.lapPerSegment = true;
        return w;
    }
    return steadySession(Sport::Bike, QStringLiteral("Long ride"), minutes, 0.67, 5);
}

Workout ftpTest()
{
    Workout w = session(Sport::Bike, 9);
    w.title = QStringLiteral("FTP test: 20 min");
    // Coggan's protocol: a hard 5 minutes to empty the tank, then 20 minutes all out; FTP is 95 % of the 20.
    // Intensities are of the new FTP, in force from the test's day.
    w.segments = {steady(15, 0.6), Segment{300, 1.08, true}, steady(10, 0.55), Segment{1200, 1.05, true},
                  steady(12, 0.5)};
    w.lapPerSegment = true;
    return w;
}

Workout keyRun(Phase phase, double minutes, int variant, double thresholdSpeed)
{
    const bool even = variant % 2 == 0;
    const double kmAtThreshold = 1000 / std::max(thresholdSpeed, 1.0);
    switch (phase) {
    case Phase::Base: {
        Workout w = session(Sport::Run, 4);
        w.title = QStringLiteral("Easy run with 6 strides");
        w.segments.push_back(steady(std::max(10.0, minutes - 10), 0.78));
        for (int r = 0; r < 6; ++r) {
            w.segments.push_back(Segment{20, 1.15, true});
            w.segments.push_back(Segment{60, 0.65, false});
        }
        w.segments.push_back(steady(2, 0.7));
        return w;
    }
    case Phase::Build:
        if (even)
            return intervalSession(Sport::Run, QStringLiteral("%1x1 km at threshold"), minutes, kmAtThreshold, 1.0, 90,
                                   0.6, 4, 6, 8);
        return intervalSession(Sport::Run, QStringLiteral("%1x10 min tempo"), minutes, 600, 0.92, 120, 0.65, 2, 3, 7);
    case Phase::Peak:
        if (even)
            return intervalSession(Sport::Run, QStringLiteral("%1x15 min at race pace"), minutes, 900, 0.88, 180, 0.7,
                                   2, 2, 6);
        return intervalSession(Sport::Run, QStringLiteral("%1x1 km at threshold"), minutes, kmAtThreshold, 1.0, 90, 0.6,
                               5, 7, 8);
    case Phase::Recovery:
        return steadySession(Sport::Run, QStringLiteral("Easy run"), minutes, 0.76, 3);
    case Phase::Taper:
        return intervalSession(Sport::Run, QStringLiteral("%1x3 min at race pace"), minutes, 180, 0.9, 120, 0.65, 4, 5,
                               5);
    case Phase::RaceWeek:
        break;
    }
    return intervalSession(Sport::Run, QStringLiteral("%1x2 min at race pace"), minutes, 120, 0.9, 120, 0.65, 4, 4, 4);
}

Workout longRun(Phase phase, double minutes)
{
    if (phase == Phase::Peak && minutes >= 70) {
        Workout w = session(Sport::Run, 6);
        w.title = QStringLiteral("Long run, last 20 min at race pace");
        w.segments = {steady(minutes - 20, 0.76), Segment{1200, 0.88, true}};
        return w;
    }
    return steadySession(Sport::Run, QStringLiteral("Long run"), minutes, 0.75, phase == Phase::Recovery ? 4 : 5);
}

} // namespace

double Workout::plannedSeconds() const
{
    double s = 0;
    for (const Segment& seg : segments)
        s += seg.seconds;
    for (const SwimRep& rep : reps)
        s += rep.lengths * kPoolLengthM / (0.95 * rep.intensity) + rep.restAfterSec;
    return s;
}

Workout planWorkout(SessionKind kind, Phase phase, double minutes, int variant, double runThresholdSpeed)
{
    switch (kind) {
    case SessionKind::KeySwim:
        return keySwim(phase, minutes);
    case SessionKind::TechniqueSwim:
        if (phase == Phase::Build || phase == Phase::Peak)
            return poolSet(QStringLiteral("Pool: %1x300 m pull"), minutes, 12, 0.93, 25, 2, 6, 5);
        return techniqueSwim(minutes);
    case SessionKind::SteadySwim:
        return continuousSwim(phase == Phase::RaceWeek ? QStringLiteral("Pool: easy %1 m")
                                                       : QStringLiteral("Pool: %1 m steady"),
                              minutes, phase == Phase::RaceWeek ? 0.85 : 0.9, phase == Phase::RaceWeek ? 3 : 4);
    case SessionKind::KeyRide:
        return keyRide(phase, minutes, variant);
    case SessionKind::EnduranceRide:
        return enduranceRide(phase, minutes, variant);
    case SessionKind::LongRide:
        return longRide(phase, minutes);
    case SessionKind::FtpTest:
        return ftpTest();
    case SessionKind::KeyRun:
        return keyRun(phase, minutes, variant, runThresholdSpeed);
    case SessionKind::EasyRun:
        if (phase == Phase::RaceWeek)
            return steadySession(Sport::Run, QStringLiteral("Shakeout run"), minutes, 0.74, 2);
        if (phase == Phase::Recovery)
            return steadySession(Sport::Run, QStringLiteral("Recovery run"), minutes, 0.72, 2);
        return steadySession(Sport::Run, QStringLiteral("Easy run"), minutes, 0.77, 3);
    case SessionKind::LongRun:
        return longRun(phase, minutes);
    case SessionKind::BrickRun:
        return steadySession(Sport::Run, QStringLiteral("Brick run"), minutes, 0.9, 6);
    }
    return steadySession(Sport::Run, QStringLiteral("Easy run"), minutes, 0.77, 3);
}

} // namespace tricoach::demo
