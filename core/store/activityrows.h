#pragma once
// Mapping between Activity and the activities/streams/laps/pool_lengths tables; not part of the public API.

#include "core/metrics/stress.h"
#include "core/model/activity.h"
#include "core/store/sqlite.h"
#include "core/store/streamcodec.h"
#include "core/util/result.h"

#include <QString>

#include <optional>

namespace tricoach::store {

// The summary columns, in the order readSummary() expects; prefix with "SELECT " and add the rest.
QString summaryColumns();
// One activities row selected with summaryColumns() (no streams, laps or lengths).
Activity readSummary(const Statement& query);

// Devices and services round start times differently (whole seconds, lap-button press vs GPS fix): starts this
// close are one session.
inline constexpr qint64 kSameSessionWindowSec = 60;

// Prepared statements for writing activities, prepared once per transaction so a batch parses each
// statement once.
class ActivityWriter {
public:
    static Result<ActivityWriter> create(const Database& db, const QString& path);

    // The stored activity with the same (source, external id) or the same content hash, for this athlete; or,
    // for a recorded (not manual) activity, a recorded one of the same sport starting within
    // kSameSessionWindowSec: the same session exported twice (FIT and TCX, or a file and Strava). Outside
    // multisport events, Other (a file that does not name its sport) matches any sport.
    Result<std::optional<ActivityId>> findDuplicate(const Activity& activity);
    // Inserts the summary with its derived load, then its streams (`streams`: encodeStreamsBlob(activity.streams),
    // encoded by the caller so that it can happen on another thread), laps and lengths.
    Result<ActivityId> insert(const Activity& activity, const LoadResult& load, QByteArrayView streams);
    // Rewrites the editable summary fields and the load of `activity.id` (streams, laps and lengths stay).
    Result<void> update(const Activity& activity, const LoadResult& load);
    // Stores a recomputed load.
    Result<void> setLoad(ActivityId id, const LoadResult& load);

private:
    explicit ActivityWriter(QString path)
        : m_path(std::move(path))
    {
    }
    QString m_path;
    Statement m_findExternal, m_findHash, m_findSameSession, m_insert, m_update, m_setLoad, m_stream, m_lap, m_length;
};

// Prepared statements for reading streams, laps and lengths of one activity at a time.
class DetailReader {
public:
    static Result<DetailReader> create(const Database& db, const QString& path);
    // Fills activity.streams, laps and lengths; a damaged stream is an error naming the activity.
    Result<void> read(Activity& activity);

private:
    explicit DetailReader(QString path)
        : m_path(std::move(path))
    {
    }
    QString m_path;
    Statement m_streams, m_laps, m_lengths;
};

} // namespace tricoach::store
