// GpxReader on every GPX file of the shared corpus (table-driven), including the broken ones.
#include "core/io/gpx/gpxreader.h"
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
    return test::corpusBytes("gpx", name);
}

using C = Channel;
const std::set<Channel> kGps{C::Distance, C::Altitude, C::Latitude, C::Longitude};

std::set<Channel> gpsPlus(std::initializer_list<Channel> more)
{
    std::set<Channel> s = kGps;
    s.insert(more);
    return s;
}

struct GpxCase {
    const char* file;
    Sport sport;
    QLatin1String subSport;
    std::size_t points; // trkpt (SOURCES.md)
    std::set<Channel> channels;
    double elapsedSec; // ±1 s
    double distanceM;  // ±1 %
    int warnings;
};

void PrintTo(const GpxCase& c, std::ostream* os)
{
    *os << c.file;
}

class GpxCorpus : public ::testing::TestWithParam<GpxCase> {};

TEST_P(GpxCorpus, ReadsAsExpected)
{
    const GpxCase& c = GetParam();
    const DecodedFile d = GpxReader().read(corpusFile(c.file));
    ASSERT_TRUE(d.ok()) << (d.error ? d.error->message.toStdString() : std::string());
    ASSERT_EQ(d.activities.size(), 1U);
    const Activity& a = d.activities.front();
    EXPECT_EQ(a.sport, c.sport);
    EXPECT_EQ(a.subSport, c.subSport);
    EXPECT_EQ(a.source, ActivitySource::File);
    EXPECT_EQ(a.streams.size(), c.points);
    EXPECT_EQ(channelsOf(a), c.channels);
    for (const auto& [channel, series] : a.streams.channels)
        EXPECT_EQ(series.size(), a.streams.time.size());
    EXPECT_TRUE(a.laps.empty());
    EXPECT_NEAR(a.elapsedSec, c.elapsedSec, 1.0);
    EXPECT_GT(a.movingSec, 0);
    EXPECT_LE(a.movingSec, a.elapsedSec + 1e-6);
    ASSERT_TRUE(a.distanceM.has_value());
    EXPECT_NEAR(*a.distanceM, c.distanceM, c.distanceM * 0.01);
    EXPECT_TRUE(a.startUtc.isValid());
    EXPECT_EQ(a.startUtc.timeSpec(), Qt::UTC);
    EXPECT_EQ(a.elevationGainM.has_value(), a.streams.has(Channel::Altitude));
    EXPECT_EQ(d.warnings.size(), c.warnings) << d.warnings.join(QLatin1Char('|')).toStdString();
    if (a.streams.has(Channel::HeartRate)) {
        ASSERT_TRUE(a.avgHr && a.maxHr);
        EXPECT_GT(*a.avgHr, 40);
        EXPECT_LE(*a.avgHr, *a.maxHr);
        EXPECT_LT(*a.maxHr, 230);
    }
}

// Sports without a <type> or a title naming one are guessed from the track (one warning each): the Urban Biker
// ride at 21 km/h, the Movescount run at 12.4 km/h, the hike from its climb; the untyped mapstogpx swim ("Test",
// 2.2 km/h, no cadence, flat) could be a walk as well as a swim and stays Other. A swim with a GPS track is an
// open-water swim.
const GpxCase kGpxCases[] = {
    {"cycling-urban-biker-power-hr-cad-temp.gpx",
     Sport::Bike,
     {},
     2870,
     gpsPlus({C::HeartRate, C::Cadence, C::Power, C::Temperature, C::Speed}),
     3850.9,
     21116.4,
     1},
    // The eTrex file's untimed saved track (358 points of another walk) is left out: the hike is its two timed
    // active logs, 2282.04 m + 3979.50 m (great-circle sums computed outside TriCoach), climbing enough to be
    // guessed a Hike. Two warnings: the points left out, the guess.
    {"hiking-garmin-etrex-segments-waypoints.gpx", Sport::Hike, {}, 513, kGps, 13381.0, 6261.54, 2},
    {"indoor-cycling-zwift-strava-export-power.gpx", Sport::Bike, QLatin1String("VirtualRide"), 3790,
     gpsPlus({C::HeartRate, C::Cadence, C::Power}), 3789.0, 28589.2, 0},
    {"invalid-strava-mapstogpx-unbound-prefix.gpx",
     Sport::Run,
     {},
     4040,
     gpsPlus({C::Cadence, C::Temperature}),
     4039.0,
     5103.0,
     1},
    {"running-amazfit-watch.gpx", Sport::Run, {}, 1216, gpsPlus({C::HeartRate}), 2531.0, 8722.7, 0},
    {"running-garmin-connect-vivoactivehr.gpx",
     Sport::Run,
     {},
     502,
     gpsPlus({C::HeartRate, C::Cadence}),
     2818.0,
     4395.2,
     0},
    {"running-strava-android-export.gpx", Sport::Run, {}, 1038, gpsPlus({C::HeartRate, C::Cadence}), 1958.0, 4589.2, 0},
    {"running-suunto-movescount-hr.gpx",
     Sport::Run,
     {},
     1405,
     gpsPlus({C::HeartRate, C::Temperature}),
     4509.9,
     15538.6,
     1},
    {"swim-openwater-strava-export.gpx", Sport::Swim, QLatin1String("OpenWaterSwim"), 88,
     gpsPlus({C::HeartRate, C::Cadence, C::Temperature}), 3688.0, 3864.9, 0},
    {"swim-strava-mapstogpx-duplicate-hr.gpx", Sport::Other, {}, 355, gpsPlus({C::HeartRate}), 4487.0, 2534.0, 1},
};
INSTANTIATE_TEST_SUITE_P(Corpus, GpxCorpus, ::testing::ValuesIn(kGpxCases), [](const auto& testInfo) {
    std::string n = testInfo.param.file;
    n = n.substr(0, n.find('.'));
    for (char& ch : n)
        ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
    return n;
});

TEST(GpxReader, CorpusFolderHasATestForEveryFile)
{
    const QStringList files =
        QDir(QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/gpx")).entryList({QStringLiteral("*.gpx")}, QDir::Files);
    QStringList tested{QStringLiteral("edge-strava-metadata-only.gpx"),
                       QStringLiteral("hiking-garmin-gpsbabel-no-timestamps.gpx")}; // gpxsessions_test.cpp
    for (const GpxCase& c : kGpxCases)
        tested.append(QLatin1String(c.file));
    for (const QString& f : files)
        EXPECT_TRUE(tested.contains(f)) << f.toStdString() << " has no test";
    EXPECT_EQ(files.size(), 12);
}

TEST(GpxReader, MetadataOnlyIsAClearErrorWithoutActivity)
{
    const DecodedFile d = GpxReader().read(corpusFile("edge-strava-metadata-only.gpx"));
    ASSERT_TRUE(d.error.has_value());
    EXPECT_EQ(d.error->code, QLatin1String("gpx.no-track-points"));
    EXPECT_TRUE(d.error->message.contains(QLatin1String("no track points")));
    EXPECT_TRUE(d.activities.empty());
}

TEST(GpxReader, UnboundPrefixIsDeclaredAndTheTrackRecovered)
{
    const QByteArray bytes = corpusFile("invalid-strava-mapstogpx-unbound-prefix.gpx");
    ASSERT_TRUE(bytes.startsWith("\xEF\xBB\xBF"));
    const DecodedFile d = GpxReader().read(bytes);
    ASSERT_TRUE(d.ok());
    ASSERT_EQ(d.warnings.size(), 1);
    EXPECT_TRUE(d.warnings.front().contains(QLatin1String("gpxdata")));
    const Activity& a = d.activities.front();
    EXPECT_EQ(a.title, QLatin1String("Stage O Vercors : Pose proba"));
    EXPECT_EQ(a.startUtc.toString(Qt::ISODate), QLatin1String("2020-12-25T20:40:26Z"));
    EXPECT_EQ(series(a, Channel::Cadence).front(), 43);
    EXPECT_EQ(series(a, Channel::Temperature).front(), 22);
}

TEST(GpxReader, DuplicateHeartRatesTakeTheFirst)
{
    const DecodedFile d = GpxReader().read(corpusFile("swim-strava-mapstogpx-duplicate-hr.gpx"));
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(series(d.activities.front(), Channel::HeartRate).front(), 98);
}

TEST(GpxReader, MovescountSensorsAndTemperature)
{
    const DecodedFile d = GpxReader().read(corpusFile("running-suunto-movescount-hr.gpx"));
    ASSERT_TRUE(d.ok());
    const Activity& a = d.activities.front();
    EXPECT_EQ(series(a, Channel::HeartRate).front(), 92);
    EXPECT_NEAR(series(a, Channel::Temperature).front(), 20.7, 1e-6);
    EXPECT_EQ(series(a, Channel::Distance).front(), 12); // gpxdata:distance as recorded
    EXPECT_NEAR(*a.avgSpeed * 3.6, 12.4, 0.3);
}

} // namespace
