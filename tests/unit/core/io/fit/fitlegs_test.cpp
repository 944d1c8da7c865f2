// Which leg a record, lap and length belongs to when time alone does not say: sessions starting in the same
// second (chained files, or one after the other in a file), and multisport files cut before a leg's summary.
// Expectations come from the files themselves, read by the test's own walker (fitpatch.h).
#include "core/io/fit/fitreader.h"

#include "fitpatch.h"
#include "fittestwriter.h"

#include <gtest/gtest.h>

using namespace tricoach;
using namespace tricoach::fittest;
namespace fm = tricoach::fit::mesg;

namespace {

constexpr std::uint32_t kT0 = 1'000'000'000; // 2021-09-08T01:46:40Z
constexpr std::uint32_t kLegSec = 600;
constexpr int kPaddleHr = 100, kSwimHr = 140;
constexpr int kPaddling = 19, kSwimming = 5, kLapSwimming = 17;
constexpr int kPoolLengths = 24;

void fileId(FitWriter& w)
{
    w.define(0, fm::FileId, {{0, 1, bt::Enum}, {4, 4, bt::UInt32}});
    w.data(0, {4, kT0});
}

// Ten minutes from kT0 as a watch writes it, summaries last: records (heart rate `hr`), pool lengths for a
// swim, a lap, the session.
void writeLeg(FitWriter& w, int sport, int subSport, int hr, bool lengths)
{
    w.define(1, fm::Record, {{253, 4, bt::UInt32}, {3, 1, bt::UInt8}, {5, 4, bt::UInt32}});
    for (std::uint32_t t = 0; t < kLegSec; ++t)
        w.data(1, {kT0 + t, hr, t * 100});
    if (lengths) {
        w.define(3, fm::Length,
                 {{253, 4, bt::UInt32}, {2, 4, bt::UInt32}, {3, 4, bt::UInt32}, {4, 4, bt::UInt32}, {12, 1, bt::Enum}});
        const std::uint32_t each = kLegSec / kPoolLengths;
        for (std::uint32_t k = 0; k < kPoolLengths; ++k)
            w.data(3, {kT0 + (k + 1) * each, kT0 + k * each, each * 1000, each * 1000, 1});
    }
    w.define(4, fm::Lap, {{253, 4, bt::UInt32}, {2, 4, bt::UInt32}, {7, 4, bt::UInt32}, {8, 4, bt::UInt32}});
    w.data(4, {kT0 + kLegSec, kT0, kLegSec * 1000, kLegSec * 1000});
    w.define(2, fm::Session,
             {{253, 4, bt::UInt32}, {2, 4, bt::UInt32}, {5, 1, bt::Enum}, {6, 1, bt::Enum}, {7, 4, bt::UInt32}});
    w.data(2, {kT0 + kLegSec, kT0, sport, subSport, kLegSec * 1000});
}

void expectPaddleThenSwim(const DecodedFile& f)
{
    ASSERT_EQ(f.activities.size(), 2u);
    const Activity& paddle = f.activities[0];
    const Activity& swim = f.activities[1];
    EXPECT_EQ(paddle.subSport, QStringLiteral("Paddling"));
    EXPECT_EQ(swim.sport, Sport::Swim);
    EXPECT_EQ(paddle.startUtc, swim.startUtc);
    for (const auto& [a, hr] : {std::pair{&paddle, kPaddleHr}, std::pair{&swim, kSwimHr}}) {
        ASSERT_EQ(a->streams.size(), kLegSec);
        const auto* series = a->streams.get(Channel::HeartRate);
        ASSERT_NE(series, nullptr);
        EXPECT_TRUE(std::all_of(series->begin(), series->end(), [&](double v) { return v == hr; }));
        EXPECT_EQ(a->laps.size(), 1u);
    }
    EXPECT_TRUE(paddle.lengths.empty());
    EXPECT_EQ(swim.lengths.size(), static_cast<std::size_t>(kPoolLengths));
}

// The leg of each record by the rule the issue states: the session whose span holds it (from its start_time to
// its end: start + elapsed time, or its timestamp when later), the later one where spans touch; a record after
// the last session's end belongs to a leg of its own (index = number of sessions).
std::vector<std::size_t> expectedLegSizes(const RawFit& raw)
{
    std::vector<std::size_t> sizes(raw.sessions.size() + 1, 0);
    for (const std::uint32_t t : raw.recordTimes) {
        std::size_t leg = raw.sessions.size();
        for (std::size_t i = 0; i < raw.sessions.size(); ++i) {
            const RawSession& s = raw.sessions[i];
            if (t >= s.start && t <= std::max<double>(s.start + s.elapsed, s.end))
                leg = i;
        }
        ++sizes[leg];
    }
    return sizes;
}

// The byte offset halfway through leg `leg` of a summaries-last multisport file: between its sport message
// and its session message.
qsizetype middleOfLeg(const RawFit& raw, std::size_t leg)
{
    return (raw.sports.at(leg).offset + raw.sessions.at(leg).offset) / 2;
}

} // namespace

TEST(FitLegs, ChainedSessionsStartingInTheSameSecondKeepTheirOwnRecords)
{
    FitWriter paddle, swim;
    fileId(paddle);
    writeLeg(paddle, kPaddling, 0, kPaddleHr, false);
    fileId(swim);
    writeLeg(swim, kSwimming, kLapSwimming, kSwimHr, true);
    const DecodedFile f = FitReader().read(paddle.finish() + swim.finish());
    ASSERT_TRUE(f.ok()) << (f.error ? f.error->message.toStdString() : std::string());
    expectPaddleThenSwim(f);
}

TEST(FitLegs, SessionsStartingInTheSameSecondInOneFileGoByFileOrder)
{
    FitWriter w;
    fileId(w);
    writeLeg(w, kPaddling, 0, kPaddleHr, false);
    writeLeg(w, kSwimming, kLapSwimming, kSwimHr, true);
    const DecodedFile f = FitReader().read(w.finish());
    ASSERT_TRUE(f.ok());
    expectPaddleThenSwim(f);
}

TEST(FitLegs, ChainedCopiesOfTheSdkActivityEachKeepTheirOwnRecords)
{
    // Two copies of the FIT SDK's Activity.fit, chained; the second's checksum is wrong.
    const QByteArray bytes = corpusFit(QStringLiteral("invalid-chained-second-file-bad-crc.fit"));
    const DecodedFile one = FitReader().read(bytes.left(771)); // the first copy alone: a valid file
    ASSERT_TRUE(one.ok());
    ASSERT_EQ(one.activities.size(), 1u);
    const Activity& single = one.activities[0];
    ASSERT_GT(single.streams.size(), 0u);

    const DecodedFile f = FitReader().read(bytes);
    ASSERT_EQ(f.activities.size(), 2u);
    for (const Activity& a : f.activities) {
        EXPECT_EQ(a.startUtc, single.startUtc);
        EXPECT_EQ(a.streams.time, single.streams.time);
        EXPECT_EQ(a.streams.channels, single.streams.channels);
        EXPECT_EQ(a.laps, single.laps);
    }
}

TEST(FitLegs, ATriathlonCutInTheBikeLegKeepsTheTransitionToItsOwnSpan)
{
    const QByteArray whole = corpusFit(QStringLiteral("triathlon-garmin-fr920xt-chained.fit"));
    const RawFit full = rawFit(whole);
    ASSERT_EQ(full.sessions.size(), 5u);
    ASSERT_EQ(full.sports.size(), 5u); // one sport message begins each leg
    FitPatch cut(whole);
    cut.cut(middleOfLeg(full, 2));
    const RawFit raw = rawFit(cut.bytes());
    ASSERT_EQ(raw.sessions.size(), 2u); // swim and T1; the bike's session was never written
    const auto want = expectedLegSizes(raw);
    ASSERT_GT(want[2], 100u); // bike records after T1

    const DecodedFile f = FitReader().read(cut.bytes());
    ASSERT_TRUE(f.error.has_value());
    EXPECT_EQ(f.error->code, QStringLiteral("fit.truncated"));
    ASSERT_EQ(f.activities.size(), 3u);
    EXPECT_EQ(f.activities[0].sport, Sport::Swim);
    EXPECT_EQ(f.activities[1].sport, Sport::Transition);
    EXPECT_EQ(f.activities[2].sport, Sport::Bike); // from the leg's sport message
    for (std::size_t i = 0; i < 3; ++i)
        EXPECT_EQ(f.activities[i].streams.size(), want[i]) << "leg " << i;
    // T1 is what its session says: under three minutes, with its own records only.
    EXPECT_LE(f.activities[1].streams.size(), 40u);
    EXPECT_NEAR(f.activities[1].elapsedSec, raw.sessions[1].elapsed, 1e-9);
    EXPECT_EQ(f.activities[2].multisportKey, f.activities[0].multisportKey);
    EXPECT_TRUE(std::any_of(f.warnings.begin(), f.warnings.end(),
                            [](const QString& w) { return w.contains(QLatin1String("leg of their own")); }));
}

TEST(FitLegs, ATriathlonCutInHalfKeepsT2ToItsOwnSpan)
{
    const QByteArray whole = corpusFit(QStringLiteral("triathlon-garmin-fr920xt-chained.fit"));
    FitPatch cut(whole);
    cut.cut(whole.size() / 2);
    const RawFit raw = rawFit(cut.bytes());
    ASSERT_EQ(raw.sessions.size(), 4u); // swim, T1, bike, T2: the run's session is lost
    const auto want = expectedLegSizes(raw);

    const DecodedFile f = FitReader().read(cut.bytes());
    ASSERT_EQ(f.activities.size(), 5u);
    EXPECT_EQ(f.activities[3].sport, Sport::Transition);
    EXPECT_EQ(f.activities[4].sport, Sport::Run);
    for (std::size_t i = 0; i < 5; ++i)
        EXPECT_EQ(f.activities[i].streams.size(), want[i]) << "leg " << i;
}

TEST(FitLegs, ATriathlonCutAfterTheSwimKeepsTheSwimToItsOwnSpan)
{
    const QByteArray whole = corpusFit(QStringLiteral("triathlon-garmin-fr920xt-chained.fit"));
    const RawFit full = rawFit(whole);
    FitPatch cut(whole);
    cut.cut(middleOfLeg(full, 1)); // inside T1: only the swim's session is there
    const RawFit raw = rawFit(cut.bytes());
    ASSERT_EQ(raw.sessions.size(), 1u);
    const auto want = expectedLegSizes(raw);
    ASSERT_GT(want[1], 2u);

    const DecodedFile f = FitReader().read(cut.bytes());
    ASSERT_EQ(f.activities.size(), 2u);
    EXPECT_EQ(f.activities[0].streams.size(), want[0]);
    EXPECT_NEAR(f.activities[0].elapsedSec, raw.sessions[0].elapsed, 1e-9);
    EXPECT_EQ(f.activities[1].sport, Sport::Transition);
    EXPECT_EQ(f.activities[1].streams.size(), want[1]);
}

TEST(FitLegs, AMultisportFileCutBeforeAnySummarySplitsAtItsSportMessages)
{
    // As a device that writes every summary at the end of the file leaves it when cut in the bike leg: the
    // FR920XT triathlon with its sessions and laps hidden (renumbered into the manufacturer range), then cut.
    const QByteArray whole = corpusFit(QStringLiteral("triathlon-garmin-fr920xt-chained.fit"));
    const RawFit full = rawFit(whole);
    FitPatch p(whole);
    ASSERT_GT(p.renumber(fm::Session, 0xFF00), 0);
    ASSERT_GT(p.renumber(fm::Lap, 0xFF01), 0);
    p.cut(middleOfLeg(full, 2));
    const RawFit raw = rawFit(p.bytes());
    ASSERT_TRUE(raw.sessions.empty());
    ASSERT_EQ(raw.sports.size(), 3u);
    // Each leg holds the records between its sport message and the next.
    std::vector<std::size_t> want(3, 0);
    for (const qsizetype at : raw.recordOffsets) {
        const auto leg =
            std::count_if(raw.sports.begin(), raw.sports.end(), [&](const RawSport& s) { return s.offset < at; });
        ASSERT_GE(leg, 1);
        ++want[static_cast<std::size_t>(leg - 1)];
    }

    const DecodedFile f = FitReader().read(p.bytes());
    ASSERT_EQ(f.activities.size(), 3u);
    const Sport sports[] = {Sport::Swim, Sport::Transition, Sport::Bike};
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(f.activities[i].sport, sports[i]) << "leg " << i;
        EXPECT_EQ(f.activities[i].streams.size(), want[i]) << "leg " << i;
        EXPECT_EQ(f.activities[i].multisportLeg, static_cast<int>(i));
    }
    EXPECT_LE(want[1], 40u); // T1: under three minutes of records
}
