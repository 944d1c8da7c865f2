#pragma once

#include "core/util/result.h"
#include "sync-server/api/providers.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace tricoach::sync {

class HttpClient;
class JsonLog;

struct SubscriptionSettings {
    std::string clientId;
    std::string clientSecret;
    std::string verifyToken;
    std::string apiBase;     // https://www.strava.com/api/v3
    std::string callbackUrl; // public URL + /strava/webhook/{path}: a secret, never logged
    std::chrono::milliseconds firstRetry{1000};
    std::chrono::milliseconds maxRetry{5 * 60 * 1000};
    // Only the instance holding the lease (in app state, shared through the database) talks to Strava, so that
    // instances started together do not delete each other's subscription. Longer than one attempt (three calls).
    std::chrono::seconds leaseWindow{60};
    std::chrono::milliseconds requestTimeout{10'000}; // Strava validates our callback before it answers a create
};

// Makes sure the app's one Strava push subscription (developers.strava.com/docs/webhooks) points at this server:
// at start, in the background, it lists the subscription, creates one when there is none, replaces one whose
// callback is wrong (delete, then create) and remembers its id in app state. While Strava or the database cannot
// be reached it retries with exponential back-off; the server serves meanwhile.
class SubscriptionManager {
public:
    SubscriptionManager(SubscriptionSettings settings, HttpClient& http, StoreProvider store, Clock clock,
                        JsonLog& log);
    ~SubscriptionManager();
    SubscriptionManager(const SubscriptionManager&) = delete;
    SubscriptionManager& operator=(const SubscriptionManager&) = delete;

    void start();
    void stop();
    // The subscription's id once this instance knows it is in place (by its own work or another instance's).
    std::optional<std::string> subscriptionId() const;
    int attempts() const; // talks with Strava so far

private:
    void run();
    Result<std::string> ensureSubscription();
    Result<bool> acquireLease(ServerStore& store); // true: this instance holds it now
    void releaseLease(ServerStore& store);
    bool waitFor(std::chrono::milliseconds delay); // false when stopping
    std::string credentialsQuery() const;

    SubscriptionSettings m_settings;
    HttpClient& m_http;
    StoreProvider m_store;
    Clock m_clock;
    JsonLog& m_log;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::optional<std::string> m_id;
    int m_attempts = 0;
    std::thread m_worker;
    std::string m_instance;   // random: tells this process's lease from another's
    std::string m_leaseValue; // worker thread only
};

} // namespace tricoach::sync
