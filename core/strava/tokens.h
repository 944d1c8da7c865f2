#pragma once
// An athlete's Strava authorization: the token pair, what it grants, and who granted it; and the brokers that
// exchange and refresh it. Strava's rules (Authentication docs): access tokens live six hours; refreshing with more
// than an hour left hands back the same token; a new refresh token invalidates the old one at once.

#include "core/strava/endpoints.h"
#include "core/strava/httpclient.h"
#include "core/util/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace tricoach::strava {

struct StravaTokens {
    QString accessToken;
    QString refreshToken;
    QDateTime expiresAt; // UTC
    QStringList scopes;  // as granted on the authorize page (the athlete may untick boxes)
    std::int64_t athleteId = 0;
    QString athleteName;

    bool canReadActivities() const;
    bool canReadPrivate() const; // activity:read_all
    QJsonObject toJson() const;
    static std::optional<StravaTokens> fromJson(const QJsonObject& json);
};

// Scopes from the redirect's `scope` parameter ("read,activity:read_all").
QStringList scopesFromText(const QString& text);

// Exchanges authorization codes and refreshes tokens. Two kinds behind one interface: the athlete's own Strava
// application (OwnAppBroker, the secret on this machine) and, later, the sync server's token broker (the secret on
// the server) — the sync engine never knows which.
class TokenBroker {
public:
    virtual ~TokenBroker() = default;
    virtual QString clientId() const = 0;
    // The tokens for an authorization code from the redirect to `redirectUri`; `scopes` are the granted ones.
    virtual Result<StravaTokens> exchangeCode(const QString& code, const QStringList& scopes) = 0;
    // New tokens for `tokens` (scopes and athlete carried over).
    virtual Result<StravaTokens> refresh(const StravaTokens& tokens) = 0;
    // Ends the authorization on Strava's side: oauth/revoke, falling back to oauth/deauthorize.
    virtual Result<void> revoke(const StravaTokens& tokens) = 0;
};

class OwnAppBroker : public TokenBroker {
public:
    OwnAppBroker(StravaApp app, StravaEndpoints endpoints, HttpClient& http);
    QString clientId() const override { return m_app.clientId; }
    Result<StravaTokens> exchangeCode(const QString& code, const QStringList& scopes) override;
    Result<StravaTokens> refresh(const StravaTokens& tokens) override;
    Result<void> revoke(const StravaTokens& tokens) override;

private:
    // POSTs the form to the token endpoint, retrying a dropped connection or a 5xx a few times.
    HttpReply postToken(const QList<QPair<QString, QString>>& form);

    StravaApp m_app;
    StravaEndpoints m_endpoints;
    HttpClient& m_http;
};

// Tokens from a token endpoint's JSON answer; `previous` supplies what a refresh answer leaves out.
Result<StravaTokens> tokensFromAnswer(const QByteArray& body, const QDateTime& now, const StravaTokens* previous);

} // namespace tricoach::strava
