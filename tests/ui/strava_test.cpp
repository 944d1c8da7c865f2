// The desktop's Strava: Settings ▸ Strava signs in through the (played) browser and shows the athlete; Sync now
// fills the store and the pages while it runs, with its progress and summary in the status bar; Cancel keeps what
// arrived; Disconnect keeps every activity; revoked access asks to reconnect; the rate limit pauses the sync and it
// resumes by itself. Against the Strava emulator, with secrets that answer only on the main thread.
#include "core/strava/syncstate.h"
#include "tests/ui/stravatestsupport.h"
#include "ui/activities/activitiespage.h"
#include "ui/activities/activitymodel.h"
#include "ui/mainwindow.h"
#include "ui/settings/stravasettings.h"
#include "ui/strava/stravastatusbar.h"
#include "ui/trainingdata.h"

#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QStatusBar>

using namespace tricoach;
using namespace tricoach::test;

namespace {

using Fault = fakes::FakeStrava::Fault;

template <typename T> T* child(QObject* parent, const char* name)
{
    T* found = parent->findChild<T*>(QString::fromLatin1(name));
    EXPECT_NE(found, nullptr) << name;
    return found;
}

// Strava's answers to the streams calls come late, so that a sync of `n` activities lasts a few seconds.
void slowStreams(fakes::FakeStrava& strava, int delayMs)
{
    Fault slow;
    slow.kind = Fault::Kind::Slow;
    slow.delayMs = delayMs;
    slow.pathContains = QStringLiteral("/streams");
    slow.count = -1;
    strava.injectFault(slow);
}

class StravaDesktop : public StravaUiTest {};

TEST_F(StravaDesktop, ConnectInTheSettingsShowsTheAthleteAndKeepsTheSecretInTheSecretStore)
{
    MainWindow w(*store, athlete, *preferences);
    w.show();
    StravaController* c = w.strava();
    StravaSettings* s = w.stravaSettings();
    bool waitingShown = false;
    const auto play = browser();
    c->setOpenUrl([&](const QUrl& url) {
        waitingShown = !child<QWidget>(s, "stravaWaiting")->isHidden();
        return play(url);
    });
    EXPECT_EQ(child<QLabel>(s, "stravaConnection")->text(), QStringLiteral("Not connected"));
    EXPECT_TRUE(child<QRadioButton>(s, "stravaOwnApp")->isChecked());
    EXPECT_TRUE(child<QRadioButton>(s, "stravaServer")->isEnabled()); // through the TriCoach account
    EXPECT_FALSE(child<QPushButton>(s, "stravaSync")->isEnabled());

    child<QLineEdit>(s, "stravaClientId")->setText(kStravaClientId);
    child<QLineEdit>(s, "stravaClientSecret")->setText(kStravaClientSecret);
    child<QPushButton>(s, "stravaConnect")->click(); // returns once the browser came back

    EXPECT_TRUE(waitingShown); // "Waiting for Strava in your browser… [Cancel]" while it waited
    EXPECT_TRUE(child<QWidget>(s, "stravaWaiting")->isHidden());
    ASSERT_EQ(opened.size(), 1);
    EXPECT_EQ(opened.front().host(), QStringLiteral("127.0.0.1")); // the emulator, from Settings ▸ Advanced
    EXPECT_EQ(child<QLabel>(s, "stravaConnection")->text(), QStringLiteral("Connected as Anna Berg"));
    EXPECT_TRUE(s->message().contains(QStringLiteral("Anna Berg"))) << s->message().toStdString();
    EXPECT_EQ(secrets.read(strava::clientSecretKey(kStravaClientId))->value_or(QString()), kStravaClientSecret);
    EXPECT_TRUE(child<QLineEdit>(s, "stravaClientSecret")->text().isEmpty()); // not left on screen
    EXPECT_TRUE(child<QWidget>(s, "stravaMissing")->isHidden());
    ASSERT_TRUE(waitIdle(*c)); // the first sync follows the sign-in
    EXPECT_EQ(secrets.refused, 0);
    EXPECT_TRUE(child<QPushButton>(s, "stravaSync")->isEnabled());
    EXPECT_TRUE(child<QPushButton>(s, "stravaDisconnect")->isEnabled());
}

TEST_F(StravaDesktop, CancelWhileWaitingForTheBrowserStoresNothing)
{
    MainWindow w(*store, athlete, *preferences);
    w.show();
    StravaSettings* s = w.stravaSettings();
    // A browser in which the athlete never answers; they press Cancel in TriCoach instead.
    w.strava()->setOpenUrl([&](const QUrl&) {
        QTimer::singleShot(200, s, [s] { child<QPushButton>(s, "stravaCancelConnect")->click(); });
        return true;
    });
    child<QLineEdit>(s, "stravaClientId")->setText(kStravaClientId);
    child<QLineEdit>(s, "stravaClientSecret")->setText(kStravaClientSecret);
    child<QPushButton>(s, "stravaConnect")->click();
    EXPECT_EQ(child<QLabel>(s, "stravaConnection")->text(), QStringLiteral("Not connected"));
    EXPECT_FALSE(s->message().isEmpty());
    EXPECT_FALSE(w.strava()->busy());
    EXPECT_FALSE(w.strava()->status().connected);
}

TEST_F(StravaDesktop, WithoutABrowserTheWaitingSettingsShowTheAddressToOpen)
{
    MainWindow w(*store, athlete, *preferences);
    w.show();
    StravaSettings* s = w.stravaSettings();
    QString shown;
    const auto play = browser();
    // No browser opens; the athlete opens the address shown in the settings themselves, a moment later.
    w.strava()->setOpenUrl([&](const QUrl& url) {
        QTimer::singleShot(200, s, [&, url] {
            shown = child<QLabel>(s, "stravaWaitingUrl")->text();
            play(url);
        });
        return false;
    });
    child<QLineEdit>(s, "stravaClientId")->setText(kStravaClientId);
    child<QLineEdit>(s, "stravaClientSecret")->setText(kStravaClientSecret);
    child<QPushButton>(s, "stravaConnect")->click();
    ASSERT_EQ(opened.size(), 1);
    EXPECT_TRUE(shown.contains(QStringLiteral("No browser could be opened"))) << shown.toStdString();
    EXPECT_TRUE(shown.contains(opened.front().toString(QUrl::FullyEncoded).toHtmlEscaped())) << shown.toStdString();
    EXPECT_EQ(child<QLabel>(s, "stravaConnection")->text(), QStringLiteral("Connected as Anna Berg"));
    ASSERT_TRUE(waitIdle(*w.strava()));
}

TEST_F(StravaDesktop, SyncNowFillsTheStoreAndThePagesWhileItRunsWithProgressAndSummaryInTheStatusBar)
{
    strava.seed(kAnna, 40, 31);
    connectDirectly();
    const int expected = static_cast<int>(strava.activities(kAnna).size());
    slowStreams(strava, 100); // 40 recordings: four seconds or more
    MainWindow w(*store, athlete, *preferences);
    w.resize(1024, 700);
    w.show();
    StravaController* c = w.strava();
    StravaStatusBar* bar = w.stravaStatus();
    ActivityTableModel* table = w.activities()->model();

    // What the athlete sees at each redraw and each progress step, while the sync runs.
    QList<int> rowsWhileRunning;
    QStringList progressTexts;
    bool cancelShown = false;
    QObject::connect(&w.data(), &TrainingData::changed, &w, [&] {
        if (c->busy())
            rowsWhileRunning << table->rowCount();
    });
    QObject::connect(c, &StravaController::syncProgress, &w, [&] {
        progressTexts << bar->text();
        cancelShown = cancelShown || !child<QPushButton>(bar, "stravaStatusCancel")->isHidden();
    });
    child<QPushButton>(w.stravaSettings(), "stravaSync")->click();
    ASSERT_TRUE(c->busy());
    // Menus and buttons do not start a second sync meanwhile.
    EXPECT_FALSE(w.findChild<QAction*>(QStringLiteral("syncWithStrava"))->isEnabled());
    EXPECT_FALSE(child<QPushButton>(w.stravaSettings(), "stravaSync")->isEnabled());
    ASSERT_TRUE(waitIdle(*c));

    EXPECT_EQ(store->activityCount(athlete), expected);
    EXPECT_EQ(table->rowCount(), expected);
    // The pages redrew while activities arrived, not only at the end.
    ASSERT_FALSE(rowsWhileRunning.isEmpty());
    EXPECT_GT(rowsWhileRunning.front(), 0);
    EXPECT_TRUE(cancelShown);
    // "Strava: 1 page listed, 40 new · 12 of 40 recordings"
    const QString recordings = QStringLiteral(" of %1 recordings").arg(expected);
    bool sawRecordings = false;
    for (const QString& t : progressTexts) {
        EXPECT_TRUE(t.startsWith(QStringLiteral("Strava: "))) << t.toStdString();
        sawRecordings = sawRecordings || (t.contains(QStringLiteral("%1 new").arg(expected)) && t.contains(recordings));
    }
    EXPECT_TRUE(sawRecordings) << progressTexts.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(bar->text(), QStringLiteral("Strava: %1 new, 0 updated, 0 deleted").arg(expected));
    EXPECT_TRUE(child<QPushButton>(bar, "stravaStatusCancel")->isHidden());
    EXPECT_TRUE(child<QLabel>(w.stravaSettings(), "stravaLastSync")
                    ->text()
                    .contains(QStringLiteral("%1 activities from Strava").arg(expected)));
    EXPECT_EQ(secrets.refused, 0); // the worker reached the secrets through the main thread only
}

TEST_F(StravaDesktop, CancelDuringASyncStopsItAndKeepsWhatWasStored)
{
    strava.seed(kAnna, 40, 32);
    connectDirectly();
    slowStreams(strava, 150);
    MainWindow w(*store, athlete, *preferences);
    w.show();
    StravaController* c = w.strava();
    StravaStatusBar* bar = w.stravaStatus();
    int fetchedAtCancel = -1;
    QObject::connect(c, &StravaController::syncProgress, &w, [&](const strava::SyncProgress& p) {
        if (fetchedAtCancel < 0 && p.streamsFetched >= 2) {
            fetchedAtCancel = p.streamsFetched;
            child<QPushButton>(bar, "stravaStatusCancel")->click();
        }
    });
    std::optional<StravaSyncEnd> end;
    QObject::connect(c, &StravaController::syncFinished, &w, [&](const StravaSyncEnd& e) { end = e; });
    c->sync(false);
    ASSERT_TRUE(waitIdle(*c));
    ASSERT_TRUE(end.has_value());
    ASSERT_TRUE(end->summary.has_value()) << end->error.message.toStdString();
    EXPECT_TRUE(end->summary->cancelled);
    EXPECT_GT(end->summary->streamsLeft, 0);
    // Everything listed stays, and the recordings fetched before Cancel.
    EXPECT_EQ(store->activityCount(athlete), static_cast<int>(strava.activities(kAnna).size()));
    EXPECT_GE(end->summary->streamsFetched, fetchedAtCancel);
    EXPECT_TRUE(bar->text().startsWith(QStringLiteral("Strava: stopped"))) << bar->text().toStdString();
    EXPECT_EQ(w.activities()->model()->rowCount(), store->activityCount(athlete));
}

TEST_F(StravaDesktop, DisconnectAsksFirstAndKeepsEveryActivity)
{
    strava.seed(kAnna, 30, 33);
    connectDirectly();
    MainWindow w(*store, athlete, *preferences);
    w.show();
    StravaController* c = w.strava();
    c->sync(false);
    ASSERT_TRUE(waitIdle(*c));
    const int kept = store->activityCount(athlete);
    ASSERT_GT(kept, 0);
    StravaSettings* s = w.stravaSettings();

    // Cancel in the question: nothing happens.
    child<QPushButton>(s, "stravaDisconnect")->click();
    auto* box = s->findChild<QMessageBox*>(QStringLiteral("confirmStravaDisconnect"));
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->text().contains(QStringLiteral("Your synced activities stay")));
    box->button(QMessageBox::Cancel)->click();
    EXPECT_FALSE(c->busy());
    EXPECT_TRUE(c->status().connected);

    child<QPushButton>(s, "stravaDisconnect")->click();
    waitUntil([&] { return s->findChild<QMessageBox*>(QStringLiteral("confirmStravaDisconnect")) != nullptr; });
    box = s->findChild<QMessageBox*>(QStringLiteral("confirmStravaDisconnect"));
    ASSERT_NE(box, nullptr);
    box->button(QMessageBox::Yes)->click();
    ASSERT_TRUE(waitIdle(*c));
    EXPECT_FALSE(c->status().connected);
    EXPECT_EQ(store->activityCount(athlete), kept);
    EXPECT_EQ(strava.revocations().size(), 1);
    EXPECT_EQ(child<QLabel>(s, "stravaConnection")->text(), QStringLiteral("Not connected"));
    EXPECT_TRUE(s->message().contains(QStringLiteral("stay"))) << s->message().toStdString();
    EXPECT_FALSE(child<QPushButton>(s, "stravaSync")->isEnabled());
    EXPECT_EQ(secrets.refused, 0);
}

TEST_F(StravaDesktop, RevokedAccessSaysSoAndReconnectRestoresTheSync)
{
    strava.seed(kAnna, 20, 34);
    connectDirectly();
    MainWindow w(*store, athlete, *preferences);
    w.show();
    StravaController* c = w.strava();
    c->sync(false);
    ASSERT_TRUE(waitIdle(*c));
    const int kept = store->activityCount(athlete);
    Fault revoked;
    revoked.kind = Fault::Kind::RevokedAccess;
    strava.injectFault(revoked);
    w.findChild<QAction*>(QStringLiteral("forceRefreshFromStrava"))->trigger();
    ASSERT_TRUE(waitIdle(*c));

    StravaStatusBar* bar = w.stravaStatus();
    EXPECT_TRUE(bar->text().contains(QStringLiteral("reconnect"))) << bar->text().toStdString();
    EXPECT_FALSE(child<QPushButton>(bar, "stravaStatusReconnect")->isHidden());
    StravaSettings* s = w.stravaSettings();
    EXPECT_FALSE(child<QLabel>(s, "stravaProblem")->isHidden());
    EXPECT_TRUE(child<QLabel>(s, "stravaProblem")->text().contains(QStringLiteral("reconnect")));
    EXPECT_FALSE(child<QPushButton>(s, "stravaReconnect")->isHidden());
    EXPECT_EQ(store->activityCount(athlete), kept);

    // Reconnect from the status bar: Settings ▸ Strava, Strava's page again, and the problem is gone.
    w.strava()->setOpenUrl(browser());
    child<QPushButton>(bar, "stravaStatusReconnect")->click();
    EXPECT_EQ(w.currentPage(), MainWindow::Settings);
    ASSERT_FALSE(opened.isEmpty());
    EXPECT_TRUE(opened.back().query().contains(QStringLiteral("approval_prompt=force")));
    ASSERT_TRUE(waitIdle(*c));
    EXPECT_TRUE(child<QLabel>(s, "stravaProblem")->isHidden());
    EXPECT_TRUE(child<QPushButton>(bar, "stravaStatusReconnect")->isHidden());
    EXPECT_TRUE(c->status().problem.isEmpty());
}

TEST_F(StravaDesktop, LeftOutPrivateActivitiesAreShownAndAskAgainGrantsThem)
{
    connectDirectly({QStringLiteral("activity:read_all")});
    MainWindow w(*store, athlete, *preferences);
    w.show();
    StravaSettings* s = w.stravaSettings();
    EXPECT_FALSE(child<QLabel>(s, "stravaMissing")->isHidden());
    EXPECT_TRUE(
        child<QLabel>(s, "stravaMissing")->text().startsWith(QStringLiteral("Private activities are left out")));
    w.strava()->setOpenUrl(browser());
    child<QPushButton>(s, "stravaAskAgain")->click();
    ASSERT_FALSE(opened.isEmpty());
    EXPECT_TRUE(opened.back().query().contains(QStringLiteral("approval_prompt=force")));
    EXPECT_TRUE(child<QLabel>(s, "stravaMissing")->isHidden());
    EXPECT_TRUE(w.strava()->status().missingScopes.isEmpty());
    ASSERT_TRUE(waitIdle(*w.strava()));
}

TEST_F(StravaDesktop, TheWelcomePageLeadsToTheSettingsAndSignsInWhenAnApplicationIsSet)
{
    {
        MainWindow w(*store, athlete, *preferences);
        w.show();
        w.strava()->setOpenUrl(browser());
        child<QPushButton>(&w, "connectStrava")->click();
        EXPECT_EQ(w.currentPage(), MainWindow::Settings);
        EXPECT_TRUE(opened.isEmpty()); // no application yet: the athlete enters it first
    }
    strava::StravaAccount account(*store, athlete, secrets, endpoints());
    ASSERT_TRUE(account.setApp({kStravaClientId, kStravaClientSecret}).ok());
    MainWindow w(*store, athlete, *preferences);
    w.show();
    w.strava()->setOpenUrl(browser());
    EXPECT_EQ(child<QLineEdit>(w.stravaSettings(), "stravaClientId")->text(), kStravaClientId);
    child<QPushButton>(&w, "connectStrava")->click();
    EXPECT_EQ(opened.size(), 1);
    EXPECT_TRUE(w.strava()->status().connected);
    ASSERT_TRUE(waitIdle(*w.strava()));
}

TEST_F(StravaDesktop, TheRateLimitPausesTheSyncWhichResumesByItselfAlsoAfterARestart)
{
    strava.seed(kAnna, 100, 35);
    connectDirectly();
    // 30 reads a quarter hour: the sync stops well before 100 recordings.
    strava.setRateLimits(60, 120, 30, 60);
    {
        MainWindow w(*store, athlete, *preferences);
        w.show();
        StravaController* c = w.strava();
        c->sync(false);
        ASSERT_TRUE(waitIdle(*c));
        const strava::StravaStatus st = c->status();
        ASSERT_TRUE(st.resumeAt.isValid());
        EXPECT_GT(st.streamsLeft, 0);
        // Planned: the resume timer waits for Strava's time.
        EXPECT_EQ(c->resumeAt(), st.resumeAt);
        const QString bar = w.stravaStatus()->text();
        EXPECT_TRUE(bar.startsWith(QStringLiteral("Strava: waiting for Strava's rate limit until ")))
            << bar.toStdString();
        EXPECT_TRUE(bar.contains(QStringLiteral("(%1 recordings left, all by ").arg(st.streamsLeft)))
            << bar.toStdString();
    }
    // The app starts again after that time: the sync goes on by itself.
    strava.setRateLimits(20'000, 200'000, 10'000, 100'000);
    strava.setVirtualNow(strava.virtualNow().addSecs(3600));
    strava::SyncState state = strava::loadSyncState(*store, athlete);
    state.resumeAt = QDateTime::currentDateTimeUtc().addSecs(-60);
    state.budget = strava::RateBudget(); // Strava's windows have turned since
    ASSERT_TRUE(strava::saveSyncState(*store, athlete, state).ok());
    MainWindow w(*store, athlete, *preferences);
    w.show();
    bool started = false;
    QObject::connect(w.strava(), &StravaController::syncStarted, &w, [&] { started = true; });
    ASSERT_TRUE(waitUntil([&] { return started; }, 5000));
    ASSERT_TRUE(waitIdle(*w.strava()));
    EXPECT_EQ(w.strava()->status().streamsLeft, 0);
    EXPECT_FALSE(w.strava()->status().resumeAt.isValid());
}

TEST_F(StravaDesktop, TheAddressesComeFromTheSettingsAndTheEnvironmentWins)
{
    MainWindow w(*store, athlete, *preferences);
    StravaSettings* s = w.stravaSettings();
    child<QLineEdit>(s, "stravaApiBase")->setText(QStringLiteral("https://api-v3.strava.test"));
    child<QLineEdit>(s, "stravaOAuthBase")->setText(QStringLiteral("ftp://nowhere"));
    EXPECT_FALSE(s->saveAddresses()); // not an http(s) address: refused, nothing stored
    EXPECT_EQ(w.strava()->endpoints().api, strava.apiBase());
    child<QLineEdit>(s, "stravaOAuthBase")->setText(QStringLiteral("https://www.strava.test"));
    EXPECT_TRUE(s->saveAddresses());
    EXPECT_EQ(w.strava()->endpoints().api, QUrl(QStringLiteral("https://api-v3.strava.test")));
    EXPECT_EQ(w.strava()->endpoints().oauth, QUrl(QStringLiteral("https://www.strava.test")));
    qputenv("TRICOACH_STRAVA_API_BASE", strava.apiBase().toEncoded());
    qputenv("TRICOACH_STRAVA_OAUTH_BASE", strava.oauthBase().toEncoded());
    EXPECT_EQ(w.strava()->endpoints().api, strava.apiBase());
    EXPECT_EQ(w.strava()->endpoints().oauth, strava.oauthBase());
    qunsetenv("TRICOACH_STRAVA_API_BASE");
    qunsetenv("TRICOACH_STRAVA_OAUTH_BASE");
}

TEST_F(StravaDesktop, ClosingTheWindowDuringASyncEndsItAndKeepsWhatArrived)
{
    strava.seed(kAnna, 30, 36);
    connectDirectly();
    slowStreams(strava, 100);
    {
        MainWindow w(*store, athlete, *preferences);
        w.show();
        w.strava()->sync(false);
        ASSERT_TRUE(waitUntil([&] { return store->activityCount(athlete) > 0; }, 20'000));
    } // the window goes while the worker fetches recordings (and may be asking for a token)
    EXPECT_EQ(store->activityCount(athlete), static_cast<int>(strava.activities(kAnna).size()));
    EXPECT_EQ(secrets.refused, 0);
}

} // namespace
