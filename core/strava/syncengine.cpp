#include "core/strava/syncengine.h"

#include "core/strava/activitymapping.h"
#include "core/strava/errors.h"

#include <QJsonArray>
#include <QLockFile>

#include <set>

namespace tricoach::strava {

QJsonObject SyncSummary::toJson() const
{
    const auto iso = [](const QDateTime& t) {
        return t.isValid() ? QJsonValue(t.toString(Qt::ISODate)) : QJsonValue();
    };
    return QJsonObject{
        {QStringLiteral("from_cache"), fromCache},
        {QStringLiteral("complete"), complete},
        {QStringLiteral("cancelled"), cancelled},
        {QStringLiteral("requests"), requests},
        {QStringLiteral("list_calls"), listCalls},
        {QStringLiteral("stream_calls"), streamCalls},
        {QStringLiteral("rate_limited_answers"), rateLimited},
        {QStringLiteral("added"), added},
        {QStringLiteral("updated"), updated},
        {QStringLiteral("attached"), attached},
        {QStringLiteral("deleted"), deleted},
        {QStringLiteral("streams_fetched"), streamsFetched},
        {QStringLiteral("streams_left"), streamsLeft},
        {QStringLiteral("failed"), failed},
        {QStringLiteral("resume_at"), iso(resumeAt)},
        {QStringLiteral("planned_finish"), iso(plannedFinish)},
        {QStringLiteral("problems"), QJsonArray::fromStringList(problems)},
    };
}

QString SyncSummary::text() const
{
    const auto local = [](const QDateTime& t) { return t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")); };
    if (fromCache && !resumeAt.isValid())
        return QStringLiteral("Up to date: synced within the last hour (use --force to ask Strava now).");
    if (fromCache)
        return QStringLiteral("Waiting for Strava's rate limit: nothing was asked; the sync resumes at %1 with %2 "
                              "recordings still to fetch%3.")
            .arg(local(resumeAt))
            .arg(streamsLeft)
            .arg(plannedFinish.isValid() ? QStringLiteral(", all by %1").arg(local(plannedFinish)) : QString());
    QString text = QStringLiteral("%1 new, %2 updated, %3 deleted, %4 matched to imported files; %5 recordings "
                                  "fetched, %6 still to fetch")
                       .arg(added)
                       .arg(updated)
                       .arg(deleted)
                       .arg(attached)
                       .arg(streamsFetched)
                       .arg(streamsLeft);
    if (failed > 0)
        text += QStringLiteral("; %1 failed").arg(failed);
    text += QLatin1Char('.');
    if (cancelled)
        text += QStringLiteral(" Stopped; everything stored so far stays.");
    if (resumeAt.isValid())
        text += QStringLiteral(" Strava's rate limit is reached: the sync resumes at %1").arg(local(resumeAt)) +
                (plannedFinish.isValid() && streamsLeft > 0
                     ? QStringLiteral(" and should have every recording by %1.").arg(local(plannedFinish))
                     : QStringLiteral("."));
    return text;
}

StravaSync::StravaSync(ActivityStore& store, AthleteId athlete, StravaApi& api, SyncClock& clock,
                       const std::atomic<bool>* cancel)
    : m_store(store)
    , m_athlete(athlete)
    , m_api(api)
    , m_clock(clock)
    , m_cancel(cancel)
{
}

void StravaSync::report(SyncProgress::Phase phase)
{
    m_progress.phase = phase;
    m_progress.added = m_summary.added;
    m_progress.updated = m_summary.updated;
    m_progress.attached = m_summary.attached;
    m_progress.deleted = m_summary.deleted;
    m_progress.streamsFetched = m_summary.streamsFetched;
    m_progress.streamsLeft = m_summary.streamsLeft;
    m_progress.failed = m_summary.failed;
    if (m_onProgress)
        m_onProgress(m_progress);
}

void StravaSync::save(SyncState& state)
{
    // Losing the state costs requests, never data: a failed save is not worth stopping the sync for.
    (void)saveSyncState(m_store, m_athlete, state);
}

bool StravaSync::waitOut(SyncState& state, const SyncOptions& options, const QDateTime& until)
{
    state.resumeAt = until;
    save(state);
    m_summary.resumeAt = until;
    m_progress.waitingUntil = until;
    report(SyncProgress::Phase::Waiting);
    if (!options.waitForRateLimit || !m_clock.sleepUntil(until, m_cancel))
        return false;
    state.resumeAt = {};
    m_summary.resumeAt = {};
    m_progress.waitingUntil = {};
    return true;
}

Result<SyncSummary> StravaSync::run(SyncState& state, const SyncOptions& options)
{
    auto lock = begin(state);
    if (!lock)
        return lock.error();

    const QDateTime now = m_clock.now();
    const auto pendingStreams = [&] {
        int n = 0;
        for (const StravaEntry& e : m_store.stravaEntries(m_athlete))
            n += e.source == ActivitySource::Strava && e.link.streams == StravaStreams::Pending ? 1 : 0;
        return n;
    };
    m_summary.streamsLeft = pendingStreams();
    // A stopped sync goes on only when the rate limit allows, unless the caller waits for it.
    if (state.resumeAt.isValid() && now < state.resumeAt && !options.force) {
        if (!waitOut(state, options, state.resumeAt)) {
            m_summary.fromCache = true;
            m_summary.plannedFinish = state.budget.plannedFinish(m_summary.streamsLeft, now);
            return m_summary;
        }
    }
    state.resumeAt = {};
    const bool fresh =
        state.backfillDone && state.lastSync.isValid() && state.lastSync.secsTo(m_clock.now()) < options.freshForSec;
    if (fresh && !options.force && m_summary.streamsLeft == 0) {
        m_summary.fromCache = true;
        m_summary.complete = true;
        return m_summary;
    }

    Error error;
    Step step = Step::Done;
    if (!fresh || options.force)
        step = list(state, options, error);
    if (step == Step::Done)
        step = fetchStreams(state, options, error);

    m_summary.requests = m_api.requests();
    m_summary.rateLimited = m_api.rateLimitedAnswers();
    m_summary.streamsLeft = pendingStreams();
    m_summary.complete = step == Step::Done && m_summary.streamsLeft == 0;
    m_summary.cancelled = cancelled();
    if (m_summary.streamsLeft > 0)
        m_summary.plannedFinish = state.budget.plannedFinish(m_summary.streamsLeft, m_clock.now());
    if (step == Step::Failed && error.code != code::kCancelled) {
        if (error.code == code::kUnauthorized || error.code == code::kScope)
            state.problem = error.message;
        save(state);
        return error;
    }
    state.lastSummary = m_summary.toJson();
    save(state);
    report(SyncProgress::Phase::Finished);
    return m_summary;
}

StravaSync::Step StravaSync::list(SyncState& state, const SyncOptions& options, Error& error)
{
    const bool whole = options.force || !state.backfillDone;
    std::optional<qint64> after;
    if (!whole) {
        QDateTime newest;
        for (const StravaEntry& e : m_store.stravaEntries(m_athlete)) {
            if (!newest.isValid() || e.startUtc > newest)
                newest = e.startUtc;
        }
        if (newest.isValid())
            after = newest.addDays(-options.afterMarginDays).toSecsSinceEpoch();
    }
    // A back-fill interrupted earlier continues at its page; a forced listing starts over, since it must see every
    // activity in one pass to know which were deleted.
    int page = options.force ? 1 : (whole ? state.backfillNextPage : 1);
    std::set<std::int64_t> seen;
    while (true) {
        if (cancelled()) {
            error = makeError(QStringLiteral("Cancelled."), code::kCancelled);
            return Step::Failed;
        }
        auto listed = m_api.activities(page, options.perPage, after);
        if (!listed) {
            if (m_api.rateStop()) {
                if (waitOut(state, options, m_api.rateStop()->resumeAt))
                    continue;
                return Step::Stopped;
            }
            error = listed.error();
            return Step::Failed;
        }
        ++m_summary.listCalls;
        ++m_progress.pagesListed;
        std::vector<StravaItem> items;
        for (const QJsonValue& v : *listed) {
            auto mapped = activityFromSummary(v.toObject(), m_athlete);
            if (!mapped) {
                m_summary.problems << mapped.error().message;
                ++m_summary.failed;
                continue;
            }
            seen.insert(mapped->link.stravaId);
            items.push_back(StravaItem{std::move(mapped->activity), std::move(mapped->link)});
        }
        auto merged = m_store.mergeStrava(m_athlete, items);
        if (!merged) {
            error = merged.error();
            return Step::Failed;
        }
        m_summary.added += merged->added;
        m_summary.updated += merged->updated;
        m_summary.attached += merged->attached;
        m_summary.failed += static_cast<int>(merged->skipped.size());
        m_summary.problems << merged->skipped;
        m_summary.streamsLeft += merged->added;
        report(SyncProgress::Phase::Listing);
        if (listed->isEmpty())
            break;
        ++page;
        if (whole && !options.force) {
            state.backfillNextPage = page;
            save(state);
        }
    }
    if (options.force) {
        // Deleted on Strava: what the complete listing no longer has. Private activities stay when the athlete did
        // not grant activity:read_all (Strava leaves them out of the list then; they were not deleted).
        const bool seesPrivate = state.scopes.contains(QStringLiteral("activity:read_all"));
        std::vector<std::int64_t> gone;
        for (const StravaEntry& e : m_store.stravaEntries(m_athlete)) {
            if (!seen.count(e.link.stravaId) && (seesPrivate || !e.link.isPrivate))
                gone.push_back(e.link.stravaId);
        }
        auto removed = m_store.forgetStrava(m_athlete, gone);
        if (!removed) {
            error = removed.error();
            return Step::Failed;
        }
        m_summary.deleted += *removed;
    }
    if (whole) {
        state.backfillDone = true;
        state.backfillNextPage = 1;
        state.lastFullList = m_clock.now();
    }
    state.lastSync = m_clock.now();
    save(state);
    return Step::Done;
}

StravaSync::Step StravaSync::fetchStreams(SyncState& state, const SyncOptions& options, Error& error)
{
    std::vector<std::int64_t> pending;
    for (const StravaEntry& e : m_store.stravaEntries(m_athlete)) { // newest first
        if (e.source == ActivitySource::Strava && e.link.streams == StravaStreams::Pending)
            pending.push_back(e.link.stravaId);
    }
    m_summary.streamsLeft = static_cast<int>(pending.size());
    report(SyncProgress::Phase::Streams);
    for (std::size_t i = 0; i < pending.size();) {
        if (cancelled()) {
            error = makeError(QStringLiteral("Cancelled."), code::kCancelled);
            return Step::Failed;
        }
        const Step step = fetchStream(pending[i], error);
        if (step == Step::Stopped) {
            if (waitOut(state, options, m_api.rateStop()->resumeAt))
                continue;
            return Step::Stopped;
        }
        if (step == Step::Failed)
            return Step::Failed;
        --m_summary.streamsLeft;
        ++i;
        if (i % 10 == 0)
            save(state);
        report(SyncProgress::Phase::Streams);
    }
    return Step::Done;
}

Result<std::unique_ptr<QLockFile>> StravaSync::begin(const SyncState& state)
{
    m_summary = {};
    m_progress = {};
    if (!state.connected())
        return makeError(QStringLiteral("Strava is not connected for this profile."), code::kNotConnected);
    auto lock = lockProfile();
    if (!lock)
        return makeError(QStringLiteral("Another TriCoach window or command is syncing this profile with Strava; "
                                        "try again when it has finished."),
                         code::kBusy);
    return lock;
}

std::unique_ptr<QLockFile> StravaSync::lockProfile() const
{
    auto lock = std::make_unique<QLockFile>(m_store.path() + QStringLiteral(".strava-%1.lock").arg(m_athlete));
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0))
        return nullptr;
    return lock;
}

StravaSync::Step StravaSync::fetchStream(std::int64_t id, Error& error)
{
    auto fetched = m_api.streams(id);
    if (!fetched) {
        if (m_api.rateStop())
            return Step::Stopped;
        if (fetched.error().code != code::kNotFound && fetched.error().code != code::kMalformed) {
            error = fetched.error();
            return Step::Failed;
        }
    }
    ++m_summary.streamCalls;
    Streams streams;
    if (fetched) {
        auto parsed = streamsFromJson(*fetched);
        if (parsed) {
            streams = std::move(*parsed);
        } else {
            m_summary.problems << QStringLiteral("Strava activity %1: %2").arg(id).arg(parsed.error().message);
            ++m_summary.failed;
        }
    }
    // Not found (deleted since it was listed, or a recording Strava does not have) or unreadable: marked as
    // having none, so the back-fill does not ask again; the summary's load stays.
    if (auto stored = m_store.storeStravaStreams(m_athlete, id, streams); !stored) {
        error = stored.error();
        return Step::Failed;
    }
    if (!streams.empty())
        ++m_summary.streamsFetched;
    return Step::Done;
}

} // namespace tricoach::strava
