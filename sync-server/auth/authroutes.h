#pragma once

#include "sync-server/api/providers.h"
#include "sync-server/store/serverstore.h"

#include <functional>
#include <memory>

namespace tricoach::sync {

class JsonLog;
class SyncApi;
struct ServerConfig;

// What the sign-in routes need: the store (null while the database is out of reach: 503), the configuration,
// the log and a clock (tests move it).
struct AuthDependencies {
    StoreProvider store;
    const ServerConfig* config = nullptr;
    JsonLog* log = nullptr;
    Clock clock;
};

// The desktop's sign-in: /oauth/authorize (the page), /oauth/password, /oauth/token (code and refresh grants),
// and the signed-in user's /v1/me and /v1/sessions.
void addAuthRoutes(SyncApi& api, AuthDependencies deps);

} // namespace tricoach::sync
