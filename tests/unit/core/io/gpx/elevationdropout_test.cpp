// Elevation gain ignores heights no terrain produced: a 0 written for "no elevation" (ExpertGPS, converters) and
// a one-point spike, in every XML format that computes its gain from the track (core/io/trackpoints.cpp).
#include "core/io/gpx/gpxreader.h"
#include "core/io/tcx/tcxreader.h"
#include "core/io/trackpoints.h"
#include "tests/unit/core/io/readertestsupport.h"
#include "tests/unit/core/io/xmlvariants.h"

#include <gtest/gtest.h>

using namespace tricoach;

namespace {

double gainOf(const ActivityReader& reader, const QByteArray& bytes)
{
    const DecodedFile f = reader.read(bytes);
    EXPECT_TRUE(f.ok());
    if (!f.ok() || !f.activities.front().elevationGainM)
        return -1;
    return *f.activities.front().elevationGainM;
}

// The file with the value of every `tag` element whose index is in `zeros` replaced by 0 and of those in `spikes`
// raised by 120 m.
QByteArray damaged(const QByteArray& file, const QString& tag, std::initializer_list<int> zeros,
                   std::initializer_list<int> spikes)
{
    return test::editMatches(file, QStringLiteral("<%1>([^<]*)</%1>").arg(tag), [&](const QByteArray& v, int i) {
        if (std::find(zeros.begin(), zeros.end(), i) != zeros.end())
            return QByteArray("0");
        if (std::find(spikes.begin(), spikes.end(), i) != spikes.end())
            return QByteArray::number(v.toDouble() + 120, 'f', 3);
        return v;
    });
}

TEST(ElevationDropouts, GpxZerosAndSpikesAreNoClimb)
{
    const QByteArray file = test::corpusBytes("gpx", "running-strava-android-export.gpx");
    GpxReader reader;
    const double real = gainOf(reader, file);
    ASSERT_GT(real, 0);
    // A single 0 (the scout's ExpertGPS file), two zeros in a row, and a one-point spike.
    const double withDropouts = gainOf(reader, damaged(file, QStringLiteral("ele"), {100, 400, 401}, {700}));
    EXPECT_NEAR(withDropouts, real, 2.0);
}

TEST(ElevationDropouts, TcxZerosAreNoClimb)
{
    const QByteArray file = test::corpusBytes("tcx", "running-garmin-fr410-hr.tcx");
    TcxReader reader;
    const double real = gainOf(reader, file);
    ASSERT_GE(real, 0);
    const double withDropouts = gainOf(reader, damaged(file, QStringLiteral("AltitudeMeters"), {50, 200, 201}, {}));
    EXPECT_NEAR(withDropouts, real, 2.0);
}

TEST(ElevationDropouts, RealAltitudesNearTheSeaAndRealClimbsStay)
{
    // At sea level a 0 is a real height; a steady climb of 100 m in 10 m steps and a hill climbed and left are real.
    EXPECT_EQ(*xml::elevationGainM({2, 0, 4, 0, 6}), 10); // 0→4 and 0→6
    EXPECT_EQ(*xml::elevationGainM({100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200}), 100);
    EXPECT_EQ(*xml::elevationGainM({100, 160, 220, 160, 100}), 120);
    EXPECT_EQ(*xml::elevationGainM({0, 0, 0}), 0);
    // A dropout at the start or the end of a recording is none either.
    EXPECT_EQ(*xml::elevationGainM({0, 500, 505}), 5);
    EXPECT_EQ(*xml::elevationGainM({500, 505, 0}), 5);
}

} // namespace
