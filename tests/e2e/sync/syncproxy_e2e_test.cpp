// Two tricoach-sync processes on one PostgreSQL behind Debian's nginx, as an operator runs them: a desktop's event
// stream goes through nginx, the instance serving it is killed mid-stream (SIGKILL), and the desktop reconnects
// through nginx with Last-Event-ID — it gets every event exactly once, in order, those posted while it was away
// included.
#include "tests/support/nginxproxy.h"
#include "tests/support/rawhttp.h"
#include "tests/support/sseclient.h"
#include "tests/support/tempdir.h"
#include "tests/support/testpostgres.h"

#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QThread>

#include <csignal>
#include <gtest/gtest.h>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>

using namespace tricoach::test;

namespace {

constexpr const char* kWebhookPath = "hook-3b8e51f0c2";
constexpr std::int64_t kAthlete = 134815;

quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost);
    return s.serverPort();
}

class syncProxy : public TempDirTest {
protected:
    void SetUp() override
    {
        m_pg = TestPostgres::shared();
        ASSERT_NE(m_pg, nullptr) << TestPostgres::startError().toStdString();
        m_url = QString::fromStdString(m_pg->createDatabase());
        ASSERT_FALSE(m_url.isEmpty());
    }

    void TearDown() override
    {
        for (auto& [port, p] : m_instances) {
            if (p->state() != QProcess::NotRunning) {
                p->kill();
                p->waitForFinished(5000);
            }
        }
        m_nginx.stop();
        if (HasFailure()) { // what the processes said, to tell why
            for (auto& [port, p] : m_instances)
                std::cerr << "--- tricoach-sync on " << port << ":\n" << readFile(logOf(port)).toStdString();
            std::cerr << "--- nginx:\n" << m_nginx.errorLog().toStdString();
        }
        if (m_pg)
            m_pg->dropDatabase(m_url.toStdString());
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), pathFor(QStringLiteral("home")));
        env.insert(QStringLiteral("TRICOACH_SYNC_DATABASE"), m_url);
        env.insert(QStringLiteral("TRICOACH_STRAVA_WEBHOOK_PATH"), QString::fromLatin1(kWebhookPath));
        env.insert(QStringLiteral("TRICOACH_STRAVA_VERIFY_TOKEN"), QStringLiteral("verify-token-for-the-test"));
        return env;
    }

    // One tricoach-sync command to its end: its standard output.
    QString command(const QStringList& args)
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(QStringLiteral(TRICOACH_SYNC_PATH), args);
        p.closeWriteChannel();
        if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            ADD_FAILURE() << "tricoach-sync " << args.join(QLatin1Char(' ')).toStdString()
                          << " failed: " << p.readAllStandardError().toStdString();
            p.kill();
            p.waitForFinished();
            return {};
        }
        return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    }

    QString logOf(quint16 port) const { return pathFor(QStringLiteral("sync-%1.log").arg(port)); }

    static QString readFile(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

    // `serve` on a free loopback port; returns the port once the instance is ready (its database answers).
    quint16 startInstance()
    {
        const quint16 port = freePort();
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(environment());
        p->setProcessChannelMode(QProcess::MergedChannels);
        p->setStandardOutputFile(logOf(port));
        p->start(QStringLiteral(TRICOACH_SYNC_PATH),
                 {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port)});
        EXPECT_TRUE(p->waitForStarted(5000));
        m_instances.emplace(port, std::move(p));
        for (int i = 0; i < 200; ++i) {
            if (httpRequest(port, "GET", "/readyz", {}, {}, 1000).status == 200)
                return port;
            QThread::msleep(25);
        }
        ADD_FAILURE() << "tricoach-sync on port " << port << " never became ready";
        return port;
    }

    // A Strava webhook event through nginx: a new activity `object` of the test's athlete.
    RawResponse postEvent(std::int64_t object)
    {
        const std::string body = nlohmann::json{{"object_type", "activity"},
                                                {"object_id", object},
                                                {"aspect_type", "create"},
                                                {"owner_id", kAthlete},
                                                {"subscription_id", 120001},
                                                {"event_time", 1516126040 + object},
                                                {"updates", nlohmann::json::object()}}
                                     .dump();
        return httpRequest(m_proxyPort, "POST", std::string("/strava/webhook/") + kWebhookPath, body,
                           {{"Content-Type", "application/json"}});
    }

    TestPostgres* m_pg = nullptr;
    QString m_url;
    std::map<quint16, std::unique_ptr<QProcess>> m_instances;
    NginxProcess m_nginx;
    quint16 m_proxyPort = 0;
};

std::vector<std::int64_t> objectIds(const std::vector<SseFrame>& frames)
{
    std::vector<std::int64_t> ids;
    for (const SseFrame& f : frames)
        ids.push_back(nlohmann::json::parse(f.data, nullptr, false).value("object_id", std::int64_t(-1)));
    return ids;
}

} // namespace

TEST_F(syncProxy, AStreamThroughNginxMissesNothingWhenItsInstanceIsKilled)
{
    // Never a silent skip: without nginx this test cannot say anything, and says so.
    ASSERT_FALSE(NginxProcess::binary().isEmpty())
        << "nginx is missing: install Debian's nginx-light (scripts/install-deps.sh installs it)";
    command({QStringLiteral("migrate")});
    const QString userId = command({QStringLiteral("user"), QStringLiteral("create"),
                                    QStringLiteral("--strava-athlete"), QString::number(kAthlete)});
    ASSERT_FALSE(userId.isEmpty());
    const std::string token =
        command({QStringLiteral("session"), QStringLiteral("create"), QStringLiteral("--user"), userId})
            .split(QLatin1Char('\n'))
            .last()
            .toStdString();
    ASSERT_EQ(token.size(), 43u);

    const quint16 a = startInstance();
    const quint16 b = startInstance();
    NginxSite site;
    site.upstreams = {"127.0.0.1:" + std::to_string(a), "127.0.0.1:" + std::to_string(b)};
    site.listenPort = m_proxyPort = freePort();
    const QString started = m_nginx.start(site, pathFor(QStringLiteral("nginx")));
    ASSERT_TRUE(started.isEmpty()) << started.toStdString();

    SseClient first;
    ASSERT_TRUE(first.open(m_proxyPort, "/v1/events/stream?after=0", token)) << first.headers;
    const std::string servedBy = first.header("X-Tricoach-Upstream");
    ASSERT_TRUE(servedBy == site.upstreams[0] || servedBy == site.upstreams[1]) << first.headers;
    const quint16 victim = servedBy == site.upstreams[0] ? a : b;
    const std::string survivor = servedBy == site.upstreams[0] ? site.upstreams[1] : site.upstreams[0];

    for (std::int64_t object = 1; object <= 5; ++object)
        ASSERT_EQ(postEvent(object).status, 200) << object;
    std::vector<SseFrame> got = first.frames(5, 5000);
    ASSERT_EQ(objectIds(got), (std::vector<std::int64_t>{1, 2, 3, 4, 5})) << first.text();

    // The instance serving the stream dies without a word; nginx closes the desktop's stream.
    ::kill(static_cast<pid_t>(m_instances[victim]->processId()), SIGKILL);
    ASSERT_TRUE(m_instances[victim]->waitForFinished(5000));
    ASSERT_TRUE(first.waitClosed(5000)) << "nginx kept the stream of a dead instance open";
    got = first.frames(5, 0);
    ASSERT_EQ(got.size(), 5u) << "nothing more came before the cut";

    // While the desktop is away, Strava goes on posting (nginx sends it to the instance left).
    for (std::int64_t object = 6; object <= 10; ++object)
        ASSERT_EQ(postEvent(object).status, 200) << object;

    // The desktop reconnects through nginx, saying what it has seen.
    SseClient resumed;
    ASSERT_TRUE(resumed.open(m_proxyPort, "/v1/events/stream", token, got.back().id)) << resumed.headers;
    EXPECT_EQ(resumed.header("X-Tricoach-Upstream"), survivor);
    const std::vector<SseFrame> missed = resumed.frames(5, 5000);
    EXPECT_EQ(objectIds(missed), (std::vector<std::int64_t>{6, 7, 8, 9, 10})) << resumed.text();
    for (std::int64_t object = 11; object <= 13; ++object)
        ASSERT_EQ(postEvent(object).status, 200) << object;
    const std::vector<SseFrame> after = resumed.frames(8, 5000);
    ASSERT_GE(after.size(), missed.size());
    got.insert(got.end(), after.begin(), after.end());

    // Every stored event exactly once and in order: the ids the server keeps (its page, through nginx), against
    // the objects this test posted.
    std::vector<std::int64_t> objects(13);
    std::iota(objects.begin(), objects.end(), 1);
    EXPECT_EQ(objectIds(got), objects) << resumed.text();
    const RawResponse page =
        httpRequest(m_proxyPort, "GET", "/v1/events?after=0&limit=500", {}, {{"Authorization", "Bearer " + token}});
    ASSERT_EQ(page.status, 200) << page.body;
    std::vector<std::string> storedIds;
    const nlohmann::json stored = nlohmann::json::parse(page.body);
    for (const auto& e : stored["events"])
        storedIds.push_back(std::to_string(e["id"].get<std::int64_t>()));
    std::vector<std::string> receivedIds;
    for (const SseFrame& f : got)
        receivedIds.push_back(f.id);
    EXPECT_EQ(receivedIds, storedIds);
    for (size_t i = 1; i < got.size(); ++i)
        EXPECT_LT(std::stoll(got[i - 1].id), std::stoll(got[i].id)) << "event ids go up";
}
