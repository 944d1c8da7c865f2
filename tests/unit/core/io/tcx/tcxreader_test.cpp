// TcxReader on every TCX file of the shared corpus (table-driven) and on small documents that isolate one rule.
#include "core/io/tcx/tcxreader.h"
#include "tests/unit/core/io/readertestsupport.h"

#include <QDir>
#include <QFile>

#include <gtest/gtest.h>
#include <set>

using namespace tricoach;
using tricoach::test::channelsOf;
using tricoach::test::series;

namespace {

QByteArray corpusFile(const char* name)
{
    return test::corpusBytes("tcx", name);
}

using C = Channel;
const std::set<Channel> kGpsHrCadPower{C::Distance, C::HeartRate, C::Power,    C::Cadence,
                                       C::Speed,    C::Altitude,  C::Latitude, C::Longitude};

struct TcxCase {
    const char* file;
    Sport sport;
    std::size_t points; // trackpoints (SOURCES.md)
    std::size_t laps;
    std::set<Channel> channels;
    double elapsedSec;               // ±1 s
    std::optional<double> distanceM; // ±1 %
};

void PrintTo(const TcxCase& c, std::ostream* os)
{
    *os << c.file;
}

class TcxCorpus : public ::testing::TestWithParam<TcxCase> {};

TEST_P(TcxCorpus, ReadsAsExpected)
{
    const TcxCase& c = GetParam();
    const DecodedFile d = TcxReader().read(corpusFile(c.file));
    ASSERT_TRUE(d.ok()) << (d.error ? d.error->message.toStdString() : std::string());
    ASSERT_EQ(d.activities.size(), 1U);
    const Activity& a = d.activities.front();
    EXPECT_EQ(a.sport, c.sport);
    EXPECT_EQ(a.source, ActivitySource::File);
    EXPECT_EQ(a.streams.size(), c.points);
    EXPECT_EQ(a.laps.size(), c.laps);
    EXPECT_EQ(channelsOf(a), c.channels);
    for (const auto& [channel, series] : a.streams.channels)
        EXPECT_EQ(series.size(), a.streams.time.size());
    EXPECT_NEAR(a.elapsedSec, c.elapsedSec, 1.0);
    EXPECT_GT(a.movingSec, 0);
    EXPECT_LE(a.movingSec, a.elapsedSec + 1.0);
    if (c.distanceM) {
        ASSERT_TRUE(a.distanceM.has_value());
        EXPECT_NEAR(*a.distanceM, *c.distanceM, *c.distanceM * 0.01);
    } else {
        EXPECT_FALSE(a.distanceM.has_value());
    }
    EXPECT_TRUE(a.startUtc.isValid());
    EXPECT_EQ(a.startUtc.timeSpec(), Qt::UTC);
    EXPECT_FALSE(a.notes.isEmpty()); // every file names its device
    ASSERT_FALSE(a.streams.time.empty());
    EXPECT_GE(a.streams.time.front(), 0.0);
    EXPECT_LE(a.streams.time.back(), a.elapsedSec + 1.0);
    if (a.streams.has(Channel::HeartRate)) {
        ASSERT_TRUE(a.avgHr && a.maxHr);
        EXPECT_GT(*a.avgHr, 40);
        EXPECT_LE(*a.avgHr, *a.maxHr);
        EXPECT_LT(*a.maxHr, 230);
    }
}

const TcxCase kTcxCases[] = {
    {"cycling-garmin-edge1000-power.tcx", Sport::Bike, 72, 1, kGpsHrCadPower, 71.0, 390.53},
    {"cycling-garmin-edge500-power-short.tcx", Sport::Bike, 5, 1, kGpsHrCadPower, 18930.35, 180219.88},
    {"cycling-garmin-fr310xt-velodrome-power.tcx",
     Sport::Bike,
     490,
     5,
     {C::Distance, C::HeartRate, C::Power, C::Cadence, C::Speed},
     485.0,
     4677.87},
    {"cycling-polar-vantage-v-notes.tcx", Sport::Bike, 6862, 3, {C::HeartRate, C::Cadence}, 6953.9, std::nullopt},
    {"running-garmin-fr15-10k.tcx",
     Sport::Run,
     686,
     11,
     {C::Distance, C::Speed, C::Latitude, C::Longitude},
     2224.6,
     10010.82},
    {"running-garmin-fr410-hr.tcx",
     Sport::Run,
     384,
     3,
     {C::Distance, C::HeartRate, C::Altitude, C::Latitude, C::Longitude},
     1992.5,
     4689.24},
    {"running-suunto-spartan-ultra.tcx",
     Sport::Run,
     752,
     32,
     {C::Distance, C::HeartRate, C::Cadence, C::Speed, C::Altitude, C::Latitude, C::Longitude},
     1916.7,
     5729.0},
    {"sup-garmin-vivoactivehr.tcx",
     Sport::Other,
     111,
     2,
     {C::Distance, C::HeartRate, C::Speed, C::Latitude, C::Longitude},
     1113.5,
     1157.51},
    {"swim-openwater-coros.tcx",
     Sport::Swim,
     2870,
     2,
     {C::Distance, C::HeartRate, C::Cadence, C::Latitude, C::Longitude},
     1689.0,
     975.0},
    // Swims that Garmin Connect and COROS export as Sport="Other" (tcxsessions_test.cpp says why they are swims).
    {"swim-pool-garmin-fr910xt.tcx", Sport::Swim, 85, 8, {C::Distance, C::Speed}, 2299.0, 2000.0},
    {"swim-pool-garmin-fr945-25m.tcx", Sport::Swim, 2875, 28, {C::HeartRate}, 2848.0, 2000.0},
};
INSTANTIATE_TEST_SUITE_P(Corpus, TcxCorpus, ::testing::ValuesIn(kTcxCases), [](const auto& testInfo) {
    std::string n = testInfo.param.file;
    n = n.substr(0, n.find('.'));
    for (char& ch : n)
        ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
    return n;
});

TEST(TcxReader, CorpusFolderHasATestForEveryFile)
{
    const QStringList files =
        QDir(QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/tcx")).entryList({QStringLiteral("*.tcx")}, QDir::Files);
    QStringList tested{QStringLiteral("invalid-running-whitespace-before-xml-decl.tcx"),
                       QStringLiteral("multisport-garmin-fr305-multi-activity.tcx")};
    for (const TcxCase& c : kTcxCases)
        tested.append(QLatin1String(c.file));
    for (const QString& f : files)
        EXPECT_TRUE(tested.contains(f)) << f.toStdString() << " has no test";
    EXPECT_EQ(files.size(), 13);
}

TEST(TcxReader, WhitespaceBeforeDeclarationIsReadWithAWarning)
{
    const DecodedFile d = TcxReader().read(corpusFile("invalid-running-whitespace-before-xml-decl.tcx"));
    ASSERT_TRUE(d.ok());
    ASSERT_EQ(d.warnings.size(), 1);
    EXPECT_TRUE(d.warnings.front().contains(QLatin1String("Whitespace")));
    const Activity& a = d.activities.front();
    EXPECT_EQ(a.sport, Sport::Run);
    EXPECT_EQ(a.streams.size(), 1545U);
    EXPECT_EQ(a.laps.size(), 5U);
    EXPECT_NEAR(*a.distanceM, 4156.7, 42);
    EXPECT_TRUE(a.notes.contains(QLatin1String("Polar V800")));
}

TEST(TcxReader, MultiSportSessionBecomesLegsSharingAKey)
{
    const DecodedFile d = TcxReader().read(corpusFile("multisport-garmin-fr305-multi-activity.tcx"));
    ASSERT_TRUE(d.ok());
    ASSERT_EQ(d.activities.size(), 4U);
    const Sport sports[] = {Sport::Run, Sport::Bike, Sport::Run, Sport::Bike};
    const std::size_t points[] = {656, 235, 733, 269};
    std::size_t total = 0;
    for (int i = 0; i < 4; ++i) {
        const Activity& a = d.activities[static_cast<std::size_t>(i)];
        EXPECT_EQ(a.sport, sports[i]);
        EXPECT_EQ(a.multisportLeg, i);
        EXPECT_EQ(a.multisportKey, d.activities.front().multisportKey);
        EXPECT_EQ(a.laps.size(), 1U);
        EXPECT_EQ(a.streams.size(), points[i]);
        total += a.streams.size();
    }
    EXPECT_EQ(total, 1893U);
    EXPECT_FALSE(d.activities.front().multisportKey.isEmpty());
    EXPECT_NEAR(*d.activities[0].distanceM, 7651.03, 1);
    EXPECT_FALSE(d.activities[1].distanceM.has_value()); // the bike legs record 0 m (no speed sensor)
}

TEST(TcxReader, LapValuesAndExtensions)
{
    const DecodedFile d = TcxReader().read(corpusFile("cycling-garmin-fr310xt-velodrome-power.tcx"));
    ASSERT_TRUE(d.ok());
    const Activity& a = d.activities.front();
    EXPECT_EQ(a.laps.front().startOffsetSec, 0.0);
    EXPECT_NEAR(a.laps.front().movingSec, 83.0, 1e-9);
    EXPECT_NEAR(*a.laps.front().distanceM, 786.89, 1e-6);
    EXPECT_NEAR(*a.laps.front().avgHr, 148, 1e-9);
    ASSERT_TRUE(a.laps.front().avgPower.has_value()); // LX AvgWatts
    ASSERT_TRUE(a.avgPower && a.maxPower && a.maxCadence);
    EXPECT_GT(*a.avgPower, 100);
    for (std::size_t i = 1; i < a.laps.size(); ++i)
        EXPECT_GT(a.laps[i].startOffsetSec, a.laps[i - 1].startOffsetSec);
    EXPECT_NEAR(*a.calories, 144, 1e-9);
}

TEST(TcxReader, NotesAndCreatorGoToNotes)
{
    const DecodedFile d = TcxReader().read(corpusFile("cycling-polar-vantage-v-notes.tcx"));
    ASSERT_TRUE(d.ok());
    EXPECT_TRUE(d.activities.front().notes.startsWith(QLatin1String("- immer noch den Muskelkater")));
    EXPECT_TRUE(d.activities.front().notes.endsWith(QLatin1String("Recorded with Polar Vantage V")));
}

} // namespace
