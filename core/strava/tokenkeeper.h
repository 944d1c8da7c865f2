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

class TokenKeeper {
public:
    TokenKeeper(SecretStore& secrets, QString secretKey, TokenBroker& broker, const SyncClock& clock);

    // The stored tokens; a strava.not-connected error when there are none.
    Result<StravaTokens> stored() const;
    Result<void> save(const StravaTokens& tokens);
    Result<void> forget();

    // An access token with at least an hour to live (refreshed when less is left; Strava returns the same token
    // before that).
    Result<QString> accessToken();
    // After Strava rejected the access token (401): a refresh, once.
    Result<QString> renewRejected();
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
