#pragma once
// Training sessions as the athlete lists them: an ordinary activity on its own, or the legs of one multisport
// event (a triathlon recorded as one file) together, so that a race is one entry with its legs and transitions
// inside it rather than five unrelated rows.

#include "core/model/activity.h"

#include <QString>

#include <optional>
#include <vector>

namespace tricoach {

// What a session is: one activity, a triathlon (swim, bike, run in that order, transitions aside) or any other
// sequence of legs.
enum class SessionKind { Single, Triathlon, Multisport };

// Stable id for the CLI and JSON ("Triathlon", "Multisport"; "Single" for an ordinary activity); never translated.
QString sessionKindId(SessionKind kind);

// One session; the legs are complete activity summaries, so every per-leg number stays the store's.
struct TrainingSession {
    SessionKind kind = SessionKind::Single;
    QString key;                // the legs' multisportKey; empty for an ordinary activity
    std::vector<Activity> legs; // in race order; exactly one for a Single session

    bool isMultisport() const { return kind != SessionKind::Single; }
    const Activity& first() const { return legs.front(); }
    QDateTime startUtc() const { return legs.front().startUtc; }
    QDate localDate() const { return legs.front().localDate(); }
    // The legs' times added up, transitions included: the race clock when the legs follow each other.
    double durationSec() const;
    // Time spent in transitions.
    double transitionSec() const;
    // The legs' distances added up, transitions left out (they are time only); empty when no leg has one.
    std::optional<double> distanceM() const;
    double load() const; // every leg's load added up
    // The title the legs share; empty when they differ or have none.
    QString title() const;
    // 1 for the first transition (T1), 2 for the second, ...; 0 when legs[index] is not a transition.
    int transitionNumber(std::size_t index) const;
    // The index of the leg with this activity id, or -1.
    int legIndexOf(ActivityId id) const;
    // Any leg is of `sport` (when given) and any leg's title or notes contains `text` (case-insensitive; when not
    // empty): a filter by "Swim" keeps the triathlon that holds the swim.
    bool matches(std::optional<Sport> sport, const QString& text) const;
};

// What a sequence of legs in race order amounts to (Single for fewer than two legs).
SessionKind multisportKind(const std::vector<Activity>& legs);

// Groups activities (in any order) into sessions: activities of one athlete sharing a multisportKey become one
// session in leg order (multisportLeg, then start time), unless a leg starts more than kMaxLegGapSec after the
// previous leg ended, which a single event never does; a key with one activity left (its other legs deleted) is
// an ordinary activity. Sessions come in start-time order.
std::vector<TrainingSession> groupSessions(std::vector<Activity> activities);

// The recordings of a session's legs (read with their streams) as one, on the clock of the first leg's start: a
// race's heart rate from the swim start to the finish. A leg's channel the others lack is missing (NaN) elsewhere;
// samples that would run back in time (legs overlapping) are left out.
Streams joinLegStreams(const std::vector<Activity>& legs);

// The longest pause between two legs of one event that still counts as one event (a night between the legs of a
// stage race is more): six hours.
inline constexpr double kMaxLegGapSec = 6 * 3600.0;

} // namespace tricoach
