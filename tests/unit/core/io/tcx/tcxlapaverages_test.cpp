// A TCX whose track covers only a sliver of what its laps time (scout A3: the Kona Ironman ride, 5 h 15 of laps
// and 4 s of track): the averages come from the laps' own values, the load follows them, and a warning says so.
#include "core/io/tcx/tcxreader.h"
#include "core/metrics/settings.h"
#include "core/metrics/stress.h"
#include "tests/unit/core/io/readertestsupport.h"
#include "tests/unit/core/io/xmlvariants.h"

#include <QRegularExpression>

#include <gtest/gtest.h>

using namespace tricoach;

namespace {

// Each lap's TotalTimeSeconds and the lap summary values, read from the file by the test itself.
struct LapValues {
    double seconds = 0;
    double watts = 0, bpm = 0;
};
std::vector<LapValues> lapsOf(const QByteArray& tcx)
{
    std::vector<LapValues> laps;
    const QRegularExpression lapRe(QStringLiteral("<Lap .*?</Lap>"), QRegularExpression::DotMatchesEverythingOption);
    const auto number = [](const QString& lap, const char* pattern) {
        const auto m =
            QRegularExpression(QLatin1String(pattern), QRegularExpression::DotMatchesEverythingOption).match(lap);
        return m.hasMatch() ? m.captured(1).toDouble() : 0.0;
    };
    for (auto it = lapRe.globalMatch(QString::fromUtf8(tcx)); it.hasNext();) {
        const QString lap = it.next().captured(0);
        laps.push_back({number(lap, "<TotalTimeSeconds>([^<]*)<"), number(lap, "AvgWatts>([^<]*)<"),
                        number(lap, "<AverageHeartRateBpm>\\s*<Value>([^<]*)<")});
    }
    return laps;
}

Thresholds athlete()
{
    Thresholds t;
    t.ftpWatts = 250;
    t.lthrBike = 160;
    t.maxHr = 190;
    t.restingHr = 50;
    return t;
}

// The file with only its first `keep` track points.
QByteArray trackCut(const QByteArray& tcx, int keep)
{
    return test::editMatches(tcx, QStringLiteral("(<Trackpoint>.*?</Trackpoint>)"),
                             [&](const QByteArray& p, int i) { return i < keep ? p : QByteArray(); });
}

void expectLapAverages(const QByteArray& tcx)
{
    const std::vector<LapValues> laps = lapsOf(tcx);
    double seconds = 0, watts = 0, bpm = 0;
    for (const LapValues& l : laps) {
        seconds += l.seconds;
        watts += l.watts * l.seconds;
        bpm += l.bpm * l.seconds;
    }
    ASSERT_GT(seconds, 0);
    const DecodedFile d = TcxReader().read(tcx);
    ASSERT_TRUE(d.ok());
    const Activity& a = d.activities.front();
    ASSERT_TRUE(a.avgPower && a.avgHr);
    EXPECT_NEAR(*a.avgPower, watts / seconds, 0.01);
    EXPECT_NEAR(*a.avgHr, bpm / seconds, 0.01);
    EXPECT_TRUE(d.warnings.join(u'|').contains(QLatin1String("come from the laps")))
        << d.warnings.join(u'|').toStdString();
    // The load: the laps' average power over the whole session, 100 an hour at FTP.
    const LoadResult load = computeLoad(a, athlete(), LoadSettings::defaults());
    EXPECT_EQ(load.source, LoadSource::Power);
    const double intensity = (watts / seconds) / 250.0;
    EXPECT_NEAR(load.load, 100.0 * seconds / 3600.0 * intensity * intensity, 0.5);
}

TEST(TcxLapAverages, KonaRideWithFourSecondsOfTrack)
{
    const QByteArray kona = test::corpusBytes("tcx", "cycling-garmin-edge500-power-short.tcx");
    expectLapAverages(kona);
    const DecodedFile d = TcxReader().read(kona);
    EXPECT_NEAR(*d.activities.front().avgCadence, 92, 0.01); // the lap's <Cadence>, not 4 s of pedalling
}

TEST(TcxLapAverages, VelodromeRideCutToAFewPoints)
{
    // Five laps, each with its own power and heart rate; the track cut to its first 8 points.
    expectLapAverages(trackCut(test::corpusBytes("tcx", "cycling-garmin-fr310xt-velodrome-power.tcx"), 8));
}

TEST(TcxLapAverages, AWholeTrackKeepsItsOwnAverages)
{
    const QByteArray tcx = test::corpusBytes("tcx", "cycling-garmin-fr310xt-velodrome-power.tcx");
    const DecodedFile d = TcxReader().read(tcx);
    ASSERT_TRUE(d.ok());
    EXPECT_FALSE(d.warnings.join(u'|').contains(QLatin1String("come from the laps")));
    // The power load comes from the samples (normalised power), not from the lap averages.
    const LoadResult load = computeLoad(d.activities.front(), athlete(), LoadSettings::defaults());
    EXPECT_EQ(load.source, LoadSource::Power);
}

} // namespace
