// tricoach-cli strava … against the Strava emulator running as its own process: the sign-in with --no-browser (the
// authorize URL on stdout, a browser pressing Authorize), the sync, status, disconnect, `activities --json` with
// 64-bit ids, and a sync killed at random points that resumes to exactly Strava's activities.
#include "tests/e2e/clitest.h"
#include "tests/e2e/stravaprocess.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QThread>

#include <csignal>
#include <set>

using namespace tricoach::test;

namespace {

class cliStrava : public CliTest {
protected:
    QProcessEnvironment env() const
    {
        QProcessEnvironment e = strava.environment();
        e.insert(QStringLiteral("TRICOACH_SECRETS_FILE"), pathFor(QStringLiteral("secrets.json")));
        return e;
    }

    // strava connect --no-browser, with the "browser" pressing the buttons once the URL is printed.
    CliResult connect(bool approve = true, const QStringList& unticked = {}, QString* page = nullptr)
    {
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("HOME"), pathFor(QStringLiteral("home")));
        e.insert(QStringLiteral("XDG_CONFIG_HOME"), pathFor(QStringLiteral("home/config")));
        e.insert(env());
        p.setProcessEnvironment(e);
        p.start(QStringLiteral(TRICOACH_CLI_PATH),
                {QStringLiteral("--db"), dbPath(), QStringLiteral("strava"), QStringLiteral("connect"),
                 QStringLiteral("--no-browser"), QStringLiteral("--timeout-min"), QStringLiteral("1")});
        CliResult r;
        QString firstLine;
        while (firstLine.isEmpty()) {
            if (!p.waitForReadyRead(20000)) {
                ADD_FAILURE() << "no authorize URL: " << p.readAllStandardError().toStdString();
                p.kill();
                p.waitForFinished();
                return r;
            }
            if (p.canReadLine())
                firstLine = QString::fromUtf8(p.readLine());
        }
        r.out = firstLine;
        EXPECT_TRUE(firstLine.contains(QStringLiteral("authorize"))) << firstLine.toStdString();
        const auto url = QRegularExpression(QStringLiteral("(https?://\\S+)")).match(firstLine);
        EXPECT_TRUE(url.hasMatch());
        const QString shown = strava.pressOnAuthorizePage(QUrl(url.captured(1)), approve, unticked);
        if (page)
            *page = shown;
        EXPECT_TRUE(p.waitForFinished(30000));
        r.exitCode = p.exitCode();
        r.out += QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    std::set<qint64> stravaIds(qint64 athlete)
    {
        std::set<qint64> ids;
        const QJsonArray all = strava.control("GET", QStringLiteral("activities?athlete_id=%1").arg(athlete)).toArray();
        for (const QJsonValue& v : all)
            ids.insert(v.toObject().value(QStringLiteral("id")).toInteger());
        return ids;
    }

    // The Strava ids `activities --json` lists, each checked to appear once.
    std::set<qint64> storedIds()
    {
        const CliResult r = cli({QStringLiteral("activities"), QStringLiteral("--json")});
        EXPECT_EQ(r.exitCode, 0) << r;
        std::set<qint64> ids;
        for (const QJsonValue& v : r.array()) {
            const QJsonObject a = v.toObject();
            if (a.value(QStringLiteral("external_id")).isNull())
                continue;
            EXPECT_TRUE(ids.insert(a.value(QStringLiteral("external_id")).toInteger()).second) << "stored twice";
        }
        return ids;
    }

    StravaProcess strava;
};

} // namespace

TEST_F(cliStrava, ConnectWithoutABrowserPrintsTheAddressAndLinksTheProfile)
{
    ASSERT_TRUE(strava.start(1, 30));
    QString page;
    const CliResult r = connect(true, {}, &page);
    ASSERT_EQ(r.exitCode, 0) << r;
    // One line of stdout holds the address, so that a script can pick it.
    EXPECT_EQ(r.out.split(QLatin1Char('\n')).filter(QStringLiteral("authorize")).size(), 1) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("Connected to Strava as"))) << r;
    EXPECT_TRUE(page.contains(QStringLiteral("close this tab"))) << page.toStdString();
    const CliResult status = cli({QStringLiteral("strava"), QStringLiteral("status"), QStringLiteral("--json")}, env());
    ASSERT_EQ(status.exitCode, 0) << status;
    EXPECT_TRUE(status.object().value(QStringLiteral("connected")).toBool());
    EXPECT_EQ(status.object().value(QStringLiteral("athlete_id")).toInteger(), strava.athletes().front());
    // The tokens are in the 0600 secrets file, not in the database.
    QFile secrets(pathFor(QStringLiteral("secrets.json")));
    ASSERT_TRUE(secrets.exists());
    EXPECT_EQ(secrets.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
}

TEST_F(cliStrava, UntickingPrivateActivitiesSaysWhatIsMissing)
{
    ASSERT_TRUE(strava.start(1, 20));
    const CliResult r = connect(true, {QStringLiteral("activity:read_all")});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("Private activities"))) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("--ask-again"))) << r;
}

TEST_F(cliStrava, CancelOnStravasPageFailsClearlyAndStoresNothing)
{
    ASSERT_TRUE(strava.start(1, 20));
    const CliResult r = connect(false);
    EXPECT_EQ(r.exitCode, 1) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("denied"))) << r;
    const CliResult status = cli({QStringLiteral("strava"), QStringLiteral("status"), QStringLiteral("--json")}, env());
    EXPECT_FALSE(status.object().value(QStringLiteral("connected")).toBool());
}

TEST_F(cliStrava, SyncStoresEveryActivityWithItsExactIdAndASecondSyncAsksNothing)
{
    // Limits above Strava's defaults, so that the first sync fetches every recording in one go.
    ASSERT_TRUE(strava.start(1, 120, {QStringLiteral("--rate-limits"), QStringLiteral("2000,20000,1000,10000")}));
    ASSERT_EQ(connect().exitCode, 0);
    const CliResult sync = cli({QStringLiteral("strava"), QStringLiteral("sync"), QStringLiteral("--json")}, env());
    ASSERT_EQ(sync.exitCode, 0) << sync;
    EXPECT_EQ(sync.object().value(QStringLiteral("list_calls")).toInt(), 2); // 120 on one page, then an empty one
    EXPECT_TRUE(sync.object().value(QStringLiteral("complete")).toBool()) << sync;
    const std::set<qint64> expected = stravaIds(strava.athletes().front());
    EXPECT_EQ(storedIds(), expected);
    for (qint64 id : expected)
        EXPECT_GT(id, 1LL << 32);

    const int before =
        strava.control("GET", QStringLiteral("stats")).toObject().value(QStringLiteral("list_calls")).toInt();
    const CliResult again = cli({QStringLiteral("strava"), QStringLiteral("sync")}, env());
    ASSERT_EQ(again.exitCode, 0) << again;
    EXPECT_TRUE(again.out.contains(QStringLiteral("Up to date"))) << again;
    EXPECT_EQ(strava.control("GET", QStringLiteral("stats")).toObject().value(QStringLiteral("list_calls")).toInt(),
              before);
}

TEST_F(cliStrava, DisconnectRevokesAndKeepsTheActivities)
{
    ASSERT_TRUE(strava.start(1, 15));
    ASSERT_EQ(connect().exitCode, 0);
    ASSERT_EQ(cli({QStringLiteral("strava"), QStringLiteral("sync")}, env()).exitCode, 0);
    const std::set<qint64> before = storedIds();
    const CliResult r = cli({QStringLiteral("strava"), QStringLiteral("disconnect")}, env());
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_EQ(strava.control("GET", QStringLiteral("revocations")).toArray().size(), 1);
    EXPECT_EQ(storedIds(), before);
    const CliResult sync = cli({QStringLiteral("strava"), QStringLiteral("sync")}, env());
    EXPECT_EQ(sync.exitCode, 1);
    EXPECT_TRUE(sync.err.contains(QStringLiteral("not connected"))) << sync;
}

TEST_F(cliStrava, ASyncKilledAtRandomPointsResumesToExactlyStravasActivities)
{
    // Strava's clock runs fast and a tenth of its answers fail, so that kills land in every phase: listing, merging,
    // recordings, refreshing a token, backing off.
    ASSERT_TRUE(strava.start(1, 400,
                             {QStringLiteral("--time-scale"), QStringLiteral("600"), QStringLiteral("--random-faults"),
                              QStringLiteral("0.1")}));
    ASSERT_EQ(connect().exitCode, 0);
    QProcessEnvironment e = env();
    e.insert(QStringLiteral("TRICOACH_STRAVA_TIME_SCALE"), QStringLiteral("600"));
    QProcessEnvironment full = QProcessEnvironment::systemEnvironment();
    full.insert(QStringLiteral("HOME"), pathFor(QStringLiteral("home")));
    full.insert(QStringLiteral("XDG_CONFIG_HOME"), pathFor(QStringLiteral("home/config")));
    full.insert(e);
    QRandomGenerator random(4242);
    for (int kill = 0; kill < 20; ++kill) {
        QProcess p;
        p.setProcessEnvironment(full);
        p.start(QStringLiteral(TRICOACH_CLI_PATH), {QStringLiteral("--db"), dbPath(), QStringLiteral("strava"),
                                                    QStringLiteral("sync"), QStringLiteral("--wait")});
        ASSERT_TRUE(p.waitForStarted(10000));
        QThread::msleep(random.bounded(100, 900));
        ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
        p.waitForFinished(10000);
    }
    // Finish: a normal run, then a forced listing; nothing was lost, nothing doubled, and the file is sound.
    const CliResult finish = cli({QStringLiteral("strava"), QStringLiteral("sync"), QStringLiteral("--wait")}, e);
    ASSERT_EQ(finish.exitCode, 0) << finish;
    strava.control("DELETE", QStringLiteral("faults"));
    const CliResult force = cli({QStringLiteral("strava"), QStringLiteral("sync"), QStringLiteral("--force"),
                                 QStringLiteral("--wait"), QStringLiteral("--json")},
                                e);
    ASSERT_EQ(force.exitCode, 0) << force;
    EXPECT_EQ(force.object().value(QStringLiteral("added")).toInt(), 0) << force;
    EXPECT_EQ(storedIds(), stravaIds(strava.athletes().front()));
    EXPECT_EQ(
        strava.control("GET", QStringLiteral("stats")).toObject().value(QStringLiteral("too_many_requests")).toInt(),
        0);
}

TEST_F(cliStrava, AKillJustAfterATokenRefreshKeepsTheNewPair)
{
    ASSERT_TRUE(strava.start(1, 30));
    ASSERT_EQ(connect().exitCode, 0);
    // Strava refuses the next call's access token as expired, so the sync refreshes the pair (and Strava invalidates
    // the old refresh token at once); then Strava holds the retried call's answer, and the CLI is killed while it
    // waits: after the refresh, before the new access token ever got an answer.
    strava.control("POST", QStringLiteral("faults"),
                   {{QStringLiteral("kind"), QStringLiteral("expired_token")},
                    {QStringLiteral("path"), QStringLiteral("/athlete/activities")},
                    {QStringLiteral("count"), 1}});
    strava.control("POST", QStringLiteral("faults"),
                   {{QStringLiteral("kind"), QStringLiteral("slow")},
                    {QStringLiteral("delay_ms"), 30000},
                    {QStringLiteral("path"), QStringLiteral("/athlete/activities")},
                    {QStringLiteral("count"), 1}});
    const auto refreshes = [&] {
        return strava.control("GET", QStringLiteral("stats")).toObject().value(QStringLiteral("refreshes")).toInt();
    };
    const int before = refreshes();
    QProcess p;
    QProcessEnvironment full = QProcessEnvironment::systemEnvironment();
    full.insert(QStringLiteral("HOME"), pathFor(QStringLiteral("home")));
    full.insert(QStringLiteral("XDG_CONFIG_HOME"), pathFor(QStringLiteral("home/config")));
    full.insert(env());
    p.setProcessEnvironment(full);
    p.start(QStringLiteral(TRICOACH_CLI_PATH),
            {QStringLiteral("--db"), dbPath(), QStringLiteral("strava"), QStringLiteral("sync")});
    ASSERT_TRUE(p.waitForStarted(10000));
    QElapsedTimer waited;
    waited.start();
    while (refreshes() == before && waited.elapsed() < 20000)
        QThread::msleep(20);
    ASSERT_GT(refreshes(), before) << "the sync never refreshed its token";
    QThread::msleep(300); // the CLI is now waiting on the held answer
    ASSERT_EQ(p.state(), QProcess::Running);
    ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
    p.waitForFinished(10000);
    strava.control("DELETE", QStringLiteral("faults"));
    // Only the pair written before its first use can sign this sync in: the old refresh token is dead.
    const CliResult next = cli({QStringLiteral("strava"), QStringLiteral("sync"), QStringLiteral("--json")}, env());
    ASSERT_EQ(next.exitCode, 0) << next;
    EXPECT_EQ(storedIds(), stravaIds(strava.athletes().front()));
    EXPECT_EQ(refreshes(), before + 1); // the saved access token was still good: no second refresh
}
