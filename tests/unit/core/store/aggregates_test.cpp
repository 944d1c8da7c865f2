// Daily totals and the cached chart: always equal to computing them from scratch.
#include "core/metrics/stress.h"
#include "tests/unit/core/store/storetestsupport.h"

#include <map>
#include <random>

using namespace tricoach;
using namespace tricoach::test;

namespace {

class Aggregates : public StoreTest {};

const QDate kDay(2024, 1, 10);

// Bit-for-bit equality: the store must answer exactly what computePmc computes.
void expectSameChart(const std::vector<PmcDay>& got, const std::vector<PmcDay>& want, const std::string& where)
{
    ASSERT_EQ(got.size(), want.size()) << where;
    for (std::size_t i = 0; i < got.size(); ++i) {
        ASSERT_EQ(got[i].date, want[i].date) << where << " day " << i;
        ASSERT_EQ(got[i].load, want[i].load) << where << " " << want[i].date.toString(Qt::ISODate).toStdString();
        ASSERT_EQ(got[i].ctl, want[i].ctl) << where << " " << want[i].date.toString(Qt::ISODate).toStdString();
        ASSERT_EQ(got[i].atl, want[i].atl) << where << " " << want[i].date.toString(Qt::ISODate).toStdString();
        ASSERT_EQ(got[i].tsb, want[i].tsb) << where << " " << want[i].date.toString(Qt::ISODate).toStdString();
    }
}

// Daily loads summed independently from the listed activities (start order, as the store sums).
std::vector<DailyLoad> sumActivities(const std::vector<Activity>& activities)
{
    std::map<QDate, double> byDay;
    for (const Activity& a : activities)
        byDay[a.localDate()] += a.load;
    std::vector<DailyLoad> out;
    for (const auto& [day, load] : byDay)
        out.push_back({day, load});
    return out;
}

} // namespace

TEST_F(Aggregates, DailyLoadIsTheSumOfTheDaysActivities)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    add(makeActivity(anna, kDay, Sport::Run, 40.5));
    add(makeActivity(anna, kDay, Sport::Bike, 60.25));
    add(makeActivity(anna, kDay.addDays(2), Sport::Swim, 30));
    Activity lateEvening = makeActivity(anna, kDay, Sport::Run, 7);
    lateEvening.startUtc = utcDateTime(kDay, QTime(23, 30)); // 00:30 the next day at UTC+1
    add(lateEvening);
    const auto daily = store->dailyLoads(anna);
    ASSERT_EQ(daily.size(), 3u);
    EXPECT_EQ(daily[0].date, kDay);
    EXPECT_EQ(daily[0].load, 40.5 + 60.25);
    EXPECT_EQ(daily[1].date, kDay.addDays(1));
    EXPECT_EQ(daily[1].load, 7);
    EXPECT_EQ(daily[2].load, 30);
    EXPECT_EQ(store->dailyLoads(anna, kDay.addDays(1)).size(), 2u);
    EXPECT_EQ(store->dailyLoads(anna, {}, kDay.addDays(1)).size(), 2u);
    EXPECT_EQ(store->dailyLoads(anna, kDay.addDays(1), kDay.addDays(1)).size(), 1u);
    RawDb raw(dbPath());
    EXPECT_EQ(raw.scalar(QStringLiteral("SELECT count FROM daily_load WHERE day = %1").arg(kDay.toJulianDay())).toInt(),
              2);
    EXPECT_EQ(
        raw.scalar(QStringLiteral("SELECT seconds FROM daily_load WHERE day = %1").arg(kDay.toJulianDay())).toDouble(),
        7200);
}

TEST_F(Aggregates, ChartIsZeroBeforeTheFirstLoadAndDecaysAfterTheLast)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    EXPECT_TRUE(store->pmc(anna, kDay, kDay.addDays(-1)).empty());
    const auto none = store->pmc(anna, kDay, kDay.addDays(3));
    ASSERT_EQ(none.size(), 4u);
    EXPECT_EQ(none[3].ctl, 0);
    add(makeActivity(anna, kDay, Sport::Run, 100));
    add(makeActivity(anna, kDay.addDays(3), Sport::Run, 50));
    const auto loads = store->dailyLoads(anna);
    // Entirely before, spanning, inside, entirely after the cached days.
    for (const auto& [from, to] :
         {std::pair{kDay.addDays(-30), kDay.addDays(-1)}, std::pair{kDay.addDays(-5), kDay.addDays(400)},
          std::pair{kDay.addDays(1), kDay.addDays(2)}, std::pair{kDay.addDays(100), kDay.addDays(120)}}) {
        const std::string where =
            from.toString(Qt::ISODate).toStdString() + ".." + to.toString(Qt::ISODate).toStdString();
        expectSameChart(store->pmc(anna, from, to), computePmc(loads, from, to, PmcSettings{}), where);
    }
    const auto after = store->pmc(anna, kDay.addDays(100), kDay.addDays(100));
    ASSERT_EQ(after.size(), 1u);
    EXPECT_GT(after[0].ctl, 0);
    EXPECT_EQ(after[0].load, 0);
}

// Random inserts, edits (user load, sport, day) and deletes on three athletes: after every step the chart and
// the daily totals equal a computation from scratch, exactly.
TEST_F(Aggregates, ChartEqualsAFullComputationAfterEveryChange)
{
    std::mt19937 rng(20240110);
    const auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    std::vector<AthleteId> athletes{newAthlete(QStringLiteral("A")), newAthlete(QStringLiteral("B")),
                                    newAthlete(QStringLiteral("C"))};
    MetricSettings fast; // one athlete charts with other constants
    fast.pmc.fitnessDays = 28;
    fast.pmc.fatigueDays = 5;
    ASSERT_TRUE(store->setMetricSettings(athletes[2], fast).ok());
    ASSERT_TRUE(store
                    ->addThresholdChange(athletes[1], {kDay, thresholds([](Thresholds& t) {
                                                           t.ftpWatts = 240;
                                                           t.runThresholdSpeed = 4;
                                                       })})
                    .ok());

    std::vector<ActivityId> ids;
    const QDate rangeFrom = kDay.addDays(-40), rangeTo = kDay.addDays(200);
    for (int step = 0; step < 250; ++step) {
        const int op = ids.empty() ? 0 : pick(0, 9);
        if (op <= 4) { // insert
            const AthleteId athlete = athletes[static_cast<std::size_t>(pick(0, 2))];
            const Sport sport = kAllSports[static_cast<std::size_t>(pick(0, 5))];
            Activity a = makeActivity(athlete, kDay.addDays(pick(0, 120)), sport);
            a.startUtc = a.startUtc.addSecs(pick(-8, 14) * 3600);
            if (pick(0, 1) == 0)
                a.userLoad = pick(0, 3000) / 10.0;
            else {
                a.movingSec = pick(600, 12000);
                a.avgPower = pick(100, 300);
                a.avgSpeed = pick(20, 50) / 10.0;
            }
            ids.push_back(add(a));
        } else if (op <= 7) { // edit
            const ActivityId id = ids[static_cast<std::size_t>(pick(0, static_cast<int>(ids.size()) - 1))];
            Activity a = store->activity(id, false).value();
            switch (pick(0, 2)) {
            case 0:
                a.userLoad = pick(0, 1) == 0 ? std::optional<double>() : std::optional<double>(pick(0, 2500) / 7.0);
                break;
            case 1:
                a.sport = kAllSports[static_cast<std::size_t>(pick(0, 5))];
                break;
            default:
                a.startUtc = a.startUtc.addDays(pick(-30, 30));
                break;
            }
            ASSERT_TRUE(store->updateActivity(a).ok());
        } else { // delete
            const auto at = static_cast<std::size_t>(pick(0, static_cast<int>(ids.size()) - 1));
            ASSERT_TRUE(store->removeActivity(ids[at]).ok());
            ids.erase(ids.begin() + static_cast<std::ptrdiff_t>(at));
        }
        for (std::size_t i = 0; i < athletes.size(); ++i) {
            const std::string where = "step " + std::to_string(step) + " athlete " + std::to_string(i);
            const auto daily = store->dailyLoads(athletes[i]);
            const auto listed = sumActivities(store->activities(athletes[i]));
            ASSERT_EQ(daily.size(), listed.size()) << where;
            for (std::size_t k = 0; k < daily.size(); ++k) {
                ASSERT_EQ(daily[k].date, listed[k].date) << where;
                ASSERT_EQ(daily[k].load, listed[k].load) << where;
            }
            const PmcSettings pmc = store->metricSettings(athletes[i]).pmc;
            expectSameChart(store->pmc(athletes[i], rangeFrom, rangeTo), computePmc(daily, rangeFrom, rangeTo, pmc),
                            where);
            if (HasFatalFailure())
                return;
        }
    }
    EXPECT_GT(store->activityCount(athletes[0]), 0);
}

TEST_F(Aggregates, StaleLoadsAreRecomputedWhenTheStoreOpens)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    ASSERT_TRUE(
        store->addThresholdChange(anna, {kDay.addDays(-1), thresholds([](Thresholds& t) { t.ftpWatts = 250; })}).ok());
    Activity ride = makeActivity(anna, kDay, Sport::Bike);
    for (int i = 0; i < 3600; ++i) { // power only as a stream: the recompute must read it
        ride.streams.time.push_back(i);
        ride.streams.channels[Channel::Power].push_back(i % 120 < 60 ? 300 : 150);
    }
    const ActivityId id = add(ride);
    const ActivityId typed = add(makeActivity(anna, kDay.addDays(1), Sport::Run, 77));
    const auto original = store->activity(id).value();
    ASSERT_EQ(original.loadSource, LoadSource::Power);
    const auto originalChart = store->pmc(anna, kDay, kDay.addDays(30));
    store.reset();
    {
        RawDb raw(dbPath());
        ASSERT_TRUE(raw.exec(QStringLiteral("UPDATE activities SET load = 1, load_source = 'estimate', "
                                            "metrics_version = %1")
                                 .arg(kMetricsVersion - 1)));
        ASSERT_TRUE(raw.exec(QStringLiteral("UPDATE daily_load SET load = 1")));
        ASSERT_TRUE(raw.exec(QStringLiteral("UPDATE pmc_cache SET ctl = 0, atl = 0")));
    }
    reopen();
    const auto recomputed = store->activity(id).value();
    EXPECT_EQ(recomputed.load, original.load);
    EXPECT_EQ(recomputed.loadSource, LoadSource::Power);
    EXPECT_EQ(store->activity(typed)->load, 77);
    EXPECT_EQ(store->dailyLoads(anna)[0].load, original.load);
    expectSameChart(store->pmc(anna, kDay, kDay.addDays(30)), originalChart, "after reopen");
    RawDb raw(dbPath());
    EXPECT_EQ(raw.scalar(QStringLiteral("SELECT min(metrics_version) FROM activities")).toInt(), kMetricsVersion);
}

TEST_F(Aggregates, AnotherWritersChangesAreSeen)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    add(makeActivity(anna, kDay, Sport::Run, 50));
    const auto before = store->pmc(anna, kDay, kDay.addDays(10)); // now held in memory
    auto other = ActivityStore::open(dbPath());
    ASSERT_TRUE(other.ok());
    ASSERT_TRUE((*other)->addActivity(makeActivity(anna, kDay.addDays(5), Sport::Run, 80)).ok());
    const auto after = store->pmc(anna, kDay, kDay.addDays(10));
    expectSameChart(after, computePmc(store->dailyLoads(anna), kDay, kDay.addDays(10), PmcSettings{}), "after");
    EXPECT_NE(after.back().ctl, before.back().ctl);
}

// Batches and threshold changes touching many days refresh a whole range at once; the result must not differ.
TEST_F(Aggregates, ChangesSpanningManyDaysKeepTheTotalsExact)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    ASSERT_TRUE(store->addThresholdChange(anna, {kDay, thresholds([](Thresholds& t) { t.ftpWatts = 200; })}).ok());
    std::vector<Activity> batch;
    for (int i = 0; i < 120; ++i) {
        Activity a = makeActivity(anna, kDay.addDays(i * 2 / 3), i % 4 == 0 ? Sport::Run : Sport::Bike);
        a.startUtc = a.startUtc.addSecs((i % 3) * 3600);
        a.avgPower = 150 + i;
        if (i % 5 == 0)
            a.userLoad = i / 3.0;
        batch.push_back(a);
    }
    ASSERT_TRUE(store->addActivities(batch).ok());
    const auto check = [this, anna](const char* where) {
        const auto daily = store->dailyLoads(anna);
        const auto listed = sumActivities(store->activities(anna));
        ASSERT_EQ(daily.size(), listed.size()) << where;
        for (std::size_t k = 0; k < daily.size(); ++k) {
            ASSERT_EQ(daily[k].date, listed[k].date) << where;
            ASSERT_EQ(daily[k].load, listed[k].load) << where;
        }
        const QDate from = kDay.addDays(-3), to = kDay.addDays(150);
        expectSameChart(store->pmc(anna, from, to), computePmc(daily, from, to, PmcSettings{}), where);
    };
    check("after the batch");
    const double before = store->dailyLoads(anna).back().load;
    ASSERT_TRUE(
        store->addThresholdChange(anna, {kDay.addDays(10), thresholds([](Thresholds& t) { t.ftpWatts = 280; })}).ok());
    check("after the threshold change");
    EXPECT_LT(store->dailyLoads(anna).back().load, before);
}
