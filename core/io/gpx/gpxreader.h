#pragma once

#include "core/io/activityreader.h"
#include "core/io/sportguess.h"

#include <QStringView>

#include <optional>

namespace tricoach {

// Reads GPS Exchange Format tracks (GPX 1.0 and 1.1) with the common sensor extensions.
//
// Every <trk>/<trkseg>/<trkpt> of the file is read; waypoints and routes are ignored. Per point: lat/lon,
// <ele>, <time>, GPX 1.0 <speed>, and inside <extensions> at any depth, matched by local name (case-insensitive)
// so Garmin TrackPointExtension v1/v2 (hr, cad, atemp, wtemp, speed), cluetrust gpxdata (hr, cadence, temp,
// distance), Garmin PowerExtension (PowerInWatts), bare <power>/<heartrate>/<cadence> and Holux's <bpm>/<rpm> all
// work (OpenTracks' <distance>, a distance since the point before, is not a distance channel); the first value
// of a channel in a point wins. Values outside plausible ranges are dropped and counted in the warnings
// (xml::ValueFilter). The points become sessions (xml::layOut):
// - one activity per session: a recording pause of more than 3 hours starts a new one, so a trip over several
//   days gives one activity a day; stray fixes (under 2 minutes, hours away) and points no time can be given to
//   are left out, with a warning;
// - "gpx.no-times" when fewer than half of the points can be placed in time (a converter lost the times; the
//   metadata <time> is when the file was written, not when the activity was); "gpx.track-log" when the
//   sessions spread over more than 7 days or one runs on for longer (a logger's or OpenStreetMap trace);
// - sport: the track's <type> (see sportFromGpxType), else the title (xml::sportFromTitle), else the app that
//   wrote the file (xml::sportFromCreator), else a guess from the track (xml::guessSportFromTrack, with a
//   warning); a swim with a GPS track is an open-water swim;
// - startUtc: the session's earliest point time; elapsedSec: last minus first; movingSec: xml::movingSeconds
//   with the sport's stop rule (xml::stopRuleFor);
// - distanceM: great-circle length of the track (radius 6371008.8 m), segments not bridged;
// - title: the name of the session's first track, else the metadata <name>, as one clean line
//   (xml::cleanLine); sessions of one name are numbered "(1/3)".
class GpxReader final : public ActivityReader {
public:
    QString formatId() const override;
    bool sniff(QByteArrayView head) const override;
    DecodedFile read(QByteArrayView data) const override;
};

// The sport a GPX <type> names: Strava's numeric types seen in its exports (1 ride, 9 run, 16 swim,
// 17 virtual ride), and names such as "running", "cycling", "Ride", "road_biking", "walking", "hiking",
// "rowing", "lap_swimming", "open_water_swimming", "strength_training" (Garmin Connect, Strava, watch apps).
// nullopt when the text names none of them.
std::optional<xml::SportKind> sportFromGpxType(QStringView type);

} // namespace tricoach
