#pragma once

// From what a GPX file holds to activities: which points form sessions (core/io/trackpieces.h), each session's
// sport, times, distance and title, and why a file yields none (no times, a track log).

#include "core/io/activityreader.h"
#include "core/io/trackpoints.h"
#include "core/io/valuefilter.h"
#include "core/io/xmlsupport.h"

#include <QString>

#include <vector>

namespace tricoach::gpx {

// One <trk>: its name and <type>, as one clean line each.
struct GpxTrack {
    QString name, type;
};

// Everything GpxReader's parser collected.
// Where a file's times change the local offset they are written with ("+01:00"): from point `from` on. Kept
// beside the points rather than in each: a long track's points are most of its import's memory.
struct OffsetChange {
    std::size_t from = 0;
    int offsetSec = 0; // xml::kNoOffset from here on: times in UTC or without a zone
};

struct GpxContent {
    std::vector<xml::TrackPoint> points; // in file order; TrackPoint::track indexes `tracks`
    std::vector<OffsetChange> offsets;   // in point order; none when every time is in UTC or has no zone
    std::vector<GpxTrack> tracks;
    QString metadataName;
    QString creator; // the <gpx creator="..."> attribute
    xml::ValueFilter filter;
    xml::TimeLog times;
};

// Appends to `out` one activity per session of `content.points`, with the warnings (points left out, a file
// split into sessions, a guessed sport, dropped values); or sets `out.error` ("gpx.no-times", "gpx.track-log")
// and adds no activity. `content.points` must not be empty.
void assembleSessions(GpxContent& content, DecodedFile& out);

} // namespace tricoach::gpx
