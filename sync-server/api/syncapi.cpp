#include "sync-server/api/syncapi.h"

#include "sync-server/ops/jsonlog.h"
#include "sync-server/ops/metrics.h"

#include <QFile>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
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

void SyncApi::limitRates(const RateLimitSettings& settings, Clock clock, UserOf userOf)
{
    if (!settings.enabled)
        return;
    m_clock = clock ? std::move(clock) : Clock(systemNow);
    m_userOf = std::move(userOf);
    m_perAddress = std::make_unique<TokenBuckets>(settings.perAddress, settings.maxClients);
    m_signIn = std::make_unique<TokenBuckets>(settings.signInPerAddress, settings.maxClients);
    m_perUser = std::make_unique<TokenBuckets>(settings.perUser, settings.maxClients);
}

std::optional<HttpResponse> SyncApi::overBudget(const HttpRequest& request, Throttle throttle, const std::string& route)
{
    if (!m_perAddress || throttle == Throttle::Never)
        return std::nullopt;
    const Timestamp now = m_clock();
    const auto refuse = [&](const BudgetDecision& d, const char* scope, const std::string& who) {
        m_metrics.rateLimited(route, scope);
        const std::string seconds = std::to_string(d.retryAfter.count());
        HttpResponse r = HttpResponse::error(429, "rate.limited",
                                             "Too many requests from " + who + "; try again in " + seconds +
                                                 (d.retryAfter.count() == 1 ? " second." : " seconds."));
        r.headers.set("Retry-After", seconds);
        return r;
    };
    if (const BudgetDecision d = m_perAddress->take(request.remoteIp, now); !d.allowed)
        return refuse(d, "address", "your address");
    if (throttle == Throttle::SignIn) {
        if (const BudgetDecision d = m_signIn->take(request.remoteIp, now); !d.allowed)
            return refuse(d, "sign-in", "your address to the sign-in");
    } else if (throttle == Throttle::PerUser && m_userOf) {
        if (const auto user = m_userOf(request))
            if (const BudgetDecision d = m_perUser->take(std::to_string(*user), now); !d.allowed)
                return refuse(d, "user", "your account");
    }
    return std::nullopt;
}

void SyncApi::addHealthRoutes()
{
    // Probes and the scraper are never refused: a 429 would read as a failure of this instance.
    m_router.add("GET", "/healthz", Throttle::Never, [](HttpRequest&) {
        return HttpResponse::json(200, {{"status", "ok"}});
    });
    m_router.add("GET", "/readyz", Throttle::Never, [this](HttpRequest&) {
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
    m_router.add("GET", "/metrics", Throttle::Never, [this](HttpRequest&) {
        return HttpResponse::text(200, m_metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
    });
    m_router.add("GET", "/v1/openapi.json",
                 [](HttpRequest&) { return HttpResponse::text(200, openApiDocument(), "application/json"); });
}

HttpResponse SyncApi::handle(HttpRequest& request)
{
    RequestRecord record;
    record.started = std::chrono::steady_clock::now();
    record.id = requestId(request);
    record.peer = request.remoteIp;
    request.remoteIp = clientAddress(record.peer, request.headers.getAll("X-Forwarded-For"), m_trustedProxies);
    record.ip = request.remoteIp;
    record.method = request.method;
    const Router::Match match = m_router.match(request);
    record.route = match.route ? match.route->pattern : "unmatched";
    // The matched pattern, not the path: the webhook's path segment is a secret. Unknown paths are logged, cut
    // short, to show what scanners try.
    if (!match.route)
        record.unmatchedPath = request.path.substr(0, 200);
    HttpResponse response;
    if (auto refused = overBudget(request, match.route ? match.route->throttle : Throttle::PerAddress, record.route)) {
        response = std::move(*refused);
    } else if (!match.route && match.allowed.empty()) {
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
            m_log.error("request failed", {{"request_id", record.id}, {"route", record.route}, {"what", e.what()}});
            response = HttpResponse::error(500, "server.internal", "The server failed to answer this request.");
        }
    }
    if (response.deferred) {
        // Logged and counted when the answer comes, with the time it really took.
        response.deferred = [this, record, start = std::move(response.deferred)](Respond respond) {
            start([this, record, respond = std::move(respond)](HttpResponse answer) {
                finish(record, answer);
                respond(std::move(answer));
            });
        };
        return response;
    }
    finish(record, response);
    return response;
}

bool SyncApi::logRefusal(std::int64_t& unloggedBefore)
{
    const std::int64_t second =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
    std::lock_guard lock(m_refusalMutex);
    unloggedBefore = 0;
    if (second != m_refusalSecond) {
        unloggedBefore = std::max(0, m_refusalsThisSecond - kRefusalsLoggedPerSecond);
        m_refusalSecond = second;
        m_refusalsThisSecond = 0;
    }
    return ++m_refusalsThisSecond <= kRefusalsLoggedPerSecond;
}

void SyncApi::finish(const RequestRecord& record, HttpResponse& response)
{
    response.headers.set("X-Request-Id", record.id);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - record.started).count();
    m_metrics.observeRequest(record.route, record.method, response.status, seconds);
    // Health probes and scrapes come every few seconds: logged only when they fail.
    const bool probe = record.route == "/healthz" || record.route == "/readyz" || record.route == "/metrics";
    if (probe && response.status < 400)
        return;
    if (response.status == 429) {
        std::int64_t unlogged = 0;
        const bool logged = logRefusal(unlogged);
        if (unlogged > 0)
            m_log.warn("requests refused and not logged, over their budget", {{"count", unlogged}});
        if (!logged)
            return;
    }
    nlohmann::json fields = {{"request_id", record.id},
                             {"method", record.method},
                             {"route", record.route},
                             {"status", response.status},
                             {"ms", std::round(seconds * 1e6) / 1000},
                             {"ip", record.ip}};
    if (!record.unmatchedPath.empty())
        fields["path"] = record.unmatchedPath;
    if (record.peer != record.ip)
        fields["peer"] = record.peer;
    for (const auto& [name, value] : response.logFields)
        std::visit([&fields, &name](const auto& v) { fields[name] = v; }, value);
    m_log.write(response.status >= 500 ? JsonLog::Level::Error : JsonLog::Level::Info, "request", fields);
}

} // namespace tricoach::sync
