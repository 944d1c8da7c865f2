// The desktop on a computer without a keychain: the first time a secret is needed the user is asked, in
// chooseSecretStore's words, whether a private file may hold it; no keeps nothing anywhere, yes is remembered (the
// setting tricoach-cli shares) and the secret goes into the file.
#include "core/secrets/filesecrets.h"
#include "tests/ui/uitestsupport.h"
#include "ui/mainwindow.h"
#include "ui/secretsprompt.h"
#include "ui/settings/settingspage.h"

#include <QFile>
#include <QLabel>
#include <QRandomGenerator>

using namespace tricoach;
using namespace tricoach::test;

namespace {

#if defined(Q_OS_LINUX)

class SecretsPromptTest : public UiTest {
protected:
    void SetUp() override
    {
        UiTest::SetUp();
        // A session bus that leads nowhere: no keychain, and never a developer's real one.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/tricoach-test-bus");
        qunsetenv("DISPLAY"); // nor may D-Bus start a bus of its own for an X display
        m_policy.service =
            QStringLiteral("TriCoach-test-%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
        m_policy.filePath = pathFor(QStringLiteral("config/secrets.json"));
        m_policy.keychainTimeout = std::chrono::seconds(5);
    }
    SecretPolicy m_policy;
};

TEST_F(SecretsPromptTest, WithoutAKeychainTheUserIsAskedOnceAndYesIsRemembered)
{
    SecretsPrompt prompt(*preferences, m_policy);
    QStringList asked;
    bool answer = false;
    prompt.setAsk([&](QWidget*, const QString& question) {
        asked << question;
        return answer;
    });
    prompt.install();
    MainWindow w(*store, athlete, *preferences);
    SettingsPage* settings = w.settings();
    auto* message = settings->findChild<QLabel*>(QStringLiteral("settingsMessage"));

    // No: nothing is stored anywhere, and the page says why.
    settings->saveCoach(QStringLiteral("http://127.0.0.1:1"), QStringLiteral("coach"), false, QStringLiteral("sk-1"));
    ASSERT_EQ(asked.size(), 1);
    EXPECT_TRUE(asked.front().contains(QStringLiteral("No keychain is available"))) << asked.front().toStdString();
    EXPECT_TRUE(asked.front().contains(m_policy.filePath)) << asked.front().toStdString();
    EXPECT_FALSE(QFile::exists(m_policy.filePath));
    EXPECT_FALSE(preferences->fileSecretsConsent());
    EXPECT_TRUE(message->text().contains(QStringLiteral("Nothing was stored"))) << message->text().toStdString();

    // Yes: remembered, and the key is in the private file.
    answer = true;
    settings->saveCoach(QStringLiteral("http://127.0.0.1:1"), QStringLiteral("coach"), false, QStringLiteral("sk-2"));
    ASSERT_EQ(asked.size(), 2);
    EXPECT_TRUE(preferences->fileSecretsConsent());
    EXPECT_EQ(message->text(), QStringLiteral("AI coach saved."));
    FileSecrets file(m_policy.filePath);
    EXPECT_EQ(file.read(QString::fromLatin1(kLlmKeySecret))->value_or(QString()), QStringLiteral("sk-2"));

    // Asked once: later secrets go to the same store without a question, also in the next session.
    settings->saveCoach(QStringLiteral("http://127.0.0.1:1"), QStringLiteral("coach"), false, QStringLiteral("sk-3"));
    EXPECT_EQ(asked.size(), 2);
    SecretsPrompt nextSession(*preferences, m_policy);
    nextSession.setAsk([&](QWidget*, const QString& question) {
        asked << question;
        return false;
    });
    auto opened = nextSession.open(nullptr);
    ASSERT_TRUE(opened) << opened.error().message.toStdString();
    EXPECT_EQ(asked.size(), 2);
    EXPECT_EQ((*opened)->read(QString::fromLatin1(kLlmKeySecret))->value_or(QString()), QStringLiteral("sk-3"));
    preferences->setSecrets(nullptr);
}

#endif

} // namespace
