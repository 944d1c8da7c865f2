// The sample season: deterministic, inside its dates, physically plausible, periodized, and loadable.
#include "core/demo/sampleseason.h"
#include "core/metrics/volume.h"
#include "core/util/datetime.h"
#include "tests/unit/core/store/storetestsupport.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <iostream>
#include <set>

using namespace tricoach;
using namespace tricoach::test;

namespace {

const QDate kRaceDay(2024, 6, 16); // a Sunday
constexpr int kWeeks = 24;

// A season that is over: the race was ten weeks ago.
SampleSeasonOptions finishedSeason(quint32 seed = 1)
{
    SampleSeasonOptions o;
    o.raceDay = kRaceDay;
    o.weeks = kWeeks;
    o.seed = seed;
    o.now = utcDateTime(QDate(2024, 9, 1), QTime(12, 0));
    return o;
}

// A season in progress: Wednesday morning, 18 days before the race.
SampleSeasonOptions seasonSoFar()
{
    SampleSeasonOptions o = finishedSeason();
    o.raceDay = QDate(2024, 5, 26);
    o.now = utcDateTime(QDate(2024, 5, 8), QTime(8, 30)); // 09:30 at UTC+1
    return o;
}

// Generating takes a moment: each season is made once for the whole suite.
const SampleSeason& finished()
{
    static const SampleSeason season = generateSampleSeason(finishedSeason());
    return season;
}
const SampleSeason& soFar()
{
    static const SampleSeason season = generateSampleSeason(seasonSoFar());
    return season;
}

QDateTime endOf(const Activity& a)
{
    return a.startUtc.addSecs(static_cast<qint64>(std::ceil(a.elapsedSec)));
}

bool sameActivity(const Activity& a, const Activity& b)
{
    return a.sport == b.sport && a.subSport == b.subSport && a.title == b.title && a.notes == b.notes &&
           a.startUtc == b.startUtc && a.movingSec == b.movingSec && a.elapsedSec == b.elapsedSec &&
           a.distanceM == b.distanceM && a.avgHr == b.avgHr && a.avgPower == b.avgPower && a.rpe == b.rpe &&
           a.contentHash == b.contentHash && a.streams == b.streams && a.laps == b.laps && a.lengths == b.lengths;
}

bool isRaceLeg(const Activity& a)
{
    return !a.multisportKey.isEmpty();
}

// Hours per Monday-to-Sunday week of the finished season, race legs left out.
std::vector<double> weeklyTrainingHours()
{
    std::vector<Activity> training;
    for (const Activity& a : finished().activities) {
        if (!isRaceLeg(a))
            training.push_back(a);
    }
    std::vector<double> hours;
    for (const WeeklyVolume& w : weeklyVolume(training, kRaceDay, kWeeks))
        hours.push_back(w.total.hours);
    return hours;
}

} // namespace

TEST(SampleSeason, SameSeedGivesTheSameSeason)
{
    const SampleSeason again = generateSampleSeason(finishedSeason());
    ASSERT_EQ(again.activities.size(), finished().activities.size());
    for (std::size_t i = 0; i < again.activities.size(); ++i)
        ASSERT_TRUE(sameActivity(again.activities[i], finished().activities[i])) << "activity " << i;
    EXPECT_EQ(again.thresholds, finished().thresholds);
}

TEST(SampleSeason, AnotherSeedGivesAnotherSeason)
{
    SampleSeasonOptions o = finishedSeason(2);
    o.weeks = 8; // enough to differ, quicker to make
    const SampleSeason other = generateSampleSeason(o);
    o.seed = 1;
    const SampleSeason first = generateSampleSeason(o);
    ASSERT_FALSE(other.activities.empty());
    std::size_t differing = 0;
    for (std::size_t i = 0; i < std::min(other.activities.size(), first.activities.size()); ++i)
        differing += sameActivity(other.activities[i], first.activities[i]) ? 0 : 1;
    EXPECT_GT(differing, first.activities.size() / 2);
    EXPECT_TRUE(other.activities.front().contentHash.startsWith(QStringLiteral("sample-season:2:")));
}

TEST(SampleSeason, ActivitiesLieWithinTheSeasonAndThePast)
{
    for (const SampleSeason* season : {&finished(), &soFar()}) {
        const SampleSeasonOptions o = season == &finished() ? finishedSeason() : seasonSoFar();
        ASSERT_FALSE(season->activities.empty());
        for (const Activity& a : season->activities) {
            EXPECT_LE(endOf(a), o.now) << a.title.toStdString();
            EXPECT_GT(a.localDate(), o.raceDay.addDays(-7 * o.weeks)) << a.title.toStdString();
            EXPECT_LE(a.localDate(), o.raceDay);
            EXPECT_EQ(a.utcOffsetSec, o.utcOffsetSec);
        }
        EXPECT_TRUE(std::is_sorted(season->activities.begin(), season->activities.end(),
                                   [](const Activity& a, const Activity& b) { return a.startUtc < b.startUtc; }));
    }
}

TEST(SampleSeason, AFutureRaceGivesTheSeasonSoFar)
{
    const SampleSeasonOptions o = seasonSoFar();
    const QDate today = o.now.addSecs(o.utcOffsetSec).date();
    EXPECT_EQ(soFar().raceDay, o.raceDay);
    EXPECT_TRUE(std::none_of(soFar().activities.begin(), soFar().activities.end(), isRaceLeg));
    // Up to this morning: Wednesday's early run is done, the evening swim is not.
    const Activity& last = soFar().activities.back();
    EXPECT_EQ(last.localDate(), today);
    EXPECT_EQ(last.sport, Sport::Run);
    for (const ThresholdChange& c : soFar().thresholds)
        EXPECT_LE(c.effectiveFrom, today);
}

TEST(SampleSeason, TheDefaultRaceIsOnASundayThreeWeeksAhead)
{
    SampleSeasonOptions o;
    o.weeks = 4;
    o.now = utcDateTime(QDate(2024, 5, 8), QTime(12, 0));
    const SampleSeason season = generateSampleSeason(o);
    EXPECT_EQ(season.raceDay.dayOfWeek(), 7);
    const qint64 ahead = QDate(2024, 5, 8).daysTo(season.raceDay);
    EXPECT_GE(ahead, 21);
    EXPECT_LT(ahead, 28);
    EXPECT_FALSE(season.activities.empty());
}

TEST(SampleSeason, ThresholdsStartTheSeasonAndFtpRisesAfterATest)
{
    const auto& changes = finished().thresholds;
    ASSERT_GE(changes.size(), 2u);
    const Thresholds& first = changes.front().values;
    EXPECT_EQ(changes.front().effectiveFrom, kRaceDay.addDays(-7 * kWeeks + 1));
    ASSERT_TRUE(first.ftpWatts && first.lthrBike && first.lthrRun && first.maxHr && first.restingHr &&
                first.runThresholdSpeed && first.cssSpeed && first.weightKg);
    EXPECT_GE(*first.ftpWatts, 230);
    EXPECT_LE(*first.ftpWatts, 250);
    EXPECT_NEAR(*first.runThresholdSpeed, 1000.0 / 260, 0.05);
    EXPECT_NEAR(*first.cssSpeed, 100.0 / 105, 0.02);
    EXPECT_LT(*first.restingHr, *first.lthrBike);
    EXPECT_LT(*first.lthrRun, *first.maxHr);
    const ThresholdChange& test = changes.back();
    EXPECT_GT(test.effectiveFrom, changes.front().effectiveFrom.addDays(28));
    EXPECT_LT(test.effectiveFrom, kRaceDay.addDays(-28));
    ASSERT_TRUE(test.values.ftpWatts);
    EXPECT_GE(*test.values.ftpWatts / *first.ftpWatts, 1.025);
    EXPECT_LE(*test.values.ftpWatts / *first.ftpWatts, 1.055);
    // The test itself is in the season, on the day the change takes effect.
    EXPECT_TRUE(std::any_of(finished().activities.begin(), finished().activities.end(), [&](const Activity& a) {
        return a.localDate() == test.effectiveFrom && a.title.startsWith(QStringLiteral("FTP test"));
    }));
}

TEST(SampleSeason, StreamsAreAlignedAndPhysical)
{
    // Every sample of channel `c` recorded and in [lo, hi]; false when the channel is absent.
    const auto within = [](const Streams& s, Channel c, double lo, double hi) {
        const std::vector<double>* v = s.get(c);
        return v && std::all_of(v->begin(), v->end(), [&](double x) { return !isMissing(x) && x >= lo && x <= hi; });
    };
    for (const Activity& a : finished().activities) {
        const std::string name = a.title.toStdString();
        const Streams& s = a.streams;
        ASSERT_FALSE(s.empty()) << name;
        for (const auto& [channel, values] : s.channels)
            ASSERT_EQ(values.size(), s.size()) << name << " channel " << static_cast<int>(channel);
        EXPECT_TRUE(std::adjacent_find(s.time.begin(), s.time.end(), std::greater_equal<double>()) == s.time.end());
        ASSERT_TRUE(s.has(Channel::HeartRate)) << name;
        EXPECT_TRUE(within(s, Channel::HeartRate, 40, 210)) << name;
        EXPECT_TRUE(within(s, Channel::Speed, 0, 25)) << name;
        ASSERT_TRUE(s.has(Channel::Distance)) << name;
        const std::vector<double>& dist = s.channels.at(Channel::Distance);
        EXPECT_TRUE(std::is_sorted(dist.begin(), dist.end())) << name;
        EXPECT_NEAR(dist.back(), a.distanceM.value_or(-1), 1.0) << name;
        if (s.has(Channel::Power)) {
            const std::vector<double>& power = s.channels.at(Channel::Power);
            EXPECT_TRUE(within(s, Channel::Power, 0, 1500)) << name;
            EXPECT_TRUE(std::count(power.begin(), power.end(), 0.0) > 0) << name << ": no coasting";
        }
        if (s.has(Channel::Cadence)) {
            EXPECT_TRUE(within(s, Channel::Cadence, 0, 200)) << name;
        }
        if (s.has(Channel::Latitude)) {
            EXPECT_TRUE(within(s, Channel::Latitude, 47.0, 47.75)) << name;
            EXPECT_TRUE(within(s, Channel::Longitude, 8.0, 9.1)) << name;
        }
        if (a.sport == Sport::Bike) {
            for (Channel c : {Channel::Power, Channel::Cadence, Channel::Speed, Channel::Altitude, Channel::Latitude,
                              Channel::Longitude}) {
                EXPECT_TRUE(s.has(c)) << name << " channel " << static_cast<int>(c);
            }
            EXPECT_TRUE(a.avgPower && a.maxPower && a.elevationGainM && a.calories) << name;
            EXPECT_GT(*a.avgSpeed, 6.0) << name; // > 21.6 km/h
            EXPECT_LT(*a.avgSpeed, 11.5) << name;
        }
        if (a.sport == Sport::Run) {
            EXPECT_TRUE(s.has(Channel::Latitude) && s.has(Channel::Altitude) && s.has(Channel::Cadence)) << name;
            EXPECT_GT(*a.avgCadence, 160) << name;
            EXPECT_LT(*a.avgCadence, 185) << name;
            EXPECT_GT(*a.avgSpeed, 2.6) << name; // faster than 6:25 min/km
            EXPECT_LT(*a.avgSpeed, 4.5) << name;
        }
        if (a.sport == Sport::Swim && a.subSport.isEmpty()) {
            EXPECT_FALSE(s.has(Channel::Latitude)) << name << ": a pool has no GPS";
            EXPECT_EQ(a.poolLengthM, 25.0);
            double active = 0;
            for (const PoolLength& len : a.lengths)
                active += len.active ? 25 : 0;
            EXPECT_EQ(active, *a.distanceM) << name;
            if (std::any_of(a.lengths.begin(), a.lengths.end(), [](const PoolLength& l) { return !l.active; })) {
                EXPECT_LT(a.movingSec, a.elapsedSec) << name << ": rest at the wall";
            }
        }
    }
}

TEST(SampleSeason, SessionsCarryWhatADeviceRecords)
{
    std::set<QString> hashes;
    int withRpe = 0;
    for (const Activity& a : finished().activities) {
        const std::string name = a.title.toStdString();
        EXPECT_FALSE(a.title.isEmpty());
        EXPECT_EQ(a.source, ActivitySource::File);
        EXPECT_TRUE(a.contentHash.startsWith(QStringLiteral("sample-season:1:"))) << name;
        EXPECT_TRUE(hashes.insert(a.contentHash).second) << "duplicate hash " << a.contentHash.toStdString();
        EXPECT_GT(a.movingSec, 0) << name;
        EXPECT_GE(a.elapsedSec, a.movingSec) << name;
        EXPECT_TRUE(a.avgHr && a.maxHr && a.avgSpeed && a.maxSpeed && a.calories) << name;
        if (a.sport != Sport::Transition) {
            EXPECT_FALSE(a.laps.empty()) << name;
        }
        withRpe += a.rpe ? 1 : 0;
    }
    EXPECT_GT(withRpe, 0);
    EXPECT_LT(withRpe, static_cast<int>(finished().activities.size()));
}

TEST(SampleSeason, WeeksFollowTheTrainingPattern)
{
    const std::vector<WeeklyVolume> weeks = weeklyVolume(finished().activities, kRaceDay, kWeeks);
    for (const Activity& a : finished().activities)
        EXPECT_NE(a.localDate().dayOfWeek(), 1) << "Monday is a rest day: " << a.title.toStdString();
    int loadingSessions = 0;
    int loadingWeeks = 0;
    for (int w = 0; w < kWeeks - 1; ++w) {
        const int sessions = weeks[static_cast<std::size_t>(w)].total.count;
        EXPECT_GE(sessions, 6) << "week " << w;
        EXPECT_LE(sessions, 10) << "week " << w;
        if (w % 4 != 3 && w < kWeeks - 2) {
            EXPECT_GE(sessions, 7) << "loading week " << w; // 9 or 10 planned, a session or two missed
            loadingSessions += sessions;
            ++loadingWeeks;
        }
    }
    EXPECT_GE(loadingSessions, 8.5 * loadingWeeks);
    // Saturday's ride is the longest ride of the week, Sunday's run the longest run.
    for (const Activity& a : finished().activities) {
        if (isRaceLeg(a) || a.localDate() > kRaceDay.addDays(-14))
            continue;
        if (a.sport == Sport::Bike) {
            EXPECT_TRUE(a.localDate().dayOfWeek() == 6 || a.durationSec() < 2.5 * 3600) << a.title.toStdString();
        }
        if (a.title == QStringLiteral("Long run")) {
            EXPECT_EQ(a.localDate().dayOfWeek(), 7);
        }
    }
}

TEST(SampleSeason, WeeklyHoursFollowThePeriodization)
{
    const std::vector<double> hours = weeklyTrainingHours();
    ASSERT_EQ(hours.size(), static_cast<std::size_t>(kWeeks));
    for (int w = 3; w < kWeeks - 3; w += 4) {
        const auto i = static_cast<std::size_t>(w);
        EXPECT_LT(hours[i], 0.8 * hours[i - 1]) << "recovery week " << w;
        EXPECT_LT(hours[i], 0.8 * hours[i + 1]) << "recovery week " << w;
    }
    const double peak = std::max(hours[kWeeks - 4], hours[kWeeks - 3]);
    EXPECT_GT(peak, 9.5);
    EXPECT_LT(peak, 12.5);
    EXPECT_GT(hours[0], 5.0);
    EXPECT_LT(hours[0], 7.5);
    // The taper: 40-60 % less than the peak.
    EXPECT_LT(hours[kWeeks - 2], 0.65 * peak);
    EXPECT_GT(hours[kWeeks - 2], 0.35 * peak);
    EXPECT_LT(hours[kWeeks - 1], 0.6 * peak);
}

TEST(SampleSeason, BuildWeeksHaveBricks)
{
    const auto& acts = finished().activities;
    int bricks = 0;
    for (std::size_t i = 1; i < acts.size(); ++i) {
        const Activity& ride = acts[i - 1];
        const Activity& run = acts[i];
        if (ride.sport == Sport::Bike && run.sport == Sport::Run && !isRaceLeg(run) &&
            endOf(ride).secsTo(run.startUtc) >= 0 && endOf(ride).secsTo(run.startUtc) <= 600) {
            EXPECT_EQ(run.title, QStringLiteral("Brick run"));
            ++bricks;
        }
    }
    EXPECT_GE(bricks, 3);
}

TEST(SampleSeason, TheRaceIsATriathlonOfFiveLegs)
{
    std::vector<Activity> legs;
    for (const Activity& a : finished().activities) {
        if (isRaceLeg(a))
            legs.push_back(a);
    }
    ASSERT_EQ(legs.size(), 5u);
    const std::vector<Sport> sports{Sport::Swim, Sport::Transition, Sport::Bike, Sport::Transition, Sport::Run};
    for (std::size_t i = 0; i < legs.size(); ++i) {
        EXPECT_EQ(legs[i].multisportKey, legs[0].multisportKey);
        EXPECT_EQ(legs[i].multisportLeg, static_cast<int>(i));
        EXPECT_EQ(legs[i].sport, sports[i]);
        EXPECT_EQ(legs[i].localDate(), kRaceDay);
        if (i > 0) {
            EXPECT_LE(std::abs(endOf(legs[i - 1]).secsTo(legs[i].startUtc)), 1);
        }
    }
    EXPECT_NEAR(*legs[0].distanceM, 1900, 1);
    EXPECT_NEAR(*legs[2].distanceM, 90000, 20);
    EXPECT_NEAR(*legs[4].distanceM, 21097.5, 10);
    double total = 0;
    for (const Activity& leg : legs)
        total += leg.elapsedSec;
    EXPECT_GT(total, 4.5 * 3600);
    EXPECT_LT(total, 6.5 * 3600);
}

namespace {
class SampleSeasonStore : public StoreTest {};
} // namespace

TEST_F(SampleSeasonStore, LoadsEverySessionWithItsLoad)
{
    const AthleteId athlete = newAthlete(QStringLiteral("Sample"));
    QElapsedTimer timer;
    timer.start();
    auto added = loadSampleSeason(*store, athlete, finishedSeason());
    const qint64 ms = timer.elapsed();
    ASSERT_TRUE(added.ok()) << added.error().message.toStdString();
    EXPECT_EQ(*added, static_cast<int>(finished().activities.size()));
    EXPECT_EQ(store->activityCount(athlete), *added);
    std::cout << "[ info     ] generated and stored " << *added << " activities in " << ms << " ms; database "
              << QFileInfo(dbPath()).size() / 1024 << " KiB (+ WAL "
              << QFileInfo(dbPath() + QStringLiteral("-wal")).size() / 1024 << " KiB)\n";

    EXPECT_EQ(store->thresholdHistory(athlete).changes(), finished().thresholds);
    for (const Activity& a : store->activities(athlete)) {
        const std::string name = a.title.toStdString();
        EXPECT_GT(a.load, 0) << name;
        switch (a.sport) {
        case Sport::Bike:
            EXPECT_EQ(a.loadSource, LoadSource::Power) << name;
            EXPECT_GT(*a.intensity, 0.45) << name;
            EXPECT_LT(*a.intensity, 1.1) << name;
            break;
        case Sport::Run:
            EXPECT_TRUE(a.loadSource == LoadSource::Pace || a.loadSource == LoadSource::HeartRate) << name;
            EXPECT_LT(*a.intensity, 1.1) << name;
            break;
        case Sport::Swim:
            EXPECT_EQ(a.loadSource, LoadSource::Pace) << name;
            break;
        default:
            EXPECT_EQ(a.loadSource, LoadSource::HeartRate) << name;
            break;
        }
    }
    const QDate first = *store->firstActivityDate(athlete);
    const auto chart = store->pmc(athlete, first, kRaceDay);
    ASSERT_FALSE(chart.empty());
    EXPECT_GT(chart.back().ctl, 30) << "Fitness on race day";
    EXPECT_LT(chart.back().ctl, 120);
    // Tapered: fresher on race morning than at the end of the peak.
    EXPECT_GT(chart.back().tsb, chart[chart.size() - 15].tsb);

    // Streams come back exactly as generated: every channel is stored at a device's resolution.
    const Activity& ride = *std::find_if(finished().activities.begin(), finished().activities.end(),
                                         [](const Activity& a) { return a.sport == Sport::Bike; });
    const auto listed =
        store->activities(athlete, ActivityQuery{ride.localDate(), ride.localDate(), Sport::Bike, {}, -1});
    ASSERT_EQ(listed.size(), 1u);
    auto stored = store->activity(listed.front().id);
    ASSERT_TRUE(stored.ok());
    EXPECT_TRUE(stored->streams == ride.streams);
    EXPECT_EQ(stored->laps.size(), ride.laps.size());
}

TEST_F(SampleSeasonStore, LoadingTwiceAddsNothing)
{
    const AthleteId athlete = newAthlete(QStringLiteral("Sample"));
    SampleSeasonOptions o = seasonSoFar();
    o.weeks = 6;
    auto first = loadSampleSeason(*store, athlete, o);
    ASSERT_TRUE(first.ok()) << first.error().message.toStdString();
    EXPECT_GT(*first, 20);
    auto second = loadSampleSeason(*store, athlete, o);
    ASSERT_TRUE(second.ok()) << second.error().message.toStdString();
    EXPECT_EQ(*second, 0);
    EXPECT_EQ(store->activityCount(athlete), *first);
    // A day later the season has grown: only the new sessions are added.
    o.now = o.now.addDays(1);
    auto later = loadSampleSeason(*store, athlete, o);
    ASSERT_TRUE(later.ok());
    EXPECT_GT(*later, 0);
    EXPECT_EQ(store->activityCount(athlete), *first + *later);
}

TEST_F(SampleSeasonStore, AnUnknownAthleteIsRefused)
{
    SampleSeasonOptions o = finishedSeason();
    o.weeks = 4;
    auto added = loadSampleSeason(*store, 4242, o);
    ASSERT_FALSE(added.ok());
    EXPECT_EQ(added.error().code, QStringLiteral("demo.unknown-athlete"));
    EXPECT_FALSE(added.error().message.isEmpty());
}
