#include "sync-server/strava/webhook.h"

#include "sync-server/auth/secrets.h"
#include "sync-server/ops/jsonlog.h"
#include "sync-server/ops/metrics.h"

#include <nlohmann/json.hpp>

namespace tricoach::sync {

namespace {

// One event as Strava sends it: every field but `updates` is required, ids and times are integers.
struct ParsedEvent {
    std::string objectType;
    std::int64_t objectId = 0;
    std::string aspectType;
    nlohmann::json updates = nlohmann::json::object();
    std::int64_t ownerId = 0;
    std::int64_t subscriptionId = 0;
    std::int64_t eventTime = 0;
};

std::string hexOf(const Bytes& bytes, size_t count)
{
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (size_t i = 0; i < bytes.size() && i < count; ++i) {
        out += hex[bytes[i] >> 4];
        out += hex[bytes[i] & 15];
    }
    return out;
}

// Why the body is not an event Strava sends, or nothing when it is one.
std::string parse(std::string_view body, ParsedEvent& out)
{
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded() || !json.is_object())
        return "the body is not a JSON object";
    const auto integer = [&json](const char* name, std::int64_t& to) {
        if (!json.contains(name) || !json[name].is_number_integer())
            return false;
        to = json[name].get<std::int64_t>();
        return true;
    };
    const auto text = [&json](const char* name, std::string& to) {
        if (!json.contains(name) || !json[name].is_string())
            return false;
        to = json[name].get<std::string>();
        return !to.empty() && to.size() <= 64;
    };
    if (!text("object_type", out.objectType))
        return "object_type is missing or not a short string";
    if (!text("aspect_type", out.aspectType))
        return "aspect_type is missing or not a short string";
    for (const auto& [name, to] :
         {std::pair{"object_id", &out.objectId}, std::pair{"owner_id", &out.ownerId},
          std::pair{"subscription_id", &out.subscriptionId}, std::pair{"event_time", &out.eventTime}})
        if (!integer(name, *to))
            return std::string(name) + " is missing or not an integer";
    if (json.contains("updates") && !json["updates"].is_null()) {
        if (!json["updates"].is_object())
            return "updates is not an object";
        out.updates = json["updates"];
    }
    return {};
}

// The shapes Strava documents: activity create / update / delete, and athlete update (deauthorization).
bool knownShape(const ParsedEvent& e)
{
    if (e.objectType == "activity")
        return e.aspectType == "create" || e.aspectType == "update" || e.aspectType == "delete";
    return e.objectType == "athlete" && e.aspectType == "update";
}

// Strava sends "false" as a string; a boolean is read the same way.
bool isDeauthorization(const ParsedEvent& e)
{
    if (e.objectType != "athlete" || !e.updates.contains("authorized"))
        return false;
    const auto& a = e.updates["authorized"];
    return (a.is_string() && a.get<std::string>() == "false") || (a.is_boolean() && !a.get<bool>());
}

} // namespace

StravaWebhook::StravaWebhook(WebhookSettings settings, JsonLog& log, Metrics& metrics)
    : m_settings(std::move(settings))
    , m_log(log)
    , m_metrics(metrics)
{
}

bool StravaWebhook::pathMatches(std::string_view path) const
{
    // Hashes first, so that neither the content nor the length of the secret leaks through timing.
    const Bytes want = Secrets::hashOf(m_settings.path);
    const Bytes got = Secrets::hashOf(path);
    return enabled() &&
           Secrets::equalInConstantTime(std::string_view(reinterpret_cast<const char*>(want.data()), want.size()),
                                        std::string_view(reinterpret_cast<const char*>(got.data()), got.size()));
}

std::optional<std::string> StravaWebhook::answerChallenge(std::string_view mode, std::string_view verifyToken,
                                                          std::string_view challenge) const
{
    const Bytes want = Secrets::hashOf(m_settings.verifyToken);
    const Bytes got = Secrets::hashOf(verifyToken);
    const bool tokenOk =
        Secrets::equalInConstantTime(std::string_view(reinterpret_cast<const char*>(want.data()), want.size()),
                                     std::string_view(reinterpret_cast<const char*>(got.data()), got.size()));
    if (!enabled() || mode != "subscribe" || !tokenOk || challenge.empty() || challenge.size() > 256)
        return std::nullopt;
    return std::string(challenge);
}

Result<std::optional<std::string>> StravaWebhook::ourSubscription(ServerStore& store)
{
    auto learned = store.state(kStateStravaSubscriptionId);
    if (!learned)
        return learned.error();
    if (*learned)
        return *learned;
    if (!m_settings.configuredSubscription.empty())
        return std::optional<std::string>(m_settings.configuredSubscription);
    return std::optional<std::string>();
}

Result<WebhookReceipt> StravaWebhook::receive(ServerStore& store, std::string_view body, Timestamp now)
{
    ParsedEvent parsed;
    const std::string problem = parse(body, parsed);
    NewEvent event;
    event.rawBody = std::string(body);
    event.receivedAt = now;
    if (!problem.empty()) {
        // Kept for a person to look at, once however often it is retried; delivered to nobody.
        event.dedupeKey = "raw:" + hexOf(Secrets::hashOf(body), 32);
        event.updatesJson = "{}";
        auto appended = store.appendEvent(event);
        if (!appended)
            return appended.error();
        m_log.warn("webhook event malformed; kept", {{"problem", problem}, {"event_id", appended->id}});
        m_metrics.webhookEventReceived("rejected");
        return WebhookReceipt{WebhookOutcome::Kept, appended->id};
    }

    auto ours = ourSubscription(store);
    if (!ours)
        return ours.error();
    if (*ours && **ours != std::to_string(parsed.subscriptionId)) {
        m_log.warn("webhook event for another subscription; refused",
                   {{"subscription_id", parsed.subscriptionId}, {"ours", **ours}});
        m_metrics.webhookEventReceived("rejected");
        return WebhookReceipt{WebhookOutcome::Rejected, 0};
    }

    const std::string updates = parsed.updates.dump(); // keys sorted: the same updates give the same text
    // Strava's retries repeat the event exactly. The updates' hash joins the documented identity, so two different
    // changes to one activity within the same second stay two events.
    event.dedupeKey = "strava:" + std::to_string(parsed.subscriptionId) + ":" + parsed.objectType + ":" +
                      std::to_string(parsed.objectId) + ":" + parsed.aspectType + ":" +
                      std::to_string(parsed.eventTime) + ":" + hexOf(Secrets::hashOf(updates), 8);
    event.ownerAthleteId = parsed.ownerId;
    event.objectType = parsed.objectType;
    event.objectId = parsed.objectId;
    event.aspectType = parsed.aspectType;
    event.updatesJson = updates;
    event.eventTime = Timestamp(std::chrono::seconds(parsed.eventTime));

    const bool known = knownShape(parsed);
    std::optional<User> user;
    if (known) {
        auto found = store.findUserByStravaAthlete(parsed.ownerId);
        if (!found)
            return found.error();
        user = *found;
        if (user && !user->disabled())
            event.userId = user->id;
    }
    auto appended = store.appendEvent(event);
    if (!appended)
        return appended.error();

    // Done on every delivery, retries included: a retry after a failure half-way finishes the job, and each step
    // is idempotent (credentials already gone, the deauthorization event deduplicated).
    if (known && user && isDeauthorization(parsed)) {
        if (auto deleted = store.deleteStravaCredentials(user->id); !deleted)
            return deleted.error();
        NewEvent deauthorized;
        deauthorized.kind = kEventStravaDeauthorized;
        deauthorized.dedupeKey = "deauthorized:" + *event.dedupeKey;
        deauthorized.ownerAthleteId = parsed.ownerId;
        deauthorized.objectType = "athlete";
        deauthorized.objectId = parsed.ownerId;
        deauthorized.updatesJson = updates;
        deauthorized.eventTime = event.eventTime;
        deauthorized.userId = user->id;
        deauthorized.receivedAt = now;
        if (auto added = store.appendEvent(deauthorized); !added)
            return added.error();
        if (appended->inserted)
            m_log.info("athlete deauthorized on Strava; Strava link removed", {{"user_id", user->id}});
    }

    nlohmann::json fields = {{"event_id", appended->id},
                             {"object_type", parsed.objectType},
                             {"aspect_type", parsed.aspectType},
                             {"user_id", event.userId ? nlohmann::json(*event.userId) : nlohmann::json(nullptr)}};
    if (!appended->inserted) {
        m_metrics.webhookEventReceived("duplicate");
        m_log.info("webhook event repeated", fields);
        return WebhookReceipt{WebhookOutcome::Duplicate, appended->id};
    }
    if (!known) {
        m_metrics.webhookEventReceived("rejected");
        m_log.warn("webhook event of an unknown shape; kept", fields);
        return WebhookReceipt{WebhookOutcome::Kept, appended->id};
    }
    m_metrics.webhookEventReceived("stored");
    m_log.info("webhook event stored", fields);
    return WebhookReceipt{WebhookOutcome::Stored, appended->id};
}

} // namespace tricoach::sync
