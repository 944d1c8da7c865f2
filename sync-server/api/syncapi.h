#pragma once

#include "sync-server/api/providers.h"
#include "sync-server/api/ratelimit.h"
#include "sync-server/http/clientaddress.h"
#include "sync-server/http/router.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace tricoach::sync {

class JsonLog;
class Metrics;

// What /readyz reports: the database answers and its schema is the one this program expects.
struct Readiness {
    bool databaseReachable = false;
    int schemaVersion = 0;
    int headVersion = 0;
    std::string problem; // why not, in words
    bool ready() const { return databaseReachable && schemaVersion == headVersion && problem.empty(); }
};

// The server's HTTP front: the route table, and around every request the JSON error shape for unknown routes and
// failures, a request id, a log line (path without its query, which may carry an OAuth code) and the metrics; the
// client's address (through trusted proxies) and the request budgets of each route's Throttle, answered 429 with
// Retry-After. Areas (health, sign-in, webhooks, events) add their routes; handle() is the HttpServer's handler.
class SyncApi {
public:
    SyncApi(JsonLog& log, Metrics& metrics, std::function<Readiness()> readiness);

    Router& router() { return m_router; }
    const Router& router() const { return m_router; }
    HttpResponse handle(HttpRequest& request);

    // Whose X-Forwarded-For names the client (none: the socket's peer is the client). Set before serving.
    void trustProxies(std::vector<AddressRange> proxies) { m_trustedProxies = std::move(proxies); }
    // The signed-in user a request's bearer token speaks for, if any (no other check: the route still makes it).
    using UserOf = std::function<std::optional<std::int64_t>(const HttpRequest&)>;
    // Turns the budgets on (off until called, and when settings.enabled is false). Set before serving.
    void limitRates(const RateLimitSettings& settings, Clock clock, UserOf userOf);

    // The OpenAPI 3.1 document served at /v1/openapi.json (built into the program).
    static std::string openApiDocument();

private:
    // What the request's log line and metrics need once its answer is known (which may be later).
    struct RequestRecord {
        std::string id, method, route, ip, peer, unmatchedPath;
        std::chrono::steady_clock::time_point started;
    };
    void finish(const RequestRecord& record, HttpResponse& response);
    void addHealthRoutes();
    // The 429 to answer when one of the route's budgets is spent, or nullopt.
    std::optional<HttpResponse> overBudget(const HttpRequest& request, Throttle throttle, const std::string& route);

    JsonLog& m_log;
    Metrics& m_metrics;
    // Refused requests (429) logged per second: a flood must not turn into a flood of log lines. The metrics
    // count every one.
    static constexpr int kRefusalsLoggedPerSecond = 5;
    std::mutex m_refusalMutex;
    std::int64_t m_refusalSecond = 0;
    int m_refusalsThisSecond = 0;
    // Whether this 429 gets its line; and, on the first refusal of a new second, how many of the last second's
    // did not (told with the next refusal, so a flood's tail is told when the next one starts).
    bool logRefusal(std::int64_t& unloggedBefore);
    std::function<Readiness()> m_readiness;
    Router m_router;
    std::vector<AddressRange> m_trustedProxies;
    Clock m_clock;
    UserOf m_userOf;
    std::unique_ptr<TokenBuckets> m_perAddress; // null: no limits
    std::unique_ptr<TokenBuckets> m_signIn;
    std::unique_ptr<TokenBuckets> m_perUser;
};

} // namespace tricoach::sync
