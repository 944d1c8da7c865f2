// The real OS keychain: run by tests/support/with-keyring.sh inside a private D-Bus session with an unlocked
// gnome-keyring (a temporary HOME, so no real keyring is touched). Every test uses a service name of its own.
// A missing keychain is a failure, never a skip: `make test` installs what this needs (scripts/install-deps.sh).
#include "core/secrets/keychainsecrets.h"
#include "core/secrets/secretchoice.h"

#include <QRandomGenerator>
#include <QStringList>

#include <gtest/gtest.h>

namespace tricoach {
namespace {

class KeychainTest : public ::testing::Test {
protected:
    static QString newService()
    {
        return QStringLiteral("TriCoach-test-%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    }

    void SetUp() override
    {
        // Never a developer's own keyring, not even under a test service name.
        ASSERT_EQ(qgetenv("TRICOACH_TEST_KEYRING"), QByteArray("1"))
            << "Run this test through tests/support/with-keyring.sh (ctest does): it needs a private D-Bus session "
               "with a throwaway keyring.";
        const auto status = keychainStatus(m_service);
        ASSERT_TRUE(status) << "No working keychain in this session: " << status.error().message.toStdString()
                            << "\nThis test needs gnome-keyring, libsecret-1-0 and dbus-run-session (dbus-bin, "
                               "dbus-daemon): run scripts/install-deps.sh (make test does), and run the test "
                               "through tests/support/with-keyring.sh as ctest does.";
    }
    void TearDown() override
    {
        for (const QString& key : m_written)
            (void)KeychainSecrets(m_service).remove(key);
    }

    // Writes through the keychain and remembers the key, so the test leaves nothing behind.
    void store(KeychainSecrets& keychain, const QString& key, const QString& value)
    {
        m_written << key;
        const auto written = keychain.write(key, value);
        ASSERT_TRUE(written) << written.error().message.toStdString();
    }
    static std::optional<QString> fetch(KeychainSecrets& keychain, const QString& key)
    {
        const auto read = keychain.read(key);
        EXPECT_TRUE(read) << read.error().message.toStdString();
        return read ? *read : std::nullopt;
    }

    QString m_service = newService();
    QStringList m_written;
};

TEST_F(KeychainTest, WritesReadsOverwritesAndDeletes)
{
    KeychainSecrets keychain(m_service);
    const QString key = QStringLiteral("strava-refresh-token");
    EXPECT_EQ(fetch(keychain, key), std::nullopt); // nothing there yet is not an error
    store(keychain, key, QStringLiteral("r-first"));
    EXPECT_EQ(fetch(keychain, key), QStringLiteral("r-first"));
    store(keychain, key, QStringLiteral("r-second"));
    EXPECT_EQ(fetch(keychain, key), QStringLiteral("r-second"));
    // A second instance (as a second program would) sees the same entry.
    KeychainSecrets other(m_service);
    EXPECT_EQ(fetch(other, key), QStringLiteral("r-second"));

    ASSERT_TRUE(keychain.remove(key));
    EXPECT_EQ(fetch(keychain, key), std::nullopt);
    EXPECT_TRUE(keychain.remove(key)); // removing what is gone succeeds
}

TEST_F(KeychainTest, KeepsNonAsciiAndLongValuesExactly)
{
    KeychainSecrets keychain(m_service);
    const QString unicode =
        QStringLiteral("Пароль «ключ» — ü ß 日本 🏊‍♀️🚴 \"q\" \\ \n\ttab");
    QString long4k;
    for (int i = 0; long4k.size() < 4096; ++i)
        long4k += QChar(u'!' + i % 90);
    const QString longUnicode = QString(1024, QChar(0x0436)) + QStringLiteral("🏃"); // 2 KB+ of UTF-8
    store(keychain, QStringLiteral("unicode"), unicode);
    store(keychain, QStringLiteral("long"), long4k);
    store(keychain, QStringLiteral("long-unicode"), longUnicode);
    store(keychain, QStringLiteral("ключ с пробелом"), QStringLiteral("v"));
    EXPECT_EQ(fetch(keychain, QStringLiteral("unicode")), unicode);
    EXPECT_EQ(fetch(keychain, QStringLiteral("long")), long4k);
    EXPECT_EQ(fetch(keychain, QStringLiteral("long"))->size(), 4096);
    EXPECT_EQ(fetch(keychain, QStringLiteral("long-unicode")), longUnicode);
    EXPECT_EQ(fetch(keychain, QStringLiteral("ключ с пробелом")), QStringLiteral("v"));
}

TEST_F(KeychainTest, TwoServicesKeepTheirEntriesApart)
{
    KeychainSecrets mine(m_service);
    const QString otherService = newService();
    KeychainSecrets theirs(otherService);
    const QString key = QStringLiteral("llm-api-key");
    store(mine, key, QStringLiteral("sk-mine"));
    EXPECT_EQ(fetch(theirs, key), std::nullopt);
    ASSERT_TRUE(theirs.write(key, QStringLiteral("sk-theirs")));
    EXPECT_EQ(fetch(mine, key), QStringLiteral("sk-mine"));
    EXPECT_EQ(fetch(theirs, key), QStringLiteral("sk-theirs"));
    ASSERT_TRUE(theirs.remove(key));
    EXPECT_EQ(fetch(mine, key), QStringLiteral("sk-mine"));
    EXPECT_EQ(fetch(theirs, key), std::nullopt);
}

TEST_F(KeychainTest, TheChoiceIsTheKeychainWhenItWorksEvenWithoutConsent)
{
    SecretPolicy policy;
    policy.service = m_service;
    policy.filePath = QStringLiteral("/nonexistent/never-written.json");
    auto choice = chooseSecretStore(policy);
    ASSERT_TRUE(choice) << choice.error().message.toStdString();
    EXPECT_TRUE(choice->keychainProblem.isEmpty());
    EXPECT_TRUE(choice->store->location().contains(m_service));
    m_written << QStringLiteral("strava-access-token");
    ASSERT_TRUE(choice->store->write(QStringLiteral("strava-access-token"), QStringLiteral("a-1")));
    KeychainSecrets keychain(m_service);
    EXPECT_EQ(fetch(keychain, QStringLiteral("strava-access-token")), QStringLiteral("a-1"));
}

TEST_F(KeychainTest, TheProbeLeavesNoEntryBehind)
{
    // SetUp probed already; the probe's key must be gone.
    KeychainSecrets keychain(m_service);
    EXPECT_EQ(fetch(keychain, QStringLiteral("tricoach-keychain-probe")), std::nullopt);
}

} // namespace
} // namespace tricoach
