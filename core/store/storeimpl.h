#pragma once
// The store's private state, shared by the .cpp files of core/store; not part of the public API.

#include "core/metrics/stress.h"
#include "core/store/activitystore.h"
#include "core/store/sqlutil.h"

#include <map>
#include <set>

namespace tricoach {

namespace store {
class ActivityWriter;
class DetailReader;
// The stored summary, or nothing when no activity has that id.
Result<std::optional<Activity>> readStoredSummary(const Database& db, const QString& path, ActivityId id);
} // namespace store

// Days whose activities changed, per athlete: the aggregates are refreshed from them before the commit.
struct ChangedDays {
    std::map<AthleteId, std::set<qint64>> days; // Julian day numbers
    std::set<AthleteId> rebuild;                // everything derived is rebuilt (chart constants changed)

    void mark(AthleteId athlete, qint64 day) { days[athlete].insert(day); }
};

// How many stored loads a recomputation computed again, and how many of them came out different.
struct RecomputedLoads {
    int activities = 0;
    int changed = 0;
};

// What loads are computed against for one athlete.
struct AthleteContext {
    ThresholdHistory history;
    MetricSettings settings;
    const LoadBasis* verifiedBasis = nullptr; // a prepared basis found equal to this context
};

// The load of a stored activity; its streams, laps and lengths are read into `a` only when the formulas need
// them (a user-entered load does not).
Result<LoadResult> computeStoredLoad(Activity& a, const AthleteContext& ctx, store::DetailReader& reader);

// One open database: its connection (used only from the thread that opened it) and the in-memory chart copies.
struct ActivityStore::Impl {
    QString path;
    store::Database db;
    int schemaVersion = 0;

    // In-memory copy of one athlete's pmc_cache rows: a 20-year chart is then a memory copy, not 7,300 rows
    // through the driver. Dropped on every write of ours and whenever another connection commits.
    struct Chart {
        std::vector<PmcDay> days; // dense, first to last day with a load
        PmcSettings settings;
    };
    mutable std::map<AthleteId, Chart> charts;
    mutable qint64 dataVersion = -1;

    Impl() = default;
    ~Impl();
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    Error notFoundAthlete(AthleteId id) const;
    Error notFoundActivity(ActivityId id) const;
    Result<bool> athleteExists(AthleteId id) const;
    // Ok when the athlete exists; "store.not-found" (or the SQL error) otherwise.
    Result<void> requireAthlete(AthleteId id) const;
    Result<ThresholdHistory> loadHistory(AthleteId athlete) const;
    Result<MetricSettings> loadSettings(AthleteId athlete) const;
    Result<AthleteContext> context(AthleteId athlete) const;
    // Validates a name for createAthlete/renameAthlete; `except` is the athlete being renamed.
    Result<QString> checkedName(const QString& name, AthleteId except) const;

    // activities.cpp
    Result<AddResult> add(const PreparedActivity& activity, AthleteContext& ctx, store::ActivityWriter& writer,
                          ChangedDays& changes);
    // Stores `activity` over the stored activity `storedId` (the same session, found by start and sport) when
    // it is the more complete recording (store::isMoreComplete), keeping the athlete's edits; nothing when not.
    Result<std::optional<AddResult>> replaceIfMoreComplete(const PreparedActivity& activity, ActivityId storedId,
                                                           AthleteContext& ctx, store::ActivityWriter& writer,
                                                           ChangedDays& changes);
    Result<LoadResult> preparedLoad(const PreparedActivity& prepared, AthleteContext& ctx) const;
    // stravarows.cpp: the Strava links of activity `id` now point at a file's recording (no streams to fetch).
    Result<void> markStravaRecordingFromFile(ActivityId id);

    // aggregates.cpp: derived values, always inside the caller's transaction.
    Result<void> applyChanges(const ChangedDays& changes);
    Result<void> refreshDailyLoads(AthleteId athlete, const std::set<qint64>& days);
    Result<void> rebuildDailyLoads(AthleteId athlete);
    // Rewrites the chart from `day` on (everything when empty) using the cached state of the day before.
    Result<void> updateChart(AthleteId athlete, std::optional<qint64> day, const PmcSettings& settings);
    // Recomputes stored loads of the athlete's activities on or after `fromDay` (all when empty), or only
    // those computed by older formulas when `staleOnly`; days whose load changed are marked in `changes`.
    Result<RecomputedLoads> recomputeLoads(AthleteId athlete, std::optional<qint64> fromDay, bool staleOnly,
                                           ChangedDays& changes);
    // thresholds.cpp: merges `change` into the change stored on its day (inside the caller's transaction).
    Result<void> storeThresholdChange(AthleteId athlete, const ThresholdChange& change);
    // Activities older than the athlete's first thresholds are being added: when those thresholds took effect from
    // the start of the history (no stored activity is older), they move back to `day`, the new start.
    Result<void> extendFirstThresholds(AthleteId athlete, qint64 day);
    // Validates, stores `changes` and recomputes loads from the earliest of them, in one transaction.
    Result<ThresholdUpdate> applyThresholdChanges(AthleteId athlete, std::vector<ThresholdChange> changes);
    // At open: loads computed by an older kMetricsVersion are recomputed and the aggregates rebuilt.
    Result<void> recomputeStale();
    // Drops in-memory charts when another connection has committed since we last looked.
    void syncWithOtherWriters() const;
    const Chart* chart(AthleteId athlete) const;
};

} // namespace tricoach
