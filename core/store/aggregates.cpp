// Derived values: stored loads, the per-day totals and the cached chart, kept current inside each write's
// transaction so readers never see an activity without its effect on the chart.
#include "core/model/plausible.h"
#include "core/store/activityrows.h"
#include "core/store/storeimpl.h"

#include <cmath>
#include <limits>

namespace tricoach {

using namespace store;

namespace {

// Past this many changed days one range query beats a query per day.
constexpr std::size_t kPerDayRefreshLimit = 32;

struct DayTotals {
    double load = 0;
    double seconds = 0;
    double distance = 0;
    int count = 0;
};

} // namespace

Result<LoadResult> computeStoredLoad(Activity& a, const AthleteContext& ctx, DetailReader& reader)
{
    const Thresholds thresholds = ctx.history.at(a.localDate());
    // A user-entered load needs no recorded data: skip decoding the streams.
    LoadResult load = computeLoad(a, thresholds, ctx.settings.load);
    if (load.source == LoadSource::User)
        return load;
    if (auto r = reader.read(a); !r) {
        // Damaged recorded data must not make the whole store unusable: fall back to the summary values.
        if (r.error().code != QLatin1String("store.corrupt"))
            return r.error();
        a.streams = {};
    }
    return computeLoad(a, thresholds, ctx.settings.load);
}

Result<void> ActivityStore::Impl::applyChanges(const ChangedDays& changes)
{
    charts.clear();
    std::set<AthleteId> athletes = changes.rebuild;
    for (const auto& entry : changes.days)
        athletes.insert(entry.first);
    for (AthleteId athlete : athletes) {
        auto settings = loadSettings(athlete);
        if (!settings)
            return settings.error();
        std::optional<qint64> from;
        if (changes.rebuild.count(athlete) == 0) {
            const std::set<qint64>& days = changes.days.at(athlete);
            if (auto r = refreshDailyLoads(athlete, days); !r)
                return r;
            from = *days.begin();
        } else if (auto r = rebuildDailyLoads(athlete); !r) {
            return r;
        }
        if (auto r = updateChart(athlete, from, settings->pmc); !r)
            return r;
    }
    return {};
}

namespace {

// Sums the activities of [first, last] day by day, in start order: the same order every time, so a day's
// total is reproducible to the last bit whichever write produced it.
Result<std::map<qint64, DayTotals>> sumDays(const Database& db, const QString& path, AthleteId athlete, qint64 first,
                                            qint64 last)
{
    auto q = exec(db,
                  QStringLiteral("SELECT local_date, load, moving_sec, elapsed_sec, distance_m, load_source FROM "
                                 "activities "
                                 "WHERE athlete_id = ? AND local_date BETWEEN ? AND ? "
                                 "ORDER BY local_date, start_utc, id"),
                  {static_cast<qlonglong>(athlete), first, last}, QStringLiteral("add up the daily totals"), path);
    if (!q)
        return q.error();
    // A load no formula can produce for the activity's own time (an infinite load typed in by an older version)
    // counts as nothing: one bad row must never poison a day, the chart after it, or a NOT NULL column. Opening
    // the store recomputes such rows (recomputeStale), so the list shows what is added here.
    std::map<qint64, DayTotals> totals;
    while (q->next()) {
        DayTotals& t = totals[q->int64(0)];
        const double load = q->real(1);
        const LoadSource source = loadSourceFromString(q->text(5)).value_or(LoadSource::None);
        t.load += believableLoad(load, source, std::max(q->real(2), q->real(3))) ? load : 0.0;
        const double moving = q->real(2);
        t.seconds += plausible::kDurationSec.contains(moving) && moving > 0
                         ? moving
                         : (plausible::kDurationSec.contains(q->real(3)) ? q->real(3) : 0.0);
        t.distance += plausible::kDistanceM.contains(q->real(4)) ? q->real(4) : 0.0;
        ++t.count;
    }
    return totals;
}

Result<void> writeDays(const Database& db, const QString& path, AthleteId athlete,
                       const std::map<qint64, DayTotals>& totals)
{
    auto insert = prepare(db,
                          QStringLiteral("INSERT OR REPLACE INTO daily_load (athlete_id, day, load, seconds, "
                                         "distance, count) VALUES (?, ?, ?, ?, ?, ?)"),
                          path);
    if (!insert)
        return insert.error();
    for (const auto& [day, t] : totals) {
        insert->bindInt64(0, athlete);
        insert->bindInt64(1, day);
        insert->bindDouble(2, t.load);
        insert->bindDouble(3, t.seconds);
        insert->bindDouble(4, t.distance);
        insert->bindInt64(5, t.count);
        if (!insert->exec())
            return sqlError(*insert, QStringLiteral("store the daily totals"), path);
    }
    return {};
}

} // namespace

Result<void> ActivityStore::Impl::refreshDailyLoads(AthleteId athlete, const std::set<qint64>& days)
{
    if (days.empty())
        return {};
    const QString what = QStringLiteral("update the daily totals");
    const auto a = static_cast<qlonglong>(athlete);
    if (days.size() > kPerDayRefreshLimit) {
        auto totals = sumDays(db, path, athlete, *days.begin(), *days.rbegin());
        if (!totals)
            return totals.error();
        if (auto r = exec(db, QStringLiteral("DELETE FROM daily_load WHERE athlete_id = ? AND day BETWEEN ? AND ?"),
                          {a, *days.begin(), *days.rbegin()}, what, path);
            !r)
            return r.error();
        return writeDays(db, path, athlete, *totals);
    }
    auto remove = prepare(db, QStringLiteral("DELETE FROM daily_load WHERE athlete_id = ? AND day = ?"), path);
    if (!remove)
        return remove.error();
    for (qint64 day : days) {
        auto totals = sumDays(db, path, athlete, day, day);
        if (!totals)
            return totals.error();
        if (totals->empty()) {
            if (auto r = run(*remove, {a, day}, what, path); !r)
                return r;
        } else if (auto r = writeDays(db, path, athlete, *totals); !r) {
            return r;
        }
    }
    return {};
}

Result<void> ActivityStore::Impl::rebuildDailyLoads(AthleteId athlete)
{
    const auto a = static_cast<qlonglong>(athlete);
    if (auto r = exec(db, QStringLiteral("DELETE FROM daily_load WHERE athlete_id = ?"), {a},
                      QStringLiteral("rebuild the daily totals"), path);
        !r)
        return r.error();
    auto totals = sumDays(db, path, athlete, std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max());
    if (!totals)
        return totals.error();
    return writeDays(db, path, athlete, *totals);
}

Result<void> ActivityStore::Impl::updateChart(AthleteId athlete, std::optional<qint64> day, const PmcSettings& settings)
{
    const QString what = QStringLiteral("update the training-load chart");
    const auto a = static_cast<qlonglong>(athlete);
    auto range =
        exec(db, QStringLiteral("SELECT MIN(day), MAX(day) FROM daily_load WHERE athlete_id = ?"), {a}, what, path);
    if (!range)
        return range.error();
    if (!range->next() || range->value(0).isNull()) {
        auto r = exec(db, QStringLiteral("DELETE FROM pmc_cache WHERE athlete_id = ?"), {a}, what, path);
        return r ? Result<void>() : Result<void>(r.error());
    }
    const qint64 firstDay = range->value(0).toLongLong();
    const qint64 lastDay = range->value(1).toLongLong();

    // The chart before `day` is unchanged: continue from the cached state of the latest day before it. With no
    // such day the series starts at zero the day before the first load, as computePmc does.
    PmcState state;
    qint64 stateDay = firstDay - 1;
    bool fromCache = false;
    if (day) {
        auto before = exec(db,
                           QStringLiteral("SELECT day, ctl, atl FROM pmc_cache WHERE athlete_id = ? AND day < ? "
                                          "ORDER BY day DESC LIMIT 1"),
                           {a, *day}, what, path);
        if (!before)
            return before.error();
        if (before->next()) {
            stateDay = before->value(0).toLongLong();
            state = PmcState{before->value(1).toDouble(), before->value(2).toDouble()};
            fromCache = true;
        }
    }
    // Rows up to the state we continue from stay; a fresh start (the first day moved) replaces them all.
    const qint64 keepThrough = fromCache ? std::min(stateDay, lastDay) : std::numeric_limits<qint64>::min();
    if (auto r = exec(db, QStringLiteral("DELETE FROM pmc_cache WHERE athlete_id = ? AND day > ?"), {a, keepThrough},
                      what, path);
        !r)
        return r.error();
    if (stateDay >= lastDay)
        return {};

    auto loadsQuery = exec(db,
                           QStringLiteral("SELECT day, load FROM daily_load WHERE athlete_id = ? AND day > ? "
                                          "ORDER BY day"),
                           {a, stateDay}, what, path);
    if (!loadsQuery)
        return loadsQuery.error();
    std::vector<DailyLoad> loads;
    while (loadsQuery->next())
        loads.push_back({QDate::fromJulianDay(loadsQuery->value(0).toLongLong()), loadsQuery->value(1).toDouble()});
    const std::vector<PmcDay> days =
        continuePmc(state, QDate::fromJulianDay(stateDay), loads, QDate::fromJulianDay(lastDay), settings);
    auto insert = prepare(db,
                          QStringLiteral("INSERT INTO pmc_cache (athlete_id, day, load, ctl, atl, tsb) "
                                         "VALUES (?, ?, ?, ?, ?, ?)"),
                          path);
    if (!insert)
        return insert.error();
    for (const PmcDay& d : days) {
        insert->bindInt64(0, a);
        insert->bindInt64(1, d.date.toJulianDay());
        int i = 2;
        for (double v : {d.load, d.ctl, d.atl, d.tsb})
            insert->bindDouble(i++, v);
        if (!insert->exec())
            return sqlError(*insert, what, path);
    }
    return {};
}

namespace {

// The rows whose stored load believableLoad (core/model/plausible.h) refuses, as SQL: they are recomputed when the
// store opens, whatever formula version wrote them.
QString unbelievableLoadSql()
{
    const auto n = [](double v) { return QString::number(v, 'g', 17); };
    return QStringLiteral(
               "((load_source = 'user' AND NOT (load >= 0 AND load <= %1)) OR "
               "(load_source IN ('estimate', 'none') AND NOT (load >= 0 AND load <= %2)) OR "
               "(load_source NOT IN ('user', 'estimate', 'none') AND "
               "NOT (load >= 0 AND load <= %3 * max(moving_sec, elapsed_sec) / 3600.0 * (1 + 1e-9) + 1e-9)))")
        .arg(n(plausible::kUserLoad.max), n(plausible::kActivityLoad.max), n(plausible::kMaxLoadPerHour));
}

} // namespace

Result<RecomputedLoads> ActivityStore::Impl::recomputeLoads(AthleteId athlete, std::optional<qint64> fromDay,
                                                            bool staleOnly, ChangedDays& changes)
{
    auto ctx = context(athlete);
    if (!ctx)
        return ctx.error();
    QString sql =
        QStringLiteral("SELECT %1 FROM activities WHERE athlete_id = ? AND local_date >= ?").arg(summaryColumns());
    QVariantList values{static_cast<qlonglong>(athlete), fromDay.value_or(std::numeric_limits<qint64>::min())};
    if (staleOnly) {
        sql += QStringLiteral(" AND (metrics_version < ? OR %1)").arg(unbelievableLoadSql());
        values << kMetricsVersion;
    }
    auto q = exec(db, sql, values, QStringLiteral("read activities to recompute their loads"), path);
    if (!q)
        return q.error();
    std::vector<Activity> stored;
    while (q->next())
        stored.push_back(readSummary(*q));
    q->reset();

    auto reader = DetailReader::create(db, path);
    if (!reader)
        return reader.error();
    auto writer = ActivityWriter::create(db, path);
    if (!writer)
        return writer.error();
    RecomputedLoads done;
    for (Activity& a : stored) {
        auto load = computeStoredLoad(a, *ctx, *reader);
        if (!load)
            return load.error();
        if (auto r = writer->setLoad(a.id, *load); !r)
            return r.error();
        ++done.activities;
        if (load->load != a.load || load->source != a.loadSource) {
            changes.mark(athlete, a.localDate().toJulianDay());
            ++done.changed;
        }
        a.streams = {}; // keep memory flat when recomputing years of recorded data
    }
    return done;
}

Result<void> ActivityStore::Impl::recomputeStale()
{
    auto q = exec(db,
                  QStringLiteral("SELECT DISTINCT athlete_id FROM activities WHERE metrics_version < ? OR %1")
                      .arg(unbelievableLoadSql()),
                  {kMetricsVersion}, QStringLiteral("look for loads computed by older formulas"), path);
    if (!q)
        return q.error();
    std::vector<AthleteId> athletes;
    while (q->next())
        athletes.push_back(q->value(0).toLongLong());
    q->reset();
    if (athletes.empty())
        return {};
    Transaction tx(db, path);
    if (auto r = tx.begin(); !r)
        return r;
    ChangedDays changes;
    for (AthleteId athlete : athletes) {
        if (auto r = recomputeLoads(athlete, std::nullopt, true, changes); !r)
            return r.error();
        changes.rebuild.insert(athlete);
    }
    if (auto r = applyChanges(changes); !r)
        return r;
    return tx.commit();
}

} // namespace tricoach
