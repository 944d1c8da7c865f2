#pragma once
// The desktop's side of a TriCoach account session: the tokens tricoach-sync issued (kept in the secret store,
// refreshed before they expire) and the authorized calls of its API. The server rotates the refresh token on every
// refresh and ends the session when an old one is used again (a stolen copy is useless), so two processes of this
// machine (the app and the CLI) must never refresh with the same token: refreshes are serialised by a lock file
// next to the database, and each one first adopts a pair another process already stored. The new pair is written
// before it is used, so a crash right after a refresh never leaves the stored pair dead. Blocking; runs on the
// calling thread (see strava::HttpClient).

#include "core/account/accountstate.h"
#include "core/strava/httpclient.h"
#include "core/wire/events.h"

#include <QJsonObject>
#include <QUrlQuery>

namespace tricoach {
class SecretStore;
}

namespace tricoach::account {

// The desktop as the server knows it (RFC 8252 public client; no secret).
inline constexpr const char* kClientId = "tricoach-desktop";

struct AccountTokens {
    QString accessToken;
    QString refreshToken;
    QDateTime expiresAt; // of the access token, UTC
    std::int64_t sessionId = 0;

    QJsonObject toJson() const;
    static std::optional<AccountTokens> fromJson(const QJsonObject& json);
};

// The signed-in user as /v1/me says.
struct AccountUser {
    std::int64_t id = 0;
    QString displayName;
    std::int64_t stravaAthleteId = 0;
};

// A fresh Strava access token from the server's broker.
struct BrokeredToken {
    QString accessToken;
    QDateTime expiresAt;
    std::int64_t athleteId = 0;
    QStringList scopes;
};

class AccountClient {
public:
    // `secretKey` names the tokens in `secrets`; `lockPath` is the file that serialises refreshes across processes.
    AccountClient(QUrl server, SecretStore& secrets, QString secretKey, QString lockPath, strava::HttpClient& http);

    // The code of a sign-in exchanged for tokens (nothing stored: the caller saves them when all went well).
    Result<AccountTokens> exchangeCode(const QString& code, const QUrl& redirectUri, const QString& verifier);

    Result<AccountTokens> stored() const;
    Result<void> save(const AccountTokens& tokens);
    Result<void> forget();

    Result<AccountUser> me();
    // Signs this session out on the server (the tokens stay stored; the caller forgets them).
    Result<void> endSession();
    // The user's events after `cursor`, one page.
    Result<wire::EventsPage> events(std::int64_t cursor);
    Result<BrokeredToken> stravaToken();
    // A valid access token (refreshed when it has under two minutes left), for the event stream.
    Result<QString> accessToken();

private:
    struct Answer {
        int status = 0;
        QByteArray body;
    };
    // An authorized call: a 401 refreshes once and tries again.
    Result<Answer> call(const QByteArray& verb, const QString& path, const QUrlQuery& query = {});
    Result<QString> refresh(const AccountTokens& from);
    Result<AccountTokens> tokenCall(const QList<QPair<QString, QString>>& form);
    Error failure(const strava::HttpReply& reply, const QString& what) const;

    QUrl m_server;
    SecretStore& m_secrets;
    QString m_key;
    QString m_lockPath;
    strava::HttpClient& m_http;
    std::optional<AccountTokens> m_tokens;
};

// The secret store's key of an account's tokens.
QString accountSecretKey(const QString& accountKey);

} // namespace tricoach::account
