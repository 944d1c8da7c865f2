#include "sync-server/strava/webhook.h"

#include "sync-server/auth/secrets.h"
#include "sync-server/ops/jsonlog.h"
#include "sync-server/ops/metrics.h"

#include <future>
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

Result<bool> StravaWebhook::isOurSubscription(ServerStore& store, std::int64_t subscriptionId)
{
    const std::string id = std::to_string(subscriptionId);
    {
        // The id changes only when the subscription is made again; an event that matches what we knew needs no read.
        std::lock_guard lock(m_subscriptionMutex);
        if (m_knownSubscription && *m_knownSubscription == id)
            return true;
    }
    auto learned = store.state(kStateStravaSubscriptionId);
    if (!learned)
        return learned.error();
    std::optional<std::string> ours = *learned;
    if (!ours && !m_settings.configuredSubscription.empty())
        ours = m_settings.configuredSubscription;
    if (!ours)
        return true; // not known yet (the manager is still at work): nothing to check against
    std::lock_guard lock(m_subscriptionMutex);
    m_knownSubscription = ours;
    return *ours == id;
}

void StravaWebhook::receive(ServerStore& store, std::string_view body, Timestamp now, ReceiptHandler done)
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
        store.appendEventLater(std::move(event), [this, problem, done](Result<AppendedEvent> appended) {
            if (!appended)
                return done(appended.error());
            m_log.warn("webhook event malformed; kept", {{"problem", problem}, {"event_id", appended->id}});
            m_metrics.webhookEventReceived("rejected");
            done(WebhookReceipt{WebhookOutcome::Kept, appended->id, std::nullopt});
        });
        return;
    }

    auto ours = isOurSubscription(store, parsed.subscriptionId);
    if (!ours)
        return done(ours.error());
    if (!*ours) {
        m_log.warn("webhook event for another subscription; refused", {{"subscription_id", parsed.subscriptionId}});
        m_metrics.webhookEventReceived("rejected");
        return done(WebhookReceipt{WebhookOutcome::Rejected, 0, std::nullopt});
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
    // A deauthorization removes the Strava link of a disabled user too: that user is looked up first. Every other
    // event finds its (enabled) user inside the write.
    std::optional<UserId> deauthorizedUser;
    if (known && isDeauthorization(parsed)) {
        auto found = store.findUserByStravaAthlete(parsed.ownerId);
        if (!found)
            return done(found.error());
        if (*found) {
            deauthorizedUser = (*found)->id;
            if (!(*found)->disabled())
                event.userId = (*found)->id;
        }
    } else {
        event.userFromOwner = known;
    }
    NewEvent deauthorized;
    if (deauthorizedUser) {
        deauthorized.kind = kEventStravaDeauthorized;
        deauthorized.dedupeKey = "deauthorized:" + *event.dedupeKey;
        deauthorized.ownerAthleteId = parsed.ownerId;
        deauthorized.objectType = "athlete";
        deauthorized.objectId = parsed.ownerId;
        deauthorized.updatesJson = updates;
        deauthorized.eventTime = event.eventTime;
        deauthorized.userId = deauthorizedUser;
        deauthorized.receivedAt = now;
    }

    store.appendEventLater(
        std::move(event), [this, &store, known, deauthorizedUser, deauthorized, done](Result<AppendedEvent> appended) {
            if (!appended)
                return done(appended.error());
            WebhookReceipt receipt{WebhookOutcome::Stored, appended->id, appended->userId};
            if (!appended->inserted) {
                receipt.outcome = WebhookOutcome::Duplicate;
                m_metrics.webhookEventReceived("duplicate");
            } else if (!known) {
                receipt.outcome = WebhookOutcome::Kept;
                m_metrics.webhookEventReceived("rejected");
                m_log.warn("webhook event of an unknown shape; kept", {{"event_id", appended->id}});
            } else {
                m_metrics.webhookEventReceived("stored");
            }
            if (!deauthorizedUser)
                return done(receipt);
            // Done on every delivery, retries included: a retry after a failure half-way finishes the job, and each
            // step is idempotent (credentials already gone, the deauthorization event deduplicated). The second event
            // is queued like the first, never waited for: this handler may run on a request thread, and waiting there
            // for the writer could hold up the very answers the writer hands to those threads.
            if (auto deleted = store.deleteStravaCredentials(*deauthorizedUser); !deleted)
                return done(deleted.error());
            const bool first = appended->inserted;
            store.appendEventLater(
                deauthorized, [this, first, user = *deauthorizedUser, receipt, done](Result<AppendedEvent> added) {
                    if (!added)
                        return done(added.error());
                    if (first)
                        m_log.info("athlete deauthorized on Strava; Strava link removed", {{"user_id", user}});
                    done(receipt);
                });
        });
}

Result<WebhookReceipt> StravaWebhook::receive(ServerStore& store, std::string_view body, Timestamp now)
{
    std::promise<Result<WebhookReceipt>> answer;
    auto future = answer.get_future();
    receive(store, body, now, [&answer](Result<WebhookReceipt> r) { answer.set_value(std::move(r)); });
    return future.get();
}

std::string_view outcomeName(WebhookOutcome outcome)
{
    switch (outcome) {
    case WebhookOutcome::Stored:
        return "stored";
    case WebhookOutcome::Duplicate:
        return "duplicate";
    case WebhookOutcome::Kept:
        return "kept";
    case WebhookOutcome::Rejected:
        return "rejected";
    }
    return "stored";
}

} // namespace tricoach::sync
