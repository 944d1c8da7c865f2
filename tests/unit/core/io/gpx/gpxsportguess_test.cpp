// The last-resort sport guess from a GPX track (core/io/sportguess.cpp): power with a pedalling cadence is a ride,
// a brisk walking pace without a stroke rate a walk, an outdooractive "alpineTour" a hike (scout D1, D3).
#include "core/io/gpx/gpxreader.h"
#include "core/io/sportguess.h"
#include "tests/unit/core/io/readertestsupport.h"
#include "tests/unit/core/io/xmlvariants.h"

#include <QDateTime>

#include <gtest/gtest.h>

using namespace tricoach;
using namespace tricoach::test;

namespace {

QString warnings(const DecodedFile& d)
{
    return d.warnings.join(QStringLiteral(" | "));
}

// Every <time> of the file moved so the recording lasts `factor` times as long (the same track, slower).
QByteArray slowedDown(const QByteArray& gpx, double factor)
{
    std::optional<QDateTime> first;
    return editMatches(gpx, QStringLiteral("<trkpt[^>]*>.*?<time>([^<]*)</time>"), [&](const QByteArray& t, int) {
        const QDateTime at = QDateTime::fromString(QString::fromUtf8(t.trimmed()), Qt::ISODateWithMs);
        if (!first)
            first = at;
        const qint64 ms = static_cast<qint64>(static_cast<double>(first->msecsTo(at)) * factor);
        return first->addMSecs(ms).toUTC().toString(Qt::ISODateWithMs).toUtf8();
    });
}

TEST(GpxSportGuess, PowerWithAPedallingCadenceIsARide)
{
    // The urban ride (power, cadence, no <type>, a title naming no sport) without its positions: no speed to
    // guess from, but a power meter and ~80 rpm say it was ridden.
    const QByteArray ride = corpusBytes("gpx", "cycling-urban-biker-power-hr-cad-temp.gpx");
    const QByteArray noPositions = editMatches(ride, QStringLiteral("<trkpt( lat=\"[^\"]*\" lon=\"[^\"]*\")"),
                                               [](const QByteArray&, int) { return QByteArray(); });
    ASSERT_FALSE(noPositions.contains("lat=\""));
    const DecodedFile d = GpxReader().read(noPositions);
    ASSERT_FALSE(d.activities.empty());
    EXPECT_EQ(d.activities.front().sport, Sport::Bike);
    EXPECT_TRUE(warnings(d).contains(QLatin1String("pedalling cadence"))) << warnings(d).toStdString();
    // The same ride at a walker's pace (a climb at 4 km/h) is still a ride.
    const DecodedFile slow = GpxReader().read(slowedDown(ride, 5));
    ASSERT_FALSE(slow.activities.empty());
    EXPECT_EQ(slow.activities.front().sport, Sport::Bike) << warnings(slow).toStdString();
}

TEST(GpxSportGuess, PowerAloneOrAtRunningSpeedIsNoRide)
{
    xml::TrackTraits run;
    run.typicalSpeedMps = 3.2; // a runner with a power pod writing ~88 strides per minute
    run.powerMedian = 250;
    run.cadenceMedian = 88;
    EXPECT_EQ(xml::guessSportFromTrack(run).sport, Sport::Run);
    xml::TrackTraits noise; // 2-3 W from a running app (scout's wtracks file), no speed
    noise.powerMedian = 2.5;
    noise.cadenceMedian = 83;
    EXPECT_EQ(xml::guessSportFromTrack(noise).sport, Sport::Other);
}

TEST(GpxSportGuess, BriskWalkingPaceIsAWalk)
{
    // The Suunto run ("Move", no <type>, no cadence, 11.7 km/h, nearly flat) walked: 2.4 times as long is 4.9 km/h.
    const QByteArray run = corpusBytes("gpx", "running-suunto-movescount-hr.gpx");
    const DecodedFile walk = GpxReader().read(slowedDown(run, 2.4));
    ASSERT_FALSE(walk.activities.empty());
    EXPECT_EQ(walk.activities.front().sport, Sport::Walk) << warnings(walk).toStdString();
    EXPECT_TRUE(warnings(walk).contains(QLatin1String("Walk was guessed"))) << warnings(walk).toStdString();
    // 2.9 km/h is as much an open-water swim as a stroll: left as Other, and said so.
    const DecodedFile slow = GpxReader().read(slowedDown(run, 4));
    ASSERT_FALSE(slow.activities.empty());
    EXPECT_EQ(slow.activities.front().sport, Sport::Other) << warnings(slow).toStdString();
}

TEST(GpxSportGuess, AlpineTourIsAHike)
{
    EXPECT_EQ(sportFromGpxType(u"alpineTour")->sport, Sport::Hike);
    EXPECT_EQ(sportFromGpxType(u"trekking")->sport, Sport::Hike);
    EXPECT_FALSE(sportFromGpxType(u"alpineSki").has_value() && sportFromGpxType(u"alpineSki")->sport == Sport::Hike);
    QByteArray run = corpusBytes("gpx", "running-strava-android-export.gpx");
    run.replace("<type>9</type>", "<type>alpineTour</type>");
    const DecodedFile d = GpxReader().read(run);
    ASSERT_FALSE(d.activities.empty());
    EXPECT_EQ(d.activities.front().sport, Sport::Hike);
    EXPECT_FALSE(warnings(d).contains(QLatin1String("guessed"))) << warnings(d).toStdString();
}

} // namespace
