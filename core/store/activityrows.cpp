#include "core/store/activityrows.h"

#include "core/store/sqlutil.h"
#include "core/store/streamcodec.h"
#include "core/util/datetime.h"

#include <algorithm>
#include <cmath>

namespace tricoach::store {

namespace {

// Summary columns; readSummary() reads them by position, which is what keeps listing fast.
constexpr const char* kSummaryColumns =
    "id, athlete_id, sport, sub_sport, title, notes, start_utc, utc_offset, moving_sec, elapsed_sec, "
    "distance_m, elevation_gain_m, avg_hr, max_hr, avg_power, max_power, avg_cadence, max_cadence, avg_speed, "
    "max_speed, calories, rpe, pool_length_m, source, external_id, content_hash, user_load, multisport_key, "
    "multisport_leg, load, load_source, intensity, load_note";

// The editable columns, bound by bindEditable() in this order for both INSERT and UPDATE.
constexpr const char* kEditableColumns[] = {
    "sport",          "sub_sport",  "title",       "notes",         "start_utc",        "utc_offset",
    "local_date",     "moving_sec", "elapsed_sec", "distance_m",    "elevation_gain_m", "avg_hr",
    "max_hr",         "avg_power",  "max_power",   "avg_cadence",   "max_cadence",      "avg_speed",
    "max_speed",      "calories",   "rpe",         "pool_length_m", "user_load",        "multisport_key",
    "multisport_leg", "load",       "load_source", "intensity",     "load_note",        "metrics_version"};

// Text columns are NOT NULL, and a null QString binds as NULL.
QString text(const QString& s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

// Typed binds: this runs for every activity of an import.
void bindEditable(Statement& q, int& i, const Activity& a, const LoadResult& load)
{
    const auto bindText = [&q, &i](const QString& s) { q.bindText(i++, text(s)); };
    q.bindText(i++, sportId(a.sport));
    bindText(a.subSport);
    bindText(a.title);
    bindText(a.notes);
    q.bindInt64(i++, a.startUtc.toMSecsSinceEpoch());
    q.bindInt64(i++, a.utcOffsetSec);
    q.bindInt64(i++, a.localDate().toJulianDay());
    q.bindDouble(i++, a.movingSec);
    q.bindDouble(i++, a.elapsedSec);
    for (const auto* v : {&a.distanceM, &a.elevationGainM, &a.avgHr, &a.maxHr, &a.avgPower, &a.maxPower, &a.avgCadence,
                          &a.maxCadence, &a.avgSpeed, &a.maxSpeed, &a.calories})
        q.bindOptional(i++, *v);
    q.bindOptional(i++, a.rpe);
    q.bindOptional(i++, a.poolLengthM);
    q.bindOptional(i++, a.userLoad);
    bindText(a.multisportKey);
    q.bindInt64(i++, a.multisportLeg);
    q.bindDouble(i++, load.load);
    q.bindText(i++, loadSourceId(load.source));
    q.bindOptional(i++, load.intensity);
    bindText(load.note);
    q.bindInt64(i++, kMetricsVersion);
}

QString insertSql()
{
    QStringList columns{QStringLiteral("athlete_id"), QStringLiteral("source"), QStringLiteral("external_id"),
                        QStringLiteral("content_hash")};
    for (const char* c : kEditableColumns)
        columns << QLatin1String(c);
    QStringList marks;
    for (qsizetype i = 0; i < columns.size(); ++i)
        marks << QStringLiteral("?");
    return QStringLiteral("INSERT INTO activities (%1) VALUES (%2)")
        .arg(columns.join(QStringLiteral(", ")), marks.join(QStringLiteral(", ")));
}

QString updateSql()
{
    QStringList sets;
    for (const char* c : kEditableColumns)
        sets << QLatin1String(c) + QStringLiteral(" = ?");
    return QStringLiteral("UPDATE activities SET %1 WHERE id = ?").arg(sets.join(QStringLiteral(", ")));
}

} // namespace

RecordingExtent recordingExtent(const Activity& summary, const Streams& streams)
{
    RecordingExtent e;
    e.samples = streams.size();
    e.poolLengths = summary.lengths.size();
    e.sportNamed = summary.sport != Sport::Other;
    e.spanSec = streams.empty() ? summary.elapsedSec : streams.time.back() - streams.time.front();
    if (!std::isfinite(e.spanSec))
        e.spanSec = 0;
    for (const auto& [channel, series] : streams.channels)
        e.values += static_cast<std::size_t>(
            std::count_if(series.begin(), series.end(), [](double v) { return !isMissing(v); }));
    return e;
}

bool isMoreComplete(const RecordingExtent& candidate, const RecordingExtent& stored)
{
    if (std::abs(candidate.spanSec - stored.spanSec) > kLongerSpanSec)
        return candidate.spanSec > stored.spanSec;
    if ((candidate.poolLengths > 0) != (stored.poolLengths > 0))
        return candidate.poolLengths > 0;
    if (candidate.sportNamed != stored.sportNamed)
        return candidate.sportNamed;
    if (candidate.values != stored.values)
        return candidate.values > stored.values;
    return candidate.samples > stored.samples;
}

QString summaryColumns()
{
    return QLatin1String(kSummaryColumns);
}

Activity readSummary(const Statement& q)
{
    Activity a;
    int i = 0;
    const auto next = [&q, &i]() { return q.value(i++); };
    a.id = next().toLongLong();
    a.athleteId = next().toLongLong();
    a.sport = sportFromString(next().toString()).value_or(Sport::Other);
    a.subSport = next().toString();
    a.title = next().toString();
    a.notes = next().toString();
    a.startUtc = utcFromMSecs(next().toLongLong());
    a.utcOffsetSec = next().toInt();
    a.movingSec = next().toDouble();
    a.elapsedSec = next().toDouble();
    for (auto* v : {&a.distanceM, &a.elevationGainM, &a.avgHr, &a.maxHr, &a.avgPower, &a.maxPower, &a.avgCadence,
                    &a.maxCadence, &a.avgSpeed, &a.maxSpeed, &a.calories})
        *v = optionalDouble(next());
    a.rpe = optionalInt(next());
    a.poolLengthM = optionalDouble(next());
    a.source = sourceFromString(next().toString()).value_or(ActivitySource::Manual);
    const QVariant externalId = next();
    if (!externalId.isNull())
        a.externalId = externalId.toLongLong();
    a.contentHash = next().toString();
    a.userLoad = optionalDouble(next());
    a.multisportKey = next().toString();
    a.multisportLeg = next().toInt();
    a.load = next().toDouble();
    a.loadSource = loadSourceFromString(next().toString()).value_or(LoadSource::None);
    a.intensity = optionalDouble(next());
    a.loadNote = next().toString();
    return a;
}

Result<ActivityWriter> ActivityWriter::create(const Database& db, const QString& path)
{
    ActivityWriter w(path);
    const std::pair<Statement*, QString> statements[] = {
        {&w.m_findExternal, QStringLiteral("SELECT id FROM activities WHERE athlete_id = ? AND source = ? AND "
                                           "external_id = ?")},
        {&w.m_findHash, QStringLiteral("SELECT id FROM activities WHERE athlete_id = ? AND content_hash = ?")},
        {&w.m_findSameSession,
         QStringLiteral("SELECT id FROM activities WHERE athlete_id = ? AND start_utc BETWEEN ? AND ? AND source <> "
                        "'manual' AND (sport = ? OR (? = '' AND multisport_key = '' AND (sport = 'Other' OR ? = "
                        "'Other'))) ORDER BY start_utc LIMIT 1")},
        {&w.m_insert, insertSql()},
        {&w.m_update, updateSql()},
        {&w.m_setLoad, QStringLiteral("UPDATE activities SET load = ?, load_source = ?, intensity = ?, load_note = ?, "
                                      "metrics_version = ? WHERE id = ?")},
        {&w.m_stream, QStringLiteral("INSERT INTO activity_streams (activity_id, encoded) VALUES (?, ?)")},
        {&w.m_lap, QStringLiteral("INSERT INTO laps (activity_id, idx, start_offset, elapsed, moving, distance_m, "
                                  "avg_hr, max_hr, avg_power, max_power, avg_cadence, avg_speed) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")},
        {&w.m_length, QStringLiteral("INSERT INTO pool_lengths (activity_id, idx, start_offset, duration, active, "
                                     "strokes, stroke_type) VALUES (?, ?, ?, ?, ?, ?, ?)")},
        {&w.m_replaceIdentity,
         QStringLiteral("UPDATE activities SET source = ?, external_id = ?, content_hash = ? WHERE id = ?")},
        {&w.m_dropStreams, QStringLiteral("DELETE FROM activity_streams WHERE activity_id = ?")},
        {&w.m_dropLaps, QStringLiteral("DELETE FROM laps WHERE activity_id = ?")},
        {&w.m_dropLengths, QStringLiteral("DELETE FROM pool_lengths WHERE activity_id = ?")},
    };
    for (const auto& [query, sql] : statements) {
        auto q = prepare(db, sql, path);
        if (!q)
            return q.error();
        *query = std::move(*q);
    }
    return w;
}

Result<std::optional<StoredCopy>> ActivityWriter::findDuplicate(const Activity& a)
{
    const auto failed = [this](const Statement& q) {
        return sqlError(q, QStringLiteral("look for an already stored copy of the activity"), m_path);
    };
    if (a.externalId) {
        m_findExternal.bindInt64(0, a.athleteId);
        m_findExternal.bindText(1, sourceId(a.source));
        m_findExternal.bindInt64(2, *a.externalId);
        if (!m_findExternal.exec())
            return failed(m_findExternal);
        if (m_findExternal.next())
            return std::optional<StoredCopy>(StoredCopy{m_findExternal.int64(0), false});
    }
    if (!a.contentHash.isEmpty()) {
        m_findHash.bindInt64(0, a.athleteId);
        m_findHash.bindText(1, a.contentHash);
        if (!m_findHash.exec())
            return failed(m_findHash);
        if (m_findHash.next())
            return std::optional<StoredCopy>(StoredCopy{m_findHash.int64(0), false});
    }
    // Manual entries carry no real start time (a date at noon), so they never match a recording.
    if (a.source != ActivitySource::Manual && a.startUtc.isValid()) {
        const qint64 start = a.startUtc.toMSecsSinceEpoch();
        const qint64 window = kSameSessionWindowSec * 1000;
        m_findSameSession.bindInt64(0, a.athleteId);
        m_findSameSession.bindInt64(1, start - window);
        m_findSameSession.bindInt64(2, start + window);
        // "Other" is a file that does not name its sport (a TCX swim says Other), so it matches any sport; not
        // between multisport legs, where a short leg's successor starts within the window.
        m_findSameSession.bindText(3, sportId(a.sport));
        m_findSameSession.bindText(4, text(a.multisportKey));
        m_findSameSession.bindText(5, sportId(a.sport));
        if (!m_findSameSession.exec())
            return failed(m_findSameSession);
        if (m_findSameSession.next())
            return std::optional<StoredCopy>(StoredCopy{m_findSameSession.int64(0), true});
    }
    return std::optional<StoredCopy>();
}

Result<ActivityId> ActivityWriter::insert(const Activity& a, const LoadResult& load, QByteArrayView streams)
{
    // Formatted only on failure: an import stores thousands of activities a second.
    const auto failed = [&](const Statement& q) {
        return sqlError(q, QStringLiteral("store the activity \"%1\"").arg(a.title), m_path);
    };
    int i = 0;
    m_insert.bindInt64(i++, a.athleteId);
    m_insert.bindText(i++, sourceId(a.source));
    if (a.externalId)
        m_insert.bindInt64(i++, *a.externalId);
    else
        m_insert.bindNull(i++);
    if (a.contentHash.isEmpty())
        m_insert.bindNull(i++);
    else
        m_insert.bindText(i++, a.contentHash);
    bindEditable(m_insert, i, a, load);
    if (!m_insert.exec())
        return failed(m_insert);
    const ActivityId id = m_insert.lastInsertId();
    if (auto r = insertDetails(id, a, streams); !r)
        return r.error();
    return id;
}

Result<void> ActivityWriter::replace(ActivityId id, const Activity& a, const LoadResult& load, QByteArrayView streams)
{
    const auto failed = [&](const Statement& q) {
        return sqlError(q, QStringLiteral("replace activity %1 by a more complete copy").arg(id), m_path);
    };
    int i = 0;
    bindEditable(m_update, i, a, load);
    m_update.bindInt64(i, id);
    if (!m_update.exec())
        return failed(m_update);
    m_replaceIdentity.bindText(0, sourceId(a.source));
    if (a.externalId)
        m_replaceIdentity.bindInt64(1, *a.externalId);
    else
        m_replaceIdentity.bindNull(1);
    if (a.contentHash.isEmpty())
        m_replaceIdentity.bindNull(2);
    else
        m_replaceIdentity.bindText(2, a.contentHash);
    m_replaceIdentity.bindInt64(3, id);
    if (!m_replaceIdentity.exec())
        return failed(m_replaceIdentity);
    for (Statement* drop : {&m_dropStreams, &m_dropLaps, &m_dropLengths}) {
        drop->bindInt64(0, id);
        if (!drop->exec())
            return failed(*drop);
    }
    return insertDetails(id, a, streams);
}

Result<void> ActivityWriter::insertDetails(ActivityId id, const Activity& a, QByteArrayView streams)
{
    const auto failed = [&](const Statement& q) {
        return sqlError(q, QStringLiteral("store the activity \"%1\"").arg(a.title), m_path);
    };
    if (!streams.isEmpty()) {
        m_stream.bindInt64(0, id);
        m_stream.bindBorrowedBlob(1, streams);
        if (!m_stream.exec())
            return failed(m_stream);
    }
    for (std::size_t n = 0; n < a.laps.size(); ++n) {
        const Lap& l = a.laps[n];
        m_lap.bindInt64(0, id);
        m_lap.bindInt64(1, static_cast<qint64>(n));
        m_lap.bindDouble(2, l.startOffsetSec);
        m_lap.bindDouble(3, l.elapsedSec);
        m_lap.bindDouble(4, l.movingSec);
        int k = 5;
        for (const auto* v : {&l.distanceM, &l.avgHr, &l.maxHr, &l.avgPower, &l.maxPower, &l.avgCadence, &l.avgSpeed})
            m_lap.bindOptional(k++, *v);
        if (!m_lap.exec())
            return failed(m_lap);
    }
    for (std::size_t n = 0; n < a.lengths.size(); ++n) {
        const PoolLength& l = a.lengths[n];
        int k = 0;
        for (const QVariant& v :
             {key(id), QVariant(static_cast<qlonglong>(n)), QVariant(l.startOffsetSec), QVariant(l.durationSec),
              QVariant(l.active ? 1 : 0), optionalValue(l.strokes), QVariant(text(l.strokeType))})
            m_length.bindValue(k++, v);
        if (!m_length.exec())
            return failed(m_length);
    }
    return {};
}

Result<void> ActivityWriter::update(const Activity& a, const LoadResult& load)
{
    int i = 0;
    bindEditable(m_update, i, a, load);
    m_update.bindValue(i, key(a.id));
    if (!m_update.exec())
        return sqlError(m_update, QStringLiteral("update the activity \"%1\"").arg(a.title), m_path);
    return {};
}

Result<void> ActivityWriter::setLoad(ActivityId id, const LoadResult& load)
{
    return run(m_setLoad,
               {load.load, loadSourceId(load.source), optionalValue(load.intensity), text(load.note), kMetricsVersion,
                key(id)},
               QStringLiteral("store a recomputed load"), m_path);
}

Result<DetailReader> DetailReader::create(const Database& db, const QString& path)
{
    DetailReader r(path);
    const std::pair<Statement*, QString> statements[] = {
        {&r.m_streams, QStringLiteral("SELECT encoded FROM activity_streams WHERE activity_id = ?")},
        {&r.m_laps, QStringLiteral("SELECT start_offset, elapsed, moving, distance_m, avg_hr, max_hr, avg_power, "
                                   "max_power, avg_cadence, avg_speed FROM laps WHERE activity_id = ? ORDER BY idx")},
        {&r.m_lengths, QStringLiteral("SELECT start_offset, duration, active, strokes, stroke_type "
                                      "FROM pool_lengths WHERE activity_id = ? ORDER BY idx")},
    };
    for (const auto& [query, sql] : statements) {
        auto q = prepare(db, sql, path);
        if (!q)
            return q.error();
        *query = std::move(*q);
    }
    return r;
}

Result<void> DetailReader::read(Activity& a)
{
    // Formatted only on failure: recomputing loads reads the details of every activity.
    const auto run = [this, &a](Statement& q) -> Result<void> {
        q.bindInt64(0, a.id);
        if (!q.exec())
            return sqlError(q, QStringLiteral("read the details of activity %1").arg(a.id), m_path);
        return {};
    };
    a.streams = {};
    a.laps.clear();
    a.lengths.clear();
    if (auto r = run(m_streams); !r)
        return r;
    if (m_streams.next()) {
        auto streams = decodeStreamsBlob(m_streams.blob(0));
        if (!streams)
            return makeError(QStringLiteral("The recorded data of activity %1 (\"%2\") in %3 is damaged; "
                                            "re-import the activity file to repair it.")
                                 .arg(a.id)
                                 .arg(a.title, m_path),
                             QStringLiteral("store.corrupt"));
        a.streams = std::move(*streams);
    }
    m_streams.reset();
    if (auto r = run(m_laps); !r)
        return r;
    while (m_laps.next()) {
        Lap l;
        l.startOffsetSec = m_laps.value(0).toDouble();
        l.elapsedSec = m_laps.value(1).toDouble();
        l.movingSec = m_laps.value(2).toDouble();
        int i = 3;
        for (auto* v : {&l.distanceM, &l.avgHr, &l.maxHr, &l.avgPower, &l.maxPower, &l.avgCadence, &l.avgSpeed})
            *v = optionalDouble(m_laps.value(i++));
        a.laps.push_back(l);
    }
    if (auto r = run(m_lengths); !r)
        return r;
    while (m_lengths.next()) {
        PoolLength l;
        l.startOffsetSec = m_lengths.value(0).toDouble();
        l.durationSec = m_lengths.value(1).toDouble();
        l.active = m_lengths.value(2).toInt() != 0;
        l.strokes = optionalInt(m_lengths.value(3));
        l.strokeType = m_lengths.value(4).toString();
        a.lengths.push_back(l);
    }
    return {};
}

} // namespace tricoach::store
