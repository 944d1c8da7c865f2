// Request budgets against floods: token buckets per client address and per signed-in user, answered 429 with
// Retry-After and the JSON error; the client's address through trusted proxies only; memory bounded under a flood
// of distinct addresses. On a running server (real socket, real SQLite file) with a clock the test moves.
#include "sync-server/api/ratelimit.h"
#include "sync-server/app/syncserver.h"
#include "sync-server/auth/secrets.h"
#include "sync-server/http/clientaddress.h"
#include "sync-server/ops/jsonlog.h"
#include "tests/support/rawhttp.h"
#include "tests/support/tempdir.h"

#include <cmath>
#include <gtest/gtest.h>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

using namespace tricoach;
using namespace tricoach::sync;
using namespace tricoach::test;

namespace {

const Timestamp kStart = Timestamp(std::chrono::milliseconds(1'800'000'000'000));

using Headers = std::vector<std::pair<std::string, std::string>>;

Headers from(const std::string& address, Headers more = {})
{
    more.emplace_back("X-Forwarded-For", address);
    return more;
}

void expectRateLimited(const RawResponse& r, const std::string& context)
{
    EXPECT_EQ(r.status, 429) << context;
    const auto body = nlohmann::json::parse(r.body, nullptr, false);
    EXPECT_EQ(body["error"]["code"], "rate.limited") << context << " " << r.body;
    EXPECT_TRUE(body["error"]["message"].is_string()) << context;
    EXPECT_EQ(r.header("content-type"), "application/json") << context;
    const std::string retry = r.header("retry-after");
    EXPECT_FALSE(retry.empty()) << context;
    EXPECT_EQ(retry.find_first_not_of("0123456789"), std::string::npos) << "whole seconds: " << retry;
}

} // namespace

TEST(TokenBuckets, ABurstOfAMinutesBudgetThenTheSteadyRateWithRetryAfterInWholeSeconds)
{
    TokenBuckets buckets(5, 100); // 5 a minute: one every 12 s
    for (int i = 0; i < 5; ++i)
        EXPECT_TRUE(buckets.take("a", kStart).allowed) << i;
    const BudgetDecision refused = buckets.take("a", kStart);
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.retryAfter, std::chrono::seconds(60 / 5));
    EXPECT_TRUE(buckets.take("b", kStart).allowed) << "another key has its own bucket";
    EXPECT_FALSE(buckets.take("a", kStart + std::chrono::seconds(11)).allowed);
    const BudgetDecision later = buckets.take("a", kStart + std::chrono::seconds(12));
    EXPECT_TRUE(later.allowed);
    // 7 a minute: a token every 8.57 s, so the wait is rounded up to 9, never down.
    TokenBuckets odd(7, 100);
    for (int i = 0; i < 7; ++i)
        odd.take("a", kStart);
    EXPECT_EQ(odd.take("a", kStart).retryAfter, std::chrono::seconds(static_cast<int>(std::ceil(60.0 / 7))));
    EXPECT_TRUE(odd.take("a", kStart + std::chrono::milliseconds(8572)).allowed);
}

TEST(TokenBuckets, AFloodOfDistinctAddressesCannotGrowTheMemory)
{
    TokenBuckets buckets(60, 1000);
    for (int i = 0; i < 50'000; ++i)
        buckets.take("10." + std::to_string(i / 65536) + "." + std::to_string(i / 256 % 256) + "." +
                         std::to_string(i % 256),
                     kStart + std::chrono::milliseconds(i));
    EXPECT_LE(buckets.size(), 1000u);
    // The most recent client is still being counted: the flood evicted the idle ones first.
    for (int i = 0; i < 59; ++i)
        buckets.take("victim", kStart + std::chrono::milliseconds(50'000));
    for (int i = 0; i < 900; ++i)
        buckets.take("new-" + std::to_string(i), kStart + std::chrono::milliseconds(50'001));
    EXPECT_TRUE(buckets.take("victim", kStart + std::chrono::milliseconds(50'002)).allowed);
    EXPECT_FALSE(buckets.take("victim", kStart + std::chrono::milliseconds(50'002)).allowed);
    // Once a minute has passed every bucket is full again: they are forgotten.
    buckets.take("late", kStart + std::chrono::minutes(3));
    EXPECT_EQ(buckets.size(), 1u);
}

TEST(ClientAddress, XForwardedForIsBelievedOnlyFromTrustedProxiesRightmostUntrustedHop)
{
    auto trusted = parseAddressRanges({"10.0.0.0/8, 127.0.0.1", "2001:db8::/32"});
    ASSERT_TRUE(trusted.ok());
    // An untrusted peer is the client, whatever it claims.
    EXPECT_EQ(clientAddress("198.51.100.4", {"203.0.113.9"}, *trusted), "198.51.100.4");
    // Through our proxy: the hop it appended.
    EXPECT_EQ(clientAddress("10.1.2.3", {"203.0.113.9"}, *trusted), "203.0.113.9");
    // A client that writes its own X-Forwarded-For cannot pick its address: the rightmost untrusted hop wins.
    EXPECT_EQ(clientAddress("10.1.2.3", {"1.1.1.1, 203.0.113.9"}, *trusted), "203.0.113.9");
    EXPECT_EQ(clientAddress("10.1.2.3", {"1.1.1.1", "203.0.113.9, 10.9.9.9"}, *trusted), "203.0.113.9");
    // Through a chain of our own proxies.
    EXPECT_EQ(clientAddress("127.0.0.1", {"203.0.113.9,10.0.0.7 , 10.0.0.8"}, *trusted), "203.0.113.9");
    // IPv6, and a dual-stack socket's IPv4-mapped peer.
    EXPECT_EQ(clientAddress("2001:db8::1", {"2001:DB8:FFFF::9, 2a00:1450::5"}, *trusted), "2a00:1450::5");
    EXPECT_EQ(clientAddress("::ffff:10.0.0.1", {"203.0.113.9"}, *trusted), "203.0.113.9");
    EXPECT_EQ(clientAddress("::ffff:198.51.100.4", {"203.0.113.9"}, *trusted), "198.51.100.4");
    // Garbage stops the walk at the last good hop; no header leaves the proxy as the client.
    EXPECT_EQ(clientAddress("10.1.2.3", {"<script>, 203.0.113.9"}, *trusted), "203.0.113.9");
    EXPECT_EQ(clientAddress("10.1.2.3", {"203.0.113.9, not-an-ip"}, *trusted), "10.1.2.3");
    EXPECT_EQ(clientAddress("10.1.2.3", {}, *trusted), "10.1.2.3");
    // Block edges.
    const auto block = AddressRange::parse("192.168.16.0/20");
    ASSERT_TRUE(block);
    EXPECT_TRUE(block->contains("192.168.31.255"));
    EXPECT_FALSE(block->contains("192.168.32.0"));
    EXPECT_FALSE(block->contains("192.168.15.255"));
    EXPECT_FALSE(block->contains("::ffff:192.168.32.0"));
    for (const char* bad : {"10.0.0.0/33", "::/129", "10.0.0/8", "proxy.local", "10.0.0.0/", "10.0.0.0/-1"})
        EXPECT_FALSE(AddressRange::parse(bad)) << bad;
    const auto error = parseAddressRanges({"10.0.0.0/8,nginx"});
    ASSERT_FALSE(error.ok());
    EXPECT_NE(error.error().message.indexOf(QStringLiteral("'nginx'")), -1);
}

class SyncRateLimits : public TempDirTest {
protected:
    std::mutex linesMutex;
    std::vector<nlohmann::json> lines;
    JsonLog log{[this](const std::string& line) {
        std::lock_guard lock(linesMutex);
        lines.push_back(nlohmann::json::parse(line));
    }};
    Timestamp now = kStart;
    std::unique_ptr<SyncServer> server;
    quint16 port = 0;

    void start(RateLimitSettings limits, std::vector<std::string> trustedProxies = {"127.0.0.1"})
    {
        ServerConfig config;
        config.port = 0;
        config.threads = 2;
        config.database = "sqlite:" + pathFor(QStringLiteral("sync.sqlite")).toStdString();
        config.trustedProxies = std::move(trustedProxies);
        config.rateLimits = limits;
        config.strava.webhookPath = "hook-secret-path";
        config.strava.verifyToken = "verify";
        SyncServer::Options options;
        options.clock = [this] { return now; };
        server = std::make_unique<SyncServer>(config, log, options);
        ASSERT_TRUE(server->start().ok());
        port = server->port();
        ASSERT_NE(server->store(), nullptr);
    }

    // A user with a live session, as `tricoach-sync session create` makes one: its access token.
    std::string userWithToken(const std::string& email)
    {
        NewUser u;
        u.email = email;
        u.displayName = email;
        u.createdAt = now;
        auto user = server->store()->createUser(u);
        EXPECT_TRUE(user.ok());
        const std::string token = Secrets::newToken();
        NewSession s;
        s.userId = user->id;
        s.clientName = "test desktop";
        s.accessHash = Secrets::hashOf(token);
        s.refreshHash = Secrets::hashOf(Secrets::newToken());
        s.now = now;
        s.accessExpiresAt = now + std::chrono::hours(1);
        s.refreshExpiresAt = now + std::chrono::hours(24);
        EXPECT_TRUE(server->store()->createSession(s).ok());
        return token;
    }

    RawResponse get(const std::string& target, const Headers& headers)
    {
        return httpRequest(port, "GET", target, {}, headers);
    }
};

TEST_F(SyncRateLimits, AFloodFromOneAddressIsRefusedUntilRetryAfterWhileOthersAreServed)
{
    RateLimitSettings limits;
    limits.perAddress = 5;
    start(limits);
    const std::string flooder = "203.0.113.7";
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(get("/v1/openapi.json", from(flooder)).status, 200) << i;
    const RawResponse refused = get("/v1/openapi.json", from(flooder));
    expectRateLimited(refused, "the sixth request");
    EXPECT_EQ(refused.header("retry-after"), "12"); // 5 a minute: the next token in 60 / 5 s
    // Unknown routes and wrong methods draw on the same budget: scanners are flooders too.
    expectRateLimited(get("/wp-login.php", from(flooder)), "an unknown route");
    // Another address is served.
    EXPECT_EQ(get("/v1/openapi.json", from("198.51.100.20")).status, 200);
    // Probes, the scraper and Strava's webhook are never refused, even from the flooding address.
    EXPECT_EQ(get("/healthz", from(flooder)).status, 200);
    EXPECT_EQ(get("/readyz", from(flooder)).status, 200);
    const RawResponse webhook = httpRequest(port, "POST", "/strava/webhook/hook-secret-path",
                                            R"({"object_type":"activity","object_id":1,"aspect_type":"create",)"
                                            R"("owner_id":5,"subscription_id":1,"event_time":1516126040})",
                                            from(flooder, {{"Content-Type", "application/json"}}));
    EXPECT_EQ(webhook.status, 200) << webhook.body;
    // The rejections are counted per route.
    const RawResponse metrics = get("/metrics", from(flooder));
    ASSERT_EQ(metrics.status, 200);
    EXPECT_NE(metrics.body.find("tricoach_http_rate_limited_total{route=\"/v1/openapi.json\",scope=\"address\"} 1\n"),
              std::string::npos)
        << metrics.body;
    EXPECT_NE(metrics.body.find("tricoach_http_rate_limited_total{route=\"unmatched\",scope=\"address\"} 1\n"),
              std::string::npos);
    // After Retry-After the client gets through, once; then it is held to the rate.
    now += std::chrono::seconds(11);
    expectRateLimited(get("/v1/openapi.json", from(flooder)), "a second early");
    now += std::chrono::seconds(1);
    EXPECT_EQ(get("/v1/openapi.json", from(flooder)).status, 200);
    expectRateLimited(get("/v1/openapi.json", from(flooder)), "right after");
}

TEST_F(SyncRateLimits, AFloodOfRefusalsLogsAFewLinesASecondAndCountsTheRest)
{
    RateLimitSettings limits;
    limits.perAddress = 1;
    start(limits);
    const std::string flooder = "203.0.113.9";
    EXPECT_EQ(get("/v1/openapi.json", from(flooder)).status, 200);
    constexpr int kFlood = 40;
    for (int i = 0; i < kFlood; ++i)
        EXPECT_EQ(get("/v1/openapi.json", from(flooder)).status, 429) << i;
    // The count of a second's unlogged refusals is told with the first refusal of a later second.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    EXPECT_EQ(get("/v1/openapi.json", from(flooder)).status, 429);
    std::lock_guard lock(linesMutex);
    int logged = 0;
    std::int64_t told = 0;
    for (const auto& line : lines) {
        if (line.value("msg", "") == "request" && line.value("status", 0) == 429)
            ++logged;
        if (line.value("msg", "").find("not logged") != std::string::npos)
            told += line.value("count", std::int64_t{0});
    }
    EXPECT_LT(logged, kFlood / 2) << "a line for each refusal";
    EXPECT_EQ(logged + told, kFlood + 1) << "every refusal is either logged or counted";
}

TEST_F(SyncRateLimits, XForwardedForFromAnUntrustedPeerIsIgnored)
{
    RateLimitSettings limits;
    limits.perAddress = 3;
    start(limits, {}); // no trusted proxy: the socket's peer (127.0.0.1) is every request's client
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(get("/v1/openapi.json", from("203.0.113." + std::to_string(i))).status, 200);
    // Inventing a new address per request does not buy a new budget.
    expectRateLimited(get("/v1/openapi.json", from("198.51.100.99")), "a made-up address");
    expectRateLimited(get("/v1/openapi.json", {}), "no header");
}

TEST_F(SyncRateLimits, ASignedInUsersBudgetFollowsThemAcrossAddressesAndSparesOthers)
{
    RateLimitSettings limits;
    limits.perAddress = 1000;
    limits.perUser = 4;
    start(limits);
    const std::string anna = userWithToken("anna@example.org");
    const std::string ben = userWithToken("ben@example.org");
    const auto as = [](const std::string& token, const std::string& address) {
        return from(address, {{"Authorization", "Bearer " + token}});
    };
    EXPECT_EQ(get("/v1/me", as(anna, "203.0.113.1")).status, 200);
    EXPECT_EQ(get("/v1/sessions", as(anna, "203.0.113.2")).status, 200);
    EXPECT_EQ(get("/v1/events", as(anna, "203.0.113.3")).status, 200);
    EXPECT_EQ(get("/v1/me", as(anna, "203.0.113.4")).status, 200);
    // A fifth request, from yet another address: the account's budget is spent.
    const RawResponse refused = get("/v1/events", as(anna, "203.0.113.5"));
    expectRateLimited(refused, "Anna's fifth");
    EXPECT_EQ(refused.header("retry-after"), "15");
    expectRateLimited(get("/v1/events/stream", as(anna, "203.0.113.6")), "Anna's stream");
    // Ben, from Anna's own address, is served.
    EXPECT_EQ(get("/v1/me", as(ben, "203.0.113.1")).status, 200);
    // A request without a valid token is not charged to anyone's account: it gets its 401.
    EXPECT_EQ(get("/v1/me", as("not-a-token", "203.0.113.1")).status, 401);
    const RawResponse metrics = get("/metrics", {});
    EXPECT_NE(metrics.body.find("tricoach_http_rate_limited_total{route=\"/v1/events\",scope=\"user\"} 1\n"),
              std::string::npos)
        << metrics.body;
    now += std::chrono::seconds(15);
    EXPECT_EQ(get("/v1/me", as(anna, "203.0.113.1")).status, 200);
}

TEST_F(SyncRateLimits, TheSignInRoutesHaveATighterBudgetPerAddress)
{
    RateLimitSettings limits;
    limits.perAddress = 1000;
    limits.signInPerAddress = 3;
    start(limits);
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(httpRequest(port, "POST", "/oauth/token", "grant_type=refresh_token&refresh_token=x",
                              from("203.0.113.7", {{"Content-Type", "application/x-www-form-urlencoded"}}))
                      .status,
                  400);
    expectRateLimited(get("/oauth/authorize?client_id=x", from("203.0.113.7")), "the sign-in page");
    EXPECT_EQ(get("/v1/openapi.json", from("203.0.113.7")).status, 200) << "the address's other routes are open";
    EXPECT_EQ(get("/oauth/authorize?client_id=x", from("198.51.100.1")).status, 400) << "another address";
}

TEST_F(SyncRateLimits, OffMeansOffForBenchmarks)
{
    RateLimitSettings limits;
    limits.enabled = false;
    limits.perAddress = 1;
    start(limits);
    for (int i = 0; i < 20; ++i)
        ASSERT_EQ(get("/v1/openapi.json", {}).status, 200) << i;
}
