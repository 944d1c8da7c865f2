// Best efforts on the 1-second grid, checked against sums written out here, on synthetic recordings with the
// faults devices make (dropouts, pauses, spikes, GPS jumps, a dry strap).
#include "core/metrics/efforts.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace tricoach;

namespace {

// A recording with one value per listed time on one channel.
Streams series(Channel channel, const std::vector<std::pair<double, double>>& samples)
{
    Streams s;
    for (const auto& [t, v] : samples) {
        s.time.push_back(t);
        s.channels[channel].push_back(v);
    }
    return s;
}

// `seconds` samples at 1 Hz from `start`, all at `value`.
void append(std::vector<std::pair<double, double>>& samples, double start, int seconds, double value)
{
    for (int i = 0; i < seconds; ++i)
        samples.emplace_back(start + i, value);
}

} // namespace

TEST(Efforts, ShortDropoutsHoldTheValueAndPausesCountAsNoWork)
{
    std::vector<std::pair<double, double>> samples;
    append(samples, 0, 600, 300);
    for (int i = 300; i < 305; ++i) // a 5-s dropout of the power meter while riding on
        samples[static_cast<std::size_t>(i)].second = kMissing;
    append(samples, 720, 600, 300); // a 2-minute stop at a light: no samples from 600 to 719 s
    const std::vector<double> power = powerPerSecond(series(Channel::Power, samples));
    ASSERT_EQ(power.size(), 1320u);
    EXPECT_EQ(power[302], 300);
    EXPECT_EQ(power[650], 0);
    // Any 20 minutes include the stop: 1,080 s of 300 W and 120 s of nothing.
    const auto best = bestMean(power, 1200);
    ASSERT_TRUE(best);
    EXPECT_NEAR(best->mean, 1080.0 * 300 / 1200, 1e-9);
    // A dropout longer than the hold did no work either.
    for (int i = 100; i < 160; ++i)
        samples[static_cast<std::size_t>(i)].second = kMissing;
    const std::vector<double> longDropout = powerPerSecond(series(Channel::Power, samples));
    EXPECT_EQ(longDropout[130], 0);
}

TEST(Efforts, ImplausiblePowerSamplesAreDroppedNotAveraged)
{
    std::vector<std::pair<double, double>> samples;
    append(samples, 0, 400, 200);
    samples[200].second = 65535; // what a meter writes for "invalid"
    samples[201].second = -40;
    const std::vector<double> power = powerPerSecond(series(Channel::Power, samples));
    EXPECT_EQ(power[200], 200);
    EXPECT_EQ(power[201], 200);
    EXPECT_NEAR(bestMean(power, 300)->mean, 200, 1e-9);
}

TEST(Efforts, SubSecondDuplicateAndDamagedTimesDoNotBreakTheGrid)
{
    Streams s;
    for (double t : {0.0, 0.4, 1.0, 1.0, kMissing, 3.0, 2.0, 4.0}) {
        s.time.push_back(t);
        s.channels[Channel::Power].push_back(100 + t);
    }
    const std::vector<double> power = powerPerSecond(s);
    ASSERT_EQ(power.size(), 5u);
    EXPECT_EQ(power[0], 100);
    EXPECT_EQ(power[1], 101);
    EXPECT_EQ(power[2], 101); // held across the second that had no sample of its own
    EXPECT_EQ(power[3], 103);
    EXPECT_TRUE(powerPerSecond(Streams{}).empty());
}

TEST(Efforts, DistanceSurvivesGpsJumpsResetsAndTunnels)
{
    std::vector<std::pair<double, double>> samples;
    double d = 0;
    for (int t = 0; t < 600; ++t) {
        samples.emplace_back(t, d);
        d += 4; // 4 m/s
    }
    samples[300].second += 400; // a GPS jump of 400 m, corrected at the next fix
    for (int t = 301; t < 600; ++t)
        samples[static_cast<std::size_t>(t)].second += 400;
    // A tunnel: no fix for 60 s, then the distance of those 60 s at once.
    samples.erase(samples.begin() + 400, samples.begin() + 460);
    const std::vector<double> metres = metresPerSecond(series(Channel::Distance, samples), 12);
    ASSERT_EQ(metres.size(), 600u);
    EXPECT_NEAR(metres[299], 4, 1e-9);
    EXPECT_NEAR(metres[299 + 1], 4, 1e-9); // the jump counts at the speed before it
    EXPECT_NEAR(metres[430], 4, 1e-9);     // the tunnel's distance is spread over it
    double total = 0;
    for (double m : metres)
        total += m;
    EXPECT_NEAR(total, 599 * 4.0, 1e-6);
    // A distance counter reset to zero (a device restart) covers nothing, then goes on.
    std::vector<std::pair<double, double>> reset{{0, 0}, {1, 4}, {2, 8}, {3, 0}, {4, 4}};
    const std::vector<double> afterReset = metresPerSecond(series(Channel::Distance, reset), 12);
    EXPECT_EQ(afterReset[2], 0);
    EXPECT_NEAR(afterReset[3], 4, 1e-9);
}

TEST(Efforts, PositionsGiveDistanceWhenNoDistanceWasRecorded)
{
    Streams s;
    // Along a meridian: 1e-4 degrees of latitude is 11.12 m on the mean Earth radius.
    for (int t = 0; t < 10; ++t) {
        s.time.push_back(t);
        s.channels[Channel::Latitude].push_back(t == 0 ? 0.0 : 45.0 + t * 1e-4);
        s.channels[Channel::Longitude].push_back(t == 0 ? 0.0 : 7.0); // 0,0 before the first fix
    }
    const std::vector<double> metres = metresPerSecond(s, 12);
    const double expected = 6371008.8 * 1e-4 * 3.14159265358979323846 / 180;
    EXPECT_EQ(metres[0], 0);
    EXPECT_NEAR(metres[5], expected, 1e-3);
}

TEST(Efforts, HeartRateDropsSpikesAndADryStrapStart)
{
    std::vector<std::pair<double, double>> samples;
    append(samples, 0, 40, 205); // a dry strap counting double for the first 40 s
    for (int t = 40; t < 400; ++t)
        samples.emplace_back(t, std::min(100.0 + (t - 40) * 0.5, 172.0)); // warming up to 172
    samples[300].second = 245;                                            // a single-sample spike
    samples[301].second = 0;                                              // a lost contact
    const std::vector<double> hr = heartRatePerSecond(series(Channel::HeartRate, samples));
    ASSERT_EQ(hr.size(), 400u);
    for (int t = 0; t < 40; ++t)
        EXPECT_TRUE(std::isnan(hr[static_cast<std::size_t>(t)])) << t;
    EXPECT_EQ(hr[200], 172);
    EXPECT_EQ(hr[300], 172); // held from the believable reading before
    EXPECT_EQ(*highestHeld(hr, 5), 172);
}

TEST(Efforts, HighestHeldIgnoresPeaksShorterThanTheHold)
{
    std::vector<double> v{150, 150, 190, 190, 190, 160, 170, 170, 170, 170, 170, kMissing, 200, 200, 200};
    EXPECT_EQ(*highestHeld(v, 3), 200);
    EXPECT_EQ(*highestHeld(v, 4), 170);
    EXPECT_EQ(*highestHeld(v, 5), 170);
    EXPECT_EQ(*highestHeld(v, 6), 160);
    EXPECT_FALSE(highestHeld(v, 20));
}

TEST(Efforts, BestKnownMeanNeedsCoverage)
{
    std::vector<double> v(100, kMissing);
    for (std::size_t i = 0; i < 100; i += 2)
        v[i] = static_cast<double>(i);
    EXPECT_FALSE(bestKnownMean(v, 20, 0.9));
    const auto half = bestKnownMean(v, 20, 0.5);
    ASSERT_TRUE(half);
    EXPECT_EQ(half->start, 79u); // the first of the windows holding 80, 82 … 98
    EXPECT_NEAR(half->mean, (80 + 82 + 84 + 86 + 88 + 90 + 92 + 94 + 96 + 98) / 10.0, 1e-9);
}

TEST(Efforts, FastestPoolSwimFollowsContinuousFreestyleLengths)
{
    Activity swim;
    swim.sport = Sport::Swim;
    swim.poolLengthM = 25;
    double t = 0;
    const auto length = [&](double seconds, bool active = true, const char* stroke = "freestyle") {
        PoolLength l;
        l.startOffsetSec = t;
        l.durationSec = seconds;
        l.active = active;
        l.strokeType = QLatin1String(stroke);
        swim.lengths.push_back(l);
        t += seconds;
    };
    for (int i = 0; i < 8; ++i)
        length(25);    // 200 m in 200 s
    length(30, false); // rest at the wall
    for (int i = 0; i < 4; ++i)
        length(20); // 100 m fast
    length(40, true, "drill");
    for (int i = 0; i < 4; ++i)
        length(21); // another 100 m fast, but the drill broke the set
    t += 20;        // a rest the watch wrote as a gap
    for (int i = 0; i < 18; ++i)
        length(23); // 450 m at 23 s a length
    EXPECT_NEAR(fastestPoolSwim(swim, 200)->seconds, 8 * 23, 1e-9);
    EXPECT_NEAR(fastestPoolSwim(swim, 400)->seconds, 16 * 23, 1e-9);
    EXPECT_FALSE(fastestPoolSwim(swim, 500));
    // A 25-yard pool: 18 lengths make 411.48 m, timed down to 400 m.
    swim.poolLengthM = 22.86;
    EXPECT_NEAR(fastestPoolSwim(swim, 400)->seconds, 18 * 23 * 400 / (18 * 22.86), 1e-9);
}

TEST(Efforts, LineFitRecoversALine)
{
    const auto fit = fitLine({{180, 20000 + 250 * 180}, {300, 20000 + 250 * 300}, {720, 20000 + 250 * 720}});
    ASSERT_TRUE(fit);
    EXPECT_NEAR(fit->slope, 250, 1e-9);
    EXPECT_NEAR(fit->intercept, 20000, 1e-6);
    EXPECT_NEAR(fit->r2, 1, 1e-12);
    EXPECT_FALSE(fitLine({{1, 1}, {1, 2}}));
}

TEST(Efforts, ASlowTurnKeepsTheSwimGoingARestBreaksIt)
{
    const auto swimWithGap = [](double gap) {
        Activity swim;
        swim.sport = Sport::Swim;
        swim.poolLengthM = 25;
        double t = 0;
        for (int i = 0; i < 16; ++i) {
            swim.lengths.push_back(PoolLength{t, 25, true, 14, QStringLiteral("freestyle")});
            t += 25 + (i == 7 ? gap : 0);
        }
        return swim;
    };
    // The Apple Watch writes a slow turn as a gap of several seconds: it is part of the 400 m.
    EXPECT_NEAR(fastestPoolSwim(swimWithGap(7), 400)->seconds, 16 * 25 + 7, 1e-9);
    EXPECT_FALSE(fastestPoolSwim(swimWithGap(15), 400));
}
