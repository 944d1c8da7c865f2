// The sample season: a periodized plan (3 weeks up, 1 recovery week, a 2-week taper) for a fixed weekly pattern,
// recorded session by session (core/demo/sessionsynth.h).
#include "core/demo/sampleseason.h"

#include "core/coach/coachsettings.h"
#include "core/demo/sessionsynth.h"
#include "core/store/activitystore.h"
#include "core/util/datetime.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>

namespace tricoach {

using namespace demo;

namespace {

constexpr double kFirstWeekHours = 6.0;
constexpr double kPeakWeekHours = 11.0;
constexpr double kRecoveryShare = 0.6; // a recovery week's volume, of the week before
constexpr double kTaperShare = 0.55;   // the first taper week's volume, of the peak
constexpr double kMissChance = 0.06;   // life happens
constexpr double kMissChanceLong = 0.02;
constexpr int kRaceLegs = 5; // swim, T1, bike, T2, run
constexpr int kMinWeeks = 4;
constexpr int kMaxWeeks = 52;

// The transition zone of the race, on the lake shore; the swim starts a little out in the lake.
constexpr double kTransitionLat = 47.3565;
constexpr double kTransitionLon = 8.5515;
constexpr double kSwimStartLat = 47.3530;
constexpr double kSwimStartLon = 8.5490;

// One week of the plan.
struct WeekPlan {
    Phase phase = Phase::Base;
    double hours = 0;
    bool brick = false;   // the long ride is followed by a run
    bool ftpTest = false; // Tuesday's intervals are an FTP test
};

// One session slot of a day: what, how big a share of the week, when (local minutes after midnight).
struct Slot {
    SessionKind kind;
    double weight;
    int startMinute;
};

// The season's calendar: 7-day blocks ending on race day, so with a Sunday race they are Monday-to-Sunday weeks.
struct Calendar {
    QDate raceDay;
    int weeks = 0;
    QDate blockStart(int w) const { return raceDay.addDays(-7 * (weeks - w) + 1); }
};

// 3 loading weeks, each ~5-8 % more than the last, then a recovery week; the next block steps back one level.
// The rate is chosen so the last loading week reaches the peak volume.
std::vector<WeekPlan> periodize(int weeks)
{
    const int loadingWeeks = weeks - 2;
    const auto level = [](int w) { return 2 * (w / 4) + w % 4; };
    int lastLevel = 0;
    for (int w = 0; w < loadingWeeks; ++w)
        lastLevel = w % 4 == 3 ? lastLevel : std::max(lastLevel, level(w));
    const double rate =
        lastLevel > 0 ? std::clamp(std::pow(kPeakWeekHours / kFirstWeekHours, 1.0 / lastLevel), 1.05, 1.08) : 1.05;
    const auto hoursAt = [rate](int l) { return std::min(kFirstWeekHours * std::pow(rate, l), kPeakWeekHours + 0.5); };
    const double peak = hoursAt(lastLevel);

    std::vector<WeekPlan> plan(static_cast<std::size_t>(weeks));
    bool tested = false;
    for (int w = 0; w < weeks; ++w) {
        WeekPlan& p = plan[static_cast<std::size_t>(w)];
        if (w == weeks - 1) {
            p.phase = Phase::RaceWeek;
            p.hours = 0.4 * peak;
        } else if (w == weeks - 2) {
            p.phase = Phase::Taper;
            p.hours = kTaperShare * peak;
        } else if (w % 4 == 3) {
            p.phase = Phase::Recovery;
            p.hours = kRecoveryShare * hoursAt(level(w - 1));
        } else {
            const double f = static_cast<double>(w) / loadingWeeks;
            p.phase = f < 0.4 ? Phase::Base : f < 0.75 ? Phase::Build : Phase::Peak;
            p.hours = hoursAt(level(w));
            p.brick = p.phase != Phase::Base && w % 2 == 0;
            // The FTP test opens the build phase: the intervals that follow are set from it.
            p.ftpTest = !tested && p.phase == Phase::Build;
            tested = tested || p.ftpTest;
        }
    }
    return plan;
}

// The weekly pattern: Monday off, the long ride on Saturday, the long run on Sunday.
std::vector<Slot> slotsFor(int dayOfWeek, const WeekPlan& week)
{
    const bool light = week.phase == Phase::Recovery || week.phase == Phase::Taper;
    switch (dayOfWeek) {
    case 2:
        return {{SessionKind::KeySwim, 0.10, 6 * 60 + 30},
                {week.ftpTest ? SessionKind::FtpTest : SessionKind::KeyRide, 0.14, 18 * 60}};
    case 3:
        return {{SessionKind::KeyRun, 0.10, 6 * 60 + 45}, {SessionKind::TechniqueSwim, 0.09, 19 * 60}};
    case 4:
        if (light)
            return {{SessionKind::EnduranceRide, 0.12, 17 * 60 + 45}};
        return {{SessionKind::EasyRun, 0.07, 6 * 60 + 45}, {SessionKind::EnduranceRide, 0.12, 17 * 60 + 45}};
    case 5:
        return {{SessionKind::SteadySwim, 0.09, 6 * 60 + 30}};
    case 6:
        if (week.brick)
            return {{SessionKind::LongRide, 0.30, 8 * 60}, {SessionKind::BrickRun, 0.05, -1}};
        return {{SessionKind::LongRide, 0.30, 8 * 60}};
    case 7:
        return {{SessionKind::LongRun, 0.15, 8 * 60 + 30}};
    default:
        return {}; // Monday: rest
    }
}

// Race week, by days before the race: openers, then rest the day before the day before.
std::vector<Slot> raceWeekSlots(qint64 daysBefore)
{
    switch (daysBefore) {
    case 5:
        return {{SessionKind::KeySwim, 0.16, 6 * 60 + 30}, {SessionKind::KeyRide, 0.24, 18 * 60}};
    case 4:
        return {{SessionKind::KeyRun, 0.17, 6 * 60 + 45}};
    case 3:
        return {{SessionKind::SteadySwim, 0.15, 6 * 60 + 30}};
    case 1:
        return {{SessionKind::EnduranceRide, 0.19, 10 * 60}, {SessionKind::EasyRun, 0.09, 17 * 60}};
    default:
        return {};
    }
}

double weightOf(const std::vector<WeekPlan>& plan, std::size_t w, const Calendar& cal)
{
    double sum = 0;
    for (int d = 0; d < 7; ++d) {
        const QDate day = cal.blockStart(static_cast<int>(w)).addDays(d);
        const auto slots = plan[w].phase == Phase::RaceWeek ? raceWeekSlots(day.daysTo(cal.raceDay))
                                                            : slotsFor(day.dayOfWeek(), plan[w]);
        for (const Slot& s : slots)
            sum += s.weight;
    }
    return sum;
}

QString noteFor(Sport sport, DemoRandom& rng)
{
    static const std::array<const char*, 4> kBike{"Windy on the way back.", "Legs heavy from yesterday.",
                                                  "Felt strong on the climbs!", "Rain for the last hour."};
    static const std::array<const char*, 4> kRun{"New shoes feel good.", "Hot, took it easy.",
                                                 "Slept badly, kept it easy.", "Smooth, could have gone longer."};
    static const std::array<const char*, 4> kSwim{"Busy pool, shared the lane.", "Shoulder a bit tight.",
                                                  "Turns felt good today.", "Tired arms at the end."};
    const auto& notes = sport == Sport::Bike ? kBike : sport == Sport::Run ? kRun : kSwim;
    return QString::fromUtf8(notes[static_cast<std::size_t>(rng.between(0, 3))]);
}

// Identity and time of a recorded session; the rest came from the recorder.
void stamp(Activity& a, const QDateTime& startUtc, const SampleSeasonOptions& o, int n)
{
    a.startUtc = startUtc;
    a.utcOffsetSec = o.utcOffsetSec;
    a.source = ActivitySource::File;
    a.contentHash = QStringLiteral("sample-season:%1:%2").arg(o.seed).arg(n);
}

QDateTime localToUtc(const QDate& day, int localMinute, int utcOffsetSec)
{
    return utcDateTime(day, QTime(0, 0)).addSecs(static_cast<qint64>(localMinute) * 60 - utcOffsetSec);
}

Activity record(const Workout& w, const SessionSetup& setup, DemoRandom& rng)
{
    switch (w.sport) {
    case Sport::Bike:
        return recordRide(w, setup, rng);
    case Sport::Swim:
        return recordPoolSwim(w, setup, rng);
    default:
        return recordRun(w, setup, rng);
    }
}

double lastHeartRate(const Activity& a)
{
    const std::vector<double>* hr = a.streams.get(Channel::HeartRate);
    return hr && !hr->empty() ? hr->back() : 120.0;
}

// The race: swim, T1, bike, T2, run, each leg starting when the last one ended; numbered from `firstNumber`.
std::vector<Activity> recordRace(const QString& name, const QDate& day, const ThresholdHistory& history,
                                 const SampleSeasonOptions& o, int firstNumber)
{
    DemoRandom rng((static_cast<quint64>(o.seed) << 32) ^ 0xACE5ULL);
    SessionSetup setup;
    setup.thresholds = history.at(day);
    setup.race = true;
    setup.homeLat = kSwimStartLat;
    setup.homeLon = kSwimStartLon;
    std::vector<Activity> legs;
    legs.push_back(recordOpenWaterSwim(1900, 0.93, setup, rng));
    setup.homeLat = kTransitionLat;
    setup.homeLon = kTransitionLon;
    setup.startHr = lastHeartRate(legs.back());
    legs.push_back(recordTransition(rng.uniform(190, 240), 2.2, setup, rng));
    Workout bike;
    bike.sport = Sport::Bike;
    bike.segments = {Segment{8 * 3600.0, 0.76, false}};
    bike.stopAtM = 90000;
    setup.startHr = lastHeartRate(legs.back());
    legs.push_back(recordRide(bike, setup, rng));
    setup.startHr = lastHeartRate(legs.back());
    legs.push_back(recordTransition(rng.uniform(100, 140), 2.5, setup, rng));
    Workout run;
    run.sport = Sport::Run;
    run.segments = {Segment{5 * 3600.0, 0.87, false}};
    run.stopAtM = 21097.5;
    setup.startHr = lastHeartRate(legs.back());
    legs.push_back(recordRun(run, setup, rng));

    static const std::array<const char*, kRaceLegs> kLegs{"swim", "T1", "bike", "T2", "run"};
    static const std::array<int, kRaceLegs> kRpe{7, 0, 8, 0, 9};
    QDateTime start = localToUtc(day, 7 * 60, o.utcOffsetSec);
    for (std::size_t i = 0; i < legs.size(); ++i) {
        Activity& leg = legs[i];
        stamp(leg, start, o, firstNumber + static_cast<int>(i));
        leg.title = QStringLiteral("%1: %2").arg(name, QLatin1String(kLegs[i]));
        leg.multisportKey = QStringLiteral("sample-season:%1:race").arg(o.seed);
        leg.multisportLeg = static_cast<int>(i);
        if (kRpe[i] > 0)
            leg.rpe = kRpe[i];
        start = start.addSecs(static_cast<qint64>(std::ceil(leg.elapsedSec)));
    }
    return legs;
}

} // namespace

SampleSeason generateSampleSeason(const SampleSeasonOptions& options)
{
    SampleSeasonOptions o = options;
    if (!o.now.isValid())
        o.now = QDateTime::currentDateTimeUtc();
    const QDateTime nowUtc = o.now.toUTC();
    const QDate today = nowUtc.addSecs(o.utcOffsetSec).date();
    if (!o.raceDay.isValid()) {
        const QDate inThreeWeeks = today.addDays(21);
        o.raceDay = inThreeWeeks.addDays((7 - inThreeWeeks.dayOfWeek()) % 7);
    }
    o.weeks = std::clamp(o.weeks, kMinWeeks, kMaxWeeks);
    const Calendar cal{o.raceDay, o.weeks};
    const std::vector<WeekPlan> plan = periodize(o.weeks);

    SampleSeason season;
    season.raceName = QStringLiteral("Zurich Middle Distance Triathlon");
    season.raceDay = o.raceDay;

    DemoRandom rng(o.seed);
    Thresholds initial;
    initial.ftpWatts = 235 + rng.between(0, 10);
    initial.lthrBike = 160;
    initial.lthrRun = 168;
    initial.maxHr = 188;
    initial.restingHr = 48;
    initial.runThresholdSpeed = 1000.0 / 260; // 4:20 min/km
    initial.cssSpeed = 100.0 / 105;           // 1:45 per 100 m
    initial.weightKg = 70;
    std::vector<ThresholdChange> changes{{cal.blockStart(0), initial}};
    for (std::size_t w = 0; w < plan.size(); ++w) {
        if (!plan[w].ftpTest)
            continue;
        const QDate start = cal.blockStart(static_cast<int>(w));
        Thresholds tested;
        tested.ftpWatts = std::round(*initial.ftpWatts * rng.uniform(1.03, 1.05));
        changes.push_back({start.addDays((2 - start.dayOfWeek() + 7) % 7), tested}); // Tuesday, the test's day
    }
    const ThresholdHistory history(changes);
    for (const ThresholdChange& c : changes) {
        if (c.effectiveFrom <= today)
            season.thresholds.push_back(c);
    }

    int n = 0; // every planned session has its number, done or not, so the numbers never depend on today
    for (std::size_t w = 0; w < plan.size(); ++w) {
        const WeekPlan& week = plan[w];
        const double minutesPerWeight = week.hours * 60 / std::max(weightOf(plan, w, cal), 0.01);
        for (int d = 0; d < 7; ++d) {
            const QDate day = cal.blockStart(static_cast<int>(w)).addDays(d);
            if (day == o.raceDay) {
                if (day <= today) {
                    std::vector<Activity> legs = recordRace(season.raceName, day, history, o, n);
                    const Activity& last = legs.back();
                    if (last.startUtc.addSecs(static_cast<qint64>(last.elapsedSec)) <= nowUtc)
                        std::move(legs.begin(), legs.end(), std::back_inserter(season.activities));
                }
                n += kRaceLegs;
                continue;
            }
            const bool raceWeek = week.phase == Phase::RaceWeek;
            QDateTime previousEnd;
            for (const Slot& slot : raceWeek ? raceWeekSlots(day.daysTo(o.raceDay)) : slotsFor(day.dayOfWeek(), week)) {
                const int number = n++;
                // Drawn for every slot, recorded or not, so that earlier sessions never change with today.
                const bool longSession = slot.kind == SessionKind::LongRide || slot.kind == SessionKind::LongRun;
                const bool keep =
                    week.brick && (slot.kind == SessionKind::LongRide || slot.kind == SessionKind::BrickRun);
                const bool missed = !keep && slot.kind != SessionKind::FtpTest && !raceWeek &&
                                    rng.chance(longSession ? kMissChanceLong : kMissChance);
                const double minutes =
                    std::max(20.0, std::round(slot.weight * minutesPerWeight * rng.uniform(0.94, 1.06) / 5) * 5);
                const int startMinute = slot.startMinute + rng.between(-10, 15);
                const bool withNote = rng.chance(0.08);
                const bool withRpe = rng.chance(0.6);
                const int rpeShift = rng.between(-1, 1);
                const bool brickRun = slot.startMinute < 0;
                if (missed || day > today || (brickRun && !previousEnd.isValid()))
                    continue;
                // A brick run starts a few minutes after the ride ends.
                const QDateTime start = brickRun ? previousEnd.addSecs(180 + (number % 4) * 30)
                                                 : localToUtc(day, startMinute, o.utcOffsetSec);
                if (start >= nowUtc)
                    continue;
                SessionSetup setup;
                setup.thresholds = history.at(day);
                const Workout workout = planWorkout(slot.kind, week.phase, minutes, static_cast<int>(w),
                                                    setup.thresholds.runThresholdSpeed.value_or(3.85));
                DemoRandom sessionRng((static_cast<quint64>(o.seed) << 32) ^ static_cast<quint64>(number));
                Activity a = record(workout, setup, sessionRng);
                stamp(a, start, o, number);
                a.title = workout.title;
                if (withRpe && workout.rpe > 0)
                    a.rpe = std::clamp(workout.rpe + rpeShift, 1, 10);
                if (withNote)
                    a.notes = noteFor(a.sport, sessionRng);
                previousEnd = start.addSecs(static_cast<qint64>(a.elapsedSec));
                if (previousEnd <= nowUtc)
                    season.activities.push_back(std::move(a));
            }
        }
    }
    std::stable_sort(season.activities.begin(), season.activities.end(),
                     [](const Activity& a, const Activity& b) { return a.startUtc < b.startUtc; });
    return season;
}

Result<int> loadSampleSeason(ActivityStore& store, AthleteId athlete, const SampleSeasonOptions& options)
{
    if (!store.athlete(athlete))
        return makeError(QStringLiteral("There is no athlete %1 to load the sample season for.").arg(athlete),
                         QStringLiteral("demo.unknown-athlete"));
    SampleSeason season = generateSampleSeason(options);
    const ThresholdHistory stored = store.thresholdHistory(athlete);
    for (const ThresholdChange& change : season.thresholds) {
        // A change already stored is left alone: storing it again would recompute every load for nothing.
        const auto& known = stored.changes();
        if (std::find(known.begin(), known.end(), change) != known.end())
            continue;
        if (auto r = store.addThresholdChange(athlete, change); !r)
            return r.error();
    }
    std::vector<PreparedActivity> prepared;
    prepared.reserve(season.activities.size());
    for (Activity& a : season.activities) {
        a.athleteId = athlete;
        prepared.push_back(PreparedActivity::from(std::move(a)));
    }
    auto added = store.addActivities(prepared);
    if (!added)
        return added.error();
    // The season's race, for the coach, unless the athlete has set one: the plan and the dashboard's projection
    // then have something to show.
    if (!loadCoachSettings(store, athlete) && season.raceDay >= QDate::currentDate()) {
        CoachSettings coach;
        coach.race.name = season.raceName;
        coach.race.date = season.raceDay;
        coach.race.distance = RaceDistance::Half;
        coach.hoursByWeekday = {0, 1.5, 1.5, 1.25, 1, 3, 2.5};
        if (auto r = saveCoachSettings(store, athlete, coach); !r)
            return r.error();
    }
    return static_cast<int>(
        std::count_if(added->begin(), added->end(), [](const AddResult& r) { return !r.duplicate; }));
}

} // namespace tricoach
