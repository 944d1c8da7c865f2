#include "core/store/migrations.h"

#include "core/store/activitystore.h"
#include "core/store/sqlutil.h"
#include "core/store/streamcodec.h"

#include <array>
#include <span>
#include <vector>

namespace tricoach::store {

namespace {

using Statements = std::span<const char* const>;

Result<void> execAll(const Database& db, Statements statements, int version, const QString& path)
{
    for (const char* sql : statements) {
        if (auto q = exec(db, QString::fromUtf8(sql), {},
                          QStringLiteral("upgrade the schema to version %1").arg(version), path);
            !q)
            return q.error();
    }
    return {};
}

// Version 1: the first schema. Days are Julian day numbers (integers compare and index cheaply), instants are
// epoch milliseconds in UTC. Derived tables (daily_load, pmc_cache) can always be rebuilt from activities.
constexpr const char* kSchema1[] = {
    R"(CREATE TABLE athletes (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE))",

    // One row per dated change; NULL fields were not part of that change and keep their earlier value.
    R"(CREATE TABLE threshold_changes (
        athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
        effective_from INTEGER NOT NULL,
        ftp_watts REAL, lthr_bike REAL, lthr_run REAL, lthr_swim REAL, max_hr REAL, resting_hr REAL,
        run_threshold_speed REAL, css_speed REAL, weight_kg REAL,
        PRIMARY KEY (athlete_id, effective_from)) WITHOUT ROWID)",

    R"(CREATE TABLE athlete_settings (
        athlete_id INTEGER PRIMARY KEY REFERENCES athletes(id) ON DELETE CASCADE,
        json TEXT NOT NULL))",

    R"(CREATE TABLE activities (
        id INTEGER PRIMARY KEY,
        athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
        sport TEXT NOT NULL,
        sub_sport TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        start_utc INTEGER NOT NULL,
        utc_offset INTEGER NOT NULL DEFAULT 0,
        local_date INTEGER NOT NULL,
        moving_sec REAL NOT NULL DEFAULT 0,
        elapsed_sec REAL NOT NULL DEFAULT 0,
        distance_m REAL, elevation_gain_m REAL, avg_hr REAL, max_hr REAL, avg_power REAL, max_power REAL,
        avg_cadence REAL, max_cadence REAL, avg_speed REAL, max_speed REAL, calories REAL,
        rpe INTEGER, pool_length_m REAL,
        source TEXT NOT NULL,
        external_id INTEGER,
        content_hash TEXT,
        user_load REAL,
        multisport_key TEXT NOT NULL DEFAULT '',
        multisport_leg INTEGER NOT NULL DEFAULT -1,
        load REAL NOT NULL DEFAULT 0,
        load_source TEXT NOT NULL DEFAULT 'none',
        intensity REAL,
        metrics_version INTEGER NOT NULL DEFAULT 0))",
    "CREATE INDEX activities_by_day ON activities (athlete_id, local_date)",
    "CREATE INDEX activities_by_start ON activities (athlete_id, start_utc)",
    // Deduplication is enforced by the database too, so two writers can never store the same file twice.
    R"(CREATE UNIQUE INDEX activities_external ON activities (athlete_id, source, external_id)
        WHERE external_id IS NOT NULL)",
    R"(CREATE UNIQUE INDEX activities_content ON activities (athlete_id, content_hash)
        WHERE content_hash IS NOT NULL)",
    // Finds loads computed by older formulas at open without scanning the table.
    "CREATE INDEX activities_metrics ON activities (metrics_version)",

    // One compressed series per channel (0 = time); see streamcodec.h for the encoding.
    R"(CREATE TABLE streams (
        activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        channel INTEGER NOT NULL,
        encoded BLOB NOT NULL,
        PRIMARY KEY (activity_id, channel)) WITHOUT ROWID)",

    R"(CREATE TABLE laps (
        activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start_offset REAL NOT NULL, elapsed REAL NOT NULL, moving REAL NOT NULL,
        distance_m REAL, avg_hr REAL, max_hr REAL, avg_power REAL, max_power REAL, avg_cadence REAL,
        avg_speed REAL,
        PRIMARY KEY (activity_id, idx)) WITHOUT ROWID)",

    R"(CREATE TABLE pool_lengths (
        activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start_offset REAL NOT NULL, duration REAL NOT NULL, active INTEGER NOT NULL,
        strokes INTEGER, stroke_type TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (activity_id, idx)) WITHOUT ROWID)",

    // One row per day with at least one activity.
    R"(CREATE TABLE daily_load (
        athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
        day INTEGER NOT NULL,
        load REAL NOT NULL, seconds REAL NOT NULL, distance REAL NOT NULL, count INTEGER NOT NULL,
        PRIMARY KEY (athlete_id, day)) WITHOUT ROWID)",

    // Every day from the first to the last day with a load, so the chart is read, not recomputed.
    R"(CREATE TABLE pmc_cache (
        athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
        day INTEGER NOT NULL,
        load REAL NOT NULL, ctl REAL NOT NULL, atl REAL NOT NULL, tsb REAL NOT NULL,
        PRIMARY KEY (athlete_id, day)) WITHOUT ROWID)",
};

Result<void> migrateTo1(const Database& db, const QString& path)
{
    return execAll(db, kSchema1, 1, path);
}

// Version 2: per-athlete documents (JSON) for settings that belong to other modules — the coach's race and
// availability — so that they need no schema change of their own.
constexpr const char* kSchema2[] = {
    R"(CREATE TABLE athlete_documents (
        athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (athlete_id, key)) WITHOUT ROWID)",
};

Result<void> migrateTo2(const Database& db, const QString& path)
{
    return execAll(db, kSchema2, 2, path);
}

// Version 3: one row of streams per activity (every series in one blob, core/store/streamcodec.h) instead
// of a row per series: an import writes a tenth of the rows and reading a recording is one lookup. The
// series' bytes move as they are, without decoding, so a damaged series is still reported when read rather
// than failing the upgrade of a whole history.
constexpr const char* kSchema3[] = {
    R"(CREATE TABLE activity_streams (
        activity_id INTEGER PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
        encoded BLOB NOT NULL))",
};

Result<void> migrateTo3(const Database& db, const QString& path)
{
    if (auto r = execAll(db, kSchema3, 3, path); !r)
        return r;
    const QString what = QStringLiteral("upgrade the schema to version 3");
    auto rows =
        exec(db, QStringLiteral("SELECT activity_id, channel, encoded FROM streams ORDER BY activity_id, channel"), {},
             what, path);
    if (!rows)
        return rows.error();
    auto insert =
        prepare(db, QStringLiteral("INSERT INTO activity_streams (activity_id, encoded) VALUES (?, ?)"), path);
    if (!insert)
        return insert.error();
    std::vector<EncodedSeries> series;
    qint64 activity = 0;
    const auto flush = [&]() -> Result<void> {
        if (series.empty())
            return {};
        insert->bindInt64(0, activity);
        insert->bindBlob(1, packEncodedSeries(series));
        series.clear();
        if (!insert->exec())
            return sqlError(*insert, what, path);
        return {};
    };
    while (rows->next()) {
        if (rows->int64(0) != activity) {
            if (auto r = flush(); !r)
                return r;
            activity = rows->int64(0);
        }
        series.push_back({static_cast<int>(rows->int64(1)), rows->blob(2).toByteArray()});
    }
    if (auto r = flush(); !r)
        return r;
    rows->reset();
    if (auto r = exec(db, QStringLiteral("DROP TABLE streams"), {}, what, path); !r)
        return r.error();
    return {};
}

// Version 4: walking, hiking, rowing and transitions are sports of their own (they were Other with a sub-type);
// running power has its own threshold; an activity says why its load came from the input it came from. Loads of
// the re-sported activities are recomputed (their estimate per hour changed).
constexpr const char* kSchema4[] = {
    "ALTER TABLE threshold_changes ADD COLUMN run_power_watts REAL",
    "ALTER TABLE activities ADD COLUMN load_note TEXT NOT NULL DEFAULT ''",
    R"(UPDATE activities SET sport = 'Transition', sub_sport = '', metrics_version = 0
        WHERE sport = 'Other' AND sub_sport = 'Transition')",
    R"(UPDATE activities SET sport = 'Walk', sub_sport = '', metrics_version = 0
        WHERE sport = 'Other' AND sub_sport IN ('Walk', 'Walking'))",
    R"(UPDATE activities SET sport = 'Walk', metrics_version = 0
        WHERE sport = 'Other' AND sub_sport = 'IndoorWalking')",
    R"(UPDATE activities SET sport = 'Hike', sub_sport = '', metrics_version = 0
        WHERE sport = 'Other' AND sub_sport IN ('Hike', 'Hiking'))",
    R"(UPDATE activities SET sport = 'Row', sub_sport = '', metrics_version = 0
        WHERE sport = 'Other' AND sub_sport IN ('Row', 'Rowing'))",
    R"(UPDATE activities SET sport = 'Row', metrics_version = 0
        WHERE sport = 'Other' AND sub_sport = 'IndoorRowing')",
    // Loads no formula can produce (a mistyped 1e308 accepted by version 3) are recomputed; the user's value is
    // then not believed (core/model/plausible.h) and the day totals and chart are rebuilt from finite numbers.
    R"(UPDATE activities SET metrics_version = 0
        WHERE NOT (load >= 0 AND load <= 42000) OR (user_load IS NOT NULL AND NOT (user_load >= 0 AND user_load <= 5000)))",
};

Result<void> migrateTo4(const Database& db, const QString& path)
{
    return execAll(db, kSchema4, 4, path);
}

// Version 5: links to Strava. One row per Strava activity id (two uploads of one session link to one activity);
// Strava's own values (its sport_type, private flag, estimated or measured power, suffer score) are kept for
// reference, and `streams` says whether the recording is still to be fetched.
constexpr const char* kSchema5[] = {
    R"(CREATE TABLE strava_links (
        athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
        strava_id INTEGER NOT NULL,
        activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        sport_type TEXT NOT NULL DEFAULT '',
        private INTEGER NOT NULL DEFAULT 0,
        manual INTEGER NOT NULL DEFAULT 0,
        weighted_avg_watts REAL, device_watts INTEGER, suffer_score REAL, upload_id INTEGER,
        streams TEXT NOT NULL DEFAULT 'pending',
        PRIMARY KEY (athlete_id, strava_id)) WITHOUT ROWID)",
    "CREATE INDEX strava_links_by_activity ON strava_links (activity_id)",
};

Result<void> migrateTo5(const Database& db, const QString& path)
{
    return execAll(db, kSchema5, 5, path);
}

// A migration may run statements or C++ (re-encoding data, say); it runs inside the runner's transaction.
using Migration = Result<void> (*)(const Database& db, const QString& path);

// Append the next migration here and bump ActivityStore::kSchemaVersion; never edit a shipped one. A new
// migration that changes how loads are derived can set activities.metrics_version = 0 to have them recomputed.
constexpr std::array<Migration, 5> kMigrations = {&migrateTo1, &migrateTo2, &migrateTo3, &migrateTo4, &migrateTo5};
static_assert(kMigrations.size() == ActivityStore::kSchemaVersion,
              "one migration per schema version: append a migration when bumping kSchemaVersion");

} // namespace

Error newerSchemaError(const QString& path, int fileVersion)
{
    return makeError(QStringLiteral("The database %1 was written by a newer TriCoach (schema version %2; this "
                                    "version reads up to schema version %3). Update TriCoach to open it; the "
                                    "file was left unchanged.")
                         .arg(path)
                         .arg(fileVersion)
                         .arg(ActivityStore::kSchemaVersion),
                     QStringLiteral("store.newer-schema"));
}

Result<int> userVersion(const Database& db, const QString& path)
{
    auto q = exec(db, QStringLiteral("PRAGMA user_version"), {}, QStringLiteral("read the schema version"), path);
    if (!q)
        return q.error();
    if (!q->next())
        return sqlError(*q, QStringLiteral("read the schema version"), path);
    return q->value(0).toInt();
}

Result<void> runMigrations(const Database& db, int targetVersion, const QString& path)
{
    if (targetVersion < 0 || targetVersion > static_cast<int>(kMigrations.size()))
        return makeError(QStringLiteral("Unknown schema version %1.").arg(targetVersion),
                         QStringLiteral("store.bad-version"));
    Transaction tx(db, path);
    if (auto r = tx.begin(); !r)
        return r;
    // Read again under the write lock: another process may have migrated since the caller looked.
    auto current = userVersion(db, path);
    if (!current)
        return current.error();
    if (*current < 0)
        return makeError(QStringLiteral("%1 has an invalid schema version (%2); it is not a TriCoach database.")
                             .arg(path)
                             .arg(*current),
                         QStringLiteral("store.not-a-database"));
    if (*current > targetVersion)
        return newerSchemaError(path, *current);
    if (*current == targetVersion)
        return {};
    for (int v = *current; v < targetVersion; ++v) {
        if (auto r = kMigrations[static_cast<std::size_t>(v)](db, path); !r)
            return r;
    }
    // PRAGMA takes no bound parameters; the value is an integer we control.
    if (auto q = exec(db, QStringLiteral("PRAGMA user_version = %1").arg(targetVersion), {},
                      QStringLiteral("record the schema version"), path);
        !q)
        return q.error();
    return tx.commit();
}

} // namespace tricoach::store
