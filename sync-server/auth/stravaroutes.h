#pragma once

#include "sync-server/api/providers.h"

#include <memory>

namespace tricoach::sync {

class HttpClient;
class JsonLog;
class SyncApi;
class TokenCipher;
struct ServerConfig;

struct StravaAuthDependencies {
    StoreProvider store;
    Clock clock;
    const ServerConfig* config = nullptr;
    JsonLog* log = nullptr;
    HttpClient* http = nullptr;
    std::shared_ptr<const TokenCipher> cipher; // null: Strava sign-in is off (no TRICOACH_SYNC_TOKEN_KEY)
};

// Sign in with Strava, run by the server with its own client secret so the desktop never holds it:
// POST /oauth/strava/start (from the sign-in page) -> Strava's authorize page -> GET /oauth/strava/callback -> the
// user found or made by Strava athlete id, their Strava tokens kept encrypted -> a code back to the desktop.
// And the token broker: POST /v1/strava/token gives the signed-in user a fresh Strava access token for their own
// athlete, refreshing it here under Strava's rotation rules. No Strava activity data passes through.
void addStravaAuthRoutes(SyncApi& api, StravaAuthDependencies deps);

} // namespace tricoach::sync
