// From FIT messages to the activity model: sessions to legs, records to the leg that contains them, laps,
// pool lengths, stored heart rate, summaries without a session, and the sport mapping.
#include "core/io/fit/fitprofile.h"
#include "core/io/fit/fitreader.h"

#include "fittestwriter.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace tricoach;
using namespace tricoach::fittest;
namespace fm = tricoach::fit::mesg;

namespace {

constexpr std::uint32_t kT0 = 1'000'000'000;

void fileId(FitWriter& w)
{
    w.define(0, fm::FileId, {{0, 1, bt::Enum}});
    w.data(0, {4});
}

void defineRecord(FitWriter& w, std::uint8_t local)
{
    w.define(local, fm::Record, {{253, 4, bt::UInt32}, {3, 1, bt::UInt8}, {5, 4, bt::UInt32}});
}

void defineSession(FitWriter& w, std::uint8_t local)
{
    w.define(local, fm::Session,
             {{253, 4, bt::UInt32},
              {2, 4, bt::UInt32},
              {5, 1, bt::Enum},
              {6, 1, bt::Enum},
              {7, 4, bt::UInt32},
              {8, 4, bt::UInt32},
              {9, 4, bt::UInt32},
              {44, 2, bt::UInt16}});
}

} // namespace

TEST(FitMapping, TriathlonSessionsBecomeLegsWithTheirOwnRecords)
{
    FitWriter w;
    fileId(w);
    defineSession(w, 2);
    // Summaries first (as the FR255 writes them): swim 0-99 s, T1 100-119 s, bike 120-219 s.
    struct Leg {
        std::uint32_t start, length;
        int sport, sub;
    };
    const Leg legs[] = {{0, 100, 5, 18}, {100, 20, 3, 0}, {120, 100, 2, 0}};
    for (const Leg& l : legs)
        w.data(2,
               {kT0 + l.start + l.length, kT0 + l.start, l.sport, l.sub, l.length * 1000, l.length * 1000, 0, 0xFFFF});
    defineRecord(w, 1);
    for (std::uint32_t t = 0; t < 220; t += 10)
        w.data(1, {kT0 + t, 100 + t / 10, t * 100});
    const DecodedFile f = FitReader().read(w.finish());
    ASSERT_TRUE(f.ok());
    ASSERT_EQ(f.activities.size(), 3u);
    const Activity& swim = f.activities[0];
    const Activity& t1 = f.activities[1];
    const Activity& bike = f.activities[2];
    EXPECT_EQ(swim.sport, Sport::Swim);
    EXPECT_EQ(swim.subSport, QStringLiteral("OpenWaterSwim"));
    EXPECT_EQ(t1.sport, Sport::Transition);
    EXPECT_TRUE(t1.subSport.isEmpty());
    EXPECT_EQ(bike.sport, Sport::Bike);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(f.activities[i].multisportLeg, i);
        EXPECT_EQ(f.activities[i].multisportKey, QStringLiteral("fit:2021-09-08T01:46:40Z"));
    }
    // A record at a leg's start belongs to that leg, not to the one that just ended.
    EXPECT_EQ(swim.streams.size(), 10u);
    EXPECT_EQ(t1.streams.size(), 2u);
    EXPECT_EQ(bike.streams.size(), 10u);
    EXPECT_EQ(t1.streams.time.front(), 0);
    EXPECT_EQ(bike.startUtc, swim.startUtc.addSecs(120));
    EXPECT_DOUBLE_EQ(bike.elapsedSec, 100);
}

TEST(FitMapping, PoolLengthsAndLaps)
{
    FitWriter w;
    fileId(w);
    w.define(3, fm::Length,
             {{253, 4, bt::UInt32},
              {2, 4, bt::UInt32},
              {3, 4, bt::UInt32},
              {4, 4, bt::UInt32},
              {5, 2, bt::UInt16},
              {7, 1, bt::Enum},
              {12, 1, bt::Enum}});
    w.data(3, {kT0 + 30, kT0, 30000, 30000, 18, 0, 1});             // active freestyle
    w.data(3, {kT0 + 50, kT0 + 30, 20000, 20000, 0xFFFF, 0xFF, 0}); // rest at the wall
    w.data(3, {kT0 + 90, kT0 + 50, 40000, 40000, 22, 2, 1});        // breaststroke
    w.define(4, fm::Lap,
             {{253, 4, bt::UInt32},
              {2, 4, bt::UInt32},
              {7, 4, bt::UInt32},
              {8, 4, bt::UInt32},
              {9, 4, bt::UInt32},
              {15, 1, bt::UInt8},
              {17, 1, bt::UInt8},
              {80, 1, bt::UInt8}});
    w.data(4, {kT0 + 90, kT0, 90000, 70000, 5000, 120, 24, 64});
    defineSession(w, 2);
    w.data(2, {kT0 + 90, kT0, 5, 17, 90000, 70000, 5000, 2500});
    const DecodedFile f = FitReader().read(w.finish());
    ASSERT_TRUE(f.ok());
    const Activity& a = f.activities[0];
    EXPECT_EQ(a.sport, Sport::Swim);
    EXPECT_EQ(a.subSport, QStringLiteral("PoolSwim"));
    EXPECT_DOUBLE_EQ(*a.poolLengthM, 25);
    EXPECT_DOUBLE_EQ(a.movingSec, 70);
    EXPECT_TRUE(a.streams.empty());
    ASSERT_EQ(a.lengths.size(), 3u);
    EXPECT_EQ(a.lengths[0], (PoolLength{0, 30, true, 18, QStringLiteral("freestyle")}));
    EXPECT_EQ(a.lengths[1], (PoolLength{30, 20, false, std::nullopt, QString()}));
    EXPECT_EQ(a.lengths[2], (PoolLength{50, 40, true, 22, QStringLiteral("breaststroke")}));
    ASSERT_EQ(a.laps.size(), 1u);
    EXPECT_DOUBLE_EQ(a.laps[0].elapsedSec, 90);
    EXPECT_DOUBLE_EQ(a.laps[0].movingSec, 70);
    EXPECT_DOUBLE_EQ(*a.laps[0].distanceM, 50);
    EXPECT_DOUBLE_EQ(*a.laps[0].avgHr, 120);
    EXPECT_DOUBLE_EQ(*a.laps[0].avgCadence, 24.5); // avg_cadence + avg_fractional_cadence / 128
}

TEST(FitMapping, StoredHeartRateInAChainedFileFillsRecordsWithoutHr)
{
    FitWriter first;
    fileId(first);
    first.define(1, fm::Record, {{253, 4, bt::UInt32}, {5, 4, bt::UInt32}});
    for (std::uint32_t t = 0; t <= 4; ++t)
        first.data(1, {kT0 + t, t * 100});
    // The strap's file: an anchor (timestamp + event_timestamp), then eight beats packed as 12-bit tick
    // deltas.
    FitWriter second;
    fileId(second);
    second.define(1, fm::Hr, {{253, 4, bt::UInt32}, {0, 2, bt::UInt16}, {9, 4, bt::UInt32}, {6, 1, bt::UInt8}});
    const std::uint32_t anchorTicks = 5000 * 1024 + 512; // 1/1024 s
    second.data(1, {kT0, 0, anchorTicks, 90});
    second.define(2, fm::Hr, {{6, 8, bt::UInt8}, {10, 12, bt::Byte}});
    // Beats every 0.5 s after the anchor: ticks anchor + 512 * k, written modulo 4096.
    QByteArray packed(12, '\0');
    for (int k = 0; k < 8; ++k) {
        const std::uint32_t v = (anchorTicks + 512U * (k + 1)) & 0xFFF;
        const int bit = k * 12;
        packed[bit / 8] = static_cast<char>(packed[bit / 8] | static_cast<char>((v << (bit % 8)) & 0xFF));
        packed[bit / 8 + 1] = static_cast<char>(packed[bit / 8 + 1] | static_cast<char>((v << (bit % 8)) >> 8));
    }
    second.data(2, {QByteArray::fromHex("5a5a5a5a64646464"), packed}); // 90 x4, 100 x4
    const DecodedFile f = FitReader().read(first.finish() + second.finish());
    ASSERT_TRUE(f.ok());
    const auto* hr = f.activities[0].streams.get(Channel::HeartRate);
    ASSERT_NE(hr, nullptr);
    // t=0: the anchor beat; t=1: beats at 0.5 and 1.0; t=2: 1.5, 2.0; t=3: 2.5, 3.0; t=4: 3.5, 4.0.
    EXPECT_EQ(*hr, (std::vector<double>{90, 90, 90, 100, 100}));
}

TEST(FitMapping, StoredHeartRateWinsOverTheRecordsOwn)
{
    // A swim: the watch's wrist sensor says 70 throughout; the chest strap stored a beat of 150 each second
    // from 0 to 4 s (anchors: timestamp + event_timestamp in 1/1024 s + filtered_bpm).
    FitWriter first;
    fileId(first);
    first.define(1, fm::Record, {{253, 4, bt::UInt32}, {3, 1, bt::UInt8}});
    for (std::uint32_t t = 0; t <= 12; ++t)
        first.data(1, {kT0 + t, 70});
    FitWriter second;
    fileId(second);
    second.define(1, fm::Hr, {{253, 4, bt::UInt32}, {0, 2, bt::UInt16}, {9, 4, bt::UInt32}, {6, 1, bt::UInt8}});
    for (std::uint32_t k = 0; k <= 4; ++k)
        second.data(1, {kT0 + k, 0, (7000 + k) * 1024, 150});
    const DecodedFile f = FitReader().read(first.finish() + second.finish());
    ASSERT_TRUE(f.ok());
    const auto* hr = f.activities[0].streams.get(Channel::HeartRate);
    ASSERT_NE(hr, nullptr);
    ASSERT_EQ(hr->size(), 13u);
    for (std::size_t t = 0; t <= 4; ++t)
        EXPECT_EQ((*hr)[t], 150) << "t=" << t; // a beat in the record's second: the strap's
    for (std::size_t t = 10; t <= 12; ++t)
        EXPECT_EQ((*hr)[t], 70) << "t=" << t; // no beat for seconds: the wrist's own value stays
}

TEST(FitMapping, WithoutASessionTheSummaryComesFromRecordsAndTimerEvents)
{
    FitWriter w;
    fileId(w);
    w.define(5, fm::Event, {{253, 4, bt::UInt32}, {0, 1, bt::Enum}, {1, 1, bt::Enum}});
    w.data(5, {kT0, 0, 0}); // timer start
    w.define(1, fm::Record, {{253, 4, bt::UInt32}, {3, 1, bt::UInt8}, {5, 4, bt::UInt32}, {7, 2, bt::UInt16}});
    for (std::uint32_t t = 0; t <= 60; ++t) {
        if (t == 30)
            w.data(5, {kT0 + t, 0, 4}); // stop_all: paused for 10 s
        if (t == 40)
            w.data(5, {kT0 + t, 0, 0});
        if (t < 30 || t >= 40)
            w.data(1, {kT0 + t, 100 + t, t * 500, 200});
    }
    w.define(6, fm::Sport, {{0, 1, bt::Enum}, {1, 1, bt::Enum}});
    w.data(6, {2, 6});
    const DecodedFile f = FitReader().read(w.finish());
    ASSERT_TRUE(f.ok());
    const Activity& a = f.activities[0];
    EXPECT_EQ(a.sport, Sport::Bike);
    EXPECT_EQ(a.subSport, QStringLiteral("IndoorRide"));
    EXPECT_DOUBLE_EQ(a.elapsedSec, 60);
    EXPECT_DOUBLE_EQ(a.movingSec, 50);
    EXPECT_DOUBLE_EQ(*a.distanceM, 300);
    EXPECT_DOUBLE_EQ(*a.avgSpeed, 6);
    EXPECT_DOUBLE_EQ(*a.maxHr, 160);
    EXPECT_DOUBLE_EQ(*a.avgPower, 200);
    EXPECT_EQ(a.utcOffsetSec, 0); // no activity message
    EXPECT_TRUE(a.multisportKey.isEmpty());
    EXPECT_EQ(a.multisportLeg, -1);
}

TEST(FitMapping, AFitFileWithoutActivityDataIsAnError)
{
    FitWriter w;
    w.define(0, fm::FileId, {{0, 1, bt::Enum}});
    w.data(0, {4}); // an activity file, with nothing in it
    const DecodedFile f = FitReader().read(w.finish());
    ASSERT_TRUE(f.error.has_value());
    EXPECT_EQ(f.error->code, QStringLiteral("fit.no-activity"));
    EXPECT_TRUE(f.activities.empty());
}

TEST(FitMapping, SportAndSubSport)
{
    using fit::mapSport;
    struct Case {
        int sport, sub;
        Sport expected;
        const char* subSport;
    };
    const Case cases[] = {
        {1, 0, Sport::Run, ""},
        {1, 3, Sport::Run, "TrailRun"},
        {1, 1, Sport::Run, "Treadmill"},
        {1, 58, Sport::Run, "VirtualRun"},
        {2, 6, Sport::Bike, "IndoorRide"},
        {2, 58, Sport::Bike, "VirtualRide"},
        {2, 7, Sport::Bike, "Road"},
        {2, 8, Sport::Bike, "MountainBike"},
        {2, 48, Sport::Bike, "Commuting"},
        {5, 17, Sport::Swim, "PoolSwim"},
        {5, 18, Sport::Swim, "OpenWaterSwim"},
        {10, 20, Sport::Strength, ""},
        {10, 43, Sport::Other, "Yoga"},
        {3, 0, Sport::Transition, ""},
        {11, 0, Sport::Walk, ""},
        {17, 0, Sport::Hike, ""},
        {15, 0, Sport::Row, ""},
        {4, 14, Sport::Row, "IndoorRowing"},
        {11, 27, Sport::Walk, "IndoorWalking"},
        {4, 1, Sport::Run, "Treadmill"},
        {0, 0, Sport::Other, ""},
        {12, 0, Sport::Other, "CrossCountrySkiing"},
        {200, 0, Sport::Other, ""},
    };
    for (const Case& c : cases) {
        const auto m = mapSport(static_cast<std::uint8_t>(c.sport), static_cast<std::uint8_t>(c.sub));
        EXPECT_EQ(m.sport, c.expected) << c.sport << "/" << c.sub;
        EXPECT_EQ(m.subSport, QLatin1String(c.subSport)) << c.sport << "/" << c.sub;
    }
    EXPECT_EQ(mapSport(std::nullopt, std::nullopt).sport, Sport::Other);
    EXPECT_EQ(mapSport(2, std::nullopt).sport, Sport::Bike);
}

TEST(FitMapping, ProfileHelpers)
{
    EXPECT_DOUBLE_EQ(fit::semicirclesToDegrees(2147483648.0), 180.0);
    EXPECT_DOUBLE_EQ(fit::semicirclesToDegrees(-1073741824.0), -90.0);
    EXPECT_EQ(fit::fitToUnixSeconds(0), 631065600);
    EXPECT_EQ(fit::swimStrokeName(3), QStringLiteral("butterfly"));
    EXPECT_EQ(fit::swimStrokeName(6), QStringLiteral("mixed"));
    EXPECT_TRUE(fit::swimStrokeName(99).isEmpty());
    EXPECT_EQ(fit::baseTypeNumber(0x86), 6);
    EXPECT_EQ(fit::baseTypeNumber(0x06), 6); // missing endian-ability bit tolerated
    EXPECT_FALSE(fit::baseTypeNumber(0x91).has_value());
    EXPECT_EQ(fit::kBaseTypes[5].invalid, 0x7FFFFFFFu);
}
