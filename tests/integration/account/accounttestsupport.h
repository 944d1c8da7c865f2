#pragma once
// The desktop's TriCoach account against the real tricoach-sync (in this process, on loopback sockets, with an
// SQLite file) and the Strava emulator, with desktops that each have their own store and secrets, and a browser
// that plays the athlete on the sign-in pages over real HTTP from a thread of its own.

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

// One computer with TriCoach: its own database and secrets.
struct Desktop {
    std::unique_ptr<ActivityStore> store;
    MemorySecrets secrets;
    AthleteId athlete = 0;
    strava::StravaEndpoints endpoints;

    account::TriCoachAccount account() { return account::TriCoachAccount(*store, athlete, secrets); }
    strava::StravaAccount strava() { return strava::StravaAccount(*store, athlete, secrets, endpoints); }
    int activities() const { return static_cast<int>(store->stravaEntries(athlete).size()); }
};

class AccountTest : public TempDirTest {
protected:
    void SetUp() override
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
        config.database = "sqlite:" + pathFor(QStringLiteral("sync.sqlite")).toStdString();
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

    void TearDown() override
    {
        if (server)
            server->stop();
    }

    std::unique_ptr<Desktop> desktop(const QString& name)
    {
        auto d = std::make_unique<Desktop>();
        auto opened = ActivityStore::open(pathFor(name + QStringLiteral(".sqlite")));
        EXPECT_TRUE(opened.ok()) << opened.error().message.toStdString();
        if (!opened)
            return d;
        d->store = std::move(*opened);
        d->athlete = d->store->defaultAthlete()->id;
        d->endpoints = {strava.apiBase(), strava.oauthBase()};
        EXPECT_TRUE(d->account().setServer(QString::fromStdString(server->baseUrl())).ok());
        return d;
    }

    // What the athlete does in the browser the desktop opened. Runs on its own thread (the desktop's listener and
    // the emulator answer on this one); `landed` is the last page, the desktop's "you can close this tab".
    using Steps = std::function<void(TestBrowser&, const BrowserPage& signInPage)>;
    Result<account::AccountState> signIn(Desktop& d, const Steps& steps)
    {
        std::thread browser;
        std::atomic<bool> browsed{false};
        auto openUrl = [&](const QUrl& url) {
            browser = std::thread([&, url] {
                TestBrowser b;
                const BrowserPage page = b.open(url);
                steps(b, page);
                browsed = true;
            });
            return true;
        };
        auto account = d.account();
        auto result = account.signIn(openUrl, 20'000);
        if (browser.joinable()) {
            // The browser's last request may still be on its way; the emulator it may need answers here.
            EXPECT_TRUE(waitFor([&] { return browsed.load(); }, 15'000));
            browser.join();
        }
        return result;
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
};

} // namespace tricoach::test
