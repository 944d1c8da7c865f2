#pragma once
// Shared set-up for the desktop's Strava tests: the Strava emulator on a loopback port, Settings ▸ Strava ▸
// Advanced pointing at it, secrets that (like the OS keychain) answer only on the main thread, and the browser's
// part of the sign-in played over real HTTP.

#include "core/secrets/secretstore.h"
#include "core/strava/stravaaccount.h"
#include "tests/fakes/fakestrava.h"
#include "tests/ui/uitestsupport.h"
#include "ui/strava/stravacontroller.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>

namespace tricoach::test {

inline const QString kStravaClientId = QStringLiteral("4242");
inline const QString kStravaClientSecret = QStringLiteral("s3cret-of-the-app");
inline constexpr qint64 kAnna = 9'100'000'001LL;

// Memory secrets that refuse every call off the main thread, as KeychainSecrets does: a sync that reached them
// from its worker directly would fail.
class MainThreadOnlySecrets : public SecretStore {
public:
    Result<std::optional<QString>> read(const QString& key) override
    {
        if (auto e = offMain())
            return *e;
        return m_values.read(key);
    }
    Result<void> write(const QString& key, const QString& value) override
    {
        if (auto e = offMain())
            return *e;
        return m_values.write(key, value);
    }
    Result<void> remove(const QString& key) override
    {
        if (auto e = offMain())
            return *e;
        return m_values.remove(key);
    }
    QString location() const override { return QStringLiteral("the test's keychain"); }
    int refused = 0;

private:
    std::optional<Error> offMain()
    {
        if (QThread::currentThread() == QCoreApplication::instance()->thread())
            return std::nullopt;
        ++refused;
        return makeError(QStringLiteral("main thread only"), QString::fromLatin1(kSecretsWrongThread));
    }
    MemorySecrets m_values;
};

class StravaUiTest : public UiTest {
protected:
    void SetUp() override
    {
        UiTest::SetUp();
        ASSERT_TRUE(strava.start());
        strava.addApp(kStravaClientId, kStravaClientSecret);
        strava.addAthlete(kAnna, QStringLiteral("Anna"), QStringLiteral("Berg"));
        strava.setRateLimits(20'000, 200'000, 10'000, 100'000);
        preferences->setStravaBases(strava.apiBase(), strava.oauthBase());
        preferences->setSecrets(&secrets);
    }
    void TearDown() override { preferences->setSecrets(nullptr); }

    strava::StravaEndpoints endpoints() const { return {strava.apiBase(), strava.oauthBase()}; }

    // The browser: asks the emulator what pressing a button on `url`'s page leads to, then follows the redirect to
    // the app's loopback listener asynchronously, as a browser would while the app waits. Remembers the URL.
    std::function<bool(const QUrl&)> browser(bool approve = true, QStringList unticked = {})
    {
        return [this, approve, unticked](const QUrl& url) {
            opened << url;
            const QUrl redirect = strava.authorizeDecision(url, approve, unticked);
            if (!redirect.isValid())
                return false;
            QNetworkReply* reply = m_browser.get(QNetworkRequest(redirect));
            QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
            return true;
        };
    }

    // Links the profile to Anna through the core, as an earlier session would have.
    void connectDirectly(const QStringList& unticked = {})
    {
        strava::StravaAccount account(*store, athlete, secrets, endpoints());
        ASSERT_TRUE(account.setApp({kStravaClientId, kStravaClientSecret}).ok());
        auto outcome = account.connect(browser(true, unticked), 20'000);
        ASSERT_TRUE(outcome.ok()) << outcome.error().message.toStdString();
    }

    // Runs the event loop until the controller has nothing running.
    static bool waitIdle(const StravaController& c, int ms = 60'000)
    {
        return waitUntil([&] { return !c.busy(); }, ms);
    }

    fakes::FakeStrava strava;
    MainThreadOnlySecrets secrets;
    QList<QUrl> opened;

private:
    QNetworkAccessManager m_browser;
};

} // namespace tricoach::test
