// A recording of a few seconds is no training: every format reaches the import through FormatRegistry::decode,
// which refuses a file whose activities all last under plausible::kMinRecordingSec (scout E3: single points,
// 0.8 s at 5 Hz, 4 s of a GPS lying still were stored as activities).
#include "core/io/formatregistry.h"
#include "core/model/plausible.h"
#include "tests/unit/core/io/readertestsupport.h"
#include "tests/unit/core/io/xmlvariants.h"

#include <QDateTime>

#include <gtest/gtest.h>

using namespace tricoach;

namespace {

// The file with only the elements matched by `pattern` whose time is less than `seconds` after the first one's.
QByteArray firstSeconds(const QByteArray& file, const QString& pattern, double seconds)
{
    std::optional<QDateTime> first;
    return test::editMatches(file, pattern, [&](const QByteArray& element, int) {
        const qsizetype from =
            element.indexOf("<time>") >= 0 ? element.indexOf("<time>") + 6 : element.indexOf("<Time>") + 6;
        const QDateTime t = QDateTime::fromString(QString::fromUtf8(element.mid(from, 20)), Qt::ISODate);
        if (!first)
            first = t;
        return first->msecsTo(t) < seconds * 1000 ? element : QByteArray();
    });
}

const QString kGpxPoint = QStringLiteral("(<trkpt.*?</trkpt>)");
const QString kTcxPoint = QStringLiteral("(<Trackpoint>.*?</Trackpoint>)");

TEST(TooShortRecordings, GpxOfASinglePointOrAFewSecondsIsRefused)
{
    const QByteArray gpx = test::corpusBytes("gpx", "running-strava-android-export.gpx");
    FormatRegistry formats;
    for (double seconds : {0.5, 9.0}) {
        SCOPED_TRACE(seconds);
        const DecodedFile f = formats.decode(QStringLiteral("short.gpx"), firstSeconds(gpx, kGpxPoint, seconds));
        EXPECT_TRUE(f.activities.empty());
        ASSERT_TRUE(f.error.has_value());
        EXPECT_EQ(f.error->code, QStringLiteral("import.too-short"));
        EXPECT_TRUE(f.error->message.contains(QStringLiteral("too short to be a training session")))
            << f.error->message.toStdString();
    }
    const DecodedFile single = formats.decode(QStringLiteral("one.gpx"), firstSeconds(gpx, kGpxPoint, 0.5));
    ASSERT_TRUE(single.error.has_value());
    EXPECT_TRUE(single.error->message.contains(QStringLiteral("a single track point")))
        << single.error->message.toStdString();
    // Half a minute of the same run is a (short) recording, and stays one.
    EXPECT_TRUE(formats.decode(QStringLiteral("30s.gpx"), firstSeconds(gpx, kGpxPoint, 30)).ok());
}

TEST(TooShortRecordings, TcxLapTimesCountAsTheRecordingsLength)
{
    const QByteArray tcx = test::corpusBytes("tcx", "running-garmin-fr410-hr.tcx");
    FormatRegistry formats;
    // A few seconds of track, but laps saying the session lasted ten minutes: the device's own summary wins.
    const QByteArray firstLap =
        test::editMatches(tcx, QStringLiteral("(<Lap .*?</Lap>)"),
                          [](const QByteArray& lap, int i) { return i == 0 ? lap : QByteArray(); });
    const QByteArray fewPoints = firstSeconds(firstLap, kTcxPoint, 5);
    EXPECT_TRUE(formats.decode(QStringLiteral("laps.tcx"), fewPoints).ok());
    // The same with laps of a few seconds: a watch started and stopped at once.
    const QByteArray shortLaps = test::editMatches(fewPoints, QStringLiteral("<TotalTimeSeconds>([^<]*)<"),
                                                   [](const QByteArray&, int) { return QByteArray("1.5"); });
    const DecodedFile f = formats.decode(QStringLiteral("short.tcx"), shortLaps);
    EXPECT_TRUE(f.activities.empty());
    ASSERT_TRUE(f.error.has_value());
    EXPECT_EQ(f.error->code, QStringLiteral("import.too-short"));
}

TEST(TooShortRecordings, TheShortestRealRecordingsStay)
{
    // The FIT SDK's sample run (13.7 s) and a 45 s walk pass through the same rule.
    FormatRegistry formats;
    for (const char* name : {"chained-activity-settings-sdk.fit", "walking-garmin-fenix5-short.fit"}) {
        SCOPED_TRACE(name);
        EXPECT_TRUE(formats.decode(QString::fromLatin1(name), test::corpusBytes("fit", name)).ok());
    }
}

} // namespace
