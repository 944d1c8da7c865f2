// Strava's webhook callback on a real socket and both backends: the validation challenge, events stored before
// the 200 and once however often Strava retries, deauthorization, malformed and unknown bodies, the secret path.
#include "tests/unit/sync-server/webhooks/webhooktestsupport.h"

using namespace tricoach::sync;
using namespace tricoach::sync::test;
using tricoach::test::httpRequest;

namespace {

class WebhookTest : public ServerTest {};

nlohmann::json json(const tricoach::test::RawResponse& r)
{
    return nlohmann::json::parse(r.body, nullptr, false);
}

} // namespace

TEST_P(WebhookTest, TheChallengeIsEchoedOnlyForOurVerifyTokenAndPath)
{
    auto server = startServer(config());
    const quint16 port = server->port();
    const std::string query = "?hub.mode=subscribe&hub.challenge=15f7d1a91c1f40f8a748fd134752feb3&hub.verify_token=";
    const auto ok = httpRequest(port, "GET", std::string("/strava/webhook/") + kWebhookPath + query + kVerifyToken);
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.header("content-type").rfind("application/json", 0), 0u);
    EXPECT_EQ(json(ok), nlohmann::json({{"hub.challenge", "15f7d1a91c1f40f8a748fd134752feb3"}}));

    const auto wrongToken = httpRequest(port, "GET", std::string("/strava/webhook/") + kWebhookPath + query + "guess");
    EXPECT_EQ(wrongToken.status, 403);
    EXPECT_EQ(json(wrongToken)["error"]["code"], "webhook.bad-challenge");
    const auto wrongPath =
        httpRequest(port, "GET", std::string("/strava/webhook/hook-6f1d2c9a8c") + query + kVerifyToken);
    EXPECT_EQ(wrongPath.status, 403);
    EXPECT_EQ(json(wrongPath)["error"]["code"], "webhook.forbidden");
    const auto wrongMode = httpRequest(port, "GET",
                                       std::string("/strava/webhook/") + kWebhookPath +
                                           "?hub.mode=unsubscribe&hub.challenge=x&hub.verify_token=" + kVerifyToken);
    EXPECT_EQ(wrongMode.status, 403);
    EXPECT_EQ(logText().find(kWebhookPath), std::string::npos) << "the secret path reached the log";
    EXPECT_EQ(logText().find(kVerifyToken), std::string::npos) << "the verify token reached the log";
}

TEST_P(WebhookTest, AnEventIsStoredBeforeTheAnswerAndRetriesAreStoredOnce)
{
    const User athlete = makeUser(*m_store, "a@example.org", 134815);
    auto server = startServer(config());
    const std::string body = eventBody(134815, 1360128428, "update", 1516126040, {{"title", "Messy"}});
    const auto first = post(server->port(), body);
    ASSERT_EQ(first.status, 200) << first.body;
    // No waiting: the 200 came, so the event must already be in the table.
    auto events = eventsOf(athlete.id);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].kind, kEventStravaWebhook);
    EXPECT_EQ(events[0].objectType, "activity");
    EXPECT_EQ(events[0].objectId, 1360128428);
    EXPECT_EQ(events[0].aspectType, "update");
    EXPECT_EQ(nlohmann::json::parse(events[0].updatesJson), nlohmann::json({{"title", "Messy"}}));
    EXPECT_EQ(events[0].ownerAthleteId, 134815);
    EXPECT_EQ(events[0].eventTime, Timestamp(std::chrono::seconds(1516126040)));
    EXPECT_EQ(events[0].rawBody, body);

    // Strava's retries (up to three attempts), sent at once from several connections.
    std::vector<std::thread> retries;
    std::atomic<int> okAnswers{0};
    for (int i = 0; i < 3; ++i)
        retries.emplace_back([&] { okAnswers += post(server->port(), body).status == 200; });
    for (auto& t : retries)
        t.join();
    EXPECT_EQ(okAnswers, 3);
    EXPECT_EQ(eventsOf(athlete.id).size(), 1u);

    // Another change to the same activity in the same second is another event.
    ASSERT_EQ(post(server->port(), eventBody(134815, 1360128428, "update", 1516126040, {{"type", "Run"}})).status, 200);
    EXPECT_EQ(eventsOf(athlete.id).size(), 2u);
    const std::string metrics = httpRequest(server->port(), "GET", "/metrics").body;
    EXPECT_NE(metrics.find("tricoach_webhook_events_received_total{outcome=\"stored\"} 2"), std::string::npos);
    EXPECT_NE(metrics.find("tricoach_webhook_events_received_total{outcome=\"duplicate\"} 3"), std::string::npos);
}

TEST_P(WebhookTest, DeauthorizationDropsTheStravaLinkAndTellsTheDesktop)
{
    const User athlete = makeUser(*m_store, "a@example.org", 134815);
    StravaCredentials c;
    c.userId = athlete.id;
    c.athleteId = 134815;
    c.refreshToken = bytes("encrypted-refresh");
    c.accessToken = bytes("encrypted-access");
    c.accessExpiresAt = at(kNow);
    c.updatedAt = at(kNow);
    ASSERT_TRUE(m_store->putStravaCredentials(c));
    const User other = makeUser(*m_store, "b@example.org", 777);
    c.userId = other.id;
    c.athleteId = 777;
    ASSERT_TRUE(m_store->putStravaCredentials(c));

    // One request thread: the deauthorization's second event must not wait on the thread its own answer needs.
    ServerConfig oneThread = config();
    oneThread.threads = 1;
    auto server = startServer(oneThread);
    const std::string body =
        eventBody(134815, 134815, "update", 1516126040, {{"authorized", "false"}}, 120001, "athlete");
    ASSERT_EQ(post(server->port(), body).status, 200);
    ASSERT_EQ(post(server->port(), body).status, 200); // Strava's retry
    auto link = m_store->stravaCredentials(athlete.id);
    ASSERT_TRUE(link);
    EXPECT_FALSE(link->has_value());
    auto untouched = m_store->stravaCredentials(other.id);
    ASSERT_TRUE(untouched);
    EXPECT_TRUE(untouched->has_value());
    const auto events = eventsOf(athlete.id);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].kind, kEventStravaWebhook);
    EXPECT_EQ(events[1].kind, kEventStravaDeauthorized);
    EXPECT_TRUE(eventsOf(other.id).empty());
}

TEST_P(WebhookTest, MalformedAndUnknownBodiesAreKeptAnsweredAndDeliveredToNobody)
{
    const User athlete = makeUser(*m_store, "a@example.org", 134815);
    auto server = startServer(config());
    const EventId before = latestId();
    const std::vector<std::string> bodies = {
        "not json at all",
        "",
        "[1,2,3]",
        R"({"object_type":"activity","object_id":"12","aspect_type":"create","owner_id":134815,"subscription_id":120001,"event_time":1})",
        R"({"object_type":"activity","aspect_type":"create","owner_id":134815})",
        std::string("{\"object_type\":\"activity\",\"x\":\"\xff\xfe\"}"),
        eventBody(134815, 5, "create", 1516126040, {{"title", "x"}}, 120001, "segment"), // well formed, unknown
        eventBody(134815, 5, "archive", 1516126041),                                     // unknown aspect
    };
    for (const std::string& b : bodies) {
        const auto r = post(server->port(), b);
        EXPECT_EQ(r.status, 200) << b;
        EXPECT_EQ(post(server->port(), b).status, 200) << b; // a retry: kept once
    }
    EXPECT_TRUE(eventsOf(athlete.id).empty());
    EXPECT_GT(latestId(), before); // kept, for a person to look at
    EXPECT_NE(logText().find("webhook event malformed; kept"), std::string::npos);
    const std::string metrics = httpRequest(server->port(), "GET", "/metrics").body;
    EXPECT_NE(metrics.find("tricoach_webhook_events_received_total{outcome=\"rejected\"}"), std::string::npos);
    EXPECT_EQ(httpRequest(server->port(), "GET", "/healthz").status, 200); // still serving
}

TEST_P(WebhookTest, AWrongPathOrAnotherSubscriptionStoresNothing)
{
    const User athlete = makeUser(*m_store, "a@example.org", 134815);
    ASSERT_TRUE(m_store->putState(kStateStravaSubscriptionId, "120001"));
    auto server = startServer(config());
    const EventId before = latestId();
    const auto wrongPath = post(server->port(), eventBody(134815, 1, "create", 1), "hook-6f1d2c9a8c");
    EXPECT_EQ(wrongPath.status, 403);
    EXPECT_EQ(nlohmann::json::parse(wrongPath.body)["error"]["code"], "webhook.forbidden");
    const auto otherSubscription = post(server->port(), eventBody(134815, 1, "create", 1, {}, 999));
    EXPECT_EQ(otherSubscription.status, 403);
    EXPECT_EQ(latestId(), before);
    EXPECT_EQ(post(server->port(), eventBody(134815, 1, "create", 1, {}, 120001)).status, 200);
    EXPECT_EQ(eventsOf(athlete.id).size(), 1u);
}

TEST_P(WebhookTest, AnEventForAnAthleteWithoutAnAccountIsKeptForNobody)
{
    const User athlete = makeUser(*m_store, "a@example.org", 134815);
    auto server = startServer(config());
    ASSERT_EQ(post(server->port(), eventBody(999999, 1, "create", 1)).status, 200);
    EXPECT_TRUE(eventsOf(athlete.id).empty());
    EXPECT_GT(latestId(), 0);
}

TRICOACH_BOTH_BACKENDS(WebhookTest);
