#pragma once

// How the timed points of a GPX file fall into training sessions. A GPX file is often not one session: a
// handheld's track log holds several days, a GPS logger's or an OpenStreetMap trace months of them, a converter
// may have lost the times, a logger without a fix stamps its first points with a default date.

#include "core/io/trackpoints.h"

#include <vector>

namespace tricoach::xml {

// A new session starts where the recording pauses for more than 3 hours. Longer than any break inside one
// session (a lunch stop on a long ride, a summit rest, a café), shorter than a night: a trip over several days
// splits into its days, and a morning and an evening session recorded into one log split too. Time running
// backwards by as much is a break as well (tracks written out of order).
inline constexpr double kSessionGapSec = 3 * 3600.0;
// A piece shorter than 2 minutes, more than kSessionGapSec away from the rest, is a stray fix (a logger's default
// date before its first fix, a button pressed in a pocket), not a session.
inline constexpr double kMinSessionSec = 120.0;
// A file whose sessions spread over more than 7 days, or one continuous piece longer than that, is a track log,
// not an export of training (the longest single recordings people make, multi-day ultras, last about a week:
// plausible::kDurationSec).
inline constexpr double kMaxTripSec = 7 * 86400.0;

// A run of points [first, last] (indices into the file's points) whose timed points follow each other within
// kSessionGapSec; untimed points inside it can be given a time by interpolation.
struct TrackPiece {
    std::size_t first = 0, last = 0;
    qint64 startMs = 0, endMs = 0; // earliest and latest time in the piece
    std::size_t timedPoints = 0;
    double seconds() const { return static_cast<double>(endMs - startMs) / 1000.0; }
};

// The file's points laid out in time.
struct TrackLayout {
    std::vector<TrackPiece> sessions; // in time order
    std::vector<TrackPiece> strays;   // short pieces apart from the sessions, left out
    std::size_t placed = 0;           // points inside sessions and strays (timed, or between timed ones)
    std::size_t unplaced = 0;         // points no time can be given to: before, between or after the pieces
    qint64 spanMs() const { return sessions.empty() ? 0 : sessions.back().endMs - sessions.front().startMs; }
};

// Splits at gaps of more than kSessionGapSec; pieces shorter than kMinSessionSec are strays when a longer piece
// exists (else they stay sessions: a file may hold one short recording).
TrackLayout layOut(const std::vector<TrackPoint>& points);

} // namespace tricoach::xml
