// One mistyped number must not block every later write: the store refuses values no athlete can produce, and a
// database that already holds one (written before these checks) opens, rescores it and keeps working.
#include "core/metrics/pmc.h"
#include "core/model/plausible.h"
#include "core/store/migrations.h"
#include "tests/unit/core/store/storetestsupport.h"

#include <cmath>
#include <limits>

using namespace tricoach;
using namespace tricoach::test;

namespace {

class PlausibleValues : public StoreTest {};

const QDate kDay(2024, 5, 6);

void expectFiniteChart(ActivityStore& store, AthleteId athlete, const QDate& from, const QDate& to)
{
    const auto chart = store.pmc(athlete, from, to);
    ASSERT_FALSE(chart.empty());
    for (const PmcDay& d : chart) {
        EXPECT_TRUE(std::isfinite(d.load) && std::isfinite(d.ctl) && std::isfinite(d.atl) && std::isfinite(d.tsb))
            << d.date.toString(Qt::ISODate).toStdString();
    }
}

} // namespace

TEST_F(PlausibleValues, TheStoreRefusesValuesNoAthleteProduces)
{
    const AthleteId a = newAthlete(QStringLiteral("Anna"));
    const double huge = 1e308;
    const double values[] = {huge, std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN(),
                             -5};
    for (double v : values) {
        SCOPED_TRACE(v);
        Activity load = makeActivity(a, kDay, Sport::Run, v);
        auto added = store->addActivity(load);
        ASSERT_FALSE(added.ok());
        EXPECT_EQ(added.error().code, QStringLiteral("store.invalid-activity"));
        EXPECT_TRUE(added.error().message.contains(QLatin1String("not plausible")))
            << added.error().message.toStdString();

        Activity longOne = makeActivity(a, kDay);
        longOne.movingSec = longOne.elapsedSec = v;
        EXPECT_FALSE(store->addActivity(longOne).ok());

        Activity hr = makeActivity(a, kDay);
        hr.avgHr = v;
        EXPECT_FALSE(store->addActivity(hr).ok());

        ThresholdChange change{kDay, {}};
        change.values.ftpWatts = v;
        auto set = store->addThresholdChange(a, change);
        ASSERT_FALSE(set.ok());
        EXPECT_EQ(set.error().code, QStringLiteral("store.invalid-threshold"));
    }
    EXPECT_EQ(store->activityCount(a), 0);

    // An edit cannot slip one in either.
    auto stored = store->addActivity(makeActivity(a, kDay, Sport::Run, 50));
    ASSERT_TRUE(stored.ok());
    auto edited = store->activity(stored->id, false);
    ASSERT_TRUE(edited.ok());
    edited->userLoad = huge;
    EXPECT_FALSE(store->updateActivity(*edited).ok());
    EXPECT_EQ(store->activity(stored->id, false)->load, 50);

    // And every later write still works.
    EXPECT_TRUE(store->addActivity(makeActivity(a, kDay.addDays(1), Sport::Bike, 70)).ok());
    expectFiniteChart(*store, a, kDay.addDays(-3), kDay.addDays(30));
}

TEST_F(PlausibleValues, AnInfiniteLoadWrittenByAnOlderVersionIsRescoredAndTheChartStaysFinite)
{
    // Version 3 accepted `add --tss 1e308`; twice on a day the daily total became infinite, Form NaN, and every
    // later write failed on "NOT NULL constraint failed: pmc_cache.ctl".
    const QString path = pathFor(QStringLiteral("old.sqlite"));
    {
        RawDb raw(path);
        ASSERT_TRUE(store::runMigrations(raw.db(), 3, path).ok());
        ASSERT_TRUE(raw.exec(QStringLiteral("INSERT INTO athletes (id, name) VALUES (1, 'Anna')")));
        const qint64 start = utcDateTime(kDay, QTime(7, 0)).toMSecsSinceEpoch();
        for (int i = 0; i < 2; ++i) {
            ASSERT_TRUE(raw.exec(QStringLiteral("INSERT INTO activities (athlete_id, sport, start_utc, local_date, "
                                                "moving_sec, elapsed_sec, source, user_load, load, load_source, "
                                                "metrics_version) VALUES (1, 'Run', %1, %2, 3600, 3600, 'manual', "
                                                "1e308, 1e308, 'user', %3)")
                                     .arg(start + i * 7'200'000)
                                     .arg(kDay.toJulianDay())
                                     .arg(kMetricsVersion)));
        }
        ASSERT_TRUE(raw.exec(QStringLiteral("INSERT INTO daily_load (athlete_id, day, load, seconds, distance, count) "
                                            "VALUES (1, %1, 1e308, 7200, 0, 2)")
                                 .arg(kDay.toJulianDay())));
    }
    auto opened = ActivityStore::open(path);
    ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
    ActivityStore& s = **opened;
    for (const Activity& act : s.activities(1)) {
        EXPECT_NE(act.loadSource, LoadSource::User);
        EXPECT_TRUE(plausible::kActivityLoad.contains(act.load)) << act.load;
        EXPECT_FALSE(act.loadNote.isEmpty()); // says why the typed-in value was not used
    }
    expectFiniteChart(s, 1, kDay.addDays(-2), kDay.addDays(20));
    // Later writes work again.
    EXPECT_TRUE(s.addActivity(makeActivity(1, kDay.addDays(2), Sport::Run, 60)).ok());
    EXPECT_TRUE(s.addActivity(makeActivity(1, kDay, Sport::Bike, 40)).ok());
    expectFiniteChart(s, 1, kDay.addDays(-2), kDay.addDays(20));
}

TEST(PlausibleRanges, ImportedSummariesLoseOnlyTheirImplausibleValues)
{
    Activity a;
    a.startUtc = utcDateTime(kDay, QTime(7, 0));
    a.movingSec = 3600;
    a.elapsedSec = std::numeric_limits<double>::quiet_NaN();
    a.avgHr = 255; // a device's "invalid" marker read as a value
    a.maxHr = 181;
    a.maxSpeed = 6553.5;
    a.distanceM = 10'000;
    a.rpe = 12;
    const QStringList dropped = dropImplausibleValues(a);
    EXPECT_EQ(dropped.size(), 4) << dropped.join(QLatin1Char('\n')).toStdString();
    EXPECT_FALSE(a.avgHr.has_value());
    EXPECT_EQ(a.maxHr, 181);
    EXPECT_FALSE(a.maxSpeed.has_value());
    EXPECT_EQ(a.distanceM, 10'000);
    EXPECT_FALSE(a.rpe.has_value());
    EXPECT_EQ(a.elapsedSec, 0);
    EXPECT_TRUE(checkActivitySummary(a).ok());
}

// The scout's two-track GPX (2010 and 2016) read as one activity was refused with "a elapsed time (s) of
// 197335475.2": a duration is said in the units a person reads, with the right article, and says what to do.
TEST(PlausibleRanges, ImplausibleDurationsAreSaidInHumanUnits)
{
    Activity a;
    a.title = QStringLiteral("Ownship");
    a.startUtc = utcDateTime(kDay, QTime(7, 0));
    a.elapsedSec = 197'335'475.2; // 6 years 3 months and some days (a year of 365.2425 days)
    const auto r = checkActivitySummary(a);
    ASSERT_FALSE(r.ok());
    const QString m = r.error().message;
    EXPECT_TRUE(m.contains(QStringLiteral("an elapsed time of 6 years 3 months"))) << m.toStdString();
    EXPECT_TRUE(m.contains(QStringLiteral("at most 7 days"))) << m.toStdString();
    EXPECT_TRUE(m.contains(QStringLiteral("several recordings"))) << m.toStdString();
    EXPECT_FALSE(m.contains(QStringLiteral("(s)"))) << m.toStdString();

    a.elapsedSec = 3600;
    a.movingSec = 8 * 86400 + 5 * 3600 + 17;
    const auto moving = checkActivitySummary(a);
    ASSERT_FALSE(moving.ok());
    EXPECT_TRUE(moving.error().message.contains(QStringLiteral("a moving time of 8 days 5 hours")))
        << moving.error().message.toStdString();

    a.movingSec = 3600;
    a.avgHr = 400;
    const auto hr = checkActivitySummary(a);
    ASSERT_FALSE(hr.ok());
    EXPECT_TRUE(hr.error().message.contains(QStringLiteral("an average heart rate of 400")))
        << hr.error().message.toStdString();
}

// Scout A2: a pace load of 2455.8 for a 42-minute run (written by an older formula) entered the chart, and one of
// 67 885.7 was left out of the day's total while the activity list still showed it. A stored load is judged against
// the activity's own time (250 an hour at most, plausible::kMaxLoadPerHour): opening the store recomputes it, and
// the day's total is the sum of what the list shows.
TEST_F(PlausibleValues, AStoredLoadImplausibleForItsOwnDurationIsRecomputedAndTheTotalsAgree)
{
    const QString path = pathFor(QStringLiteral("overloaded.sqlite"));
    const double seconds = 2519; // 42 minutes
    {
        RawDb raw(path);
        ASSERT_TRUE(store::runMigrations(raw.db(), ActivityStore::kSchemaVersion, path).ok());
        ASSERT_TRUE(raw.exec(QStringLiteral("INSERT INTO athletes (id, name) VALUES (1, 'Anna')")));
        const qint64 start = utcDateTime(kDay, QTime(7, 0)).toMSecsSinceEpoch();
        const double loads[] = {2455.8, 67885.7, 40.0};
        for (int i = 0; i < 3; ++i) {
            ASSERT_TRUE(raw.exec(QStringLiteral("INSERT INTO activities (athlete_id, sport, start_utc, local_date, "
                                                "moving_sec, elapsed_sec, source, load, load_source, "
                                                "metrics_version) VALUES (1, 'Run', %1, %2, %3, %3, 'file', %4, "
                                                "'pace', %5)")
                                     .arg(start + i * 7'200'000)
                                     .arg(kDay.toJulianDay())
                                     .arg(seconds)
                                     .arg(loads[i])
                                     .arg(kMetricsVersion)));
        }
    }
    auto opened = ActivityStore::open(path);
    ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
    ActivityStore& s = **opened;
    double listed = 0;
    int kept = 0;
    for (const Activity& act : s.activities(1)) {
        EXPECT_LE(act.load, plausible::kMaxLoadPerHour * seconds / 3600.0) << act.load;
        listed += act.load;
        kept += act.load == 40.0 && act.loadSource == LoadSource::Pace ? 1 : 0;
    }
    EXPECT_EQ(kept, 1); // a believable load is left as it was
    const auto chart = s.pmc(1, kDay, kDay);
    ASSERT_EQ(chart.size(), 1u);
    EXPECT_NEAR(chart.front().load, listed, 1e-9);
}
