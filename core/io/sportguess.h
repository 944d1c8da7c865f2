#pragma once

// How the XML readers tell the sport of a file that does not state it plainly. The file's own words win: a GPX
// <type>, the title apps give activities ("Afternoon Swim"), the app that wrote it (a swim app), a TCX pool
// swim's laps; a guess from the track's speed is the last resort, and a guess is said to be one.

#include "core/io/trackpoints.h"
#include "core/model/sport.h"

#include <QString>
#include <QStringView>

#include <optional>
#include <vector>

namespace tricoach::xml {

// A sport and its finer kind (PoolSwim, OpenWaterSwim, VirtualRide, TrailRun, ...; empty when generic).
struct SportKind {
    Sport sport = Sport::Other;
    QString subSport;
};

// The sport an activity's title names, as apps title them: Strava's "<Morning|Lunch|Afternoon|Evening|Night>
// <Swim|Ride|Run|Walk|Hike|Row|Weight Training>" and its French, German, Spanish and Italian versions
// ("Course à pied le matin", "Morgenlauf"), and titles people write ("Open water swim at the lake", "Pool swim").
// Whole words only ("Crowded" is no row); nullopt when the title names no sport, or more than one ("Swim, bike
// and run" is not a swim).
std::optional<SportKind> sportFromTitle(QStringView title);

// The sport an app that writes only one sport implies: swim apps (MySwimPro, Swim.com, SwimTrack...; any creator
// whose name contains "swim"). A swim with a GPS track is an open-water swim.
std::optional<SportKind> sportFromCreator(QStringView creator, bool hasTrack);

// The subSport of a swim given how it was recorded: a GPS track moving over the water is open water, a swim
// without positions is a pool swim; `subSport` when it is already set.
QString swimKind(const QString& subSport, bool hasTrack);

// What a track shows about its sport.
struct TrackTraits {
    std::optional<double> typicalSpeedMps; // typicalMovingSpeed
    std::optional<double> cadenceMedian;   // per minute, non-zero samples
    std::optional<double> climbMPerKm;     // elevation gain per km of distance
    std::optional<double> powerMedian;     // watts, non-zero samples
    bool hasPositions = false;
};

// Bands of typical moving speed, and what separates the sports that share the slow band.
inline constexpr double kRunMinSpeedMps = 1.8;    // 6.5 km/h: faster than walking
inline constexpr double kBikeMinSpeedMps = 4.8;   // 17.3 km/h: faster than running
inline constexpr double kMotorMinSpeedMps = 15.0; // 54 km/h: no one rides that for a session (hour record 56.8)
inline constexpr double kMaxStrokeRate = 45;      // swim strokes per minute; walkers' cadence (strides) is above
inline constexpr double kMinStrokeRate = 10;
inline constexpr double kHikeMinClimbMPerKm = 30; // a walk climbing 30 m or more per km is a hike
// 4.5 km/h: a brisk walk, and faster than all but the fastest open-water swimmers (1:20 per 100 m), so a track
// this fast without a stroke rate is taken for a walk.
inline constexpr double kWalkMinSpeedMps = 1.25;
// A power meter with a pedalling cadence: a ride, however slow (a climb, a trainer, a track without speed). Runners'
// power pods write a step cadence too, so a track at running speed stays a run.
inline constexpr double kMinRidingPowerW = 30; // below it the "power" is noise (2-3 W from a running app)
inline constexpr double kMinPedallingCadence = 50;
inline constexpr double kMaxPedallingCadence = 130;

// True when the track records real power with a pedalling cadence (see kMinRidingPowerW).
bool pedalsWithPower(const TrackTraits& traits);

// The last resort, from the track alone: above kMotorMinSpeedMps Other (a drive); above kBikeMinSpeedMps Bike;
// above kRunMinSpeedMps Run; slower, the pace of a walk, a hike and an open-water swim alike, so: power with a
// pedalling cadence makes a ride, a stroke rate (cadence 10-45 per minute) a swim (open water with positions), a
// climb of 30 m/km or more a hike, a step cadence (above 45) or a speed of kWalkMinSpeedMps or more a walk, and
// nothing Other. Without a speed: a ride when it pedals with power, else Other.
SportKind guessSportFromTrack(const TrackTraits& traits);

// The traits of a list of track points whose distance channel is filled.
TrackTraits traitsOf(const std::vector<TrackPoint>& points, std::optional<double> distanceM,
                     std::optional<double> elevationGainM);

// What a TCX pool swim's laps look like, for files that say Sport="Other" (Garmin Connect exports every swim
// so): no position anywhere (a pool is indoors, or the watch records none in pool mode); every lap with a
// distance is a whole number of lengths of one standard pool (25 m, 50 m, 33⅓ m, 20 m, 25 yd, 33⅓ yd; within
// 1 % of a length); the laps are swum at a swimmer's speed (0.25-2.2 m/s over their timer time); no step
// cadence (a median over 45 per minute is a walker's) and fewer than 0.8 steps or strokes per metre (walkers
// take ~1.3). Rest laps (distance 0) are allowed, as pool swims have them between sets.
struct LapShape {
    double seconds = 0;
    std::optional<double> distanceM;
    std::optional<double> steps;
};
bool looksLikePoolSwim(const std::vector<LapShape>& laps, bool hasPositions, std::optional<double> cadenceMedian);

// An open-water swim exported as Sport="Other": a GPS track, a swimmer's typical speed (0.25-1.8 m/s; rowing
// and paddling boats go faster) and a stroke rate as cadence (10-45 per minute). A paddle board session with
// no stroke rate is not taken for one.
bool looksLikeOpenWaterSwim(const TrackTraits& traits);

// A recording whose file does not name its sport (TCX "Other"), judged by its laps and track: a pool swim
// (looksLikePoolSwim), an open-water swim (looksLikeOpenWaterSwim, the typical speed being the laps' distance over
// their timer time when they have both, else typicalMovingSpeed), a swim app's file (sportFromCreator); nullopt
// for anything else. `lapCadence` stands in when no track point has a cadence.
std::optional<SportKind> recogniseUnnamedSport(const std::vector<LapShape>& laps, const std::vector<TrackPoint>& points,
                                               std::optional<double> lapCadence, QStringView creator);

} // namespace tricoach::xml
