// GpxReader rules on small hand-written documents: extensions, segments, time gaps, sport, errors.
#include "core/io/gpx/gpxreader.h"
#include "core/io/xmlsupport.h"
#include "tests/unit/core/io/readertestsupport.h"

#include <gtest/gtest.h>

using namespace tricoach;
using tricoach::test::channelsOf;
using tricoach::test::series;

namespace {

QByteArray gpx(const QByteArray& body, const QByteArray& version = "1.1")
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"" + version +
           "\" creator=\"test\" xmlns=\"http://www.topografix.com/GPX/1/" + (version == "1.0" ? "0" : "1") +
           "\" xmlns:tp2=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v2\" "
           "xmlns:pwr=\"http://www.garmin.com/xmlschemas/PowerExtension/v1\" "
           "xmlns:gpxdata=\"http://www.cluetrust.com/XML/GPXDATA/1/0\">\n" +
           body + "</gpx>\n";
}

// A point `metres` north of 45°N 7°E, `seconds` after 08:00:00.
QByteArray pt(double metres, int seconds, const QByteArray& inner = {})
{
    const double lat = 45.0 + metres / (xml::kEarthRadiusM * 3.14159265358979323846 / 180.0);
    const QByteArray time =
        seconds < 0
            ? QByteArray()
            : "<time>" + QTime(8, 0).addSecs(seconds).toString(QStringLiteral("'2024-07-01T'HH:mm:ss'Z'")).toUtf8() +
                  "</time>";
    return "<trkpt lat=\"" + QByteArray::number(lat, 'f', 9) + "\" lon=\"7.0\"><ele>100</ele>" + time + inner +
           "</trkpt>\n";
}

TEST(GpxRules, TrackPointExtensionV2PowerAndSegments)
{
    const QByteArray ext = "<extensions><tp2:TrackPointExtension><tp2:atemp>21.5</tp2:atemp><tp2:hr>140</tp2:hr>"
                           "<tp2:cad>90</tp2:cad><tp2:speed>8.0</tp2:speed></tp2:TrackPointExtension>"
                           "<pwr:PowerInWatts>250</pwr:PowerInWatts></extensions>";
    const DecodedFile d =
        GpxReader().read(gpx("<trk><name>Ride</name><type>cycling</type><trkseg>" + pt(0, 0, ext) + pt(80, 10, ext) +
                             "</trkseg><trkseg>" + pt(1000, 20, ext) + pt(1080, 30) + "</trkseg></trk>"));
    ASSERT_TRUE(d.ok());
    const Activity& a = d.activities.front();
    EXPECT_EQ(a.sport, Sport::Bike);
    EXPECT_EQ(a.title, QLatin1String("Ride"));
    EXPECT_EQ(a.streams.size(), 4U);
    EXPECT_EQ(series(a, Channel::Power).front(), 250);
    EXPECT_TRUE(isMissing(series(a, Channel::Power).back()));
    EXPECT_EQ(series(a, Channel::Temperature).front(), 21.5);
    EXPECT_EQ(series(a, Channel::Speed).front(), 8.0);
    EXPECT_EQ(series(a, Channel::Cadence).front(), 90);
    // 80 m + 80 m; the 920 m jump between segments is not bridged.
    EXPECT_NEAR(*a.distanceM, 160, 0.01);
    EXPECT_NEAR(series(a, Channel::Distance).back(), 160, 0.01);
    EXPECT_EQ(a.elapsedSec, 30);
    EXPECT_EQ(*a.maxSpeed, 8.0);
    EXPECT_EQ(*a.avgPower, 250);
}

TEST(GpxRules, Gpx10SpeedAndTopLevelTime)
{
    const DecodedFile d =
        GpxReader().read(gpx("<time>2024-07-01T07:00:00Z</time><trk><trkseg>" + pt(0, 0, "<speed>3.0</speed>") +
                                 pt(30, 10, "<speed>3.0</speed>") + "</trkseg></trk>",
                             "1.0"));
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(*d.activities.front().maxSpeed, 3.0);
    EXPECT_EQ(d.activities.front().startUtc.toString(Qt::ISODate), QLatin1String("2024-07-01T08:00:00Z"));
}

TEST(GpxRules, NoTimeAtAllIsAnErrorEvenWithAMetadataTime)
{
    // The metadata time says when the file was written (GPSBabel stamps the conversion), not when the activity
    // was: it used to become the start of an activity of no duration, on the wrong day.
    const DecodedFile d = GpxReader().read(gpx("<metadata><time>2024-07-01T07:00:00Z</time></metadata><trk><trkseg>" +
                                               pt(0, -1) + pt(100, -1) + "</trkseg></trk>"));
    ASSERT_TRUE(d.error.has_value());
    EXPECT_EQ(d.error->code, QLatin1String("gpx.no-times"));
    EXPECT_EQ(
        d.error->message,
        QLatin1String("This GPX file has no times: its track points carry no timestamps, so the activity cannot be "
                      "placed on a day. (A converter may have dropped them; export the activity again from the "
                      "device or app that recorded it.)"));
    EXPECT_TRUE(d.activities.empty());
}

TEST(GpxRules, UntimedPointsBetweenTimedOnesAreInterpolated)
{
    const DecodedFile d = GpxReader().read(
        gpx("<trk><type>running</type><trkseg>" + pt(0, 0) + pt(30, -1) + pt(60, -1) + pt(90, 30) + "</trkseg></trk>"));
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d.activities.front().streams.time, (std::vector<double>{0, 10, 20, 30}));
}

TEST(GpxRules, MovingTimeExcludesStopsLongerThanTenSeconds)
{
    // 60 s moving at 3 m/s, a 60 s stop (excluded), 30 s moving, a 5 s stop (kept), 10 s moving.
    QByteArray seg = pt(0, 0) + pt(180, 60) + pt(180, 120) + pt(270, 150) + pt(270, 155) + pt(300, 165);
    const DecodedFile d = GpxReader().read(gpx("<trk><type>9</type><trkseg>" + seg + "</trkseg></trk>"));
    ASSERT_TRUE(d.ok());
    const Activity& a = d.activities.front();
    EXPECT_EQ(a.elapsedSec, 165);
    EXPECT_EQ(a.movingSec, 105);
    EXPECT_NEAR(*a.avgSpeed, 300.0 / 105.0, 1e-3);
    EXPECT_EQ(a.sport, Sport::Run);
}

TEST(GpxRules, HeartRateZeroIsNoStrapAndBareNamesWork)
{
    const DecodedFile d = GpxReader().read(
        gpx("<trk><trkseg>" + pt(0, 0, "<extensions><heartrate>0</heartrate><power>100</power></extensions>") +
            pt(20, 10, "<extensions><gpxdata:hr>120</gpxdata:hr><power>0</power></extensions>") + "</trkseg></trk>"));
    ASSERT_TRUE(d.ok());
    const Activity& a = d.activities.front();
    EXPECT_TRUE(isMissing(series(a, Channel::HeartRate).front()));
    EXPECT_EQ(*a.avgHr, 120);
    EXPECT_EQ(*a.avgPower, 50); // power zeros count
}

TEST(GpxRules, MalformedMidFileKeepsWhatCameBefore)
{
    const QByteArray doc = gpx("<trk><trkseg>" + pt(0, 0) + pt(10, 5) + "<trkpt lat=\"45\" lon=\"7\"><ele>1</el");
    const DecodedFile d = GpxReader().read(doc);
    ASSERT_TRUE(d.recovered());
    EXPECT_EQ(d.error->code, QLatin1String("xml.malformed"));
    EXPECT_GT(d.error->line, 1);
    EXPECT_GE(d.activities.front().streams.size(), 2U);
    EXPECT_TRUE(d.error->message.contains(QLatin1String("what came before the damage was kept")))
        << d.error->message.toStdString();
    EXPECT_FALSE(d.error->message.contains(QLatin1String(".."))) << d.error->message.toStdString();
}

TEST(GpxRules, MalformedFromTheStartSaysNothingWasKept)
{
    // georust/gpx's test file of a bad character in a tag name: nothing is read, so nothing was "kept"; Qt's own
    // error text ends with a full stop, which used to make a double one.
    const DecodedFile d = GpxReader().read(QByteArray("<xml\xE2\x88\x82></xml>"));
    ASSERT_TRUE(d.error.has_value());
    EXPECT_TRUE(d.activities.empty());
    EXPECT_EQ(d.error->code, QLatin1String("xml.malformed"));
    EXPECT_FALSE(d.error->message.contains(QLatin1String("kept"))) << d.error->message.toStdString();
    EXPECT_FALSE(d.error->message.contains(QLatin1String(".."))) << d.error->message.toStdString();
    EXPECT_TRUE(d.error->message.contains(QLatin1String("nothing in it could be read")))
        << d.error->message.toStdString();
    EXPECT_TRUE(d.error->message.startsWith(QLatin1String("The file is not well-formed XML at line 1, column ")))
        << d.error->message.toStdString();
}

TEST(GpxRules, UndeclaredPrefixAfterBomAndWhitespace)
{
    const QByteArray doc = "\xEF\xBB\xBF  <?xml version=\"1.0\"?><gpx xmlns=\"http://www.topografix.com/GPX/1/1\">"
                           "<trk><type>running</type><trkseg>" +
                           pt(0, 0, "<extensions><ns9:hr>130</ns9:hr></extensions>") + pt(10, 5) +
                           "</trkseg></trk></gpx>";
    const DecodedFile d = GpxReader().read(doc);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d.warnings.size(), 2); // whitespace before the declaration, undeclared ns9
    EXPECT_EQ(*d.activities.front().avgHr, 130);
}

TEST(GpxRules, Rejections)
{
    const GpxReader r;
    EXPECT_EQ(r.read(QByteArray()).error->code, QLatin1String("xml.malformed"));
    EXPECT_EQ(r.read("<TrainingCenterDatabase/>").error->code, QLatin1String("gpx.not-gpx"));
    const DecodedFile route = r.read(gpx("<wpt lat=\"1\" lon=\"2\"/><rte><rtept lat=\"1\" lon=\"2\"/></rte>"));
    EXPECT_EQ(route.error->code, QLatin1String("gpx.no-track-points"));
    EXPECT_TRUE(route.activities.empty());
    const DecodedFile badCoords =
        r.read(gpx("<trk><trkseg><trkpt lat=\"nan\" lon=\"inf\"><time>2024-01-01T00:00:00Z</time></trkpt>"
                   "<trkpt lat=\"95\" lon=\"7\"/></trkseg></trk>"));
    ASSERT_TRUE(badCoords.ok());
    EXPECT_FALSE(badCoords.activities.front().streams.has(Channel::Latitude));
}

TEST(GpxRules, SportFromType)
{
    auto sport = [](const char* t) { return sportFromGpxType(QString::fromLatin1(t)); };
    EXPECT_EQ(sport("1")->sport, Sport::Bike);
    EXPECT_EQ(sport("9")->sport, Sport::Run);
    EXPECT_EQ(sport("16")->sport, Sport::Swim);
    EXPECT_EQ(sport("17")->subSport, QLatin1String("VirtualRide"));
    EXPECT_EQ(sport("running")->sport, Sport::Run);
    EXPECT_EQ(sport("Running")->sport, Sport::Run);
    EXPECT_EQ(sport("cycling")->sport, Sport::Bike);
    EXPECT_EQ(sport("Ride")->sport, Sport::Bike);
    EXPECT_EQ(sport("road_biking")->sport, Sport::Bike);
    EXPECT_EQ(sport("VirtualRide")->subSport, QLatin1String("VirtualRide"));
    EXPECT_EQ(sport("lap_swimming")->sport, Sport::Swim);
    EXPECT_EQ(sport("open_water_swimming")->subSport, QLatin1String("OpenWaterSwim"));
    EXPECT_EQ(sport("trail_running")->subSport, QLatin1String("TrailRun"));
    EXPECT_EQ(sport("Hike")->sport, Sport::Hike);
    EXPECT_EQ(sport("walking")->sport, Sport::Walk);
    EXPECT_FALSE(sport("jkljkl").has_value());
    EXPECT_FALSE(sport("").has_value());
    EXPECT_FALSE(sport("42").has_value());
}

TEST(GpxRules, Sniff)
{
    const GpxReader r;
    EXPECT_EQ(r.formatId(), QLatin1String("gpx"));
    EXPECT_TRUE(r.sniff("<?xml version=\"1.0\"?><gpx version=\"1.1\">"));
    EXPECT_FALSE(r.sniff("<?xml version=\"1.0\"?><TrainingCenterDatabase>"));
}

} // namespace
