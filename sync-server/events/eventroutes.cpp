#include "sync-server/events/eventroutes.h"

#include "core/wire/events.h"
#include "sync-server/auth/bearer.h"
#include "sync-server/events/eventhub.h"
#include "sync-server/events/eventwire.h"
#include "sync-server/http/eventstream.h"
#include "sync-server/http/router.h"

#include <charconv>

namespace tricoach::sync {

namespace {

constexpr int kDefaultLimit = 100;
constexpr int kMaxLimit = 500;

std::optional<std::int64_t> nonNegative(std::string_view text)
{
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0)
        return std::nullopt;
    return value;
}

HttpResponse badCursor(std::string_view what)
{
    return HttpResponse::error(400, "events.bad-cursor",
                               std::string(what) + " must be an event id (a whole number, 0 or more).");
}

} // namespace

void addEventRoutes(Router& router, EventHub& hub, StoreProvider store, Clock clock)
{
    router.add("GET", "/v1/events", Throttle::PerUser, [store, clock](HttpRequest& r) {
        const auto s = store();
        if (!s)
            return storeUnavailable();
        auto who = authenticateBearer(r, *s, clock());
        if (!who)
            return bearerFailure(who.error());
        std::int64_t after = 0;
        if (auto given = r.queryValue("after")) {
            const auto parsed = nonNegative(*given);
            if (!parsed)
                return badCursor("after");
            after = *parsed;
        }
        int limit = kDefaultLimit;
        if (auto given = r.queryValue("limit")) {
            const auto parsed = nonNegative(*given);
            if (!parsed || *parsed < 1 || *parsed > kMaxLimit)
                return HttpResponse::error(400, "events.bad-limit",
                                           "limit must be a whole number from 1 to " + std::to_string(kMaxLimit) + ".");
            limit = static_cast<int>(*parsed);
        }
        auto events = s->eventsFor(who->user.id, after, limit + 1); // one more says whether a next page waits
        if (!events)
            return storeUnavailable();
        wire::EventsPage page;
        page.more = static_cast<int>(events->size()) > limit;
        if (page.more)
            events->pop_back();
        for (const Event& e : *events)
            page.events.push_back(toWire(e));
        page.next = page.events.empty() ? after : page.events.back().id;
        return HttpResponse::json(200, page);
    });

    router.add("GET", "/v1/events/stream", Throttle::PerUser, [&hub, store, clock](HttpRequest& r) {
        const auto s = store();
        if (!s)
            return storeUnavailable();
        auto who = authenticateBearer(r, *s, clock());
        if (!who)
            return bearerFailure(who.error());
        // Last-Event-ID is what a browser's EventSource sends on reconnecting; it wins over the first ?after=.
        std::optional<EventId> cursor;
        if (auto last = r.header("Last-Event-ID"); last && !last->empty()) {
            cursor = nonNegative(*last);
            if (!cursor)
                return badCursor("Last-Event-ID");
        } else if (auto after = r.queryValue("after")) {
            cursor = nonNegative(*after);
            if (!cursor)
                return badCursor("after");
        } else {
            // A stream with no cursor starts now: what came before is for GET /v1/events.
            auto latest = s->latestEventId();
            if (!latest)
                return storeUnavailable();
            cursor = *latest;
        }
        HttpResponse response;
        response.headers.set("Content-Type", "text/event-stream; charset=utf-8");
        response.headers.set("Cache-Control", "no-cache, no-store");
        response.headers.set("X-Accel-Buffering", "no"); // nginx: pass each event on at once
        const UserId user = who->user.id;
        const EventId from = *cursor;
        response.stream = [&hub, user, from](std::shared_ptr<EventStream> stream) {
            // How long a browser's EventSource waits before reconnecting (WHATWG HTML §9.2.6).
            stream->write("retry: 2000\n\n");
            hub.add(user, from, std::move(stream));
        };
        return response;
    });
}

} // namespace tricoach::sync
