// The FIT protocol on synthetic files built in memory: byte orders, compressed timestamps, developer fields,
// invalid values, header/CRC rules, chaining, unfinalised files, and damage at every byte.
#include "core/io/fit/fitreader.h"
#include "core/util/datetime.h"

#include "fittestwriter.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace tricoach;
using namespace tricoach::fittest;
namespace fm = tricoach::fit::mesg;

namespace {

constexpr std::uint32_t kT0 = 1'000'000'000; // 2021-09-08T01:46:40Z in FIT time
constexpr double kLat = 45.5, kLon = -122.25;

std::int32_t semicircles(double degrees)
{
    return static_cast<std::int32_t>(std::lround(degrees / fit::kDegreesPerSemicircle));
}

void writeFileId(FitWriter& w, ByteOrder order)
{
    w.define(0, fm::FileId, {{0, 1, bt::Enum}, {4, 4, bt::UInt32}}, order);
    w.data(0, {4, kT0});
}

// file_id, `n` records at 1 Hz with every channel, one running session, the activity message (local time +2
// h).
QByteArray simpleRun(ByteOrder order, int n = 10, int headerSize = 14)
{
    FitWriter w;
    writeFileId(w, order);
    w.define(1, fm::Record,
             {{253, 4, bt::UInt32},
              {3, 1, bt::UInt8},
              {7, 2, bt::UInt16},
              {5, 4, bt::UInt32},
              {0, 4, bt::SInt32},
              {1, 4, bt::SInt32},
              {2, 2, bt::UInt16},
              {13, 1, bt::SInt8},
              {4, 1, bt::UInt8},
              {6, 2, bt::UInt16}},
             order);
    for (int i = 0; i < n; ++i) {
        w.data(1, {kT0 + i, 120 + i, 200 + i, i * 300, semicircles(kLat), semicircles(kLon), (100 + 500) * 5, -3, 80,
                   3000});
    }
    w.define(2, fm::Session,
             {{253, 4, bt::UInt32},
              {2, 4, bt::UInt32},
              {5, 1, bt::Enum},
              {6, 1, bt::Enum},
              {7, 4, bt::UInt32},
              {8, 4, bt::UInt32},
              {9, 4, bt::UInt32},
              {16, 1, bt::UInt8},
              {17, 1, bt::UInt8}},
             order);
    w.data(2, {kT0 + n - 1, kT0, 1, 0, (n - 1) * 1000, (n - 1) * 1000, (n - 1) * 300, 125, 129});
    w.define(3, fm::Activity, {{253, 4, bt::UInt32}, {5, 4, bt::UInt32}}, order);
    w.data(3, {kT0 + n, kT0 + n + 7200});
    return w.finish(headerSize);
}

DecodedFile readFit(const QByteArray& bytes)
{
    return FitReader().read(bytes);
}

const std::vector<double>& channel(const Activity& a, Channel c)
{
    static const std::vector<double> kNone;
    const auto* v = a.streams.get(c);
    return v ? *v : kNone;
}

} // namespace

TEST(FitProtocol, DecodesASimpleRunInBothByteOrders)
{
    for (const ByteOrder order : {ByteOrder::Little, ByteOrder::Big}) {
        const DecodedFile f = readFit(simpleRun(order));
        ASSERT_TRUE(f.ok()) << (f.error ? f.error->message.toStdString() : std::string());
        ASSERT_EQ(f.activities.size(), 1u);
        const Activity& a = f.activities[0];
        EXPECT_EQ(a.sport, Sport::Run);
        EXPECT_EQ(a.source, ActivitySource::File);
        EXPECT_EQ(a.startUtc, utcFromMSecs((fit::kFitEpochOffset + kT0) * 1000LL));
        EXPECT_EQ(a.utcOffsetSec, 7200);
        EXPECT_DOUBLE_EQ(a.elapsedSec, 9);
        EXPECT_DOUBLE_EQ(*a.distanceM, 27);
        EXPECT_EQ(*a.avgHr, 125);
        ASSERT_EQ(a.streams.size(), 10u);
        EXPECT_EQ(a.streams.time[3], 3);
        EXPECT_EQ(channel(a, Channel::HeartRate)[3], 123);
        EXPECT_EQ(channel(a, Channel::Power)[9], 209);
        EXPECT_DOUBLE_EQ(channel(a, Channel::Distance)[2], 6);
        EXPECT_NEAR(channel(a, Channel::Latitude)[0], kLat, 1e-7);
        EXPECT_NEAR(channel(a, Channel::Longitude)[0], kLon, 1e-7);
        EXPECT_DOUBLE_EQ(channel(a, Channel::Altitude)[0], 100);
        EXPECT_EQ(channel(a, Channel::Temperature)[0], -3);
        EXPECT_EQ(channel(a, Channel::Cadence)[0], 80);
        EXPECT_DOUBLE_EQ(channel(a, Channel::Speed)[0], 3);
    }
    EXPECT_EQ(readFit(simpleRun(ByteOrder::Little)).activities[0].streams,
              readFit(simpleRun(ByteOrder::Big)).activities[0].streams);
}

TEST(FitProtocol, ReadsTheLegacyTwelveByteHeader)
{
    const DecodedFile f = readFit(simpleRun(ByteOrder::Little, 5, 12));
    ASSERT_TRUE(f.ok());
    EXPECT_EQ(f.activities[0].streams.size(), 5u);
}

TEST(FitProtocol, HeaderCrcOfZeroMeansAbsent)
{
    FitWriter w;
    writeFileId(w, ByteOrder::Little);
    w.define(1, fm::Record, {{253, 4, bt::UInt32}, {3, 1, bt::UInt8}});
    w.data(1, {kT0, 100});
    const DecodedFile f = readFit(w.finish(14, false));
    EXPECT_TRUE(f.ok());
}

TEST(FitProtocol, CompressedTimestampsRollOverEveryThirtyTwoSeconds)
{
    FitWriter w;
    writeFileId(w, ByteOrder::Little);
    const std::uint32_t t = kT0 - (kT0 & 0x1F) + 30; // low five bits 30
    w.define(1, fm::Record, {{253, 4, bt::UInt32}, {3, 1, bt::UInt8}});
    w.data(1, {t, 100});
    w.define(2, fm::Record, {{3, 1, bt::UInt8}});
    w.compressed(2, 31, {101}); // t + 1
    w.compressed(2, 0, {102});  // rolls over: t + 2
    w.compressed(2, 5, {103});  // t + 7
    w.compressed(2, 4, {104});  // rolls over again: t + 38
    const DecodedFile f = readFit(w.finish());
    ASSERT_TRUE(f.ok());
    const Activity& a = f.activities[0];
    EXPECT_EQ(a.streams.time, (std::vector<double>{0, 1, 2, 7, 38}));
    EXPECT_EQ(channel(a, Channel::HeartRate), (std::vector<double>{100, 101, 102, 103, 104}));
}

TEST(FitProtocol, InvalidSentinelsBecomeNaNAndUnrecordedChannelsAreAbsent)
{
    FitWriter w;
    writeFileId(w, ByteOrder::Little);
    w.define(1, fm::Record,
             {{253, 4, bt::UInt32},
              {3, 1, bt::UInt8},
              {7, 2, bt::UInt16},
              {0, 4, bt::SInt32},
              {1, 4, bt::SInt32},
              {13, 1, bt::SInt8},
              {78, 4, bt::UInt32},
              {73, 4, bt::UInt32}});
    w.data(1, {kT0, 0xFF, 0xFFFF, 0x7FFFFFFF, 0x7FFFFFFF, 0x7F, 0xFFFFFFFFLL, 0xFFFFFFFFLL});
    w.data(1, {kT0 + 1, 150, 0xFFFF, 0x7FFFFFFF, 0x7FFFFFFF, 0x7F, 0xFFFFFFFFLL, 0xFFFFFFFFLL});
    const DecodedFile f = readFit(w.finish());
    ASSERT_TRUE(f.ok());
    const Activity& a = f.activities[0];
    ASSERT_TRUE(a.streams.has(Channel::HeartRate));
    EXPECT_TRUE(std::isnan(channel(a, Channel::HeartRate)[0]));
    EXPECT_EQ(channel(a, Channel::HeartRate)[1], 150);
    for (const Channel c : {Channel::Power, Channel::Latitude, Channel::Longitude, Channel::Temperature,
                            Channel::Altitude, Channel::Speed, Channel::Distance, Channel::Cadence})
        EXPECT_FALSE(a.streams.has(c)) << int(c);
}

TEST(FitProtocol, FloatAndZeroInvalidBaseTypes)
{
    // A developer float32 power: NaN pattern invalid; uint16z heart rate via developer field: 0 invalid.
    FitWriter w;
    writeFileId(w, ByteOrder::Little);
    w.define(1, fm::DeveloperDataId, {{3, 1, bt::UInt8}});
    w.data(1, {0});
    w.define(2, fm::FieldDescription,
             {{0, 1, bt::UInt8}, {1, 1, bt::UInt8}, {2, 1, bt::UInt8}, {3, 8, bt::String}, {15, 1, bt::UInt8}});
    w.data(2, {0, 0, bt::Float32, QByteArray("Power"), 0xFF});
    w.define(3, fm::Record, {{253, 4, bt::UInt32}}, ByteOrder::Little, {{0, 4, 0, bt::Float32}});
    w.data(3, {kT0, V(250.5)});
    w.data(3, {kT0 + 1, static_cast<std::int64_t>(0xFFFFFFFF)});
    const DecodedFile f = readFit(w.finish());
    ASSERT_TRUE(f.ok());
    const auto& power = channel(f.activities[0], Channel::Power);
    ASSERT_EQ(power.size(), 2u);
    EXPECT_FLOAT_EQ(static_cast<float>(power[0]), 250.5f);
    EXPECT_TRUE(std::isnan(power[1]));
}

namespace {
// developer_data_id + a field description for developer field 0 (uint16), then records with that field.
QByteArray devPowerFile(const QByteArray& name, int nativeField, bool withNativePower)
{
    FitWriter w;
    writeFileId(w, ByteOrder::Little);
    w.define(1, fm::DeveloperDataId, {{3, 1, bt::UInt8}});
    w.data(1, {0});
    // The name fills its field exactly: no NUL terminator.
    w.define(2, fm::FieldDescription,
             {{0, 1, bt::UInt8},
              {1, 1, bt::UInt8},
              {2, 1, bt::UInt8},
              {3, static_cast<std::uint8_t>(name.size()), bt::String},
              {15, 1, bt::UInt8}});
    w.data(2, {0, 0, bt::UInt16, name, nativeField});
    // A second, undescribed developer field (index 1) of 3 bytes that must be skipped by its size.
    std::vector<FieldDef> fields{{253, 4, bt::UInt32}, {3, 1, bt::UInt8}};
    if (withNativePower)
        fields.push_back({7, 2, bt::UInt16});
    w.define(3, fm::Record, fields, ByteOrder::Big, {{5, 3, 1}, {0, 2, 0}});
    for (int i = 0; i < 3; ++i) {
        std::vector<V> v{kT0 + i, 140 + i};
        if (withNativePower)
            v.push_back(100 + i);
        v.push_back(QByteArray("\x01\x02\x03", 3));
        v.push_back(QByteArray::fromHex("012C")); // 300 W big-endian
        w.data(3, v);
    }
    return w.finish();
}
} // namespace

TEST(FitProtocol, DeveloperPowerIsUsedWhenTheNativeChannelIsAbsent)
{
    for (const auto& [name, native] :
         std::vector<std::pair<QByteArray, int>>{{"Power", 0xFF}, {"power", 0xFF}, {"Watts", 7}}) {
        const DecodedFile f = readFit(devPowerFile(name, native, false));
        ASSERT_TRUE(f.ok());
        EXPECT_EQ(channel(f.activities[0], Channel::Power), (std::vector<double>{300, 300, 300})) << name.data();
        EXPECT_EQ(channel(f.activities[0], Channel::HeartRate), (std::vector<double>{140, 141, 142}));
    }
    // A developer field that stands for nothing we map is skipped by size without disturbing the rest.
    const DecodedFile other = readFit(devPowerFile("doughnuts", 0xFF, false));
    ASSERT_TRUE(other.ok());
    EXPECT_FALSE(other.activities[0].streams.has(Channel::Power));
    EXPECT_EQ(channel(other.activities[0], Channel::HeartRate), (std::vector<double>{140, 141, 142}));
}

TEST(FitProtocol, NativePowerWinsOverDeveloperPower)
{
    const DecodedFile f = readFit(devPowerFile("Power", 7, true));
    ASSERT_TRUE(f.ok());
    EXPECT_EQ(channel(f.activities[0], Channel::Power), (std::vector<double>{100, 101, 102}));
}

TEST(FitProtocol, FieldSizesThatAreNotAMultipleOfTheTypeAreReadGracefully)
{
    FitWriter w;
    writeFileId(w, ByteOrder::Little);
    // heart_rate declared as uint16 of 3 bytes; power as uint16 of 1 byte (too small to hold one value).
    w.define(1, fm::Record, {{253, 4, bt::UInt32}, {3, 3, bt::UInt16}, {7, 1, bt::UInt16}, {4, 1, bt::UInt8}});
    w.data(1, {kT0, QByteArray::fromHex("8C00EE"), QByteArray::fromHex("11"), 90});
    const DecodedFile f = readFit(w.finish());
    ASSERT_TRUE(f.ok());
    EXPECT_FALSE(f.warnings.isEmpty());
    EXPECT_EQ(channel(f.activities[0], Channel::HeartRate)[0], 140);
    EXPECT_FALSE(f.activities[0].streams.has(Channel::Power));
    EXPECT_EQ(channel(f.activities[0], Channel::Cadence)[0], 90);
}

TEST(FitProtocol, UnknownBaseTypeIsSkippedWithAWarning)
{
    FitWriter w;
    writeFileId(w, ByteOrder::Little);
    w.define(1, fm::Record, {{253, 4, bt::UInt32}, {3, 2, 0x1F}, {4, 1, bt::UInt8}});
    w.data(1, {kT0, QByteArray("\x01\x02", 2), 90});
    const DecodedFile f = readFit(w.finish());
    ASSERT_TRUE(f.ok());
    EXPECT_FALSE(f.warnings.isEmpty());
    EXPECT_FALSE(f.activities[0].streams.has(Channel::HeartRate));
    EXPECT_EQ(channel(f.activities[0], Channel::Cadence)[0], 90);
}

TEST(FitProtocol, EmptyAndForeignFilesAreRejected)
{
    DecodedFile f = readFit(QByteArray());
    ASSERT_TRUE(f.error.has_value());
    EXPECT_EQ(f.error->code, QStringLiteral("fit.empty"));
    f = readFit(QByteArray("<?xml version=\"1.0\"?><gpx></gpx>"));
    ASSERT_TRUE(f.error.has_value());
    EXPECT_EQ(f.error->code, QStringLiteral("fit.not-fit"));
    EXPECT_TRUE(f.activities.empty());
    EXPECT_FALSE(FitReader().sniff(QByteArray("<?xml")));
    EXPECT_TRUE(FitReader().sniff(simpleRun(ByteOrder::Little)));
}

TEST(FitProtocol, WrongFileCrcKeepsTheDataAndSaysSo)
{
    QByteArray bytes = simpleRun(ByteOrder::Little);
    bytes[bytes.size() - 1] = static_cast<char>(bytes[bytes.size() - 1] ^ 0x55);
    const DecodedFile f = readFit(bytes);
    ASSERT_TRUE(f.recovered());
    EXPECT_EQ(f.error->code, QStringLiteral("fit.crc"));
    EXPECT_EQ(f.error->byteOffset, bytes.size() - 2);
    EXPECT_EQ(f.activities[0].streams.size(), 10u);
}

TEST(FitProtocol, WrongHeaderCrcKeepsTheDataAndSaysSo)
{
    QByteArray bytes = simpleRun(ByteOrder::Little);
    bytes[12] = static_cast<char>(bytes[12] ^ 0x01);
    const DecodedFile f = readFit(bytes);
    ASSERT_TRUE(f.recovered());
    EXPECT_EQ(f.error->code, QStringLiteral("fit.header-crc"));
    EXPECT_EQ(f.error->byteOffset, 12);
    EXPECT_EQ(f.activities[0].streams.size(), 10u);
}

TEST(FitProtocol, DataBeforeItsDefinitionStopsWithUndefinedLocalMessage)
{
    FitWriter w;
    writeFileId(w, ByteOrder::Little);
    w.define(1, fm::Record, {{253, 4, bt::UInt32}, {3, 1, bt::UInt8}});
    w.data(1, {kT0, 100});
    const qsizetype at = 14 + w.dataBytes().size();
    w.raw(QByteArray("\x05\x00\x00", 3)); // data message of local type 5, never defined
    const DecodedFile f = readFit(w.finish());
    ASSERT_TRUE(f.recovered());
    EXPECT_EQ(f.error->code, QStringLiteral("fit.undefined-local-message"));
    EXPECT_EQ(f.error->byteOffset, at);
    EXPECT_EQ(f.activities[0].streams.size(), 1u);
}

TEST(FitProtocol, BadArchitectureByteIsABadDefinition)
{
    FitWriter w;
    writeFileId(w, ByteOrder::Little);
    w.define(1, fm::Record, {{253, 4, bt::UInt32}, {3, 1, bt::UInt8}});
    w.data(1, {kT0, 100});
    w.raw(QByteArray::fromHex("4200070014000103040286")); // definition with architecture byte 7
    const DecodedFile f = readFit(w.finish());
    ASSERT_TRUE(f.recovered());
    EXPECT_EQ(f.error->code, QStringLiteral("fit.bad-definition"));
    EXPECT_EQ(f.activities[0].streams.size(), 1u);
}

TEST(FitProtocol, ChainedFilesAreAllRead)
{
    const QByteArray bytes = simpleRun(ByteOrder::Little, 5) + simpleRun(ByteOrder::Big, 5);
    const DecodedFile f = readFit(bytes);
    ASSERT_TRUE(f.ok());
    EXPECT_EQ(f.activities.size(), 2u); // two sessions (the same run twice)
    std::size_t records = 0;
    for (const Activity& a : f.activities)
        records += a.streams.size();
    EXPECT_EQ(records, 10u);
}

TEST(FitProtocol, CorruptSecondChainedFileKeepsTheFirst)
{
    const QByteArray first = simpleRun(ByteOrder::Little, 5);
    const QByteArray junk("this is not a FIT header at all", 31);
    const DecodedFile f = readFit(first + junk);
    ASSERT_TRUE(f.recovered());
    EXPECT_EQ(f.error->code, QStringLiteral("fit.header"));
    EXPECT_EQ(f.error->byteOffset, first.size());
    EXPECT_EQ(f.activities[0].streams.size(), 5u);
    // Zero padding after the last file is no error.
    const DecodedFile padded = readFit(first + QByteArray(64, '\0'));
    EXPECT_TRUE(padded.ok());
    EXPECT_FALSE(padded.warnings.isEmpty());
}

TEST(FitProtocol, DataSizeZeroReadsToTheEndWithAWarning)
{
    QByteArray bytes = simpleRun(ByteOrder::Little, 6);
    // An unfinalised file: data size 0, no CRC at the end.
    for (int i = 4; i < 8; ++i)
        bytes[i] = 0;
    bytes[12] = bytes[13] = 0;
    bytes.chop(2);
    DecodedFile f = readFit(bytes);
    EXPECT_TRUE(f.ok()) << (f.error ? f.error->message.toStdString() : std::string());
    EXPECT_FALSE(f.warnings.isEmpty());
    EXPECT_EQ(f.activities[0].streams.size(), 6u);
    // Cut inside the last message: the records before it remain, and the cut is an error.
    bytes.chop(3);
    f = readFit(bytes);
    ASSERT_TRUE(f.recovered());
    EXPECT_EQ(f.error->code, QStringLiteral("fit.truncated"));
    EXPECT_EQ(f.activities[0].streams.size(), 6u);
}

TEST(FitProtocol, TruncationAtEveryByteNeverCrashesAndSaysWhere)
{
    const QByteArray whole = simpleRun(ByteOrder::Big, 4);
    bool sawActivity = false;
    for (qsizetype n = 0; n < whole.size(); ++n) {
        const DecodedFile f = readFit(whole.first(n));
        ASSERT_TRUE(f.error.has_value()) << "cut at " << n;
        EXPECT_GE(f.error->byteOffset, 0) << "cut at " << n;
        EXPECT_LE(f.error->byteOffset, n) << "cut at " << n;
        EXPECT_FALSE(f.error->message.isEmpty());
        for (const Activity& a : f.activities) {
            for (const auto& [c, v] : a.streams.channels)
                EXPECT_EQ(v.size(), a.streams.size());
        }
        // Once a record is complete, every longer prefix keeps it.
        if (sawActivity) {
            EXPECT_FALSE(f.activities.empty()) << "records before the cut at " << n << " are kept";
        }
        sawActivity = sawActivity || !f.activities.empty();
    }
    EXPECT_TRUE(sawActivity);
}

TEST(FitProtocol, FlippingAnyByteNeverCrashes)
{
    const QByteArray whole = simpleRun(ByteOrder::Little, 4);
    for (qsizetype i = 0; i < whole.size(); ++i) {
        for (const char mask : {'\x01', '\x80', '\xFF'}) {
            QByteArray bytes = whole;
            bytes[i] = static_cast<char>(bytes[i] ^ mask);
            const DecodedFile f = readFit(bytes);
            for (const Activity& a : f.activities) {
                for (const auto& [c, v] : a.streams.channels)
                    ASSERT_EQ(v.size(), a.streams.size());
            }
            EXPECT_TRUE(f.error.has_value() || !f.activities.empty());
        }
    }
}

TEST(FitProtocol, CrcEightBytesAtATimeEqualsBytewise)
{
    QByteArray data;
    for (int i = 0; i < 1000; ++i)
        data.append(static_cast<char>((i * 131 + 7) & 0xFF));
    for (qsizetype n = 0; n < 40; ++n)
        EXPECT_EQ(fit::fitCrc(data.first(n)), fit::detail::crcBytewise(data.first(n), 0)) << n;
    EXPECT_EQ(fit::fitCrc(data), fit::detail::crcBytewise(data, 0));
    EXPECT_EQ(fit::fitCrc(data.sliced(10), fit::fitCrc(data.first(10))), fit::fitCrc(data));
    EXPECT_EQ(fit::fitCrc(QByteArrayView("123456789", 9)), 0xBB3D);
}
