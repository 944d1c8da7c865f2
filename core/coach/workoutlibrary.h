#pragma once
// The coach's session types, each built to an exact length with a chosen amount of work at Z3 and above. The
// key workouts follow the roadmap's trainer brief: bike 4×8 min at Z4, run tempo at Z3, swim 10×100 m at Z4 with
// 15 s rest, bricks off the bike.

#include "core/coach/workout.h"

namespace tricoach {

enum class SessionKind {
    BikeIntervals,
    BikeEndurance,
    LongRide,
    RecoverySpin,
    RunIntervals,
    RunTempo,
    EasyRun,
    LongRun,
    BrickRun,
    SwimIntervals,
    SwimEndurance,
    SwimTechnique,
    OpenWaterSwim,
};

Sport sportOf(SessionKind kind);
// True for sessions whose purpose is intensity (they carry the week's hard minutes).
bool isKeySession(SessionKind kind);

struct SessionRequest {
    SessionKind kind = SessionKind::EasyRun;
    int minutes = 45;       // whole minutes; the steps add up to exactly this
    double hardMinutes = 0; // wanted minutes at Z3 and above (key sessions; a long session's finish)
    bool peak = false;      // sharper intervals (Z5) in the peak weeks
    bool onTrainer = false; // bike intervals indoors
};

// The workout for a request; hard minutes are met as closely as the session's structure allows and never exceed
// half of its main set.
Workout buildWorkout(const SessionRequest& request, const Thresholds& thresholds);

} // namespace tricoach
