#pragma once
// What a profile's Strava link remembers between runs (the store's per-athlete document "strava"): which Strava
// athlete it is linked to, how far the back-fill got, the rate budget spent, and when a stopped sync resumes. Kept in
// the database so that the app and the CLI see the same state; tokens are not here (the keychain holds them).

#include "core/model/activity.h"
#include "core/strava/ratelimit.h"
#include "core/util/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace tricoach {
class ActivityStore;
}

namespace tricoach::strava {

struct SyncState {
    // The link; athleteId 0 when the profile is not connected.
    std::int64_t athleteId = 0;
    QString athleteName;
    QString profileKey;      // random, names the profile's tokens in the keychain (two databases never share one)
    QString clientId;        // the athlete's own Strava application
    bool viaAccount = false; // tokens from the TriCoach account's broker (tricoach-sync), not this machine
    QStringList scopes;
    QString problem; // why syncing stopped until the athlete acts (revoked access); empty when fine

    QDateTime lastSync;     // the end of the last sync that listed Strava completely
    QDateTime lastFullList; // the last complete listing of the whole history
    bool backfillDone = false;
    int backfillNextPage = 1;
    QDateTime resumeAt; // a sync stopped by the rate limit continues from here
    RateBudget budget;
    QJsonObject lastSummary;

    bool connected() const { return athleteId != 0; }
    QJsonObject toJson() const;
    static SyncState fromJson(const QJsonObject& json);
};

inline const QString kSyncStateKey = QStringLiteral("strava");

SyncState loadSyncState(const ActivityStore& store, AthleteId athlete);
Result<void> saveSyncState(ActivityStore& store, AthleteId athlete, const SyncState& state);

} // namespace tricoach::strava
