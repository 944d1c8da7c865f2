// The dashboard's charts against the store they draw.
#include "core/util/datetime.h"
#include "tests/ui/uitestsupport.h"
#include "ui/charts/heatmapwidget.h"
#include "ui/charts/sportpie.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/dashboard/loadcard.h"
#include "ui/trainingdata.h"

#include <QAreaSeries>
#include <QBarSet>
#include <QLabel>
#include <QLineSeries>
#include <QMouseEvent>
#include <QPieSeries>
#include <QSignalSpy>
#include <QStackedBarSeries>

using namespace tricoach;
using namespace tricoach::test;

namespace {

const QDate kToday(2026, 6, 30);

class DashboardTest : public UiTest {
protected:
    void add(int daysAgo, Sport sport, double load, double hours = 1, double km = 10)
    {
        Activity a;
        a.athleteId = athlete;
        a.sport = sport;
        a.startUtc = utcDateTime(kToday.addDays(-daysAgo), QTime(7, 0));
        a.movingSec = a.elapsedSec = hours * 3600;
        a.distanceM = km * 1000;
        a.userLoad = load;
        a.contentHash = QStringLiteral("a%1-%2").arg(daysAgo).arg(static_cast<int>(sport));
        ASSERT_TRUE(store->addActivity(a));
    }
};

TEST_F(DashboardTest, ChartRangesShowTheRightDaysAndTheStoresValues)
{
    for (int d = 0; d < 400; d += 2)
        add(d, d % 4 == 0 ? Sport::Bike : Sport::Run, 40 + d % 30);
    TrainingData data(*store, athlete);
    DashboardPage page(data, *preferences);
    page.setToday(kToday);
    page.resize(1400, 900);
    page.show();

    PmcChart* chart = page.pmcChart();
    EXPECT_EQ(chart->range(), ChartRange::NinetyDays);
    EXPECT_EQ(chart->visibleDays().size(), 90u);
    EXPECT_EQ(chart->visibleDays().back().date, kToday);
    page.setRange(ChartRange::SixWeeks);
    EXPECT_EQ(chart->visibleDays().size(), 42u);
    page.setRange(ChartRange::OneYear);
    EXPECT_EQ(chart->visibleDays().size(), 365u);
    page.setRange(ChartRange::All);
    EXPECT_EQ(chart->visibleDays().front().date, store->firstActivityDate(athlete)->addDays(-1));

    // Every plotted day is the store's chart day, line by line.
    page.setRange(ChartRange::NinetyDays);
    const auto expected = store->pmc(athlete, kToday.addDays(-89), kToday);
    ASSERT_EQ(chart->fitnessSeries()->count(), 90);
    for (int i = 0; i < 90; i += 7) {
        EXPECT_NEAR(chart->fitnessSeries()->at(i).y(), expected[static_cast<std::size_t>(i)].ctl, 1e-9);
        EXPECT_NEAR(chart->fatigueSeries()->at(i).y(), expected[static_cast<std::size_t>(i)].atl, 1e-9);
        EXPECT_NEAR(chart->formSeries()->at(i).y(), expected[static_cast<std::size_t>(i)].tsb, 1e-9);
    }
    // Bars: four corners per training day, the top at the day's load.
    int trainingDays = 0;
    for (const PmcDay& d : expected)
        trainingDays += d.load > 0;
    EXPECT_EQ(chart->loadSeries()->upperSeries()->count(), trainingDays * 4);

    // Hover text names the day and its values in the athlete's words, and today is marked.
    const QString text = chart->describeDay(kToday.addDays(-2));
    EXPECT_TRUE(text.contains(QStringLiteral("Fitness %1").arg(expected[87].ctl, 0, 'f', 1))) << text.toStdString();
    EXPECT_TRUE(chart->describeDay(kToday).contains(QStringLiteral("today")));
    EXPECT_TRUE(chart->describeDay(kToday.addDays(-200)).isEmpty());
    for (const char* mark : {"TSS", "CTL", "ATL", "TSB"}) {
        EXPECT_FALSE(text.contains(QLatin1String(mark)));
        EXPECT_FALSE(chart->toolTip().contains(QLatin1String(mark)));
    }
    EXPECT_TRUE(chart->toolTip().contains(QStringLiteral("42- and 7-day")));
}

TEST_F(DashboardTest, VolumeDistributionHeatmapAndCardAgreeWithTheActivities)
{
    add(1, Sport::Bike, 90, 2, 60);
    add(2, Sport::Run, 60, 1, 12);
    add(3, Sport::Swim, 40, 1, 3);
    add(9, Sport::Bike, 70, 1.5, 45);
    TrainingData data(*store, athlete);
    DashboardPage page(data, *preferences);
    page.setToday(kToday);
    page.resize(1400, 900);
    page.show();

    // Weekly volume in hours: the week of kToday (a Tuesday) holds the two latest sessions.
    QStackedBarSeries* bars = page.volumeChart()->series();
    double total = 0;
    for (QBarSet* set : bars->barSets())
        for (int i = 0; i < set->count(); ++i)
            total += set->at(i);
    EXPECT_NEAR(total, 5.5, 1e-9);
    EXPECT_EQ(bars->barSets().size(), 3); // bike, run, swim
    page.volumeChart()->setMeasure(VolumeMeasure::Load);
    total = 0;
    for (QBarSet* set : page.volumeChart()->series()->barSets())
        for (int i = 0; i < set->count(); ++i)
            total += set->at(i);
    EXPECT_NEAR(total, 260, 1e-9);

    // Distribution: bike has 3.5 of 5.5 hours.
    QPieSeries* pie = page.sportPie()->series();
    ASSERT_EQ(pie->count(), 3);
    EXPECT_NEAR(pie->slices().front()->value(), 3.5, 1e-9);
    EXPECT_TRUE(pie->slices().front()->label().startsWith(QStringLiteral("Bike 64%")));

    // Heatmap: a day with training is shaded and says what happened; a click asks for that day.
    HeatmapWidget* heat = page.heatmap();
    const QDate day = kToday.addDays(-1);
    EXPECT_GT(heat->levelOf(day), 0);
    EXPECT_EQ(heat->levelOf(kToday.addDays(-5)), 0);
    EXPECT_TRUE(heat->describeDay(day).contains(QStringLiteral("Load 90")));
    const QRect cell = heat->cellRect(day);
    ASSERT_TRUE(cell.isValid());
    EXPECT_EQ(heat->dayAt(cell.center()), day);
    QSignalSpy clicked(heat, &HeatmapWidget::daySelected);
    QMouseEvent press(QEvent::MouseButtonPress, QPointF(cell.center()), heat->mapToGlobal(QPointF(cell.center())),
                      Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(heat, &press);
    ASSERT_EQ(clicked.count(), 1);
    EXPECT_EQ(clicked.front().front().toDate(), day);

    // The card: today's Form and the analysis, coloured by risk.
    const auto today = store->pmc(athlete, kToday, kToday).front();
    auto* form = page.loadCard()->findChild<QLabel*>(QStringLiteral("formValue"));
    ASSERT_NE(form, nullptr);
    EXPECT_EQ(form->text(), QString::number(today.tsb, 'f', 1));
    auto* risk = page.loadCard()->findChild<QLabel*>(QStringLiteral("riskLevel"));
    EXPECT_TRUE(risk->text().contains(QStringLiteral("Risk")));
    EXPECT_TRUE(form->toolTip().contains(QStringLiteral("Form is yesterday's Fitness")));
}

TEST_F(DashboardTest, AnEmptyHistoryShowsAnInvitationNotZeros)
{
    TrainingData data(*store, athlete);
    DashboardPage page(data, *preferences);
    page.setToday(kToday);
    page.show();
    auto* advice = page.loadCard()->findChild<QLabel*>(QStringLiteral("recommendations"));
    EXPECT_TRUE(advice->text().contains(QStringLiteral("Import")));
    EXPECT_EQ(page.pmcChart()->visibleDays().size(), 90u);
    EXPECT_EQ(page.sportPie()->series()->count(), 0);
}

} // namespace
