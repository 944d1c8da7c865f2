// plan week --llm-url: the real binary talks to the chat-completions emulator over a loopback socket.
#include "tests/e2e/clitest.h"
#include "tests/fakes/fakechatserver.h"

#include <QCoreApplication>
#include <QDate>
#include <QElapsedTimer>

using namespace tricoach::test;
using namespace tricoach::fakes;

namespace {

class cliLlm : public CliTest {
protected:
    // Like cli(), but the test's event loop keeps running so the emulator can answer.
    CliResult cliServed(const QStringList& args, const QString& key)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), pathFor(QStringLiteral("home")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), pathFor(QStringLiteral("home/config")));
        env.insert(QStringLiteral("TRICOACH_LLM_API_KEY"), key);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(TRICOACH_CLI_PATH), QStringList{QStringLiteral("--db"), dbPath()} + args);
        QElapsedTimer t;
        t.start();
        while (p.state() != QProcess::NotRunning && t.elapsed() < 60'000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        CliResult r;
        r.exitCode = p.exitCode();
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }
};

TEST_F(cliLlm, TheModelsWeekIsCheckedAndTheKeyComesFromTheEnvironment)
{
    FakeChatServer server;
    ASSERT_TRUE(server.start());
    ASSERT_EQ(cli({QStringLiteral("race"), QStringLiteral("set"), QStringLiteral("--date"),
                   QDate::currentDate().addDays(120).toString(Qt::ISODate), QStringLiteral("--distance"),
                   QStringLiteral("olympic")})
                  .exitCode,
              0);
    const CliResult engine = cli({QStringLiteral("plan"), QStringLiteral("week"), QStringLiteral("--json")});
    ASSERT_EQ(engine.exitCode, 0) << engine;
    // The model answers with the engine's own week, slightly renamed: it passes the rules.
    QString answer = engine.out;
    answer.replace(QStringLiteral("Long ride"), QStringLiteral("Long ride by the model"));
    server.enqueue(FakeResponse::completion(answer));
    const CliResult r = cliServed({QStringLiteral("plan"), QStringLiteral("week"), QStringLiteral("--json"),
                                   QStringLiteral("--llm-url"), server.baseUrl().toString(),
                                   QStringLiteral("--llm-model"), QStringLiteral("coach")},
                                  QStringLiteral("sk-from-env"));
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("Long ride by the model"))) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("passes the coaching rules"))) << r;
    ASSERT_EQ(server.requests().size(), 1);
    EXPECT_EQ(server.requests().front().headers.value("authorization"), QByteArray("Bearer sk-from-env"));

    // A refusal leaves the engine's week, and says why.
    server.enqueue(FakeResponse::refusal(QStringLiteral("No.")));
    const CliResult refused = cliServed({QStringLiteral("plan"), QStringLiteral("week"), QStringLiteral("--json"),
                                         QStringLiteral("--llm-url"), server.baseUrl().toString(),
                                         QStringLiteral("--llm-model"), QStringLiteral("coach")},
                                        QString());
    ASSERT_EQ(refused.exitCode, 0) << refused;
    EXPECT_TRUE(refused.err.contains(QStringLiteral("declined"))) << refused;
    EXPECT_FALSE(refused.out.contains(QStringLiteral("by the model")));
}

} // namespace
