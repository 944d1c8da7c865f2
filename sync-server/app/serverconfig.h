#pragma once

#include "core/util/result.h"
#include "sync-server/api/ratelimit.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tricoach::sync {

// Strava's side of the server: the application's credentials and the webhook's secrets.
struct StravaServerSettings {
    std::string clientId;
    std::string clientSecret;
    std::string verifyToken;    // Strava echoes it when our callback is validated
    std::string webhookPath;    // the secret last segment of /strava/webhook/{path}: Strava's events are unsigned
    std::string subscriptionId; // optional: the subscription manager learns it
    std::string apiBase = "https://www.strava.com/api/v3";
    std::string oauthBase = "https://www.strava.com";
};

// Everything tricoach-sync is told at start: flags first, then TRICOACH_SYNC_* / TRICOACH_STRAVA_* variables, then
// defaults. Secrets may come as NAME_FILE (a Docker secret's path) instead of NAME.
struct ServerConfig {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8470;
    std::string database;  // empty: an SQLite file in the platform's data folder
    std::string publicUrl; // how browsers and Strava reach us; default http://HOST:PORT
    int threads = 0;       // 0: requestThreads() picks
    std::size_t maxBodyBytes = 256 * 1024;
    std::string logLevel = "info";
    std::string tokenKey;                    // base64 of 32 bytes: encrypts Strava tokens at rest
    std::vector<std::string> trustedProxies; // addresses or CIDR blocks whose X-Forwarded-For is believed
    RateLimitSettings rateLimits;
    StravaServerSettings strava;

    std::string effectivePublicUrl() const;
    // Request threads, and as many database connections. A handler holds its thread while it waits for the
    // database (a durable commit waits for the disk), so the default is well above the cores: 4 per core, at least
    // 16; concurrent webhooks then share one commit (the store's group commit) instead of queueing for threads.
    int requestThreads() const;
};

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
EnvLookup processEnvironment();

// Reads the flags a command was given (after its name) with the environment. Unknown flags, malformed values,
// a secret given twice (NAME and NAME_FILE) or an unreadable secret file are errors that name the culprit.
Result<ServerConfig> loadServerConfig(const std::vector<std::string>& flags, const EnvLookup& env);

// The options part of --help.
std::string serverConfigHelp();

} // namespace tricoach::sync
