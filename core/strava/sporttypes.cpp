#include "core/strava/sporttypes.h"

#include <QHash>

namespace tricoach::strava {

namespace {

struct Mapping {
    const char* type;
    Sport sport;
};

// Source: Strava API v3 reference, SportType. Paddling, skiing, skating and ball sports have no triathlon sport of
// their own: they count as Other, with Strava's name kept as the sub-sport.
constexpr Mapping kMappings[] = {
    {"AlpineSki", Sport::Other},
    {"BackcountrySki", Sport::Other},
    {"Badminton", Sport::Other},
    {"Basketball", Sport::Other},
    {"Canoeing", Sport::Other},
    {"Cricket", Sport::Other},
    {"Crossfit", Sport::Strength},
    {"Dance", Sport::Other},
    {"EBikeRide", Sport::Bike},
    {"Elliptical", Sport::Other},
    {"EMountainBikeRide", Sport::Bike},
    {"Golf", Sport::Other},
    {"GravelRide", Sport::Bike},
    {"Handcycle", Sport::Bike},
    {"HighIntensityIntervalTraining", Sport::Strength},
    {"Hike", Sport::Hike},
    {"IceSkate", Sport::Other},
    {"InlineSkate", Sport::Other},
    {"Kayaking", Sport::Other},
    {"Kitesurf", Sport::Other},
    {"MountainBikeRide", Sport::Bike},
    {"NordicSki", Sport::Other},
    {"Padel", Sport::Other},
    {"Pickleball", Sport::Other},
    {"Pilates", Sport::Other},
    {"Racquetball", Sport::Other},
    {"Ride", Sport::Bike},
    {"RockClimbing", Sport::Other},
    {"RollerSki", Sport::Other},
    {"Rowing", Sport::Row},
    {"Run", Sport::Run},
    {"Sail", Sport::Other},
    {"Skateboard", Sport::Other},
    {"Snowboard", Sport::Other},
    {"Snowshoe", Sport::Hike},
    {"Soccer", Sport::Other},
    {"Squash", Sport::Other},
    {"StairStepper", Sport::Other},
    {"StandUpPaddling", Sport::Other},
    {"Surfing", Sport::Other},
    {"Swim", Sport::Swim},
    {"TableTennis", Sport::Other},
    {"Tennis", Sport::Other},
    {"TrailRun", Sport::Run},
    {"Velomobile", Sport::Bike},
    {"VirtualRide", Sport::Bike},
    {"VirtualRow", Sport::Row},
    {"VirtualRun", Sport::Run},
    {"Volleyball", Sport::Other},
    {"Walk", Sport::Walk},
    {"WeightTraining", Sport::Strength},
    {"Wheelchair", Sport::Other},
    {"Windsurf", Sport::Other},
    {"Workout", Sport::Other},
    {"Yoga", Sport::Other},
};

const QHash<QString, Sport>& table()
{
    static const QHash<QString, Sport> t = [] {
        QHash<QString, Sport> h;
        for (const Mapping& m : kMappings)
            h.insert(QString::fromLatin1(m.type), m.sport);
        return h;
    }();
    return t;
}

} // namespace

const QStringList& knownSportTypes()
{
    static const QStringList names = [] {
        QStringList l;
        for (const Mapping& m : kMappings)
            l << QString::fromLatin1(m.type);
        return l;
    }();
    return names;
}

Sport sportForType(const QString& sportType)
{
    return table().value(sportType, Sport::Other);
}

} // namespace tricoach::strava
