#include "core/model/athlete.h"

#include <algorithm>

namespace tricoach {

std::optional<double> Thresholds::lthrFor(Sport sport) const
{
    switch (sport) {
    case Sport::Bike:
        return lthrBike ? lthrBike : lthrRun;
    case Sport::Run:
        return lthrRun ? lthrRun : lthrBike;
    case Sport::Swim:
        return lthrSwim ? lthrSwim : (lthrRun ? lthrRun : lthrBike);
    case Sport::Row:
        // Rowing, like cycling, is seated whole-body work: its threshold heart rate sits near the bike's.
        return lthrBike ? lthrBike : lthrRun;
    case Sport::Brick:
    case Sport::Walk:
    case Sport::Hike:
    case Sport::Strength:
    case Sport::Transition:
    case Sport::Other:
        return lthrRun ? lthrRun : lthrBike;
    }
    return std::nullopt;
}

ThresholdHistory::ThresholdHistory(std::vector<ThresholdChange> changes)
    : m_changes(std::move(changes))
{
    std::stable_sort(m_changes.begin(), m_changes.end(),
                     [](const auto& a, const auto& b) { return a.effectiveFrom < b.effectiveFrom; });
}

void ThresholdHistory::add(ThresholdChange change)
{
    auto pos = std::upper_bound(m_changes.begin(), m_changes.end(), change.effectiveFrom,
                                [](const QDate& d, const ThresholdChange& c) { return d < c.effectiveFrom; });
    m_changes.insert(pos, std::move(change));
}

Thresholds ThresholdHistory::at(const QDate& day) const
{
    Thresholds t;
    auto take = [](std::optional<double>& into, const std::optional<double>& from) {
        if (from)
            into = from;
    };
    for (const auto& c : m_changes) {
        if (day.isValid() && c.effectiveFrom.isValid() && c.effectiveFrom > day)
            break;
        const Thresholds& v = c.values;
        take(t.ftpWatts, v.ftpWatts);
        take(t.runPowerWatts, v.runPowerWatts);
        take(t.lthrBike, v.lthrBike);
        take(t.lthrRun, v.lthrRun);
        take(t.lthrSwim, v.lthrSwim);
        take(t.maxHr, v.maxHr);
        take(t.restingHr, v.restingHr);
        take(t.runThresholdSpeed, v.runThresholdSpeed);
        take(t.cssSpeed, v.cssSpeed);
        take(t.weightKg, v.weightKg);
    }
    return t;
}

} // namespace tricoach
