#pragma once

#include "sync-server/api/syncapi.h"
#include "sync-server/app/serverconfig.h"
#include "sync-server/events/eventhub.h"
#include "sync-server/http/httpserver.h"
#include "sync-server/ops/metrics.h"
#include "sync-server/store/serverstore.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace tricoach::sync {

class CurlHttpClient;
class JsonLog;
class StravaWebhook;
class SubscriptionManager;

// One running tricoach-sync: the store, the HTTP front and its areas, wired from a ServerConfig. The HTTP side
// starts even when the database cannot be reached yet (a container started before its PostgreSQL): /readyz says
// 503 and the store is opened again every few seconds until it answers. Used by `serve` and by in-process tests.
class SyncServer {
public:
    struct Options {
        bool migrate = true; // bring the schema to head on start (safe with several instances: the store locks)
        std::chrono::milliseconds reopenEvery{2000};
        std::function<Timestamp()> clock;                  // empty: the system clock (tests move time)
        EventHubOptions events;                            // the SSE heartbeat (tests shorten it)
        std::chrono::milliseconds subscriptionRetry{1000}; // Strava's push subscription: first back-off
        std::chrono::seconds subscriptionLease{30};        // one instance at a time talks to Strava
        bool benchRoutes = false; // GET /bench/hello, the benchmarks' ceiling; never on unless asked for
        // Expired authorization codes, pending sign-ins, dead sessions and past rate windows are dropped this often.
        std::chrono::milliseconds housekeepingEvery{std::chrono::minutes(10)};
    };

    SyncServer(ServerConfig config, JsonLog& log, Options options);
    SyncServer(ServerConfig config, JsonLog& log)
        : SyncServer(std::move(config), log, Options{})
    {
    }
    ~SyncServer();
    SyncServer(const SyncServer&) = delete;
    SyncServer& operator=(const SyncServer&) = delete;

    // Listens; fails only when the address cannot be bound.
    Result<void> start();
    void stop();
    std::uint16_t port() const { return m_http ? m_http->port() : 0; }
    std::string baseUrl() const;

    // The store once open; null while the database is out of reach.
    std::shared_ptr<ServerStore> store() const;
    Metrics& metrics() { return m_metrics; }
    SyncApi& api() { return m_api; }
    EventHub& events() { return *m_events; }
    SubscriptionManager* stravaSubscription() { return m_subscription.get(); } // null without Strava settings

private:
    Readiness readiness();
    void addStravaWebhooks();
    void startStravaSubscription();
    bool tryOpenStore();
    void keepOpeningStore();
    void keepHouse(); // every housekeepingEvery until stopped

    ServerConfig m_config;
    JsonLog& m_log;
    Options m_options;
    Metrics m_metrics;
    SyncApi m_api;
    std::unique_ptr<CurlHttpClient> m_outbound;
    std::unique_ptr<StravaWebhook> m_webhook;
    std::unique_ptr<EventHub> m_events;
    std::unique_ptr<SubscriptionManager> m_subscription;
    std::unique_ptr<HttpServer> m_http;
    mutable std::mutex m_mutex;
    std::shared_ptr<ServerStore> m_store;
    std::string m_storeProblem;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_opener;
    std::thread m_housekeeper;
};

} // namespace tricoach::sync
