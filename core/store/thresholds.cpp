// Threshold changes: storing them, the first values that take effect from the start of the history, and the loads
// recomputed after each change.
#include "core/model/plausible.h"
#include "core/store/storeimpl.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace tricoach {

using namespace store;

namespace {

// The threshold columns, in the order of thresholdFields().
constexpr const char* kThresholdColumns = "ftp_watts, lthr_bike, lthr_run, lthr_swim, max_hr, resting_hr, "
                                          "run_threshold_speed, css_speed, weight_kg, run_power_watts";

std::array<std::optional<double>*, 10> thresholdFields(Thresholds& t)
{
    return {&t.ftpWatts,  &t.lthrBike,          &t.lthrRun,  &t.lthrSwim, &t.maxHr,
            &t.restingHr, &t.runThresholdSpeed, &t.cssSpeed, &t.weightKg, &t.runPowerWatts};
}

Result<void> checkChange(const ThresholdChange& change)
{
    if (!change.effectiveFrom.isValid())
        return makeError(QStringLiteral("A threshold change needs the day it takes effect."),
                         QStringLiteral("store.invalid-date"));
    Thresholds values = change.values;
    for (auto* field : thresholdFields(values)) {
        if (*field && !(std::isfinite(**field) && **field > 0))
            return makeError(QStringLiteral("Thresholds must be positive numbers; %1 is not.").arg(**field),
                             QStringLiteral("store.invalid-threshold"));
    }
    return checkThresholds(change.values);
}

} // namespace

QString ThresholdUpdate::summary() const
{
    if (recomputed == 0)
        return QStringLiteral("No stored activity needed its load recomputed.");
    const QString changedText = changed == 1 ? QStringLiteral("1 changed") : QStringLiteral("%1 changed").arg(changed);
    if (recomputed == 1)
        return QStringLiteral("The load of 1 activity from %1 on was recomputed (%2).")
            .arg(from.toString(Qt::ISODate), changedText);
    return QStringLiteral("Loads of %1 activities from %2 on were recomputed (%3).")
        .arg(recomputed)
        .arg(from.toString(Qt::ISODate), changedText);
}

Result<ThresholdHistory> ActivityStore::Impl::loadHistory(AthleteId athlete) const
{
    auto q = exec(db,
                  QStringLiteral("SELECT effective_from, %1 FROM threshold_changes WHERE athlete_id = ? "
                                 "ORDER BY effective_from")
                      .arg(QLatin1String(kThresholdColumns)),
                  {static_cast<qlonglong>(athlete)}, QStringLiteral("read the threshold history"), path);
    if (!q)
        return q.error();
    std::vector<ThresholdChange> changes;
    while (q->next()) {
        ThresholdChange c;
        c.effectiveFrom = QDate::fromJulianDay(q->value(0).toLongLong());
        int i = 1;
        for (auto* field : thresholdFields(c.values))
            *field = optionalDouble(q->value(i++));
        changes.push_back(c);
    }
    return ThresholdHistory(std::move(changes));
}

Result<void> ActivityStore::Impl::storeThresholdChange(AthleteId athlete, const ThresholdChange& change)
{
    const auto a = static_cast<qlonglong>(athlete);
    const qint64 day = change.effectiveFrom.toJulianDay();
    const QString what = QStringLiteral("store the threshold change");
    auto existing = exec(db,
                         QStringLiteral("SELECT %1 FROM threshold_changes WHERE athlete_id = ? AND effective_from = ?")
                             .arg(QLatin1String(kThresholdColumns)),
                         {a, day}, what, path);
    if (!existing)
        return existing.error();
    // A second change on the same day merges: the fields it sets win, the others keep the earlier change's value.
    Thresholds merged;
    if (existing->next()) {
        int i = 0;
        for (auto* field : thresholdFields(merged))
            *field = optionalDouble(existing->value(i++));
    }
    existing->reset();
    Thresholds incoming = change.values;
    auto mergedFields = thresholdFields(merged);
    auto incomingFields = thresholdFields(incoming);
    QVariantList values{a, day};
    for (std::size_t i = 0; i < mergedFields.size(); ++i) {
        if (*incomingFields[i])
            *mergedFields[i] = *incomingFields[i];
        values << optionalValue(*mergedFields[i]);
    }
    auto q = exec(db,
                  QStringLiteral("INSERT OR REPLACE INTO threshold_changes (athlete_id, effective_from, %1) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                      .arg(QLatin1String(kThresholdColumns)),
                  values, what, path);
    if (!q)
        return q.error();
    return {};
}

Result<void> ActivityStore::Impl::extendFirstThresholds(AthleteId athlete, qint64 day)
{
    const auto a = static_cast<qlonglong>(athlete);
    const QString what = QStringLiteral("extend the first thresholds to older activities");
    auto q = exec(db,
                  QStringLiteral("SELECT (SELECT MIN(effective_from) FROM threshold_changes WHERE athlete_id = ?), "
                                 "(SELECT MIN(local_date) FROM activities WHERE athlete_id = ?)"),
                  {a, a}, what, path);
    if (!q)
        return q.error();
    if (!q->next() || q->value(0).isNull())
        return {};
    const qint64 earliest = q->value(0).toLongLong();
    const bool startOfHistory = q->value(1).isNull() || q->value(1).toLongLong() >= earliest;
    q->reset();
    if (day >= earliest || !startOfHistory)
        return {};
    auto moved = exec(db,
                      QStringLiteral("UPDATE threshold_changes SET effective_from = ? WHERE athlete_id = ? AND "
                                     "effective_from = ?"),
                      {day, a, earliest}, what, path);
    if (!moved)
        return moved.error();
    return {};
}

Result<ThresholdUpdate> ActivityStore::Impl::applyThresholdChanges(AthleteId athlete,
                                                                   std::vector<ThresholdChange> changes)
{
    for (const ThresholdChange& c : changes) {
        if (auto r = checkChange(c); !r)
            return r.error();
    }
    std::sort(changes.begin(), changes.end(),
              [](const ThresholdChange& a, const ThresholdChange& b) { return a.effectiveFrom < b.effectiveFrom; });
    Transaction tx(db, path);
    if (auto r = tx.begin(); !r)
        return r.error();
    if (auto known = requireAthlete(athlete); !known)
        return known.error();
    for (const ThresholdChange& c : changes) {
        if (auto r = storeThresholdChange(athlete, c); !r)
            return r.error();
    }
    ThresholdUpdate update;
    update.from = changes.front().effectiveFrom;
    ChangedDays changed;
    auto recomputed = recomputeLoads(athlete, update.from.toJulianDay(), false, changed);
    if (!recomputed)
        return recomputed.error();
    if (auto r = applyChanges(changed); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    update.stored = std::move(changes);
    update.recomputed = recomputed->activities;
    update.changed = recomputed->changed;
    return update;
}

Result<ThresholdUpdate> ActivityStore::addThresholdChange(AthleteId athlete, const ThresholdChange& change)
{
    return d->applyThresholdChanges(athlete, {change});
}

Result<ThresholdUpdate> ActivityStore::setThresholds(AthleteId athlete, const ThresholdChange& change)
{
    if (auto r = checkChange(change); !r)
        return r.error();
    if (auto known = d->requireAthlete(athlete); !known)
        return known.error();
    const std::optional<QDate> start = firstActivityDate(athlete);
    if (!start || *start >= change.effectiveFrom)
        return d->applyThresholdChanges(athlete, {change});
    auto history = d->loadHistory(athlete);
    if (!history)
        return history.error();
    // A field no change has set before is a first value: before it the athlete's history had nothing to be scored
    // against, so it takes effect from the history's first day. Fields set before keep the day the athlete chose.
    ThresholdChange first{*start, {}};
    ThresholdChange later{change.effectiveFrom, {}};
    Thresholds incoming = change.values;
    const auto incomingFields = thresholdFields(incoming);
    const auto firstFields = thresholdFields(first.values);
    const auto laterFields = thresholdFields(later.values);
    for (std::size_t i = 0; i < incomingFields.size(); ++i) {
        if (!*incomingFields[i])
            continue;
        bool setBefore = false;
        for (ThresholdChange c : history->changes())
            setBefore = setBefore || thresholdFields(c.values)[i]->has_value();
        *(setBefore ? laterFields[i] : firstFields[i]) = *incomingFields[i];
    }
    std::vector<ThresholdChange> changes;
    if (!(first.values == Thresholds{}))
        changes.push_back(first);
    if (!(later.values == Thresholds{}) || changes.empty())
        changes.push_back(later);
    return d->applyThresholdChanges(athlete, std::move(changes));
}

ThresholdHistory ActivityStore::thresholdHistory(AthleteId athlete) const
{
    auto history = d->loadHistory(athlete);
    return history ? *history : ThresholdHistory{};
}

} // namespace tricoach
