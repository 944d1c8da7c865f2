// A keychain that never answers (tests/fakes/silentsecretservice.cpp in a private D-Bus session, see
// tests/CMakeLists.txt): every call gives up after its timeout with a reason, and the choice falls to the file only
// with consent. Without the timeout these calls would wait 25 s each (D-Bus's own) or, behind a prompt, forever.
#include "core/secrets/keychainsecrets.h"
#include "core/secrets/secretchoice.h"
#include "tests/support/tempdir.h"

#include <QElapsedTimer>
#include <QProcess>

#include <gtest/gtest.h>

namespace tricoach {
namespace {

constexpr std::chrono::milliseconds kShort{1500};

class KeychainTimeoutTest : public test::TempDirTest {
protected:
    static void SetUpTestSuite()
    {
        ASSERT_EQ(qgetenv("TRICOACH_TEST_KEYRING"), QByteArray("1"))
            << "Run this test through tests/support/with-keyring.sh --no-keyring (ctest does).";
        s_service = new QProcess;
        s_service->start(QStringLiteral(TRICOACH_SILENT_SECRET_SERVICE_PATH), QStringList());
        ASSERT_TRUE(s_service->waitForReadyRead(10000)) << s_service->readAllStandardError().toStdString();
    }
    static void TearDownTestSuite()
    {
        if (s_service) {
            s_service->kill();
            s_service->waitForFinished();
            delete s_service;
            s_service = nullptr;
        }
    }
    static inline QProcess* s_service = nullptr;
};

TEST_F(KeychainTimeoutTest, TheProbeGivesUpAfterItsTimeoutAndSaysWhy)
{
    QElapsedTimer clock;
    clock.start();
    const auto status = keychainStatus(QStringLiteral("TriCoach-test-timeout"), kShort);
    const qint64 took = clock.elapsed();
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, QLatin1String(kSecretsKeychainTimeout));
    EXPECT_TRUE(status.error().message.contains(QStringLiteral("did not answer within 1.5 s")))
        << status.error().message.toStdString();
    EXPECT_GE(took, kShort.count() - 50);
    EXPECT_LT(took, kShort.count() + 3000);
}

TEST_F(KeychainTimeoutTest, EveryCallGivesUpAfterItsTimeout)
{
    KeychainSecrets keychain(QStringLiteral("TriCoach-test-timeout"), kShort);
    QElapsedTimer clock;
    clock.start();
    const auto read = keychain.read(QStringLiteral("llm-api-key"));
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().code, QLatin1String(kSecretsKeychainTimeout));
    const auto written = keychain.write(QStringLiteral("llm-api-key"), QStringLiteral("sk-1"));
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().code, QLatin1String(kSecretsKeychainTimeout));
    EXPECT_LT(clock.elapsed(), 2 * kShort.count() + 3000);
}

TEST_F(KeychainTimeoutTest, TheChoiceAsksForConsentThenUsesTheFile)
{
    SecretPolicy policy;
    policy.service = QStringLiteral("TriCoach-test-timeout");
    policy.keychainTimeout = kShort;
    policy.filePath = pathFor(QStringLiteral("secrets.json"));
    const auto asked = chooseSecretStore(policy);
    ASSERT_FALSE(asked);
    EXPECT_EQ(asked.error().code, QLatin1String(kSecretsNeedsConsent));
    EXPECT_TRUE(asked.error().message.contains(QStringLiteral("did not answer")))
        << asked.error().message.toStdString();

    policy.fileConsented = true;
    auto chosen = chooseSecretStore(policy);
    ASSERT_TRUE(chosen) << chosen.error().message.toStdString();
    EXPECT_EQ(chosen->store->location(), policy.filePath);
    EXPECT_TRUE(chosen->store->write(QStringLiteral("strava-refresh-token"), QStringLiteral("r-1")));
}

} // namespace
} // namespace tricoach
