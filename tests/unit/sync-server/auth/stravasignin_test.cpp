// Sign in with Strava through tricoach-sync and the token broker, against the Strava emulator: the server runs
// Strava's OAuth with its own secret, keeps the athlete's tokens encrypted, and hands the signed-in user a fresh
// Strava access token, refreshing it under Strava's rotation rules.
#include "sync-server/app/syncserver.h"
#include "sync-server/auth/secrets.h"
#include "sync-server/net/httpclient.h"
#include "sync-server/ops/jsonlog.h"
#include "tests/fakes/fakestrava.h"
#include "tests/support/rawhttp.h"
#include "tests/support/tempdir.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QUrlQuery>

#include <atomic>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <thread>

using namespace tricoach;
using namespace tricoach::sync;
using namespace tricoach::test;

namespace {

const std::string kRedirect = "http://127.0.0.1:53682/callback";
constexpr qint64 kAnna = 28476120;

std::map<std::string, std::string> queryOf(const std::string& location)
{
    std::map<std::string, std::string> out;
    for (const auto& [k, v] : QUrlQuery(QUrl(QString::fromStdString(location))).queryItems(QUrl::FullyDecoded))
        out[k.toStdString()] = v.toStdString();
    return out;
}

std::string s256(const std::string& verifier)
{
    return QCryptographicHash::hash(QByteArray::fromStdString(verifier), QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
        .toStdString();
}

// The emulator answers on this (the main) thread's event loop; calls that reach it through the server, or
// directly, are made from another thread while this one serves.
template <typename F> auto whileServing(F call) -> decltype(call())
{
    std::optional<decltype(call())> result;
    std::atomic<bool> done{false};
    std::thread worker([&] {
        result = call();
        done = true;
    });
    while (!done)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    worker.join();
    return std::move(*result);
}

Timestamp toTimestamp(const QDateTime& t)
{
    return Timestamp(std::chrono::milliseconds(t.toMSecsSinceEpoch()));
}

} // namespace

class SyncStravaSignIn : public TempDirTest {
protected:
    fakes::FakeStrava strava;
    JsonLog log{[](const std::string&) {}};
    Timestamp now;
    std::unique_ptr<SyncServer> server;
    quint16 port = 0;

    void SetUp() override
    {
        strava.addApp(QStringLiteral("555"), QStringLiteral("server-secret"));
        strava.addAthlete(kAnna, QStringLiteral("Anna"), QStringLiteral("Berg"));
        ASSERT_TRUE(strava.start());
        now = toTimestamp(strava.virtualNow());
        ServerConfig config;
        config.port = 0;
        config.threads = 2;
        config.database = "sqlite:" + pathFor(QStringLiteral("sync.sqlite")).toStdString();
        config.tokenKey = QByteArray(32, '\x2a').toBase64().toStdString();
        config.strava.clientId = "555";
        config.strava.clientSecret = "server-secret";
        config.strava.oauthBase = strava.oauthBase().toString().toStdString();
        config.strava.apiBase = strava.apiBase().toString().toStdString();
        SyncServer::Options options;
        options.clock = [this] { return now; };
        server = std::make_unique<SyncServer>(config, log, options);
        ASSERT_TRUE(server->start().ok());
        port = server->port();
    }

    // The desktop opens the sign-in page, the athlete presses Sign in with Strava, then Authorize (or Cancel) on
    // Strava's page; returns where the browser lands at last (the desktop's loopback redirect).
    std::string signInWithStrava(const std::string& verifier, bool approve = true)
    {
        const RawResponse page = httpRequest(
            port, "GET",
            "/oauth/authorize?response_type=code&client_id=tricoach-desktop&code_challenge_method=S256&state=st&"
            "code_challenge=" +
                s256(verifier) +
                "&redirect_uri=" + QUrl::toPercentEncoding(QString::fromStdString(kRedirect)).toStdString());
        EXPECT_NE(page.body.find("action=\"/oauth/strava/start\""), std::string::npos) << page.body;
        std::smatch m;
        static const std::regex pending(R"re(name="pending" value="([^"]+)")re");
        if (!std::regex_search(page.body, m, pending))
            return {};
        const RawResponse toStrava = httpRequest(port, "POST", "/oauth/strava/start", "pending=" + m[1].str(),
                                                 {{"Content-Type", "application/x-www-form-urlencoded"}});
        EXPECT_EQ(toStrava.status, 303) << toStrava.body;
        const QUrl back = strava.authorizeDecision(QUrl(QString::fromStdString(toStrava.header("location"))), approve);
        EXPECT_TRUE(back.isValid());
        EXPECT_EQ(back.path(), QStringLiteral("/oauth/strava/callback"));
        const std::string target = back.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority).toStdString();
        const RawResponse landed = whileServing([&] { return httpRequest(port, "GET", target); });
        EXPECT_TRUE(landed.status == 303 || landed.status == 302) << landed.status << landed.body;
        return landed.header("location");
    }

    nlohmann::json tokensFor(const std::string& verifier, const std::string& location)
    {
        const auto q = queryOf(location);
        const RawResponse r =
            httpRequest(port, "POST", "/oauth/token",
                        "grant_type=authorization_code&client_id=tricoach-desktop&code=" +
                            (q.count("code") ? q.at("code") : std::string()) + "&code_verifier=" + verifier +
                            "&redirect_uri=" + QUrl::toPercentEncoding(QString::fromStdString(kRedirect)).toStdString(),
                        {{"Content-Type", "application/x-www-form-urlencoded"}});
        EXPECT_EQ(r.status, 200) << r.body;
        return nlohmann::json::parse(r.body, nullptr, false);
    }

    RawResponse broker(const std::string& accessToken)
    {
        return whileServing([&] {
            return httpRequest(port, "POST", "/v1/strava/token", {}, {{"Authorization", "Bearer " + accessToken}});
        });
    }

    // Strava's own answer to the token: the athlete it belongs to, or the status.
    std::pair<int, qint64> stravaAthleteOf(const std::string& stravaToken)
    {
        CurlHttpClient http;
        OutboundRequest req;
        req.url = strava.apiBase().toString().toStdString() + "/athlete";
        req.headers = {{"Authorization", "Bearer " + stravaToken}};
        auto r = whileServing([&] { return http.send(req); });
        if (!r)
            return {0, 0};
        const auto j = nlohmann::json::parse(r->body, nullptr, false);
        return {r->status, j.is_object() ? j.value("id", 0LL) : 0};
    }
};

TEST_F(SyncStravaSignIn, TheAthleteSignsInAtStravaAndTheDesktopGetsItsOwnTokens)
{
    const std::string verifier = Secrets::newToken();
    const std::string location = signInWithStrava(verifier);
    ASSERT_EQ(location.rfind(kRedirect + "?", 0), 0u) << location;
    EXPECT_EQ(queryOf(location)["state"], "st");
    const auto tokens = tokensFor(verifier, location);
    const RawResponse me =
        httpRequest(port, "GET", "/v1/me", {}, {{"Authorization", "Bearer " + tokens.value("access_token", "")}});
    ASSERT_EQ(me.status, 200);
    EXPECT_EQ(nlohmann::json::parse(me.body)["strava_athlete_id"], kAnna);
    EXPECT_EQ(nlohmann::json::parse(me.body)["display_name"], "Anna Berg");
    // Signing in with Strava again finds the same account.
    const std::string v2 = Secrets::newToken();
    const auto again = tokensFor(v2, signInWithStrava(v2));
    EXPECT_EQ(again["user"]["id"], tokens["user"]["id"]);
}

TEST_F(SyncStravaSignIn, TheBrokerHandsOutAWorkingTokenAndRefreshesItUnderStravasRules)
{
    const std::string verifier = Secrets::newToken();
    const auto tokens = tokensFor(verifier, signInWithStrava(verifier));
    const RawResponse first = broker(tokens["access_token"]);
    ASSERT_EQ(first.status, 200) << first.body;
    const auto a = nlohmann::json::parse(first.body);
    EXPECT_EQ(a["athlete_id"], kAnna);
    EXPECT_EQ(stravaAthleteOf(a["access_token"]), std::make_pair(200, kAnna));
    const int refreshesBefore = strava.counters().refreshes;
    // Within the token's six hours: the same token, no call to Strava.
    EXPECT_EQ(nlohmann::json::parse(broker(tokens["access_token"]).body)["access_token"], a["access_token"]);
    EXPECT_EQ(strava.counters().refreshes, refreshesBefore);
    // Five and a half hours on (Strava's clock and ours): under an hour left, so the broker refreshes first.
    strava.setVirtualNow(strava.virtualNow().addSecs(5 * 3600 + 1800));
    now = toTimestamp(strava.virtualNow());
    const RawResponse second = broker(tokens["access_token"]);
    // The desktop's own access token has expired by now (an hour): it refreshes its session first.
    ASSERT_EQ(second.status, 401);
    const RawResponse rotated = httpRequest(port, "POST", "/oauth/token",
                                            "grant_type=refresh_token&client_id=tricoach-desktop&refresh_token=" +
                                                tokens["refresh_token"].get<std::string>(),
                                            {{"Content-Type", "application/x-www-form-urlencoded"}});
    ASSERT_EQ(rotated.status, 200) << rotated.body;
    const auto desktop = nlohmann::json::parse(rotated.body);
    const RawResponse refreshed = broker(desktop["access_token"]);
    ASSERT_EQ(refreshed.status, 200) << refreshed.body;
    const auto b = nlohmann::json::parse(refreshed.body);
    EXPECT_EQ(strava.counters().refreshes, refreshesBefore + 1);
    EXPECT_NE(b["access_token"], a["access_token"]);
    EXPECT_EQ(stravaAthleteOf(b["access_token"]), std::make_pair(200, kAnna));
    // The tokens are kept encrypted: neither the access token nor anything else of Strava's is in the file as text.
    QFile db(pathFor(QStringLiteral("sync.sqlite")));
    ASSERT_TRUE(db.open(QIODevice::ReadOnly));
    QByteArray bytes = db.readAll();
    QFile wal(pathFor(QStringLiteral("sync.sqlite-wal")));
    if (wal.open(QIODevice::ReadOnly))
        bytes += wal.readAll();
    EXPECT_FALSE(bytes.contains(QByteArray::fromStdString(b["access_token"].get<std::string>())));
    EXPECT_FALSE(bytes.contains(QByteArray::fromStdString(a["access_token"].get<std::string>())));
}

TEST_F(SyncStravaSignIn, CancelAtStravaGoesBackToTheDesktopAndAPasswordUserHasNoStravaToBroker)
{
    const std::string location = signInWithStrava(Secrets::newToken(), false);
    const auto q = queryOf(location);
    EXPECT_EQ(q.count("code"), 0u);
    EXPECT_EQ(q.count("error") ? q.at("error") : "", "access_denied");
    EXPECT_EQ(q.count("state") ? q.at("state") : "", "st");
    // A user without a Strava connection.
    NewUser u;
    u.email = "ben@example.org";
    u.createdAt = now;
    auto ben = server->store()->createUser(u);
    ASSERT_TRUE(ben.ok());
    const std::string access = Secrets::newToken();
    NewSession s;
    s.userId = ben->id;
    s.accessHash = Secrets::hashOf(access);
    s.accessExpiresAt = now + std::chrono::hours(1);
    s.refreshHash = Secrets::hashOf(Secrets::newToken());
    s.refreshExpiresAt = now + std::chrono::hours(24);
    s.now = now;
    ASSERT_TRUE(server->store()->createSession(s).ok());
    const RawResponse r = broker(access);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "strava.not-connected");
    EXPECT_EQ(httpRequest(port, "POST", "/v1/strava/token").status, 401);
}
