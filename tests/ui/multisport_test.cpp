// The Activities page with a real triathlon imported: one row that opens to its legs, a detail with each leg in its
// own unit and the transitions as times, sorting and searching that keep the race whole, deleting it with undo.
#include "core/import/activityimporter.h"
#include "core/io/formatregistry.h"
#include "core/util/datetime.h"
#include "tests/ui/uitestsupport.h"
#include "ui/activities/activitiespage.h"
#include "ui/activities/activitydetail.h"
#include "ui/activities/activitymodel.h"
#include "ui/activities/recordingchart.h"
#include "ui/activities/sessiondetail.h"
#include "ui/calendar/calendarpage.h"
#include "ui/sportstyle.h"
#include "ui/trainingdata.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QTableWidget>
#include <QTreeView>
#include <QUndoStack>
#include <QValueAxis>

using namespace tricoach;
using namespace tricoach::test;

namespace {

class MultisportPageTest : public UiTest {
protected:
    // Imports corpus files; returns the stored ids of each file's activities, in file order.
    std::vector<ActivityId> import(const QString& rel)
    {
        const FormatRegistry formats;
        ActivityImporter importer(*store, formats);
        const auto report = importer.run(athlete, {corpusFile(rel)});
        EXPECT_EQ(report.files.size(), 1u);
        return report.files.empty() ? std::vector<ActivityId>{} : report.files.front().activityIds;
    }

    ActivityId addRun(const QDate& day, const QString& title, double minutes)
    {
        Activity a;
        a.athleteId = athlete;
        a.sport = Sport::Run;
        a.title = title;
        a.startUtc = utcDateTime(day, QTime(6, 0));
        a.movingSec = a.elapsedSec = minutes * 60;
        a.distanceM = minutes * 60 * 3.0;
        a.userLoad = minutes;
        return store->addActivity(a)->id;
    }

    // The rows of the page's view, top level, as their Title column reads.
    static QStringList topTitles(QTreeView* view)
    {
        QStringList out;
        for (int r = 0; r < view->model()->rowCount(); ++r)
            out << view->model()->index(r, ActivityTableModel::Title).data().toString();
        return out;
    }
};

TEST_F(MultisportPageTest, ATriathlonIsOneRowThatOpensToItsLegs)
{
    const auto legIds = import(QStringLiteral("fit/triathlon-garmin-fr920xt-chained.fit"));
    ASSERT_EQ(legIds.size(), 5u);
    const Activity swim = *store->activity(legIds[0], false);
    addRun(swim.localDate().addDays(-1), QStringLiteral("Shakeout"), 20);
    addRun(swim.localDate().addDays(1), QStringLiteral("Recovery"), 200); // longer than the race

    TrainingData data(*store, athlete);
    QUndoStack undo;
    ActivitiesPage page(data, *preferences, undo);
    page.resize(1366, 768);
    page.show();
    ActivityTableModel* model = page.model();
    ASSERT_EQ(model->rowCount(), 3); // the race and two runs, not seven rows
    const int raceRow = model->rowOf(legIds[2]);
    ASSERT_GE(raceRow, 0);
    const QModelIndex race = model->index(raceRow, 0);
    EXPECT_EQ(model->rowCount(race), 5);
    EXPECT_EQ(model->index(raceRow, ActivityTableModel::SportColumn).data().toString(), QStringLiteral("Triathlon"));

    // The race row's numbers are its legs' own, added up here from the store.
    double seconds = 0, load = 0, metres = 0;
    std::vector<Activity> legs;
    for (ActivityId id : legIds) {
        legs.push_back(*store->activity(id, false));
        seconds += legs.back().durationSec();
        load += legs.back().load;
        if (legs.back().sport != Sport::Transition)
            metres += legs.back().distanceM.value_or(0);
    }
    EXPECT_EQ(model->index(raceRow, ActivityTableModel::Duration).data().toString(), formatDuration(seconds));
    EXPECT_EQ(model->index(raceRow, ActivityTableModel::Load).data().toString(), QString::number(load, 'f', 0));
    EXPECT_EQ(model->index(raceRow, ActivityTableModel::Distance).data().toString(), formatDistance(metres, false));

    // The legs in race order; transitions are T1 and T2 with a time and nothing else.
    const QStringList sports{QStringLiteral("Open-water swim"), QStringLiteral("Transition"), QStringLiteral("Bike"),
                             QStringLiteral("Transition"), QStringLiteral("Run")};
    for (int r = 0; r < 5; ++r) {
        const QModelIndex leg = model->index(r, ActivityTableModel::SportColumn, race);
        EXPECT_EQ(leg.data().toString(), sports[r]) << r;
        EXPECT_EQ(leg.data(ActivityTableModel::IdRole).toLongLong(), legIds[static_cast<std::size_t>(r)]);
        EXPECT_EQ(model->index(r, ActivityTableModel::Duration, race).data().toString(),
                  formatDuration(legs[static_cast<std::size_t>(r)].durationSec()));
    }
    EXPECT_EQ(model->index(1, ActivityTableModel::Title, race).data().toString(), QStringLiteral("T1"));
    EXPECT_EQ(model->index(3, ActivityTableModel::Title, race).data().toString(), QStringLiteral("T2"));
    EXPECT_TRUE(model->index(1, ActivityTableModel::Distance, race).data().toString().isEmpty());
    EXPECT_TRUE(model->index(3, ActivityTableModel::Distance, race).data().toString().isEmpty());

    // Sorting moves the race as a whole; its legs stay in race order both ways.
    QTreeView* view = page.table();
    for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        view->sortByColumn(ActivityTableModel::Duration, order);
        const QStringList titles = topTitles(view);
        ASSERT_EQ(titles.size(), 3);
        EXPECT_EQ(titles[1], QStringLiteral("Triathlon")) << order; // 20 min < race < 200 min
        const QModelIndex shownRace = view->model()->index(1, 0);
        ASSERT_EQ(view->model()->rowCount(shownRace), 5);
        for (int r = 0; r < 5; ++r)
            EXPECT_EQ(view->model()->index(r, ActivityTableModel::SportColumn, shownRace).data().toString(), sports[r])
                << "order " << order << " leg " << r;
    }

    // Searching and the sport filter keep or drop the race whole.
    page.setSearchText(QStringLiteral("triathlon"));
    EXPECT_EQ(topTitles(view), QStringList{QStringLiteral("Triathlon")});
    EXPECT_EQ(view->model()->rowCount(view->model()->index(0, 0)), 5);
    page.setSearchText(QStringLiteral("open-water"));
    EXPECT_EQ(topTitles(view), QStringList{QStringLiteral("Triathlon")});
    page.setSearchText(QStringLiteral("shakeout"));
    EXPECT_EQ(topTitles(view), QStringList{QStringLiteral("Shakeout")});
    page.setSearchText(QString());
    auto* sport = page.findChild<QComboBox*>(QStringLiteral("activitySport"));
    sport->setCurrentIndex(sport->findData(static_cast<int>(Sport::Swim)));
    EXPECT_EQ(topTitles(view), QStringList{QStringLiteral("Triathlon")});
    sport->setCurrentIndex(sport->findData(static_cast<int>(Sport::Run)));
    EXPECT_EQ(view->model()->rowCount(), 3);
    sport->setCurrentIndex(sport->findData(static_cast<int>(Sport::Strength)));
    EXPECT_EQ(view->model()->rowCount(), 0);
    sport->setCurrentIndex(0);
    page.showDay(swim.localDate());
    EXPECT_EQ(topTitles(view), QStringList{QStringLiteral("Triathlon")});
    page.showDay(QDate());

    // Selecting a leg opens its session in the table and shows the leg in full.
    page.selectActivity(legIds[4]);
    EXPECT_FALSE(page.showsSession());
    EXPECT_EQ(page.detail()->activityId(), legIds[4]);
    EXPECT_TRUE(view->currentIndex().parent().isValid());
    EXPECT_TRUE(view->isExpanded(view->currentIndex().parent()));
}

TEST_F(MultisportPageTest, TheSessionDetailShowsEachLegInItsOwnUnitAndTheTransitionsAsTimes)
{
    const auto legIds = import(QStringLiteral("fit/triathlon-garmin-fr920xt-chained.fit"));
    ASSERT_EQ(legIds.size(), 5u);
    TrainingData data(*store, athlete);
    QUndoStack undo;
    ActivitiesPage page(data, *preferences, undo);
    page.resize(1366, 768);
    page.show();
    const QString key = store->activity(legIds[0], false)->multisportKey;
    page.selectSession(key);
    ASSERT_TRUE(page.showsSession());
    SessionDetail* detail = page.sessionDetail();
    QTableWidget* table = detail->legsTable();
    ASSERT_EQ(table->rowCount(), 5);

    const auto text = [&](int row, int column) { return table->item(row, column)->text(); };
    EXPECT_EQ(text(0, SessionDetail::LegName), QStringLiteral("Open-water swim"));
    EXPECT_EQ(text(1, SessionDetail::LegName), QStringLiteral("T1"));
    EXPECT_EQ(text(3, SessionDetail::LegName), QStringLiteral("T2"));
    // Pace or speed in the leg's own unit, from its own average speed.
    for (int r : {0, 2, 4}) {
        const Activity leg = *store->activity(legIds[static_cast<std::size_t>(r)], false);
        ASSERT_TRUE(leg.avgSpeed) << r;
        const double v = *leg.avgSpeed;
        const QString expected = r == 0   ? QStringLiteral("%1 /100 m").arg(formatDuration(100 / v))
                                 : r == 2 ? QStringLiteral("%1 km/h").arg(v * 3.6, 0, 'f', 1)
                                          : QStringLiteral("%1 /km").arg(formatDuration(1000 / v));
        EXPECT_EQ(text(r, SessionDetail::LegPace), expected) << r;
    }
    // A transition is a time: no distance, no pace (never "20:02 /km").
    for (int r : {1, 3}) {
        const Activity t = *store->activity(legIds[static_cast<std::size_t>(r)], false);
        EXPECT_EQ(text(r, SessionDetail::LegTime), formatDuration(t.durationSec()));
        EXPECT_TRUE(text(r, SessionDetail::LegPace).isEmpty()) << text(r, SessionDetail::LegPace).toStdString();
        EXPECT_TRUE(text(r, SessionDetail::LegDistance).isEmpty());
        const QString summary = detail->summaryLabel()->text();
        EXPECT_TRUE(
            summary.contains(QStringLiteral("T%1 <b>%2</b>").arg((r + 1) / 2).arg(formatDuration(t.durationSec()))))
            << summary.toStdString();
    }
    // Each leg starts when the ones before it ended (the race clock from the swim start).
    const auto seconds = [](const QString& clock) {
        double total = 0;
        for (const QString& part : clock.split(QLatin1Char(':')))
            total = total * 60 + part.toDouble();
        return total;
    };
    double clock = 0;
    for (int r = 0; r < 5; ++r) {
        const Activity leg = *store->activity(legIds[static_cast<std::size_t>(r)], false);
        EXPECT_NEAR(seconds(text(r, SessionDetail::LegStart)), clock, 90) << r;
        clock += leg.durationSec();
    }

    // The race's recording: the legs joined, from the swim start to the finish.
    const auto series = detail->recording()->chartView()->chart()->series();
    ASSERT_FALSE(series.isEmpty());
    const auto* line = static_cast<QLineSeries*>(series.front());
    ASSERT_FALSE(line->points().isEmpty());
    EXPECT_NEAR(line->points().back().x(), clock / 60.0, 2.0);
    // No axis of a quantity that cannot be negative (speed from a standing start, heart rate, power) reaches
    // below zero: the speed axis read down to -10 km/h.
    for (QAbstractAxis* axis : detail->recording()->chartView()->chart()->axes(Qt::Vertical)) {
        const auto* values = qobject_cast<QValueAxis*>(axis);
        if (values && !values->titleText().contains(QStringLiteral("Altitude"))) {
            EXPECT_GE(values->min(), 0.0) << values->titleText().toStdString();
        }
    }

    // A transition opened on its own is a time too.
    Q_EMIT table->cellActivated(1, 0);
    EXPECT_FALSE(page.showsSession());
    EXPECT_EQ(page.detail()->activityId(), legIds[1]);
    const QString summary = page.detail()->findChild<QLabel*>(QStringLiteral("detailSummary"))->text();
    EXPECT_FALSE(summary.contains(QStringLiteral("/km"))) << summary.toStdString();
    EXPECT_FALSE(summary.contains(QStringLiteral("km/h"))) << summary.toStdString();
}

TEST_F(MultisportPageTest, DeletingASessionDeletesEveryLegAndUndoBringsThemBack)
{
    const auto legIds = import(QStringLiteral("fit/triathlon-garmin-fr920xt-chained.fit"));
    ASSERT_EQ(legIds.size(), 5u);
    std::vector<std::size_t> samples;
    for (ActivityId id : legIds)
        samples.push_back(store->activity(id, true)->streams.size());
    addRun(QDate(2020, 1, 1), QStringLiteral("Winter run"), 40);
    const double loadBefore = [&] {
        double sum = 0;
        for (const DailyLoad& d : store->dailyLoads(athlete))
            sum += d.load;
        return sum;
    }();
    TrainingData data(*store, athlete);
    QUndoStack undo;
    ActivitiesPage page(data, *preferences, undo);
    page.show();
    const QString key = store->activity(legIds[0], false)->multisportKey;
    page.selectSession(key);
    ASSERT_TRUE(page.showsSession());
    page.sessionDetail()->deleteSession();
    EXPECT_EQ(store->activityCount(athlete), 1);
    EXPECT_EQ(page.model()->rowCount(), 1);
    EXPECT_EQ(page.model()->rowOfSession(key), -1);

    undo.undo();
    EXPECT_EQ(store->activityCount(athlete), 6);
    ASSERT_EQ(page.model()->rowCount(), 2);
    const int row = page.model()->rowOfSession(key);
    ASSERT_GE(row, 0);
    EXPECT_EQ(page.model()->rowCount(page.model()->index(row, 0)), 5);
    double loadAfter = 0;
    for (const DailyLoad& d : store->dailyLoads(athlete))
        loadAfter += d.load;
    EXPECT_NEAR(loadAfter, loadBefore, 1e-6);
    // Every leg came back whole, with its recording, in its place.
    const TrainingSession* back = page.model()->sessionAt(row);
    ASSERT_EQ(back->legs.size(), 5u);
    for (std::size_t i = 0; i < 5; ++i)
        EXPECT_EQ(store->activity(back->legs[i].id, true)->streams.size(), samples[i]) << i;
    EXPECT_GT(samples[0] + samples[2] + samples[4], 0u);

    undo.redo();
    EXPECT_EQ(store->activityCount(athlete), 1);
}

TEST_F(MultisportPageTest, RenamingASessionTitlesEveryLegInOneStep)
{
    const auto legIds = import(QStringLiteral("fit/triathlon-garmin-fr920xt-chained.fit"));
    ASSERT_EQ(legIds.size(), 5u);
    TrainingData data(*store, athlete);
    QUndoStack undo;
    ActivitiesPage page(data, *preferences, undo);
    page.show();
    const QString key = store->activity(legIds[0], false)->multisportKey;
    page.selectSession(key);
    auto* title = page.sessionDetail()->findChild<QLineEdit*>(QStringLiteral("sessionTitle"));
    ASSERT_NE(title, nullptr);
    std::vector<QString> before; // each leg's title from the file: its sport and start (core/model/activitytitle.h)
    for (ActivityId id : legIds)
        before.push_back(store->activity(id, false)->title);
    title->setText(QStringLiteral("  Lake Sprint  "));
    Q_EMIT title->returnPressed();
    for (ActivityId id : legIds)
        EXPECT_EQ(store->activity(id, false)->title, QStringLiteral("Lake Sprint"));
    const int row = page.model()->rowOfSession(key);
    ASSERT_GE(row, 0);
    EXPECT_EQ(page.model()->index(row, ActivityTableModel::Title).data().toString(), QStringLiteral("Lake Sprint"));
    EXPECT_TRUE(page.showsSession()); // still the session after the refreshes
    EXPECT_EQ(undo.count(), 1);
    undo.undo();
    for (std::size_t i = 0; i < legIds.size(); ++i)
        EXPECT_EQ(store->activity(legIds[i], false)->title, before[i]);
    EXPECT_EQ(page.model()->index(page.model()->rowOfSession(key), ActivityTableModel::Title).data().toString(),
              QStringLiteral("Triathlon"));
}

TEST_F(MultisportPageTest, TheCalendarListsTheRaceOnceWithItsLegsInTheTooltip)
{
    const auto legIds = import(QStringLiteral("fit/triathlon-garmin-fr920xt-chained.fit"));
    ASSERT_EQ(legIds.size(), 5u);
    const Activity swim = *store->activity(legIds[0], false);
    TrainingData data(*store, athlete);
    CalendarPage page(data, *preferences);
    page.resize(1200, 800);
    page.setToday(swim.localDate());
    const QStringList entries = page.view()->dayEntries(swim.localDate());
    ASSERT_EQ(entries.size(), 1);
    double seconds = 0, load = 0;
    for (ActivityId id : legIds) {
        seconds += store->activity(id, false)->durationSec();
        load += store->activity(id, false)->load;
    }
    EXPECT_EQ(entries.front(), QStringLiteral("%1 Triathlon").arg(formatDuration(seconds)));
    EXPECT_NEAR(page.view()->dayLoad(swim.localDate()), load, 1e-9);
    const QString tip = page.view()->dayToolTip(swim.localDate());
    for (const char* part : {"Open-water swim", "T1", "Bike", "T2", "Run"})
        EXPECT_TRUE(tip.contains(QLatin1String(part))) << part << "\n" << tip.toStdString();
}

} // namespace
