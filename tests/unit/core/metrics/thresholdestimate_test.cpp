// Threshold estimates checked against computations written out here: brute-force best efforts on real files,
// and synthetic recordings whose efforts, fits and swim times are set by the test.
#include "core/io/formatregistry.h"
#include "core/metrics/thresholdestimate.h"
#include "core/model/plausible.h"
#include "core/util/datetime.h"

#include <QDirIterator>
#include <QFile>

#include <cmath>
#include <functional>
#include <gtest/gtest.h>
#include <iostream>

using namespace tricoach;

namespace {

const QDate kAsOf(2026, 11, 30);

Activity decodeCorpus(const QString& rel)
{
    QFile f(QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/") + rel);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << rel.toStdString();
    const DecodedFile decoded = FormatRegistry().decode(rel, f.readAll());
    EXPECT_FALSE(decoded.activities.empty()) << rel.toStdString();
    return decoded.activities.empty() ? Activity{} : decoded.activities.front();
}

// A recording on `day` of one channel at 1 Hz: value(second) for `seconds` seconds.
Activity recorded(Sport sport, const QDate& day, int seconds, Channel channel, const std::function<double(int)>& value)
{
    static ActivityId nextId = 1;
    Activity a;
    a.id = nextId++;
    a.sport = sport;
    a.startUtc = utcDateTime(day, QTime(7, 0));
    a.movingSec = a.elapsedSec = seconds;
    for (int t = 0; t <= seconds; ++t) {
        a.streams.time.push_back(t);
        a.streams.channels[channel].push_back(value(t));
    }
    return a;
}

const ThresholdEstimate& estimateOf(const std::vector<ThresholdEstimate>& all, ThresholdField field)
{
    for (const ThresholdEstimate& e : all) {
        if (e.field == field)
            return e;
    }
    static ThresholdEstimate none;
    ADD_FAILURE() << "no estimate for " << thresholdFieldId(field).toStdString();
    return none;
}

EstimateOptions options(const QDate& asOf = kAsOf)
{
    EstimateOptions o;
    o.asOf = asOf;
    return o;
}

// The highest mean of `channel` over any `seconds` of a strictly 1-Hz recording, by brute force over the samples.
double bruteForceBest(const Activity& a, Channel channel, int seconds)
{
    if (!a.streams.has(channel))
        return 0;
    const std::vector<double> v = a.streams.channels.at(channel);
    double best = 0;
    for (std::size_t start = 0; start + static_cast<std::size_t>(seconds) <= v.size(); ++start) {
        double sum = 0;
        for (std::size_t i = start; i < start + static_cast<std::size_t>(seconds); ++i)
            sum += std::isnan(v[i]) ? 0.0 : v[i];
        best = std::max(best, sum / seconds);
    }
    return best;
}

} // namespace

TEST(ThresholdEstimate, FtpIsTheBestTwentyMinutePowerOfARealRideTimesPointNineFive)
{
    Activity ride = decodeCorpus(QStringLiteral("fit/cycling-garmin-edge810-vector-power.fit"));
    ASSERT_TRUE(ride.streams.has(Channel::Power));
    for (std::size_t i = 1; i < ride.streams.time.size(); ++i) // the brute force below assumes 1 Hz
        ASSERT_EQ(ride.streams.time[i] - ride.streams.time[i - 1], 1.0);
    const double best = bruteForceBest(ride, Channel::Power, 1200);
    const auto all = estimateThresholds({ride}, options(ride.localDate()));
    const ThresholdEstimate& ftp = estimateOf(all, ThresholdField::Ftp);
    ASSERT_TRUE(ftp.offered()) << ftp.basis.toStdString();
    EXPECT_EQ(ftp.method, EstimateMethod::Best20MinPower);
    EXPECT_NEAR(*ftp.value, 0.95 * best, 1e-6);
    ASSERT_EQ(ftp.efforts.size(), 1u);
    EXPECT_EQ(ftp.efforts[0].day, ride.localDate());
    EXPECT_EQ(ftp.basis, QStringLiteral("best 20-min power %1 W on %2 × 0.95")
                             .arg(std::lround(best))
                             .arg(ride.localDate().toString(Qt::ISODate)));
}

TEST(ThresholdEstimate, WithoutATwentyMinuteEffortCriticalPowerComesFromAFitOfShorterOnes)
{
    // Four all-out efforts, each its own session, on the line work = W′ + CP·t with CP 250 W and W′ 20 kJ.
    const double cp = 250, wPrime = 20000;
    std::vector<Activity> rides;
    int day = 0;
    for (int seconds : {180, 300, 480, 720}) {
        const double watts = cp + wPrime / seconds;
        rides.push_back(recorded(Sport::Bike, kAsOf.addDays(-(day++)), seconds, Channel::Power,
                                 [&](int t) { return t < seconds ? watts : kMissing; }));
    }
    const ThresholdEstimate ftp = estimateOf(estimateThresholds(rides, options()), ThresholdField::Ftp);
    ASSERT_TRUE(ftp.offered()) << ftp.basis.toStdString();
    EXPECT_EQ(ftp.method, EstimateMethod::CriticalPower);
    EXPECT_NEAR(*ftp.value, cp, 1e-6);
    EXPECT_NEAR(*ftp.reserve, wPrime, 1e-3);
    EXPECT_EQ(ftp.efforts.size(), 4u);

    // Only efforts of a few minutes: too short to say.
    rides.resize(1);
    const ThresholdEstimate tooShort = estimateOf(estimateThresholds(rides, options()), ThresholdField::Ftp);
    EXPECT_FALSE(tooShort.offered());
    EXPECT_EQ(tooShort.missing, MissingReason::TooShort);
}

TEST(ThresholdEstimate, RunningPowerIsEstimatedFromRunsOnly)
{
    std::vector<Activity> activities{
        recorded(Sport::Run, kAsOf, 1500, Channel::Power, [](int t) { return t < 300 ? 200.0 : 280.0; }),
        recorded(Sport::Bike, kAsOf, 1500, Channel::Power, [](int) { return 330.0; })};
    const auto all = estimateThresholds(activities, options());
    EXPECT_NEAR(*estimateOf(all, ThresholdField::RunPower).value, 0.95 * 280, 1e-9);
    EXPECT_NEAR(*estimateOf(all, ThresholdField::Ftp).value, 0.95 * 330, 1e-9);
}

TEST(ThresholdEstimate, MissingDataSaysWhy)
{
    // A ride with heart rate only, no runs, no swims.
    const Activity ride = recorded(Sport::Bike, kAsOf, 1800, Channel::HeartRate, [](int) { return 130.0; });
    const auto all = estimateThresholds({ride}, options());
    EXPECT_EQ(estimateOf(all, ThresholdField::Ftp).missing, MissingReason::NoRecording);
    EXPECT_EQ(estimateOf(all, ThresholdField::RunPower).missing, MissingReason::NoActivities);
    EXPECT_EQ(estimateOf(all, ThresholdField::RunPace).missing, MissingReason::NoActivities);
    EXPECT_EQ(estimateOf(all, ThresholdField::Css).missing, MissingReason::NoActivities);
    EXPECT_TRUE(estimateOf(all, ThresholdField::Ftp).basis.contains(QStringLiteral("no ride with power")));
    for (const ThresholdEstimate& e : all)
        EXPECT_FALSE(e.basis.isEmpty()) << thresholdFieldId(e.field).toStdString();

    // A power meter that recorded only zeros: an estimate of 0 W is not offered, and the athlete is told why.
    const Activity zeros = recorded(Sport::Bike, kAsOf, 1800, Channel::Power, [](int) { return 0.0; });
    const ThresholdEstimate ftp = estimateOf(estimateThresholds({zeros}, options()), ThresholdField::Ftp);
    EXPECT_FALSE(ftp.offered());
    EXPECT_EQ(ftp.missing, MissingReason::Implausible);
    EXPECT_TRUE(ftp.basis.contains(QStringLiteral("power meter"))) << ftp.basis.toStdString();
}

TEST(ThresholdEstimate, OnlyTheWindowCounts)
{
    const Activity recent = recorded(Sport::Bike, kAsOf.addDays(-89), 1300, Channel::Power, [](int) { return 240.0; });
    const Activity old = recorded(Sport::Bike, kAsOf.addDays(-90), 1300, Channel::Power, [](int) { return 300.0; });
    const Activity future = recorded(Sport::Bike, kAsOf.addDays(1), 1300, Channel::Power, [](int) { return 320.0; });
    const ThresholdEstimate ftp = estimateOf(estimateThresholds({recent, old, future}, options()), ThresholdField::Ftp);
    EXPECT_NEAR(*ftp.value, 0.95 * 240, 1e-9);
    // The maximum heart rate looks back a year.
    const Activity peak = recorded(Sport::Run, kAsOf.addDays(-300), 600, Channel::HeartRate,
                                   [](int t) { return 120.0 + std::min(t, 72) * 1.0; });
    const Activity tooOld = recorded(Sport::Run, kAsOf.addDays(-365), 600, Channel::HeartRate,
                                     [](int t) { return 120.0 + std::min(t, 80) * 1.0; });
    const ThresholdEstimate maxHr = estimateOf(estimateThresholds({peak, tooOld}, options()), ThresholdField::MaxHr);
    EXPECT_EQ(maxHr.value, 192);
    EXPECT_EQ(maxHr.method, EstimateMethod::HighestHeldHr);
}

TEST(ThresholdEstimate, MaxHeartRateIgnoresSpikesAndTheStrapsStart)
{
    const Activity run = recorded(Sport::Run, kAsOf, 1800, Channel::HeartRate, [](int t) {
        if (t < 30)
            return 215.0; // a dry strap
        if (t == 900)
            return 240.0; // a spike
        return 110.0 + std::min((t - 30) * 0.1, 76.0);
    });
    const ThresholdEstimate maxHr = estimateOf(estimateThresholds({run}, options()), ThresholdField::MaxHr);
    EXPECT_NEAR(*maxHr.value, 186, 1e-9);
}

TEST(ThresholdEstimate, ThresholdHeartRateComesFromHardEffortsPerSport)
{
    // An easy ride, and a hard run that reached 190.
    const Activity easy = recorded(Sport::Bike, kAsOf, 2400, Channel::HeartRate, [](int) { return 125.0; });
    const Activity hard = recorded(Sport::Run, kAsOf.addDays(-1), 1800, Channel::HeartRate,
                                   [](int t) { return t < 600 ? 140.0 + t * 0.05 : (t < 1790 ? 172.0 : 190.0); });
    auto all = estimateThresholds({easy, hard}, options());
    const ThresholdEstimate& bike = estimateOf(all, ThresholdField::LthrBike);
    EXPECT_FALSE(bike.offered());
    EXPECT_EQ(bike.missing, MissingReason::NotHard);
    EXPECT_TRUE(bike.basis.contains(QStringLiteral("125 bpm"))) << bike.basis.toStdString();
    const ThresholdEstimate& run = estimateOf(all, ThresholdField::LthrRun);
    ASSERT_TRUE(run.offered()) << run.basis.toStdString();
    // The best 20 minutes: the last 1,200 s (601 to 1,800), of which 11 at 190 and 1,189 at 172.
    EXPECT_NEAR(*run.value, (1189 * 172.0 + 11 * 190.0) / 1200, 1e-9);
    // With a maximum the athlete set, hardness is judged against it.
    EstimateOptions withMax = options();
    withMax.knownMaxHr = 145;
    all = estimateThresholds({easy, hard}, withMax);
    EXPECT_EQ(estimateOf(all, ThresholdField::LthrBike).value, 125);
}

TEST(ThresholdEstimate, CriticalSpeedComesFromADistanceTimeFitAndSurvivesAGpsJump)
{
    const double cs = 4.0, dPrime = 200;
    std::vector<Activity> runs;
    int day = 0;
    for (int seconds : {180, 300, 480, 720, 1200, 1800}) {
        const double speed = cs + dPrime / seconds;
        runs.push_back(recorded(Sport::Run, kAsOf.addDays(-(day++)), seconds, Channel::Distance,
                                [&](int t) { return speed * t; }));
    }
    // A GPS jump of a kilometre in the 20-min run, never corrected.
    auto& jumped = runs[4].streams.channels[Channel::Distance];
    for (std::size_t t = 600; t < jumped.size(); ++t)
        jumped[t] += 1000;
    const ThresholdEstimate pace = estimateOf(estimateThresholds(runs, options()), ThresholdField::RunPace);
    ASSERT_TRUE(pace.offered()) << pace.basis.toStdString();
    EXPECT_EQ(pace.method, EstimateMethod::CriticalSpeed);
    EXPECT_NEAR(*pace.value, cs, 1e-9);
    EXPECT_NEAR(*pace.reserve, dPrime, 1e-6);
}

TEST(ThresholdEstimate, ThresholdPaceFallsBackToRiegelWithFewEfforts)
{
    const Activity run =
        recorded(Sport::Run, kAsOf, 300, Channel::Distance, [](int t) { return 5.0 * t; }); // 5 min at 5 m/s
    const ThresholdEstimate pace = estimateOf(estimateThresholds({run}, options()), ThresholdField::RunPace);
    ASSERT_TRUE(pace.offered());
    EXPECT_EQ(pace.method, EstimateMethod::RiegelHour);
    // Riegel: the time for distance D grows as D^1.06, so the speed held for an hour is v·(300/3600)^(0.06/1.06).
    EXPECT_NEAR(*pace.value, 5.0 * std::pow(300.0 / 3600.0, 0.06 / 1.06), 1e-9);
}

TEST(ThresholdEstimate, CssFromASwimWhose400And200TimesAreSet)
{
    Activity swim;
    swim.id = 77;
    swim.sport = Sport::Swim;
    swim.poolLengthM = 25;
    swim.startUtc = utcDateTime(kAsOf, QTime(6, 0));
    double t = 0;
    const auto lengths = [&](int count, double seconds) {
        for (int i = 0; i < count; ++i) {
            swim.lengths.push_back(PoolLength{t, seconds, true, 12, QStringLiteral("freestyle")});
            t += seconds;
        }
        swim.lengths.push_back(PoolLength{t, 60, false, std::nullopt, QString()}); // rest
        t += 60;
    };
    lengths(16, 22.5); // 400 m in 6:00
    lengths(8, 20);    // 200 m in 2:40
    const ThresholdEstimate css = estimateOf(estimateThresholds({swim}, options()), ThresholdField::Css);
    ASSERT_TRUE(css.offered()) << css.basis.toStdString();
    EXPECT_NEAR(*css.value, 200.0 / (360 - 160), 1e-9);
    EXPECT_EQ(css.basis, QStringLiteral("best 400 m 6:00 and best 200 m 2:40: 200 m / (6:00 − 2:40)"));
    // Open water counts for nothing, pool swims without lengths are not enough.
    Activity open = swim;
    open.subSport = QStringLiteral("OpenWaterSwim");
    open.lengths.clear();
    open.poolLengthM.reset();
    EXPECT_EQ(estimateOf(estimateThresholds({open}, options()), ThresholdField::Css).missing,
              MissingReason::NoRecording);
}

TEST(ThresholdEstimate, EveryEstimateOfTheCorpusIsPlausible)
{
    std::vector<Activity> all;
    QDirIterator it(QStringLiteral(TRICOACH_TESTDATA_DIR "/activities"), QDir::Files, QDirIterator::Subdirectories);
    const FormatRegistry formats;
    while (it.hasNext()) {
        const QString path = it.next();
        if (!formats.isActivityFileName(path))
            continue;
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        DecodedFile decoded = formats.decode(path, f.readAll());
        for (Activity& a : decoded.activities) {
            // Each file on its own never crashes the estimator, damaged ones included.
            EstimateOptions own = options(a.localDate().isValid() ? a.localDate() : kAsOf);
            (void)estimateThresholds({a}, own);
            all.push_back(std::move(a));
        }
    }
    ASSERT_GT(all.size(), 60u);
    EstimateOptions everything = options(QDate(2030, 1, 1));
    everything.windowDays = everything.maxHrWindowDays = 20000;
    const auto estimates = estimateThresholds(all, everything);
    const std::map<ThresholdField, PlausibleRange> ranges{{ThresholdField::Ftp, plausible::kFtpWatts},
                                                          {ThresholdField::RunPower, plausible::kRunPowerWatts},
                                                          {ThresholdField::RunPace, plausible::kRunThresholdSpeed},
                                                          {ThresholdField::LthrBike, plausible::kThresholdHr},
                                                          {ThresholdField::LthrRun, plausible::kThresholdHr},
                                                          {ThresholdField::MaxHr, plausible::kMaxHr},
                                                          {ThresholdField::Css, plausible::kCssSpeed}};
    for (const ThresholdEstimate& e : estimates) {
        ASSERT_TRUE(e.offered()) << thresholdFieldId(e.field).toStdString() << ": " << e.basis.toStdString();
        EXPECT_TRUE(ranges.at(e.field).contains(*e.value)) << thresholdFieldId(e.field).toStdString();
        EXPECT_FALSE(e.efforts.empty());
        std::cout << thresholdFieldId(e.field).toStdString() << " = " << *e.value << "  (" << e.basis.toStdString()
                  << ")\n";
    }
    // The threshold heart rate sits below the maximum.
    EXPECT_LT(*estimateOf(estimates, ThresholdField::LthrRun).value,
              *estimateOf(estimates, ThresholdField::MaxHr).value);
}
