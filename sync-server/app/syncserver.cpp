#include "sync-server/app/syncserver.h"

#include "sync-server/auth/authroutes.h"
#include "sync-server/auth/bearer.h"
#include "sync-server/auth/stravaroutes.h"
#include "sync-server/auth/tokencipher.h"
#include "sync-server/events/eventroutes.h"
#include "sync-server/net/httpclient.h"
#include "sync-server/ops/jsonlog.h"
#include "sync-server/strava/subscriptionmanager.h"
#include "sync-server/strava/webhook.h"
#include "sync-server/strava/webhookroutes.h"

namespace tricoach::sync {

SyncServer::SyncServer(ServerConfig config, JsonLog& log, Options options)
    : m_config(std::move(config))
    , m_log(log)
    , m_options(options)
    , m_api(log, m_metrics, [this] { return readiness(); })
{
    AuthDependencies auth;
    auth.store = [this] { return store(); };
    auth.config = &m_config;
    auth.log = &m_log;
    auth.clock = m_options.clock;
    addAuthRoutes(m_api, std::move(auth));
    m_outbound = std::make_unique<CurlHttpClient>();
    StravaAuthDependencies strava;
    strava.store = [this] { return store(); };
    strava.clock = m_options.clock ? m_options.clock : Clock(systemNow);
    strava.config = &m_config;
    strava.log = &m_log;
    strava.http = m_outbound.get();
    if (!m_config.tokenKey.empty()) {
        auto cipher = TokenCipher::fromBase64Key(m_config.tokenKey);
        if (cipher)
            strava.cipher = std::make_shared<TokenCipher>(*cipher);
        else
            m_log.error("Sign in with Strava is off", {{"problem", cipher.error().message.toStdString()}});
    }
    addStravaAuthRoutes(m_api, std::move(strava));
    m_metrics.addGauge("tricoach_db_pool_connections", "Database connections open.", [this] {
        const auto s = store();
        return s ? s->poolStats().open : 0;
    });
    m_metrics.addGauge("tricoach_db_pool_in_use", "Database connections lent to a request.", [this] {
        const auto s = store();
        return s ? s->poolStats().inUse : 0;
    });
    m_metrics.addGauge("tricoach_db_pool_waits", "Calls that waited for a free database connection.", [this] {
        const auto s = store();
        return s ? static_cast<double>(s->poolStats().waits) : 0.0;
    });
    addStravaWebhooks();
    if (m_options.benchRoutes) {
        // The least a request can cost through the same router, front, logs and metrics as every real route: what
        // the benchmarks (tests/bench/sync) measure the real routes against.
        m_api.router().add("GET", "/bench/hello", [](HttpRequest&) { return HttpResponse::text(200, "hello\n"); });
    }
    // Proxies were checked when the configuration was read; the budgets see the client behind them.
    if (auto proxies = parseAddressRanges(m_config.trustedProxies))
        m_api.trustProxies(std::move(*proxies));
    const Clock clock = m_options.clock ? m_options.clock : Clock(systemNow);
    m_api.limitRates(m_config.rateLimits, clock, [this, clock](const HttpRequest& r) -> std::optional<std::int64_t> {
        const auto s = store();
        return s ? bearerUser(r, *s, clock()) : std::nullopt;
    });
}

// Strava's webhooks and the events they become, pushed to desktops.
void SyncServer::addStravaWebhooks()
{
    const StoreProvider store = [this] { return this->store(); };
    const Clock clock = m_options.clock ? m_options.clock : Clock(systemNow);
    const StravaServerSettings& strava = m_config.strava;
    m_webhook = std::make_unique<StravaWebhook>(
        WebhookSettings{strava.verifyToken, strava.webhookPath, strava.subscriptionId}, m_log, m_metrics);
    m_events = std::make_unique<EventHub>(store, clock, m_metrics, m_log, m_options.events);
    addWebhookRoutes(m_api.router(), *m_webhook, store, clock);
    addEventRoutes(m_api.router(), *m_events, store, clock);
}

void SyncServer::startStravaSubscription()
{
    const StravaServerSettings& strava = m_config.strava;
    if (!m_webhook->enabled() || strava.clientId.empty() || strava.clientSecret.empty())
        return;
    ServerConfig bound = m_config;
    bound.port = port(); // the port actually bound (0 in the configuration picks one)
    SubscriptionSettings s;
    s.clientId = strava.clientId;
    s.clientSecret = strava.clientSecret;
    s.verifyToken = strava.verifyToken;
    s.apiBase = strava.apiBase;
    s.callbackUrl = bound.effectivePublicUrl() + "/strava/webhook/" + strava.webhookPath;
    s.firstRetry = m_options.subscriptionRetry;
    s.leaseWindow = m_options.subscriptionLease;
    m_subscription = std::make_unique<SubscriptionManager>(
        s, *m_outbound, [this] { return store(); }, systemNow, m_log);
    m_subscription->start();
}

SyncServer::~SyncServer()
{
    stop();
}

std::string SyncServer::baseUrl() const
{
    return "http://127.0.0.1:" + std::to_string(port());
}

std::shared_ptr<ServerStore> SyncServer::store() const
{
    std::lock_guard lock(m_mutex);
    return m_store;
}

Result<void> SyncServer::start()
{
    HttpServerOptions http;
    http.host = m_config.host;
    http.port = m_config.port;
    http.threads = m_config.requestThreads();
    http.maxBodyBytes = m_config.maxBodyBytes;
    m_http = std::make_unique<HttpServer>(http, [this](HttpRequest& r) { return m_api.handle(r); });
    if (!tryOpenStore())
        m_opener = std::thread([this] { keepOpeningStore(); });
    auto listening = m_http->start();
    if (!listening) {
        stop();
        return listening.error();
    }
    if (m_config.port == 0) // a free port was asked for: the public address (Strava's callbacks) names the real one
        m_config.port = port();
    m_events->start();
    m_housekeeper = std::thread([this] { keepHouse(); });
    startStravaSubscription(); // after listening: Strava validates our callback before it creates a subscription
    m_log.info("listening", {{"address", m_config.host},
                             {"port", port()},
                             {"public_url", m_config.effectivePublicUrl()},
                             {"database", redactedDatabaseUrl(m_config.database.empty() ? defaultDatabaseUrl()
                                                                                        : m_config.database)}});
    return {};
}

bool SyncServer::tryOpenStore()
{
    const std::string url = m_config.database;
    StoreOptions options;
    options.poolSize = m_config.requestThreads() + 1; // one per request thread, one for the event writer
    auto opened = openServerStore(url, options);
    if (opened && m_options.migrate) {
        if (auto migrated = (*opened)->migrate(); !migrated) {
            std::lock_guard lock(m_mutex);
            m_storeProblem = migrated.error().message.toStdString();
            m_log.error("database migration failed", {{"problem", m_storeProblem}});
            // A newer schema than ours is not retried: it will not change by waiting.
            return migrated.error().code == kStoreNewerSchema;
        }
    }
    std::lock_guard lock(m_mutex);
    if (!opened) {
        m_storeProblem = opened.error().message.toStdString();
        m_log.warn("database unreachable; retrying", {{"problem", m_storeProblem}});
        return opened.error().code == kStoreBadUrl; // a wrong address will not fix itself either
    }
    m_store = std::shared_ptr<ServerStore>(std::move(*opened));
    m_storeProblem.clear();
    // Webhooks are answered on the request threads once their batch committed, not on the store's writer.
    HttpServer* http = m_http.get();
    m_store->setHandlerExecutor([http](std::function<void()> task) { http->post(std::move(task)); });
    return true;
}

void SyncServer::keepOpeningStore()
{
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            if (m_wake.wait_for(lock, m_options.reopenEvery, [this] { return m_stopping; }))
                return;
        }
        if (tryOpenStore())
            return;
    }
}

void SyncServer::keepHouse()
{
    const Clock clock = m_options.clock ? m_options.clock : Clock(systemNow);
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            if (m_wake.wait_for(lock, m_options.housekeepingEvery, [this] { return m_stopping; }))
                return;
        }
        const auto s = store();
        if (!s)
            continue;
        // Idempotent: every instance may do it, whichever comes first finds the rows.
        auto purged = s->purgeExpired(clock());
        if (!purged) {
            m_log.warn("housekeeping failed; trying again later", {{"problem", purged.error().message.toStdString()}});
        } else if (purged->codes + purged->pendingSignIns + purged->sessions + purged->rateWindows > 0) {
            m_log.info("housekeeping", {{"codes", purged->codes},
                                        {"pending_sign_ins", purged->pendingSignIns},
                                        {"sessions", purged->sessions},
                                        {"rate_windows", purged->rateWindows}});
        }
    }
}

Readiness SyncServer::readiness()
{
    Readiness r;
    std::shared_ptr<ServerStore> s;
    {
        std::lock_guard lock(m_mutex);
        s = m_store;
        r.problem = m_storeProblem;
    }
    if (!s) {
        if (r.problem.empty())
            r.problem = "the database is not open yet";
        return r;
    }
    r.headVersion = s->headVersion();
    if (auto ping = s->ping(); !ping) {
        r.problem = ping.error().message.toStdString();
        return r;
    }
    r.databaseReachable = true;
    auto version = s->schemaVersion();
    if (!version) {
        r.problem = version.error().message.toStdString();
        return r;
    }
    r.schemaVersion = *version;
    return r;
}

void SyncServer::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_opener.joinable())
        m_opener.join();
    if (m_housekeeper.joinable())
        m_housekeeper.join();
    m_outbound->stop();
    if (m_subscription)
        m_subscription->stop();
    m_events->stop();
    if (m_http)
        m_http->stop(); // answers what was committed first
    if (auto s = store())
        s->setHandlerExecutor(nullptr); // the store may outlive the server (a caller still holds it)
}

} // namespace tricoach::sync
