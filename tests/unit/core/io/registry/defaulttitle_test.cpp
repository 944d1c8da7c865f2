// Every activity read from a file has a title: the file's own, else its sport and local start time
// ("Run – 12 Oct 2013 08:17"), given in FormatRegistry::decode for every format (scout F3: TCX and FIT files,
// and GPX tracks without a name, were listed with an empty title).
#include "core/io/formatregistry.h"
#include "tests/unit/core/io/readertestsupport.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>

#include <gtest/gtest.h>

using namespace tricoach;

namespace {

// "<Sport> – d MMM yyyy HH:mm" of a local time, written here independently of the code under test.
QString expectedTitle(const char* sport, const QDateTime& local)
{
    static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return QStringLiteral("%1 – %2 %3 %4 %5:%6")
        .arg(QLatin1String(sport))
        .arg(local.date().day())
        .arg(QLatin1String(kMonths[local.date().month() - 1]))
        .arg(local.date().year())
        .arg(local.time().hour(), 2, 10, QLatin1Char('0'))
        .arg(local.time().minute(), 2, 10, QLatin1Char('0'));
}

TEST(DefaultTitle, TcxGetsItsSportAndStart)
{
    const QByteArray tcx = test::corpusBytes("tcx", "running-garmin-fr410-hr.tcx");
    const QRegularExpressionMatch id =
        QRegularExpression(QStringLiteral("<Id>([^<]*)</Id>")).match(QString::fromUtf8(tcx));
    ASSERT_TRUE(id.hasMatch());
    const QDateTime start = QDateTime::fromString(id.captured(1), Qt::ISODateWithMs).toUTC();
    const DecodedFile d = FormatRegistry().decode(QStringLiteral("run.tcx"), tcx);
    ASSERT_TRUE(d.ok());
    const Activity& a = d.activities.front();
    EXPECT_EQ(a.title, expectedTitle("Run", start.addSecs(a.utcOffsetSec)));
}

TEST(DefaultTitle, FitLegsGetTheirOwnAndNamedTracksKeepTheirName)
{
    const DecodedFile fit = FormatRegistry().decode(
        QStringLiteral("m.fit"), test::corpusBytes("fit", "multisport-garmin-fr945-bike-trailrun.fit"));
    ASSERT_GE(fit.activities.size(), 2u);
    for (const Activity& a : fit.activities) {
        const char* sport = a.sport == Sport::Bike ? "Bike" : a.sport == Sport::Run ? "Run" : "Transition";
        EXPECT_EQ(a.title, expectedTitle(sport, a.startUtc.toUTC().addSecs(a.utcOffsetSec)));
    }
    // A GPX track's own name stays; without one (and no metadata name) the default is given.
    QByteArray gpx = test::corpusBytes("gpx", "running-strava-android-export.gpx");
    const DecodedFile named = FormatRegistry().decode(QStringLiteral("r.gpx"), gpx);
    ASSERT_TRUE(named.ok());
    EXPECT_EQ(named.activities.front().title, QStringLiteral("Run avec Nico & Mag"));
    gpx.replace("<name>Run avec Nico &amp; Mag</name>", "<name> </name>");
    const DecodedFile unnamed = FormatRegistry().decode(QStringLiteral("r.gpx"), gpx);
    ASSERT_TRUE(unnamed.ok());
    const Activity& a = unnamed.activities.front();
    EXPECT_EQ(a.title, expectedTitle("Run", a.startUtc.toUTC().addSecs(a.utcOffsetSec)));
}

} // namespace
