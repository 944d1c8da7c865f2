#include "core/coach/replan.h"

#include "core/coach/weekplanner.h"

#include <algorithm>

namespace tricoach {

namespace {
// An activity counts as hard when its intensity (or, without one, its load per hour) is at tempo or above.
bool wasHard(const Activity& a)
{
    if (a.intensity)
        return *a.intensity >= 0.85;
    const double hours = a.durationSec() / 3600;
    return hours > 0 && a.load / hours >= 72; // IF ≈ 0.85
}
} // namespace

Replanned replanRestOfWeek(const CoachProfile& profile, const WeekPlan& planned, const std::vector<Activity>& done,
                           const QDate& today)
{
    Replanned out;
    out.week = planned;
    out.plannedLoad = planned.plannedLoad();
    const int todayIndex = static_cast<int>(planned.weekStart.daysTo(today));
    if (todayIndex < 0 || todayIndex > 6 || planned.hasRace()) {
        out.compliance = 1;
        return out;
    }
    double plannedBefore = 0, doneBefore = 0, doneMinutesBefore = 0, remainingPlanned = 0;
    for (const PlannedDay& d : planned.days) {
        if (d.date < today)
            plannedBefore += d.minutes();
        else
            remainingPlanned += d.plannedLoad();
    }
    bool doneToday = false, hardYesterday = false;
    for (const Activity& a : done) {
        const QDate day = a.localDate();
        if (day < planned.weekStart || day > today)
            continue;
        out.doneLoad += a.load;
        if (day < today) {
            doneMinutesBefore += a.durationSec() / 60;
            doneBefore += a.load;
        }
        doneToday |= day == today;
        hardYesterday |= day == today.addDays(-1) && wasHard(a);
    }
    out.compliance = plannedBefore > 0 ? doneMinutesBefore / plannedBefore : 1;
    // Today is planned again only when nothing was done on it yet.
    const int from = doneToday ? todayIndex + 1 : todayIndex;
    if (from > 6)
        return out;
    double originalRest = 0, originalRestMinutes = 0;
    for (int d = from; d < 7; ++d) {
        originalRest += planned.days[static_cast<std::size_t>(d)].plannedLoad();
        originalRestMinutes += planned.days[static_cast<std::size_t>(d)].minutes();
    }
    const double wanted = std::clamp(out.plannedLoad - out.doneLoad, 0.0, originalRest * 1.3);
    if (originalRest <= 0 || std::abs(wanted - originalRest) < originalRest * 0.05) {
        out.note = QStringLiteral("On track: the rest of the week stays as planned.");
        return out;
    }
    // Load to hours at the week's own load per hour.
    const double loadPerMinute = originalRest / std::max(1.0, originalRestMinutes);
    CoachProfile rest = profile;
    for (int d = 0; d < from; ++d)
        rest.hoursByWeekday[static_cast<std::size_t>(planned.days[static_cast<std::size_t>(d)].date.dayOfWeek() - 1)] =
            0;
    WeekTarget target;
    target.weekStart = planned.weekStart;
    target.phase = planned.phase;
    target.recoveryWeek = planned.recoveryWeek;
    target.hours = wanted / loadPerMinute / 60;
    if (from > 0 && hardYesterday)
        target.noHardDay[static_cast<std::size_t>(from)] = true;
    const WeekPlan again = planWeek(rest, target);
    for (int d = from; d < 7; ++d)
        out.week.days[static_cast<std::size_t>(d)] = again.days[static_cast<std::size_t>(d)];
    out.note = wanted > originalRest
                   ? QStringLiteral("Sessions were missed: the days left carry %1 more load (at most 30% more, so "
                                    "the week is not crammed).")
                         .arg(std::lround(std::max(0.0, again.plannedLoad() - originalRest)))
                   : QStringLiteral("More was done than planned: the days left are %1 load lighter.")
                         .arg(std::lround(std::max(0.0, originalRest - again.plannedLoad())));
    return out;
}

} // namespace tricoach
