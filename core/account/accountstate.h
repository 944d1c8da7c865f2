#pragma once
// What the desktop remembers of the athlete's TriCoach account on a tricoach-sync server (the store's per-athlete
// document "account", shared by the app and the CLI): which server, who is signed in, how far the server's events
// were applied. The session's tokens are not here: the keychain holds them (AccountTokens).

#include "core/model/athlete.h"
#include "core/util/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QUrl>

#include <cstdint>
#include <optional>

namespace tricoach {
class ActivityStore;
}

namespace tricoach::account {

namespace code {
inline const QString kNotSignedIn = QStringLiteral("account.not-signed-in");
inline const QString kSignedOut = QStringLiteral("account.signed-out"); // the session ended: sign in again
inline const QString kServer = QStringLiteral("account.server");        // no server address, or a wrong one
inline const QString kUnavailable = QStringLiteral("account.unavailable");
inline const QString kRefused = QStringLiteral("account.refused"); // the server said no (a 4xx we did not expect)
inline const QString kNoStrava = QStringLiteral("account.no-strava");
inline const QString kStravaRevoked = QStringLiteral("account.strava-revoked");
inline const QString kDenied = QStringLiteral("account.denied");
inline const QString kTimeout = QStringLiteral("account.timeout");
inline const QString kCancelled = QStringLiteral("account.cancelled");
inline const QString kSecrets = QStringLiteral("account.secrets");
inline const QString kBusy = QStringLiteral("account.busy"); // rate-limited by the server
} // namespace code

struct AccountState {
    QString server;     // the address as the athlete typed it (Settings ▸ Account); TRICOACH_SYNC_URL overrides
    QString accountKey; // random: names the session's tokens in the secret store
    std::int64_t userId = 0;
    QString displayName;
    std::int64_t stravaAthleteId = 0; // 0: the account has no Strava athlete
    std::int64_t sessionId = 0;
    std::int64_t eventCursor = 0; // the last server event applied to this profile
    QString problem;              // why the account stopped working until the athlete acts; empty when fine

    bool signedIn() const { return userId != 0; }
    QJsonObject toJson() const;
    static AccountState fromJson(const QJsonObject& json);
};

inline const QString kAccountStateKey = QStringLiteral("account");

AccountState loadAccountState(const ActivityStore& store, AthleteId athlete);
Result<void> saveAccountState(ActivityStore& store, AthleteId athlete, const AccountState& state);

// The server to talk to: TRICOACH_SYNC_URL when set, else `configured`. An error says what is wrong with it.
Result<QUrl> serverUrl(const QString& configured);
// A server address as typed: http(s) with a host, plain http only to this computer.
Result<QUrl> checkServerAddress(const QString& text);

} // namespace tricoach::account
