#pragma once
// A FakeStrava on a loopback port, a store in a temporary folder, secrets in memory, and the browser's part of the
// sign-in played over real HTTP: what the Strava integration tests share.

#include "core/secrets/secretstore.h"
#include "core/store/activitystore.h"
#include "core/strava/stravaaccount.h"
#include "tests/fakes/fakestrava.h"
#include "tests/support/tempdir.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <gtest/gtest.h>
#include <memory>

namespace tricoach::test {

inline const QString kClientId = QStringLiteral("4242");
inline const QString kClientSecret = QStringLiteral("s3cret-of-the-app");
inline constexpr qint64 kAnna = 9'100'000'001LL; // Strava athlete ids, beyond 2^32 too
inline constexpr qint64 kBen = 9'100'000'002LL;

class StravaTest : public TempDirTest {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(strava.start());
        strava.addApp(kClientId, kClientSecret);
        strava.addAthlete(kAnna, QStringLiteral("Anna"), QStringLiteral("Berg"));
        strava.addAthlete(kBen, QStringLiteral("Ben"), QStringLiteral("Costa"));
        // Generous limits, so that only the tests about rate limits wait for a window.
        strava.setRateLimits(20'000, 200'000, 10'000, 100'000);
        auto opened = ActivityStore::open(pathFor(QStringLiteral("tricoach.sqlite")));
        ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
        store = std::move(*opened);
        athlete = store->defaultAthlete()->id;
    }
    void TearDown() override { qunsetenv("TRICOACH_STRAVA_TIME_SCALE"); }

    strava::StravaEndpoints endpoints() const { return {strava.apiBase(), strava.oauthBase()}; }
    strava::StravaAccount account(AthleteId who = 0)
    {
        return strava::StravaAccount(*store, who ? who : athlete, secrets, endpoints());
    }

    // The browser: asks the emulator what pressing a button on `url`'s page leads to, then follows the redirect to
    // our loopback listener, asynchronously, as a browser would while the app waits.
    std::function<bool(const QUrl&)> browser(bool approve = true, QStringList unticked = {})
    {
        return [this, approve, unticked](const QUrl& url) {
            const QUrl redirect = strava.authorizeDecision(url, approve, unticked);
            if (!redirect.isValid())
                return false;
            QNetworkReply* reply = m_browser.get(QNetworkRequest(redirect));
            QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
            return true;
        };
    }

    // Connects `who` as Strava athlete `stravaAthlete` through the browser, granting everything.
    void connect(AthleteId who, qint64 stravaAthlete)
    {
        strava.setSignedInAthlete(stravaAthlete);
        auto a = account(who);
        ASSERT_TRUE(a.setApp({kClientId, kClientSecret}).ok());
        auto outcome = a.connect(browser(), 20'000);
        ASSERT_TRUE(outcome.ok()) << outcome.error().message.toStdString();
    }

    fakes::FakeStrava strava;
    MemorySecrets secrets;
    std::unique_ptr<ActivityStore> store;
    AthleteId athlete = 0;

private:
    QNetworkAccessManager m_browser;
};

} // namespace tricoach::test
