#pragma once

#include "core/metrics/settings.h"

#include <QDate>

#include <vector>

namespace tricoach {

// The summed load of one calendar day.
struct DailyLoad {
    QDate date;
    double load = 0;
};

// Fitness and Fatigue at the end of a day.
struct PmcState {
    double ctl = 0;
    double atl = 0;
};

// One day of the Performance Management Chart. `tsb` (Form) is the previous day's CTL − ATL: the freshness
// with which the athlete starts the day.
struct PmcDay {
    QDate date;
    double load = 0;
    double ctl = 0;
    double atl = 0;
    double tsb = 0;
};

// CTL(d) = CTL(d−1) + (load(d) − CTL(d−1)) × (1 − e^(−1/42)); ATL likewise with 7 days
// (exponentially weighted moving average of daily load; Banister's impulse–response model as used in
// Coggan's Performance Manager).
PmcState advancePmc(PmcState previous, double load, const PmcSettings& settings);

// The chart for every day of [from, to]. `loads` need not be sorted or dense; days without an entry are zero.
// The series starts at 0 on the day before the first load, so days before that are all zero.
std::vector<PmcDay> computePmc(const std::vector<DailyLoad>& loads, const QDate& from, const QDate& to,
                               const PmcSettings& settings);

// Continues a chart from a known state at the end of `startState`'s day (`stateDate`) through `to`.
// Used by the store to update the chart incrementally from the changed day on.
std::vector<PmcDay> continuePmc(PmcState startState, const QDate& stateDate, const std::vector<DailyLoad>& loads,
                                const QDate& to, const PmcSettings& settings);

// Ramp rate on `day`: CTL(day) − CTL(day − 7). `series` must cover both days (days before it count as 0).
double rampRate(const std::vector<PmcDay>& series, const QDate& day);

} // namespace tricoach
