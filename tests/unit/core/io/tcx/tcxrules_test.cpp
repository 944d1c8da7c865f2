// TcxReader rules on small hand-written documents: namespaces and prefixes, extensions, legs, errors.
#include "core/io/tcx/tcxreader.h"
#include "tests/unit/core/io/readertestsupport.h"

#include <gtest/gtest.h>

using namespace tricoach;
using tricoach::test::channelsOf;
using tricoach::test::series;

namespace {

QByteArray tcx(const QByteArray& activities, const QByteArray& rootAttrs = {})
{
    return "<?xml version=\"1.0\"?>\n<TrainingCenterDatabase "
           "xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\" " +
           rootAttrs + ">\n<Activities>\n" + activities + "</Activities>\n</TrainingCenterDatabase>\n";
}

QByteArray point(const char* time, const QByteArray& inner = {})
{
    return QByteArray("<Trackpoint><Time>") + time + "</Time>" + inner + "</Trackpoint>\n";
}

QByteArray lap(const char* start, double seconds, const QByteArray& points, const QByteArray& extra = {})
{
    return QByteArray("<Lap StartTime=\"") + start + "\"><TotalTimeSeconds>" + QByteArray::number(seconds) +
           "</TotalTimeSeconds>" + extra + "<Track>\n" + points + "</Track></Lap>\n";
}

TEST(TcxRules, AnyPrefixMatchedByNamespaceUri)
{
    const QByteArray doc =
        "<t:TrainingCenterDatabase xmlns:t=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\" "
        "xmlns:x=\"http://www.garmin.com/xmlschemas/ActivityExtension/v2\"><t:Activities>"
        "<t:Activity Sport=\"Biking\"><t:Id>2024-05-01T10:00:00Z</t:Id>"
        "<t:Lap StartTime=\"2024-05-01T10:00:00Z\"><t:TotalTimeSeconds>2</t:TotalTimeSeconds>"
        "<t:DistanceMeters>20</t:DistanceMeters><t:Track>"
        "<t:Trackpoint><t:Time>2024-05-01T10:00:00Z</t:Time><t:HeartRateBpm><t:Value>120</t:Value></t:HeartRateBpm>"
        "<t:Extensions><x:TPX><x:Speed>10</x:Speed><x:Watts>200</x:Watts></x:TPX></t:Extensions></t:Trackpoint>"
        "<t:Trackpoint><t:Time>2024-05-01T10:00:02Z</t:Time>"
        "<t:Extensions><x:TPX><x:Speed>10</x:Speed><x:Watts>220</x:Watts></x:TPX></t:Extensions></t:Trackpoint>"
        "</t:Track><t:Extensions><x:LX><x:AvgWatts>210</x:AvgWatts><x:MaxBikeCadence>95</x:MaxBikeCadence>"
        "</x:LX></t:Extensions></t:Lap></t:Activity></t:Activities></t:TrainingCenterDatabase>";
    const DecodedFile d = TcxReader().read(doc);
    ASSERT_TRUE(d.ok());
    const Activity& a = d.activities.front();
    EXPECT_EQ(a.sport, Sport::Bike);
    EXPECT_EQ(a.streams.size(), 2U);
    EXPECT_EQ(series(a, Channel::Power), (std::vector<double>{200, 220}));
    EXPECT_EQ(a.streams.time, (std::vector<double>{0, 2}));
    const auto& hr = series(a, Channel::HeartRate);
    EXPECT_EQ(hr[0], 120);
    EXPECT_TRUE(isMissing(hr[1])); // a sample without the value is NaN, never 0
    EXPECT_EQ(*a.laps.front().avgPower, 210);
    EXPECT_EQ(*a.maxCadence, 95);
    EXPECT_EQ(*a.avgPower, 210);
    EXPECT_EQ(*a.distanceM, 20);
    EXPECT_EQ(*a.avgSpeed, 10);
}

TEST(TcxRules, ExtensionsInAForeignNamespaceAreIgnored)
{
    const DecodedFile d =
        TcxReader().read(tcx("<Activity Sport=\"Running\"><Id>2024-05-01T10:00:00Z</Id>" +
                             lap("2024-05-01T10:00:00Z", 1,
                                 point("2024-05-01T10:00:00Z", "<Extensions><TPX xmlns=\"urn:not-garmin\"><Watts>300"
                                                               "</Watts></TPX></Extensions>")) +
                             "</Activity>"));
    ASSERT_TRUE(d.ok());
    EXPECT_FALSE(d.activities.front().streams.has(Channel::Power));
}

TEST(TcxRules, SeveralActivitiesAreSeparateWithoutMultisportKey)
{
    const QByteArray doc = tcx("<Activity Sport=\"Running\"><Id>2024-05-01T10:00:00Z</Id>" +
                               lap("2024-05-01T10:00:00Z", 1, point("2024-05-01T10:00:00Z")) + "</Activity>" +
                               "<Activity Sport=\"Biking\"><Id>2024-05-02T10:00:00Z</Id>" +
                               lap("2024-05-02T10:00:00Z", 1, point("2024-05-02T10:00:00Z")) + "</Activity>");
    const DecodedFile d = TcxReader().read(doc);
    ASSERT_TRUE(d.ok());
    ASSERT_EQ(d.activities.size(), 2U);
    EXPECT_EQ(d.activities[0].sport, Sport::Run);
    EXPECT_EQ(d.activities[1].sport, Sport::Bike);
    EXPECT_TRUE(d.activities[0].multisportKey.isEmpty());
    EXPECT_EQ(d.activities[0].multisportLeg, -1);
}

TEST(TcxRules, MultisportTransitionsAreLegsOfSportOther)
{
    const QByteArray doc =
        tcx("<MultiSportSession><Id>2024-06-01T07:00:00Z</Id><FirstSport><Activity Sport=\"Running\">"
            "<Id>2024-06-01T07:00:00Z</Id>" +
            lap("2024-06-01T07:00:00Z", 60, point("2024-06-01T07:00:00Z") + point("2024-06-01T07:01:00Z")) +
            "</Activity></FirstSport><NextSport><Transition StartTime=\"2024-06-01T07:01:00Z\"><TotalTimeSeconds>90"
            "</TotalTimeSeconds><DistanceMeters>100</DistanceMeters></Transition><Activity Sport=\"Biking\">"
            "<Id>2024-06-01T07:02:30Z</Id>" +
            lap("2024-06-01T07:02:30Z", 30, point("2024-06-01T07:02:30Z") + point("2024-06-01T07:03:00Z")) +
            "</Activity></NextSport></MultiSportSession>");
    const DecodedFile d = TcxReader().read(doc);
    ASSERT_TRUE(d.ok());
    ASSERT_EQ(d.activities.size(), 3U);
    EXPECT_EQ(d.activities[0].sport, Sport::Run);
    EXPECT_EQ(d.activities[1].sport, Sport::Transition);
    EXPECT_EQ(d.activities[1].elapsedSec, 90);
    EXPECT_EQ(*d.activities[1].distanceM, 100);
    EXPECT_EQ(d.activities[2].sport, Sport::Bike);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(d.activities[static_cast<std::size_t>(i)].multisportLeg, i);
        EXPECT_EQ(d.activities[static_cast<std::size_t>(i)].multisportKey, QLatin1String("tcx:2024-06-01T07:00:00Z"));
    }
}

TEST(TcxRules, MalformedMidFileKeepsWhatCameBefore)
{
    QByteArray doc = tcx("<Activity Sport=\"Running\"><Id>2024-05-01T10:00:00Z</Id>" +
                         lap("2024-05-01T10:00:00Z", 2,
                             point("2024-05-01T10:00:00Z", "<HeartRateBpm><Value>100</Value></HeartRateBpm>") +
                                 point("2024-05-01T10:00:01Z") + "<Trackpoint><Time>2024-05-01T10:00:02Z</Tim>") +
                         "</Activity>");
    const DecodedFile d = TcxReader().read(doc);
    ASSERT_TRUE(d.recovered());
    EXPECT_EQ(d.error->code, QLatin1String("xml.malformed"));
    EXPECT_EQ(d.error->line, 7);
    EXPECT_TRUE(d.error->message.contains(QLatin1String("line 7, column")));
    EXPECT_TRUE(d.error->message.contains(QLatin1String("what came before the damage was kept")))
        << d.error->message.toStdString();
    EXPECT_FALSE(d.error->message.contains(QLatin1String(".."))) << d.error->message.toStdString();
    EXPECT_GE(d.activities.front().streams.size(), 2U);
    EXPECT_EQ(*d.activities.front().avgHr, 100);
}

TEST(TcxRules, Rejections)
{
    const TcxReader r;
    EXPECT_EQ(r.read(QByteArray()).error->code, QLatin1String("xml.malformed"));
    EXPECT_EQ(r.read("   \n").error->code, QLatin1String("xml.malformed"));
    EXPECT_EQ(r.read("\x01\x02garbage\xff").error->code, QLatin1String("xml.malformed"));
    EXPECT_EQ(r.read("<gpx><trk/></gpx>").error->code, QLatin1String("tcx.not-tcx"));
    const DecodedFile course = r.read(tcx({}) + QByteArray()); // Activities present but empty: a course or workout file
    ASSERT_TRUE(course.error.has_value());
    EXPECT_EQ(course.error->code, QLatin1String("tcx.no-activity"));
    EXPECT_TRUE(course.activities.empty());
    EXPECT_FALSE(course.error->message.isEmpty());
}

TEST(TcxRules, TimesWithOffsetsAreUtcAndKeepTheLocalOffset)
{
    const DecodedFile d = TcxReader().read(
        tcx("<Activity Sport=\"Running\"><Id>2024-05-01T12:00:00+02:00</Id>" +
            lap("2024-05-01T12:00:00+02:00", 10, point("2024-05-01T10:00:00Z") + point("2024-05-01T12:00:10+02:00")) +
            "</Activity>"));
    ASSERT_TRUE(d.ok());
    const Activity& a = d.activities.front();
    EXPECT_EQ(a.startUtc.toString(Qt::ISODate), QLatin1String("2024-05-01T10:00:00Z"));
    EXPECT_EQ(a.utcOffsetSec, 7200); // the <Id>'s +02:00: the athlete's local time, which decides the day
    EXPECT_EQ(a.elapsedSec, 10);
    EXPECT_EQ(a.streams.time.back(), 10);
}

TEST(TcxRules, Sniff)
{
    const TcxReader r;
    EXPECT_EQ(r.formatId(), QLatin1String("tcx"));
    EXPECT_TRUE(r.sniff("<?xml version=\"1.0\"?>\n<TrainingCenterDatabase xmlns=\"...\">"));
    EXPECT_FALSE(r.sniff("<?xml version=\"1.0\"?>\n<gpx version=\"1.1\">"));
    EXPECT_FALSE(r.sniff(QByteArrayView()));
}

} // namespace
