#pragma once
// tricoach-sync in-process on real sockets, on both backends (a real SQLite file, the harness's real PostgreSQL),
// with users and access tokens, a raw client for Strava's POSTs and a server-sent-events client that reads frames.

#include "sync-server/app/syncserver.h"
#include "sync-server/auth/secrets.h"
#include "sync-server/ops/jsonlog.h"
#include "sync-server/strava/webhook.h"
#include "tests/support/rawhttp.h"
#include "tests/support/sseclient.h"
#include "tests/unit/sync-server/store/storetestsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tricoach::sync::test {

inline constexpr const char* kWebhookPath = "hook-6f1d2c9a8b";
inline constexpr const char* kVerifyToken = "verify-STRAVA-token";

using tricoach::test::SseClient;
using tricoach::test::SseFrame;

// Polls `done` (running Qt's events, for an emulator in this thread) until it holds or `ms` pass.
template <typename F> bool waitUntil(F done, int ms = 5000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > ms)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    return true;
}

// A SyncServer on the test's database (StoreTest gives one per backend), its log kept for the secret grep.
class ServerTest : public StoreTest {
protected:
    std::mutex m_linesMutex;
    std::string m_lines;
    JsonLog m_log{[this](const std::string& line) {
        std::lock_guard lock(m_linesMutex);
        m_lines += line + "\n";
    }};

    std::string logText()
    {
        std::lock_guard lock(m_linesMutex);
        return m_lines;
    }

    ServerConfig config() const
    {
        ServerConfig c;
        c.port = 0;
        c.threads = 2;
        c.database = m_url;
        c.strava.verifyToken = kVerifyToken;
        c.strava.webhookPath = kWebhookPath;
        return c;
    }

    static SyncServer::Options fastOptions()
    {
        SyncServer::Options o;
        o.events.heartbeat = std::chrono::milliseconds(150);
        o.subscriptionRetry = std::chrono::milliseconds(50);
        o.subscriptionLease = std::chrono::seconds(1);
        return o;
    }

    std::unique_ptr<SyncServer> startServer(ServerConfig c, SyncServer::Options o = fastOptions())
    {
        auto server = std::make_unique<SyncServer>(std::move(c), m_log, o);
        auto started = server->start();
        EXPECT_TRUE(started.ok()) << (started.ok() ? "" : started.error().message.toStdString());
        EXPECT_TRUE(waitUntil([&] { return server->store() != nullptr; }));
        return server;
    }

    // An access token of a new session of `user`, as `tricoach-sync session create` makes one.
    std::string tokenFor(UserId user, std::int64_t lifetimeMs = 3'600'000)
    {
        const std::string token = Secrets::newToken();
        NewSession s;
        s.userId = user;
        s.clientName = "test desktop";
        s.accessHash = Secrets::hashOf(token);
        s.refreshHash = Secrets::hashOf(Secrets::newToken());
        const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
        s.now = now;
        s.accessExpiresAt = now + std::chrono::milliseconds(lifetimeMs);
        s.refreshExpiresAt = now + std::chrono::hours(24);
        auto created = m_store->createSession(s);
        EXPECT_TRUE(created) << created.error().message.toStdString();
        return token;
    }

    static std::string eventBody(std::int64_t owner, std::int64_t object, const std::string& aspect, std::int64_t time,
                                 nlohmann::json updates = nlohmann::json::object(), std::int64_t subscription = 120001,
                                 const std::string& type = "activity")
    {
        return nlohmann::json{{"object_type", type},
                              {"object_id", object},
                              {"aspect_type", aspect},
                              {"owner_id", owner},
                              {"subscription_id", subscription},
                              {"event_time", time},
                              {"updates", updates}}
            .dump();
    }

    static tricoach::test::RawResponse post(quint16 port, const std::string& body,
                                            const std::string& path = kWebhookPath)
    {
        return tricoach::test::httpRequest(port, "POST", "/strava/webhook/" + path, body,
                                           {{"Content-Type", "application/json"}});
    }

    static tricoach::test::RawResponse get(quint16 port, const std::string& target, const std::string& token)
    {
        std::vector<std::pair<std::string, std::string>> h;
        if (!token.empty())
            h.emplace_back("Authorization", "Bearer " + token);
        return tricoach::test::httpRequest(port, "GET", target, {}, h);
    }

    std::vector<Event> eventsOf(UserId user, EventId after = 0)
    {
        auto e = m_store->eventsFor(user, after, 1000);
        EXPECT_TRUE(e);
        return e ? *e : std::vector<Event>{};
    }

    EventId latestId()
    {
        auto latest = m_store->latestEventId();
        EXPECT_TRUE(latest);
        return latest ? *latest : -1;
    }
};

} // namespace tricoach::sync::test
