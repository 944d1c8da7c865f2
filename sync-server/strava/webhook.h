#pragma once

#include "core/util/result.h"
#include "sync-server/store/serverstore.h"

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace tricoach::sync {

class JsonLog;
class Metrics;

// App state key of Strava's push subscription id, as the subscription manager learned or created it.
inline constexpr std::string_view kStateStravaSubscriptionId = "strava.subscription_id";

struct WebhookSettings {
    std::string verifyToken;            // Strava echoes it when it validates our callback
    std::string path;                   // the secret last segment of /strava/webhook/{path}; empty: webhooks off
    std::string configuredSubscription; // the operator's subscription id, used when app state has none
};

// What became of one POSTed event.
enum class WebhookOutcome {
    Stored,    // a new event, stored (and delivered to its user's desktops when it has one)
    Duplicate, // Strava's retry of an event already stored
    Kept,      // malformed or of an unknown shape: kept with its raw body for a person to look at, delivered nowhere
    Rejected,  // for another push subscription than ours: not stored
};

struct WebhookReceipt {
    WebhookOutcome outcome = WebhookOutcome::Stored;
    EventId id = 0;               // the stored event (0 when rejected)
    std::optional<UserId> userId; // whose it is: the user's desktops get it
};

std::string_view outcomeName(WebhookOutcome outcome); // "stored", "duplicate", ... for logs

using ReceiptHandler = std::function<void(Result<WebhookReceipt>)>;

// Strava's webhook events (developers.strava.com/docs/webhooks): the callback's validation challenge, and each
// event stored durably before it is acknowledged, idempotent across Strava's retries. Knows nothing of HTTP.
class StravaWebhook {
public:
    StravaWebhook(WebhookSettings settings, JsonLog& log, Metrics& metrics);

    bool enabled() const { return !m_settings.path.empty() && !m_settings.verifyToken.empty(); }
    // Both compared in constant time: the path is the only thing that tells Strava from anyone else.
    bool pathMatches(std::string_view path) const;
    // The challenge to echo when the validation request is Strava's (hub.mode=subscribe, our verify token).
    std::optional<std::string> answerChallenge(std::string_view mode, std::string_view verifyToken,
                                               std::string_view challenge) const;
    // Stores the event `body` and tells `done` once it is durable, where the store runs its handlers (or at once,
    // on this thread, when there is nothing to write). Errors are the store's (the caller answers 503 so that Strava
    // retries). The request thread never waits for the disk.
    void receive(ServerStore& store, std::string_view body, Timestamp now, ReceiptHandler done);
    // The same, waiting for the answer (not from a `done` handler of this store).
    Result<WebhookReceipt> receive(ServerStore& store, std::string_view body, Timestamp now);

private:
    // Whether an event of `subscriptionId` is ours: true while ours is not known yet.
    Result<bool> isOurSubscription(ServerStore& store, std::int64_t subscriptionId);

    WebhookSettings m_settings;
    JsonLog& m_log;
    Metrics& m_metrics;
    std::mutex m_subscriptionMutex;
    std::optional<std::string> m_knownSubscription; // the last id read from the store or the configuration
};

} // namespace tricoach::sync
