// libFuzzer target: Strava's webhook event parser and ingest (StravaWebhook::receive, strava/webhook.*) on an SQLite
// store, for any POSTed body. The store answers, so every body gets a receipt (never an error: Strava would retry a
// body forever); an event stored once is a duplicate the second time (Strava's retries are idempotent).
// Seeds: tests/data/fuzz-seeds/sync/webhook/ (Strava's documented events).
#include "sync-server/ops/jsonlog.h"
#include "sync-server/ops/metrics.h"
#include "sync-server/strava/webhook.h"
#include "tests/fuzz/sync/syncfuzz.h"

using namespace tricoach::sync;
using namespace tricoach::sync::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static JsonLog log([](const std::string&) {});
    static Metrics metrics;
    static StravaWebhook webhook(WebhookSettings{"verify", "hook-secret", "120001"}, log, metrics);
    static const auto store = scratchStore();
    static std::int64_t clock = 1'800'000'000'000;
    const Timestamp now = Timestamp(std::chrono::milliseconds(clock += 1000));
    const std::string_view body = bytes(data, size);
    const auto first = webhook.receive(*store, body, now);
    TRICOACH_FUZZ_CHECK(first.ok());
    if (first->outcome == WebhookOutcome::Rejected)
        TRICOACH_FUZZ_CHECK(first->id == 0);
    if (first->outcome == WebhookOutcome::Stored) {
        TRICOACH_FUZZ_CHECK(first->id > 0);
        const auto again = webhook.receive(*store, body, now + std::chrono::seconds(30));
        TRICOACH_FUZZ_CHECK(again.ok() && again->outcome == WebhookOutcome::Duplicate);
    }
    return 0;
}
