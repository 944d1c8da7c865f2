// Device clocks: FIT times below 0x10000000 count seconds since the device powered on (FIT SDK Profile, type
// date_time). Real files moved onto such a clock must come out exactly as the originals when the file says
// where the clock stood (timestamp_correlation, a dated file_id), and be refused, never dated 1989/1990, when
// it does not. Dates before 2000 or in the future are warned about.
#include "core/io/fit/fitreader.h"
#include "core/util/datetime.h"

#include "fitpatch.h"
#include "fittestwriter.h"

#include <gtest/gtest.h>

using namespace tricoach;
using namespace tricoach::fittest;

namespace {

constexpr std::uint32_t kDeviceStart = 5'000'000; // 58 days after power-on
constexpr std::uint32_t kMinAbsolute = 0x10000000;
const QString kWalk = QStringLiteral("walking-garmin-fr955-hrm-pro-chained.fit"); // 4 chained files, stored HR

DecodedFile readFit(const QByteArray& bytes)
{
    return FitReader().read(bytes);
}

QDateTime fitUtc(std::uint32_t fitSeconds)
{
    return utcFromMSecs((fit::kFitEpochOffset + fitSeconds) * 1000LL);
}

// The file as a device without a set clock writes it: every UTC time (field 253 of every message, the
// start_time of sessions, laps and lengths, file_id.time_created unless `keepCreated`) moved back by `shift`
// seconds onto the device's power-on clock. local_timestamp stays, as the FR70 writes it.
QByteArray onDeviceClock(const QByteArray& original, std::uint32_t shift, bool keepCreated)
{
    FitPatch p(original);
    p.forEachField([&](const FieldAt& f, QByteArray& b) {
        const bool startTime = f.num == 2 && (f.mesg == 18 || f.mesg == 19 || f.mesg == 101);
        const bool created = f.mesg == 0 && f.num == 4 && !keepCreated;
        if ((f.num != 253 && !startTime && !created) || f.size != 4)
            return;
        const std::uint64_t v = FitPatch::readUInt(b, f);
        if (v != 0xFFFFFFFF)
            FitPatch::writeUInt(b, f, v - shift);
    });
    return p.bytes();
}

// Everything the athlete sees of the walk must be as in the original file.
void expectSameActivity(const Activity& got, const Activity& want)
{
    EXPECT_EQ(got.startUtc, want.startUtc);
    EXPECT_EQ(got.utcOffsetSec, want.utcOffsetSec);
    EXPECT_DOUBLE_EQ(got.elapsedSec, want.elapsedSec);
    EXPECT_DOUBLE_EQ(got.movingSec, want.movingSec);
    EXPECT_EQ(got.streams.time, want.streams.time);
    ASSERT_NE(got.streams.get(Channel::HeartRate), nullptr);
    EXPECT_EQ(*got.streams.get(Channel::HeartRate), *want.streams.get(Channel::HeartRate)); // stored HR placed too
    EXPECT_EQ(got.laps, want.laps);
}

bool mentions(const QStringList& warnings, const char* text)
{
    return std::any_of(warnings.begin(), warnings.end(),
                       [&](const QString& w) { return w.contains(QLatin1String(text)); });
}

} // namespace

TEST(FitClock, Fr70FilesOfTheCorpusAreRefusedNotDated1990)
{
    for (const char* name :
         {"running-garmin-fr70-compressed-timestamps.fit", "running-garmin-fr70-antfs-compressed-timestamps.fit"}) {
        SCOPED_TRACE(name);
        const QByteArray bytes = corpusFit(QLatin1String(name));
        // The fact, read without the reader: the session starts on the power-on clock.
        const RawFit raw = rawFit(bytes);
        ASSERT_EQ(raw.sessions.size(), 1u);
        ASSERT_LT(raw.sessions[0].start, kMinAbsolute);
        const DecodedFile f = readFit(bytes);
        for (const Activity& a : f.activities)
            EXPECT_GE(a.startUtc.date().year(), 2000) << a.startUtc.toString(Qt::ISODate).toStdString();
        ASSERT_TRUE(f.error.has_value());
        EXPECT_EQ(f.error->code, QStringLiteral("fit.no-clock"));
        EXPECT_TRUE(f.error->message.contains(QLatin1String("no clock set"))) << f.error->message.toStdString();
        EXPECT_GE(f.error->byteOffset, 0);
        EXPECT_LT(f.error->byteOffset, bytes.size());
        EXPECT_TRUE(f.activities.empty());
    }
}

TEST(FitClock, DeviceTimesArePlacedThroughTimestampCorrelation)
{
    const QByteArray original = corpusFit(kWalk);
    const DecodedFile want = readFit(original);
    ASSERT_TRUE(want.ok());
    ASSERT_EQ(want.activities.size(), 1u);
    const RawFit raw = rawFit(original);
    ASSERT_EQ(raw.sessions.size(), 1u);
    const std::uint32_t start = raw.sessions[0].start;
    const std::uint32_t shift = start - kDeviceStart;
    const QByteArray device = onDeviceClock(original, shift, false);
    ASSERT_LT(rawFit(device).sessions[0].start, kMinAbsolute);

    // Nothing ties the device clock to the calendar: refused, not dated 1990.
    const DecodedFile lost = readFit(device);
    ASSERT_TRUE(lost.error.has_value());
    EXPECT_EQ(lost.error->code, QStringLiteral("fit.no-clock"));
    EXPECT_TRUE(lost.activities.empty());

    // A timestamp_correlation two minutes in: at UTC start + 120 the device clock read kDeviceStart + 120.
    FitPatch correlated(device);
    correlated.appendToFirstFile(timestampCorrelation(start + 120, kDeviceStart + 120));
    const DecodedFile got = readFit(correlated.bytes());
    ASSERT_TRUE(got.ok()) << (got.error ? got.error->message.toStdString() : std::string());
    ASSERT_EQ(got.activities.size(), 1u);
    EXPECT_EQ(got.activities[0].startUtc, fitUtc(start));
    expectSameActivity(got.activities[0], want.activities[0]);
    EXPECT_TRUE(mentions(got.warnings, "timestamp_correlation"));
}

TEST(FitClock, DeviceTimesArePlacedThroughADatedFileId)
{
    const QByteArray original = corpusFit(kWalk);
    const DecodedFile want = readFit(original);
    ASSERT_TRUE(want.ok());
    const RawFit raw = rawFit(original);
    // The watch creates the file as the session starts: time_created is the session's start_time.
    ASSERT_TRUE(raw.timeCreated.has_value());
    ASSERT_EQ(*raw.timeCreated, raw.sessions[0].start);

    const DecodedFile got = readFit(onDeviceClock(original, raw.sessions[0].start - kDeviceStart, true));
    ASSERT_TRUE(got.ok()) << (got.error ? got.error->message.toStdString() : std::string());
    ASSERT_EQ(got.activities.size(), 1u);
    EXPECT_EQ(got.activities[0].startUtc, fitUtc(*raw.timeCreated));
    expectSameActivity(got.activities[0], want.activities[0]);
    EXPECT_TRUE(mentions(got.warnings, "time_created"));
}

TEST(FitClock, AnFr70RunWithACorrelationIsPlaced)
{
    const QByteArray original = corpusFit(QStringLiteral("running-garmin-fr70-compressed-timestamps.fit"));
    const RawFit raw = rawFit(original);
    ASSERT_EQ(raw.sessions.size(), 1u);
    const std::uint32_t deviceStart = raw.sessions[0].start;
    // At 2012-02-04T10:00:00Z (FIT 697284000) the watch's clock read 17,000,000.
    constexpr std::uint32_t kUtc = 697'284'000, kSystem = 17'000'000;
    FitPatch p(original);
    p.appendToFirstFile(timestampCorrelation(kUtc, kSystem));
    const DecodedFile f = readFit(p.bytes());
    ASSERT_TRUE(f.ok()) << (f.error ? f.error->message.toStdString() : std::string());
    ASSERT_EQ(f.activities.size(), 1u);
    const Activity& a = f.activities[0];
    EXPECT_EQ(a.startUtc, fitUtc(kUtc + (deviceStart - kSystem)));
    EXPECT_EQ(a.startUtc.date(), QDate(2012, 2, 6));
    // Every record keeps its place relative to the start: the compressed timestamps count on from it.
    std::vector<double> want;
    for (const std::uint32_t t : raw.recordTimes)
        want.push_back(static_cast<double>(t) - deviceStart);
    ASSERT_FALSE(want.empty());
    ASSERT_GE(a.streams.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i)
        EXPECT_EQ(a.streams.time[i], want[i]) << i;
}

TEST(FitClock, StartsBefore2000OrInTheFutureAreWarned)
{
    const auto run = [](std::uint32_t start) {
        FitWriter w;
        w.define(0, fit::mesg::FileId, {{0, 1, bt::Enum}, {4, 4, bt::UInt32}});
        w.data(0, {4, start});
        w.define(1, fit::mesg::Record, {{253, 4, bt::UInt32}, {3, 1, bt::UInt8}});
        for (std::uint32_t i = 0; i < 60; ++i)
            w.data(1, {start + i, 120});
        w.define(2, fit::mesg::Session,
                 {{253, 4, bt::UInt32}, {2, 4, bt::UInt32}, {5, 1, bt::Enum}, {7, 4, bt::UInt32}});
        w.data(2, {start + 59, start, 1, 59000});
        return FitReader().read(w.finish());
    };
    // A clock set, but wrong: the first absolute FIT time is 1998-07-03.
    const DecodedFile old = run(kMinAbsolute + 100);
    ASSERT_EQ(old.activities.size(), 1u);
    EXPECT_EQ(old.activities[0].startUtc.date(), QDate(1998, 7, 3));
    EXPECT_TRUE(mentions(old.warnings, "1998-07-03, before 2000"))
        << old.warnings.join(QLatin1Char('\n')).toStdString();

    const DecodedFile future = run(0xF0000000); // 2117
    ASSERT_EQ(future.activities.size(), 1u);
    EXPECT_EQ(future.activities[0].startUtc.date().year(), 2117);
    EXPECT_TRUE(mentions(future.warnings, "in the future")) << future.warnings.join(QLatin1Char('\n')).toStdString();

    const DecodedFile fine = run(1'000'000'000); // 2021
    EXPECT_TRUE(fine.ok());
    EXPECT_FALSE(mentions(fine.warnings, "clock"));
}
