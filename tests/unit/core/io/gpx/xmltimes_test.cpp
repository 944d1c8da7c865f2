// Times as the XML readers meet them in real files: written with the local offset (OpenTracks, Polar, Suunto),
// without any zone (hand-made and route files), or as a converter's placeholder for "no time" (GPSBabel writes
// INT32_MIN seconds, 1901-12-13T20:45:52Z, or the Unix epoch). Variants of corpus files.
#include "core/io/gpx/gpxreader.h"
#include "core/io/tcx/tcxreader.h"
#include "core/io/xmlsupport.h"
#include "tests/unit/core/io/readertestsupport.h"
#include "tests/unit/core/io/xmlvariants.h"

#include <gtest/gtest.h>

using namespace tricoach;
using namespace tricoach::test;

namespace {

const char* const kVivoRun = "running-garmin-connect-vivoactivehr.gpx"; // 2017-10-08T14:54:11Z, Grenoble, 502 points
const char* const kFr410Run = "running-garmin-fr410-hr.tcx";            // 2012-12-26T21:29:53Z, North Carolina

QString warnings(const DecodedFile& d)
{
    return d.warnings.join(QStringLiteral(" | "));
}

qint64 isoMs(const char* iso)
{
    return QDateTime::fromString(QLatin1String(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

// Every GPX <time> inside the tracks rewritten by `edit`.
QByteArray editGpxPointTimes(const QByteArray& gpx, const std::function<QByteArray(const QByteArray&, int)>& edit)
{
    return withGpxTracks(gpx, editMatches(gpxTracks(gpx), QStringLiteral("<time>([^<]*)</time>"), edit));
}

// Every TCX time (<Id>, <Time>, Lap StartTime) rewritten by `edit`.
QByteArray editTcxTimes(const QByteArray& tcx, const std::function<QByteArray(const QByteArray&)>& edit)
{
    const auto one = [&](const QByteArray& t, int) { return edit(t); };
    QByteArray out = editMatches(tcx, QStringLiteral("<Id>([^<]*)</Id>"), one);
    out = editMatches(out, QStringLiteral("<Time>([^<]*)</Time>"), one);
    return editMatches(out, QStringLiteral("StartTime=\"([^\"]*)\""), one);
}

TEST(XmlTimes, IsoTimeKeepsTheOffsetItWasWrittenWith)
{
    const auto opentracks = xml::parseIsoTime(u"2021-01-07T21:51:59.179+01:15");
    ASSERT_TRUE(opentracks.has_value());
    EXPECT_EQ(opentracks->ms, isoMs("2021-01-07T20:36:59.179Z"));
    EXPECT_EQ(opentracks->zone, xml::IsoTime::Zone::Offset);
    EXPECT_EQ(opentracks->offsetSec, 75 * 60);
    const auto west = xml::parseIsoTime(u"2012-12-26T19:29:53-0500");
    ASSERT_TRUE(west.has_value());
    EXPECT_EQ(west->offsetSec, -5 * 3600);
    EXPECT_EQ(xml::parseIsoTime(u"2014-10-11T18:08:45.000Z")->zone, xml::IsoTime::Zone::Utc);
    const auto local = xml::parseIsoTime(u"2013-01-01T12:00:04");
    ASSERT_TRUE(local.has_value());
    EXPECT_EQ(local->zone, xml::IsoTime::Zone::None);
    EXPECT_EQ(local->ms, isoMs("2013-01-01T12:00:04Z")); // taken as UTC
    EXPECT_EQ(xml::parseIsoTimeMs(u"2021-01-07T21:51:59.179+01:15"), opentracks->ms);
}

TEST(XmlTimes, PlaceholdersAreNoTime)
{
    // INT32_MIN seconds from 1970 (GPSBabel, with and without a fraction), the Unix epoch, .NET's
    // DateTime.MinValue, OLE's day zero, the GPS epoch and the FIT epoch to the second: times a converter writes
    // for "none", or a device counting from its epoch without a clock.
    for (const char* placeholder : {"1901-12-13T20:45:52Z", "1901-12-13T20:45:52.2073437Z", "1970-01-01T00:00:00Z",
                                    "1970-01-01T00:00:00.500Z", "0001-01-01T00:00:00Z", "1899-12-30T00:00:00Z",
                                    "1975-06-01T10:00:00Z", "1980-01-06T00:00:00Z", "1989-12-31T00:00:00Z"})
        EXPECT_TRUE(xml::isPlaceholderTime(*xml::parseIsoTimeMs(QString::fromLatin1(placeholder)))) << placeholder;
    // Real times, and a device's unset clock (1990): that is a date, judged when the activity is imported.
    for (const char* real :
         {"2014-10-11T18:08:45Z", "1990-07-18T06:44:24Z", "1980-01-06T00:00:01Z", "2001-06-24T15:09:09Z"})
        EXPECT_FALSE(xml::isPlaceholderTime(*xml::parseIsoTimeMs(QString::fromLatin1(real)))) << real;
}

// ---- GPX --------------------------------------------------------------------------------------------------------

TEST(XmlTimes, GpxTimesWithAnOffsetKeepTheLocalOffset)
{
    // The vívoactive run as OpenTracks writes times: local time with the offset (+01:15 is OpenTracks' own test).
    const QByteArray bytes = test::corpusBytes("gpx", kVivoRun);
    const DecodedFile utc = GpxReader().read(bytes);
    const DecodedFile local =
        GpxReader().read(editGpxPointTimes(bytes, [](const QByteArray& t, int) { return localIso(t, 4500); }));
    ASSERT_TRUE(utc.ok() && local.ok());
    const Activity& a = local.activities.front();
    EXPECT_EQ(a.startUtc, utc.activities.front().startUtc);
    EXPECT_EQ(a.utcOffsetSec, 4500);
    EXPECT_EQ(a.elapsedSec, utc.activities.front().elapsedSec);
    EXPECT_FALSE(warnings(local).contains(QLatin1String("zone"))) << warnings(local).toStdString();
}

TEST(XmlTimes, GpxLateEveningRunIsOnItsLocalDay)
{
    // The run moved to 19:54 in New York (-05:00): 00:54 UTC the next day. The calendar day is the local one.
    const QByteArray bytes = test::corpusBytes("gpx", kVivoRun);
    const QByteArray moved = editGpxPointTimes(shiftGpxTimes(bytes, 10 * 3600),
                                               [](const QByteArray& t, int) { return localIso(t, -5 * 3600); });
    ASSERT_TRUE(moved.contains("<time>2017-10-08T19:54:11.000-05:00</time>"));
    const DecodedFile d = GpxReader().read(moved);
    ASSERT_TRUE(d.ok());
    const Activity& a = d.activities.front();
    EXPECT_EQ(a.startUtc.toString(Qt::ISODate), QLatin1String("2017-10-09T00:54:11Z"));
    EXPECT_EQ(a.utcOffsetSec, -18000);
    EXPECT_EQ(a.localDate(), QDate(2017, 10, 8));
}

TEST(XmlTimes, GpxTimesWithoutAZoneAreTakenAsUtcWithAWarning)
{
    const QByteArray bytes = test::corpusBytes("gpx", kVivoRun);
    const DecodedFile d =
        GpxReader().read(editGpxPointTimes(bytes, [](const QByteArray& t, int) { return localIso(t, 0, false); }));
    ASSERT_TRUE(d.ok());
    const Activity& a = d.activities.front();
    EXPECT_EQ(a.startUtc.toString(Qt::ISODate), QLatin1String("2017-10-08T14:54:11Z"));
    EXPECT_EQ(a.utcOffsetSec, 0);
    const QString w = warnings(d);
    EXPECT_TRUE(w.contains(QLatin1String("502 times in the file carry no time zone"))) << w.toStdString();
    EXPECT_TRUE(w.contains(QLatin1String("2017-10-08T14:54:11"))) << w.toStdString();
    EXPECT_TRUE(w.contains(QLatin1String("taken as UTC"))) << w.toStdString();
    // The metadata time has no zone in GPX files of the kind too; it is not read, so it is not counted.
    const DecodedFile plain = GpxReader().read(bytes);
    EXPECT_FALSE(warnings(plain).contains(QLatin1String("zone")));
}

TEST(XmlTimes, GpxPlaceholderTimesAreNoTimes)
{
    // GPSBabel gave every point of a hike (gpxpy's mojstrovka.gpx) INT32_MIN seconds: never an activity in 1901.
    for (const char* placeholder : {"1901-12-13T20:45:52.2073437Z", "1970-01-01T00:00:00Z"}) {
        const QByteArray bytes = test::corpusBytes("gpx", kVivoRun);
        const DecodedFile d =
            GpxReader().read(editGpxPointTimes(bytes, [&](const QByteArray&, int) { return QByteArray(placeholder); }));
        ASSERT_TRUE(d.error.has_value()) << placeholder;
        EXPECT_TRUE(d.activities.empty()) << placeholder;
        EXPECT_EQ(d.error->code, QLatin1String("gpx.no-times"));
        const QString shown = QString::fromLatin1(placeholder).left(19) + QLatin1Char('Z');
        EXPECT_TRUE(d.error->message.contains(QStringLiteral("all 502 carry %1, a placeholder").arg(shown)))
            << d.error->message.toStdString();
    }
}

TEST(XmlTimes, GpxPlaceholderTimesBeforeTheFirstFixAreLeftOut)
{
    // A logger that stamps its first 10 points with the epoch until it has a fix, then the run's real times.
    const QByteArray bytes = test::corpusBytes("gpx", kVivoRun);
    const DecodedFile d = GpxReader().read(editGpxPointTimes(
        bytes, [](const QByteArray& t, int i) { return i < 10 ? QByteArray("1970-01-01T00:00:00Z") : t; }));
    ASSERT_TRUE(d.ok()) << (d.error ? d.error->message.toStdString() : std::string());
    ASSERT_EQ(d.activities.size(), 1u);
    const Activity& a = d.activities.front();
    EXPECT_GT(a.startUtc, QDateTime::fromString(QStringLiteral("2017-10-08T14:54:11Z"), Qt::ISODate));
    EXPECT_EQ(a.startUtc.date(), QDate(2017, 10, 8));
    EXPECT_TRUE(warnings(d).contains(QLatin1String("10 times in the file are 1970-01-01T00:00:00Z, a placeholder")))
        << warnings(d).toStdString();
}

// ---- TCX --------------------------------------------------------------------------------------------------------

TEST(XmlTimes, TcxTimesWithAnOffsetKeepTheLocalOffset)
{
    // The FR410 run moved to 19:29 in North Carolina (-05:00), 00:29 UTC the next day, as Polar and Suunto write
    // local times with their offset.
    const QByteArray bytes = test::corpusBytes("tcx", kFr410Run);
    const QByteArray moved =
        editTcxTimes(bytes, [](const QByteArray& t) { return localIso(shiftedIso(t, 3 * 3600), -18000); });
    ASSERT_TRUE(moved.contains("<Id>2012-12-26T19:29:53.000-05:00</Id>"));
    const DecodedFile d = TcxReader().read(moved);
    ASSERT_TRUE(d.ok());
    const Activity& a = d.activities.front();
    EXPECT_EQ(a.startUtc.toString(Qt::ISODate), QLatin1String("2012-12-27T00:29:53Z"));
    EXPECT_EQ(a.utcOffsetSec, -18000);
    EXPECT_EQ(a.localDate(), QDate(2012, 12, 26));
    EXPECT_NEAR(a.elapsedSec, TcxReader().read(bytes).activities.front().elapsedSec, 1e-6);
}

TEST(XmlTimes, TcxTimesWithoutAZoneAreTakenAsUtcWithAWarning)
{
    const QByteArray bytes = test::corpusBytes("tcx", kFr410Run);
    const DecodedFile d =
        TcxReader().read(editTcxTimes(bytes, [](const QByteArray& t) { return localIso(t, 0, false); }));
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d.activities.front().startUtc.toString(Qt::ISODate), QLatin1String("2012-12-26T21:29:53Z"));
    EXPECT_TRUE(warnings(d).contains(QLatin1String("carry no time zone"))) << warnings(d).toStdString();
}

TEST(XmlTimes, TcxPlaceholderTimesAreNoTimes)
{
    const QByteArray bytes = test::corpusBytes("tcx", kFr410Run);
    const DecodedFile d =
        TcxReader().read(editTcxTimes(bytes, [](const QByteArray&) { return QByteArray("1970-01-01T00:00:00Z"); }));
    ASSERT_TRUE(d.error.has_value());
    EXPECT_TRUE(d.activities.empty());
    EXPECT_EQ(d.error->code, QLatin1String("tcx.no-times"));
    EXPECT_TRUE(d.error->message.contains(QLatin1String("1970-01-01T00:00:00Z, a placeholder")))
        << d.error->message.toStdString();
}

} // namespace
