// Every older schema opens, is migrated forward and keeps its data. When kSchemaVersion is bumped, teach
// seedRows() the previous schema and the loop below covers it.
#include "core/metrics/stress.h"
#include "core/store/activitystore.h"
#include "core/store/migrations.h"
#include "core/store/streamcodec.h"
#include "tests/unit/core/store/storetestsupport.h"

using namespace tricoach;
using namespace tricoach::test;

namespace {

class Migration : public TempDirTest {};

const QDate kSeedDay(2024, 4, 2);

// Realistic rows written with the raw SQL of schema `version` (≥ 1), the way that version stored them. Loads
// are left stale (metrics_version 0) and no aggregates are written, as after a crash or an old formula.
void seedRows(store::Database& db, int version)
{
    ASSERT_GE(version, 1);
    // Schema 1 (and, until a migration changes these tables, every later one).
    const auto run = [&db](const QString& sql, const QVariantList& values = {}) {
        store::Statement q;
        ASSERT_TRUE(q.prepare(db, sql)) << sql.toStdString();
        for (int i = 0; i < values.size(); ++i)
            q.bindValue(i, values[i]);
        ASSERT_TRUE(q.exec()) << sql.toStdString();
    };
    run(QStringLiteral("INSERT INTO athletes (id, name) VALUES (1, 'Seeded Anna'), (2, 'Seeded Ben')"));
    run(QStringLiteral("INSERT INTO threshold_changes (athlete_id, effective_from, ftp_watts, lthr_run) "
                       "VALUES (1, ?, 250, 168)"),
        {kSeedDay.addDays(-30).toJulianDay()});
    const qint64 startMs = utcDateTime(kSeedDay, QTime(6, 0)).toMSecsSinceEpoch();
    run(QStringLiteral("INSERT INTO activities (id, athlete_id, sport, title, notes, start_utc, utc_offset, "
                       "local_date, moving_sec, elapsed_sec, distance_m, avg_power, source, external_id, "
                       "content_hash, user_load, load, load_source, metrics_version) VALUES "
                       "(10, 1, 'Bike', 'Seeded ride', 'tempo', ?, 7200, ?, 3600, 3650, 30000, NULL, 'strava', "
                       "12345678901, NULL, NULL, 0, 'none', 0), "
                       "(11, 1, 'Run', 'Seeded run', '', ?, 7200, ?, 1800, 1800, 5000, NULL, 'file', NULL, "
                       "'abc123', 55, 0, 'none', 0), "
                       "(12, 2, 'Swim', 'Ben swims', '', ?, 0, ?, 1500, 1600, 1500, NULL, 'manual', NULL, NULL, "
                       "40, 0, 'none', 0)"),
        {startMs, kSeedDay.toJulianDay(), startMs + 86400000, kSeedDay.addDays(1).toJulianDay(), startMs,
         kSeedDay.toJulianDay()});
    std::vector<double> time, power;
    for (int i = 0; i < 3600; ++i) {
        time.push_back(i);
        power.push_back(200 + (i % 60));
    }
    if (version < 3) { // a row per series
        run(QStringLiteral("INSERT INTO streams (activity_id, channel, encoded) VALUES (10, 0, ?), (10, 3, ?)"),
            {store::encodeSeries(store::kTimeChannel, time),
             store::encodeSeries(static_cast<int>(Channel::Power), power)});
    } else { // a row per activity
        Streams streams;
        streams.time = time;
        streams.channels[Channel::Power] = power;
        run(QStringLiteral("INSERT INTO activity_streams (activity_id, encoded) VALUES (10, ?)"),
            {store::encodeStreamsBlob(streams)});
    }
    // Before schema 4 walks and transitions were Other with a sub-type.
    run(QStringLiteral("INSERT INTO activities (id, athlete_id, sport, sub_sport, start_utc, local_date, moving_sec, "
                       "elapsed_sec, source, load, load_source, metrics_version) VALUES "
                       "(13, 2, ?, ?, ?, ?, 1200, 1200, 'file', 0, 'none', 0), "
                       "(14, 2, ?, ?, ?, ?, 90, 90, 'file', 0, 'none', 0)"),
        {version < 4 ? QStringLiteral("Other") : QStringLiteral("Walk"),
         version < 4 ? QStringLiteral("Walking") : QStringLiteral(""), startMs + 7200000, kSeedDay.toJulianDay(),
         version < 4 ? QStringLiteral("Other") : QStringLiteral("Transition"),
         version < 4 ? QStringLiteral("Transition") : QStringLiteral(""), startMs + 9000000, kSeedDay.toJulianDay()});
    run(QStringLiteral("INSERT INTO laps (activity_id, idx, start_offset, elapsed, moving, avg_power) "
                       "VALUES (10, 0, 0, 1800, 1800, 220), (10, 1, 1800, 1800, 1800, 240)"));
    run(QStringLiteral("INSERT INTO pool_lengths (activity_id, idx, start_offset, duration, active, strokes, "
                       "stroke_type) VALUES (12, 0, 0, 30, 1, 18, 'freestyle')"));
}

// What seedRows() stored must read back through the current store, with loads computed.
void expectSeededData(ActivityStore& store)
{
    const auto anna = store.athleteByName(QStringLiteral("Seeded Anna"));
    const auto ben = store.athleteByName(QStringLiteral("Seeded Ben"));
    ASSERT_TRUE(anna.has_value());
    ASSERT_TRUE(ben.has_value());
    EXPECT_EQ(store.thresholdHistory(anna->id).at(kSeedDay).ftpWatts, 250);

    const auto list = store.activities(anna->id);
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].title, QStringLiteral("Seeded ride"));
    EXPECT_EQ(list[0].externalId, 12345678901LL);
    EXPECT_EQ(list[1].contentHash, QStringLiteral("abc123"));
    EXPECT_EQ(list[1].load, 55);
    EXPECT_EQ(list[1].loadSource, LoadSource::User);

    auto ride = store.activity(10);
    ASSERT_TRUE(ride.ok());
    ASSERT_EQ(ride->streams.size(), 3600u);
    EXPECT_EQ(ride->laps.size(), 2u);
    // The stale load was recomputed from the power stream and the seeded FTP.
    EXPECT_EQ(ride->loadSource, LoadSource::Power);
    EXPECT_EQ(ride->load,
              computeLoad(*ride, store.thresholdHistory(anna->id).at(kSeedDay), LoadSettings::defaults()).load);
    EXPECT_GT(ride->load, 0);

    auto swim = store.activity(12);
    ASSERT_TRUE(swim.ok());
    ASSERT_EQ(swim->lengths.size(), 1u);
    EXPECT_EQ(swim->lengths[0].strokes, 18);
    auto walk = store.activity(13);
    ASSERT_TRUE(walk.ok());
    EXPECT_EQ(walk->sport, Sport::Walk);
    EXPECT_TRUE(walk->subSport.isEmpty());
    EXPECT_EQ(walk->load, estimatedStress(*walk, LoadSettings::defaults()).load);
    auto transition = store.activity(14);
    ASSERT_TRUE(transition.ok());
    EXPECT_EQ(transition->sport, Sport::Transition);

    // Aggregates were rebuilt from the rows.
    const auto daily = store.dailyLoads(anna->id);
    ASSERT_EQ(daily.size(), 2u);
    EXPECT_EQ(daily[0].load, ride->load);
    EXPECT_EQ(daily[1].load, 55);
    const QDate from = kSeedDay.addDays(-3), to = kSeedDay.addDays(20);
    const auto chart = store.pmc(anna->id, from, to);
    const auto expected = computePmc(daily, from, to, PmcSettings{});
    ASSERT_EQ(chart.size(), expected.size());
    for (std::size_t i = 0; i < chart.size(); ++i)
        EXPECT_EQ(chart[i].ctl, expected[i].ctl) << i;
    EXPECT_EQ(store.dailyLoads(ben->id).size(), 1u);
}

} // namespace

TEST_F(Migration, EveryOlderVersionMigratesAndKeepsItsData)
{
    for (int version = 0; version < ActivityStore::kSchemaVersion; ++version) {
        SCOPED_TRACE(version);
        const QString path = pathFor(QStringLiteral("v%1.sqlite").arg(version));
        {
            RawDb raw(path);
            ASSERT_TRUE(store::runMigrations(raw.db(), version, path).ok());
            if (version >= 1)
                seedRows(raw.db(), version);
            ASSERT_EQ(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), version);
        }
        auto opened = ActivityStore::open(path);
        ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
        EXPECT_EQ((*opened)->schemaVersion(), ActivityStore::kSchemaVersion);
        if (version >= 1) {
            expectSeededData(**opened);
        } else {
            EXPECT_TRUE((*opened)->athletes().empty());
            EXPECT_TRUE((*opened)->createAthlete(QStringLiteral("Anna")).ok());
        }
        opened->reset();
        RawDb raw(path);
        EXPECT_EQ(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), ActivityStore::kSchemaVersion);
    }
}

// The seeded rows of the current schema open too: this keeps seedRows() honest before it is needed.
TEST_F(Migration, RowsWrittenWithRawSqlOfTheCurrentSchemaOpenWithDerivedValuesRebuilt)
{
    const QString path = pathFor(QStringLiteral("current.sqlite"));
    {
        RawDb raw(path);
        ASSERT_TRUE(store::runMigrations(raw.db(), ActivityStore::kSchemaVersion, path).ok());
        seedRows(raw.db(), ActivityStore::kSchemaVersion);
    }
    auto opened = ActivityStore::open(path);
    ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
    expectSeededData(**opened);
    RawDb raw(path);
    EXPECT_EQ(
        raw.scalar(QStringLiteral("SELECT count(*) FROM activities WHERE metrics_version < %1").arg(kMetricsVersion))
            .toInt(),
        0);
}

// Schema 3 keeps a row per activity: the series of schema 2 move there byte for byte, a damaged one included,
// which is then reported when read rather than failing the upgrade.
TEST_F(Migration, SeriesMoveIntoOneRowPerActivityAndDamageStaysVisible)
{
    const QString path = pathFor(QStringLiteral("v2.sqlite"));
    {
        RawDb raw(path);
        ASSERT_TRUE(store::runMigrations(raw.db(), 2, path).ok());
        seedRows(raw.db(), 2);
        // 'Q', a count of 3, scale 1, then only one sample: truncated.
        ASSERT_TRUE(raw.exec(QStringLiteral("INSERT INTO streams (activity_id, channel, encoded) VALUES "
                                            "(12, 0, X'5103000203')")));
    }
    auto opened = ActivityStore::open(path);
    ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
    auto ride = (*opened)->activity(10);
    ASSERT_TRUE(ride.ok()) << ride.error().message.toStdString();
    ASSERT_EQ(ride->streams.size(), 3600u);
    EXPECT_EQ(ride->streams.time[3599], 3599);
    EXPECT_EQ(ride->streams.channels.at(Channel::Power)[61], 201);
    auto swim = (*opened)->activity(12);
    ASSERT_FALSE(swim.ok());
    EXPECT_EQ(swim.error().code, QStringLiteral("store.corrupt"));
    EXPECT_TRUE(swim.error().message.contains(QStringLiteral("Ben swims"))) << swim.error().message.toStdString();
    // Its summary is still there.
    auto summary = (*opened)->activity(12, false);
    ASSERT_TRUE(summary.ok());
    EXPECT_EQ(summary->title, QStringLiteral("Ben swims"));
    opened->reset();
    RawDb raw(path);
    EXPECT_EQ(raw.scalar(QStringLiteral("SELECT count(*) FROM activity_streams")).toInt(), 2);
    EXPECT_EQ(raw.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'streams'")).toInt(), 0);
}
