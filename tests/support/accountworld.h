#pragma once
// tricoach-sync in this process (loopback sockets, an SQLite file) with the Strava emulator, and a browser that
// plays the athlete on the sign-in pages over real HTTP from a thread of its own: the desktop's account tests
// (integration and widgets) share it.

#include "core/account/tricoachaccount.h"
#include "core/secrets/secretstore.h"
#include "core/store/activitystore.h"
#include "core/strava/stravaaccount.h"
#include "sync-server/app/syncserver.h"
#include "sync-server/auth/secrets.h"
#include "sync-server/ops/jsonlog.h"
#include "tests/fakes/fakestrava.h"
#include "tests/support/tempdir.h"
#include "tests/support/testbrowser.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTcpServer>

#include <atomic>
#include <gtest/gtest.h>
#include <memory>
#include <thread>

namespace tricoach::test {

inline const QString kServerClientId = QStringLiteral("5151");
inline const QString kServerClientSecret = QStringLiteral("server-side-strava-secret");
inline constexpr const char* kHookPath = "hook-3c6e0b7d";
inline constexpr qint64 kAnnaStrava = 9'200'000'001LL; // beyond 2^32
inline constexpr qint64 kBorisStrava = 9'200'000'002LL;

// Runs Qt's events (the emulator and the desktops live on this thread) until `done` or `ms` pass.
template <typename F> bool waitFor(F done, int ms = 5000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > ms)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

// tricoach-sync in this process with its Strava settings pointing at the emulator, and what the athlete does in a
// browser. A mixin: integration and widget tests alike start it with a database path of theirs.
class AccountWorld {
public:
    virtual ~AccountWorld() { stopWorld(); }

    void startWorld(const QString& databasePath)
    {
        strava.addApp(kServerClientId, kServerClientSecret);
        strava.addAthlete(kAnnaStrava, QStringLiteral("Anna"), QStringLiteral("Berg"));
        strava.addAthlete(kBorisStrava, QStringLiteral("Boris"), QStringLiteral("Ivanov"));
        strava.seed(kAnnaStrava, 12, 7);
        strava.seed(kBorisStrava, 5, 8);
        strava.setRateLimits(20'000, 200'000, 10'000, 100'000);
        ASSERT_TRUE(strava.start());
        quint16 port = 0;
        {
            QTcpServer probe; // a fixed port: Strava's subscription needs our public address before we listen
            ASSERT_TRUE(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        sync::ServerConfig config;
        config.port = port;
        config.threads = 2;
        config.database = "sqlite:" + databasePath.toStdString();
        config.tokenKey = QByteArray(32, '\x17').toBase64().toStdString();
        config.strava.clientId = kServerClientId.toStdString();
        config.strava.clientSecret = kServerClientSecret.toStdString();
        config.strava.verifyToken = "verify-me";
        config.strava.webhookPath = kHookPath;
        config.strava.oauthBase = strava.oauthBase().toString().toStdString();
        config.strava.apiBase = strava.apiBase().toString().toStdString();
        sync::SyncServer::Options options;
        options.events.heartbeat = std::chrono::milliseconds(500);
        server = std::make_unique<sync::SyncServer>(config, log, options);
        ASSERT_TRUE(server->start().ok());
        // The subscription is in place before any event is pushed.
        ASSERT_TRUE(waitFor([&] { return strava.pushSubscription(kServerClientId).has_value(); }, 10000));
    }

    void stopWorld()
    {
        finishBrowsing();
        if (server)
            server->stop();
    }

    // What the athlete does in the browser the desktop opened, on a thread of its own (the desktop's listener and
    // the emulator answer on this one).
    using Steps = std::function<void(TestBrowser&, const BrowserPage& signInPage)>;

    // An "open the browser" for the desktop: plays `steps` on the page it is given.
    std::function<bool(const QUrl&)> browse(Steps steps)
    {
        return [this, steps](const QUrl& url) {
            finishBrowsing();
            m_browsed = false;
            m_browser = std::thread([this, steps, url] {
                TestBrowser b;
                const BrowserPage page = b.open(url);
                steps(b, page);
                m_browsed = true;
            });
            return true;
        };
    }

    // Waits for the browser's last request (the emulator it may need answers on this thread).
    void finishBrowsing()
    {
        if (!m_browser.joinable())
            return;
        EXPECT_TRUE(waitFor([&] { return m_browsed.load(); }, 15'000));
        m_browser.join();
    }

    static Steps withStrava(bool approve = true)
    {
        return [approve](TestBrowser& b, const BrowserPage& page) {
            const BrowserPage atStrava =
                b.submit(page, "/oauth/strava/start", {{"pending", TestBrowser::field(page, "pending")}});
            std::vector<std::pair<std::string, std::string>> form{
                {"request_id", TestBrowser::field(atStrava, "request_id")},
                {"decision", approve ? "authorize" : "cancel"},
                {"scope", "read"},
                {"scope", "activity:read"},
                {"scope", "activity:read_all"}};
            b.submit(atStrava, "/oauth/authorize", form);
        };
    }

    static Steps withPassword(const std::string& email, const std::string& password)
    {
        return [email, password](TestBrowser& b, const BrowserPage& page) {
            b.submit(page, "/oauth/password",
                     {{"pending", TestBrowser::field(page, "pending")}, {"email", email}, {"password", password}});
        };
    }

    // An email account made on the server, as `tricoach-sync user create --email` does.
    void makeEmailUser(const std::string& email, const std::string& password)
    {
        sync::NewUser u;
        u.email = email;
        u.passwordHash = sync::Secrets::hashPassword(password);
        u.displayName = "Vera";
        u.locale = "en";
        u.createdAt = sync::Timestamp(std::chrono::milliseconds(QDateTime::currentMSecsSinceEpoch()));
        auto created = server->store()->createUser(u);
        ASSERT_TRUE(created) << created.error().message.toStdString();
    }

    // Strava tells the server about a change, as its webhook does.
    void push(const QString& objectType, qint64 objectId, const QString& aspect, qint64 owner,
              const QJsonObject& updates = {})
    {
        const auto delivery = strava.pushEvent(
            kServerClientId, fakes::FakeStrava::webhookEvent(objectType, objectId, aspect, owner,
                                                             QDateTime::currentSecsSinceEpoch(), updates));
        ASSERT_TRUE(delivery.delivered());
    }

    fakes::FakeStrava strava;
    sync::JsonLog log{[](const std::string&) {}};
    std::unique_ptr<sync::SyncServer> server;

private:
    std::thread m_browser;
    std::atomic<bool> m_browsed{false};
};

} // namespace tricoach::test
