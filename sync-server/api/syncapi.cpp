#include "sync-server/api/syncapi.h"

#include "sync-server/ops/jsonlog.h"
#include "sync-server/ops/metrics.h"

#include <QFile>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>
#include <random>

namespace tricoach::sync {

namespace {

// Passed through when a proxy set a sane one, so a request can be followed across nginx and us.
std::string requestId(const HttpRequest& r)
{
    if (auto given = r.header("X-Request-Id"); given && !given->empty() && given->size() <= 64) {
        const bool sane = std::all_of(given->begin(), given->end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
        });
        if (sane)
            return *given;
    }
    thread_local std::mt19937_64 random{std::random_device{}()};
    static const char* hex = "0123456789abcdef";
    std::string id(16, '0');
    std::uint64_t bits = random();
    for (char& c : id) {
        c = hex[bits & 15];
        bits >>= 4;
    }
    return id;
}

} // namespace

SyncApi::SyncApi(JsonLog& log, Metrics& metrics, std::function<Readiness()> readiness)
    : m_log(log)
    , m_metrics(metrics)
    , m_readiness(std::move(readiness))
{
    addHealthRoutes();
}

std::string SyncApi::openApiDocument()
{
    QFile f(QStringLiteral(":/sync/openapi.json"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string();
}

void SyncApi::addHealthRoutes()
{
    m_router.add("GET", "/healthz", [](HttpRequest&) { return HttpResponse::json(200, {{"status", "ok"}}); });
    m_router.add("GET", "/readyz", [this](HttpRequest&) {
        const Readiness r = m_readiness ? m_readiness() : Readiness{};
        nlohmann::json body = {{"status", r.ready() ? "ready" : "not ready"},
                               {"database", r.databaseReachable ? "reachable" : "unreachable"},
                               {"schema_version", r.schemaVersion},
                               {"schema_head", r.headVersion}};
        if (!r.problem.empty())
            body["problem"] = r.problem;
        else if (r.databaseReachable && r.schemaVersion != r.headVersion)
            body["problem"] = "the database's schema is at version " + std::to_string(r.schemaVersion) +
                              ", this program needs " + std::to_string(r.headVersion) + ": run tricoach-sync migrate";
        return HttpResponse::json(r.ready() ? 200 : 503, body);
    });
    m_router.add("GET", "/metrics", [this](HttpRequest&) {
        return HttpResponse::text(200, m_metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
    });
    m_router.add("GET", "/v1/openapi.json",
                 [](HttpRequest&) { return HttpResponse::text(200, openApiDocument(), "application/json"); });
}

HttpResponse SyncApi::handle(HttpRequest& request)
{
    const auto started = std::chrono::steady_clock::now();
    const std::string id = requestId(request);
    const Router::Match match = m_router.match(request);
    HttpResponse response;
    if (!match.route && match.allowed.empty()) {
        response = HttpResponse::error(404, "route.not-found", "There is nothing at " + request.path + ".");
    } else if (!match.route) {
        std::string allow;
        for (const std::string& m : match.allowed)
            allow += (allow.empty() ? "" : ", ") + m;
        response = HttpResponse::error(405, "route.method-not-allowed",
                                       request.method + " is not allowed here; " + allow + " is.");
        response.headers.set("Allow", allow);
    } else {
        try {
            response = match.route->handler(request);
        } catch (const std::exception& e) {
            m_log.error("request failed", {{"request_id", id}, {"route", match.route->pattern}, {"what", e.what()}});
            response = HttpResponse::error(500, "server.internal", "The server failed to answer this request.");
        }
    }
    response.headers.set("X-Request-Id", id);
    const std::string route = match.route ? match.route->pattern : "unmatched";
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    m_metrics.observeRequest(route, request.method, response.status, seconds);
    // Health probes and scrapes come every few seconds: logged only when they fail.
    const bool probe = route == "/healthz" || route == "/readyz" || route == "/metrics";
    if (!probe || response.status >= 400) {
        nlohmann::json fields = {{"request_id", id},          {"method", request.method}, {"route", route},
                                 {"status", response.status}, {"ms", seconds * 1000},     {"ip", request.remoteIp}};
        // The matched pattern, not the path: the webhook's path segment is a secret. Unknown paths are logged, cut
        // short, to show what scanners try.
        if (!match.route)
            fields["path"] = request.path.substr(0, 200);
        m_log.write(response.status >= 500 ? JsonLog::Level::Error : JsonLog::Level::Info, "request", fields);
    }
    return response;
}

} // namespace tricoach::sync
