// The window as a person uses it: first run, importing by drop, profiles, the undoable edits.
#include "core/util/datetime.h"
#include "tests/ui/uitestsupport.h"
#include "ui/activities/activitiespage.h"
#include "ui/activities/activitydetail.h"
#include "ui/activities/activitymodel.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/importing/importdialog.h"
#include "ui/mainwindow.h"
#include "ui/trainingdata.h"

#include <QActionGroup>
#include <QApplication>
#include <QDropEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTreeView>
#include <QUndoStack>
#include <QUrl>

using namespace tricoach;
using namespace tricoach::test;

namespace {

class MainWindowTest : public UiTest {
protected:
    ActivityId addRun(AthleteId who, int daysAgo, double load, const QString& title = QStringLiteral("Easy run"))
    {
        Activity a;
        a.athleteId = who;
        a.sport = Sport::Run;
        a.title = title;
        a.startUtc = utcDateTime(QDate::currentDate().addDays(-daysAgo), QTime(7, 0));
        a.movingSec = a.elapsedSec = 3600;
        a.userLoad = load;
        auto added = store->addActivity(a);
        EXPECT_TRUE(added);
        return added ? added->id : 0;
    }

    static QMenu* profileMenu(MainWindow& w)
    {
        for (QAction* a : w.menuBar()->actions())
            if (a->menu() && a->text() == QStringLiteral("&Profile"))
                return a->menu();
        return nullptr;
    }

    static int loadSample(MainWindow& w)
    {
        int loaded = -1;
        const auto connection = QObject::connect(&w, &MainWindow::sampleSeasonLoaded, [&loaded](int n) { loaded = n; });
        w.exploreSampleSeason();
        waitUntil([&] { return loaded >= 0; }, 60'000);
        QObject::disconnect(connection);
        return loaded;
    }
};

TEST_F(MainWindowTest, FirstRunShowsTheWelcomePageAndDataShowsTheDashboard)
{
    MainWindow w(*store, athlete, *preferences);
    w.show();
    EXPECT_EQ(w.currentPage(), MainWindow::Welcome);
    EXPECT_TRUE(w.pageNames().contains(QStringLiteral("Welcome")));
    auto* strava = w.findChild<QWidget*>(QStringLiteral("connectStrava"));
    ASSERT_NE(strava, nullptr);
    EXPECT_TRUE(strava->isEnabled()); // it leads to Settings ▸ Strava (tests/ui/strava_test.cpp)

    addRun(athlete, 1, 80);
    w.data().notifyChanged();
    EXPECT_EQ(w.currentPage(), MainWindow::Dashboard);
    EXPECT_EQ(w.pageNames(),
              (QStringList{QStringLiteral("Dashboard"), QStringLiteral("Activities"), QStringLiteral("Calendar"),
                           QStringLiteral("Plan"), QStringLiteral("Settings")}));
}

TEST_F(MainWindowTest, DroppedFilesImportWithProgressAndFillTheTableAndTheChart)
{
    MainWindow w(*store, athlete, *preferences);
    w.show();
    const QStringList files{corpusFile(QStringLiteral("fit/running-garmin-fenix5-short.fit")),
                            corpusFile(QStringLiteral("fit/cycling-garmin-edge1040-power-gearchange.fit")),
                            corpusFile(QStringLiteral("fit/invalid-truncated-eof-activity-sdk.fit"))};
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& f : files)
        urls << QUrl::fromLocalFile(f);
    mime.setUrls(urls);
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&w, &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&w, &drop);

    auto* dialog = w.findChild<ImportDialog*>();
    ASSERT_NE(dialog, nullptr);
    ASSERT_TRUE(waitUntil([&] { return dialog->isFinished(); }));
    EXPECT_EQ(dialog->progressBar()->value(), dialog->progressBar()->maximum());
    const ImportReport& report = *dialog->report();
    EXPECT_EQ(report.files.size(), 3u);
    EXPECT_GE(report.added(), 2);
    // The broken file is named with what is wrong with it.
    ASSERT_GE(dialog->problemsTable()->rowCount(), 1);
    EXPECT_TRUE(dialog->problemsTable()->item(0, 0)->text().contains(QStringLiteral("invalid-truncated")));
    EXPECT_FALSE(dialog->problemsTable()->item(0, 1)->text().isEmpty());
    EXPECT_TRUE(dialog->summaryLabel()->text().contains(QStringLiteral("added")));

    // The table shows what the store holds, row for row.
    const std::vector<Activity> stored = store->activities(athlete);
    ActivityTableModel* model = w.activities()->model();
    ASSERT_EQ(model->rowCount(), static_cast<int>(stored.size()));
    for (const Activity& a : stored) {
        const int row = model->rowOf(a.id);
        ASSERT_GE(row, 0);
        EXPECT_EQ(model->data(model->index(row, ActivityTableModel::Load)).toString(), QString::number(a.load, 'f', 0));
    }
    // The chart's bars are the store's daily loads (All range covers the files' years).
    w.dashboard()->setRange(ChartRange::All);
    double chartLoad = 0;
    for (const PmcDay& d : w.dashboard()->pmcChart()->visibleDays())
        chartLoad += d.load;
    double storeLoad = 0;
    for (const DailyLoad& d : store->dailyLoads(athlete))
        storeLoad += d.load;
    EXPECT_GT(storeLoad, 0);
    EXPECT_NEAR(chartLoad, storeLoad, 1e-6);
    EXPECT_EQ(w.currentPage(), MainWindow::Dashboard);
}

TEST_F(MainWindowTest, ProfilesKeepTheirDataApart)
{
    const AthleteId ben = store->createAthlete(QStringLiteral("Ben"))->id;
    addRun(athlete, 2, 50, QStringLiteral("Anna's run"));
    addRun(ben, 3, 70, QStringLiteral("Ben's run"));
    addRun(ben, 4, 60, QStringLiteral("Ben's other run"));
    MainWindow w(*store, athlete, *preferences);
    w.show();
    EXPECT_EQ(w.activities()->model()->rowCount(), 1);
    w.switchAthlete(ben);
    EXPECT_EQ(w.activities()->model()->rowCount(), 2);
    for (int r = 0; r < 2; ++r)
        EXPECT_TRUE(w.activities()->model()->activityAt(r)->title.startsWith(QStringLiteral("Ben")));
    auto* title = w.findChild<QLabel*>(QStringLiteral("dashboardTitle"));
    ASSERT_NE(title, nullptr);
    EXPECT_TRUE(title->text().contains(QStringLiteral("Ben")));
    EXPECT_TRUE(w.windowTitle().contains(QStringLiteral("Ben")));
    double benLoad = 0;
    for (const PmcDay& d : w.dashboard()->pmcChart()->visibleDays())
        benLoad += d.load;
    EXPECT_DOUBLE_EQ(benLoad, 130);
}

TEST_F(MainWindowTest, EditsAndDeletesAreUndoable)
{
    const ActivityId id = addRun(athlete, 1, 80, QStringLiteral("Tempo run"));
    MainWindow w(*store, athlete, *preferences);
    w.show();
    w.showPage(MainWindow::Activities);
    w.activities()->selectActivity(id);
    ActivityDetail* detail = w.activities()->detail();
    ASSERT_EQ(detail->activityId(), id);

    detail->findChild<QLineEdit*>(QStringLiteral("editTitle"))->setText(QStringLiteral("Tempo run, windy"));
    detail->saveEdits();
    EXPECT_EQ(store->activity(id, false)->title, QStringLiteral("Tempo run, windy"));
    w.undoStack().undo();
    EXPECT_EQ(store->activity(id, false)->title, QStringLiteral("Tempo run"));
    w.undoStack().redo();
    EXPECT_EQ(store->activity(id, false)->title, QStringLiteral("Tempo run, windy"));

    w.activities()->selectActivity(id);
    detail->deleteActivity();
    EXPECT_EQ(store->activityCount(athlete), 0);
    EXPECT_EQ(w.activities()->model()->rowCount(), 0);
    w.undoStack().undo();
    ASSERT_EQ(store->activityCount(athlete), 1);
    const Activity back = store->activities(athlete).front();
    EXPECT_EQ(back.title, QStringLiteral("Tempo run, windy"));
    EXPECT_DOUBLE_EQ(back.load, 80);
    EXPECT_EQ(w.activities()->model()->rowCount(), 1);
}

TEST_F(MainWindowTest, HeatmapDayOpensThatDaysActivities)
{
    addRun(athlete, 3, 40, QStringLiteral("Three days ago"));
    addRun(athlete, 10, 40, QStringLiteral("Ten days ago"));
    MainWindow w(*store, athlete, *preferences);
    w.show();
    Q_EMIT w.dashboard()->daySelected(QDate::currentDate().addDays(-3));
    EXPECT_EQ(w.currentPage(), MainWindow::Activities);
    auto* table = w.activities()->table();
    ASSERT_EQ(table->model()->rowCount(), 1);
    EXPECT_EQ(table->model()->index(0, ActivityTableModel::Title).data().toString(), QStringLiteral("Three days ago"));
    w.activities()->showDay(QDate());
    EXPECT_EQ(table->model()->rowCount(), 2);
}

TEST_F(MainWindowTest, TheSampleSeasonFillsAProfileOfItsOwn)
{
    addRun(athlete, 1, 50, QStringLiteral("Mine"));
    MainWindow w(*store, athlete, *preferences);
    w.show();
    int loaded = -1;
    QObject::connect(&w, &MainWindow::sampleSeasonLoaded, [&](int n) { loaded = n; });
    w.exploreSampleSeason();
    ASSERT_TRUE(waitUntil([&] { return loaded >= 0; }, 60'000));
    EXPECT_GT(loaded, 50);
    const auto sample = store->athleteByName(QStringLiteral("Sample season"));
    ASSERT_TRUE(sample);
    EXPECT_EQ(w.data().athlete(), sample->id);
    EXPECT_EQ(store->activityCount(sample->id), loaded);
    EXPECT_EQ(store->activityCount(athlete), 1); // the athlete's own data is untouched
    EXPECT_GT(store->thresholdHistory(sample->id).changes().size(), 0u);
    // One row per session: the season's race is one row holding its legs.
    const auto sessions = groupSessions(store->activities(sample->id));
    EXPECT_EQ(w.activities()->model()->rowCount(), static_cast<int>(sessions.size()));
    int rows = 0;
    for (int r = 0; r < w.activities()->model()->rowCount(); ++r) {
        const QModelIndex session = w.activities()->model()->index(r, 0);
        rows += std::max(1, w.activities()->model()->rowCount(session));
    }
    EXPECT_EQ(rows, loaded);
}

// An edit the store cannot keep (here the activity was deleted from the command line meanwhile) is not lost
// in a log: the window says so.
TEST_F(MainWindowTest, AnEditThatCannotBeSavedIsShownToTheAthlete)
{
    const ActivityId id = addRun(athlete, 1, 80, QStringLiteral("Tempo run"));
    MainWindow w(*store, athlete, *preferences);
    w.show();
    w.showPage(MainWindow::Activities);
    w.activities()->selectActivity(id);
    ActivityDetail* detail = w.activities()->detail();
    ASSERT_EQ(detail->activityId(), id);
    ASSERT_TRUE(store->removeActivity(id)); // another program on the same database
    detail->findChild<QLineEdit*>(QStringLiteral("editTitle"))->setText(QStringLiteral("Tempo run, windy"));
    detail->saveEdits();
    QApplication::processEvents();
    auto* box = w.findChild<QMessageBox*>(QStringLiteral("changeFailed"));
    ASSERT_NE(box, nullptr) << "the failure was not shown";
    EXPECT_TRUE(box->isVisible());
    EXPECT_TRUE(box->text().contains(QString::number(id))) << box->text().toStdString();
    box->close();
}

TEST_F(MainWindowTest, ARecreatedSampleSeasonIsTheOneShown)
{
    MainWindow w(*store, athlete, *preferences);
    w.show();
    ASSERT_GT(loadSample(w), 50);
    const AthleteId first = w.data().athlete();
    ASSERT_NE(first, athlete);
    // The person renames the sample to keep it, goes back to their own profile, and asks for the sample again.
    ASSERT_TRUE(store->renameAthlete(first, QStringLiteral("Old sample")));
    w.switchAthlete(athlete);
    const int again = loadSample(w);
    ASSERT_GT(again, 50);
    const auto second = store->athleteByName(QStringLiteral("Sample season"));
    ASSERT_TRUE(second);
    EXPECT_NE(second->id, first);
    EXPECT_EQ(w.data().athlete(), second->id);
    // One row per session (the season's race is one row holding its legs).
    EXPECT_EQ(w.activities()->model()->rowCount(),
              static_cast<int>(groupSessions(store->activities(second->id)).size()));
    EXPECT_GT(store->activityCount(first), 50); // the renamed one keeps its own season
}

TEST_F(MainWindowTest, RebuildingTheProfileMenuKeepsOneActionGroup)
{
    const AthleteId ben = store->createAthlete(QStringLiteral("Ben"))->id;
    MainWindow w(*store, athlete, *preferences);
    QMenu* menu = profileMenu(w);
    ASSERT_NE(menu, nullptr);
    for (int i = 0; i < 25; ++i)
        w.switchAthlete(i % 2 == 0 ? ben : athlete); // each switch rebuilds the menu
    EXPECT_LE(menu->findChildren<QActionGroup*>().size(), 1);
    // Still one check mark, on the athlete shown.
    int checked = 0;
    for (QAction* a : menu->actions()) {
        if (a->isChecked()) {
            ++checked;
            EXPECT_EQ(a->data().toLongLong(), w.data().athlete());
        }
    }
    EXPECT_EQ(checked, 1);
}

TEST_F(MainWindowTest, TheStatusBarCountsActivitiesInWords)
{
    addRun(athlete, 1, 50);
    MainWindow w(*store, athlete, *preferences);
    auto status = [&w] {
        for (QLabel* l : w.statusBar()->findChildren<QLabel*>())
            if (l->text().contains(QStringLiteral(" · ")))
                return l->text();
        return QString();
    };
    EXPECT_TRUE(status().endsWith(QStringLiteral(" · 1 activity"))) << status().toStdString();
    addRun(athlete, 2, 50);
    w.data().notifyChanged();
    EXPECT_TRUE(status().endsWith(QStringLiteral(" · 2 activities"))) << status().toStdString();
}

} // namespace
