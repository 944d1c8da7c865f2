// Settings ▸ Strava once connected, and the status bar during a sync, at the window sizes people use (1024×700,
// 1366×768): nothing the athlete reads is cut off. With TRICOACH_SCREENSHOTS_DIR set, the pictures are written there
// to look at (else to the test's temporary folder).
#include "tests/ui/stravatestsupport.h"
#include "ui/mainwindow.h"
#include "ui/settings/stravasettings.h"
#include "ui/strava/stravastatusbar.h"

#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QStatusBar>

using namespace tricoach;
using namespace tricoach::test;

namespace {

class StravaScreens : public StravaUiTest {
protected:
    QString folder()
    {
        const QString env = qEnvironmentVariable("TRICOACH_SCREENSHOTS_DIR");
        const QString dir = env.isEmpty() ? pathFor(QStringLiteral("shots")) : env;
        QDir().mkpath(dir);
        return dir;
    }
    void save(QWidget& w, const QString& name, const QSize& size)
    {
        const QString file =
            QStringLiteral("%1/strava-%2-%3x%4.png").arg(folder(), name).arg(size.width()).arg(size.height());
        EXPECT_TRUE(w.grab().save(file)) << file.toStdString();
    }
};

TEST_F(StravaScreens, SettingsOnceConnectedAndTheStatusBarDuringASyncReadWell)
{
    strava.seed(kAnna, 60, 41);
    connectDirectly({QStringLiteral("activity:read_all")}); // the "left out" line shows too
    MainWindow w(*store, athlete, *preferences);
    w.show();
    StravaController* c = w.strava();

    // During a sync: the status bar with its progress and Cancel.
    fakes::FakeStrava::Fault slow;
    slow.kind = fakes::FakeStrava::Fault::Kind::Slow;
    slow.delayMs = 120;
    slow.pathContains = QStringLiteral("/streams");
    slow.count = -1;
    strava.injectFault(slow);
    w.showPage(MainWindow::Dashboard);
    c->sync(false);
    ASSERT_TRUE(waitUntil(
        [&] { return c->status().activities > 0 && w.stravaStatus()->text().contains(QStringLiteral("recordings")); }));
    // The pages show the activities listed so far while the recordings come in.
    const QString listed = QStringLiteral("%1 activities").arg(c->status().activities);
    auto* athleteStatus = w.statusBar()->findChild<QLabel*>(QStringLiteral("statusAthlete"));
    ASSERT_NE(athleteStatus, nullptr);
    EXPECT_TRUE(waitUntil([&] { return athleteStatus->text().endsWith(listed); }, 3000))
        << athleteStatus->text().toStdString();
    EXPECT_TRUE(c->busy());
    for (const QSize size : {QSize(1024, 700), QSize(1366, 768)}) {
        w.resize(size);
        waitUntil([] { return false; }, 300); // a progress step or two at this size
        const std::string where = QStringLiteral("status bar %1x%2").arg(size.width()).arg(size.height()).toStdString();
        StravaStatusBar* bar = w.stravaStatus();
        EXPECT_TRUE(bar->isVisible()) << where;
        EXPECT_LE(bar->geometry().right(), w.statusBar()->width()) << where;
        auto* text = bar->findChild<QLabel*>(QStringLiteral("stravaStatusText"));
        ASSERT_NE(text, nullptr);
        // The last progress step may have changed the text after the layout ran: let the layout catch up (a slow
        // build, ASan, can land a step between the wait and this line), then measure the text as shown.
        for (int i = 0; i < 3; ++i)
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        EXPECT_GE(text->width(), text->sizeHint().width()) << where << ": " << text->text().toStdString();
        EXPECT_TRUE(bar->findChild<QPushButton*>(QStringLiteral("stravaStatusCancel"))->isVisible()) << where;
        save(w, QStringLiteral("syncing"), size);
    }
    c->cancel();
    ASSERT_TRUE(waitIdle(*c));
    strava.clearFaults();

    // Settings ▸ Strava, connected, with the last sync and what is left out.
    w.showStravaSettings();
    for (const QSize size : {QSize(1024, 700), QSize(1366, 768)}) {
        w.resize(size);
        w.showStravaSettings();
        QCoreApplication::processEvents();
        const std::string where = QStringLiteral("settings %1x%2").arg(size.width()).arg(size.height()).toStdString();
        StravaSettings* s = w.stravaSettings();
        EXPECT_TRUE(s->isVisible()) << where;
        EXPECT_EQ(s->findChild<QLabel*>(QStringLiteral("stravaConnection"))->text(),
                  QStringLiteral("Connected as Anna Berg"));
        EXPECT_TRUE(s->findChild<QLabel*>(QStringLiteral("stravaMissing"))->isVisible()) << where;
        EXPECT_LE(w.width(), size.width()) << where;
        expectWhole(s, where);
        save(w, QStringLiteral("settings"), size);
    }
}

} // namespace
