// The desktop's TriCoach account: Settings ▸ TriCoach account signs in through the (played) browser and says who is
// signed in; Settings ▸ Strava then syncs through the account; a Strava upload reaches the Activities page within
// a second through the live event stream; signing out ends it. Against the real tricoach-sync in this process and
// the Strava emulator, with secrets that answer only on the main thread.
#include "tests/support/accountworld.h"
#include "tests/ui/stravatestsupport.h"
#include "ui/account/accountcontroller.h"
#include "ui/activities/activitiespage.h"
#include "ui/activities/activitymodel.h"
#include "ui/mainwindow.h"
#include "ui/settings/accountsettings.h"
#include "ui/settings/settingspage.h"
#include "ui/settings/stravasettings.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>

using namespace tricoach;
using namespace tricoach::test;

namespace {

template <typename T> T* child(QObject* parent, const char* name)
{
    T* found = parent->findChild<T*>(QString::fromLatin1(name));
    EXPECT_NE(found, nullptr) << name;
    return found;
}

class AccountDesktop : public UiTest, public AccountWorld {
protected:
    void SetUp() override
    {
        UiTest::SetUp();
        startWorld(pathFor(QStringLiteral("sync.sqlite")));
        preferences->setStravaBases(strava.apiBase(), strava.oauthBase());
        preferences->setSecrets(&secrets);
    }
    void TearDown() override
    {
        stopWorld();
        preferences->setSecrets(nullptr);
    }

    int stravaActivities() const { return static_cast<int>(store->stravaEntries(athlete).size()); }

    MainThreadOnlySecrets secrets;
};

} // namespace

TEST_F(AccountDesktop, SignInThenStravaThroughTheAccountAndAnUploadArrivesLive)
{
    MainWindow w(*store, athlete, *preferences);
    w.resize(1024, 700);
    w.show();
    AccountController* account = w.account();
    AccountSettings* settings = w.accountSettings();
    EXPECT_EQ(child<QLabel>(settings, "accountWho")->text(), QStringLiteral("Not signed in"));
    EXPECT_FALSE(child<QPushButton>(settings, "accountSignOut")->isEnabled());

    // An address that is not one is refused before any browser opens.
    bool opened = false;
    account->setOpenUrl([&](const QUrl&) { return opened = true; });
    child<QLineEdit>(settings, "accountServer")->setText(QStringLiteral("sync example"));
    child<QLineEdit>(settings, "accountServer")->setModified(true);
    child<QPushButton>(settings, "accountSignIn")->click();
    EXPECT_FALSE(opened);
    EXPECT_TRUE(settings->message().contains(QStringLiteral("not a server address")))
        << settings->message().toStdString();

    // Sign in with Strava, in the browser.
    strava.setSignedInAthlete(kAnnaStrava);
    bool waitingShown = false;
    const auto play = browse(withStrava());
    account->setOpenUrl([&](const QUrl& url) {
        waitingShown = !child<QWidget>(settings, "accountWaiting")->isHidden();
        return play(url);
    });
    child<QLineEdit>(settings, "accountServer")->setText(QString::fromStdString(server->baseUrl()));
    child<QLineEdit>(settings, "accountServer")->setModified(true);
    child<QPushButton>(settings, "accountSignIn")->click(); // returns once the browser came back
    finishBrowsing();
    EXPECT_TRUE(waitingShown);
    EXPECT_TRUE(child<QWidget>(settings, "accountWaiting")->isHidden());
    EXPECT_EQ(child<QLabel>(settings, "accountWho")->text(), QStringLiteral("Signed in as Anna Berg, with Strava"));
    EXPECT_TRUE(child<QPushButton>(settings, "accountSignOut")->isEnabled());
    // Live updates come on.
    EXPECT_TRUE(waitUntil([&] { return account->live(); }, 5000));
    EXPECT_TRUE(child<QLabel>(settings, "accountLive")->text().startsWith(QStringLiteral("Live")))
        << child<QLabel>(settings, "accountLive")->text().toStdString();

    // Settings ▸ Strava: through my TriCoach account; no application of the athlete's own.
    StravaSettings* stravaSettings = w.stravaSettings();
    child<QRadioButton>(stravaSettings, "stravaServer")->setChecked(true);
    EXPECT_FALSE(child<QLineEdit>(stravaSettings, "stravaClientId")->isEnabled());
    child<QPushButton>(stravaSettings, "stravaConnect")->click();
    ASSERT_TRUE(waitUntil([&] { return stravaActivities() == 12 && !w.strava()->busy(); }, 20'000))
        << stravaSettings->message().toStdString() << " job " << int(w.strava()->job()) << " activities "
        << stravaActivities() << " linked " << w.strava()->status().connected;
    EXPECT_TRUE(w.strava()->status().viaAccount);

    // How it reads, at the window sizes people use.
    w.showPage(MainWindow::Settings);
    for (const QSize size : {QSize(1024, 700), QSize(1366, 768)}) {
        w.resize(size);
        QCoreApplication::processEvents();
        w.settings()->reveal(settings);
        QCoreApplication::processEvents();
        expectWhole(settings, "account settings");
        const QString shots = qEnvironmentVariable("TRICOACH_SCREENSHOTS_DIR");
        const QString file = QStringLiteral("%1/account-settings-%2x%3.png")
                                 .arg(shots.isEmpty() ? pathFor(QString()) : shots)
                                 .arg(size.width())
                                 .arg(size.height());
        EXPECT_TRUE(w.grab().save(file)) << file.toStdString();
    }

    // Anna uploads a run: it is on the Activities page within a second.
    const qint64 run = strava.addActivity(kAnnaStrava, {{QStringLiteral("name"), QStringLiteral("Evening run")},
                                                        {QStringLiteral("sport_type"), QStringLiteral("Run")}});
    QElapsedTimer sinceUpload;
    push(QStringLiteral("activity"), run, QStringLiteral("create"), kAnnaStrava);
    sinceUpload.start();
    ASSERT_TRUE(waitUntil([&] { return stravaActivities() == 13; }, 5000));
    EXPECT_LT(sinceUpload.elapsed(), 1000);
    w.showPage(MainWindow::Activities);
    EXPECT_TRUE(waitUntil([&] { return w.activities()->model()->rowCount() == store->activityCount(athlete); }, 2000));

    // Sign out: the session ends, live updates stop; everything stays.
    child<QPushButton>(settings, "accountSignOut")->click();
    EXPECT_EQ(child<QLabel>(settings, "accountWho")->text(), QStringLiteral("Not signed in"));
    EXPECT_FALSE(account->live());
    EXPECT_EQ(stravaActivities(), 13);
}
