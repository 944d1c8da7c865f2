// A computer without a keychain (a headless Linux: no D-Bus session bus): the probe says why, quickly, and
// chooseSecretStore uses a file only when the user agreed to it.
#include "core/secrets/filesecrets.h"
#include "core/secrets/keychainsecrets.h"
#include "core/secrets/secretchoice.h"
#include "tests/support/tempdir.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QStandardPaths>

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <thread>

namespace tricoach {
namespace {

// Before any test talks to D-Bus (the bus connection is made once per process): a session bus address that
// leads nowhere, so these tests never reach a developer's real keychain, whatever their session has.
class NoSessionBus : public ::testing::Environment {
public:
    void SetUp() override
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/tricoach-test-bus");
        qunsetenv("DISPLAY"); // nor may D-Bus start a bus of its own for an X display
    }
};
const auto* const kNoSessionBus = ::testing::AddGlobalTestEnvironment(new NoSessionBus);

QString testService()
{
    return QStringLiteral("TriCoach-test-%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
}

class NoKeychainTest : public test::TempDirTest {
protected:
    QString secretsPath() const { return pathFor(QStringLiteral("config/secrets.json")); }
    SecretPolicy policy(bool consented) const
    {
        SecretPolicy p;
        p.service = testService();
        p.fileConsented = consented;
        p.filePath = secretsPath();
        return p;
    }
};

TEST_F(NoKeychainTest, TheProbeSaysThereIsNoSessionBusAndAnswersQuickly)
{
    QElapsedTimer clock;
    clock.start();
    const auto status = keychainStatus(testService());
    ASSERT_FALSE(status);
    EXPECT_LT(clock.elapsed(), 5000);
    EXPECT_EQ(status.error().code, QLatin1String(kSecretsNoKeychain));
    EXPECT_TRUE(status.error().message.contains(QStringLiteral("D-Bus session bus")))
        << status.error().message.toStdString();
}

TEST_F(NoKeychainTest, KeychainCallsFailWithAReasonInsteadOfHanging)
{
    KeychainSecrets keychain(testService(), std::chrono::seconds(5));
    QElapsedTimer clock;
    clock.start();
    const auto read = keychain.read(QStringLiteral("llm-api-key"));
    ASSERT_FALSE(read);
    EXPECT_FALSE(read.error().message.isEmpty());
    const auto written = keychain.write(QStringLiteral("llm-api-key"), QStringLiteral("sk-1"));
    ASSERT_FALSE(written);
    EXPECT_TRUE(written.error().message.contains(QStringLiteral("D-Bus"))) << written.error().message.toStdString();
    EXPECT_LT(clock.elapsed(), 5000);
}

TEST_F(NoKeychainTest, WithoutConsentNothingIsWrittenAndTheMessageAsks)
{
    const auto choice = chooseSecretStore(policy(false));
    ASSERT_FALSE(choice);
    EXPECT_EQ(choice.error().code, QLatin1String(kSecretsNeedsConsent));
    const QString message = choice.error().message;
    EXPECT_TRUE(message.startsWith(QStringLiteral("No keychain is available ("))) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("D-Bus session bus"))) << message.toStdString(); // the reason
    EXPECT_TRUE(message.contains(secretsPath()));
    EXPECT_TRUE(message.contains(QStringLiteral("readable only by you")));
    EXPECT_TRUE(message.contains(QStringLiteral("if you agree")));
    EXPECT_FALSE(QFile::exists(secretsPath()));
    EXPECT_FALSE(QDir(pathFor(QStringLiteral("config"))).exists());
}

TEST_F(NoKeychainTest, WithConsentSecretsGoToThePrivateFile)
{
    auto choice = chooseSecretStore(policy(true));
    ASSERT_TRUE(choice) << choice.error().message.toStdString();
    ASSERT_TRUE(choice->store);
    EXPECT_EQ(choice->store->location(), secretsPath());
    EXPECT_TRUE(choice->keychainProblem.contains(QStringLiteral("D-Bus session bus")));

    ASSERT_TRUE(choice->store->write(QStringLiteral("strava-refresh-token"), QStringLiteral("r-1")));
    struct stat st {};
    ASSERT_EQ(::stat(QFile::encodeName(secretsPath()).constData(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0600u);
    FileSecrets reread(secretsPath());
    EXPECT_EQ(reread.read(QStringLiteral("strava-refresh-token"))->value_or(QString()), QStringLiteral("r-1"));
}

TEST_F(NoKeychainTest, WithConsentAFileOthersCanReadIsRefusedUpFront)
{
    ASSERT_TRUE(QDir().mkpath(pathFor(QStringLiteral("config"))));
    QFile file(secretsPath());
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(R"({"strava-refresh-token": "r-1"})");
    file.close();
    ASSERT_EQ(::chmod(QFile::encodeName(secretsPath()).constData(), 0644), 0);
    const auto choice = chooseSecretStore(policy(true));
    ASSERT_FALSE(choice);
    EXPECT_EQ(choice.error().code, QLatin1String(kSecretsFileExposed));
    EXPECT_TRUE(choice.error().message.contains(QStringLiteral("chmod 600")));
}

TEST_F(NoKeychainTest, TheDefaultFileIsInTheApplicationsConfigFolder)
{
    SecretPolicy p;
    EXPECT_TRUE(p.filePath.isEmpty());
    EXPECT_EQ(p.service, QStringLiteral("TriCoach"));
    EXPECT_EQ(QFileInfo(defaultSecretsFilePath()).fileName(), QStringLiteral("secrets.json"));
    EXPECT_EQ(QFileInfo(defaultSecretsFilePath()).absolutePath(),
              QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)).absolutePath());
}

TEST_F(NoKeychainTest, OffTheMainThreadTheKeychainRefusesAtOnce)
{
    Result<void> status = makeError(QString());
    Result<void> written = makeError(QString());
    std::optional<Error> chosen;
    std::thread worker([&] {
        status = keychainStatus(testService());
        written = KeychainSecrets(testService()).write(QStringLiteral("a"), QStringLiteral("1"));
        if (auto choice = chooseSecretStore(policy(true)); !choice)
            chosen = choice.error();
    });
    worker.join();
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, QLatin1String(kSecretsWrongThread));
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().code, QLatin1String(kSecretsWrongThread));
    // Not taken for "no keychain": a consented file must not replace a keychain that merely was asked wrongly.
    ASSERT_TRUE(chosen.has_value());
    EXPECT_EQ(chosen->code, QLatin1String(kSecretsWrongThread));
    EXPECT_FALSE(QFile::exists(secretsPath()));
    const auto choice = chooseSecretStore(policy(true));
    EXPECT_TRUE(choice); // the main thread still may
}

} // namespace
} // namespace tricoach
