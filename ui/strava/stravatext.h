#pragma once
// The desktop's words for Strava — progress, pauses, summaries, the link's state and its errors — translated (the
// core's English texts are for the command line).

#include "core/strava/stravaaccount.h"
#include "core/strava/syncengine.h"

#include <QCoreApplication>
#include <QString>

namespace tricoach {

class StravaText {
    Q_DECLARE_TR_FUNCTIONS(tricoach::StravaText)
public:
    // "Strava: 3 pages listed, 412 new · 120 of 600 recordings"
    static QString progress(const strava::SyncProgress& progress);
    // "Strava: waiting for Strava's rate limit until 14:45 (480 recordings left, all by Tue 09:00)"
    static QString paused(const QDateTime& until, int recordingsLeft, const QDateTime& allBy);
    // "Strava: 412 new, 3 updated, 1 deleted, 2 failed"; a pause, "up to date" or "stopped" as the sync ended.
    static QString summary(const strava::SyncSummary& summary);
    // An error in the athlete's words, for the codes the desktop acts on; the core's own message otherwise.
    static QString error(const Error& error);
    // The state of the link for Settings ▸ Strava: "Connected as Anna Berg" or "Not connected".
    static QString connection(const strava::StravaStatus& status);
    // "Last sync: today 14:02 · 412 activities from Strava · 120 recordings still to fetch"
    static QString lastSync(const strava::StravaStatus& status);
    // When `missingScopes` leaves private activities out: what that means and how to grant it; empty otherwise.
    static QString missing(const QStringList& missingScopes);
    // A time as the athlete reads it: "14:45" today, "Tue 09:00" within the week, else the date and time.
    static QString when(const QDateTime& time);
};

} // namespace tricoach
