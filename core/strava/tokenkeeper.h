#pragma once
// Keeps one athlete's Strava tokens in the secret store and fresh. Strava invalidates a refresh token the moment it
// hands out a new one, so the new pair is written to the secret store before it is used: a crash after the refresh
// never leaves the stored pair dead. Two processes refreshing at once (the app and the CLI) are resolved by reading
// the store again when Strava rejects our refresh token: the other process may hold the new one.

#include "core/strava/clock.h"
#include "core/strava/tokens.h"

namespace tricoach {
class SecretStore;
}

namespace tricoach::strava {

// Where the sync's Strava access token comes from: this machine's tokens (TokenKeeper, the athlete's own
// application) or the sync server's token broker (core/account) — StravaApi never knows which.
class StravaAccess {
public:
    virtual ~StravaAccess() = default;
    // A token good for at least the next few requests.
    virtual Result<QString> accessToken() = 0;
    // After Strava rejected the access token (401): another one, once.
    virtual Result<QString> renewRejected() = 0;
};

class TokenKeeper : public StravaAccess {
public:
    TokenKeeper(SecretStore& secrets, QString secretKey, TokenBroker& broker, const SyncClock& clock);

    // The stored tokens; a strava.not-connected error when there are none.
    Result<StravaTokens> stored() const;
    Result<void> save(const StravaTokens& tokens);
    Result<void> forget();

    // An access token with at least an hour to live (refreshed when less is left; Strava returns the same token
    // before that).
    Result<QString> accessToken() override;
    // After Strava rejected the access token (401): a refresh, once.
    Result<QString> renewRejected() override;
    int refreshes() const { return m_refreshes; }

private:
    Result<QString> refresh(const StravaTokens& from);

    SecretStore& m_secrets;
    QString m_key;
    TokenBroker& m_broker;
    const SyncClock& m_clock;
    std::optional<StravaTokens> m_tokens;
    int m_refreshes = 0;
};

// The secret store's key of a profile's tokens.
QString tokenSecretKey(const QString& profileKey);

} // namespace tricoach::strava
