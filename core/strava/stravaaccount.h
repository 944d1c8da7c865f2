#pragma once
// One profile's Strava connection, wired for the CLI and the desktop alike: the athlete's own Strava application,
// the sign-in through the system browser, the tokens in the secret store, the sync, and the disconnect. Blocking:
// the CLI calls it on its main thread; the desktop runs sync() on a worker thread with a store connection of its
// own (ActivityStore is one SQLite connection per thread) and a SecretStore that is safe to call from there.

#include "core/store/activitystore.h"
#include "core/strava/endpoints.h"
#include "core/strava/login.h"
#include "core/strava/syncengine.h"

#include <atomic>
#include <functional>

namespace tricoach {
class SecretStore;
}

namespace tricoach::strava {

// The profile's connection as the athlete sees it.
struct StravaStatus {
    bool connected = false;
    bool viaAccount = false; // through the TriCoach account's broker, not an application of the athlete's own
    std::int64_t athleteId = 0;
    QString athleteName;
    QStringList scopes;
    QStringList missingScopes; // activity:read_all not granted: private activities are left out
    QString problem;           // revoked access and the like; empty when fine
    QDateTime lastSync;
    QDateTime resumeAt;
    int activities = 0;  // linked to Strava
    int streamsLeft = 0; // recordings still to fetch
    QJsonObject lastSummary;
    QJsonObject toJson() const;
};

class StravaAccount {
public:
    StravaAccount(ActivityStore& store, AthleteId athlete, SecretStore& secrets,
                  StravaEndpoints endpoints = StravaEndpoints::fromEnvironment());

    StravaStatus status() const;
    SyncState state() const;

    // The athlete's own application: the client id (from the last connect, else TRICOACH_STRAVA_CLIENT_ID), the
    // secret (the secret store, else TRICOACH_STRAVA_CLIENT_SECRET).
    Result<StravaApp> app() const;
    // Keeps the secret in the secret store and the id with the profile.
    Result<void> setApp(const StravaApp& app);

    // Signs in: `openUrl` receives the authorize URL (opens the system browser, or prints it) and returns false when
    // it could not. Blocks until the redirect arrives, `cancel` is set or `timeoutMs` passes. On success the tokens
    // are in the secret store and the profile is linked; on any failure nothing is stored.
    Result<LoginOutcome> connect(const std::function<bool(const QUrl&)>& openUrl, int timeoutMs,
                                 const std::atomic<bool>* cancel = nullptr, bool askAgain = false);

    // Links the profile to the Strava athlete of the signed-in TriCoach account: its tokens stay on the server,
    // which hands out access tokens (the `brokered` access of sync and apply). The same one-athlete-per-profile
    // rules as connect().
    Result<void> linkThroughAccount(std::int64_t athleteId, const QString& athleteName, const QStringList& scopes);

    // One sync (StravaSync::run) with the stored tokens, or through the account's broker when the profile is
    // linked that way (`brokered` is then required).
    Result<SyncSummary> sync(const SyncOptions& options, std::function<void(const SyncProgress&)> progress = {},
                             const std::atomic<bool>* cancel = nullptr, StravaAccess* brokered = nullptr);
    // Changes announced by Strava's webhooks (StravaSync::apply).
    Result<SyncSummary> apply(const std::vector<ActivityChange>& changes, const std::atomic<bool>* cancel = nullptr,
                              StravaAccess* brokered = nullptr);

    // Ends the authorization on Strava (oauth/revoke, falling back to oauth/deauthorize) and deletes the tokens;
    // every synced activity stays. When Strava cannot be reached the tokens are deleted all the same, and the
    // result says so (the athlete can revoke at strava.com/settings/apps).
    Result<QString> disconnect();

private:
    // Whether the profile may be linked to Strava athlete `athleteId` (one athlete per profile and back).
    Result<void> mayLink(std::int64_t athleteId, const QString& athleteName) const;
    // Runs `work` with the API of the profile's link: this machine's tokens, or the account's broker.
    Result<SyncSummary> withApi(const std::atomic<bool>* cancel, StravaAccess* brokered,
                                const std::function<Result<SyncSummary>(StravaSync&, SyncState&)>& work);

    ActivityStore& m_store;
    AthleteId m_athlete;
    SecretStore& m_secrets;
    StravaEndpoints m_endpoints;
};

// The secret store key of an application's client secret.
QString clientSecretKey(const QString& clientId);

} // namespace tricoach::strava
