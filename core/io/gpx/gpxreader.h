#pragma once

#include "core/io/activityreader.h"

#include <QStringView>

#include <optional>

namespace tricoach {

// Reads GPS Exchange Format tracks (GPX 1.0 and 1.1) with the common sensor extensions.
//
// All <trk>/<trkseg>/<trkpt> of a file form one activity (exporters write one track per activity; a handheld's
// extra tracks are kept as further segments). Waypoints and routes are ignored. Per point: lat/lon, <ele>,
// <time>, GPX 1.0 <speed>, and inside <extensions> at any depth, matched by local name (case-insensitive) so
// Garmin TrackPointExtension v1/v2 (hr, cad, atemp, wtemp, speed), cluetrust gpxdata (hr, cadence, temp,
// distance), Garmin PowerExtension (PowerInWatts) and bare <power>/<heartrate>/<cadence> all work; the first
// value of a channel in a point wins. Values:
// - sport: from the track's <type> (see sportFromGpxType), else xml::guessSportFromSpeed;
// - startUtc: the earliest point time; without any, the metadata time with a warning;
// - elapsedSec: last minus first point time; movingSec: xml::movingSeconds (stops slower than 0.5 m/s for
//   more than 10 s excluded);
// - distanceM: great-circle length of the track (radius 6371008.8 m), segments not bridged;
// - title: the first track's <name>, else the metadata <name>.
class GpxReader final : public ActivityReader {
public:
    QString formatId() const override;
    bool sniff(QByteArrayView head) const override;
    DecodedFile read(QByteArrayView data) const override;
};

// A sport and its finer kind as a GPX <type> names them.
struct GpxSport {
    Sport sport = Sport::Other;
    QString subSport;
};
// The sport a GPX <type> names: Strava's numeric types seen in its exports (1 ride, 9 run, 16 swim,
// 17 virtual ride), and names such as "running", "cycling", "Ride", "road_biking", "open_water_swimming"
// (Garmin Connect, Strava, watch apps). nullopt when the text names none of them.
std::optional<GpxSport> sportFromGpxType(QStringView type);

} // namespace tricoach
