// Sensor values in GPX <extensions> as exporters other than Garmin's write them: without a namespace (Holux's
// GM-130 and its software write <bpm> and <rpm>), and extension elements that share a name with a channel but
// mean something else (OpenTracks' <opentracks:distance> is the distance since the point before).
#include "core/io/gpx/gpxreader.h"
#include "tests/unit/core/io/readertestsupport.h"
#include "tests/unit/core/io/xmlvariants.h"

#include <gtest/gtest.h>

using namespace tricoach;
using namespace tricoach::test;

namespace {

const char* const kUrbanBiker = "cycling-urban-biker-power-hr-cad-temp.gpx"; // gpxtpx hr, cad, atemp; PowerInWatts
const char* const kVivoRun = "running-garmin-connect-vivoactivehr.gpx";

Activity readOne(const QByteArray& bytes)
{
    const DecodedFile d = GpxReader().read(bytes);
    EXPECT_TRUE(d.ok()) << (d.error ? d.error->message.toStdString() : std::string());
    return d.activities.empty() ? Activity() : d.activities.front();
}

// The Urban Biker ride with its extensions as a Holux GM-130 writes them: bare <bpm> and <rpm>, the barometric
// and GPS elevations and the pressure beside them.
QByteArray asHolux(const QByteArray& gpx)
{
    QByteArray out = gpx;
    out.replace("<gpxtpx:TrackPointExtension>", "<ele src=\"gps\">240.1</ele><mbar>979.3</mbar>");
    out.replace("</gpxtpx:TrackPointExtension>", "");
    out = editMatches(out, QStringLiteral("(<gpxtpx:hr>[^<]*</gpxtpx:hr>)"), [](const QByteArray& e, int) {
        return QByteArray(e).replace("<gpxtpx:hr>", "<bpm>").replace("</gpxtpx:hr>", "</bpm>");
    });
    out = editMatches(out, QStringLiteral("(<gpxtpx:cad>[^<]*</gpxtpx:cad>)"), [](const QByteArray& e, int) {
        return QByteArray(e).replace("<gpxtpx:cad>", "<rpm>").replace("</gpxtpx:cad>", "</rpm>");
    });
    return out;
}

TEST(GpxExtensions, HoluxBpmAndRpmAreHeartRateAndCadence)
{
    const QByteArray original = corpusBytes("gpx", kUrbanBiker);
    const QByteArray holux = asHolux(original);
    ASSERT_FALSE(holux.contains("gpxtpx:hr"));
    ASSERT_TRUE(holux.contains("<bpm>125</bpm>"));
    ASSERT_TRUE(holux.contains("<rpm>86</rpm>"));
    const Activity a = readOne(original);
    const Activity b = readOne(holux);
    EXPECT_EQ(series(b, Channel::HeartRate).size(), series(a, Channel::HeartRate).size());
    EXPECT_EQ(b.avgHr, a.avgHr);
    EXPECT_EQ(b.maxHr, a.maxHr);
    EXPECT_EQ(b.avgCadence, a.avgCadence);
    // The extension's own <ele> is not a second altitude channel: the point's <ele> stays the altitude.
    EXPECT_EQ(b.streams.has(Channel::Altitude), a.streams.has(Channel::Altitude));
}

TEST(GpxExtensions, PulseIsHeartRate)
{
    const QByteArray original = corpusBytes("gpx", kVivoRun);
    QByteArray pulse = original;
    pulse.replace("<ns3:hr>", "<pulse>").replace("</ns3:hr>", "</pulse>");
    ASSERT_TRUE(pulse.contains("<pulse>127</pulse>"));
    EXPECT_EQ(readOne(pulse).avgHr, readOne(original).avgHr);
}

TEST(GpxExtensions, OpenTracksDistanceIsNotADistanceFromTheStart)
{
    // OpenTracks writes <opentracks:distance> as the distance a speed sensor measured since the point before
    // (GPXTrackExporter: the sensor distance cumulated over the sensor points in between). Taken for the
    // distance from the start it made a 4.4 km run a few metres long.
    const QByteArray original = corpusBytes("gpx", kVivoRun);
    QByteArray opentracks = original;
    opentracks.replace("xmlns:ns3=", "xmlns:opentracks=\"http://opentracksapp.com/xmlschemas/v1\" xmlns:ns3=");
    opentracks.replace("</ns3:TrackPointExtension>",
                       "</ns3:TrackPointExtension><opentracks:distance>8.7</opentracks:distance>");
    const Activity a = readOne(original);
    const Activity b = readOne(opentracks);
    ASSERT_TRUE(a.distanceM && b.distanceM);
    EXPECT_NEAR(*b.distanceM, *a.distanceM, 1e-6);
    EXPECT_NEAR(series(b, Channel::Distance).back(), series(a, Channel::Distance).back(), 1e-6);
}

} // namespace
