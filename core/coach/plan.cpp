#include "core/coach/plan.h"

namespace tricoach {

QString phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Base:
        return QStringLiteral("Base");
    case Phase::Build:
        return QStringLiteral("Build");
    case Phase::Peak:
        return QStringLiteral("Peak");
    case Phase::Taper:
        return QStringLiteral("Taper");
    case Phase::Accumulation:
        return QStringLiteral("Accumulation");
    case Phase::Intensification:
        return QStringLiteral("Intensification");
    case Phase::Realization:
        return QStringLiteral("Realization");
    case Phase::Speed:
        return QStringLiteral("Speed");
    case Phase::Endurance:
        return QStringLiteral("Endurance");
    case Phase::Recovery:
        return QStringLiteral("Recovery");
    }
    return QString();
}

QDate taperStart(const QDate& raceDay)
{
    const QDate raceWeek = raceDay.addDays(1 - raceDay.dayOfWeek());
    return raceWeek.addDays(raceDay.dayOfWeek() >= 5 ? -7 : -14);
}

double PlannedDay::minutes(bool includeRace) const
{
    double m = 0;
    for (const Workout& w : workouts)
        if (includeRace || !w.race)
            m += w.minutes();
    return m;
}

double PlannedDay::hardMinutes(bool includeRace) const
{
    double m = 0;
    for (const Workout& w : workouts)
        if (includeRace || !w.race)
            m += w.hardMinutes();
    return m;
}

double PlannedDay::plannedLoad() const
{
    double load = 0;
    for (const Workout& w : workouts)
        load += w.plannedLoad();
    return load;
}

bool PlannedDay::hasRace() const
{
    for (const Workout& w : workouts)
        if (w.race)
            return true;
    return false;
}

double WeekPlan::hours(bool includeRace) const
{
    double m = 0;
    for (const PlannedDay& d : days)
        m += d.minutes(includeRace);
    return m / 60.0;
}

double WeekPlan::plannedLoad() const
{
    double load = 0;
    for (const PlannedDay& d : days)
        load += d.plannedLoad();
    return load;
}

bool WeekPlan::hasRace() const
{
    for (const PlannedDay& d : days)
        if (d.hasRace())
            return true;
    return false;
}

std::vector<PmcDay> SeasonPlan::projection(const PmcSettings& settings) const
{
    std::vector<PmcDay> out;
    PmcState state = profile.fitness;
    for (const WeekPlan& w : weeks) {
        for (const PlannedDay& d : w.days) {
            PmcDay day;
            day.date = d.date;
            day.load = d.plannedLoad();
            day.tsb = state.ctl - state.atl; // Form: yesterday's Fitness − Fatigue
            state = advancePmc(state, day.load, settings);
            day.ctl = state.ctl;
            day.atl = state.atl;
            out.push_back(day);
        }
    }
    return out;
}

const WeekPlan* SeasonPlan::week(const QDate& anyDay) const
{
    for (const WeekPlan& w : weeks)
        if (anyDay >= w.weekStart && anyDay < w.weekStart.addDays(7))
            return &w;
    return nullptr;
}

} // namespace tricoach
