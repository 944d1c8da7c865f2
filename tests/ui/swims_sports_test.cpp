// Pool swims in the activity detail (their sets, pace per 100 m or per 100 yd) and every sport named wherever
// sports are listed: the filter, the edit form, Settings, the volume chart, the calendar.
#include "core/import/activityimporter.h"
#include "core/io/formatregistry.h"
#include "core/metrics/volume.h"
#include "core/util/datetime.h"
#include "tests/ui/uitestsupport.h"
#include "ui/activities/activitiespage.h"
#include "ui/activities/activitydetail.h"
#include "ui/activities/activitymodel.h"
#include "ui/activities/swimsetsview.h"
#include "ui/calendar/calendarpage.h"
#include "ui/charts/volumechart.h"
#include "ui/settings/settingspage.h"
#include "ui/sportstyle.h"
#include "ui/trainingdata.h"

#include <QBarSet>
#include <QChartView>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QStackedBarSeries>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeView>
#include <QUndoStack>

using namespace tricoach;
using namespace tricoach::test;

namespace {

class SwimsAndSportsTest : public UiTest {
protected:
    ActivityId import(const QString& rel)
    {
        const FormatRegistry formats;
        ActivityImporter importer(*store, formats);
        const auto report = importer.run(athlete, {corpusFile(rel)});
        EXPECT_EQ(report.added(), 1) << rel.toStdString();
        return report.files.empty() || report.files.front().activityIds.empty()
                   ? 0
                   : report.files.front().activityIds.front();
    }
};

// Sets counted from the lengths the way a swimmer would: a new set after every rest and at every change of stroke.
struct CountedSet {
    int lengths = 0;
    double seconds = 0;
};
std::vector<CountedSet> countSets(const std::vector<PoolLength>& lengths)
{
    std::vector<CountedSet> sets;
    bool resting = true;
    QString stroke;
    for (const PoolLength& l : lengths) {
        if (!l.active) {
            resting = true;
            continue;
        }
        if (resting || l.strokeType != stroke)
            sets.push_back({});
        resting = false;
        stroke = l.strokeType;
        ++sets.back().lengths;
        sets.back().seconds += l.durationSec;
    }
    return sets;
}

TEST_F(SwimsAndSportsTest, APoolSwimShowsItsSetsWithPacePer100Metres)
{
    const ActivityId id = import(QStringLiteral("fit/swim-pool-garmin-fr945-25m-chained.fit"));
    TrainingData data(*store, athlete);
    QUndoStack undo;
    ActivityDetail detail(data, *preferences, undo);
    detail.resize(1024, 700);
    detail.show();
    detail.showActivity(id);
    const Activity& swim = detail.activity();
    ASSERT_FALSE(swim.lengths.empty());
    ASSERT_TRUE(swim.poolLengthM);
    EXPECT_DOUBLE_EQ(*swim.poolLengthM, 25);

    QTabWidget* tabs = detail.tabs();
    const int setsTab = tabs->indexOf(detail.swimSets());
    ASSERT_GE(setsTab, 0);
    EXPECT_TRUE(tabs->isTabVisible(setsTab));
    EXPECT_EQ(tabs->tabText(tabs->indexOf(detail.lapsTable())), QStringLiteral("Lengths"));

    QTableWidget* table = detail.swimSets()->table();
    const auto expected = countSets(swim.lengths);
    ASSERT_EQ(table->rowCount(), static_cast<int>(expected.size()));
    EXPECT_EQ(table->horizontalHeaderItem(SwimSetsView::Pace)->text(), QStringLiteral("Pace /100 m"));
    for (int r = 0; r < table->rowCount(); ++r) {
        const CountedSet& s = expected[static_cast<std::size_t>(r)];
        EXPECT_EQ(table->item(r, SwimSetsView::Lengths)->text().toInt(), s.lengths) << r;
        EXPECT_EQ(table->item(r, SwimSetsView::Distance)->text(), QStringLiteral("%1 m").arg(s.lengths * 25)) << r;
        EXPECT_EQ(table->item(r, SwimSetsView::Pace)->text(), formatDuration(s.seconds / (s.lengths * 25.0) * 100))
            << r;
    }
    const QString summary = detail.findChild<QLabel*>(QStringLiteral("detailSummary"))->text();
    EXPECT_TRUE(summary.contains(QStringLiteral("/100 m"))) << summary.toStdString();
    EXPECT_FALSE(summary.contains(QStringLiteral("/km"))) << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("Pool swim"))) << summary.toStdString();

    // A run has no sets.
    Activity run;
    run.athleteId = athlete;
    run.sport = Sport::Run;
    run.startUtc = utcDateTime(QDate(2024, 1, 1), QTime(7, 0));
    run.movingSec = run.elapsedSec = 1800;
    detail.showActivity(store->addActivity(run)->id);
    EXPECT_FALSE(tabs->isTabVisible(setsTab));
    EXPECT_EQ(tabs->tabText(tabs->indexOf(detail.lapsTable())), QStringLiteral("Laps"));
}

TEST_F(SwimsAndSportsTest, AYardPoolSwimsInYards)
{
    const ActivityId id = import(QStringLiteral("fit/swim-pool-garmin-fr735xt-25yd-chained.fit"));
    TrainingData data(*store, athlete);
    QUndoStack undo;
    ActivityDetail detail(data, *preferences, undo);
    detail.show();
    detail.showActivity(id);
    const Activity& swim = detail.activity();
    ASSERT_TRUE(swim.poolLengthM);
    EXPECT_NEAR(*swim.poolLengthM, 22.86, 1e-6); // 25 yd
    QTableWidget* table = detail.swimSets()->table();
    EXPECT_EQ(table->horizontalHeaderItem(SwimSetsView::Pace)->text(), QStringLiteral("Pace /100 yd"));
    const auto expected = countSets(swim.lengths);
    ASSERT_EQ(table->rowCount(), static_cast<int>(expected.size()));
    const CountedSet& first = expected.front();
    EXPECT_EQ(table->item(0, SwimSetsView::Distance)->text(), QStringLiteral("%1 yd").arg(first.lengths * 25));
    EXPECT_EQ(table->item(0, SwimSetsView::Pace)->text(), formatDuration(first.seconds / (first.lengths * 25.0) * 100));
    const QString summary = detail.findChild<QLabel*>(QStringLiteral("detailSummary"))->text();
    ASSERT_TRUE(swim.avgSpeed);
    EXPECT_TRUE(summary.contains(QStringLiteral("%1 /100 yd").arg(formatDuration(91.44 / *swim.avgSpeed))))
        << summary.toStdString();
    EXPECT_TRUE(detail.swimSets()->totalsLabel()->text().contains(QStringLiteral(" yd"))) << summary.toStdString();
}

TEST_F(SwimsAndSportsTest, EverySportIsListedAndFilterable)
{
    // One activity of every sport on consecutive days, and an open-water swim.
    const QDate first(2026, 3, 2); // a Monday
    int day = 0;
    for (Sport s : kAllSports) {
        Activity a;
        a.athleteId = athlete;
        a.sport = s;
        a.startUtc = utcDateTime(first.addDays(day++), QTime(7, 0));
        a.movingSec = a.elapsedSec = 1200;
        a.userLoad = 20;
        ASSERT_TRUE(store->addActivity(a));
    }
    Activity ows;
    ows.athleteId = athlete;
    ows.sport = Sport::Swim;
    ows.subSport = QStringLiteral("OpenWaterSwim");
    ows.startUtc = utcDateTime(first.addDays(day), QTime(7, 0));
    ows.movingSec = ows.elapsedSec = 1800;
    ows.distanceM = 1500;
    const ActivityId owsId = store->addActivity(ows)->id;

    TrainingData data(*store, athlete);
    QUndoStack undo;
    ActivitiesPage page(data, *preferences, undo);
    page.show();
    auto* filter = page.findChild<QComboBox*>(QStringLiteral("activitySport"));
    auto* edit = page.detail()->findChild<QComboBox*>(QStringLiteral("editSport"));
    SettingsPage settings(data, *preferences);
    for (Sport s : kAllSports) {
        const QString name = sportName(s);
        EXPECT_FALSE(name.isEmpty());
        const int i = filter->findData(static_cast<int>(s));
        ASSERT_GE(i, 0) << sportId(s).toStdString();
        EXPECT_EQ(filter->itemText(i), name);
        filter->setCurrentIndex(i);
        // The filter finds that sport's activity (the swim filter finds both swims).
        EXPECT_EQ(page.table()->model()->rowCount(), s == Sport::Swim ? 2 : 1) << name.toStdString();
        QStringList shown;
        for (int r = 0; r < page.table()->model()->rowCount(); ++r)
            shown << page.table()->model()->index(r, ActivityTableModel::SportColumn).data().toString();
        EXPECT_TRUE(shown.contains(name)) << name.toStdString();
        EXPECT_EQ(edit->itemText(edit->findData(static_cast<int>(s))), name);
        auto* precedence = settings.findChild<QListWidget*>(QStringLiteral("precedence-%1").arg(sportId(s)));
        EXPECT_NE(precedence, nullptr) << sportId(s).toStdString();
        bool labelled = false;
        for (QLabel* label : settings.findChildren<QLabel*>())
            labelled = labelled || label->text() == name;
        EXPECT_TRUE(labelled) << name.toStdString();
    }
    filter->setCurrentIndex(0);

    // The open-water swim is named for what it is, in the table, its detail and the calendar.
    EXPECT_EQ(page.model()->index(page.model()->rowOf(owsId), ActivityTableModel::SportColumn).data().toString(),
              QStringLiteral("Open-water swim"));
    page.selectActivity(owsId);
    EXPECT_TRUE(page.detail()
                    ->findChild<QLabel*>(QStringLiteral("detailHeading"))
                    ->text()
                    .startsWith(QStringLiteral("Open-water swim")));
    CalendarPage calendar(data, *preferences);
    calendar.setToday(first);
    day = 0;
    for (Sport s : kAllSports) {
        const QStringList entries = calendar.view()->dayEntries(first.addDays(day++));
        ASSERT_EQ(entries.size(), 1);
        EXPECT_TRUE(entries.front().endsWith(sportName(s))) << entries.front().toStdString();
    }
    EXPECT_TRUE(calendar.view()->dayEntries(first.addDays(day)).front().endsWith(QStringLiteral("Open-water swim")));

    // The volume chart has a bar segment, named and coloured, for every sport trained.
    VolumeChart chart;
    chart.setPeriods(periodVolume(store->activities(athlete), first, first.addDays(20), VolumePeriod::Week),
                     VolumePeriod::Week, false);
    QStringList legend;
    for (QBarSet* set : chart.series()->barSets())
        legend << set->label();
    for (Sport s : kAllSports)
        EXPECT_TRUE(legend.contains(sportName(s))) << sportName(s).toStdString();
}

} // namespace
