// Events to desktops on real sockets and both backends: the stream delivers the right user's events within a
// second and nothing of anyone else's, pages catch up after being offline, Last-Event-ID resumes without a gap or a
// repeat, heartbeats flow, every /v1 endpoint wants a valid token; and two instances on one PostgreSQL act as one.
#include "core/wire/events.h"
#include "tests/unit/sync-server/webhooks/webhooktestsupport.h"

#include <map>
#include <thread>

using namespace tricoach::sync;
using namespace tricoach::sync::test;
using tricoach::test::httpRequest;

namespace {

class EventsTest : public ServerTest {};

tricoach::wire::EventsPage page(const tricoach::test::RawResponse& r)
{
    return nlohmann::json::parse(r.body).get<tricoach::wire::EventsPage>();
}

} // namespace

TEST_P(EventsTest, AnEventReachesItsAthletesStreamWithinASecondAndNobodyElses)
{
    const User mine = makeUser(*m_store, "a@example.org", 134815);
    const User other = makeUser(*m_store, "b@example.org", 777);
    const std::string myToken = tokenFor(mine.id);
    const std::string otherToken = tokenFor(other.id);
    auto server = startServer(config());
    SseClient me, them;
    ASSERT_TRUE(me.open(server->port(), "/v1/events/stream", myToken));
    ASSERT_TRUE(them.open(server->port(), "/v1/events/stream", otherToken));
    EXPECT_NE(me.headers.find("text/event-stream"), std::string::npos);
    EXPECT_NE(me.headers.find("X-Accel-Buffering: no"), std::string::npos);
    ASSERT_TRUE(waitUntil([&] { return server->events().clients() == 2; }, 2000));

    QElapsedTimer sent;
    sent.start();
    ASSERT_EQ(post(server->port(), eventBody(134815, 42, "create", 1516126040)).status, 200);
    const auto frames = me.frames(1, 1000);
    ASSERT_EQ(frames.size(), 1u) << me.text();
    EXPECT_LT(sent.elapsed(), 1000);
    EXPECT_EQ(frames[0].event, kEventStravaWebhook);
    const auto delivered = nlohmann::json::parse(frames[0].data).get<tricoach::wire::SyncEvent>();
    EXPECT_EQ(delivered.objectId, 42);
    EXPECT_EQ(delivered.aspectType, "create");
    EXPECT_EQ(delivered.ownerId, 134815);
    EXPECT_EQ(std::to_string(delivered.id), frames[0].id);
    EXPECT_EQ(frames[0].data.find("raw"), std::string::npos) << "the raw body stays on the server";

    EXPECT_TRUE(them.frames(1, 300).empty()) << them.text();
    // Nor through the page with their own token.
    const auto theirPage = get(server->port(), "/v1/events?after=0", otherToken);
    ASSERT_EQ(theirPage.status, 200);
    EXPECT_TRUE(page(theirPage).events.empty());
    const auto myPage = get(server->port(), "/v1/events?after=0", myToken);
    ASSERT_EQ(myPage.status, 200);
    ASSERT_EQ(page(myPage).events.size(), 1u);
    EXPECT_EQ(page(myPage).events[0], delivered);
}

TEST_P(EventsTest, ADesktopOfflineCatchesUpPageByPage)
{
    const User mine = makeUser(*m_store, "a@example.org", 134815);
    const std::string token = tokenFor(mine.id);
    auto server = startServer(config());
    for (int i = 1; i <= 7; ++i)
        ASSERT_EQ(post(server->port(), eventBody(134815, 1000 + i, "create", 1516126040 + i)).status, 200);
    std::vector<std::int64_t> seen;
    std::int64_t cursor = 0;
    for (int pages = 0; pages < 10; ++pages) {
        const auto r = get(server->port(), "/v1/events?after=" + std::to_string(cursor) + "&limit=3", token);
        ASSERT_EQ(r.status, 200) << r.body;
        const auto p = page(r);
        for (const auto& e : p.events)
            seen.push_back(e.objectId);
        cursor = p.next;
        if (!p.more)
            break;
    }
    EXPECT_EQ(seen, (std::vector<std::int64_t>{1001, 1002, 1003, 1004, 1005, 1006, 1007}));
    const auto empty = page(get(server->port(), "/v1/events?after=" + std::to_string(cursor), token));
    EXPECT_TRUE(empty.events.empty());
    EXPECT_EQ(empty.next, cursor);
    EXPECT_EQ(get(server->port(), "/v1/events?after=-1", token).status, 400);
    EXPECT_EQ(get(server->port(), "/v1/events?after=abc", token).status, 400);
    EXPECT_EQ(get(server->port(), "/v1/events?limit=0", token).status, 400);
    EXPECT_EQ(get(server->port(), "/v1/events?limit=100000", token).status, 400);
}

TEST_P(EventsTest, AStreamResumedWithLastEventIdMissesNothingAndRepeatsNothing)
{
    const User mine = makeUser(*m_store, "a@example.org", 134815);
    const std::string token = tokenFor(mine.id);
    auto server = startServer(config());
    SseClient first;
    ASSERT_TRUE(first.open(server->port(), "/v1/events/stream?after=0", token));
    for (int i = 1; i <= 3; ++i)
        ASSERT_EQ(post(server->port(), eventBody(134815, i, "create", 100 + i)).status, 200);
    const auto got = first.frames(3, 2000);
    ASSERT_EQ(got.size(), 3u);
    first.close();
    // Offline: more events come.
    for (int i = 4; i <= 6; ++i)
        ASSERT_EQ(post(server->port(), eventBody(134815, i, "create", 100 + i)).status, 200);
    SseClient resumed;
    ASSERT_TRUE(resumed.open(server->port(), "/v1/events/stream?after=0", token, got.back().id));
    ASSERT_EQ(post(server->port(), eventBody(134815, 7, "create", 107)).status, 200);
    const auto rest = resumed.frames(4, 2000);
    std::vector<std::int64_t> objects;
    for (const auto& f : rest)
        objects.push_back(nlohmann::json::parse(f.data)["object_id"].get<std::int64_t>());
    EXPECT_EQ(objects, (std::vector<std::int64_t>{4, 5, 6, 7}));
    EXPECT_TRUE(waitUntil([&] { return server->events().clients() == 1; }, 2000)) << "the closed stream is dropped";
    // Heartbeats keep an idle stream open through proxies.
    resumed.frames(100, 400);
    EXPECT_NE(resumed.text().find(": heartbeat"), std::string::npos);
    EXPECT_EQ(get(server->port(), "/v1/events/stream?after=x", token).status, 400);
}

TEST_P(EventsTest, EveryV1EndpointWantsAValidToken)
{
    const User mine = makeUser(*m_store, "a@example.org", 134815);
    const std::string expired = tokenFor(mine.id, -1000);
    const User disabled = makeUser(*m_store, "d@example.org", 5);
    const std::string ofDisabled = tokenFor(disabled.id);
    ASSERT_TRUE(m_store->disableUser(disabled.id, at(kNow)));
    auto server = startServer(config());
    for (const char* target : {"/v1/events", "/v1/events/stream"}) {
        for (const std::string& token : {std::string(), std::string("not-a-token"), expired, ofDisabled}) {
            const auto r = get(server->port(), target, token);
            EXPECT_EQ(r.status, 401) << target << " with '" << token << "'";
            EXPECT_EQ(r.header("www-authenticate").rfind("Bearer", 0), 0u) << target;
            const auto body = nlohmann::json::parse(r.body, nullptr, false);
            EXPECT_EQ(body["error"]["code"], token.empty() ? "auth.missing-token" : "auth.invalid-token");
        }
        const auto basic = httpRequest(server->port(), "GET", target, {}, {{"Authorization", "Basic dTpw"}});
        EXPECT_EQ(basic.status, 401);
    }
    const std::string log = logText();
    EXPECT_EQ(log.find(expired), std::string::npos) << "a token reached the log";
}

// Many athletes, two desktops each: one resuming from the start (it catches up alone), one starting now. Each stream
// gets exactly its athlete's events after its cursor, once, in order, whoever else's events come between; and once
// every stream is level, a wake-up costs the hub one read of the store, not one per athlete.
TEST_P(EventsTest, ManyStreamsOfManyAthletesGetTheirOwnEventsOnceInOrderFromOneReadPerWakeUp)
{
    constexpr int kAthletes = 12;
    std::vector<User> users;
    std::vector<std::string> tokens;
    for (int a = 0; a < kAthletes; ++a) {
        users.push_back(makeUser(*m_store, "a" + std::to_string(a) + "@example.org", 5000 + a));
        tokens.push_back(tokenFor(users.back().id));
    }
    auto server = startServer(config());
    // Before any stream: two events each, for the resuming streams to catch up on.
    std::map<int, std::vector<std::int64_t>> objects; // athlete -> object ids in the order posted
    std::int64_t next = 1;
    for (int round = 0; round < 2; ++round)
        for (int a = 0; a < kAthletes; ++a) {
            ASSERT_EQ(post(server->port(), eventBody(5000 + a, next, "create", 1000 + next)).status, 200);
            objects[a].push_back(next++);
        }
    std::vector<std::unique_ptr<SseClient>> fromStart, fromNow;
    for (int a = 0; a < kAthletes; ++a) {
        fromStart.push_back(std::make_unique<SseClient>());
        ASSERT_TRUE(fromStart.back()->open(server->port(), "/v1/events/stream", tokens[a], "0"));
        fromNow.push_back(std::make_unique<SseClient>());
        ASSERT_TRUE(fromNow.back()->open(server->port(), "/v1/events/stream", tokens[a]));
    }
    ASSERT_TRUE(waitUntil([&] { return server->events().clients() == 2 * kAthletes; }, 3000));
    // Then three more each, the athletes interleaved, some posted concurrently.
    for (int round = 0; round < 3; ++round) {
        std::vector<std::thread> posting;
        for (int a = 0; a < kAthletes; ++a) {
            const std::int64_t object = next++;
            objects[a].push_back(object);
            posting.emplace_back([&, a, object] {
                EXPECT_EQ(post(server->port(), eventBody(5000 + a, object, "create", 1000 + object)).status, 200);
            });
        }
        for (auto& t : posting)
            t.join();
    }
    const auto objectsOf = [](const std::vector<SseFrame>& frames) {
        std::vector<std::int64_t> got;
        std::int64_t lastId = 0;
        for (const SseFrame& f : frames) {
            const auto e = nlohmann::json::parse(f.data).get<tricoach::wire::SyncEvent>();
            EXPECT_GT(e.id, lastId) << "ids go up on every stream";
            EXPECT_EQ(std::to_string(e.id), f.id);
            lastId = e.id;
            got.push_back(e.objectId);
        }
        return got;
    };
    for (int a = 0; a < kAthletes; ++a) {
        // Posted concurrently within a round: the order between rounds is known, within a round there is one each.
        const auto all = objectsOf(fromStart[a]->frames(objects[a].size(), 3000));
        EXPECT_EQ(all, objects[a]) << "athlete " << a << " from the start";
        const auto recent = objectsOf(fromNow[a]->frames(3, 2000));
        EXPECT_EQ(recent, std::vector<std::int64_t>(objects[a].begin() + 2, objects[a].end()))
            << "athlete " << a << " from now";
    }

    // All level now: one more event is one read for the whole hub (a merged or repeated wake-up may add one).
    const long readsBefore = server->events().storeReads();
    ASSERT_EQ(post(server->port(), eventBody(5000 + 7, next, "update", 1000 + next)).status, 200);
    ASSERT_EQ(fromNow[7]->frames(4, 2000).size(), 4u);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_LE(server->events().storeReads() - readsBefore, 2);
    // Nothing more came on any stream: no repeats, nothing of another athlete's.
    for (int a = 0; a < kAthletes; ++a) {
        EXPECT_EQ(fromNow[a]->frames(5, 20).size(), a == 7 ? 4u : 3u) << "athlete " << a;
        EXPECT_EQ(fromStart[a]->frames(7, 20).size(), a == 7 ? 6u : 5u) << "athlete " << a;
    }
}

TRICOACH_BOTH_BACKENDS(EventsTest);

namespace {
class TwoInstancesTest : public ServerTest {};
} // namespace

TEST_P(TwoInstancesTest, AnEventReceivedByOneInstanceReachesAStreamOnTheOtherWithinASecond)
{
    const User mine = makeUser(*m_store, "a@example.org", 134815);
    const std::string token = tokenFor(mine.id);
    auto a = startServer(config());
    auto b = startServer(config());
    SseClient onB;
    ASSERT_TRUE(onB.open(b->port(), "/v1/events/stream", token));
    ASSERT_TRUE(waitUntil([&] { return b->events().clients() == 1; }, 2000));
    for (int i = 1; i <= 5; ++i) {
        QElapsedTimer sent;
        sent.start();
        ASSERT_EQ(post(a->port(), eventBody(134815, i, "create", 100 + i)).status, 200);
        const auto frames = onB.frames(static_cast<size_t>(i), 1000);
        ASSERT_EQ(frames.size(), static_cast<size_t>(i)) << "event " << i;
        EXPECT_LT(sent.elapsed(), 1000) << "event " << i;
    }
    // The same event sent to both instances (Strava's retry through the load balancer) is stored once.
    const std::string body = eventBody(134815, 99, "delete", 200);
    std::thread toA([&] { EXPECT_EQ(post(a->port(), body).status, 200); });
    EXPECT_EQ(post(b->port(), body).status, 200);
    toA.join();
    EXPECT_EQ(onB.frames(7, 700).size(), 6u);
}

INSTANTIATE_TEST_SUITE_P(Backends, TwoInstancesTest, ::testing::Values(Backend::Postgres), backendName);
