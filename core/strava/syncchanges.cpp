// StravaSync::apply: the changes Strava's webhooks announce, applied one activity at a time instead of a listing.
#include "core/strava/activitymapping.h"
#include "core/strava/errors.h"
#include "core/strava/syncengine.h"

namespace tricoach::strava {

Result<SyncSummary> StravaSync::apply(SyncState& state, const std::vector<ActivityChange>& changes)
{
    auto lock = begin(state);
    if (!lock)
        return lock.error();
    bool stopped = false;
    for (const ActivityChange& change : changes) {
        if (cancelled()) {
            m_summary.cancelled = true;
            stopped = true;
            break;
        }
        if (change.kind == ActivityChange::Kind::Delete) {
            auto removed = m_store.forgetStrava(m_athlete, {change.stravaId});
            if (!removed)
                return removed.error();
            m_summary.deleted += *removed;
            continue;
        }
        if (state.resumeAt.isValid() && m_clock.now() < state.resumeAt) {
            m_summary.resumeAt = state.resumeAt;
            stopped = true;
            break;
        }
        auto read = m_api.activity(change.stravaId);
        if (!read) {
            if (m_api.rateStop()) {
                state.resumeAt = m_summary.resumeAt = m_api.rateStop()->resumeAt;
                stopped = true;
                break;
            }
            if (read.error().code == code::kNotFound) {
                // Deleted since the event, or made private without activity:read_all granted: either way it is no
                // longer something TriCoach may show.
                auto removed = m_store.forgetStrava(m_athlete, {change.stravaId});
                if (!removed)
                    return removed.error();
                m_summary.deleted += *removed;
                continue;
            }
            if (read.error().code != code::kMalformed) {
                save(state);
                return read.error();
            }
            m_summary.problems << read.error().message;
            ++m_summary.failed;
            continue;
        }
        auto mapped = activityFromSummary(*read, m_athlete);
        if (!mapped) {
            m_summary.problems << mapped.error().message;
            ++m_summary.failed;
            continue;
        }
        std::vector<StravaItem> items;
        items.push_back(StravaItem{std::move(mapped->activity), std::move(mapped->link)});
        auto merged = m_store.mergeStrava(m_athlete, items);
        if (!merged)
            return merged.error();
        m_summary.added += merged->added;
        m_summary.updated += merged->updated;
        m_summary.attached += merged->attached;
        m_summary.failed += static_cast<int>(merged->skipped.size());
        m_summary.problems << merged->skipped;
        if (merged->added > 0) {
            // A new session's recording right away: the athlete who just uploaded wants to see it.
            Error error;
            const Step step = fetchStream(change.stravaId, error);
            if (step == Step::Failed) {
                save(state);
                return error;
            }
            if (step == Step::Stopped) // the recording stays pending for the back-fill
                state.resumeAt = m_summary.resumeAt = m_api.rateStop()->resumeAt;
        }
    }
    m_summary.requests = m_api.requests();
    m_summary.rateLimited = m_api.rateLimitedAnswers();
    m_summary.complete = !stopped;
    save(state);
    report(SyncProgress::Phase::Finished);
    return m_summary;
}

} // namespace tricoach::strava
