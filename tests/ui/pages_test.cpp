// The calendar, the activity detail, the theme and a cancelled import, each against the store.
#include "core/import/activityimporter.h"
#include "core/util/datetime.h"
#include "tests/ui/uitestsupport.h"
#include "ui/activities/activitiespage.h"
#include "ui/activities/activitydetail.h"
#include "ui/calendar/calendarpage.h"
#include "ui/importing/importdialog.h"
#include "ui/mainwindow.h"
#include "ui/preferences.h"
#include "ui/settings/settingspage.h"
#include "ui/trainingdata.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineSeries>
#include <QMouseEvent>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTableWidget>
#include <QUndoStack>

using namespace tricoach;
using namespace tricoach::test;

namespace {

class PagesTest : public UiTest {};

TEST_F(PagesTest, CalendarShowsEachDaysLoadAndOpensTheDay)
{
    const QDate day(2026, 3, 11);
    for (int i = 0; i < 2; ++i) {
        Activity a;
        a.athleteId = athlete;
        a.sport = i == 0 ? Sport::Swim : Sport::Run;
        a.startUtc = utcDateTime(day, QTime(6 + i * 10, 0));
        a.movingSec = a.elapsedSec = 1800;
        a.userLoad = 30 + i * 20;
        ASSERT_TRUE(store->addActivity(a));
    }
    TrainingData data(*store, athlete);
    CalendarPage page(data, *preferences);
    page.resize(1200, 800);
    page.setToday(QDate(2026, 3, 20));
    page.show();
    EXPECT_EQ(page.month(), QDate(2026, 3, 1));
    MonthView* view = page.view();
    EXPECT_EQ(view->gridStart(), QDate(2026, 2, 23)); // the Monday before March 1st
    EXPECT_DOUBLE_EQ(view->dayLoad(day), 80);
    EXPECT_DOUBLE_EQ(view->dayLoad(day.addDays(1)), 0);
    const QRect cell = view->dayRect(day);
    ASSERT_TRUE(cell.isValid());
    EXPECT_EQ(view->dayAt(cell.center()), day);
    QSignalSpy selected(&page, &CalendarPage::daySelected);
    QMouseEvent press(QEvent::MouseButtonPress, QPointF(cell.center()), view->mapToGlobal(QPointF(cell.center())),
                      Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view, &press);
    ASSERT_EQ(selected.count(), 1);
    EXPECT_EQ(selected.front().front().toDate(), day);
    page.showMonth(QDate(2026, 4, 15));
    EXPECT_DOUBLE_EQ(view->dayLoad(day), 0); // not in April's grid
}

TEST_F(PagesTest, ADetailShowsTheRecordingLapsAndZonesOfAnImportedRide)
{
    ThresholdChange t;
    t.effectiveFrom = QDate(2000, 1, 1);
    t.values.ftpWatts = 250;
    t.values.lthrBike = 160;
    ASSERT_TRUE(store->addThresholdChange(athlete, t));
    const FormatRegistry formats;
    ActivityImporter importer(*store, formats);
    const auto report =
        importer.run(athlete, {corpusFile(QStringLiteral("fit/cycling-garmin-edge1040-power-gearchange.fit"))});
    ASSERT_EQ(report.added(), 1);
    const ActivityId id = report.files.front().activityIds.front();

    TrainingData data(*store, athlete);
    QUndoStack undo;
    ActivityDetail detail(data, *preferences, undo);
    detail.resize(1200, 700);
    detail.show();
    detail.showActivity(id);
    const Activity& a = detail.activity();
    ASSERT_EQ(a.id, id);
    ASSERT_FALSE(a.streams.empty());

    // Heart rate and power are plotted by default for a ride, each against time in minutes.
    const auto series = detail.streamChart()->chart()->series();
    ASSERT_GE(series.size(), 2);
    QStringList names;
    for (QAbstractSeries* s : series)
        names << s->name();
    EXPECT_TRUE(names.contains(QStringLiteral("Heart rate (bpm)"))) << names.join(QLatin1Char(',')).toStdString();
    EXPECT_TRUE(names.contains(QStringLiteral("Power (W)"))) << names.join(QLatin1Char(',')).toStdString();
    auto* line = static_cast<QLineSeries*>(series.front());
    EXPECT_NEAR(line->points().back().x(), a.streams.time.back() / 60.0, 1.0);

    EXPECT_EQ(detail.lapsTable()->rowCount(), static_cast<int>(a.laps.size()));
    // Time in zones: power and heart-rate zones, the shares of each adding up to 100 %.
    QTableWidget* zones = detail.zonesTable();
    ASSERT_EQ(zones->rowCount(), 14);
    double powerShare = 0;
    for (int r = 0; r < 7; ++r) {
        EXPECT_TRUE(zones->item(r, 0)->text().startsWith(QStringLiteral("Power")));
        powerShare += zones->item(r, 3)->text().chopped(1).toDouble();
    }
    EXPECT_NEAR(powerShare, 100, 4); // rounded shares
    EXPECT_TRUE(zones->item(7, 0)->text().startsWith(QStringLiteral("Heart rate")));
}

// The 4-hour ride whose power meter recorded only zeros: the detail says its load came from heart rate, and why.
TEST_F(PagesTest, ADetailSaysWhyTheLoadCameFromWhereItDid)
{
    ThresholdChange t;
    t.effectiveFrom = QDate(2000, 1, 1);
    t.values.ftpWatts = 250;
    t.values.lthrBike = 160;
    t.values.maxHr = 188;
    t.values.restingHr = 50;
    ASSERT_TRUE(store->addThresholdChange(athlete, t));
    const FormatRegistry formats;
    ActivityImporter importer(*store, formats);
    const auto report =
        importer.run(athlete, {corpusFile(QStringLiteral("fit/invalid-sigma-unterminated.fit")),
                               corpusFile(QStringLiteral("fit/cycling-garmin-edge1040-power-gearchange.fit"))});
    ASSERT_EQ(report.added(), 2);

    TrainingData data(*store, athlete);
    QUndoStack undo;
    ActivityDetail detail(data, *preferences, undo);
    detail.resize(1200, 700);
    detail.show();
    auto* note = detail.findChild<QLabel*>(QStringLiteral("detailLoadNote"));
    ASSERT_NE(note, nullptr);
    const auto idOf = [&](const char* name) {
        for (const FileOutcome& f : report.files) {
            if (f.file.endsWith(QLatin1String(name)))
                return f.activityIds.front();
        }
        return ActivityId{0};
    };
    detail.showActivity(idOf("invalid-sigma-unterminated.fit"));
    EXPECT_EQ(detail.activity().loadSource, LoadSource::HeartRate);
    EXPECT_TRUE(note->isVisible());
    EXPECT_EQ(note->text(), QStringLiteral("The power meter recorded only zeros; heart rate was used."));
    EXPECT_TRUE(detail.findChild<QLabel*>(QStringLiteral("detailSummary"))->text().contains(QStringLiteral("Load")));

    // A ride scored from its power meter has nothing to explain.
    detail.showActivity(idOf("cycling-garmin-edge1040-power-gearchange.fit"));
    EXPECT_EQ(detail.activity().loadSource, LoadSource::Power);
    EXPECT_FALSE(note->isVisible());
}

TEST_F(PagesTest, TheThemeFollowsTheSetting)
{
    MainWindow w(*store, athlete, *preferences);
    w.show();
    auto* theme = w.settings()->findChild<QComboBox*>(QStringLiteral("theme"));
    ASSERT_NE(theme, nullptr);
    theme->setCurrentIndex(theme->findData(static_cast<int>(Theme::Dark)));
    Q_EMIT theme->activated(theme->currentIndex());
    EXPECT_EQ(preferences->theme(), Theme::Dark);
    EXPECT_TRUE(isDarkPalette());
    theme->setCurrentIndex(theme->findData(static_cast<int>(Theme::Light)));
    Q_EMIT theme->activated(theme->currentIndex());
    EXPECT_FALSE(isDarkPalette());
    // The choice is remembered.
    Preferences again(std::make_unique<QSettings>(pathFor(QStringLiteral("prefs.ini")), QSettings::IniFormat));
    EXPECT_EQ(again.theme(), Theme::Light);
}

TEST_F(PagesTest, ACancelledImportKeepsWhatWasStoredAndSaysWhatWasSkipped)
{
    // Enough files that Cancel lands before the end.
    const QString folder = pathFor(QStringLiteral("many"));
    for (int copy = 0; copy < 6; ++copy) {
        const QString sub = folder + QStringLiteral("/%1").arg(copy);
        QDir().mkpath(sub);
        for (const QFileInfo& f : QDir(corpusFile(QStringLiteral("fit"))).entryInfoList({QStringLiteral("*.fit")}))
            QFile::copy(f.filePath(), sub + QLatin1Char('/') + f.fileName());
    }
    TrainingData data(*store, athlete);
    ImportDialog dialog(data, {folder});
    dialog.show();
    bool cancelled = false;
    dialog.start();
    ASSERT_TRUE(waitUntil([&] {
        if (!cancelled && dialog.progressBar()->value() > 0) {
            dialog.cancel();
            cancelled = true;
        }
        return dialog.isFinished();
    }));
    const ImportReport& r = *dialog.report();
    EXPECT_TRUE(r.cancelled);
    EXPECT_TRUE(dialog.summaryLabel()->text().contains(QStringLiteral("cancelled")));
    EXPECT_EQ(store->activityCount(athlete), r.added());
    // Closing the finished dialog is allowed; closing a running one only cancels it.
    dialog.reject();
    EXPECT_FALSE(dialog.isVisible());
}

} // namespace
