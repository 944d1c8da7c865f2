// Stress scores against values computed by hand from the published formulas named in core/metrics/stress.h.
#include "core/metrics/stress.h"
#include "core/util/datetime.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace tricoach;

namespace {

Activity activity(Sport sport, double seconds)
{
    Activity a;
    a.sport = sport;
    a.startUtc = utcDateTime(QDate(2024, 5, 1), QTime(8, 0));
    a.movingSec = a.elapsedSec = seconds;
    return a;
}

// A 1 Hz stream of `values` on one channel.
Streams oneHz(Channel c, const std::vector<double>& values)
{
    Streams s;
    for (std::size_t i = 0; i < values.size(); ++i)
        s.time.push_back(static_cast<double>(i));
    s.channels[c] = values;
    return s;
}

// A heart holding `bpm`: it wanders a beat either way second by second (a constant trace is a strap's flat line).
std::vector<double> heartAt(double bpm, std::size_t seconds)
{
    std::vector<double> hr;
    for (std::size_t i = 0; i < seconds; ++i)
        hr.push_back(i % 2 ? bpm + 1 : bpm - 1);
    return hr;
}

// Banister's weighting of a minute at `bpm`, for the default (male) curve.
double trimpWeight(double bpm, const Thresholds& t)
{
    const double x = (bpm - *t.restingHr) / (*t.maxHr - *t.restingHr);
    return x * 0.64 * std::exp(1.92 * x);
}

double minettiCost(double i)
{
    return 155.4 * std::pow(i, 5) - 30.4 * std::pow(i, 4) - 43.3 * std::pow(i, 3) + 46.3 * i * i + 19.5 * i + 3.6;
}

} // namespace

TEST(NormalizedPower, SteadyPowerIsItsOwnNormalizedPower)
{
    EXPECT_NEAR(*normalizedPower(oneHz(Channel::Power, std::vector<double>(3600, 200.0))), 200.0, 1e-9);
    EXPECT_NEAR(*normalizedPower(oneHz(Channel::Power, std::vector<double>(30, 180.0))), 180.0, 1e-9);
}

TEST(NormalizedPower, NeedsAFullThirtySecondWindow)
{
    EXPECT_FALSE(normalizedPower(oneHz(Channel::Power, std::vector<double>(29, 200.0))).has_value());
    EXPECT_FALSE(normalizedPower(Streams{}).has_value());
}

TEST(NormalizedPower, StepChangeMatchesTheRollingFourthPowerMean)
{
    // 30 s at 100 W then 30 s at 300 W: 31 windows; window k holds k seconds at 300 W.
    std::vector<double> p(30, 100.0);
    p.insert(p.end(), 30, 300.0);
    double sum = 0;
    for (int k = 0; k <= 30; ++k)
        sum += std::pow(100.0 + 200.0 * k / 30.0, 4);
    EXPECT_NEAR(*normalizedPower(oneHz(Channel::Power, p)), std::pow(sum / 31.0, 0.25), 1e-9);
    // Surges weigh more than their share: NP is above the 200 W average.
    EXPECT_GT(*normalizedPower(oneHz(Channel::Power, p)), 200.0);
}

TEST(NormalizedPower, MissingSamplesCountAsZeroAndStopsAreSkipped)
{
    std::vector<double> p(60, 200.0);
    for (int i = 30; i < 60; ++i)
        p[static_cast<std::size_t>(i)] = kMissing;
    double sum = 0;
    for (int k = 0; k <= 30; ++k)
        sum += std::pow(200.0 * (30 - k) / 30.0, 4);
    EXPECT_NEAR(*normalizedPower(oneHz(Channel::Power, p)), std::pow(sum / 31.0, 0.25), 1e-9);

    // 30 s, a 20-minute stop, 30 s more: the stop is not 1200 s of zeros.
    Streams s = oneHz(Channel::Power, std::vector<double>(60, 250.0));
    for (std::size_t i = 30; i < 60; ++i)
        s.time[i] += 1200;
    EXPECT_NEAR(*normalizedPower(s), 250.0, 1e-9);
}

TEST(PowerStress, OneHourAtEightyPercentScoresSixtyFour)
{
    Activity a = activity(Sport::Bike, 3600);
    a.streams = oneHz(Channel::Power, std::vector<double>(3600, 200.0));
    Thresholds t;
    t.ftpWatts = 250;
    const auto s = powerStress(a, t);
    ASSERT_TRUE(s);
    EXPECT_NEAR(s->load, 64.0, 1e-9);
    EXPECT_NEAR(*s->intensity, 0.8, 1e-12);
}

TEST(PowerStress, UsesAveragePowerWithoutAStreamAndNeedsFtp)
{
    Activity a = activity(Sport::Bike, 5400);
    a.avgPower = 250;
    Thresholds t;
    EXPECT_FALSE(powerStress(a, t));
    t.ftpWatts = 250;
    EXPECT_NEAR(powerStress(a, t)->load, 150.0, 1e-9); // 1.5 h at IF 1
}

TEST(HeartRateStress, AnHourAtLthrScoresOneHundred)
{
    Thresholds t;
    t.lthrRun = 170;
    t.maxHr = 190;
    t.restingHr = 50;
    Activity a = activity(Sport::Run, 3600);
    a.streams = oneHz(Channel::HeartRate, heartAt(170, 3600));
    const double wandering = (trimpWeight(169, t) + trimpWeight(171, t)) / 2 / trimpWeight(170, t);
    EXPECT_NEAR(wandering, 1.0, 1e-3);
    EXPECT_NEAR(heartRateStress(a, t, LoadSettings::defaults())->load, 100.0 * wandering, 1e-9);

    // A strap reporting one value for the whole hour is not a heart.
    a.streams = oneHz(Channel::HeartRate, std::vector<double>(3600, 170.0));
    EXPECT_FALSE(heartRateStress(a, t, LoadSettings::defaults()));
    EXPECT_TRUE(heartRateStress(a, t, LoadSettings::defaults()).passedOver.contains(QStringLiteral("flat line")));

    Activity summary = activity(Sport::Run, 1800);
    summary.avgHr = 170;
    EXPECT_NEAR(heartRateStress(summary, t, LoadSettings::defaults())->load, 50.0, 1e-9);
}

TEST(HeartRateStress, FollowsBanistersExponentialWeighting)
{
    Thresholds t;
    t.lthrBike = 160;
    t.maxHr = 190;
    t.restingHr = 50;
    Activity a = activity(Sport::Bike, 3600);
    a.avgHr = 130;
    const double x = (130.0 - 50) / 140, xl = (160.0 - 50) / 140;
    const double expected = 100.0 * (x * std::exp(1.92 * x)) / (xl * std::exp(1.92 * xl));
    EXPECT_NEAR(heartRateStress(a, t, LoadSettings::defaults())->load, expected, 1e-9);

    LoadSettings female = LoadSettings::defaults();
    female.trimpK = 0.86;
    female.trimpB = 1.67;
    const double expectedF = 100.0 * (x * std::exp(1.67 * x)) / (xl * std::exp(1.67 * xl));
    EXPECT_NEAR(heartRateStress(a, t, female)->load, expectedF, 1e-9);
}

TEST(HeartRateStress, NeedsRestingAndMaxHeartRate)
{
    Thresholds t;
    t.lthrRun = 170;
    t.maxHr = 190;
    Activity a = activity(Sport::Run, 3600);
    a.avgHr = 150;
    EXPECT_FALSE(heartRateStress(a, t, LoadSettings::defaults()));
    t.restingHr = 200; // nonsensical: max below rest
    EXPECT_FALSE(heartRateStress(a, t, LoadSettings::defaults()));
}

TEST(PaceStress, RunFromDistanceAndDuration)
{
    Thresholds t;
    t.runThresholdSpeed = 1000.0 / 240.0;    // 4:00 per km
    Activity a = activity(Sport::Run, 3000); // 10 km in 50 min: 5:00 per km, IF 0.8
    a.distanceM = 10000;
    const auto s = paceStress(a, t);
    ASSERT_TRUE(s);
    EXPECT_NEAR(*s->intensity, 0.8, 1e-12);
    EXPECT_NEAR(s->load, 100.0 * (3000.0 / 3600) * 0.64, 1e-9);
}

TEST(PaceStress, RunStreamIsGradeAdjusted)
{
    Thresholds t;
    t.runThresholdSpeed = 4.0;
    const double v = 3.0;
    Activity flat = activity(Sport::Run, 3600);
    std::vector<double> dist, alt;
    for (int i = 0; i < 3601; ++i) {
        dist.push_back(v * i);
        alt.push_back(100.0);
    }
    flat.streams = oneHz(Channel::Distance, dist);
    flat.streams.channels[Channel::Altitude] = alt;
    // 3600 moving seconds (3601 samples, 3600 steps) at 0.75 of threshold.
    EXPECT_NEAR(paceStress(flat, t)->load, 100.0 * 1.0 * 0.75 * 0.75, 1e-9);

    Activity hill = flat;
    for (int i = 0; i < 3601; ++i)
        hill.streams.channels[Channel::Altitude][static_cast<std::size_t>(i)] = 100.0 + 0.05 * v * i; // 5 % grade
    const double intensity = v * minettiCost(0.05) / minettiCost(0) / 4.0;
    // The first seconds have too little run to measure grade and count as flat.
    EXPECT_NEAR(*paceStress(hill, t)->intensity, intensity, 0.01);
    EXPECT_GT(paceStress(hill, t)->load, paceStress(flat, t)->load * 1.6);
}

TEST(PaceStress, SwimIsCubicAndExcludesRest)
{
    Thresholds t;
    t.cssSpeed = 1.0; // 1:40 per 100 m
    Activity a = activity(Sport::Swim, 1800);
    a.poolLengthM = 25;
    for (int i = 0; i < 40; ++i)
        a.lengths.push_back(PoolLength{i * 30.0, 30.0, true, 15, QStringLiteral("freestyle")});
    for (int i = 0; i < 10; ++i)
        a.lengths.push_back(PoolLength{1200 + i * 60.0, 60.0, false, std::nullopt, {}});
    const double intensity = 1000.0 / 1200.0;
    const auto s = paceStress(a, t);
    ASSERT_TRUE(s);
    EXPECT_NEAR(*s->intensity, intensity, 1e-12);
    EXPECT_NEAR(s->load, 100.0 * (1200.0 / 3600) * std::pow(intensity, 3), 1e-9);

    Activity summary = activity(Sport::Swim, 2000);
    summary.distanceM = 2000;
    EXPECT_NEAR(paceStress(summary, t)->load, 100.0 * (2000.0 / 3600), 1e-9);
}

TEST(PaceStress, NotForBikes)
{
    Thresholds t;
    t.runThresholdSpeed = 4;
    Activity a = activity(Sport::Bike, 3600);
    a.distanceM = 30000;
    EXPECT_FALSE(paceStress(a, t));
}

TEST(RpeStress, ThresholdEffortForAnHourScoresOneHundred)
{
    Activity a = activity(Sport::Run, 3600);
    a.rpe = 9;
    EXPECT_NEAR(rpeStress(a)->load, 100.0, 1e-9);
    a.rpe = 5;
    EXPECT_NEAR(rpeStress(a)->load, 56.25, 1e-9);
    a.rpe = 11;
    EXPECT_FALSE(rpeStress(a));
}

TEST(EstimatedStress, DurationTimesSportRate)
{
    Activity a = activity(Sport::Run, 5400);
    EXPECT_NEAR(estimatedStress(a, LoadSettings::defaults()).load, 90.0, 1e-9);
    LoadSettings s = LoadSettings::defaults();
    s.estimatePerHour[Sport::Run] = 70;
    EXPECT_NEAR(estimatedStress(a, s).load, 105.0, 1e-9);
}

TEST(ComputeLoad, FollowsThePrecedenceAndTheUserWins)
{
    Thresholds t;
    t.ftpWatts = 250;
    t.lthrBike = 160;
    t.maxHr = 190;
    t.restingHr = 50;
    Activity a = activity(Sport::Bike, 3600);
    a.streams = oneHz(Channel::Power, std::vector<double>(3600, 200.0));
    a.streams.channels[Channel::HeartRate] = heartAt(160, 3600);
    a.rpe = 5;
    LoadSettings s = LoadSettings::defaults();

    LoadResult r = computeLoad(a, t, s);
    EXPECT_EQ(r.source, LoadSource::Power);
    EXPECT_NEAR(r.load, 64.0, 1e-9);

    s.precedence[Sport::Bike] = {LoadSource::HeartRate, LoadSource::Power};
    r = computeLoad(a, t, s);
    EXPECT_EQ(r.source, LoadSource::HeartRate);
    EXPECT_NEAR(r.load, 100.0 * (trimpWeight(159, t) + trimpWeight(161, t)) / 2 / trimpWeight(160, t), 1e-9);

    t.ftpWatts.reset();
    t.maxHr.reset();
    s.precedence[Sport::Bike] = {LoadSource::Power, LoadSource::HeartRate};
    r = computeLoad(a, t, s); // nothing computable: the estimate is the last resort
    EXPECT_EQ(r.source, LoadSource::Estimate);
    EXPECT_TRUE(r.estimated());
    EXPECT_NEAR(r.load, 50.0, 1e-9);

    s = LoadSettings::defaults();
    r = computeLoad(a, t, s);
    EXPECT_EQ(r.source, LoadSource::Rpe);

    a.userLoad = 123;
    r = computeLoad(a, t, s);
    EXPECT_EQ(r.source, LoadSource::User);
    EXPECT_EQ(r.load, 123);
}
