// The dashboard's charts against the store they draw.
#include "core/coach/coachsettings.h"
#include "core/util/datetime.h"
#include "tests/ui/uitestsupport.h"
#include "ui/charts/heatmapwidget.h"
#include "ui/charts/sportpie.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/dashboard/loadcard.h"
#include "ui/trainingdata.h"

#include <QAreaSeries>
#include <QBarSet>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLineSeries>
#include <QMouseEvent>
#include <QPieSeries>
#include <QPieSlice>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStackedBarSeries>

#include <cmath>

using namespace tricoach;
using namespace tricoach::test;

namespace {

const QDate kToday(2026, 6, 30);

class DashboardTest : public UiTest {
protected:
    void add(int daysAgo, Sport sport, double load, double hours = 1, double km = 10)
    {
        addOn(kToday.addDays(-daysAgo), sport, load, hours, km);
    }
    void addOn(const QDate& day, Sport sport, double load, double hours = 1, double km = 10)
    {
        Activity a;
        a.athleteId = athlete;
        a.sport = sport;
        a.startUtc = utcDateTime(day, QTime(7, 0));
        a.movingSec = a.elapsedSec = hours * 3600;
        a.distanceM = km * 1000;
        a.userLoad = load;
        a.contentHash = QStringLiteral("a%1-%2").arg(day.toJulianDay()).arg(static_cast<int>(sport));
        ASSERT_TRUE(store->addActivity(a));
        m_added.push_back({day, hours});
    }
    // Hours of the activities this test added on the days [first, last], summed here, not by the app.
    double hoursBetween(const QDate& first, const QDate& last) const
    {
        double sum = 0;
        for (const auto& [day, hours] : m_added)
            sum += day >= first && day <= last ? hours : 0;
        return sum;
    }
    static double barsTotal(VolumeChart* chart)
    {
        double total = 0;
        for (QBarSet* set : chart->series()->barSets())
            for (int i = 0; i < set->count(); ++i)
                total += set->at(i);
        return total;
    }
    static double pieTotal(SportPie* pie)
    {
        double total = 0;
        for (QPieSlice* slice : pie->series()->slices())
            total += slice->value();
        return total;
    }
    // The first and last day the chart's x axis spans (it ends at midnight after its last day).
    static std::pair<QDate, QDate> axisDays(PmcChart* chart)
    {
        auto* axis = qobject_cast<QDateTimeAxis*>(chart->chart()->axes(Qt::Horizontal).front());
        return {axis->min().toUTC().date(), axis->max().toUTC().addMSecs(-1).date()};
    }
    // Every text a label of the page shows.
    static QStringList texts(const QWidget& page)
    {
        QStringList out;
        for (const QLabel* l : page.findChildren<QLabel*>())
            out << l->text();
        return out;
    }

    std::vector<std::pair<QDate, double>> m_added;
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
    EXPECT_EQ(chart->visibleDays().front().date, store->firstActivityDate(athlete));

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

TEST_F(DashboardTest, EveryChartShowsExactlyTheDaysOfItsRange)
{
    // 500 days of history, every third day, with hours that vary.
    for (int d = 0; d < 500; d += 3)
        add(d, d % 2 ? Sport::Run : Sport::Bike, 50, 1 + (d % 4) * 0.25);
    TrainingData data(*store, athlete);
    DashboardPage page(data, *preferences);
    page.setToday(kToday);
    page.resize(1366, 768);
    page.show();

    for (ChartRange range : {ChartRange::SixWeeks, ChartRange::NinetyDays, ChartRange::OneYear}) {
        page.setRange(range);
        const int days = range == ChartRange::SixWeeks ? 42 : range == ChartRange::NinetyDays ? 90 : 365;
        const QDate first = kToday.addDays(-(days - 1));
        const std::string name = chartRangeName(range).toStdString();
        EXPECT_EQ(page.pmcChart()->visibleDays().size(), static_cast<std::size_t>(days)) << name;
        EXPECT_EQ(axisDays(page.pmcChart()), std::make_pair(first, kToday)) << name;
        // The volume and the distribution follow the same buttons: the same days, no more.
        EXPECT_NEAR(barsTotal(page.volumeChart()), hoursBetween(first, kToday), 1e-9) << name;
        EXPECT_NEAR(pieTotal(page.sportPie()), hoursBetween(first, kToday), 1e-9) << name;
        EXPECT_TRUE(page.rangeCaption().contains(QLocale().toString(first, QStringLiteral("d MMM yyyy")))) << name;
    }
    // Weeks for the short ranges (one bar per Monday-to-Sunday week touched), months for the year.
    page.setRange(ChartRange::NinetyDays);
    const QDate firstMonday = kToday.addDays(-89).addDays(1 - kToday.addDays(-89).dayOfWeek());
    EXPECT_EQ(page.volumeChart()->periods().size(), static_cast<std::size_t>(firstMonday.daysTo(kToday) / 7 + 1));
    // One label per bar, blank between the labelled ones, each under its own week.
    const QStringList labels = page.volumeChart()->barLabels();
    ASSERT_EQ(labels.size(), static_cast<qsizetype>(page.volumeChart()->periods().size()));
    int labelled = 0;
    for (qsizetype i = 0; i < labels.size(); ++i) {
        const QString shown = QString(labels[i]).remove(QChar(0x200B));
        if (shown.isEmpty())
            continue;
        ++labelled;
        EXPECT_EQ(shown, QLocale().toString(page.volumeChart()->periods()[static_cast<std::size_t>(i)].start,
                                            QStringLiteral("d MMM")));
    }
    EXPECT_GE(labelled, 3);
    page.setRange(ChartRange::OneYear);
    EXPECT_EQ(page.volumeChart()->period(), VolumePeriod::Month);
    EXPECT_EQ(page.volumeChart()->periods().size(), 12u); // 1 July 2025 – 30 June 2026

    // All: from the first activity to today.
    page.setRange(ChartRange::All);
    const QDate first = kToday.addDays(-498);
    EXPECT_EQ(axisDays(page.pmcChart()), std::make_pair(first, kToday));
    EXPECT_NEAR(barsTotal(page.volumeChart()), hoursBetween(first, kToday), 1e-9);
    EXPECT_NEAR(pieTotal(page.sportPie()), hoursBetween(first, kToday), 1e-9);
    // The range buttons are the page's one state.
    EXPECT_EQ(page.range(), ChartRange::All);
    EXPECT_EQ(page.pmcChart()->range(), ChartRange::All);
}

TEST_F(DashboardTest, ARaceEndsARangeOnlyWhenItFallsWithinIt)
{
    for (int d = 0; d < 200; d += 2)
        add(d, Sport::Run, 60);
    CoachSettings coach;
    coach.race.name = QStringLiteral("Autumn Olympic");
    coach.race.date = kToday.addDays(150);
    coach.race.distance = RaceDistance::Olympic;
    ASSERT_TRUE(saveCoachSettings(*store, athlete, coach));
    TrainingData data(*store, athlete);
    DashboardPage page(data, *preferences);
    page.setToday(kToday);
    page.show();

    // 90 days are the 90 days to today: the race, five months ahead, is further than the range reaches.
    page.setRange(ChartRange::NinetyDays);
    EXPECT_EQ(axisDays(page.pmcChart()), std::make_pair(kToday.addDays(-89), kToday));
    EXPECT_EQ(page.pmcChart()->projectedFitnessSeries()->count(), 0);
    EXPECT_TRUE(page.rangeCaption().contains(QStringLiteral("past the end"))) << page.rangeCaption().toStdString();
    EXPECT_TRUE(page.pmcChart()->chart()->title().isEmpty());
    // A year reaches race day: 365 days ending on it, the plan after today, and the chart says so.
    page.setRange(ChartRange::OneYear);
    EXPECT_EQ(axisDays(page.pmcChart()), std::make_pair(coach.race.date.addDays(-364), coach.race.date));
    EXPECT_GT(page.pmcChart()->projectedFitnessSeries()->count(), 100);
    EXPECT_EQ(page.pmcChart()->visibleDays().back().date, kToday);
    EXPECT_TRUE(page.pmcChart()->chart()->title().contains(QStringLiteral("race day")));
    // The volume never runs past today.
    EXPECT_EQ(page.volumeChart()->periods().back().start, QDate(kToday.year(), kToday.month(), 1));
}

TEST_F(DashboardTest, AHistoryThatEndedMonthsAgoSaysWhenTrainingStopped)
{
    // Half a year of training that ended 13 weeks ago.
    const QDate last = kToday.addDays(-91);
    for (int d = 0; d < 180; ++d)
        addOn(last.addDays(-d), d % 3 ? Sport::Run : Sport::Bike, 60);
    TrainingData data(*store, athlete);
    DashboardPage page(data, *preferences);
    page.setToday(kToday);
    page.show();
    double ctl = 0;
    for (int d = 0; d < 180 + 91; ++d)
        ctl += ((d < 180 ? 60.0 : 0.0) - ctl) * (1 - std::exp(-1.0 / 42));
    auto label = [&](const char* name) { return page.loadCard()->findChild<QLabel*>(QLatin1String(name))->text(); };
    EXPECT_EQ(label("fitnessValue"), QString::number(ctl, 'f', 1));
    EXPECT_TRUE(label("rampRate").contains(QStringLiteral("Last training"))) << label("rampRate").toStdString();
    EXPECT_TRUE(label("rampRate").contains(QLocale().toString(last, QStringLiteral("d MMMM yyyy"))));
    EXPECT_TRUE(label("recommendations").contains(QStringLiteral("No training in the last 13 weeks")));
    EXPECT_FALSE(label("recommendations").contains(QStringLiteral("falling")));
    EXPECT_FALSE(label("recommendations").contains(QStringLiteral("taper")));
    EXPECT_TRUE(label("riskLevel").isEmpty());
}

TEST_F(DashboardTest, NegativeZeroAppearsNowhere)
{
    // One ride three years ago: every value has decayed to a hair above or below zero.
    addOn(kToday.addYears(-3), Sport::Bike, 120, 3, 90);
    addOn(kToday.addYears(-3).addDays(2), Sport::Run, 200, 2, 20);
    TrainingData data(*store, athlete);
    DashboardPage page(data, *preferences);
    page.setToday(kToday);
    page.show();
    // "-0", "-0.0", "-0.00" but not "-0.6".
    static const QRegularExpression minusZero(QStringLiteral("-0(\\.0*)?(?![0-9.])"));
    for (ChartRange range : {ChartRange::SixWeeks, ChartRange::NinetyDays, ChartRange::OneYear, ChartRange::All}) {
        page.setRange(range);
        for (const QString& text : texts(page)) {
            EXPECT_FALSE(text.contains(minusZero)) << text.toStdString();
            EXPECT_FALSE(text.contains(QStringLiteral("falling"))) << text.toStdString();
        }
        for (const PmcDay& d : page.pmcChart()->visibleDays())
            EXPECT_FALSE(page.pmcChart()->describeDay(d.date).contains(minusZero))
                << page.pmcChart()->describeDay(d.date).toStdString();
    }
}

TEST_F(DashboardTest, AllStartsAtTheFirstBelievableActivity)
{
    // A watch without a clock dated two recordings at its epoch; the rest of the history is recent.
    addOn(QDate(1989, 12, 31), Sport::Run, 40, 0.5);
    addOn(QDate(1990, 1, 2), Sport::Run, 40, 0.5);
    for (int d = 0; d < 120; d += 4)
        add(d, Sport::Swim, 40, 1);
    TrainingData data(*store, athlete);
    DashboardPage page(data, *preferences);
    page.setToday(kToday);
    page.show();
    page.setRange(ChartRange::All);
    const QDate first = kToday.addDays(-116);
    EXPECT_EQ(axisDays(page.pmcChart()), std::make_pair(first, kToday));
    EXPECT_EQ(page.pmcChart()->visibleDays().front().date, first);
    EXPECT_NEAR(barsTotal(page.volumeChart()), hoursBetween(first, kToday), 1e-9);
    EXPECT_TRUE(page.rangeCaption().contains(QStringLiteral("2 activities dated before 2000")))
        << page.rangeCaption().toStdString();
    // With nothing believable at all, the dashboard invites an import and still says what it left out.
    for (const Activity& a : store->activities(athlete)) {
        if (a.localDate().year() > 2000) {
            ASSERT_TRUE(store->removeActivity(a.id));
        }
    }
    page.refresh();
    EXPECT_TRUE(page.loadCard()
                    ->findChild<QLabel*>(QStringLiteral("recommendations"))
                    ->text()
                    .contains(QStringLiteral("Import")));
    EXPECT_TRUE(page.rangeCaption().contains(QStringLiteral("2 activities dated before 2000")));
    EXPECT_GE(page.pmcChart()->visibleDays().front().date.year(), 2000);
}

} // namespace
