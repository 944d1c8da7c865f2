// tricoach-sync's commands as an operator types them: users, sessions, migrate, serve (until SIGTERM) with the
// embedded SQLite file, and mistakes answered with a message and exit code 2.
#include "tests/support/rawhttp.h"
#include "tests/support/tempdir.h"

#include <QProcess>
#include <QTcpServer>
#include <QThread>

#include <csignal>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace tricoach::test;

namespace {

struct SyncRun {
    int exitCode = -1;
    QString out;
    QString err;
};

class syncCli : public TempDirTest {
protected:
    QString database() const { return QStringLiteral("sqlite:") + pathFor(QStringLiteral("sync.sqlite")); }

    SyncRun run(QStringList args, const QByteArray& input = {}, bool withDatabase = true) const
    {
        if (withDatabase)
            args << QStringLiteral("--database") << database();
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), pathFor(QStringLiteral("home")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), pathFor(QStringLiteral("home/data")));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(TRICOACH_SYNC_PATH), args);
        p.write(input);
        p.closeWriteChannel();
        SyncRun r;
        if (!p.waitForFinished(60000)) {
            ADD_FAILURE() << "tricoach-sync did not finish";
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }
};

quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost);
    return s.serverPort();
}

} // namespace

TEST_F(syncCli, UsersAndSessionsAreMadeListedAndEnded)
{
    const SyncRun athlete = run({QStringLiteral("user"), QStringLiteral("create"), QStringLiteral("--strava-athlete"),
                                 QStringLiteral("28476120000")});
    ASSERT_EQ(athlete.exitCode, 0) << athlete.err.toStdString();
    const QString athleteId = athlete.out.trimmed();
    const SyncRun anna = run({QStringLiteral("user"), QStringLiteral("create"), QStringLiteral("--email"),
                              QStringLiteral("Anna@Example.org")},
                             "correct horse battery\n");
    ASSERT_EQ(anna.exitCode, 0) << anna.err.toStdString();
    const SyncRun list = run({QStringLiteral("user"), QStringLiteral("list")});
    ASSERT_EQ(list.exitCode, 0);
    EXPECT_TRUE(list.out.contains(QStringLiteral("28476120000"))) << list.out.toStdString(); // 64-bit id intact
    EXPECT_TRUE(list.out.contains(QStringLiteral("anna@example.org"))) << list.out.toStdString();
    EXPECT_FALSE(list.out.contains(QStringLiteral("horse")));
    const SyncRun session =
        run({QStringLiteral("session"), QStringLiteral("create"), QStringLiteral("--user"), athleteId});
    ASSERT_EQ(session.exitCode, 0) << session.err.toStdString();
    const QString token = session.out.trimmed().split(QLatin1Char('\n')).last();
    EXPECT_EQ(token.size(), 43); // 32 random bytes, base64url
    // The token signs a request in on a running server; after the user is disabled it no longer does.
    const quint16 port = freePort();
    QProcess server;
    server.start(QStringLiteral(TRICOACH_SYNC_PATH),
                 {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
                  QStringLiteral("--database"), database()});
    ASSERT_TRUE(server.waitForStarted());
    RawResponse me;
    for (int i = 0; i < 100 && me.status == 0; ++i) {
        QThread::msleep(50);
        me = httpRequest(port, "GET", "/v1/me", {}, {{"Authorization", "Bearer " + token.toStdString()}});
    }
    EXPECT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(nlohmann::json::parse(me.body, nullptr, false)["strava_athlete_id"], 28476120000LL);
    EXPECT_EQ(httpRequest(port, "GET", "/readyz").status, 200);
    const SyncRun disable = run({QStringLiteral("user"), QStringLiteral("disable"), athleteId});
    EXPECT_EQ(disable.exitCode, 0) << disable.err.toStdString();
    EXPECT_EQ(httpRequest(port, "GET", "/v1/me", {}, {{"Authorization", "Bearer " + token.toStdString()}}).status, 401);
    // SIGTERM: a clean stop, with JSON log lines that never show the token.
    ::kill(static_cast<pid_t>(server.processId()), SIGTERM);
    ASSERT_TRUE(server.waitForFinished(10000));
    EXPECT_EQ(server.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(server.exitCode(), 0);
    const QByteArray log = server.readAllStandardOutput();
    EXPECT_TRUE(log.contains("\"msg\":\"stopped\"")) << log.toStdString();
    EXPECT_FALSE(log.contains(token.toUtf8()));
    for (const QByteArray& line : log.split('\n')) {
        if (!line.isEmpty()) {
            EXPECT_TRUE(nlohmann::json::parse(line.toStdString(), nullptr, false).is_object()) << line.toStdString();
        }
    }
}

TEST_F(syncCli, MistakesAreNamedWithExitCodeTwo)
{
    const SyncRun help = run({QStringLiteral("--help")}, {}, false);
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(help.out.contains(QStringLiteral("TRICOACH_STRAVA_WEBHOOK_PATH")));
    const SyncRun unknown = run({QStringLiteral("frobnicate")}, {}, false);
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_TRUE(unknown.err.contains(QStringLiteral("unknown command 'frobnicate'")));
    const SyncRun both = run({QStringLiteral("user"), QStringLiteral("create")});
    EXPECT_EQ(both.exitCode, 2);
    EXPECT_TRUE(both.err.contains(QStringLiteral("--strava-athlete ID or --email EMAIL")));
    const SyncRun shortPassword = run(
        {QStringLiteral("user"), QStringLiteral("create"), QStringLiteral("--email"), QStringLiteral("b@example.org")},
        "short\n");
    EXPECT_EQ(shortPassword.exitCode, 2);
    EXPECT_TRUE(shortPassword.err.contains(QStringLiteral("at least 10")));
    const SyncRun badListen = run({QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("nowhere")});
    EXPECT_EQ(badListen.exitCode, 2);
    EXPECT_TRUE(badListen.err.contains(QStringLiteral("HOST:PORT")));
    const SyncRun noUser =
        run({QStringLiteral("session"), QStringLiteral("create"), QStringLiteral("--user"), QStringLiteral("999")});
    EXPECT_EQ(noUser.exitCode, 1);
    EXPECT_TRUE(noUser.err.contains(QStringLiteral("no user 999")));
    const SyncRun badDb =
        run({QStringLiteral("migrate"), QStringLiteral("--database"), QStringLiteral("mysql://x")}, {}, false);
    EXPECT_EQ(badDb.exitCode, 1);
    EXPECT_FALSE(badDb.err.isEmpty());
}

TEST_F(syncCli, TheBenchmarksHelloRouteIsThereOnlyWhenAskedFor)
{
    for (const bool asked : {false, true}) {
        const quint16 port = freePort();
        QStringList args{QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
                         QStringLiteral("--database"), database()};
        if (asked)
            args << QStringLiteral("--bench-routes");
        QProcess server;
        server.start(QStringLiteral(TRICOACH_SYNC_PATH), args);
        ASSERT_TRUE(server.waitForStarted());
        RawResponse health;
        for (int i = 0; i < 100 && health.status != 200; ++i) {
            QThread::msleep(50);
            health = httpRequest(port, "GET", "/readyz");
        }
        ASSERT_EQ(health.status, 200);
        const RawResponse hello = httpRequest(port, "GET", "/bench/hello");
        EXPECT_EQ(hello.status, asked ? 200 : 404) << hello.body;
        // Through the same front as real routes: counted in the metrics under its pattern.
        const RawResponse metrics = httpRequest(port, "GET", "/metrics");
        EXPECT_EQ(metrics.body.find("route=\"/bench/hello\"") != std::string::npos, asked) << metrics.body;
        ::kill(static_cast<pid_t>(server.processId()), SIGTERM);
        ASSERT_TRUE(server.waitForFinished(10000));
    }
    const SyncRun help = run({QStringLiteral("--help")}, {}, false);
    EXPECT_FALSE(help.out.contains(QStringLiteral("--bench-routes"))) << "an operator is never offered it";
    EXPECT_FALSE(help.out.contains(QStringLiteral("/bench/"))) << "an operator is never offered it";
}
