// The desktop with 15,000 activities (20 years ending today). The budgets: cold start to a painted
// dashboard ≤ 400 ms; changing the chart's range ≤ 30 ms. "Cold" here is everything after the process and Qt are
// up: opening the database, building every page, laying out and painting the window once.
#include "core/store/activitystore.h"
#include "core/util/datetime.h"
#include "ui/activities/activitymodel.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/mainwindow.h"
#include "ui/preferences.h"

#include <QApplication>
#include <QHeaderView>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>
#include <cstdio>
#include <random>

using namespace tricoach;

namespace {

constexpr int kActivities = 15000;
constexpr int kDays = 7300;

struct History {
    History()
    {
        path = dir.filePath(QStringLiteral("ui-bench.sqlite"));
        auto store = std::move(*ActivityStore::open(path));
        athlete = store->defaultAthlete()->id;
        const QDate first = QDate::currentDate().addDays(-kDays + 1);
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> load(20, 180);
        std::vector<Activity> all;
        all.reserve(kActivities);
        for (int i = 0; i < kActivities; ++i) {
            Activity a;
            a.athleteId = athlete;
            a.sport = kAllSports[static_cast<std::size_t>(i % 3)];
            a.title = QStringLiteral("Session %1").arg(i);
            a.startUtc =
                utcDateTime(first.addDays(static_cast<qint64>(i) * kDays / kActivities), QTime(6 + (i % 2) * 10, 0));
            a.utcOffsetSec = 3600;
            a.movingSec = 3600;
            a.elapsedSec = 3700;
            a.distanceM = 10000;
            a.avgHr = 140;
            a.userLoad = load(rng);
            all.push_back(std::move(a));
        }
        if (!store->addActivities(all))
            std::abort();
        settingsFile = dir.filePath(QStringLiteral("prefs.ini"));
    }
    QTemporaryDir dir;
    QString path;
    QString settingsFile;
    AthleteId athlete = 0;
};

const History& history()
{
    static const History h;
    return h;
}

void BM_ColdStartToPaintedDashboard(benchmark::State& state)
{
    const History& h = history();
    for (auto _ : state) {
        auto store = std::move(*ActivityStore::open(h.path));
        Preferences preferences(std::make_unique<QSettings>(h.settingsFile, QSettings::IniFormat));
        MainWindow window(*store, h.athlete, preferences);
        window.resize(1440, 900);
        window.show();
        const QPixmap painted = window.grab(); // lays out and paints every visible widget once
        benchmark::DoNotOptimize(painted.cacheKey());
        state.PauseTiming(); // closing is not part of starting
        window.close();
        state.ResumeTiming();
    }
}
BENCHMARK(BM_ColdStartToPaintedDashboard)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

void BM_ChangeChartRange(benchmark::State& state)
{
    const History& h = history();
    auto store = std::move(*ActivityStore::open(h.path));
    Preferences preferences(std::make_unique<QSettings>(h.settingsFile, QSettings::IniFormat));
    MainWindow window(*store, h.athlete, preferences);
    window.resize(1440, 900);
    window.show();
    window.grab();
    const ChartRange ranges[] = {ChartRange::SixWeeks, ChartRange::All, ChartRange::NinetyDays, ChartRange::OneYear};
    int i = 0;
    for (auto _ : state) {
        window.dashboard()->setRange(ranges[i++ % 4]);
        const QPixmap painted = window.dashboard()->pmcChart()->grab(); // the chart repainted in its new range
        benchmark::DoNotOptimize(painted.cacheKey());
    }
}
BENCHMARK(BM_ChangeChartRange)->Unit(benchmark::kMillisecond)->Iterations(40)->UseRealTime();

// One range at a time: from 90 days to the given range and back, the chart repainted each time.
void BM_ShowRange(benchmark::State& state)
{
    const History& h = history();
    auto store = std::move(*ActivityStore::open(h.path));
    Preferences preferences(std::make_unique<QSettings>(h.settingsFile, QSettings::IniFormat));
    MainWindow window(*store, h.athlete, preferences);
    window.resize(1440, 900);
    window.show();
    window.grab();
    const auto range = static_cast<ChartRange>(state.range(0));
    for (auto _ : state) {
        window.dashboard()->setRange(range);
        benchmark::DoNotOptimize(window.dashboard()->pmcChart()->grab().cacheKey());
        state.PauseTiming();
        window.dashboard()->setRange(range == ChartRange::NinetyDays ? ChartRange::SixWeeks : ChartRange::NinetyDays);
        state.ResumeTiming();
    }
}
BENCHMARK(BM_ShowRange)->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond)->Iterations(10)->UseRealTime();

// The activities table over 20,000 rows: loading the summaries into the model, sorting by load, searching.
void BM_ActivitiesTable20000(benchmark::State& state)
{
    static const std::vector<Activity> rows = [] {
        std::vector<Activity> out;
        for (int i = 0; i < 20000; ++i) {
            Activity a;
            a.id = i + 1;
            a.sport = kAllSports[static_cast<std::size_t>(i % 3)];
            a.title = QStringLiteral("Session %1").arg(i);
            a.startUtc = utcDateTime(QDate(2006, 1, 1).addDays(i / 3), QTime(7, 0));
            a.movingSec = 3600;
            a.load = (i * 7919) % 200;
            out.push_back(a);
        }
        return out;
    }();
    ActivityTableModel model;
    ActivityFilter filter;
    filter.setSourceModel(&model);
    QTableView view;
    view.setModel(&filter);
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.resize(1200, 500);
    view.show();
    const auto what = state.range(0);
    for (auto _ : state) {
        state.PauseTiming();
        model.setActivities(rows, false);
        filter.setText(QString());
        state.ResumeTiming();
        if (what == 0) {
            model.setActivities(rows, false);
        } else if (what == 1) {
            filter.sort(ActivityTableModel::Load, Qt::DescendingOrder);
        } else {
            filter.setText(QStringLiteral("Session 19"));
        }
        benchmark::DoNotOptimize(view.grab().cacheKey());
    }
    state.SetLabel(what == 0 ? "load rows" : what == 1 ? "sort by load" : "search");
}
BENCHMARK(BM_ActivitiesTable20000)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(10)->UseRealTime();

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
