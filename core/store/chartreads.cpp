// Reading the aggregates: daily totals and the chart, answered from the cache without recomputing history.
#include "core/store/storeimpl.h"

#include <QDebug>

#include <limits>

namespace tricoach {

using namespace store;

void ActivityStore::Impl::syncWithOtherWriters() const
{
    // data_version changes only when another connection (the CLI, a sync, a second window) commits.
    auto q = exec(db, QStringLiteral("PRAGMA data_version"), {}, QStringLiteral("check for other writers"), path);
    if (!q || !q->next()) {
        charts.clear();
        return;
    }
    const qint64 version = q->int64(0);
    if (version != dataVersion)
        charts.clear();
    dataVersion = version;
}

const ActivityStore::Impl::Chart* ActivityStore::Impl::chart(AthleteId athlete) const
{
    syncWithOtherWriters();
    if (auto it = charts.find(athlete); it != charts.end())
        return &it->second;
    auto settings = loadSettings(athlete);
    if (!settings)
        return nullptr;
    Chart c;
    c.settings = settings->pmc;
    auto q =
        exec(db, QStringLiteral("SELECT day, load, ctl, atl, tsb FROM pmc_cache WHERE athlete_id = ? ORDER BY day"),
             {static_cast<qlonglong>(athlete)}, QStringLiteral("read the training-load chart"), path);
    if (!q) {
        qWarning().noquote() << q.error().message;
        return nullptr;
    }
    while (q->next()) {
        c.days.push_back(PmcDay{QDate::fromJulianDay(q->value(0).toLongLong()), q->value(1).toDouble(),
                                q->value(2).toDouble(), q->value(3).toDouble(), q->value(4).toDouble()});
    }
    // The cache is dense; a gap would mean a damaged cache, and answering from it would be wrong.
    for (std::size_t i = 1; i < c.days.size(); ++i) {
        if (c.days[i - 1].date.daysTo(c.days[i].date) != 1) {
            qWarning().noquote() << QStringLiteral("The chart cache in %1 has a gap; it is rebuilt.").arg(path);
            return nullptr;
        }
    }
    return &charts.emplace(athlete, std::move(c)).first->second;
}

std::vector<DailyLoad> ActivityStore::dailyLoads(AthleteId athlete, std::optional<QDate> from,
                                                 std::optional<QDate> to) const
{
    std::vector<DailyLoad> out;
    QString sql = QStringLiteral("SELECT day, load FROM daily_load WHERE athlete_id = ?");
    QVariantList values{static_cast<qlonglong>(athlete)};
    if (from && from->isValid()) {
        sql += QStringLiteral(" AND day >= ?");
        values << from->toJulianDay();
    }
    if (to && to->isValid()) {
        sql += QStringLiteral(" AND day <= ?");
        values << to->toJulianDay();
    }
    sql += QStringLiteral(" ORDER BY day");
    auto q = exec(d->db, sql, values, QStringLiteral("read the daily loads"), d->path);
    if (!q) {
        qWarning().noquote() << q.error().message;
        return out;
    }
    while (q->next())
        out.push_back(DailyLoad{QDate::fromJulianDay(q->value(0).toLongLong()), q->value(1).toDouble()});
    return out;
}

std::vector<PmcDay> ActivityStore::pmc(AthleteId athlete, const QDate& from, const QDate& to) const
{
    std::vector<PmcDay> out;
    if (!from.isValid() || !to.isValid() || to < from)
        return out;
    const Impl::Chart* c = d->chart(athlete);
    if (!c) // an unreadable or damaged cache: compute from the daily totals instead of showing nothing
        return computePmc(dailyLoads(athlete), from, to, metricSettings(athlete).pmc);
    out.reserve(static_cast<std::size_t>(from.daysTo(to) + 1));
    // Before the first day with a load the chart is zero.
    const QDate first = c->days.empty() ? to.addDays(1) : c->days.front().date;
    for (QDate day = from; day <= to && day < first; day = day.addDays(1))
        out.push_back(PmcDay{day, 0, 0, 0, 0});
    if (c->days.empty())
        return out;
    const QDate last = c->days.back().date;
    if (from <= last && to >= first) {
        const auto begin = static_cast<std::size_t>(std::max<qint64>(0, first.daysTo(from)));
        const auto end = static_cast<std::size_t>(first.daysTo(std::min(to, last))) + 1;
        out.insert(out.end(), c->days.begin() + static_cast<std::ptrdiff_t>(begin),
                   c->days.begin() + static_cast<std::ptrdiff_t>(end));
    }
    // After the last load the chart decays with zero-load days, continued exactly as computePmc would.
    if (to > last) {
        const PmcDay& end = c->days.back();
        for (const PmcDay& day : continuePmc(PmcState{end.ctl, end.atl}, last, {}, to, c->settings)) {
            if (day.date >= from)
                out.push_back(day);
        }
    }
    return out;
}

std::optional<QDate> ActivityStore::firstActivityDate(AthleteId athlete, std::optional<QDate> onOrAfter) const
{
    const qlonglong from = onOrAfter ? onOrAfter->toJulianDay() : std::numeric_limits<qlonglong>::min();
    auto q =
        exec(d->db, QStringLiteral("SELECT MIN(local_date) FROM activities WHERE athlete_id = ? AND local_date >= ?"),
             {static_cast<qlonglong>(athlete), from}, QStringLiteral("find the first activity"), d->path);
    if (!q || !q->next() || q->value(0).isNull())
        return std::nullopt;
    return QDate::fromJulianDay(q->value(0).toLongLong());
}

} // namespace tricoach
