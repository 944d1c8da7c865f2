#pragma once
// How the sample season's sessions come out as recordings: 1 Hz streams from simple physical and physiological
// models, laps, pool lengths and the device summary.

#include "core/demo/demorandom.h"
#include "core/demo/workouts.h"
#include "core/model/activity.h"
#include "core/model/athlete.h"

#include <optional>

namespace tricoach::demo {

// Who does the session and where: the thresholds in force that day and the start of the route.
struct SessionSetup {
    Thresholds thresholds;
    double homeLat = 47.37;
    double homeLon = 8.54;
    bool race = false;             // race kit (aero position), no coffee stop, no traffic lights
    std::optional<double> startHr; // carried over from the previous leg of a race
};

// Each returns the activity with streams, laps and summary filled in; title, time and identity are the caller's.
Activity recordRide(const Workout& workout, const SessionSetup& setup, DemoRandom& rng);
Activity recordRun(const Workout& workout, const SessionSetup& setup, DemoRandom& rng);
Activity recordPoolSwim(const Workout& workout, const SessionSetup& setup, DemoRandom& rng);
// A continuous swim of `distanceM` at `intensity` × CSS speed, with GPS (a race swim in the lake).
Activity recordOpenWaterSwim(double distanceM, double intensity, const SessionSetup& setup, DemoRandom& rng);
// A race transition: `seconds` of jogging with the bike or changing shoes.
Activity recordTransition(double seconds, double speed, const SessionSetup& setup, DemoRandom& rng);

} // namespace tricoach::demo
