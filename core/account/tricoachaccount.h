#pragma once
// One profile's TriCoach account, wired for the CLI and the desktop alike: the server's address, the sign-in
// through the system browser, who is signed in, sign-out; Strava through the account (the server keeps the Strava
// authorization and hands out access tokens, so this machine never holds a Strava secret); and the server's events
// (Strava's webhooks) applied to the local store, from the cursor where the last run stopped. Blocking: the CLI
// calls it on its main thread, the desktop on a worker with a store connection and secrets safe for that thread
// (sign-in excepted: it waits for the browser on the main thread).

#include "core/account/accountclient.h"
#include "core/store/activitystore.h"
#include "core/strava/stravaaccount.h"

#include <atomic>
#include <functional>

namespace tricoach::account {

// What applying the server's events did.
struct CatchUp {
    int events = 0;       // read from the server
    int applied = 0;      // activity changes handed to the Strava sync
    bool complete = true; // false: stopped (rate limit, Strava out of reach); the rest waits for the next run
    bool deauthorized = false;
    std::optional<strava::SyncSummary> summary;
    QString text() const;
    QJsonObject toJson() const;
};

class TriCoachAccount {
public:
    TriCoachAccount(ActivityStore& store, AthleteId athlete, SecretStore& secrets);

    AccountState state() const;
    // Keeps the server's address (checked; the sign-in of another server ends).
    Result<void> setServer(const QString& address);
    Result<QUrl> server() const;

    // Signs in: `openUrl` gets the sign-in page's address (opens the browser, or prints it) and returns false when
    // it could not. On success the tokens are in the secret store and the profile knows who is signed in; on any
    // failure nothing changed.
    Result<AccountState> signIn(const std::function<bool(const QUrl&)>& openUrl, int timeoutMs,
                                const std::atomic<bool>* cancel = nullptr, const QString& locale = {});
    // Signs this session out on the server and forgets it here. When the server cannot be reached the tokens are
    // forgotten all the same and the message says so.
    Result<QString> signOut();
    // Asks the server who is signed in, and remembers it.
    Result<AccountState> refresh();

    // Links the profile's Strava to the account's Strava athlete (asks the broker for a token to learn it).
    Result<QString> connectStrava(strava::StravaAccount& strava);
    // The Strava access of this account, for StravaAccount::sync / apply (lives as long as `http`).
    std::unique_ptr<strava::StravaAccess> stravaAccess(strava::HttpClient& http);
    // Applies the server's events after the stored cursor; the cursor moves past what was applied.
    Result<CatchUp> catchUp(strava::StravaAccount& strava, const std::atomic<bool>* cancel = nullptr);

    // A client of the signed-in session (for the event stream's token).
    std::unique_ptr<AccountClient> client(strava::HttpClient& http) const;

private:
    Result<void> save(const AccountState& state);

    ActivityStore& m_store;
    AthleteId m_athlete;
    SecretStore& m_secrets;
};

} // namespace tricoach::account
