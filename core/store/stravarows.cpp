// Strava's links to stored activities: merging pages of Strava's list, the fetched recordings, deletions.
#include "core/model/plausible.h"
#include "core/store/activityrows.h"
#include "core/store/storeimpl.h"
#include "core/store/streamcodec.h"
#include "core/util/datetime.h"

#include <climits>

namespace tricoach {

using namespace store;

namespace {

const QString kMerge = QStringLiteral("store activities synced from Strava");

// The fields Strava owns of an activity only Strava recorded: a later sync applies edits made on Strava. Notes, RPE
// and a typed-in load are the athlete's own in TriCoach and stay.
void copyStravaOwned(const Activity& from, Activity& to)
{
    to.sport = from.sport;
    to.subSport = from.subSport;
    to.title = from.title;
    to.startUtc = from.startUtc;
    to.utcOffsetSec = from.utcOffsetSec;
    to.movingSec = from.movingSec;
    to.elapsedSec = from.elapsedSec;
    to.distanceM = from.distanceM;
    to.elevationGainM = from.elevationGainM;
    to.avgHr = from.avgHr;
    to.maxHr = from.maxHr;
    to.avgPower = from.avgPower;
    to.maxPower = from.maxPower;
    to.avgCadence = from.avgCadence;
    to.avgSpeed = from.avgSpeed;
    to.maxSpeed = from.maxSpeed;
    to.calories = from.calories;
}

bool sameStravaOwned(const Activity& a, const Activity& b)
{
    Activity copy = b;
    copyStravaOwned(a, copy);
    // Compared field by field through a copy: what copyStravaOwned would change is what differs.
    return copy.sport == b.sport && copy.subSport == b.subSport && copy.title == b.title &&
           copy.startUtc == b.startUtc && copy.utcOffsetSec == b.utcOffsetSec && copy.movingSec == b.movingSec &&
           copy.elapsedSec == b.elapsedSec && copy.distanceM == b.distanceM &&
           copy.elevationGainM == b.elevationGainM && copy.avgHr == b.avgHr && copy.maxHr == b.maxHr &&
           copy.avgPower == b.avgPower && copy.maxPower == b.maxPower && copy.avgCadence == b.avgCadence &&
           copy.avgSpeed == b.avgSpeed && copy.maxSpeed == b.maxSpeed && copy.calories == b.calories;
}

Result<std::optional<std::pair<ActivityId, StravaStreams>>> findLink(const Database& db, const QString& path,
                                                                     AthleteId athlete, std::int64_t stravaId)
{
    auto q =
        exec(db, QStringLiteral("SELECT activity_id, streams FROM strava_links WHERE athlete_id = ? AND strava_id = ?"),
             {key(athlete), key(stravaId)}, QStringLiteral("look up Strava activity %1").arg(stravaId), path);
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<std::pair<ActivityId, StravaStreams>>();
    return std::optional<std::pair<ActivityId, StravaStreams>>(
        std::pair(q->int64(0), stravaStreamsFromString(q->text(1))));
}

// Inserts or updates the link; `streams` empty keeps a stored link's state.
Result<void> writeLink(const Database& db, const QString& path, AthleteId athlete, ActivityId activity,
                       const StravaLink& link, std::optional<StravaStreams> streams)
{
    const QVariant deviceWatts = link.deviceWatts ? QVariant(*link.deviceWatts ? 1 : 0) : QVariant();
    const QVariant uploadId = link.uploadId ? key(*link.uploadId) : QVariant();
    auto q = exec(
        db,
        QStringLiteral("INSERT INTO strava_links (athlete_id, strava_id, activity_id, sport_type, private, manual, "
                       "weighted_avg_watts, device_watts, suffer_score, upload_id, streams) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (athlete_id, strava_id) DO UPDATE SET sport_type = excluded.sport_type, "
                       "private = excluded.private, manual = excluded.manual, weighted_avg_watts = "
                       "excluded.weighted_avg_watts, device_watts = excluded.device_watts, suffer_score = "
                       "excluded.suffer_score, upload_id = excluded.upload_id%1")
            .arg(streams ? QStringLiteral(", streams = excluded.streams") : QString()),
        {key(athlete), key(link.stravaId), key(activity), link.sportType, link.isPrivate ? 1 : 0, link.manual ? 1 : 0,
         optionalValue(link.weightedAvgWatts), deviceWatts, optionalValue(link.sufferScore), uploadId,
         stravaStreamsId(streams.value_or(link.streams))},
        kMerge, path);
    if (!q)
        return q.error();
    return {};
}

Result<void> setLinkStreams(const Database& db, const QString& path, AthleteId athlete, std::int64_t stravaId,
                            StravaStreams state)
{
    auto q = exec(db, QStringLiteral("UPDATE strava_links SET streams = ? WHERE athlete_id = ? AND strava_id = ?"),
                  {stravaStreamsId(state), key(athlete), key(stravaId)},
                  QStringLiteral("record the recording of Strava activity %1").arg(stravaId), path);
    if (!q)
        return q.error();
    return {};
}

} // namespace

Result<void> ActivityStore::Impl::markStravaRecordingFromFile(ActivityId id)
{
    auto q = exec(db, QStringLiteral("UPDATE strava_links SET streams = 'file' WHERE activity_id = ?"), {key(id)},
                  QStringLiteral("link activity %1 to its file").arg(id), path);
    if (!q)
        return q.error();
    return {};
}

Result<StravaMerge> ActivityStore::mergeStrava(AthleteId athlete, const std::vector<StravaItem>& items)
{
    StravaMerge merge;
    if (items.empty())
        return merge;
    Transaction tx(d->db, d->path);
    if (auto r = tx.begin(); !r)
        return r.error();
    if (auto known = d->requireAthlete(athlete); !known)
        return known.error();
    std::optional<qint64> firstDay;
    for (const StravaItem& item : items) {
        if (item.activity.startUtc.isValid())
            firstDay = std::min(firstDay.value_or(LLONG_MAX), item.activity.localDate().toJulianDay());
    }
    if (firstDay) {
        if (auto r = d->extendFirstThresholds(athlete, *firstDay); !r)
            return r.error();
    }
    auto ctx = d->context(athlete);
    if (!ctx)
        return ctx.error();
    auto writer = ActivityWriter::create(d->db, d->path);
    if (!writer)
        return writer.error();
    auto reader = DetailReader::create(d->db, d->path);
    if (!reader)
        return reader.error();
    ChangedDays changes;

    for (const StravaItem& item : items) {
        Activity a = item.activity;
        a.athleteId = athlete;
        a.source = ActivitySource::Strava;
        a.externalId = item.link.stravaId;
        if (auto valid = checkActivitySummary(a); !valid) {
            merge.skipped << valid.error().message;
            continue;
        }
        auto linked = findLink(d->db, d->path, athlete, item.link.stravaId);
        if (!linked)
            return linked.error();
        if (*linked) {
            const ActivityId id = (*linked)->first;
            auto found = readStoredSummary(d->db, d->path, id);
            if (!found)
                return found.error();
            if (*found && (*found)->source == ActivitySource::Strava && !sameStravaOwned(a, **found)) {
                Activity updated = **found;
                const qint64 oldDay = updated.localDate().toJulianDay();
                copyStravaOwned(a, updated);
                auto load = computeStoredLoad(updated, *ctx, *reader);
                if (!load)
                    return load.error();
                if (auto r = writer->update(updated, *load); !r)
                    return r.error();
                changes.mark(athlete, oldDay);
                changes.mark(athlete, updated.localDate().toJulianDay());
                ++merge.updated;
            } else {
                ++merge.unchanged;
            }
            if (auto r = writeLink(d->db, d->path, athlete, id, item.link, std::nullopt); !r)
                return r.error();
            continue;
        }
        auto duplicate = writer->findDuplicate(a);
        if (!duplicate)
            return duplicate.error();
        if (*duplicate) {
            // The session is here already: from a file (whose recording wins), or from another upload to Strava.
            const ActivityId id = (*duplicate)->id;
            auto found = readStoredSummary(d->db, d->path, id);
            if (!found)
                return found.error();
            if (!*found)
                return d->notFoundActivity(id);
            const bool file = (*found)->source == ActivitySource::File;
            if (file && !(*found)->externalId) {
                if (auto q = exec(d->db, QStringLiteral("UPDATE activities SET external_id = ? WHERE id = ?"),
                                  {key(item.link.stravaId), key(id)}, kMerge, d->path);
                    !q)
                    return q.error();
            }
            // Through this link there is nothing to fetch: the file's recording, or the other upload's, serves.
            const StravaStreams state = file ? StravaStreams::File : StravaStreams::None;
            if (auto r = writeLink(d->db, d->path, athlete, id, item.link, state); !r)
                return r.error();
            ++merge.attached;
            continue;
        }
        const LoadResult load = computeLoad(a, ctx->history.at(a.localDate()), ctx->settings.load);
        auto id = writer->insert(a, load, {});
        if (!id)
            return id.error();
        if (auto r = writeLink(d->db, d->path, athlete, *id, item.link, item.link.streams); !r)
            return r.error();
        changes.mark(athlete, a.localDate().toJulianDay());
        ++merge.added;
    }
    if (auto r = d->applyChanges(changes); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return merge;
}

std::vector<StravaEntry> ActivityStore::stravaEntries(AthleteId athlete) const
{
    std::vector<StravaEntry> out;
    auto q = exec(d->db,
                  QStringLiteral("SELECT l.activity_id, a.source, a.start_utc, l.strava_id, l.sport_type, l.private, "
                                 "l.manual, l.weighted_avg_watts, l.device_watts, l.suffer_score, l.upload_id, "
                                 "l.streams FROM strava_links l JOIN activities a ON a.id = l.activity_id "
                                 "WHERE l.athlete_id = ? ORDER BY a.start_utc DESC, l.strava_id DESC"),
                  {key(athlete)}, QStringLiteral("read the Strava links"), d->path);
    if (!q)
        return out;
    while (q->next()) {
        StravaEntry e;
        e.activityId = q->int64(0);
        e.source = sourceFromString(q->text(1)).value_or(ActivitySource::Strava);
        e.startUtc = utcFromMSecs(q->int64(2));
        e.link.stravaId = q->int64(3);
        e.link.sportType = q->text(4);
        e.link.isPrivate = q->int64(5) != 0;
        e.link.manual = q->int64(6) != 0;
        e.link.weightedAvgWatts = optionalDouble(q->value(7));
        if (!q->isNull(8))
            e.link.deviceWatts = q->int64(8) != 0;
        e.link.sufferScore = optionalDouble(q->value(9));
        if (!q->isNull(10))
            e.link.uploadId = q->int64(10);
        e.link.streams = stravaStreamsFromString(q->text(11));
        out.push_back(std::move(e));
    }
    return out;
}

Result<int> ActivityStore::forgetStrava(AthleteId athlete, const std::vector<std::int64_t>& stravaIds)
{
    Transaction tx(d->db, d->path);
    if (auto r = tx.begin(); !r)
        return r.error();
    ChangedDays changes;
    int removed = 0;
    const QString what = QStringLiteral("remove activities deleted on Strava");
    for (const std::int64_t stravaId : stravaIds) {
        auto linked = findLink(d->db, d->path, athlete, stravaId);
        if (!linked)
            return linked.error();
        if (!*linked)
            continue;
        const ActivityId id = (*linked)->first;
        if (auto q = exec(d->db, QStringLiteral("DELETE FROM strava_links WHERE athlete_id = ? AND strava_id = ?"),
                          {key(athlete), key(stravaId)}, what, d->path);
            !q)
            return q.error();
        auto found = readStoredSummary(d->db, d->path, id);
        if (!found)
            return found.error();
        if (!*found)
            continue;
        auto other = exec(d->db, QStringLiteral("SELECT strava_id FROM strava_links WHERE activity_id = ? LIMIT 1"),
                          {key(id)}, what, d->path);
        if (!other)
            return other.error();
        const std::optional<qint64> remaining = other->next() ? std::optional<qint64>(other->int64(0)) : std::nullopt;
        other->reset();
        if (!remaining && (*found)->source == ActivitySource::Strava) {
            // Streams go with it (ON DELETE CASCADE).
            if (auto q = exec(d->db, QStringLiteral("DELETE FROM activities WHERE id = ?"), {key(id)}, what, d->path);
                !q)
                return q.error();
            changes.mark(athlete, (*found)->localDate().toJulianDay());
            ++removed;
        } else if ((*found)->externalId == stravaId) {
            if (auto q = exec(d->db, QStringLiteral("UPDATE activities SET external_id = ? WHERE id = ?"),
                              {remaining ? key(*remaining) : QVariant(), key(id)}, what, d->path);
                !q)
                return q.error();
        }
    }
    if (auto r = d->applyChanges(changes); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return removed;
}

Result<void> ActivityStore::storeStravaStreams(AthleteId athlete, std::int64_t stravaId, const Streams& streams)
{
    Transaction tx(d->db, d->path);
    if (auto r = tx.begin(); !r)
        return r;
    auto linked = findLink(d->db, d->path, athlete, stravaId);
    if (!linked)
        return linked.error();
    if (!*linked)
        return makeError(QStringLiteral("Strava activity %1 is not stored.").arg(stravaId),
                         QStringLiteral("store.not-found"));
    const ActivityId id = (*linked)->first;
    auto found = readStoredSummary(d->db, d->path, id);
    if (!found)
        return found.error();
    if (!*found)
        return d->notFoundActivity(id);
    Activity a = std::move(**found);
    if (a.source != ActivitySource::Strava) {
        if (auto r = setLinkStreams(d->db, d->path, athlete, stravaId, StravaStreams::File); !r)
            return r;
        return tx.commit();
    }
    if (streams.empty()) {
        if (auto r = setLinkStreams(d->db, d->path, athlete, stravaId, StravaStreams::None); !r)
            return r;
        return tx.commit();
    }
    auto ctx = d->context(athlete);
    if (!ctx)
        return ctx.error();
    auto writer = ActivityWriter::create(d->db, d->path);
    if (!writer)
        return writer.error();
    a.streams = streams;
    const LoadResult load = computeLoad(a, ctx->history.at(a.localDate()), ctx->settings.load);
    if (auto r = writer->replace(id, a, load, encodeStreamsBlob(a.streams)); !r)
        return r;
    if (auto r = setLinkStreams(d->db, d->path, athlete, stravaId, StravaStreams::Stored); !r)
        return r;
    ChangedDays changes;
    changes.mark(athlete, a.localDate().toJulianDay());
    if (auto r = d->applyChanges(changes); !r)
        return r;
    return tx.commit();
}

} // namespace tricoach
