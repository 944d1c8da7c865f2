#pragma once
// The Strava sync: lists the athlete's activities into the local store and back-fills their recordings, within
// Strava's rate limits, resumable at any point. UI-free and synchronous: the desktop runs it on a worker thread (with
// its own store connection), the CLI on its main thread. Every page is stored in one transaction as it arrives, so
// an interrupted sync (a killed process, a dropped connection, the rate limit) keeps what it stored and the next run
// continues from there; storing is idempotent (ActivityStore::mergeStrava), so nothing is ever stored twice.
//
// Requests, as Strava's rate limits reward: the first connect lists the whole history with per_page=200 until an
// empty page (ceil(N/200)+1 calls); later syncs list only what started after the newest cached activity minus a
// margin (1-2 calls); a sync within an hour of the last answers from the cache; Force refresh lists everything again
// to apply edits and remove what was deleted on Strava. Recordings are fetched newest first.

#include "core/store/activitystore.h"
#include "core/strava/clock.h"
#include "core/strava/stravaapi.h"
#include "core/strava/syncstate.h"

#include <QLockFile>

#include <atomic>
#include <functional>
#include <memory>

namespace tricoach::strava {

struct SyncOptions {
    bool force = false;            // list the whole history again: edits applied, deletions removed
    bool waitForRateLimit = false; // sleep through a rate-limit stop instead of ending the run there
    int perPage = 200;             // Strava's maximum
    int afterMarginDays = 14;      // late uploads of older sessions (a watch synced after a holiday)
    int freshForSec = 3600;        // the roadmap's freshness rule
};

struct SyncProgress {
    enum class Phase { Listing, Streams, Waiting, Finished };
    Phase phase = Phase::Listing;
    int pagesListed = 0;
    int added = 0, updated = 0, attached = 0, deleted = 0;
    int streamsFetched = 0, streamsLeft = 0, failed = 0;
    QDateTime waitingUntil; // Phase::Waiting: when the rate limit lets the sync go on
};

struct SyncSummary {
    bool fromCache = false; // fresh enough: nothing was asked of Strava
    bool complete = false;  // listed, and every recording fetched
    bool cancelled = false;
    int listCalls = 0, streamCalls = 0, requests = 0, rateLimited = 0;
    int added = 0, updated = 0, attached = 0, deleted = 0;
    int streamsFetched = 0, streamsLeft = 0, failed = 0;
    QDateTime resumeAt;      // stopped by the rate limit: when the sync goes on
    QDateTime plannedFinish; // when the recordings left can all have been fetched, at the current limits
    QStringList problems;    // activities that could not be stored, and why

    QJsonObject toJson() const;
    QString text() const; // one paragraph for the command line and the status bar
};

// A change Strava announced by webhook (through tricoach-sync): an activity created or edited, or deleted.
struct ActivityChange {
    enum class Kind { Upsert, Delete };
    std::int64_t stravaId = 0;
    Kind kind = Kind::Upsert;
};

class StravaSync {
public:
    StravaSync(ActivityStore& store, AthleteId athlete, StravaApi& api, SyncClock& clock,
               const std::atomic<bool>* cancel = nullptr);
    void onProgress(std::function<void(const SyncProgress&)> callback) { m_onProgress = std::move(callback); }

    // Runs one sync against `state` (read by the caller with loadSyncState, saved here as the sync goes on).
    Result<SyncSummary> run(SyncState& state, const SyncOptions& options);
    // Applies changes in order: a created or edited activity is read from Strava and merged (a new one's recording
    // fetched at once), a deleted one removed. Idempotent, so a change applied twice does no harm. Stops at the
    // first change it cannot apply (the rate limit: `resumeAt` is set; Strava out of reach: an error) with
    // `complete` false: the caller keeps those changes for later.
    Result<SyncSummary> apply(SyncState& state, const std::vector<ActivityChange>& changes);

private:
    enum class Step { Done, Stopped, Failed };
    Step list(SyncState& state, const SyncOptions& options, Error& error);
    Step fetchStreams(SyncState& state, const SyncOptions& options, Error& error);
    // One recording: fetched and stored (marked as none when Strava has none). Stopped: the rate limit.
    Step fetchStream(std::int64_t stravaId, Error& error);
    // The start of run() and apply(): a fresh summary, the link checked, the profile locked.
    Result<std::unique_ptr<QLockFile>> begin(const SyncState& state);
    // Only one sync of a profile at a time, across processes (the app and the CLI); null when another holds it.
    std::unique_ptr<QLockFile> lockProfile() const;
    // A rate-limit stop: saved; then either waited out (true) or the run ends (false).
    bool waitOut(SyncState& state, const SyncOptions& options, const QDateTime& until);
    void report(SyncProgress::Phase phase);
    void save(SyncState& state);
    bool cancelled() const { return m_cancel && m_cancel->load(); }

    ActivityStore& m_store;
    AthleteId m_athlete;
    StravaApi& m_api;
    SyncClock& m_clock;
    const std::atomic<bool>* m_cancel;
    std::function<void(const SyncProgress&)> m_onProgress;
    SyncSummary m_summary;
    SyncProgress m_progress;
};

} // namespace tricoach::strava
