#include "core/coach/planengine.h"

#include "core/coach/weekplanner.h"
#include "core/metrics/volume.h"

#include <algorithm>
#include <cmath>

namespace tricoach {

namespace {

struct WeekFrame {
    Phase phase;
    bool recovery = false;
};

// Weeks of the taper: the race week and the full weeks of the taper before it (taperStart).
int taperWeeks(const CoachProfile& profile, int weeks)
{
    const QDate raceWeek = weekStartOf(profile.race.date);
    const int wanted = static_cast<int>(taperStart(profile.race.date).daysTo(raceWeek) / 7) + 1;
    return std::min(weeks, wanted);
}

std::vector<WeekFrame> phases(const CoachProfile& profile, int weeks)
{
    std::vector<WeekFrame> out(static_cast<std::size_t>(weeks), WeekFrame{Phase::Base});
    const int taper = weeks >= 3 ? taperWeeks(profile, weeks) : weeks;
    const int training = weeks - taper;
    for (int i = training; i < weeks; ++i)
        out[static_cast<std::size_t>(i)].phase = Phase::Taper;
    auto assign = [&](std::initializer_list<std::pair<Phase, double>> parts) {
        int at = 0;
        double sum = 0;
        for (const auto& [phase, share] : parts) {
            sum += share;
            const int end = std::min(training, static_cast<int>(std::lround(training * sum)));
            for (; at < end; ++at)
                out[static_cast<std::size_t>(at)].phase = phase;
        }
        for (; at < training; ++at)
            out[static_cast<std::size_t>(at)].phase = std::data(parts)[parts.size() - 1].first;
    };
    switch (profile.model) {
    case Periodization::Linear:
        assign({{Phase::Base, 0.45}, {Phase::Build, 0.35}, {Phase::Peak, 0.20}});
        break;
    case Periodization::Block:
        assign({{Phase::Accumulation, 0.5}, {Phase::Intensification, 0.35}, {Phase::Realization, 0.15}});
        break;
    case Periodization::Reverse:
        assign({{Phase::Speed, 0.3}, {Phase::Endurance, 0.5}, {Phase::Peak, 0.2}});
        break;
    }
    // A recovery week every fourth week (third for beginners), never just before the taper.
    const int every = profile.level == Experience::Beginner ? 3 : 4;
    for (int i = every - 1; i < training - 1; i += every)
        out[static_cast<std::size_t>(i)].recovery = true;
    return out;
}

// The most weekly hours worth training for a race distance at a level: more time than this adds fatigue, not
// speed, for an age-group athlete (typical ranges in Friel's Triathlete's Training Bible).
double usefulHours(RaceDistance d, Experience e)
{
    const double byDistance[] = {8, 10, 13, 17};
    const double byLevel = e == Experience::Beginner ? 0.75 : e == Experience::Intermediate ? 0.9 : 1.0;
    return byDistance[static_cast<int>(d)] * byLevel;
}

double growthOf(Experience e)
{
    switch (e) {
    case Experience::Beginner:
        return 1.05;
    case Experience::Intermediate:
        return 1.07;
    case Experience::Advanced:
        return 1.08;
    }
    return 1.06;
}

// Fitness and Fatigue after a week of planned days.
PmcState afterWeek(PmcState state, const WeekPlan& week, const PmcSettings& settings)
{
    for (const PlannedDay& d : week.days)
        state = advancePmc(state, d.plannedLoad(), settings);
    return state;
}

bool sundayHard(const WeekPlan& week)
{
    return !week.days.empty() && week.days.back().hardMinutes() >= kHardDayMinutes;
}

struct TaperChoice {
    std::vector<WeekPlan> weeks;
    double score = 1e18; // 0: the taper is 40–60 % and race-day Form is in the engine's window
};

// The taper's weeks: the cut below the peak and its split between the first taper week and the later ones are
// searched so that race-day Form lands in the window (Form rises as the race week lightens).
TaperChoice bestTaper(const SeasonPlan& plan, const QDate& start, int weeks, int taperFrom,
                      const EngineSettings& settings)
{
    const CoachProfile& profile = plan.profile;
    double peakHours = 1;
    for (const WeekPlan& w : plan.weeks)
        peakHours = std::max(peakHours, w.hours());
    TaperChoice best;
    for (double cut = 0.40; cut <= 0.601; cut += 0.04) {
        for (double split : {0.0, -0.15, 0.15, -0.3, 0.3, -0.45, 0.45, 0.6, -0.6, 0.8}) {
            std::vector<WeekPlan> taper;
            // The first taper week carries (1 + split) of the tapered level, the later ones (1 − split); the race
            // week in proportion to its days before the race.
            const QDate windowStart = taperStart(profile.race.date);
            for (int i = taperFrom; i < weeks; ++i) {
                WeekTarget target;
                target.weekStart = start.addDays(7 * i);
                target.phase = Phase::Taper;
                target.previousDayHard =
                    !taper.empty() ? sundayHard(taper.back()) : (!plan.weeks.empty() && sundayHard(plan.weeks.back()));
                const bool raceWeek = i == weeks - 1;
                target.nextDayHard = i == weeks - 2 && profile.race.date == start.addDays(7 * (i + 1));
                double factor = (1 - cut) * (i == taperFrom ? 1 + split : 1 - split);
                if (raceWeek)
                    factor *= std::clamp(target.weekStart.daysTo(profile.race.date) / 7.0, 0.0, 1.0);
                target.hours = peakHours * factor;
                taper.push_back(raceWeek ? planRaceWeek(profile, target) : planWeek(profile, target));
            }
            SeasonPlan trial = plan;
            trial.weeks.insert(trial.weeks.end(), taper.begin(), taper.end());
            double form = 0;
            for (const PmcDay& d : trial.projection(settings.pmc))
                if (d.date == profile.race.date)
                    form = d.tsb;
            double actualCut = 0.5;
            if (peakHours > 0) {
                double minutes = 0;
                for (const WeekPlan& w : taper)
                    for (const PlannedDay& d : w.days)
                        if (d.date >= windowStart && d.date < profile.race.date)
                            minutes += d.minutes(false);
                const double days = static_cast<double>(windowStart.daysTo(profile.race.date));
                actualCut = 1 - minutes / 60 / days * 7 / peakHours;
            }
            const double formMiss = form < settings.raceFormLow    ? settings.raceFormLow - form
                                    : form > settings.raceFormHigh ? form - settings.raceFormHigh
                                                                   : 0;
            const double cutMiss = std::max({0.0, 0.405 - actualCut, actualCut - 0.595});
            const double score = cutMiss * 1000 + formMiss;
            if (score < best.score) {
                best.score = score;
                best.weeks = std::move(taper);
            }
        }
        if (best.score == 0)
            break;
    }
    return best;
}

} // namespace

QDate planStart(const QDate& today)
{
    // The current week is planned whole, so what was done on its first days can be set against the plan.
    return today.addDays(1 - today.dayOfWeek());
}

SeasonPlan planSeason(const CoachProfile& profile, const EngineSettings& settings)
{
    SeasonPlan plan;
    plan.profile = profile;
    const QDate start = planStart(profile.today.isValid() ? profile.today : QDate::currentDate());
    const QDate raceWeek = weekStartOf(profile.race.date);
    if (!profile.race.date.isValid() || raceWeek < start)
        return plan;
    const int weeks = static_cast<int>(start.daysTo(raceWeek) / 7) + 1;
    const std::vector<WeekFrame> frames = phases(profile, weeks);
    const double available = std::min(profile.availableHours(), usefulHours(profile.race.distance, profile.level));
    const double growth = growthOf(profile.level);

    // Start from what the athlete has been doing: the recent hours, or the hours today's Fitness stands for
    // (Fitness is a daily load; about 55 load an hour of mixed training), whichever is more.
    const double fitnessHours = profile.fitness.ctl * 7 / 55.0;
    double level = std::max(profile.recentWeeklyHours * 1.05, fitnessHours);
    // A season needs a few hours a week to mean anything, whatever the past.
    level = std::min(available, std::max(level, std::max(2.0, available * 0.7)));
    if (profile.model == Periodization::Reverse)
        level *= 0.8; // the speed phase starts lighter; volume comes later
    PmcState state = profile.fitness;
    std::vector<WeekTarget> targets; // of the training weeks, to plan them again
    for (int i = 0; i < weeks; ++i) {
        const WeekFrame& frame = frames[static_cast<std::size_t>(i)];
        WeekTarget target;
        target.weekStart = start.addDays(7 * i);
        target.phase = frame.phase;
        target.recoveryWeek = frame.recovery;
        target.previousDayHard = !plan.weeks.empty() && sundayHard(plan.weeks.back());
        if (frame.phase == Phase::Taper)
            break; // planned below, once the peak is known
        double hours = frame.recovery ? level * 0.6 : std::min(available, level);
        WeekPlan week;
        bool shortened = false;
        // Fitness may not ramp faster than targetRamp: shorten the week until it does not.
        for (int attempt = 0; attempt < 12; ++attempt) {
            target.hours = hours;
            week = planWeek(profile, target);
            const PmcState after = afterWeek(state, week, settings.pmc);
            if (after.ctl - state.ctl <= settings.targetRamp || hours < 0.5)
                break;
            hours *= 0.9;
            shortened = true;
        }
        // The peak holds its volume so Fitness catches up with Fatigue before the taper.
        const bool holds = frame.phase == Phase::Peak || frame.phase == Phase::Realization;
        if (!frame.recovery && !holds)
            level = std::min(available, std::max(level, week.hours()) * growth);
        // A week the ramp shortened holds the level where it was.
        if (!frame.recovery && shortened)
            level = std::max(1.0, week.hours() * growth);
        state = afterWeek(state, week, settings.pmc);
        targets.push_back(target);
        plan.weeks.push_back(std::move(week));
    }

    // The taper; when race-day Form misses its window, the last training weeks are lightened a little and the
    // taper searched again (an athlete still carrying fatigue into the taper).
    const int taperFrom = static_cast<int>(plan.weeks.size());
    TaperChoice best = bestTaper(plan, start, weeks, taperFrom, settings);
    for (double lighter : {0.85, 0.7, 0.55}) {
        if (best.score == 0 || plan.weeks.empty() || targets.empty())
            break;
        SeasonPlan trial = plan;
        for (std::size_t back = 1; back <= std::min<std::size_t>(3, targets.size()); ++back) {
            WeekTarget t = targets[targets.size() - back];
            t.hours *= lighter;
            trial.weeks[trial.weeks.size() - back] = planWeek(profile, t);
        }
        TaperChoice choice = bestTaper(trial, start, weeks, taperFrom, settings);
        if (choice.score < best.score) {
            best = std::move(choice);
            plan = std::move(trial);
        }
    }
    plan.weeks.insert(plan.weeks.end(), best.weeks.begin(), best.weeks.end());
    return plan;
}

} // namespace tricoach
