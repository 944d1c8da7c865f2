// tricoach-cli account ... and strava connect --through-account where nothing can work yet: no server set, an
// address that is not one, a server that is not there, not signed in. Each says what to do and stores nothing.
// (The sign-in itself, with a browser, is browser.AccountSignInThroughChromium.)
#include "tests/e2e/clitest.h"

#include <QTcpServer>

using namespace tricoach::test;

namespace {
class cliAccount : public CliTest {
protected:
    QProcessEnvironment noServer() const
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("TRICOACH_SYNC_URL"), QString());
        env.insert(QStringLiteral("TRICOACH_SECRETS_FILE"), pathFor(QStringLiteral("secrets.json")));
        return env;
    }
};
} // namespace

TEST_F(cliAccount, StatusSaysWhatToDoFirst)
{
    const CliResult text = cli({QStringLiteral("account"), QStringLiteral("status")}, noServer());
    EXPECT_EQ(text.exitCode, 0) << text;
    EXPECT_TRUE(text.out.contains(QStringLiteral("account sign-in --server"))) << text;
    const CliResult json =
        cli({QStringLiteral("account"), QStringLiteral("status"), QStringLiteral("--json")}, noServer());
    EXPECT_EQ(json.object().value(QStringLiteral("signed_in")), QJsonValue(false));
    EXPECT_TRUE(json.object().value(QStringLiteral("server")).isNull());
}

TEST_F(cliAccount, SignInWithoutAUsableServerFailsClearlyAndStoresNothing)
{
    const CliResult none =
        cli({QStringLiteral("account"), QStringLiteral("sign-in"), QStringLiteral("--no-browser")}, noServer());
    EXPECT_EQ(none.exitCode, 1) << none;
    EXPECT_TRUE(none.err.contains(QStringLiteral("No TriCoach server is set"))) << none;

    const CliResult plain = cli({QStringLiteral("account"), QStringLiteral("sign-in"), QStringLiteral("--server"),
                                 QStringLiteral("http://sync.example.org"), QStringLiteral("--no-browser")},
                                noServer());
    EXPECT_EQ(plain.exitCode, 1) << plain;
    EXPECT_TRUE(plain.err.contains(QStringLiteral("https"))) << plain;
    EXPECT_TRUE(plain.out.isEmpty()) << "no address to open was printed: " << plain;

    quint16 closedPort = 0;
    {
        QTcpServer probe;
        ASSERT_TRUE(probe.listen(QHostAddress::LocalHost));
        closedPort = probe.serverPort();
    }
    const CliResult away = cli({QStringLiteral("account"), QStringLiteral("sign-in"), QStringLiteral("--server"),
                                QStringLiteral("http://127.0.0.1:%1").arg(closedPort), QStringLiteral("--no-browser")},
                               noServer());
    EXPECT_EQ(away.exitCode, 1) << away;
    EXPECT_TRUE(away.err.contains(QStringLiteral("did not answer"))) << away;
    EXPECT_TRUE(away.out.isEmpty()) << "a sign-in page was offered for a server that is not there: " << away;
    const CliResult status =
        cli({QStringLiteral("account"), QStringLiteral("status"), QStringLiteral("--json")}, noServer());
    EXPECT_EQ(status.object().value(QStringLiteral("signed_in")), QJsonValue(false));
}

TEST_F(cliAccount, StravaThroughTheAccountNeedsASignInFirst)
{
    const CliResult r =
        cli({QStringLiteral("strava"), QStringLiteral("connect"), QStringLiteral("--through-account")}, noServer());
    EXPECT_EQ(r.exitCode, 1) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("Sign in to your TriCoach account first"))) << r;
    const CliResult both = cli({QStringLiteral("strava"), QStringLiteral("connect"),
                                QStringLiteral("--through-account"), QStringLiteral("--client-id"), QStringLiteral("1"),
                                QStringLiteral("--client-secret"), QStringLiteral("x")},
                               noServer());
    EXPECT_EQ(both.exitCode, 2) << both;
}
