// Opening the store, athletes and metric settings. Thresholds are in thresholds.cpp, activities in activities.cpp,
// derived values in aggregates.cpp.
#include "core/store/activitystore.h"

#include "core/model/plausible.h"
#include "core/store/dbfile.h"
#include "core/store/migrations.h"
#include "core/store/storeimpl.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QThread>

#include <cmath>

namespace tricoach {

using namespace store;

namespace {

Error openFailed(const QString& path, const QString& why)
{
    return makeError(QStringLiteral("Could not open the TriCoach database %1: %2").arg(path, why),
                     QStringLiteral("store.open-failed"));
}

// WAL lets the app read while the CLI or a sync writes; NORMAL is durable across application crashes with WAL (only
// a power loss can drop the last commits); the busy timeout makes a second writer wait. 32 KiB pages (new databases
// only: it must precede the first table): an activity's recording is one blob of 5–80 KB, and SQLite's cost per
// page written (WAL frame, checkpoint copy, overflow chain) made 4 KiB pages 1.4× and 16 KiB pages (a 9 KB blob per
// half-empty page) 1.6× slower to import into than 32 KiB (BM_Store2000Activities). The WAL is checkpointed every
// 16 MiB (512 pages), as it was with 16 KiB pages; a 32 MiB cache keeps the indexes of a large history in memory.
//
// Two processes creating a database together (the app and the CLI at first start) can both read the empty file
// and then both want to write its first page: SQLite then answers SQLITE_BUSY at once, without waiting, because
// waiting could deadlock. Set-up is short, so it is retried until the busy timeout would have run out.
Result<void> configure(const Database& db, const QString& path)
{
    const QString pragmas[] = {
        QStringLiteral("PRAGMA page_size = 32768"),
        QStringLiteral("PRAGMA cache_size = -32768"),
        QStringLiteral("PRAGMA busy_timeout = %1").arg(kBusyTimeoutMs),
        QStringLiteral("PRAGMA journal_mode = WAL"),
        QStringLiteral("PRAGMA wal_autocheckpoint = 512"),
        QStringLiteral("PRAGMA foreign_keys = ON"),
        QStringLiteral("PRAGMA synchronous = NORMAL"),
    };
    QElapsedTimer waited;
    waited.start();
    for (const QString& pragma : pragmas) {
        for (int attempt = 0;; ++attempt) {
            auto q = exec(db, pragma, {}, QStringLiteral("configure the connection"), path);
            if (q)
                break;
            if (q.error().code != QLatin1String("store.busy") || waited.elapsed() > kBusyTimeoutMs)
                return q.error();
            QThread::msleep(std::min(2 + 3 * attempt, 50));
        }
    }
    return {};
}

} // namespace

ActivityStore::Impl::~Impl() = default;

ActivityStore::ActivityStore(std::unique_ptr<Impl> impl)
    : d(std::move(impl))
{
}
ActivityStore::~ActivityStore() = default;

QString ActivityStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/tricoach.sqlite");
}

Result<std::unique_ptr<ActivityStore>> ActivityStore::open(const QString& path)
{
    if (path.isEmpty())
        return openFailed(path, QStringLiteral("no file name was given"));
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder))
        return openFailed(path, QStringLiteral("the folder %1 cannot be created").arg(folder));
    if (!QFileInfo::exists(path) && !QFileInfo(folder).isWritable())
        return openFailed(path, QStringLiteral("the folder %1 is not writable, so a new database cannot be created "
                                               "there. Choose a folder you can write to.")
                                    .arg(folder));

    auto impl = std::make_unique<Impl>();
    impl->path = path;
    if (auto r = checkExistingFile(path); !r)
        return r.error();

    auto db = Database::open(path, Database::Mode::ReadWrite);
    if (!db)
        return openFailed(path, db.error().message);
    impl->db = std::move(*db);
    if (auto r = configure(impl->db, path); !r)
        return r.error();
    auto version = userVersion(impl->db, path);
    if (!version)
        return version.error();
    if (*version > kSchemaVersion)
        return newerSchemaError(path, *version);
    if (*version < kSchemaVersion) {
        if (auto r = runMigrations(impl->db, kSchemaVersion, path); !r)
            return r.error();
    }
    impl->schemaVersion = kSchemaVersion;
    if (auto r = impl->recomputeStale(); !r)
        return r.error();
    return std::unique_ptr<ActivityStore>(new ActivityStore(std::move(impl)));
}

QString ActivityStore::path() const
{
    return d->path;
}
int ActivityStore::schemaVersion() const
{
    return d->schemaVersion;
}

// ---- helpers shared with the other files ----

Error ActivityStore::Impl::notFoundAthlete(AthleteId id) const
{
    return makeError(QStringLiteral("There is no athlete with id %1 in %2.").arg(id).arg(path),
                     QStringLiteral("store.not-found"));
}

Error ActivityStore::Impl::notFoundActivity(ActivityId id) const
{
    return makeError(QStringLiteral("There is no activity with id %1 in %2.").arg(id).arg(path),
                     QStringLiteral("store.not-found"));
}

Result<void> ActivityStore::Impl::requireAthlete(AthleteId id) const
{
    auto exists = athleteExists(id);
    if (!exists)
        return exists.error();
    if (!*exists)
        return notFoundAthlete(id);
    return {};
}

Result<bool> ActivityStore::Impl::athleteExists(AthleteId id) const
{
    auto q = exec(db, QStringLiteral("SELECT 1 FROM athletes WHERE id = ?"), {static_cast<qlonglong>(id)},
                  QStringLiteral("look up the athlete"), path);
    if (!q)
        return q.error();
    return q->next();
}

Result<MetricSettings> ActivityStore::Impl::loadSettings(AthleteId athlete) const
{
    auto q = exec(db, QStringLiteral("SELECT json FROM athlete_settings WHERE athlete_id = ?"),
                  {static_cast<qlonglong>(athlete)}, QStringLiteral("read the metric settings"), path);
    if (!q)
        return q.error();
    if (!q->next())
        return MetricSettings{};
    return MetricSettings::fromJson(QJsonDocument::fromJson(q->value(0).toByteArray()).object());
}

Result<AthleteContext> ActivityStore::Impl::context(AthleteId athlete) const
{
    auto history = loadHistory(athlete);
    if (!history)
        return history.error();
    auto settings = loadSettings(athlete);
    if (!settings)
        return settings.error();
    return AthleteContext{std::move(*history), std::move(*settings)};
}

Result<QString> ActivityStore::Impl::checkedName(const QString& name, AthleteId except) const
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return makeError(QStringLiteral("An athlete needs a name; the name given was empty."),
                         QStringLiteral("store.invalid-name"));
    // The name column compares case-insensitively, so "anna" and "Anna" cannot both exist.
    auto q = exec(db, QStringLiteral("SELECT id FROM athletes WHERE name = ? AND id <> ?"),
                  {trimmed, static_cast<qlonglong>(except)}, QStringLiteral("check the athlete's name"), path);
    if (!q)
        return q.error();
    if (q->next())
        return makeError(QStringLiteral("There is already an athlete called \"%1\"; choose another name.").arg(trimmed),
                         QStringLiteral("store.duplicate-name"));
    return trimmed;
}

// ---- athletes ----

Result<Athlete> ActivityStore::createAthlete(const QString& name)
{
    Transaction tx(d->db, d->path);
    if (auto r = tx.begin(); !r)
        return r.error();
    auto checked = d->checkedName(name, 0);
    if (!checked)
        return checked.error();
    auto q = exec(d->db, QStringLiteral("INSERT INTO athletes (name) VALUES (?)"), {*checked},
                  QStringLiteral("create the athlete \"%1\"").arg(*checked), d->path);
    if (!q)
        return q.error();
    const Athlete created{q->lastInsertId(), *checked};
    if (auto r = tx.commit(); !r)
        return r.error();
    return created;
}

std::vector<Athlete> ActivityStore::athletes() const
{
    std::vector<Athlete> out;
    auto q = exec(d->db, QStringLiteral("SELECT id, name FROM athletes ORDER BY id"), {},
                  QStringLiteral("list the athletes"), d->path);
    if (!q)
        return out;
    while (q->next())
        out.push_back(Athlete{q->value(0).toLongLong(), q->value(1).toString()});
    return out;
}

std::optional<Athlete> ActivityStore::athlete(AthleteId id) const
{
    auto q = exec(d->db, QStringLiteral("SELECT id, name FROM athletes WHERE id = ?"), {static_cast<qlonglong>(id)},
                  QStringLiteral("look up the athlete"), d->path);
    if (!q || !q->next())
        return std::nullopt;
    return Athlete{q->value(0).toLongLong(), q->value(1).toString()};
}

std::optional<Athlete> ActivityStore::athleteByName(const QString& name) const
{
    auto q = exec(d->db, QStringLiteral("SELECT id, name FROM athletes WHERE name = ?"), {name.trimmed()},
                  QStringLiteral("look up the athlete"), d->path);
    if (!q || !q->next())
        return std::nullopt;
    return Athlete{q->value(0).toLongLong(), q->value(1).toString()};
}

Result<Athlete> ActivityStore::defaultAthlete()
{
    const auto first = [this]() -> Result<std::optional<Athlete>> {
        auto q = exec(d->db, QStringLiteral("SELECT id, name FROM athletes ORDER BY id LIMIT 1"), {},
                      QStringLiteral("look up the athlete"), d->path);
        if (!q)
            return q.error();
        if (!q->next())
            return std::optional<Athlete>();
        return std::optional<Athlete>(Athlete{q->value(0).toLongLong(), q->value(1).toString()});
    };
    auto found = first();
    if (!found)
        return found.error();
    if (*found)
        return **found;
    // None yet (first run): look again and create under the write lock, so that two programs starting together on
    // a new database agree on one athlete instead of one failing on the other's name.
    Transaction tx(d->db, d->path);
    if (auto r = tx.begin(); !r)
        return r.error();
    found = first();
    if (!found)
        return found.error();
    if (*found)
        return **found;
    const QString name = QStringLiteral("Athlete");
    auto q = exec(d->db, QStringLiteral("INSERT INTO athletes (name) VALUES (?)"), {name},
                  QStringLiteral("create the athlete \"%1\"").arg(name), d->path);
    if (!q)
        return q.error();
    const Athlete created{q->lastInsertId(), name};
    if (auto r = tx.commit(); !r)
        return r.error();
    return created;
}

Result<void> ActivityStore::renameAthlete(AthleteId id, const QString& name)
{
    Transaction tx(d->db, d->path);
    if (auto r = tx.begin(); !r)
        return r;
    if (auto known = d->requireAthlete(id); !known)
        return known;
    auto checked = d->checkedName(name, id);
    if (!checked)
        return checked.error();
    if (auto q = exec(d->db, QStringLiteral("UPDATE athletes SET name = ? WHERE id = ?"),
                      {*checked, static_cast<qlonglong>(id)}, QStringLiteral("rename the athlete"), d->path);
        !q)
        return q.error();
    return tx.commit();
}

Result<void> ActivityStore::removeAthlete(AthleteId id)
{
    Transaction tx(d->db, d->path);
    if (auto r = tx.begin(); !r)
        return r;
    // Foreign keys cascade to thresholds, settings, activities (and their streams, laps, lengths) and aggregates.
    auto q = exec(d->db, QStringLiteral("DELETE FROM athletes WHERE id = ?"), {static_cast<qlonglong>(id)},
                  QStringLiteral("remove the athlete"), d->path);
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return d->notFoundAthlete(id);
    d->charts.clear();
    return tx.commit();
}

// ---- settings ----

MetricSettings ActivityStore::metricSettings(AthleteId athlete) const
{
    auto settings = d->loadSettings(athlete);
    return settings ? *settings : MetricSettings{};
}

std::optional<QJsonObject> ActivityStore::document(AthleteId athlete, const QString& key) const
{
    auto q = exec(d->db, QStringLiteral("SELECT json FROM athlete_documents WHERE athlete_id = ? AND key = ?"),
                  {static_cast<qlonglong>(athlete), key}, QStringLiteral("read the %1 settings").arg(key), d->path);
    if (!q || !q->next())
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(q->value(0).toString().toUtf8());
    if (!doc.isObject())
        return std::nullopt;
    return doc.object();
}

Result<void> ActivityStore::setDocument(AthleteId athlete, const QString& key, const QJsonObject& json)
{
    Transaction tx(d->db, d->path);
    if (auto r = tx.begin(); !r)
        return r;
    if (auto known = d->requireAthlete(athlete); !known)
        return known;
    const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Compact);
    if (auto q = exec(
            d->db, QStringLiteral("INSERT OR REPLACE INTO athlete_documents (athlete_id, key, json) VALUES (?, ?, ?)"),
            {static_cast<qlonglong>(athlete), key, QString::fromUtf8(text)},
            QStringLiteral("store the %1 settings").arg(key), d->path);
        !q)
        return q.error();
    return tx.commit();
}

Result<void> ActivityStore::setMetricSettings(AthleteId athlete, const MetricSettings& settings)
{
    Transaction tx(d->db, d->path);
    if (auto r = tx.begin(); !r)
        return r;
    if (auto known = d->requireAthlete(athlete); !known)
        return known;
    const QByteArray json = QJsonDocument(settings.toJson()).toJson(QJsonDocument::Compact);
    if (auto q = exec(d->db, QStringLiteral("INSERT OR REPLACE INTO athlete_settings (athlete_id, json) VALUES (?, ?)"),
                      {static_cast<qlonglong>(athlete), QString::fromUtf8(json)},
                      QStringLiteral("store the metric settings"), d->path);
        !q)
        return q.error();
    // Any setting may change every load (precedence, estimates) and the whole chart (time constants).
    ChangedDays changes;
    if (auto r = d->recomputeLoads(athlete, std::nullopt, false, changes); !r)
        return r.error();
    changes.rebuild.insert(athlete);
    if (auto r = d->applyChanges(changes); !r)
        return r;
    return tx.commit();
}

} // namespace tricoach
