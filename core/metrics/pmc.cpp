#include "core/metrics/pmc.h"

#include <algorithm>
#include <cmath>
#include <map>

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
    std::map<qint64, double> byDay;
    for (const auto& l : loads) {
        if (l.date > stateDate && l.date <= to)
            byDay[l.date.toJulianDay()] += l.load;
    }
    out.reserve(static_cast<std::size_t>(stateDate.daysTo(to)));
    PmcState state = startState;
    for (qint64 jd = stateDate.toJulianDay() + 1; jd <= to.toJulianDay(); ++jd) {
        auto it = byDay.find(jd);
        const double load = it == byDay.end() ? 0.0 : it->second;
        const double tsb = state.ctl - state.atl; // Form: yesterday's Fitness − Fatigue
        state = advancePmc(state, load, settings);
        out.push_back(PmcDay{QDate::fromJulianDay(jd), load, state.ctl, state.atl, tsb});
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
        if (l.load != 0 && (!first.isValid() || l.date < first))
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
