#include "sync-server/strava/subscriptionmanager.h"

#include "sync-server/auth/secrets.h"
#include "sync-server/net/httpclient.h"
#include "sync-server/ops/jsonlog.h"
#include "sync-server/strava/webhook.h"

#include <nlohmann/json.hpp>

namespace tricoach::sync {

namespace {

// The lease: app state "ID EXPIRES_MS", put only if absent. A holder that died leaves it to expire; then exactly one
// instance may take it over — the one allowed the single hit of a rate key named after the expired value (the
// store has no compare-and-swap, and two instances erasing each other's fresh lease would both hold it).
constexpr std::string_view kLeaseKey = "strava.subscription.lease";
constexpr std::chrono::hours kTakeoverMemory{24};

// Strava's error body {"message", "errors": [{"resource", "field", "code"}]} in one line, for the log.
std::string stravaProblem(const OutboundResponse& r)
{
    const auto body = nlohmann::json::parse(r.body, nullptr, false);
    std::string text = "Strava answered " + std::to_string(r.status);
    if (body.is_object() && body.contains("message") && body["message"].is_string())
        text += ": " + body["message"].get<std::string>();
    if (body.is_object() && body.contains("errors") && body["errors"].is_array())
        for (const auto& e : body["errors"])
            if (e.is_object() && e.contains("code") && e["code"].is_string())
                text += " (" + e.value("field", std::string()) + " " + e["code"].get<std::string>() + ")";
    return text;
}

std::string idText(const nlohmann::json& id)
{
    return id.is_number_integer() ? std::to_string(id.get<std::int64_t>())
                                  : (id.is_string() ? id.get<std::string>() : std::string());
}

} // namespace

SubscriptionManager::SubscriptionManager(SubscriptionSettings settings, HttpClient& http, StoreProvider store,
                                         Clock clock, JsonLog& log)
    : m_settings(std::move(settings))
    , m_http(http)
    , m_store(std::move(store))
    , m_clock(std::move(clock))
    , m_log(log)
    , m_instance(Secrets::newToken())
{
}

SubscriptionManager::~SubscriptionManager()
{
    stop();
}

void SubscriptionManager::start()
{
    std::lock_guard lock(m_mutex);
    if (!m_worker.joinable() && !m_stopping)
        m_worker = std::thread([this] { run(); });
}

void SubscriptionManager::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_worker.joinable())
        m_worker.join();
}

std::optional<std::string> SubscriptionManager::subscriptionId() const
{
    std::lock_guard lock(m_mutex);
    return m_id;
}

int SubscriptionManager::attempts() const
{
    std::lock_guard lock(m_mutex);
    return m_attempts;
}

bool SubscriptionManager::waitFor(std::chrono::milliseconds delay)
{
    std::unique_lock lock(m_mutex);
    return !m_wake.wait_for(lock, delay, [this] { return m_stopping; });
}

std::string SubscriptionManager::credentialsQuery() const
{
    return formEncode({{"client_id", m_settings.clientId}, {"client_secret", m_settings.clientSecret}});
}

void SubscriptionManager::run()
{
    auto backoff = m_settings.firstRetry;
    const auto later = [&] {
        const auto delay = backoff;
        backoff = std::min(backoff * 2, m_settings.maxRetry);
        return waitFor(delay);
    };
    for (;;) {
        const auto store = m_store();
        if (!store) {
            if (!waitFor(m_settings.firstRetry))
                return;
            continue;
        }
        const auto held = acquireLease(*store);
        if (!held) {
            if (!later())
                return;
            continue;
        }
        if (!*held) {
            // Another instance is at it: take its word once it has written the id down.
            if (auto known = store->state(kStateStravaSubscriptionId); known && *known) {
                std::lock_guard lock(m_mutex);
                m_id = **known;
                return;
            }
            if (!waitFor(m_settings.firstRetry))
                return;
            continue;
        }
        {
            std::lock_guard lock(m_mutex);
            ++m_attempts;
        }
        auto id = ensureSubscription();
        releaseLease(*store);
        if (id) {
            if (auto put = store->putState(kStateStravaSubscriptionId, *id); !put) {
                m_log.warn("Strava push subscription id not saved; retrying",
                           {{"problem", put.error().message.toStdString()}});
                if (!later())
                    return;
                continue;
            }
            std::lock_guard lock(m_mutex);
            m_id = *id;
            return;
        }
        if (id.error().code == kHttpCancelled)
            return;
        m_log.warn("Strava push subscription not in place yet; retrying",
                   {{"problem", id.error().message.toStdString()}, {"retry_ms", backoff.count()}});
        if (!later())
            return;
    }
}

Result<bool> SubscriptionManager::acquireLease(ServerStore& store)
{
    const auto now = m_clock();
    const auto expires = now + std::chrono::duration_cast<std::chrono::milliseconds>(m_settings.leaseWindow);
    m_leaseValue = m_instance + " " + std::to_string(expires.time_since_epoch().count());
    auto put = store.putStateIfAbsent(kLeaseKey, m_leaseValue);
    if (!put || *put)
        return put;
    auto current = store.state(kLeaseKey);
    if (!current)
        return current.error();
    if (!*current)
        return false; // released meanwhile: the next round tries again
    const std::string& value = **current;
    const auto space = value.find(' ');
    std::int64_t until = 0;
    try {
        until = space == std::string::npos ? 0 : std::stoll(value.substr(space + 1));
    } catch (const std::exception&) {
        until = 0; // unreadable: as if expired
    }
    if (until > now.time_since_epoch().count())
        return false;
    auto takeover = store.hit("strava.subscription.takeover:" + value, kTakeoverMemory, 1, now);
    if (!takeover)
        return takeover.error();
    if (!takeover->allowed)
        return false;
    m_log.info("Strava push subscription lease expired; taken over");
    if (auto erased = store.eraseState(kLeaseKey); !erased)
        return erased.error();
    return store.putStateIfAbsent(kLeaseKey, m_leaseValue);
}

void SubscriptionManager::releaseLease(ServerStore& store)
{
    // Only our own: a lease is never replaced before it expires, and it outlasts one attempt.
    if (auto current = store.state(kLeaseKey); current && *current && **current == m_leaseValue)
        (void)store.eraseState(kLeaseKey);
}

Result<std::string> SubscriptionManager::ensureSubscription()
{
    const std::string base = m_settings.apiBase + "/push_subscriptions";
    const auto call = [this](std::string method, std::string url, std::string body = {}) {
        OutboundRequest r;
        r.method = std::move(method);
        r.url = std::move(url);
        r.body = std::move(body);
        if (!r.body.empty())
            r.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
        r.headers.emplace_back("Accept", "application/json");
        r.connectTimeout = std::min(r.connectTimeout, m_settings.requestTimeout);
        r.totalTimeout = m_settings.requestTimeout;
        return m_http.send(r);
    };
    const auto failed = [](const OutboundResponse& r, const char* doing) {
        return makeError(QStringLiteral("%1: %2").arg(QLatin1String(doing), QString::fromStdString(stravaProblem(r))),
                         QStringLiteral("strava.subscription"));
    };

    auto listed = call("GET", base + "?" + credentialsQuery());
    if (!listed)
        return listed.error();
    if (listed->status != 200)
        return failed(*listed, "listing the push subscription");
    const auto list = nlohmann::json::parse(listed->body, nullptr, false);
    if (!list.is_array())
        return makeError(QStringLiteral("Strava's list of push subscriptions is not a JSON array."),
                         QStringLiteral("strava.subscription"));
    for (const auto& s : list) {
        if (!s.is_object() || !s.contains("id"))
            continue;
        const std::string id = idText(s["id"]);
        if (s.value("callback_url", std::string()) == m_settings.callbackUrl) {
            m_log.info("Strava push subscription in place", {{"subscription_id", id}});
            return id;
        }
        // An app has one subscription: one pointing elsewhere (an old address) goes, then ours is made.
        auto deleted = call("DELETE", base + "/" + id + "?" + credentialsQuery());
        if (!deleted)
            return deleted.error();
        if (deleted->status != 204 && deleted->status != 200 && deleted->status != 404)
            return failed(*deleted, "deleting the push subscription with a wrong callback");
        m_log.info("Strava push subscription with a wrong callback deleted", {{"subscription_id", id}});
    }
    auto created = call("POST", base,
                        formEncode({{"client_id", m_settings.clientId},
                                    {"client_secret", m_settings.clientSecret},
                                    {"callback_url", m_settings.callbackUrl},
                                    {"verify_token", m_settings.verifyToken}}));
    if (!created)
        return created.error();
    if (created->status / 100 != 2)
        return failed(*created, "creating the push subscription");
    const auto body = nlohmann::json::parse(created->body, nullptr, false);
    const std::string id = body.is_object() && body.contains("id") ? idText(body["id"]) : std::string();
    if (id.empty())
        return makeError(QStringLiteral("Strava created the push subscription but did not say its id."),
                         QStringLiteral("strava.subscription"));
    m_log.info("Strava push subscription created", {{"subscription_id", id}});
    return id;
}

} // namespace tricoach::sync
