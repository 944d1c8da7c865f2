#include "tests/fakes/fakestravasports.h"

#include <iterator>

namespace tricoach::fakes::strava {

namespace {

// Runs 4-6 min/km, rides 22-38 km/h, swims 1.5-2.5 min/100 m.
const Sport kSports[] = {
    {"Run", "Run", "Run", 26, 1000.0 / 355, 1000.0 / 245, 20, 150, Place::Outdoor, 0.95, 0.25, 0, 220, 320, 78, 92, 8,
     0.08},
    {"TrailRun", "Run", "Trail Run", 5, 2.0, 3.2, 40, 200, Place::Outdoor, 0.95, 0.2, 0, 200, 300, 75, 88, 45, 0.12},
    {"VirtualRun", "VirtualRun", "Virtual Run", 1, 2.8, 4.0, 20, 60, Place::Virtual, 0.9, 0.5, 0, 220, 300, 80, 92, 3,
     0},
    {"Ride", "Ride", "Ride", 14, 22 / 3.6, 38 / 3.6, 45, 300, Place::Outdoor, 0.9, 0.55, 0.4, 140, 260, 80, 95, 10,
     0.1},
    {"VirtualRide", "VirtualRide", "Virtual Ride", 8, 25 / 3.6, 36 / 3.6, 30, 120, Place::Virtual, 0.95, 1.0, 0, 150,
     280, 82, 95, 8, 0},
    {"GravelRide", "Ride", "Gravel Ride", 4, 18 / 3.6, 28 / 3.6, 60, 240, Place::Outdoor, 0.9, 0.5, 0.4, 130, 230, 75,
     90, 14, 0.1},
    {"MountainBikeRide", "Ride", "Mountain Bike Ride", 3, 12 / 3.6, 20 / 3.6, 60, 180, Place::Outdoor, 0.9, 0.3, 0.6,
     140, 240, 70, 85, 30, 0.15},
    {"EBikeRide", "EBikeRide", "E-Bike Ride", 1, 18 / 3.6, 25 / 3.6, 30, 120, Place::Outdoor, 0.6, 0, 0, 0, 0, 0, 0, 10,
     0.1},
    {"Swim", "Swim", "Swim", 12, 100.0 / 150, 100.0 / 90, 25, 75, Place::Pool, 0.4, 0, 0, 0, 0, 0, 0, 0, 0.15},
    {"Walk", "Walk", "Walk", 6, 1.1, 1.6, 20, 90, Place::Outdoor, 0.7, 0, 0, 0, 0, 50, 60, 6, 0.05},
    {"Hike", "Hike", "Hike", 3, 0.8, 1.4, 60, 300, Place::Outdoor, 0.8, 0, 0, 0, 0, 45, 55, 80, 0.2},
    {"WeightTraining", "WeightTraining", "Weight Training", 5, 0, 0, 30, 75, Place::Static, 0.75, 0, 0, 0, 0, 0, 0, 0,
     0},
    {"Workout", "Workout", "Workout", 3, 0, 0, 20, 60, Place::Static, 0.75, 0, 0, 0, 0, 0, 0, 0, 0},
    {"Yoga", "Yoga", "Yoga", 3, 0, 0, 30, 75, Place::Static, 0.6, 0, 0, 0, 0, 0, 0, 0, 0},
    {"Rowing", "Rowing", "Row", 2, 3.6, 4.4, 20, 60, Place::Indoor, 0.9, 0.7, 0, 140, 220, 20, 30, 0, 0},
    {"NordicSki", "NordicSki", "Nordic Ski", 1, 3.0, 5.0, 60, 180, Place::Outdoor, 0.9, 0, 0, 0, 0, 0, 0, 15, 0.05},
    {"AlpineSki", "AlpineSki", "Alpine Ski", 1, 5.0, 12.0, 120, 300, Place::Outdoor, 0.5, 0, 0, 0, 0, 0, 0, 2, 0.5},
    {"Kayaking", "Kayaking", "Kayak", 1, 1.5, 2.5, 45, 150, Place::Outdoor, 0.6, 0, 0, 0, 0, 0, 0, 0, 0.1},
    {"StandUpPaddling", "StandUpPaddling", "Stand Up Paddle", 1, 1.0, 1.8, 30, 90, Place::Outdoor, 0.5, 0, 0, 0, 0, 0,
     0, 0, 0.1},
    {"RockClimbing", "RockClimbing", "Rock Climb", 1, 0, 0, 60, 180, Place::Static, 0.5, 0, 0, 0, 0, 0, 0, 0, 0},
    {"Elliptical", "Elliptical", "Elliptical", 1, 0, 0, 20, 50, Place::Static, 0.8, 0, 0, 0, 0, 0, 0, 0, 0},
    {"Pickleball", "Workout", "Pickleball", 1, 0, 0, 45, 120, Place::Static, 0.7, 0, 0, 0, 0, 0, 0, 0, 0},
};

} // namespace

const Sport& pickSport(QRandomGenerator& rng)
{
    int total = 0;
    for (const Sport& s : kSports)
        total += s.weight;
    int roll = static_cast<int>(rng.bounded(total));
    for (const Sport& s : kSports) {
        if (roll < s.weight)
            return s;
        roll -= s.weight;
    }
    return kSports[0];
}

const Sport& sportNamed(const QString& sportType)
{
    for (const Sport& s : kSports)
        if (sportType == QLatin1String(s.sportType))
            return s;
    for (const Sport& s : kSports)
        if (sportType == QLatin1String(s.type))
            return s;
    return kSports[12];
}

} // namespace tricoach::fakes::strava
