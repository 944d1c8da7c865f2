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

// How much of a session a recording holds, to keep the more complete of two recordings of it.
struct RecordingExtent {
    double spanSec = 0;      // from the first sample to the last; the elapsed time when nothing was sampled
    std::size_t values = 0;  // recorded values over every channel, missing ones (NaN) not counted
    std::size_t samples = 0; // sample times
    std::size_t poolLengths = 0;
    bool sportNamed = true; // false for Other: a file that does not say what the session was
};
RecordingExtent recordingExtent(const Activity& summary, const Streams& streams);
// Spans that differ by this much or less are one session recorded alike; beyond it the longer covers more of it
// (a copy cut short by a crash or an interrupted transfer).
inline constexpr double kLongerSpanSec = 60;
// True when `candidate` holds more of the session than `stored`: it spans more than kLongerSpanSec longer, or,
// spanning about as long, it has the pool lengths the other lacks (a device's FIT against its TCX export), or
// names the sport the other does not, or it recorded more values (a copy cut short within the margin, a device's 1 s
// FIT against the smart-recorded TCX of the same session, heart rate and power against position alone), or as many
// values at more sample times. Equal recordings are not more complete: the stored one stays.
bool isMoreComplete(const RecordingExtent& candidate, const RecordingExtent& stored);

// A stored activity that an activity being added is a copy of, and how it was found.
struct StoredCopy {
    ActivityId id = 0;
    bool sameSessionOnly = false; // found by start and sport alone, not by external id or file content
};

// Prepared statements for writing activities, prepared once per transaction so a batch parses each
// statement once.
class ActivityWriter {
public:
    static Result<ActivityWriter> create(const Database& db, const QString& path);

    // The stored activity with the same (source, external id) or the same content hash, for this athlete; or,
    // for a recorded (not manual) activity, a recorded one of the same sport starting within
    // kSameSessionWindowSec: the same session exported twice (FIT and TCX, or a file and Strava). Outside
    // multisport events, Other (a file that does not name its sport) matches any sport.
    Result<std::optional<StoredCopy>> findDuplicate(const Activity& activity);
    // Inserts the summary with its derived load, then its streams (`streams`: encodeStreamsBlob(activity.streams),
    // encoded by the caller so that it can happen on another thread), laps and lengths.
    Result<ActivityId> insert(const Activity& activity, const LoadResult& load, QByteArrayView streams);
    // Stores `activity` in the place of activity `id`: every summary column, the source, external id and
    // content hash, the load, and its streams, laps and lengths instead of the stored ones.
    Result<void> replace(ActivityId id, const Activity& activity, const LoadResult& load, QByteArrayView streams);
    // Rewrites the editable summary fields and the load of `activity.id` (streams, laps and lengths stay).
    Result<void> update(const Activity& activity, const LoadResult& load);
    // Stores a recomputed load.
    Result<void> setLoad(ActivityId id, const LoadResult& load);

private:
    explicit ActivityWriter(QString path)
        : m_path(std::move(path))
    {
    }
    // Streams, laps and lengths of a stored summary.
    Result<void> insertDetails(ActivityId id, const Activity& activity, QByteArrayView streams);

    QString m_path;
    Statement m_findExternal, m_findHash, m_findSameSession, m_insert, m_update, m_setLoad, m_stream, m_lap, m_length;
    Statement m_replaceIdentity, m_dropStreams, m_dropLaps, m_dropLengths;
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
