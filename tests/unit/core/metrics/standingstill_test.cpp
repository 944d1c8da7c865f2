// A recording that never moved (a GPS lying still, the scout's sloth tracked for 24 hours) is charged no estimated
// load for its elapsed hours: with no moving time there was no training to estimate.
#include "core/io/gpx/gpxreader.h"
#include "core/metrics/settings.h"
#include "core/metrics/stress.h"
#include "tests/unit/core/io/readertestsupport.h"
#include "tests/unit/core/io/xmlvariants.h"

#include <QDateTime>

#include <gtest/gtest.h>

using namespace tricoach;

namespace {

// The Suunto run with its sensors left out (no heart rate, no recorded distance) and every point at the start's
// position, its times stretched over `hours`: a watch left lying on a table.
QByteArray lyingStill(double hours)
{
    QByteArray gpx = test::corpusBytes("gpx", "running-suunto-movescount-hr.gpx");
    gpx = test::editMatches(gpx, QStringLiteral("(<extensions>.*?</extensions>)"),
                            [](const QByteArray&, int) { return QByteArray(); });
    gpx = test::editMatches(gpx, QStringLiteral("<trkpt (lat=\"[^\"]*\" lon=\"[^\"]*\")"),
                            [](const QByteArray&, int) { return QByteArray("lat=\"47.22957\" lon=\"8.968073\""); });
    std::optional<QDateTime> first;
    const double factor = hours * 3600 / 4509.93; // the run lasted 4509.93 s
    return test::editMatches(gpx, QStringLiteral("<trkpt[^>]*>.*?<time>([^<]*)</time>"), [&](const QByteArray& t, int) {
        const QDateTime at = QDateTime::fromString(QString::fromUtf8(t), Qt::ISODateWithMs);
        if (!first)
            first = at;
        return first->addMSecs(static_cast<qint64>(static_cast<double>(first->msecsTo(at)) * factor))
            .toUTC()
            .toString(Qt::ISODateWithMs)
            .toUtf8();
    });
}

TEST(StandingStill, ADayLyingStillIsChargedNoEstimate)
{
    const DecodedFile d = GpxReader().read(lyingStill(24));
    ASSERT_TRUE(d.ok());
    const Activity& a = d.activities.front();
    ASSERT_NEAR(a.elapsedSec, 24 * 3600, 60);
    ASSERT_EQ(a.movingSec, 0);
    const LoadResult load = computeLoad(a, Thresholds{}, LoadSettings::defaults());
    EXPECT_EQ(load.source, LoadSource::Estimate);
    EXPECT_EQ(load.load, 0) << load.note.toStdString();
}

TEST(StandingStill, AManualEntryIsEstimatedFromItsTime)
{
    // An activity typed in has no recording to tell whether it moved: its time is its duration.
    Activity a;
    a.sport = Sport::Strength;
    a.source = ActivitySource::Manual;
    a.startUtc = QDateTime::fromString(QStringLiteral("2024-05-06T07:00:00Z"), Qt::ISODate);
    a.elapsedSec = 3600;
    const LoadSettings s = LoadSettings::defaults();
    const LoadResult load = computeLoad(a, Thresholds{}, s);
    EXPECT_EQ(load.source, LoadSource::Estimate);
    EXPECT_NEAR(load.load, s.estimateFor(Sport::Strength), 1e-9);
}

} // namespace
