#include "core/metrics/pmc.h"

#include <algorithm>
#include <cmath>

namespace tricoach {

PmcState advancePmc(PmcState previous, double load, const PmcSettings& settings)
{
    // Coggan's Performance Manager: an exponentially weighted average with decay e^(−1/τ) per day.
    const double kFitness = 1.0 - std::exp(-1.0 / settings.fitnessDays);
    const double kFatigue = 1.0 - std::exp(-1.0 / settings.fatigueDays);
    return PmcState{previous.ctl + (load - previous.ctl) * kFitness, previous.atl + (load - previous.atl) * kFatigue};
}

std::vector<PmcDay> continuePmc(PmcState startState, const QDate& stateDate, const std::vector<DailyLoad>& loads,
                                const QDate& to, const PmcSettings& settings)
{
    std::vector<PmcDay> out;
    if (!stateDate.isValid() || !to.isValid() || to <= stateDate)
        return out;
    // Dense per-day loads: one slot per day after stateDate, so the walk below is a straight loop.
    const auto days = static_cast<std::size_t>(stateDate.daysTo(to));
    std::vector<double> byDay(days, 0.0);
    const qint64 base = stateDate.toJulianDay() + 1;
    for (const auto& l : loads) {
        const qint64 i = l.date.toJulianDay() - base;
        // A load that is not a finite, non-negative number (bad data that slipped past every check) adds nothing:
        // it would otherwise turn every later day of the chart into infinity or NaN.
        if (i >= 0 && static_cast<std::size_t>(i) < days && std::isfinite(l.load) && l.load > 0)
            byDay[static_cast<std::size_t>(i)] += l.load;
    }
    out.reserve(days);
    PmcState state = startState;
    for (std::size_t i = 0; i < days; ++i) {
        const double tsb = state.ctl - state.atl; // Form: yesterday's Fitness − Fatigue
        state = advancePmc(state, byDay[i], settings);
        out.push_back(PmcDay{QDate::fromJulianDay(base + static_cast<qint64>(i)), byDay[i], state.ctl, state.atl, tsb});
    }
    return out;
}

std::vector<PmcDay> computePmc(const std::vector<DailyLoad>& loads, const QDate& from, const QDate& to,
                               const PmcSettings& settings)
{
    std::vector<PmcDay> out;
    if (!from.isValid() || !to.isValid() || to < from)
        return out;
    QDate first;
    for (const auto& l : loads) {
        if (std::isfinite(l.load) && l.load > 0 && (!first.isValid() || l.date < first))
            first = l.date;
    }
    // The chart is 0 up to and including the day before the first load.
    const QDate zeroDay = first.isValid() ? first.addDays(-1) : to;
    const QDate start = std::min(zeroDay, from.addDays(-1));
    std::vector<PmcDay> all = continuePmc(PmcState{}, start, loads, to, settings);
    out.reserve(static_cast<std::size_t>(from.daysTo(to) + 1));
    for (auto& d : all) {
        if (d.date >= from)
            out.push_back(d);
    }
    return out;
}

double rampRate(const std::vector<PmcDay>& series, const QDate& day)
{
    auto ctlOn = [&series](const QDate& d) {
        auto it = std::lower_bound(series.begin(), series.end(), d,
                                   [](const PmcDay& p, const QDate& x) { return p.date < x; });
        return (it != series.end() && it->date == d) ? it->ctl : 0.0;
    };
    return ctlOn(day) - ctlOn(day.addDays(-7));
}

} // namespace tricoach
