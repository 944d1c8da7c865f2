#pragma once
// The sports FakeStrava generates, with Strava's sport_type and legacy type names and plausible ranges per sport.

#include <QRandomGenerator>
#include <QString>

namespace tricoach::fakes::strava {

enum class Place {
    Outdoor, // GPS
    Indoor,  // no position (erg, treadmill without an app)
    Pool,    // pool lengths; some swims are open water with GPS
    Virtual, // Zwift and the like
    Static,  // no distance (weights, yoga)
};

struct Sport {
    const char* sportType;     // Strava's sport_type
    const char* type;          // the legacy `type` it maps to
    const char* label;         // in Strava's default names ("Morning Run")
    int weight;                // how often, relative
    double minSpeed, maxSpeed; // m/s while moving
    int minMinutes, maxMinutes;
    Place place;
    double heartRate;      // share with a heart-rate strap
    double powerMeter;     // share with measured power
    double estimatedPower; // share with Strava's estimate instead
    double minWatts, maxWatts;
    double cadenceMin, cadenceMax; // 0: no cadence
    double climbPerKm;             // metres of climbing per km
    double pauseShare;             // at most this share of the elapsed time is paused
};

const Sport& pickSport(QRandomGenerator& rng);
// The sport of that sport_type (or legacy type); Workout when unknown.
const Sport& sportNamed(const QString& sportType);

} // namespace tricoach::fakes::strava
