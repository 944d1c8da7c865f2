// Strava's push subscription managed against the emulator (tests/fakes) on real sockets and both backends: created
// when there is none (Strava validating our callback first), repaired when it points elsewhere, left alone when
// right, retried while Strava is down, made once when instances start together; then an event Strava pushes lands
// in the store. Also the outbound HTTP client's timeouts and cancellation.
#include "sync-server/net/httpclient.h"
#include "sync-server/strava/subscriptionmanager.h"
#include "sync-server/strava/webhook.h"
#include "tests/fakes/fakestrava.h"
#include "tests/unit/sync-server/webhooks/webhooktestsupport.h"

#include <QTcpServer>

using namespace tricoach::sync;
using namespace tricoach::sync::test;
using tricoach::fakes::FakeStrava;

namespace {

[[maybe_unused]] ::testing::Environment* const kPostgres = ::testing::AddGlobalTestEnvironment(new PostgresEnvironment);

const QString kClientId = QStringLiteral("4242");
const QString kClientSecret = QStringLiteral("app-secret-9f8e7d");

class SubscriptionTest : public ServerTest {
protected:
    FakeStrava strava;

    void SetUp() override
    {
        ServerTest::SetUp();
        strava.addApp(kClientId, kClientSecret);
    }

    ServerConfig stravaConfig(const std::string& apiBase) const
    {
        ServerConfig c = config();
        c.strava.clientId = kClientId.toStdString();
        c.strava.clientSecret = kClientSecret.toStdString();
        c.strava.apiBase = apiBase;
        return c;
    }

    static QString callbackOf(const SyncServer& server)
    {
        return QString::fromStdString(server.baseUrl()) + QStringLiteral("/strava/webhook/") +
               QLatin1String(kWebhookPath);
    }

    int creations() const
    {
        int n = 0;
        for (const auto& r : strava.requests())
            n += r.method == QStringLiteral("POST") && r.path == QStringLiteral("/push_subscriptions");
        return n;
    }

    std::optional<std::string> stateId()
    {
        auto s = m_store->state(kStateStravaSubscriptionId);
        return s ? *s : std::nullopt;
    }
};

} // namespace

TEST_P(SubscriptionTest, NoneAtStravaOneIsCreatedAndStravasEventsArrive)
{
    ASSERT_TRUE(strava.start());
    const User athlete = makeUser(*m_store, "a@example.org", 134815);
    auto server = startServer(stravaConfig(strava.apiBase().toString().toStdString()));
    ASSERT_TRUE(waitUntil([&] { return server->stravaSubscription()->subscriptionId().has_value(); }));
    const auto made = strava.pushSubscription(kClientId);
    ASSERT_TRUE(made);
    EXPECT_EQ(made->callbackUrl, callbackOf(*server));
    EXPECT_EQ(server->stravaSubscription()->subscriptionId(), std::to_string(made->id));
    EXPECT_EQ(stateId(), std::to_string(made->id));
    EXPECT_EQ(creations(), 1);

    const auto delivery =
        strava.pushEvent(kClientId, FakeStrava::webhookEvent(QStringLiteral("activity"), 5501, QStringLiteral("create"),
                                                             134815, 1700000000));
    EXPECT_EQ(delivery.attempts, 1);
    EXPECT_TRUE(delivery.delivered());
    const auto events = eventsOf(athlete.id);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].objectId, 5501);
    const std::string log = logText();
    EXPECT_EQ(log.find(kClientSecret.toStdString()), std::string::npos) << "the client secret reached the log";
    EXPECT_EQ(log.find(kWebhookPath), std::string::npos) << "the webhook path reached the log";
}

TEST_P(SubscriptionTest, ASubscriptionWithAWrongCallbackIsReplacedAndARightOneKept)
{
    ASSERT_TRUE(strava.start());
    const qint64 old =
        strava.setPushSubscription(kClientId, QStringLiteral("https://old.example.org/strava/webhook/x"));
    ServerConfig c = stravaConfig(strava.apiBase().toString().toStdString());
    {
        QTcpServer probe; // one address for both runs below
        ASSERT_TRUE(probe.listen(QHostAddress::LocalHost));
        c.port = probe.serverPort();
    }
    auto server = startServer(c);
    ASSERT_TRUE(waitUntil([&] { return server->stravaSubscription()->subscriptionId().has_value(); }));
    const auto now = strava.pushSubscription(kClientId);
    ASSERT_TRUE(now);
    EXPECT_NE(now->id, old);
    EXPECT_EQ(now->callbackUrl, callbackOf(*server));
    EXPECT_EQ(stateId(), std::to_string(now->id));
    bool deleted = false;
    for (const auto& r : strava.requests())
        deleted |= r.method == QStringLiteral("DELETE") && r.path.endsWith(QString::number(old)) && r.status == 204;
    EXPECT_TRUE(deleted);
    server.reset();

    // Started again: the subscription is right, so nothing is deleted or created.
    const int before = creations();
    auto again = startServer(c);
    ASSERT_TRUE(waitUntil([&] { return again->stravaSubscription()->attempts() == 1; }, 4000))
        << "the lease was released: this instance checks Strava itself";
    ASSERT_TRUE(waitUntil([&] { return again->stravaSubscription()->subscriptionId().has_value(); }, 4000));
    EXPECT_EQ(creations(), before);
}

TEST_P(SubscriptionTest, TheServerServesWhileStravaIsDownAndSubscribesOnceItIsBack)
{
    quint16 port = 0;
    {
        QTcpServer probe;
        ASSERT_TRUE(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    const std::string apiBase = "http://127.0.0.1:" + std::to_string(port) + "/api/v3";
    SyncServer::Options o = fastOptions();
    o.subscriptionLease = std::chrono::seconds(1);
    auto server = startServer(stravaConfig(apiBase), o);
    ASSERT_TRUE(waitUntil([&] { return server->stravaSubscription()->attempts() >= 1; }, 3000));
    EXPECT_EQ(tricoach::test::httpRequest(server->port(), "GET", "/healthz").status, 200);
    EXPECT_FALSE(server->stravaSubscription()->subscriptionId());
    ASSERT_TRUE(strava.start(port));
    ASSERT_TRUE(waitUntil([&] { return server->stravaSubscription()->subscriptionId().has_value(); }, 8000));
    EXPECT_EQ(strava.pushSubscription(kClientId)->callbackUrl, callbackOf(*server));
    EXPECT_NE(logText().find("retrying"), std::string::npos);
}

TEST_P(SubscriptionTest, InstancesStartedTogetherMakeOneSubscription)
{
    ASSERT_TRUE(strava.start());
    ServerConfig c = stravaConfig(strava.apiBase().toString().toStdString());
    // Behind one load balancer: one public address for all, which reaches the first of them.
    {
        QTcpServer probe;
        ASSERT_TRUE(probe.listen(QHostAddress::LocalHost));
        c.port = probe.serverPort();
    }
    c.publicUrl = "http://127.0.0.1:" + std::to_string(c.port);
    std::vector<std::unique_ptr<SyncServer>> servers;
    for (int i = 0; i < 3; ++i) {
        servers.push_back(startServer(c));
        c.port = 0;
    }
    ASSERT_TRUE(waitUntil(
        [&] {
            return std::all_of(servers.begin(), servers.end(),
                               [](const auto& s) { return s->stravaSubscription()->subscriptionId().has_value(); });
        },
        8000));
    EXPECT_EQ(creations(), 1);
    const auto made = strava.pushSubscription(kClientId);
    ASSERT_TRUE(made);
    for (const auto& s : servers)
        EXPECT_EQ(s->stravaSubscription()->subscriptionId(), std::to_string(made->id));
}

TRICOACH_BOTH_BACKENDS(SubscriptionTest);

TEST(HttpClient, TimesOutOnASilentServerAndStopsACallInFlight)
{
    QTcpServer silent; // the kernel accepts connections; nobody ever answers
    ASSERT_TRUE(silent.listen(QHostAddress::LocalHost));
    const std::string url = "http://127.0.0.1:" + std::to_string(silent.serverPort()) + "/";
    CurlHttpClient client;
    OutboundRequest r;
    r.url = url;
    r.totalTimeout = std::chrono::milliseconds(300);
    QElapsedTimer t;
    t.start();
    auto timedOut = client.send(r);
    ASSERT_FALSE(timedOut);
    EXPECT_EQ(timedOut.error().code, kHttpUnreachable);
    EXPECT_LT(t.elapsed(), 2000);

    r.totalTimeout = std::chrono::milliseconds(20000);
    std::optional<tricoach::Result<OutboundResponse>> inFlight;
    std::thread caller([&] { inFlight.emplace(client.send(r)); });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    t.restart();
    client.stop();
    caller.join();
    EXPECT_LT(t.elapsed(), 3000);
    ASSERT_TRUE(inFlight && !*inFlight);
    EXPECT_EQ(inFlight->error().code, kHttpCancelled);

    OutboundRequest bad;
    bad.url = "gopher://127.0.0.1/";
    EXPECT_FALSE(CurlHttpClient().send(bad));
}
