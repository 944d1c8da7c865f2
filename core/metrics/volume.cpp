#include "core/metrics/volume.h"

#include <algorithm>

namespace tricoach {

void VolumeTotals::add(const Activity& a)
{
    ++count;
    hours += a.durationSec() / 3600.0;
    distanceKm += a.distanceM.value_or(0.0) / 1000.0;
    load += a.load;
}

QDate weekStartOf(const QDate& day)
{
    return day.addDays(1 - day.dayOfWeek());
}

namespace {

QDate firstWeekStart(const QDate& lastDay, int weeks)
{
    return weekStartOf(lastDay).addDays(-7LL * (weeks - 1));
}

} // namespace

std::vector<WeeklyVolume> weeklyVolume(const std::vector<Activity>& activities, const QDate& lastDay, int weeks)
{
    std::vector<WeeklyVolume> out;
    if (weeks <= 0 || !lastDay.isValid())
        return out;
    const QDate first = firstWeekStart(lastDay, weeks);
    out.resize(static_cast<std::size_t>(weeks));
    for (int w = 0; w < weeks; ++w)
        out[static_cast<std::size_t>(w)].weekStart = first.addDays(7LL * w);
    for (const Activity& a : activities) {
        const qint64 offset = first.daysTo(a.localDate());
        if (offset < 0 || offset >= 7LL * weeks)
            continue;
        WeeklyVolume& week = out[static_cast<std::size_t>(offset / 7)];
        week.bySport[a.sport].add(a);
        week.total.add(a);
    }
    return out;
}

namespace {

QDate periodStartOf(const QDate& day, VolumePeriod period)
{
    switch (period) {
    case VolumePeriod::Week:
        return weekStartOf(day);
    case VolumePeriod::Month:
        return QDate(day.year(), day.month(), 1);
    case VolumePeriod::Year:
        return QDate(day.year(), 1, 1);
    }
    return day;
}

QDate nextPeriodStart(const QDate& start, VolumePeriod period)
{
    switch (period) {
    case VolumePeriod::Week:
        return start.addDays(7);
    case VolumePeriod::Month:
        return start.addMonths(1);
    case VolumePeriod::Year:
        return start.addYears(1);
    }
    return start.addDays(1);
}

} // namespace

std::vector<PeriodVolume> periodVolume(const std::vector<Activity>& activities, const QDate& first, const QDate& last,
                                       VolumePeriod period)
{
    std::vector<PeriodVolume> out;
    if (!first.isValid() || !last.isValid() || last < first)
        return out;
    for (QDate start = periodStartOf(first, period); start <= last; start = nextPeriodStart(start, period))
        out.push_back(PeriodVolume{start, {}, {}});
    for (const Activity& a : activities) {
        const QDate d = a.localDate();
        if (d < first || d > last)
            continue;
        // The last period starting on or before the day.
        auto it = std::upper_bound(out.begin(), out.end(), d,
                                   [](const QDate& day, const PeriodVolume& p) { return day < p.start; });
        PeriodVolume& p = *(it - 1);
        p.bySport[a.sport].add(a);
        p.total.add(a);
    }
    return out;
}

std::vector<SportShare> sportDistribution(const std::vector<Activity>& activities, const QDate& first,
                                          const QDate& last)
{
    std::vector<SportShare> out;
    if (!first.isValid() || !last.isValid() || last < first)
        return out;
    std::map<Sport, VolumeTotals> bySport;
    VolumeTotals total;
    for (const Activity& a : activities) {
        const QDate d = a.localDate();
        if (d < first || d > last)
            continue;
        bySport[a.sport].add(a);
        total.add(a);
    }
    for (const auto& [sport, totals] : bySport) {
        SportShare share{sport, totals, 0, 0};
        share.hoursShare = total.hours > 0 ? totals.hours / total.hours : 0;
        share.loadShare = total.load > 0 ? totals.load / total.load : 0;
        out.push_back(share);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const SportShare& a, const SportShare& b) { return a.totals.hours > b.totals.hours; });
    return out;
}

std::vector<SportShare> sportDistribution(const std::vector<Activity>& activities, const QDate& lastDay, int weeks)
{
    if (weeks <= 0 || !lastDay.isValid())
        return {};
    return sportDistribution(activities, firstWeekStart(lastDay, weeks), weekStartOf(lastDay).addDays(6));
}

std::vector<HeatmapDay> dailyHeatmap(const std::vector<Activity>& activities, const QDate& from, const QDate& to)
{
    std::vector<HeatmapDay> out;
    if (!from.isValid() || !to.isValid() || to < from)
        return out;
    const auto days = static_cast<std::size_t>(from.daysTo(to) + 1);
    out.resize(days);
    for (std::size_t i = 0; i < days; ++i)
        out[i].date = from.addDays(static_cast<qint64>(i));
    for (const Activity& a : activities) {
        const qint64 offset = from.daysTo(a.localDate());
        if (offset >= 0 && static_cast<std::size_t>(offset) < days)
            out[static_cast<std::size_t>(offset)].totals.add(a);
    }
    return out;
}

} // namespace tricoach
