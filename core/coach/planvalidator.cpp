#include "core/coach/planvalidator.h"

#include "core/coach/weekplanner.h"

#include <algorithm>
#include <cmath>

namespace tricoach {

namespace {

QString day(const QDate& d)
{
    return d.toString(Qt::ISODate);
}

void checkSteps(const WeekPlan& week, std::vector<PlanIssue>& out)
{
    for (const PlannedDay& d : week.days) {
        for (const Workout& w : d.workouts) {
            double sum = 0;
            bool positive = true;
            for (const StepGroup& g : w.groups) {
                positive &= g.repeats >= 1;
                for (const WorkoutStep& s : g.steps) {
                    sum += g.repeats * s.minutes;
                    positive &= s.minutes > 0;
                }
            }
            const double duration = w.declaredMinutes > 0 ? w.declaredMinutes : std::round(w.minutes());
            const double parts = w.warmupMinutes() + w.mainSetMinutes() + w.cooldownMinutes();
            if (!positive || w.groups.empty() || std::abs(sum - duration) > 0.5 || std::abs(parts - sum) > 1e-6)
                out.push_back({QStringLiteral("step-durations"), d.date,
                               QStringLiteral("%1 on %2: its steps add up to %3 min, not the %4 min it is planned for.")
                                   .arg(w.sessionType, day(d.date))
                                   .arg(sum, 0, 'f', 1)
                                   .arg(duration, 0, 'f', 0)});
        }
    }
}

void checkWeek(const WeekPlan& week, const CoachProfile& profile, const PlanRules& rules, std::vector<PlanIssue>& out)
{
    checkSteps(week, out);
    const double available = profile.availableHours();
    const double hours = week.hours(false);
    if (hours > available + 1e-6)
        out.push_back({QStringLiteral("week-hours"), week.weekStart,
                       QStringLiteral("Week of %1: %2 h planned, but only %3 h are available.")
                           .arg(day(week.weekStart))
                           .arg(hours, 0, 'f', 1)
                           .arg(available, 0, 'f', 1)});
    for (int i = 0; i < static_cast<int>(week.days.size()); ++i) {
        const PlannedDay& d = week.days[static_cast<std::size_t>(i)];
        const double cap = profile.hoursByWeekday[static_cast<std::size_t>(d.date.dayOfWeek() - 1)] * 60;
        if (!d.hasRace() && d.minutes() > cap + 1e-6)
            out.push_back({QStringLiteral("day-hours"), d.date,
                           QStringLiteral("%1: %2 min planned on a day with %3 min available.")
                               .arg(day(d.date))
                               .arg(d.minutes(), 0, 'f', 0)
                               .arg(cap, 0, 'f', 0)});
    }
    const double minutes = week.hours(false) * 60;
    if (minutes >= rules.minWeekMinutesForIntensityRule && !week.hasRace()) {
        double hard = 0;
        for (const PlannedDay& d : week.days)
            hard += d.hardMinutes(false);
        const double easy = 1 - hard / minutes;
        if (std::abs(easy - rules.easyShare) > rules.easyTolerance + 1e-9)
            out.push_back({QStringLiteral("intensity-distribution"), week.weekStart,
                           QStringLiteral("Week of %1: %2% of the time is easy (Z1–Z2); 80/20 asks for %3–%4%.")
                               .arg(day(week.weekStart))
                               .arg(easy * 100, 0, 'f', 0)
                               .arg((rules.easyShare - rules.easyTolerance) * 100, 0, 'f', 0)
                               .arg((rules.easyShare + rules.easyTolerance) * 100, 0, 'f', 0)});
    }
    if (profile.level == Experience::Beginner) {
        const bool rest =
            std::any_of(week.days.begin(), week.days.end(), [](const PlannedDay& d) { return d.workouts.empty(); });
        if (!rest)
            out.push_back({QStringLiteral("rest-day"), week.weekStart,
                           QStringLiteral("Week of %1: a beginner needs at least one full rest day a week.")
                               .arg(day(week.weekStart))});
    }
}

} // namespace

std::vector<PlanIssue> validateWeek(const WeekPlan& week, const CoachProfile& profile, const PmcSettings& pmc,
                                    const PlanRules& rules)
{
    SeasonPlan one;
    one.profile = profile;
    one.weeks = {week};
    std::vector<PlanIssue> out;
    checkWeek(week, profile, rules, out);
    // Ramp and hard days across the week.
    const auto chart = one.projection(pmc);
    if (!chart.empty() && chart.back().ctl - profile.fitness.ctl > rules.maxRampPerWeek)
        out.push_back({QStringLiteral("ramp"), week.weekStart,
                       QStringLiteral("Week of %1: Fitness would rise by %2 (more than %3 a week).")
                           .arg(day(week.weekStart))
                           .arg(chart.back().ctl - profile.fitness.ctl, 0, 'f', 1)
                           .arg(rules.maxRampPerWeek)});
    for (std::size_t i = 1; i < week.days.size(); ++i)
        if (week.days[i - 1].hardMinutes() >= kHardDayMinutes && week.days[i].hardMinutes() >= kHardDayMinutes)
            out.push_back({QStringLiteral("hard-days"), week.days[i].date,
                           QStringLiteral("%1 and %2 are both hard days; put an easy day between them.")
                               .arg(day(week.days[i - 1].date), day(week.days[i].date))});
    return out;
}

std::vector<PlanIssue> validatePlan(const SeasonPlan& plan, const PmcSettings& pmc, const PlanRules& rules)
{
    std::vector<PlanIssue> out;
    for (const WeekPlan& w : plan.weeks)
        checkWeek(w, plan.profile, rules, out);

    // Fitness ramp, week by week, on the projected chart.
    const std::vector<PmcDay> chart = plan.projection(pmc);
    double weekStartCtl = plan.profile.fitness.ctl;
    for (std::size_t i = 0; i + 6 < chart.size(); i += 7) {
        const double ramp = chart[i + 6].ctl - weekStartCtl;
        // The race itself is no training load to ramp into: its week is not judged.
        const bool raceWeek = i / 7 < plan.weeks.size() && plan.weeks[i / 7].hasRace();
        if (!raceWeek && ramp > rules.maxRampPerWeek + 1e-9)
            out.push_back({QStringLiteral("ramp"), chart[i].date,
                           QStringLiteral("Week of %1: Fitness would rise by %2 (more than %3 a week).")
                               .arg(day(chart[i].date))
                               .arg(ramp, 0, 'f', 1)
                               .arg(rules.maxRampPerWeek)});
        weekStartCtl = chart[i + 6].ctl;
    }

    // No two hard days in a row, across week boundaries too.
    std::vector<const PlannedDay*> days;
    for (const WeekPlan& w : plan.weeks)
        for (const PlannedDay& d : w.days)
            days.push_back(&d);
    for (std::size_t i = 1; i < days.size(); ++i)
        if (days[i - 1]->hardMinutes() >= kHardDayMinutes && days[i]->hardMinutes() >= kHardDayMinutes)
            out.push_back({QStringLiteral("hard-days"), days[i]->date,
                           QStringLiteral("%1 and %2 are both hard days; put an easy day between them.")
                               .arg(day(days[i - 1]->date), day(days[i]->date))});

    // The race: a taper before it and Form in the window on the day.
    const bool hasRace = !plan.weeks.empty() && plan.weeks.back().hasRace();
    if (hasRace && plan.weeks.size() >= 3) {
        // The taper's days (taperStart) as a weekly rate against the biggest full week before them.
        const QDate raceDay = plan.profile.race.date;
        const QDate windowStart = taperStart(raceDay);
        double peak = 0, window = 0;
        for (const WeekPlan& w : plan.weeks) {
            if (w.weekStart < windowStart)
                peak = std::max(peak, w.hours(false));
            for (const PlannedDay& d : w.days)
                if (d.date >= windowStart && d.date < raceDay)
                    window += d.minutes(false) / 60;
        }
        const double windowDays = static_cast<double>(windowStart.daysTo(raceDay));
        const double last = window / windowDays * 7;
        const double cut = peak > 0 ? 1 - last / peak : 0;
        if (peak > 0 && (cut < rules.taperCutMin - 1e-9 || cut > rules.taperCutMax + 1e-9))
            out.push_back({QStringLiteral("taper"), windowStart,
                           QStringLiteral("The taper before the race averages %1 h a week against a peak of %2 h: a "
                                          "%3% cut, where a taper cuts 40–60%.")
                               .arg(last, 0, 'f', 1)
                               .arg(peak, 0, 'f', 1)
                               .arg(cut * 100, 0, 'f', 0)});
    }
    if (hasRace) {
        const QDate raceDay = plan.profile.race.date;
        for (const PmcDay& d : chart) {
            if (d.date != raceDay)
                continue;
            if (d.tsb < rules.raceFormMin || d.tsb > rules.raceFormMax)
                out.push_back({QStringLiteral("race-form"), raceDay,
                               QStringLiteral("Race day %1: Form would be %2; arrive between +%3 and +%4.")
                                   .arg(day(raceDay))
                                   .arg(d.tsb, 0, 'f', 1)
                                   .arg(rules.raceFormMin)
                                   .arg(rules.raceFormMax)});
        }
    }
    return out;
}

} // namespace tricoach
