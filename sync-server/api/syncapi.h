#pragma once

#include "sync-server/http/router.h"

#include <functional>
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
// failures, a request id, a log line (path without its query, which may carry an OAuth code) and the metrics.
// Areas (health, sign-in, webhooks, events) add their routes; handle() is the HttpServer's handler.
class SyncApi {
public:
    SyncApi(JsonLog& log, Metrics& metrics, std::function<Readiness()> readiness);

    Router& router() { return m_router; }
    const Router& router() const { return m_router; }
    HttpResponse handle(HttpRequest& request);

    // The OpenAPI 3.1 document served at /v1/openapi.json (built into the program).
    static std::string openApiDocument();

private:
    void addHealthRoutes();

    JsonLog& m_log;
    Metrics& m_metrics;
    std::function<Readiness()> m_readiness;
    Router m_router;
};

} // namespace tricoach::sync
