#include "sync-server/strava/webhookroutes.h"

#include "sync-server/http/router.h"
#include "sync-server/strava/webhook.h"

#include <nlohmann/json.hpp>

namespace tricoach::sync {

namespace {

HttpResponse forbidden()
{
    return HttpResponse::error(403, "webhook.forbidden", "This is not a webhook callback of this server.");
}

HttpResponse unavailable()
{
    // Strava retries an event that is not answered 200: nothing is lost while the database is away.
    HttpResponse r = HttpResponse::error(503, "store.unavailable",
                                         "The event could not be stored right now; send it again shortly.");
    r.headers.set("Retry-After", "1");
    return r;
}

HttpResponse okResponse()
{
    return HttpResponse::text(200, R"({"status":"ok"})", "application/json");
}

} // namespace

void addWebhookRoutes(Router& router, StravaWebhook& webhook, StoreProvider store, Clock clock)
{
    router.add("GET", "/strava/webhook/{path}", Throttle::Never, [&webhook](HttpRequest& r) {
        if (!webhook.pathMatches(r.param("path").value_or(std::string())))
            return forbidden();
        const auto challenge = webhook.answerChallenge(r.queryValue("hub.mode").value_or(std::string()),
                                                       r.queryValue("hub.verify_token").value_or(std::string()),
                                                       r.queryValue("hub.challenge").value_or(std::string()));
        if (!challenge)
            return HttpResponse::error(403, "webhook.bad-challenge",
                                       "Not a subscription request with this server's verify token.");
        return HttpResponse::json(200, {{"hub.challenge", *challenge}});
    });

    // Never a 429 on Strava's routes: Strava drops an event after a few refused deliveries (the path is secret, and a
    // wrong one is a cheap 403).
    router.add("POST", "/strava/webhook/{path}", Throttle::Never, [&webhook, store, clock](HttpRequest& r) {
        if (!webhook.pathMatches(r.param("path").value_or(std::string())))
            return forbidden();
        auto s = store();
        if (!s)
            return unavailable();
        // Answered once the event is durable: the request thread serves others while the commit runs.
        return HttpResponse::later([&webhook, s, body = std::move(r.body), now = clock()](Respond respond) {
            webhook.receive(*s, body, now, [respond](Result<WebhookReceipt> receipt) {
                if (!receipt)
                    return respond(unavailable());
                if (receipt->outcome == WebhookOutcome::Rejected)
                    return respond(
                        HttpResponse::error(403, "webhook.other-subscription",
                                            "The event is for another push subscription than this server's."));
                HttpResponse ok = okResponse();
                ok.logFields = {{"event_id", std::int64_t{receipt->id}},
                                {"event", std::string(outcomeName(receipt->outcome))}};
                if (receipt->userId)
                    ok.logFields.emplace_back("user_id", std::int64_t{*receipt->userId});
                respond(std::move(ok));
            });
        });
    });
}

} // namespace tricoach::sync
