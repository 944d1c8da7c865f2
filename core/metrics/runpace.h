#pragma once
// Grade-adjusted running: how far a run would have gone on flat ground for the same energy, from its recorded
// distance and altitude.

#include "core/model/streams.h"

#include <optional>

namespace tricoach {

// Minetti et al. 2002 (J Appl Physiol 93:1039, "Energy cost of walking and running at extreme uphill and downhill
// slopes"): the energy cost of running on gradient i, J·kg⁻¹·m⁻¹. They measured gradients from −0.45 to +0.45;
// outside that the polynomial is not a model of anything, so gradients are clamped to it.
inline constexpr double kMinettiMinGrade = -0.45;
inline constexpr double kMinettiMaxGrade = 0.45;
double runningCost(double grade);

// A run as its recording tells it.
struct GradedRun {
    double recordedSec = 0;     // seconds of recording: stops included, gaps (lost signal, auto-pause) left out
    double runningSec = 0;      // of those, seconds spent moving (stops left out)
    double distanceM = 0;       // metres covered while moving
    double flatEquivalentM = 0; // the flat-ground distance that costs the same energy (equals distanceM when flat)
    int jumps = 0;              // steps faster than anyone runs (GPS jumps), left out with their time
};

// The recording of `streams` (distance, and altitude when recorded) read as a run; nullopt without a distance
// channel. Altitude is smoothed over distance, not per sample: GPS altitude wanders by metres and barometers
// step by 0.2 m or jump, so a gradient taken between two samples a few metres apart is noise (±50 % and more).
std::optional<GradedRun> gradeAdjustedRun(const Streams& streams);

} // namespace tricoach
