#pragma once
// Which unit says how fast a sport went: swimmers read pace per 100 m (per 100 yd in a yard pool), rowers a split
// per 500 m, runners, walkers and hikers pace per km or mile, cyclists speed. One rule for the window and the CLI.

#include "core/model/sport.h"

#include <QString>

#include <optional>

namespace tricoach {

enum class PaceUnit { PerKm, PerMile, Per100m, Per100yd, Per500m, Kmh, Mph, None };

// None for a transition (time only) and strength (no distance worth a pace).
PaceUnit paceUnitFor(Sport sport, bool imperial, bool yardPool);
bool isPace(PaceUnit unit); // seconds per distance (rather than a speed)
// Seconds per unit distance for a pace, km/h or mph for a speed; empty when not moving or for None.
std::optional<double> paceValue(PaceUnit unit, double metresPerSecond);
// "/km", "/mi", "/100 m", "/100 yd", "/500 m", "km/h", "mph"; empty for None. Untranslated (CLI, JSON).
QString paceUnitSuffix(PaceUnit unit);

} // namespace tricoach
