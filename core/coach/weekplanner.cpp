#include "core/coach/weekplanner.h"

#include "core/coach/weeknotes.h"
#include "core/coach/workoutlibrary.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace tricoach {

namespace {

struct Shares {
    double swim, bike, run;
};

Shares sportShares(RaceDistance d)
{
    switch (d) {
    case RaceDistance::Sprint:
    case RaceDistance::Olympic:
        return {0.22, 0.43, 0.35};
    case RaceDistance::Half:
        return {0.16, 0.52, 0.32};
    case RaceDistance::Full:
        return {0.14, 0.54, 0.32};
    }
    return {0.2, 0.45, 0.35};
}

// The longest ride and run worth doing for a race distance (minutes): longer adds fatigue, not fitness.
std::pair<int, int> longestSessions(RaceDistance d)
{
    switch (d) {
    case RaceDistance::Sprint:
        return {120, 75};
    case RaceDistance::Olympic:
        return {180, 100};
    case RaceDistance::Half:
        return {240, 130};
    case RaceDistance::Full:
        return {330, 160};
    }
    return {180, 100};
}

int minimumMinutes(Sport sport)
{
    return sport == Sport::Bike ? 30 : sport == Sport::Run ? 20 : 20;
}

struct Slot {
    SessionKind kind;
    int minutes;
    std::array<int, 3> days; // preferred weekdays, Monday = 0
    bool key = false;
    bool longSession = false;
    int day = -1;    // where it landed
    double hard = 0; // assigned hard minutes
};

bool buildPhase(Phase p)
{
    return p == Phase::Build || p == Phase::Peak || p == Phase::Intensification || p == Phase::Realization ||
           p == Phase::Speed;
}

// The sessions of a week of `total` minutes, before they have days.
std::vector<Slot> chooseSessions(const CoachProfile& profile, const WeekTarget& target, double total)
{
    const Shares share = sportShares(profile.race.distance);
    const auto [longestRide, longestRun] = longestSessions(profile.race.distance);
    double swim = total * share.swim, bike = total * share.bike, run = total * share.run;
    std::vector<Slot> slots;
    auto add = [&](SessionKind kind, double minutes, std::array<int, 3> days, bool key = false, bool isLong = false) {
        const int m = static_cast<int>(std::lround(minutes));
        if (m >= minimumMinutes(sportOf(kind)))
            slots.push_back(Slot{kind, m, days, key, isLong});
    };
    if (swim < 20) {
        bike += swim; // too little for a swim: it goes to the bike
        swim = 0;
    }
    if (!profile.poolAccess) {
        add(SessionKind::OpenWaterSwim, swim, {2, 5, 0});
    } else if (swim >= 100) {
        add(SessionKind::SwimIntervals, swim * 0.4, {3, 1, 4}, true);
        add(SessionKind::SwimEndurance, swim * 0.35, {2, 0, 4});
        add(SessionKind::SwimTechnique, swim * 0.25, {0, 4, 2});
    } else if (swim >= 45) {
        add(SessionKind::SwimIntervals, swim * 0.5, {3, 1, 4}, true);
        add(SessionKind::SwimEndurance, swim * 0.5, {0, 2, 4});
    } else if (swim > 0) {
        add(SessionKind::SwimIntervals, swim, {3, 1, 2}, true);
    }
    const bool sharp = buildPhase(target.phase) && !target.recoveryWeek;
    const bool brick = sharp && run >= 70 && bike >= 90;
    if (brick) {
        add(SessionKind::BrickRun, 20, {5, 1, 6});
        run -= 20;
    }
    if (bike >= 150) {
        const double longRide = std::min(bike * 0.45, static_cast<double>(longestRide));
        add(SessionKind::BikeIntervals, bike * 0.3, {1, 2, 3}, true);
        add(SessionKind::LongRide, longRide, {5, 6, 4}, false, true);
        add(target.recoveryWeek ? SessionKind::RecoverySpin : SessionKind::BikeEndurance, bike * 0.7 - longRide,
            {4, 2, 0});
    } else if (bike >= 60) {
        add(SessionKind::BikeIntervals, bike * 0.4, {1, 2, 3}, true);
        add(SessionKind::LongRide, bike * 0.6, {5, 6, 4}, false, true);
    } else {
        add(SessionKind::BikeIntervals, bike, {1, 2, 5}, true);
    }
    const SessionKind runKey =
        profile.level == Experience::Beginner || !sharp ? SessionKind::RunTempo : SessionKind::RunIntervals;
    if (run >= 120) {
        const double longRun = std::min(run * 0.45, static_cast<double>(longestRun));
        add(runKey, run * 0.3, {3, 2, 4}, true);
        add(SessionKind::LongRun, longRun, {6, 5, 4}, false, true);
        add(SessionKind::EasyRun, run * 0.7 - longRun, {2, 4, 0});
    } else if (run >= 50) {
        add(runKey, run * 0.45, {3, 2, 4}, true);
        add(SessionKind::LongRun, run * 0.55, {6, 5, 4}, false, true);
    } else {
        add(runKey, run, {3, 6, 4}, true);
    }
    return slots;
}

// Days with training time; a beginner keeps at least one full rest day.
std::array<double, 7> dayCapacity(const CoachProfile& profile)
{
    std::array<double, 7> cap{};
    for (int d = 0; d < 7; ++d)
        cap[static_cast<std::size_t>(d)] = std::max(0.0, profile.hoursByWeekday[static_cast<std::size_t>(d)]) * 60;
    const bool everyDay = std::all_of(cap.begin(), cap.end(), [](double c) { return c > 0; });
    if (profile.level == Experience::Beginner && everyDay) {
        // Monday unless another day has less time.
        int rest = 0;
        for (int d = 1; d < 7; ++d)
            if (cap[static_cast<std::size_t>(d)] < cap[static_cast<std::size_t>(rest)])
                rest = d;
        cap[static_cast<std::size_t>(rest)] = 0;
    }
    return cap;
}

class Placer {
public:
    Placer(std::array<double, 7> cap, bool previousDayHard, bool nextDayHard, std::array<bool, 7> noHard = {})
        : m_left(cap)
        , m_previousDayHard(previousDayHard)
        , m_nextDayHard(nextDayHard)
        , m_noHard(noHard)
    {
        chooseHardDays();
    }

    // Hard days come from one set of days apart, chosen up front: as many as fit (at most three), then the most
    // time, then Tuesday/Thursday/Saturday as the roadmap's week has them.
    void chooseHardDays()
    {
        int bestMask = 0;
        double bestScore = -1;
        for (int mask = 0; mask < 128; ++mask) {
            int count = 0;
            double score = 0;
            bool ok = true;
            for (int d = 0; d < 7 && ok; ++d) {
                if (!(mask & (1 << d)))
                    continue;
                const bool next = d == 6 ? m_nextDayHard : (mask & (1 << (d + 1))) != 0;
                const bool prev = d == 0 && m_previousDayHard;
                ok = m_left[static_cast<std::size_t>(d)] >= 30 && !next && !prev &&
                     !m_noHard[static_cast<std::size_t>(d)];
                ++count;
                score += std::min(m_left[static_cast<std::size_t>(d)], 180.0) / 1000 +
                         ((d == 1 || d == 3 || d == 5) ? 0.01 : 0);
            }
            if (!ok || count > 3)
                continue;
            score += count;
            if (score > bestScore) {
                bestScore = score;
                bestMask = mask;
            }
        }
        for (int d = 0; d < 7; ++d)
            m_hardSet[static_cast<std::size_t>(d)] = (bestMask & (1 << d)) != 0;
    }

    bool hardAllowed(int d) const { return m_hardSet[static_cast<std::size_t>(d)]; }

    // Puts `slot` on the first day of `order` with room (shrinking it down to its minimum), or returns false.
    bool place(Slot& slot, const std::vector<int>& order, bool hard)
    {
        const int least = minimumMinutes(sportOf(slot.kind));
        for (int d : order) {
            const double room = m_left[static_cast<std::size_t>(d)];
            if (room < least || (hard && !m_hard[static_cast<std::size_t>(d)] && !hardAllowed(d)))
                continue;
            slot.minutes = std::min(slot.minutes, static_cast<int>(std::floor(room)));
            slot.day = d;
            m_left[static_cast<std::size_t>(d)] -= slot.minutes;
            if (hard)
                m_hard[static_cast<std::size_t>(d)] = true;
            return true;
        }
        return false;
    }

    // Preferred days first, then the days with the most room left.
    std::vector<int> order(const std::array<int, 3>& preferred) const
    {
        std::vector<int> days;
        for (int d : preferred)
            if (d >= 0 && std::find(days.begin(), days.end(), d) == days.end())
                days.push_back(d);
        std::vector<int> rest{0, 1, 2, 3, 4, 5, 6};
        std::stable_sort(rest.begin(), rest.end(), [&](int a, int b) {
            return m_left[static_cast<std::size_t>(a)] > m_left[static_cast<std::size_t>(b)];
        });
        for (int d : rest)
            if (std::find(days.begin(), days.end(), d) == days.end())
                days.push_back(d);
        return days;
    }

    bool isHard(int d) const { return m_hard[static_cast<std::size_t>(d)]; }
    void markHard(int d) { m_hard[static_cast<std::size_t>(d)] = true; }
    void release(int d, double minutes) { m_left[static_cast<std::size_t>(d)] += minutes; }

private:
    std::array<double, 7> m_left;
    std::array<bool, 7> m_hard{};
    bool m_previousDayHard;
    bool m_nextDayHard;
    std::array<bool, 7> m_noHard{};
    std::array<bool, 7> m_hardSet{};
};

// Hard minutes for each placed slot so that the week lands near `wanted`: first the key sessions, then steady Z3
// finishes on other sessions; a day that is not already hard stays under kHardDayMinutes.
void shareHardMinutes(std::vector<Slot>& slots, Placer placer, double wanted)
{
    std::array<double, 7> dayHard{};
    double capacity = 0;
    for (const Slot& s : slots)
        if (s.key && s.day >= 0)
            capacity += s.minutes * 0.45;
    const double fromKeys = std::min(wanted, capacity);
    for (Slot& s : slots) {
        s.hard = 0;
        if (s.key && s.day >= 0 && capacity > 0) {
            s.hard = fromKeys * (s.minutes * 0.45) / capacity;
            dayHard[static_cast<std::size_t>(s.day)] += s.hard;
        }
    }
    double missing = wanted - fromKeys;
    // Longest sessions first: a finish is a smaller share of them.
    std::vector<Slot*> others;
    for (Slot& s : slots)
        if (!s.key && s.day >= 0)
            others.push_back(&s);
    std::stable_sort(others.begin(), others.end(),
                     [](const Slot* a, const Slot* b) { return a->minutes > b->minutes; });
    for (Slot* s : others) {
        if (missing <= 0.5)
            break;
        const auto d = static_cast<std::size_t>(s->day);
        // A day with no hard neighbour may become a hard day itself (a long ride with a tempo block).
        const bool canBeHard = placer.isHard(s->day) || placer.hardAllowed(s->day);
        const double dayRoom = canBeHard ? 1e9 : std::max(0.0, kHardDayMinutes - 1 - dayHard[d]);
        double add = std::floor(std::min({missing, s->minutes * 0.4, dayRoom}));
        if (add < 5) {
            // Too short to be a tempo finish (the workout would drop it): a bigger share here, or none.
            add = std::floor(std::min({5.0, s->minutes * 0.4, dayRoom}));
            if (add < 5)
                continue;
        }
        s->hard = add;
        dayHard[d] += add;
        missing -= add;
        if (dayHard[d] >= kHardDayMinutes)
            placer.markHard(s->day);
    }
}

std::vector<Workout> buildAll(const std::vector<Slot>& slots, const CoachProfile& profile, const WeekTarget& target,
                              std::vector<int>& days)
{
    std::vector<Workout> out;
    days.clear();
    for (const Slot& s : slots) {
        if (s.day < 0)
            continue;
        SessionRequest r;
        r.kind = s.kind;
        r.minutes = s.minutes;
        r.hardMinutes = s.hard;
        r.peak = target.phase == Phase::Peak || target.phase == Phase::Realization;
        r.onTrainer = profile.trainerAccess;
        out.push_back(buildWorkout(r, profile.thresholds));
        days.push_back(s.day);
    }
    return out;
}

} // namespace

WeekPlan planWeek(const CoachProfile& profile, const WeekTarget& target)
{
    WeekPlan week;
    week.weekStart = target.weekStart;
    week.phase = target.phase;
    week.recoveryWeek = target.recoveryWeek;
    for (int d = 0; d < 7; ++d)
        week.days.push_back(PlannedDay{target.weekStart.addDays(d), {}});

    const std::array<double, 7> cap = dayCapacity(profile);
    double available = 0;
    for (double c : cap)
        available += c;
    const double total = std::min(target.hours * 60, available);
    std::vector<Slot> slots = chooseSessions(profile, target, total);
    if (target.easyOnly) {
        for (Slot& s : slots) {
            if (!s.key)
                continue;
            s.key = false;
            s.kind = sportOf(s.kind) == Sport::Bike  ? SessionKind::BikeEndurance
                     : sportOf(s.kind) == Sport::Run ? SessionKind::EasyRun
                                                     : SessionKind::SwimEndurance;
        }
    }

    Placer placer(cap, target.previousDayHard, target.nextDayHard, target.noHardDay);
    // Key sessions first, on days apart; a key session with no such day becomes an easy one.
    for (Slot& s : slots) {
        if (!s.key)
            continue;
        if (!placer.place(s, placer.order(s.days), true)) {
            s.key = false;
            s.kind = sportOf(s.kind) == Sport::Bike  ? SessionKind::BikeEndurance
                     : sportOf(s.kind) == Sport::Run ? SessionKind::EasyRun
                                                     : SessionKind::SwimEndurance;
        }
    }
    // A brick run goes on the day of the long ride.
    int longRideDay = -1;
    for (Slot& s : slots) {
        if (s.kind == SessionKind::LongRide && placer.place(s, placer.order(s.days), false))
            longRideDay = s.day;
    }
    for (Slot& s : slots) {
        if (s.day >= 0 || s.kind == SessionKind::LongRide)
            continue;
        if (s.kind == SessionKind::BrickRun) {
            if (longRideDay >= 0 && !placer.place(s, {longRideDay}, false)) {
                // Make room off the end of the long ride: the brick is the point of the day.
                for (Slot& ride : slots) {
                    if (ride.kind == SessionKind::LongRide && ride.day == longRideDay &&
                        ride.minutes - s.minutes >= 60) {
                        ride.minutes -= s.minutes;
                        placer.release(longRideDay, s.minutes);
                        placer.place(s, {longRideDay}, false);
                        break;
                    }
                }
            }
            if (s.day < 0) {
                s.kind = SessionKind::EasyRun;
                placer.place(s, placer.order(s.days), false);
            }
            continue;
        }
        placer.place(s, placer.order(s.days), false);
    }

    double placedMinutes = 0;
    for (const Slot& s : slots)
        placedMinutes += s.day >= 0 ? s.minutes : 0;
    // Time the sessions could not use (short days, dropped sessions) becomes easy sessions where there is room.
    const SessionKind fillers[] = {SessionKind::EasyRun, SessionKind::BikeEndurance,
                                   profile.poolAccess ? SessionKind::SwimTechnique : SessionKind::OpenWaterSwim};
    for (int round = 0; total - placedMinutes >= 20 && round < 14; ++round) {
        const SessionKind kind = fillers[round % 3];
        // At most an hour, and not a second session of the same sport on a day.
        Slot filler{kind, static_cast<int>(std::lround(std::min(60.0, total - placedMinutes))), {-1, -1, -1}};
        std::vector<int> days;
        for (int d : placer.order({-1, -1, -1})) {
            const bool same = std::any_of(slots.begin(), slots.end(), [&](const Slot& o) {
                return o.day == d && sportOf(o.kind) == sportOf(kind);
            });
            if (!same)
                days.push_back(d);
        }
        if (!placer.place(filler, days, false))
            continue;
        placedMinutes += filler.minutes;
        slots.push_back(filler);
    }
    // Interval lengths come in whole repeats: ask again for what was missed or overshot, a few times.
    double wanted = target.easyOnly ? 0 : target.hardShare * placedMinutes;
    std::vector<Workout> built;
    std::vector<int> days;
    for (int attempt = 0; attempt < 6; ++attempt) {
        shareHardMinutes(slots, placer, wanted);
        built = buildAll(slots, profile, target, days);
        double hard = 0;
        for (const Workout& w : built)
            hard += w.hardMinutes();
        const double goal = target.easyOnly ? 0 : target.hardShare * placedMinutes;
        if (placedMinutes <= 0 || std::abs(hard - goal) <= placedMinutes * 0.02)
            break;
        wanted = std::max(0.0, wanted + (goal - hard));
    }
    for (std::size_t i = 0; i < built.size(); ++i)
        week.days[static_cast<std::size_t>(days[i])].workouts.push_back(std::move(built[i]));
    // Within a day: the bike before its brick run, otherwise the key session first.
    for (PlannedDay& d : week.days)
        std::stable_sort(d.workouts.begin(), d.workouts.end(), [](const Workout& a, const Workout& b) {
            if (b.sessionType == QStringLiteral("Brick run"))
                return a.sport == Sport::Bike;
            return a.priority > b.priority && a.sessionType != QStringLiteral("Brick run");
        });
    week.notes = weekNotes(profile, week);
    return week;
}

std::vector<Workout> raceWorkouts(const CoachProfile& profile)
{
    const RaceFormat f = raceFormat(profile.race.distance);
    const bool shortRace =
        profile.race.distance == RaceDistance::Sprint || profile.race.distance == RaceDistance::Olympic;
    const double swim = f.typicalHours * (shortRace ? 0.14 : 0.11) * 60;
    const double bike = f.typicalHours * (shortRace ? 0.50 : 0.53) * 60;
    const double run = f.typicalHours * 60 - swim - bike;
    int zone = 4;
    if (profile.race.distance == RaceDistance::Half)
        zone = 3;
    else if (profile.race.distance == RaceDistance::Full)
        zone = 2;
    auto leg = [&](Sport sport, const QString& type, double minutes, int z) {
        Workout w;
        w.sport = sport;
        w.sessionType = type;
        w.primaryGoal = QStringLiteral("race");
        w.priority = WorkoutPriority::High;
        w.race = true;
        w.groups.push_back(StepGroup{1, {WorkoutStep{StepKind::Steady, std::round(minutes), z, 0, 0}}});
        return w;
    };
    return {leg(Sport::Swim, QStringLiteral("Race: swim"), swim, zone),
            leg(Sport::Bike, QStringLiteral("Race: bike"), bike, zone),
            leg(Sport::Run, QStringLiteral("Race: run"), run, profile.race.distance == RaceDistance::Full ? 3 : zone)};
}

WeekPlan planRaceWeek(const CoachProfile& profile, const WeekTarget& target)
{
    WeekPlan week;
    week.weekStart = target.weekStart;
    week.phase = Phase::Taper;
    for (int d = 0; d < 7; ++d)
        week.days.push_back(PlannedDay{target.weekStart.addDays(d), {}});
    const int raceDay = static_cast<int>(target.weekStart.daysTo(profile.race.date));
    const std::array<double, 7> cap = dayCapacity(profile);
    // The roadmap's race week: short sessions with a few race-pace efforts, a swim and a shake-out the days before.
    struct Short {
        int daysBefore;
        SessionKind kind;
        int minutes;
        double hard;
    };
    const Short plan[] = {{5, SessionKind::BikeIntervals, 45, 8}, {4, SessionKind::SwimIntervals, 30, 6},
                          {3, SessionKind::RunTempo, 30, 8},      {2, SessionKind::SwimTechnique, 20, 0},
                          {1, SessionKind::RecoverySpin, 30, 0},  {1, SessionKind::EasyRun, 20, 0}};
    double templateMinutes = 0;
    for (const Short& s : plan)
        templateMinutes += s.minutes;
    const double scale = std::clamp(target.hours * 60 / templateMinutes, 0.2, 1.5);
    std::array<double, 7> left = cap;
    for (Short s : plan) {
        if (!profile.poolAccess && sportOf(s.kind) == Sport::Swim)
            s.kind = SessionKind::OpenWaterSwim;
        // A light race week drops the sessions that would be too short to be worth the trip to the pool.
        const int minutes = static_cast<int>(std::lround(s.minutes * scale));
        if (minutes < minimumMinutes(sportOf(s.kind)))
            continue;
        // Its day, or the nearest earlier day with room (never the race day or after it).
        for (int d = raceDay - s.daysBefore; d >= 0 && d < raceDay; --d) {
            const int fits = std::min(minutes, static_cast<int>(std::floor(left[static_cast<std::size_t>(d)])));
            if (fits < minimumMinutes(sportOf(s.kind)))
                continue;
            SessionRequest r;
            r.kind = s.kind;
            r.minutes = fits;
            r.hardMinutes = std::min(s.hard * std::min(scale, 1.0), kHardDayMinutes - 5);
            // Sessions moved onto the same day must not add up to a hard day in the race week.
            if (week.days[static_cast<std::size_t>(d)].hardMinutes() + r.hardMinutes >= kHardDayMinutes - 1)
                r.hardMinutes = 0;
            r.onTrainer = profile.trainerAccess;
            week.days[static_cast<std::size_t>(d)].workouts.push_back(buildWorkout(r, profile.thresholds));
            left[static_cast<std::size_t>(d)] -= fits;
            break;
        }
    }
    // A big athlete's race week holds more than the short sessions: the rest as ordinary training on the days
    // that are left before the eve of the race.
    const double missing = target.hours * 60 - week.hours(false) * 60;
    if (missing >= 40 && raceDay >= 2) {
        CoachProfile rest = profile;
        for (int d = 0; d < 7; ++d) {
            auto& h = rest.hoursByWeekday[static_cast<std::size_t>(d)];
            h = d < raceDay - 1 ? std::max(0.0, left[static_cast<std::size_t>(d)] / 60) : 0;
        }
        rest.level = Experience::Intermediate;
        // A beginner's race week keeps its rest day: the first day the short sessions left free.
        if (profile.level == Experience::Beginner) {
            for (int d = 0; d < raceDay - 1; ++d) {
                if (week.days[static_cast<std::size_t>(d)].workouts.empty()) {
                    rest.hoursByWeekday[static_cast<std::size_t>(d)] = 0;
                    break;
                }
            }
        }
        WeekTarget more = target;
        more.hours = missing / 60;
        more.phase = Phase::Taper;
        more.nextDayHard = false;
        more.easyOnly = true;
        const WeekPlan extra = planWeek(rest, more);
        for (int d = 0; d < 7; ++d)
            for (const Workout& w : extra.days[static_cast<std::size_t>(d)].workouts)
                week.days[static_cast<std::size_t>(d)].workouts.push_back(w);
    }
    if (raceDay >= 0 && raceDay < 7)
        week.days[static_cast<std::size_t>(raceDay)].workouts = raceWorkouts(profile);
    week.notes = weekNotes(profile, week);
    return week;
}

} // namespace tricoach
