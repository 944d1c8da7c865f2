// Adding, editing, removing and reading activities.
#include "core/model/activitytitle.h"
#include "core/model/plausible.h"
#include "core/store/activityrows.h"
#include "core/store/storeimpl.h"

#include <QDebug>

#include <algorithm>

namespace tricoach {

using namespace store;

namespace {

Error invalidActivity(const Activity& a, const QString& why)
{
    const QString name = a.title.isEmpty() ? QStringLiteral("without a title") : QStringLiteral("\"%1\"").arg(a.title);
    return makeError(QStringLiteral("The activity %1 cannot be stored: %2.").arg(name, why),
                     QStringLiteral("store.invalid-activity"));
}

// The fields a person may edit after import; identity (athlete, source, ids, hash) and recorded data stay.
void copyEditable(const Activity& from, Activity& to)
{
    to.sport = from.sport;
    to.subSport = from.subSport;
    to.title = from.title;
    to.notes = from.notes;
    to.startUtc = from.startUtc.toUTC();
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
    to.maxCadence = from.maxCadence;
    to.avgSpeed = from.avgSpeed;
    to.maxSpeed = from.maxSpeed;
    to.calories = from.calories;
    to.rpe = from.rpe;
    to.poolLengthM = from.poolLengthM;
    to.userLoad = from.userLoad;
    to.multisportKey = from.multisportKey;
    to.multisportLeg = from.multisportLeg;
}

// What a more complete recording of a session takes over from the stored one it replaces: what the athlete may
// have written or chosen, as the desktop and the command line let them edit it. A field counts as edited when no
// file could have set it or when it differs from what the new file says:
// - RPE and a typed-in load: no reader sets them, so a stored value is the athlete's;
// - title and notes (GPX names its track, TCX carries notes): the stored text when it is not empty and differs
//   from the new file's (a damaged copy and the original name the session alike), unless the stored title is
//   the default one generated from sport and start (core/model/activitytitle.h);
// - sport: same-session copies match only when their sports agree, so the stored sport is the file's or the one
//   the athlete chose and the file agrees with.
// Everything recorded (times, summary values, samples, laps, lengths, sub-sport, legs) comes from the new file.
void keepAthleteEdits(const Activity& stored, Activity& replacement)
{
    // The stored sport may be the athlete's choice; Other is a file that did not say, and the replacement's wins.
    if (stored.sport != Sport::Other && stored.sport != replacement.sport) {
        replacement.sport = stored.sport;
        replacement.subSport = stored.subSport;
    }
    if (stored.rpe)
        replacement.rpe = stored.rpe;
    if (stored.userLoad)
        replacement.userLoad = stored.userLoad;
    // A title generated from the sport and start (the file gave none) is no edit: the replacement's own wins.
    if (!stored.title.isEmpty() && stored.title != replacement.title &&
        !isDefaultTitle(stored.title, stored.startUtc, stored.utcOffsetSec))
        replacement.title = stored.title;
    if (!stored.notes.isEmpty() && stored.notes != replacement.notes)
        replacement.notes = stored.notes;
}

} // namespace

Result<std::optional<Activity>> store::readStoredSummary(const Database& db, const QString& path, ActivityId id)
{
    auto q = exec(db, QStringLiteral("SELECT %1 FROM activities WHERE id = ?").arg(summaryColumns()),
                  {static_cast<qlonglong>(id)}, QStringLiteral("read activity %1").arg(id), path);
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<Activity>();
    return std::optional<Activity>(readSummary(*q));
}

// The load computed on the decoding thread when its basis is still what the store holds (checked once per
// basis and transaction); otherwise computed here, from the encoded streams if the decoded ones were released.
Result<LoadResult> ActivityStore::Impl::preparedLoad(const PreparedActivity& prepared, AthleteContext& ctx) const
{
    const Activity& a = prepared.activity();
    const LoadBasis* basis = prepared.basis().get();
    if (basis && prepared.load()) {
        if (basis == ctx.verifiedBasis)
            return *prepared.load();
        if (basis->athlete == a.athleteId && basis->history == ctx.history && basis->settings == ctx.settings.load) {
            ctx.verifiedBasis = basis;
            return *prepared.load();
        }
    }
    const Thresholds thresholds = ctx.history.at(a.localDate());
    if (!basis || prepared.encodedStreams().isEmpty())
        return computeLoad(a, thresholds, ctx.settings.load);
    Activity withStreams = a;
    auto streams = decodeStreamsBlob(prepared.encodedStreams());
    if (!streams) // cannot happen for bytes encoded by this process; never store a load from half the data
        return invalidActivity(a, QStringLiteral("its recorded data could not be prepared"));
    withStreams.streams = std::move(*streams);
    return computeLoad(withStreams, thresholds, ctx.settings.load);
}

Result<std::optional<AddResult>> ActivityStore::Impl::replaceIfMoreComplete(const PreparedActivity& prepared,
                                                                            ActivityId storedId, AthleteContext& ctx,
                                                                            ActivityWriter& writer,
                                                                            ChangedDays& changes)
{
    auto found = readStoredSummary(db, path, storedId);
    if (!found)
        return found.error();
    // Only a file replaces a stored recording: a file over a file when more complete, and a file over Strava's copy
    // of the session always (the file is the device's own recording). The stored id stays, so Strava's link to it
    // (strava_links) still finds it and the sync leaves the file's recording alone.
    if (!*found || prepared.activity().source != ActivitySource::File)
        return std::optional<AddResult>();
    Activity& stored = **found;
    const bool overStrava = stored.source == ActivitySource::Strava;
    if (stored.source != ActivitySource::File && !overStrava)
        return std::optional<AddResult>();
    auto reader = DetailReader::create(db, path);
    if (!reader)
        return reader.error();
    // A stored recording too damaged to read counts as holding nothing.
    if (auto r = reader->read(stored); !r && r.error().code != QLatin1String("store.corrupt"))
        return r.error();

    Activity replacement = prepared.activity();
    if (!prepared.encodedStreams().isEmpty() && replacement.streams.empty()) {
        auto streams = decodeStreamsBlob(prepared.encodedStreams());
        if (!streams) // cannot happen for bytes encoded by this process
            return invalidActivity(replacement, QStringLiteral("its recorded data could not be prepared"));
        replacement.streams = std::move(*streams);
    }
    if (!overStrava &&
        !isMoreComplete(recordingExtent(replacement, replacement.streams), recordingExtent(stored, stored.streams)))
        return std::optional<AddResult>();

    keepAthleteEdits(stored, replacement);
    replacement.id = storedId;
    if (overStrava) {
        replacement.externalId = stored.externalId; // the Strava id, shown with the activity
        if (auto r = markStravaRecordingFromFile(storedId); !r)
            return r.error();
    }
    const LoadResult load = computeLoad(replacement, ctx.history.at(replacement.localDate()), ctx.settings.load);
    if (auto r = writer.replace(storedId, replacement, load, prepared.encodedStreams()); !r)
        return r.error();
    changes.mark(stored.athleteId, stored.localDate().toJulianDay());
    changes.mark(replacement.athleteId, replacement.localDate().toJulianDay());
    return std::optional<AddResult>(AddResult{storedId, false, true});
}

Result<AddResult> ActivityStore::Impl::add(const PreparedActivity& prepared, AthleteContext& ctx,
                                           ActivityWriter& writer, ChangedDays& changes)
{
    const Activity& a = prepared.activity();
    // The last line of defence: every door (CLI, window, files, network) checks its input, and what slips by must
    // not reach the tables and the aggregates computed from them.
    if (auto valid = checkActivitySummary(a); !valid)
        return valid.error();
    auto duplicate = writer.findDuplicate(a);
    if (!duplicate)
        return duplicate.error();
    if (*duplicate) {
        // Another recording of the session: the more complete of the two is kept.
        if ((*duplicate)->sameSessionOnly) {
            auto replaced = replaceIfMoreComplete(prepared, (*duplicate)->id, ctx, writer, changes);
            if (!replaced)
                return replaced.error();
            if (*replaced)
                return **replaced;
        }
        return AddResult{(*duplicate)->id, true};
    }
    auto load = preparedLoad(prepared, ctx);
    if (!load)
        return load.error();
    auto id = writer.insert(a, *load, prepared.encodedStreams());
    if (!id)
        return id.error();
    changes.mark(a.athleteId, a.localDate().toJulianDay());
    return AddResult{*id, false};
}

Result<AddResult> ActivityStore::addActivity(const Activity& activity)
{
    auto results = addActivities({activity});
    if (!results)
        return results.error();
    return results->front();
}

PreparedActivity PreparedActivity::from(Activity activity, std::shared_ptr<const LoadBasis> basis)
{
    PreparedActivity p;
    // The calendar day is derived from the UTC instant; a start given in another time spec is converted first.
    if (activity.startUtc.isValid() && activity.startUtc.timeSpec() != Qt::UTC)
        activity.startUtc = activity.startUtc.toUTC();
    p.m_streams = store::encodeStreamsBlob(activity.streams);
    if (basis && basis->athlete == activity.athleteId && activity.startUtc.isValid()) {
        p.m_load = computeLoad(activity, basis->history.at(activity.localDate()), basis->settings);
        p.m_basis = std::move(basis);
        // Freed here, where it was allocated: handing megabytes of samples to the writer to free cost an
        // import more than encoding them.
        activity.streams = {};
    }
    p.m_activity = std::move(activity);
    return p;
}

Result<std::vector<AddResult>> ActivityStore::addActivities(const std::vector<Activity>& activities)
{
    std::vector<PreparedActivity> prepared;
    prepared.reserve(activities.size());
    for (const Activity& a : activities)
        prepared.push_back(PreparedActivity::from(a));
    return addActivities(prepared);
}

Result<LoadBasis> ActivityStore::loadBasis(AthleteId athlete) const
{
    if (auto known = d->requireAthlete(athlete); !known)
        return known.error();
    auto ctx = d->context(athlete);
    if (!ctx)
        return ctx.error();
    return LoadBasis{athlete, std::move(ctx->history), std::move(ctx->settings.load)};
}

Result<std::vector<AddResult>> ActivityStore::addActivities(const std::vector<PreparedActivity>& activities)
{
    std::vector<AddResult> results;
    if (activities.empty())
        return results;
    Transaction tx(d->db, d->path);
    if (auto r = tx.begin(); !r)
        return r.error();
    auto writer = ActivityWriter::create(d->db, d->path);
    if (!writer)
        return writer.error();
    // First thresholds cover the history from its start: older activities arriving now extend it.
    std::map<AthleteId, qint64> firstDays;
    for (const PreparedActivity& p : activities) {
        const Activity& a = p.activity();
        if (!a.startUtc.isValid())
            continue;
        const qint64 day = a.localDate().toJulianDay();
        auto [it, inserted] = firstDays.emplace(a.athleteId, day);
        if (!inserted)
            it->second = std::min(it->second, day);
    }
    for (const auto& [athlete, day] : firstDays) {
        if (auto r = d->extendFirstThresholds(athlete, day); !r)
            return r.error();
    }
    std::map<AthleteId, AthleteContext> contexts;
    ChangedDays changes;
    results.reserve(activities.size());
    for (const PreparedActivity& p : activities) {
        const AthleteId athlete = p.activity().athleteId;
        auto ctx = contexts.find(athlete);
        if (ctx == contexts.end()) {
            if (auto known = d->requireAthlete(athlete); !known)
                return known.error();
            auto loaded = d->context(athlete);
            if (!loaded)
                return loaded.error();
            ctx = contexts.emplace(athlete, std::move(*loaded)).first;
        }
        auto added = d->add(p, ctx->second, *writer, changes);
        if (!added)
            return added.error();
        results.push_back(*added);
    }
    if (auto r = d->applyChanges(changes); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return results;
}

Result<void> ActivityStore::updateActivity(const Activity& activity)
{
    if (auto valid = checkActivitySummary(activity); !valid)
        return valid.error();
    Transaction tx(d->db, d->path);
    if (auto r = tx.begin(); !r)
        return r;
    auto found = readStoredSummary(d->db, d->path, activity.id);
    if (!found)
        return found.error();
    if (!*found)
        return d->notFoundActivity(activity.id);
    Activity* stored = &**found;
    const qint64 oldDay = stored->localDate().toJulianDay();
    copyEditable(activity, *stored);

    auto ctx = d->context(stored->athleteId);
    if (!ctx)
        return ctx.error();
    auto reader = DetailReader::create(d->db, d->path);
    if (!reader)
        return reader.error();
    auto load = computeStoredLoad(*stored, *ctx, *reader);
    if (!load)
        return load.error();
    auto writer = ActivityWriter::create(d->db, d->path);
    if (!writer)
        return writer.error();
    if (auto r = writer->update(*stored, *load); !r)
        return r;

    ChangedDays changes;
    changes.mark(stored->athleteId, oldDay);
    changes.mark(stored->athleteId, stored->localDate().toJulianDay());
    if (auto r = d->applyChanges(changes); !r)
        return r;
    return tx.commit();
}

Result<void> ActivityStore::removeActivity(ActivityId id)
{
    return removeActivities({id});
}

Result<void> ActivityStore::removeActivities(const std::vector<ActivityId>& ids)
{
    Transaction tx(d->db, d->path);
    if (auto r = tx.begin(); !r)
        return r;
    ChangedDays changes;
    for (const ActivityId id : ids) {
        const auto key = static_cast<qlonglong>(id);
        auto q = exec(d->db, QStringLiteral("SELECT athlete_id, local_date FROM activities WHERE id = ?"), {key},
                      QStringLiteral("look up activity %1").arg(id), d->path);
        if (!q)
            return q.error();
        if (!q->next())
            return d->notFoundActivity(id);
        changes.mark(q->value(0).toLongLong(), q->value(1).toLongLong());
        q->reset();
        // Streams, laps and lengths go with it (ON DELETE CASCADE).
        if (auto r = exec(d->db, QStringLiteral("DELETE FROM activities WHERE id = ?"), {key},
                          QStringLiteral("remove activity %1").arg(id), d->path);
            !r)
            return r.error();
    }
    if (auto r = d->applyChanges(changes); !r)
        return r;
    return tx.commit();
}

Result<Activity> ActivityStore::activity(ActivityId id, bool withDetail) const
{
    auto found = readStoredSummary(d->db, d->path, id);
    if (!found)
        return found.error();
    if (!*found)
        return d->notFoundActivity(id);
    if (withDetail) {
        auto reader = DetailReader::create(d->db, d->path);
        if (!reader)
            return reader.error();
        if (auto r = reader->read(**found); !r)
            return r.error();
    }
    return std::move(**found);
}

std::vector<Activity> ActivityStore::activities(AthleteId athlete, const ActivityQuery& query) const
{
    std::vector<Activity> out;
    QString sql = QStringLiteral("SELECT %1 FROM activities WHERE athlete_id = ?").arg(summaryColumns());
    QVariantList values{static_cast<qlonglong>(athlete)};
    if (query.from && query.from->isValid()) {
        sql += QStringLiteral(" AND local_date >= ?");
        values << query.from->toJulianDay();
    }
    if (query.to && query.to->isValid()) {
        sql += QStringLiteral(" AND local_date <= ?");
        values << query.to->toJulianDay();
    }
    if (query.sport) {
        sql += QStringLiteral(" AND sport = ?");
        values << sportId(*query.sport);
    }
    // A limit keeps the most recent activities (what "the last 10" means to an athlete): read newest first,
    // then turn the result back into start order.
    const bool newestFirst = query.limit >= 0;
    sql +=
        newestFirst ? QStringLiteral(" ORDER BY start_utc DESC, id DESC") : QStringLiteral(" ORDER BY start_utc, id");
    // SQLite's LIKE folds ASCII only; the text filter runs here so "über" finds "Über". The limit then
    // applies after it.
    const bool filterText = !query.text.isEmpty();
    if (query.limit >= 0 && !filterText) {
        sql += QStringLiteral(" LIMIT ?");
        values << query.limit;
    }
    auto q = exec(d->db, sql, values, QStringLiteral("list activities"), d->path);
    if (!q) {
        qWarning().noquote() << q.error().message;
        return out;
    }
    while (q->next()) {
        if (query.limit >= 0 && out.size() >= static_cast<std::size_t>(query.limit))
            break;
        Activity a = readSummary(*q);
        if (filterText && !a.title.contains(query.text, Qt::CaseInsensitive) &&
            !a.notes.contains(query.text, Qt::CaseInsensitive))
            continue;
        out.push_back(std::move(a));
    }
    if (newestFirst)
        std::reverse(out.begin(), out.end());
    return out;
}

Result<int> ActivityStore::visitActivities(AthleteId athlete, const ActivityQuery& query,
                                           const std::function<bool(const Activity&)>& visit) const
{
    // The summaries of the query are small; the recordings are read one activity at a time.
    std::vector<Activity> summaries = activities(athlete, query);
    auto reader = DetailReader::create(d->db, d->path);
    if (!reader)
        return reader.error();
    int visited = 0;
    for (Activity& a : summaries) {
        if (auto r = reader->read(a); !r) {
            if (r.error().code != QLatin1String("store.corrupt"))
                return r.error();
            a.streams = {}; // damaged recorded data: the summary still counts
        }
        ++visited;
        const bool more = visit(a);
        a.streams = {};
        a.laps = {};
        a.lengths = {};
        if (!more)
            break;
    }
    return visited;
}

int ActivityStore::activityCount(AthleteId athlete) const
{
    auto q = exec(d->db, QStringLiteral("SELECT count(*) FROM activities WHERE athlete_id = ?"),
                  {static_cast<qlonglong>(athlete)}, QStringLiteral("count activities"), d->path);
    if (!q || !q->next())
        return 0;
    return q->value(0).toInt();
}

} // namespace tricoach
