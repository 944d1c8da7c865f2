// What a GPX file holds besides one clean session: no times, several sessions days apart (split), a track log
// of months (refused), stray fixes with a wrong date, implausible values (dropped and reported), titles with
// control characters. Built from real corpus files.
#include "core/io/gpx/gpxreader.h"
#include "core/io/xmlsupport.h"
#include "tests/unit/core/io/readertestsupport.h"
#include "tests/unit/core/io/xmlvariants.h"

#include <gtest/gtest.h>

using namespace tricoach;
using namespace tricoach::test;

namespace {

QByteArray corpusGpx(const char* name)
{
    return corpusBytes("gpx", name);
}

const char* const kVivoRun = "running-garmin-connect-vivoactivehr.gpx"; // 2017-10-08 14:54, 47 min, ns3 TPX v1
const char* const kAmazfitRun = "running-amazfit-watch.gpx";            // 2018-05-14 09:54, 42 min, ns3 TPX v1

QString warnings(const DecodedFile& d)
{
    return d.warnings.join(QStringLiteral(" | "));
}

// ---- no times -------------------------------------------------------------------------------------------------

TEST(GpxNoTimes, CorpusFileWithoutTimesIsAnErrorAboutTheFile)
{
    // GPSBabel's conversion lost the times: 291 of the 296 points carry none (5 at the very end do).
    const DecodedFile d = GpxReader().read(corpusGpx("hiking-garmin-gpsbabel-no-timestamps.gpx"));
    ASSERT_TRUE(d.error.has_value());
    EXPECT_EQ(d.error->code, QLatin1String("gpx.no-times"));
    EXPECT_TRUE(d.error->message.contains(QLatin1String("This GPX file has no times")))
        << d.error->message.toStdString();
    EXPECT_TRUE(d.error->message.contains(QLatin1String("296"))) << d.error->message.toStdString();
    EXPECT_TRUE(d.activities.empty());
}

TEST(GpxNoTimes, RunWithEveryTimeRemovedIsAnErrorEvenWithAMetadataTime)
{
    // The metadata <time> is when the file was written, not when the run was: it does not place the run.
    const QByteArray bytes = corpusGpx(kVivoRun);
    QByteArray timeless = withoutElements(gpxTracks(bytes), QStringLiteral("time"));
    timeless = withGpxTracks(bytes, timeless);
    ASSERT_TRUE(timeless.contains("<metadata>"));
    ASSERT_EQ(timeless.count("<time>"), 1); // the metadata's
    const DecodedFile d = GpxReader().read(timeless);
    ASSERT_TRUE(d.error.has_value());
    EXPECT_EQ(d.error->code, QLatin1String("gpx.no-times"));
    EXPECT_TRUE(d.activities.empty());
    EXPECT_TRUE(d.error->message.contains(QLatin1String("cannot be placed on a day")));
}

TEST(GpxNoTimes, UntimedTrackBesideATimedHikeIsLeftOutWithAWarning)
{
    // The eTrex file: a saved track of 358 points without times (a loop walked the day before, near waypoint
    // 001 of 2 Oct) and the day's active logs (513 timed points, 09:36-13:19). The untimed loop cannot be placed
    // in time, so it is not part of the hike.
    const DecodedFile d = GpxReader().read(corpusGpx("hiking-garmin-etrex-segments-waypoints.gpx"));
    ASSERT_TRUE(d.ok());
    ASSERT_EQ(d.activities.size(), 1u);
    const Activity& a = d.activities.front();
    EXPECT_EQ(a.streams.size(), 513u);
    for (double t : a.streams.time)
        EXPECT_FALSE(isMissing(t));
    EXPECT_EQ(a.startUtc.toString(Qt::ISODate), QLatin1String("2010-10-03T09:36:30Z"));
    EXPECT_TRUE(warnings(d).contains(QLatin1String("358 track points without a time"))) << warnings(d).toStdString();
    EXPECT_TRUE(warnings(d).contains(QLatin1String("03-OCT-10 #2"))) << warnings(d).toStdString();
    // The distance is that of the timed logs: 2282 m and 3979 m, great-circle sums over their points computed
    // outside TriCoach (Python, R = 6371008.8 m); segments are not bridged.
    EXPECT_NEAR(*a.distanceM, 2282.04 + 3979.50, 0.1);
    EXPECT_GT(*a.elevationGainM, 100);
}

// ---- several sessions in one file -----------------------------------------------------------------------------

TEST(GpxSplit, TwoRunsADayApartBecomeTwoActivities)
{
    // The vivoactive run (2017-10-08 14:54) and the Amazfit run moved to the next morning, in one file.
    const QByteArray vivo = corpusGpx(kVivoRun);
    const QByteArray amazfit = corpusGpx(kAmazfitRun);
    const qint64 toNextMorning =
        QDateTime::fromString(QStringLiteral("2018-05-14T09:54:12Z"), Qt::ISODate)
            .secsTo(QDateTime::fromString(QStringLiteral("2017-10-09T08:00:00Z"), Qt::ISODate));
    const QByteArray joined = withGpxTracks(vivo, gpxTracks(vivo) + shiftGpxTimes(gpxTracks(amazfit), toNextMorning));
    const DecodedFile d = GpxReader().read(joined);
    ASSERT_TRUE(d.ok()) << (d.error ? d.error->message.toStdString() : std::string());
    ASSERT_EQ(d.activities.size(), 2u);
    const DecodedFile alone1 = GpxReader().read(vivo), alone2 = GpxReader().read(amazfit);
    const Activity& first = d.activities[0];
    const Activity& second = d.activities[1];
    EXPECT_EQ(first.startUtc.toString(Qt::ISODate), QLatin1String("2017-10-08T14:54:11Z"));
    EXPECT_EQ(second.startUtc.toString(Qt::ISODate), QLatin1String("2017-10-09T08:00:00Z"));
    EXPECT_EQ(first.title, QLatin1String("Corenc Running"));
    EXPECT_EQ(second.title, QLatin1String("Sport"));
    EXPECT_EQ(first.sport, Sport::Run);
    EXPECT_EQ(second.sport, Sport::Run);
    // Each piece reads as its file alone does.
    EXPECT_EQ(first.streams.size(), alone1.activities.front().streams.size());
    EXPECT_EQ(second.streams.size(), alone2.activities.front().streams.size());
    EXPECT_NEAR(*first.distanceM, *alone1.activities.front().distanceM, 0.01);
    EXPECT_NEAR(*second.distanceM, *alone2.activities.front().distanceM, 0.01);
    EXPECT_NEAR(second.elapsedSec, alone2.activities.front().elapsedSec, 1e-6);
    EXPECT_TRUE(warnings(d).contains(QLatin1String("more than 3 hours apart"))) << warnings(d).toStdString();
    for (const Activity& a : d.activities)
        EXPECT_LT(a.elapsedSec, 3 * 3600);
}

TEST(GpxSplit, MapSourceMultitrackOfTwoDaysBecomesTwoHikes)
{
    // The eTrex hike's two active logs, the second moved to the next day, as MapSource writes a multi-day trip:
    // one <trk> per day.
    QByteArray bytes = corpusGpx("hiking-garmin-etrex-segments-waypoints.gpx");
    const QByteArray day2 = nthElement(bytes, "<trk>", "</trk>", 3);
    ASSERT_TRUE(day2.contains("<name>ACTIVE LOG #2</name>"));
    bytes.replace(day2, shiftGpxTimes(day2, 24 * 3600));
    bytes.replace("creator=\"GPSBabel - http://www.gpsbabel.org\"", "creator=\"MapSource 6.16.3\"");
    const DecodedFile d = GpxReader().read(bytes);
    ASSERT_TRUE(d.ok()) << (d.error ? d.error->message.toStdString() : std::string());
    ASSERT_EQ(d.activities.size(), 2u);
    EXPECT_EQ(d.activities[0].title, QLatin1String("ACTIVE LOG"));
    EXPECT_EQ(d.activities[1].title, QLatin1String("ACTIVE LOG #2"));
    EXPECT_EQ(d.activities[0].startUtc.toString(Qt::ISODate), QLatin1String("2010-10-03T09:36:30Z"));
    EXPECT_EQ(d.activities[1].startUtc.toString(Qt::ISODate), QLatin1String("2010-10-04T10:57:10Z"));
    EXPECT_EQ(d.activities[0].streams.size(), 176u);
    EXPECT_EQ(d.activities[1].streams.size(), 337u);
    // Hiking pace: neither piece is a "Bike at 59 km/h".
    for (const Activity& a : d.activities) {
        ASSERT_TRUE(a.avgSpeed.has_value());
        EXPECT_LT(*a.avgSpeed, 2.0);
        EXPECT_NE(a.sport, Sport::Bike);
        EXPECT_LT(a.elapsedSec, 6 * 3600);
    }
}

TEST(GpxSplit, AGapOfTwoHoursIsABreakNotANewSession)
{
    // Lunch on a ride: the Amazfit run continues two hours after the vivoactive run ends. One activity.
    const QByteArray vivo = corpusGpx(kVivoRun);
    const QByteArray amazfit = corpusGpx(kAmazfitRun);
    const qint64 twoHoursLater =
        QDateTime::fromString(QStringLiteral("2018-05-14T09:54:12Z"), Qt::ISODate)
            .secsTo(QDateTime::fromString(QStringLiteral("2017-10-08T17:42:00Z"), Qt::ISODate));
    const DecodedFile d =
        GpxReader().read(withGpxTracks(vivo, gpxTracks(vivo) + shiftGpxTimes(gpxTracks(amazfit), twoHoursLater)));
    ASSERT_TRUE(d.ok());
    ASSERT_EQ(d.activities.size(), 1u);
    EXPECT_FALSE(warnings(d).contains(QLatin1String("apart")));
}

// A segment written twice (an exporter's slip, or two overlapping copies of one) is one stretch of running: its
// distance and climb count once, and the import says what it left out. A later segment still adds its own.
TEST(GpxSplit, ASegmentWrittenTwiceCountsOnce)
{
    const QByteArray vivo = corpusGpx(kVivoRun);
    const qsizetype from = vivo.indexOf("<trkseg>");
    const qsizetype to = vivo.indexOf("</trkseg>") + qsizetype(sizeof "</trkseg>") - 1;
    ASSERT_GT(from, 0);
    ASSERT_GT(to, from);
    const QByteArray segment = vivo.mid(from, to - from);
    QByteArray twice = vivo;
    twice.insert(to, segment);
    const DecodedFile once = GpxReader().read(vivo);
    const DecodedFile d = GpxReader().read(twice);
    ASSERT_TRUE(once.ok() && d.ok());
    ASSERT_EQ(d.activities.size(), 1u);
    const Activity& a = d.activities.front();
    const Activity& original = once.activities.front();
    ASSERT_TRUE(a.distanceM && original.distanceM);
    EXPECT_NEAR(*a.distanceM, *original.distanceM, 1e-6);
    EXPECT_EQ(a.elevationGainM, original.elevationGainM);
    EXPECT_EQ(a.streams.size(), original.streams.size());
    EXPECT_TRUE(warnings(d).contains(QLatin1String("written twice"))) << warnings(d).toStdString();

    // The same segment an hour later is more running, not a copy.
    QByteArray later = vivo;
    later.insert(to, shiftGpxTimes(segment, 3600));
    const DecodedFile more = GpxReader().read(later);
    ASSERT_TRUE(more.ok());
    ASSERT_EQ(more.activities.size(), 1u);
    ASSERT_TRUE(more.activities.front().distanceM);
    EXPECT_GT(*more.activities.front().distanceM, 1.9 * *original.distanceM);
    EXPECT_FALSE(warnings(more).contains(QLatin1String("written twice")));
}

TEST(GpxSplit, ATraceOfMonthsIsATrackLogAndRefused)
{
    // An OpenStreetMap-style trace: recordings spread over 856 days in one <trk>.
    const QByteArray vivo = corpusGpx(kVivoRun);
    const QByteArray seg = nthElement(vivo, "<trkseg>", "</trkseg>", 0);
    QByteArray segments;
    for (int k : {0, 1, 30, 400, 856})
        segments += shiftGpxTimes(seg, qint64(k) * 86400);
    QByteArray trace = withGpxTracks(vivo, "<trk><name>OSM trace</name>" + segments + "</trk>");
    trace.replace("creator=\"Garmin Connect\"", "creator=\"OpenStreetMap.org\"");
    const DecodedFile d = GpxReader().read(trace);
    ASSERT_TRUE(d.error.has_value());
    EXPECT_EQ(d.error->code, QLatin1String("gpx.track-log"));
    EXPECT_TRUE(d.error->message.contains(QLatin1String("856 days"))) << d.error->message.toStdString();
    EXPECT_TRUE(d.error->message.contains(QLatin1String("2017-10-08"))) << d.error->message.toStdString();
    EXPECT_TRUE(d.activities.empty());
}

TEST(GpxSplit, AContinuousLogOfTenDaysIsRefused)
{
    // A logger writing a fix every 2 hours for 10 days: no gap of 3 hours, yet no training session.
    QByteArray points;
    for (int i = 0; i <= 120; ++i) {
        const QDateTime t =
            QDateTime::fromString(QStringLiteral("2021-06-01T00:00:00Z"), Qt::ISODate).addSecs(i * 7200);
        points += "<trkpt lat=\"" + QByteArray::number(47.0 + i * 0.01) + "\" lon=\"8.0\"><time>" +
                  t.toString(Qt::ISODate).toUtf8() + "</time></trkpt>\n";
    }
    const DecodedFile d = GpxReader().read("<gpx xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><trkseg>" + points +
                                           "</trkseg></trk></gpx>");
    ASSERT_TRUE(d.error.has_value());
    EXPECT_EQ(d.error->code, QLatin1String("gpx.track-log"));
    EXPECT_TRUE(d.error->message.contains(QLatin1String("10 days"))) << d.error->message.toStdString();
}

TEST(GpxSplit, StrayFixesWithALoggersDefaultDateAreLeftOut)
{
    // The first two fixes carry the logger's default date (before it had a fix): they are left out, the run
    // is imported as the device recorded it.
    const QByteArray vivo = corpusGpx(kVivoRun);
    const QByteArray bytes =
        editMatches(vivo, QStringLiteral("<trkpt[^>]*>\\s*<ele>[^<]*</ele>\\s*<time>([^<]*)</time>"),
                    [](const QByteArray& t, int i) {
                        return i < 2 ? QByteArray("2015-06-04T00:00:0") + QByteArray::number(i) + 'Z' : t;
                    });
    ASSERT_TRUE(bytes.contains("2015-06-04T00:00:01Z"));
    const DecodedFile d = GpxReader().read(bytes);
    ASSERT_TRUE(d.ok()) << (d.error ? d.error->message.toStdString() : std::string());
    ASSERT_EQ(d.activities.size(), 1u);
    const Activity& a = d.activities.front();
    const Activity whole = GpxReader().read(vivo).activities.front();
    EXPECT_EQ(a.streams.size(), whole.streams.size() - 2);
    EXPECT_EQ(a.startUtc.date(), QDate(2017, 10, 8));
    EXPECT_LT(a.elapsedSec, 3600);
    EXPECT_TRUE(warnings(d).contains(QLatin1String("left out"))) << warnings(d).toStdString();
    EXPECT_TRUE(warnings(d).contains(QLatin1String("2015-06-04"))) << warnings(d).toStdString();
}

// ---- values ---------------------------------------------------------------------------------------------------

TEST(GpxValues, ImplausibleHeartRatesAreDroppedAndCounted)
{
    const QByteArray vivo = corpusGpx(kVivoRun);
    int changed = 0;
    const QByteArray bytes =
        editMatches(vivo, QStringLiteral("<ns3:hr>(\\d+)</ns3:hr>"), [&](const QByteArray& v, int i) {
            if (i % 40 != 7 || changed == 12)
                return v;
            ++changed;
            return QByteArray("255");
        });
    ASSERT_EQ(changed, 12);
    const DecodedFile d = GpxReader().read(bytes);
    ASSERT_TRUE(d.ok());
    EXPECT_TRUE(warnings(d).contains(QLatin1String("12 heart-rate values above 250 bpm were dropped")))
        << warnings(d).toStdString();
    const Activity& a = d.activities.front();
    const Activity clean = GpxReader().read(vivo).activities.front();
    // The maximum is that of the samples left, which the untouched file gives for the same samples.
    const auto& hr = series(a, Channel::HeartRate);
    const auto& cleanHr = series(clean, Channel::HeartRate);
    double expectedMax = 0;
    int dropped = 0;
    for (std::size_t i = 0; i < hr.size(); ++i) {
        if (isMissing(hr[i]) && !isMissing(cleanHr[i]))
            ++dropped;
        else if (!isMissing(hr[i]))
            expectedMax = std::max(expectedMax, hr[i]);
    }
    EXPECT_EQ(dropped, 12);
    EXPECT_EQ(*a.maxHr, expectedMax);
    EXPECT_LE(*a.maxHr, 250);
}

TEST(GpxValues, EveryKindOfRejectionIsReported)
{
    const QByteArray doc = "<gpx xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><type>running</type><trkseg>"
                           "<trkpt lat=\"45\" lon=\"7\"><ele>100</ele><time>2024-07-01T08:00:00Z</time>"
                           "<extensions><power>4200</power><cad>400</cad><hr>12</hr></extensions></trkpt>"
                           "<trkpt lat=\"95\" lon=\"7\"><ele>15000</ele><time>2024-07-01T08:00:10Z</time>"
                           "<extensions><atemp>-90</atemp></extensions></trkpt>"
                           "<trkpt lat=\"45.001\" lon=\"7\"><ele>101</ele><time>2024-07-01T08:00:20Z</time>"
                           "<extensions><hr>0</hr></extensions></trkpt>"
                           "</trkseg></trk></gpx>";
    const DecodedFile d = GpxReader().read(doc);
    ASSERT_TRUE(d.ok());
    const QString w = warnings(d);
    EXPECT_TRUE(w.contains(QLatin1String("1 power value above 3000 W was dropped"))) << w.toStdString();
    EXPECT_TRUE(w.contains(QLatin1String("1 cadence value above 300 per minute was dropped"))) << w.toStdString();
    EXPECT_TRUE(w.contains(QLatin1String("1 heart-rate value below 20 bpm was dropped"))) << w.toStdString();
    EXPECT_TRUE(w.contains(QLatin1String("1 altitude value above"))) << w.toStdString();
    EXPECT_TRUE(w.contains(QLatin1String("1 temperature value below"))) << w.toStdString();
    EXPECT_TRUE(w.contains(QLatin1String("1 position"))) << w.toStdString();
    // Heart rate 0 is a missing strap, not an implausible value: nothing to report.
    EXPECT_FALSE(w.contains(QLatin1String("2 heart-rate")));
    const Activity& a = d.activities.front();
    EXPECT_FALSE(a.streams.has(Channel::Power));
    EXPECT_FALSE(a.streams.has(Channel::HeartRate));
}

// ---- titles ---------------------------------------------------------------------------------------------------

TEST(GpxTitle, ControlCharactersAndLineBreaksBecomeOneCleanLine)
{
    QByteArray bytes = corpusGpx(kVivoRun);
    bytes.replace("<name>Corenc Running</name>",
                  "<name>\n  Corenc\r\n\tRunning&#x85;with\xE2\x80\xAE friends&#x9B;[31m&#x2028;\n</name>");
    const DecodedFile d = GpxReader().read(bytes);
    ASSERT_TRUE(d.ok());
    const QString title = d.activities.front().title;
    EXPECT_EQ(title, QLatin1String("Corenc Running with friends[31m"));
    for (QChar c : title)
        EXPECT_FALSE(c.category() == QChar::Other_Control || c.category() == QChar::Other_Format) << int(c.unicode());
}

TEST(GpxTitle, AnEnormousNameIsShortened)
{
    QByteArray bytes = corpusGpx(kVivoRun);
    bytes.replace("<name>Corenc Running</name>", "<name>" + QByteArray("Long ride ").repeated(1000) + "</name>");
    const DecodedFile d = GpxReader().read(bytes);
    ASSERT_TRUE(d.ok());
    EXPECT_LE(d.activities.front().title.size(), 200);
    EXPECT_TRUE(d.activities.front().title.startsWith(QLatin1String("Long ride Long ride")));
}

} // namespace
