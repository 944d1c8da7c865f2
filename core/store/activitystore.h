#pragma once

#include "core/metrics/pmc.h"
#include "core/metrics/settings.h"
#include "core/metrics/stress.h"
#include "core/model/activity.h"
#include "core/model/athlete.h"
#include "core/model/stravalink.h"
#include "core/util/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace tricoach {

// Which activities to list; every filter is optional.
struct ActivityQuery {
    std::optional<QDate> from; // local calendar day, inclusive
    std::optional<QDate> to;   // inclusive
    std::optional<Sport> sport;
    QString text;   // case-insensitive substring of title or notes
    int limit = -1; // the most recent `limit` activities (still returned oldest first); -1 for all
};

// What happened to one activity handed to the store.
struct AddResult {
    ActivityId id = 0;
    bool duplicate = false; // already stored (same source + external id, same file content hash, or the same
                            // session recorded at least as completely)
    bool replaced = false;  // stored in the place of a less complete recording of the same session (same id)
};

// What setting thresholds did: the changes as stored, and the loads computed again because of them.
struct ThresholdUpdate {
    std::vector<ThresholdChange> stored; // oldest first; first values may sit apart, at the start of the history
    int recomputed = 0;                  // stored activities whose loads were computed again
    int changed = 0;                     // of those, the loads that came out different
    QDate from;                          // the first day recomputed (the earliest stored change)
    // In words for the command line: "Loads of 412 activities from 2019-03-04 on were recomputed (38 changed)."
    QString summary() const;
};

// What an athlete's loads are computed against, read once (ActivityStore::loadBasis) so that decoding threads
// can compute loads; the writer only checks that it is still what the store holds.
struct LoadBasis {
    AthleteId athlete = 0;
    ThresholdHistory history;
    LoadSettings settings;
    bool operator==(const LoadBasis&) const = default;
};

// An activity made ready for storing on any thread: its streams are already encoded, so that an import's
// single writer only binds bytes while the decoding threads do the work.
class PreparedActivity {
public:
    // Thread-safe; touches no database. With a basis for the activity's athlete, the load is computed here
    // too and the decoded streams are released on this thread: the writer then needs only the encoded bytes
    // (it decodes them again should the basis have changed meanwhile, say a new FTP entered mid-import).
    static PreparedActivity from(Activity activity, std::shared_ptr<const LoadBasis> basis = {});

    // Without its streams when prepared with a basis.
    const Activity& activity() const { return m_activity; }
    // The streams as stored (core/store/streamcodec.h); empty when nothing was recorded.
    const QByteArray& encodedStreams() const { return m_streams; }
    // The load computed against basis(), when prepared with one.
    const std::optional<LoadResult>& load() const { return m_load; }
    const std::shared_ptr<const LoadBasis>& basis() const { return m_basis; }

private:
    Activity m_activity;
    QByteArray m_streams;
    std::optional<LoadResult> m_load;
    std::shared_ptr<const LoadBasis> m_basis;
};

// One Strava activity for ActivityStore::mergeStrava.
struct StravaItem {
    Activity activity; // source Strava, externalId = link.stravaId, no streams
    StravaLink link;
};

// What merging a page of Strava's list did.
struct StravaMerge {
    int added = 0;    // new activities
    int updated = 0;  // edited on Strava since the last sync (name, sport, times, values)
    int attached = 0; // the session was already here from a file (or another upload): linked, not stored twice
    int unchanged = 0;
    QStringList skipped; // entries that could not be stored, with the reason (an implausible value)
};

// One stored link to a Strava activity.
struct StravaEntry {
    ActivityId activityId = 0;
    ActivitySource source = ActivitySource::Strava; // of the linked activity: File when a file's recording won
    QDateTime startUtc;
    StravaLink link;
};

// The local cache of every athlete's activities: one SQLite file, safe to reopen after any crash.
// Derived values (loads, daily totals, the chart) are kept current on every write.
class ActivityStore {
public:
    // Bumped with a migration in core/store/migrations.cpp whenever the schema changes.
    static constexpr int kSchemaVersion = 5;

    // Opens or creates the database at `path` (parent folders are created). A database written by a newer
    // TriCoach is refused with a clear message and left untouched. Older schemas are migrated forward.
    static Result<std::unique_ptr<ActivityStore>> open(const QString& path);
    // <app-data folder>/tricoach.sqlite (QStandardPaths::AppDataLocation).
    static QString defaultPath();

    ~ActivityStore();
    ActivityStore(const ActivityStore&) = delete;
    ActivityStore& operator=(const ActivityStore&) = delete;

    QString path() const;
    int schemaVersion() const;

    // Athletes
    Result<Athlete> createAthlete(const QString& name);
    std::vector<Athlete> athletes() const;
    std::optional<Athlete> athlete(AthleteId id) const;
    std::optional<Athlete> athleteByName(const QString& name) const;
    // The first athlete, created as "Athlete" when the store has none (first run).
    Result<Athlete> defaultAthlete();
    Result<void> renameAthlete(AthleteId id, const QString& name);
    Result<void> removeAthlete(AthleteId id); // with all of its data

    // Thresholds: a change merges into the change on the same day, then loads from that day on are recomputed.
    // Values must be plausible (core/model/plausible.h).
    Result<ThresholdUpdate> addThresholdChange(AthleteId athlete, const ThresholdChange& change);
    // The same as an athlete sets thresholds: a threshold given for the first time takes effect from the start of
    // the athlete's history (the first activity's day, when that is earlier than the change's), so that the whole
    // history is scored with it; thresholds set before keep the change's day.
    Result<ThresholdUpdate> setThresholds(AthleteId athlete, const ThresholdChange& change);
    ThresholdHistory thresholdHistory(AthleteId athlete) const;

    // A JSON document of another module's settings for an athlete ("coach": race and availability); nothing when
    // never set. Removed with the athlete.
    std::optional<QJsonObject> document(AthleteId athlete, const QString& key) const;
    Result<void> setDocument(AthleteId athlete, const QString& key, const QJsonObject& json);
    // Metric settings (load precedence, chart constants, analysis thresholds); changing them recomputes.
    MetricSettings metricSettings(AthleteId athlete) const;
    // What the athlete's loads are computed against now (for PreparedActivity::from).
    Result<LoadBasis> loadBasis(AthleteId athlete) const;
    Result<void> setMetricSettings(AthleteId athlete, const MetricSettings& settings);

    // Activities. The load is computed on insert; duplicates are reported, not stored twice. A file's recording
    // of a session already stored from another file replaces it when it is the more complete of the two (longer,
    // or more recorded values: store::isMoreComplete), keeping the stored id and what the athlete edited (title,
    // notes, RPE, typed-in load; see keepAthleteEdits in activities.cpp).
    Result<AddResult> addActivity(const Activity& activity);
    // All in one transaction: either every new activity is stored or none.
    Result<std::vector<AddResult>> addActivities(const std::vector<Activity>& activities);
    // The same for activities prepared on other threads.
    Result<std::vector<AddResult>> addActivities(const std::vector<PreparedActivity>& activities);
    // Updates the editable fields (title, notes, sport, sub-sport, RPE, user load, summary values).
    Result<void> updateActivity(const Activity& activity);
    Result<void> removeActivity(ActivityId id);
    // All in one transaction (the legs of a multisport session): every one is removed or, when one is missing,
    // none is.
    Result<void> removeActivities(const std::vector<ActivityId>& ids);
    // One activity; with its streams, laps and lengths when `withDetail`.
    Result<Activity> activity(ActivityId id, bool withDetail = true) const;
    // Summaries (no streams, laps or lengths), ordered by start time.
    std::vector<Activity> activities(AthleteId athlete, const ActivityQuery& query = {}) const;
    // The activities of the query, oldest first, each with its streams, laps and lengths, handed to `visit` one at
    // a time and released after it: years of recordings are read holding one in memory. An activity whose recorded
    // data are damaged comes without them. `visit` returns false to stop; the result counts the activities visited.
    Result<int> visitActivities(AthleteId athlete, const ActivityQuery& query,
                                const std::function<bool(const Activity&)>& visit) const;
    int activityCount(AthleteId athlete) const;

    // Strava (written by core/strava's sync). An activity may be linked to Strava ids (two uploads of one session
    // link to one activity); a link to a file's recording keeps the file's data, since the device's own file wins.
    // Each batch is one transaction: after a crash a page is stored whole or not at all.
    Result<StravaMerge> mergeStrava(AthleteId athlete, const std::vector<StravaItem>& items);
    // Every link of the athlete, newest start first.
    std::vector<StravaEntry> stravaEntries(AthleteId athlete) const;
    // Activities deleted on Strava: a Strava-only activity is removed with its recording; a file's recording stays
    // and only loses the link.
    Result<int> forgetStrava(AthleteId athlete, const std::vector<std::int64_t>& stravaIds);
    // The recording fetched for a Strava activity: stored, and the load computed from it. Empty streams mark the
    // activity as having none. Nothing is written over a file's recording.
    Result<void> storeStravaStreams(AthleteId athlete, std::int64_t stravaId, const Streams& streams);

    // Aggregates
    std::vector<DailyLoad> dailyLoads(AthleteId athlete, std::optional<QDate> from = {},
                                      std::optional<QDate> to = {}) const;
    // The chart for [from, to], from the incrementally maintained cache plus zero-load days after it.
    std::vector<PmcDay> pmc(AthleteId athlete, const QDate& from, const QDate& to) const;
    // The day of the first activity (on or after `onOrAfter`, when given).
    std::optional<QDate> firstActivityDate(AthleteId athlete, std::optional<QDate> onOrAfter = {}) const;

private:
    struct Impl;
    explicit ActivityStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace tricoach
