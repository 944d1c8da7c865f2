// Zones from thresholds and time in zones.
#include "core/metrics/zones.h"

#include <QJsonArray>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace tricoach;

TEST(Zones, PowerLevelsFollowCogganPercentagesOfFtp)
{
    const auto z = powerZones(250);
    ASSERT_EQ(z.size(), 7u);
    EXPECT_EQ(z[0].name, QStringLiteral("Z1"));
    EXPECT_DOUBLE_EQ(z[0].low, 0);
    EXPECT_DOUBLE_EQ(z[1].low, 0.56 * 250); // endurance from 56 %
    EXPECT_DOUBLE_EQ(z[3].low, 0.91 * 250); // threshold 91–105 %
    EXPECT_DOUBLE_EQ(z[3].high, 1.06 * 250);
    EXPECT_TRUE(std::isinf(z[6].high));
    for (std::size_t i = 1; i < z.size(); ++i)
        EXPECT_DOUBLE_EQ(z[i].low, z[i - 1].high); // no gaps, no overlaps
}

TEST(Zones, HeartRateZonesDifferForBikeAndRun)
{
    const auto bike = heartRateZones(160, Sport::Bike);
    const auto run = heartRateZones(160, Sport::Run);
    ASSERT_EQ(bike.size(), 7u);
    EXPECT_DOUBLE_EQ(bike[1].low, 0.81 * 160);
    EXPECT_DOUBLE_EQ(run[1].low, 0.85 * 160);
    EXPECT_DOUBLE_EQ(run[4].low, 160); // Z5a starts at threshold
    EXPECT_EQ(run[4].name, QStringLiteral("Z5a"));
}

TEST(Zones, ZonesNeedTheirThreshold)
{
    Thresholds t;
    EXPECT_FALSE(zonesFor(ZoneKind::Power, Sport::Bike, t));
    EXPECT_FALSE(zonesFor(ZoneKind::HeartRate, Sport::Run, t));
    EXPECT_FALSE(zonesFor(ZoneKind::Pace, Sport::Swim, t));
    t.ftpWatts = 200;
    t.lthrRun = 170;
    t.cssSpeed = 1.0;
    ASSERT_TRUE(zonesFor(ZoneKind::Power, Sport::Bike, t));
    EXPECT_DOUBLE_EQ((*zonesFor(ZoneKind::HeartRate, Sport::Run, t))[4].low, 170);
    EXPECT_DOUBLE_EQ((*zonesFor(ZoneKind::Pace, Sport::Swim, t))[4].low, 0.99);
    EXPECT_FALSE(zonesFor(ZoneKind::Pace, Sport::Run, t)); // no run threshold pace
}

TEST(Zones, TimeInZonesCountsEachSampleUntilTheNextAndSkipsMissingAndPauses)
{
    Streams s;
    s.time = {0, 1, 2, 4, 5, 100, 101};
    s.channels[Channel::Power] = {100, 200, 260, kMissing, 400, 150, 150};
    const auto zones = powerZones(250); // Z1 < 140, Z2 140–190, Z3 190–227.5, Z4 227.5–265, Z5 265–302.5, Z6 ..375
    const auto t = timeInZones(s, Channel::Power, zones);
    ASSERT_EQ(t.size(), 7u);
    EXPECT_DOUBLE_EQ(t[0], 1);     // 100 W for 1 s
    EXPECT_DOUBLE_EQ(t[2], 1);     // 200 W
    EXPECT_DOUBLE_EQ(t[3], 2);     // 260 W until t = 4
    EXPECT_DOUBLE_EQ(t[6], 1);     // 400 W, then a 95 s pause counts 1 s
    EXPECT_DOUBLE_EQ(t[1], 1 + 1); // 150 W twice (the last sample counts 1 s)
    double total = 0;
    for (double v : t)
        total += v;
    EXPECT_DOUBLE_EQ(total, 7);
    EXPECT_EQ(timeInZones(s, Channel::HeartRate, zones), std::vector<double>(7, 0.0));
}

TEST(Zones, TheAthletesOwnEdgesReplaceThePublishedOnesWhenValid)
{
    ZoneSettings own;
    own.power = {0.5, 0.7, 0.85, 1.0, 1.2, 1.5};
    own.heartRateRun = {0.8, 0.9, 0.95, 1.0, 1.05, 1.1};
    Thresholds t;
    t.ftpWatts = 200;
    t.lthrRun = 150;
    t.lthrBike = 150;
    const auto power = *zonesFor(ZoneKind::Power, Sport::Bike, t, own);
    EXPECT_DOUBLE_EQ(power[1].low, 100);
    EXPECT_DOUBLE_EQ(power[3].low, 170);
    EXPECT_DOUBLE_EQ((*zonesFor(ZoneKind::HeartRate, Sport::Run, t, own))[1].low, 120);
    // The bike keeps Friel's table: only the run edges were changed.
    EXPECT_DOUBLE_EQ((*zonesFor(ZoneKind::HeartRate, Sport::Bike, t, own))[1].low, 0.81 * 150);
    // Edges that do not rise, or are too few, fall back to the published table.
    own.power = {0.5, 0.4, 0.85, 1.0, 1.2, 1.5};
    EXPECT_DOUBLE_EQ((*zonesFor(ZoneKind::Power, Sport::Bike, t, own))[1].low, 0.56 * 200);
    EXPECT_FALSE(validZoneBounds({0.5, 0.6}));
    EXPECT_FALSE(validZoneBounds({0.1, 0.7, 0.85, 1.0, 1.2, 1.5}));
    EXPECT_TRUE(validZoneBounds(defaultZoneBounds(ZoneKind::Pace, Sport::Run)));
}

TEST(Zones, OwnEdgesSurviveTheSettingsJsonAndBadOnesAreDropped)
{
    MetricSettings s;
    s.zones.pace = {0.7, 0.8, 0.9, 1.0, 1.1, 1.2};
    const MetricSettings back = MetricSettings::fromJson(s.toJson());
    EXPECT_EQ(back.zones, s.zones);
    QJsonObject json = s.toJson();
    QJsonObject zones = json.value(QStringLiteral("zones")).toObject();
    zones.insert(QStringLiteral("power"), QJsonArray{1.2, 1.0});
    json.insert(QStringLiteral("zones"), zones);
    EXPECT_TRUE(MetricSettings::fromJson(json).zones.power.empty());
    EXPECT_TRUE(MetricSettings::fromJson(QJsonObject{}).zones.pace.empty());
}
