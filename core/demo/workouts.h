#pragma once
// The sessions of the sample season: what each one is called and how it is structured, by phase of training.

#include "core/model/sport.h"

#include <QString>

#include <vector>

namespace tricoach::demo {

// Where a week sits in the season's periodization.
enum class Phase { Base, Build, Peak, Recovery, Taper, RaceWeek };

// The slots of the weekly pattern.
enum class SessionKind {
    KeySwim,       // the main pool set of the week
    TechniqueSwim, // drills and short repeats, or a pull set later on
    SteadySwim,    // one long steady swim
    KeyRide,       // the week's intervals
    EnduranceRide, // a mid-week endurance ride (the pre-race spin in race week)
    LongRide,
    KeyRun, // the week's run intervals
    EasyRun,
    LongRun,
    BrickRun, // straight off the bike
    FtpTest,
};

// A steady stretch of a ride or run. Intensity is a fraction of FTP (bike) or of threshold speed (run, on the
// flat: runners hold effort on hills).
struct Segment {
    double seconds = 0;
    double intensity = 0;
    bool work = false; // an interval, held at its target whatever the terrain
};

// Lengths of the pool swum at one intensity (a fraction of CSS speed), then rest at the wall.
struct SwimRep {
    int lengths = 0;
    double intensity = 0;
    double restAfterSec = 0;
    QString stroke; // freestyle, drill, ...
};

// One session as the athlete planned it.
struct Workout {
    Sport sport = Sport::Other;
    QString title;
    std::vector<Segment> segments; // rides and runs
    std::vector<SwimRep> reps;     // pool swims
    double stopAtM = 0;            // a distance to cover instead of a time (race legs); 0 for none
    bool lapPerSegment = false;    // a lap per segment (structured) instead of automatic laps
    int rpe = 0;                   // how hard it feels when done as planned, 1..10

    double plannedSeconds() const;
};

// The session of `kind` lasting about `minutes` in `phase`. `variant` alternates equivalent sessions from week
// to week; `runThresholdSpeed` (m/s) sizes repeats given as distances.
Workout planWorkout(SessionKind kind, Phase phase, double minutes, int variant, double runThresholdSpeed);

} // namespace tricoach::demo
