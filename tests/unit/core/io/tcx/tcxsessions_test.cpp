// TCX files that do not say what they are: swims exported as Sport="Other" (pool and open water), files
// without times, implausible values. Corpus files and variants built from them.
#include "core/io/tcx/tcxreader.h"
#include "tests/unit/core/io/readertestsupport.h"
#include "tests/unit/core/io/xmlvariants.h"

#include <gtest/gtest.h>

using namespace tricoach;
using namespace tricoach::test;

namespace {

QByteArray corpusTcx(const char* name)
{
    return corpusBytes("tcx", name);
}

Activity readOne(const QByteArray& bytes)
{
    const DecodedFile d = TcxReader().read(bytes);
    EXPECT_TRUE(d.ok()) << (d.error ? d.error->message.toStdString() : std::string());
    EXPECT_EQ(d.activities.size(), 1u);
    return d.activities.empty() ? Activity() : d.activities.front();
}

QString warnings(const DecodedFile& d)
{
    return d.warnings.join(QStringLiteral(" | "));
}

// Every DistanceMeters of the file multiplied by `factor` (and speeds with them).
QByteArray scaledDistances(const QByteArray& tcx, double factor)
{
    QByteArray out =
        editMatches(tcx, QStringLiteral("<DistanceMeters>([^<]*)</DistanceMeters>"),
                    [&](const QByteArray& v, int) { return QByteArray::number(v.toDouble() * factor, 'f', 4); });
    for (const char* tag : {"MaximumSpeed", "ns3:AvgSpeed", "ns3:Speed"})
        out = editMatches(out, QStringLiteral("<%1>([^<]*)</%1>").arg(QLatin1String(tag)),
                          [&](const QByteArray& v, int) { return QByteArray::number(v.toDouble() * factor, 'f', 4); });
    return out;
}

// ---- swims exported as "Other" --------------------------------------------------------------------------------

TEST(TcxSwim, GarminPoolSwimsExportedAsOtherArePoolSwims)
{
    for (const char* file : {"swim-pool-garmin-fr945-25m.tcx", "swim-pool-garmin-fr910xt.tcx"}) {
        const QByteArray bytes = corpusTcx(file);
        ASSERT_TRUE(bytes.contains("Sport=\"Other\"")) << file;
        const Activity a = readOne(bytes);
        EXPECT_EQ(a.sport, Sport::Swim) << file;
        EXPECT_EQ(a.subSport, QLatin1String("PoolSwim")) << file;
        EXPECT_NEAR(*a.distanceM, 2000, 0.01) << file; // the laps' sum, as before
    }
}

TEST(TcxSwim, PoolSwimInAYardPool)
{
    // The FR910XT swim as if swum in a 25-yard pool: lengths of 22.86 m, laps of 1005.84 m, 182.88 m, ...
    const QByteArray yards = scaledDistances(corpusTcx("swim-pool-garmin-fr910xt.tcx"), 0.9144);
    ASSERT_TRUE(yards.contains("<DistanceMeters>22.8600</DistanceMeters>"));
    const Activity a = readOne(yards);
    EXPECT_EQ(a.sport, Sport::Swim);
    EXPECT_EQ(a.subSport, QLatin1String("PoolSwim"));
}

TEST(TcxSwim, OpenWaterSwimExportedAsOtherIsAnOpenWaterSwim)
{
    // COROS: GPS positions when the arm is out of the water, stroke rate (~25 per minute) as cadence, 0.68 m/s.
    const Activity a = readOne(corpusTcx("swim-openwater-coros.tcx"));
    EXPECT_EQ(a.sport, Sport::Swim);
    EXPECT_EQ(a.subSport, QLatin1String("OpenWaterSwim"));
}

TEST(TcxSwim, PaddleBoardingStaysOther)
{
    // vívoactive HR stand-up paddling: swim-like speed (1.03 m/s), but a continuous GPS track and no stroke rate.
    const Activity a = readOne(corpusTcx("sup-garmin-vivoactivehr.tcx"));
    EXPECT_EQ(a.sport, Sport::Other);
}

TEST(TcxSwim, LapsThatAreNotWholeLengthsAreNotAPoolSwim)
{
    // The FR945 swim with its laps stretched by 1.7 %: 50.85 m, 355.95 m, ... are no whole number of lengths
    // of any pool.
    const Activity a = readOne(scaledDistances(corpusTcx("swim-pool-garmin-fr945-25m.tcx"), 1.017));
    EXPECT_EQ(a.sport, Sport::Other);
}

TEST(TcxSwim, StepCadenceMakesItAWalkNotASwim)
{
    // The FR945 file with a walker's cadence on every trackpoint (a treadmill walk exported as Other).
    QByteArray bytes = corpusTcx("swim-pool-garmin-fr945-25m.tcx");
    bytes.replace("<ns3:TPX/>", "<ns3:TPX><ns3:RunCadence>56</ns3:RunCadence></ns3:TPX>");
    ASSERT_TRUE(bytes.contains("RunCadence"));
    const Activity a = readOne(bytes);
    EXPECT_NE(a.sport, Sport::Swim);
}

TEST(TcxSwim, GpsTrackMakesItNoPoolSwim)
{
    // The FR945 laps with a position on every trackpoint: something done outdoors, not in a pool.
    QByteArray bytes = corpusTcx("swim-pool-garmin-fr945-25m.tcx");
    bytes.replace("</HeartRateBpm>", "</HeartRateBpm><Position><LatitudeDegrees>46.1</LatitudeDegrees>"
                                     "<LongitudeDegrees>8.1</LongitudeDegrees></Position>");
    const Activity a = readOne(bytes);
    EXPECT_NE(a.subSport, QLatin1String("PoolSwim"));
}

TEST(TcxSwim, TheSportTheFileNamesIsKept)
{
    QByteArray bytes = corpusTcx("swim-pool-garmin-fr945-25m.tcx");
    bytes.replace("Sport=\"Other\"", "Sport=\"Running\"");
    EXPECT_EQ(readOne(bytes).sport, Sport::Run);
}

// ---- no times -------------------------------------------------------------------------------------------------

TEST(TcxNoTimes, AFileWithoutAnyTimeIsAnErrorAboutTheFile)
{
    QByteArray bytes = withoutElements(corpusTcx("running-garmin-fr15-10k.tcx"), QStringLiteral("Time"));
    bytes = withoutElements(bytes, QStringLiteral("Id"));
    bytes = editMatches(bytes, QStringLiteral("(<Lap StartTime=\"[^\"]*\")"),
                        [](const QByteArray&, int) { return QByteArray("<Lap"); });
    ASSERT_FALSE(bytes.contains("StartTime"));
    ASSERT_FALSE(bytes.contains("<Time>"));
    const DecodedFile d = TcxReader().read(bytes);
    ASSERT_TRUE(d.error.has_value());
    EXPECT_EQ(d.error->code, QLatin1String("tcx.no-times"));
    EXPECT_TRUE(d.error->message.contains(QLatin1String("This TCX file has no times")))
        << d.error->message.toStdString();
    EXPECT_TRUE(d.activities.empty());
}

TEST(TcxNoTimes, AnUntimedActivityBesideTimedOnesIsLeftOutWithAWarning)
{
    // The FR305 file's four activities, the third stripped of its times.
    QByteArray bytes = corpusTcx("multisport-garmin-fr305-multi-activity.tcx");
    const QByteArray third = nthElement(bytes, "<Activity ", "</Activity>", 2);
    ASSERT_FALSE(third.isEmpty());
    QByteArray untimed = withoutElements(withoutElements(third, QStringLiteral("Time")), QStringLiteral("Id"));
    untimed = editMatches(untimed, QStringLiteral("(<Lap StartTime=\"[^\"]*\")"),
                          [](const QByteArray&, int) { return QByteArray("<Lap"); });
    bytes.replace(third, untimed);
    const DecodedFile d = TcxReader().read(bytes);
    ASSERT_TRUE(d.ok()) << (d.error ? d.error->message.toStdString() : std::string());
    EXPECT_EQ(d.activities.size(), 3u);
    EXPECT_TRUE(warnings(d).contains(QLatin1String("no time"))) << warnings(d).toStdString();
}

// ---- values ---------------------------------------------------------------------------------------------------

TEST(TcxValues, ImplausibleLapAndTrackValuesAreDroppedAndCounted)
{
    QByteArray bytes = corpusTcx("cycling-garmin-fr310xt-velodrome-power.tcx");
    int watts = 0;
    bytes = editMatches(bytes, QStringLiteral("<ns3:Watts>(\\d+)</ns3:Watts>"), [&](const QByteArray& v, int i) {
        if (i % 50 != 3)
            return v;
        ++watts;
        return QByteArray("9999");
    });
    ASSERT_GT(watts, 3);
    int laps = 0;
    bytes = editMatches(bytes, QStringLiteral("<AverageHeartRateBpm>\\s*<Value>(\\d+)</Value>"),
                        [&](const QByteArray& v, int i) {
                            if (i != 1)
                                return v;
                            ++laps;
                            return QByteArray("310");
                        });
    ASSERT_EQ(laps, 1);
    const DecodedFile d = TcxReader().read(bytes);
    ASSERT_TRUE(d.ok());
    const QString w = warnings(d);
    EXPECT_TRUE(w.contains(QStringLiteral("%1 power values above 3000 W were dropped").arg(watts))) << w.toStdString();
    EXPECT_TRUE(w.contains(QLatin1String("1 heart-rate value above 250 bpm was dropped"))) << w.toStdString();
    const Activity& a = d.activities.front();
    EXPECT_LE(*a.maxPower, 3000);
    EXPECT_FALSE(a.laps[1].avgHr.has_value());
}

TEST(TcxValues, CreatorNameIsOneCleanLine)
{
    QByteArray bytes = corpusTcx("running-garmin-fr410-hr.tcx");
    const QByteArray name = nthElement(bytes, "<Name>", "</Name>", 0);
    ASSERT_FALSE(name.isEmpty());
    bytes.replace(name, "<Name>Forerunner\n410\r\n&#x9B;2J</Name>");
    const Activity a = readOne(bytes);
    EXPECT_TRUE(a.notes.endsWith(QLatin1String("Recorded with Forerunner 410 2J"))) << a.notes.toStdString();
}

} // namespace
