// Which sport a GPX file is, and how long its athlete moved: the file's own words first (<type>, the title apps
// give, the app that wrote it), a guess from the track last; stops judged by the sport's own pace.
#include "core/io/gpx/gpxreader.h"
#include "core/io/sportguess.h"
#include "core/io/xmlsupport.h"
#include "tests/unit/core/io/readertestsupport.h"
#include "tests/unit/core/io/xmlvariants.h"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>

using namespace tricoach;
using namespace tricoach::test;

namespace {

QString warnings(const DecodedFile& d)
{
    return d.warnings.join(QStringLiteral(" | "));
}

// ---- names ----------------------------------------------------------------------------------------------------

TEST(SportFromTitle, StravaDefaultTitles)
{
    auto sport = [](const char* title) { return xml::sportFromTitle(QString::fromUtf8(title)); };
    EXPECT_EQ(sport("Afternoon Swim")->sport, Sport::Swim);
    EXPECT_EQ(sport("Morning Walk")->sport, Sport::Walk);
    EXPECT_EQ(sport("Lunch Row")->sport, Sport::Row);
    EXPECT_EQ(sport("Evening Ride")->sport, Sport::Bike);
    EXPECT_EQ(sport("Night Run")->sport, Sport::Run);
    EXPECT_EQ(sport("Morning Hike")->sport, Sport::Hike);
    EXPECT_EQ(sport("Zwift - Virtual Ride in Watopia")->subSport, QLatin1String("VirtualRide"));
    EXPECT_EQ(sport("Trail Run")->subSport, QLatin1String("TrailRun"));
    EXPECT_EQ(sport("Open water swim at the lake")->subSport, QLatin1String("OpenWaterSwim"));
    EXPECT_EQ(sport("Pool swim 25m")->subSport, QLatin1String("PoolSwim"));
    EXPECT_EQ(sport("Morning Weight Training")->sport, Sport::Strength);
    EXPECT_EQ(sport("SWIMMING")->sport, Sport::Swim);
    EXPECT_EQ(sport("Course à pied le matin")->sport, Sport::Run);
    EXPECT_EQ(sport("Morgenlauf")->sport, Sport::Run);
    EXPECT_EQ(sport("Natation dans l'après-midi")->sport, Sport::Swim);
    // Words, not letters inside words; no sport, or several, is no answer.
    EXPECT_FALSE(sport("Browsing the shore").has_value());
    EXPECT_FALSE(sport("Crowded streets").has_value());
    EXPECT_FALSE(sport("Move").has_value());
    EXPECT_FALSE(sport("Test").has_value());
    EXPECT_FALSE(sport("").has_value());
    EXPECT_FALSE(sport("Swim, bike and run").has_value());
}

TEST(SportFromGpxType, WalkHikeRowAndOpenWater)
{
    auto sport = [](const char* t) { return sportFromGpxType(QString::fromLatin1(t)); };
    EXPECT_EQ(sport("walking")->sport, Sport::Walk);
    EXPECT_EQ(sport("hiking")->sport, Sport::Hike);
    EXPECT_EQ(sport("rowing")->sport, Sport::Row);
    EXPECT_EQ(sport("indoor_rowing")->sport, Sport::Row);
    EXPECT_EQ(sport("open_water_swimming")->sport, Sport::Swim);
    EXPECT_EQ(sport("open_water_swimming")->subSport, QLatin1String("OpenWaterSwim"));
    EXPECT_EQ(sport("lap_swimming")->subSport, QLatin1String("PoolSwim"));
    EXPECT_EQ(sport("strength_training")->sport, Sport::Strength);
    EXPECT_FALSE(sport("stand_up_paddleboarding").has_value());
    EXPECT_FALSE(sport("crowd").has_value());
}

// ---- corpus files and their variants --------------------------------------------------------------------------

// The mapstogpx swim (no <type>, titled "Test"), titled as Strava titles it: a Swim, open water (a GPS track),
// and its slow passages (0.3-0.5 m/s between fixes 10 s apart) are swimming, not stops.
TEST(GpxSport, StravaTitleMakesTheUntypedSwimASwim)
{
    QByteArray bytes = corpusBytes("gpx", "swim-strava-mapstogpx-duplicate-hr.gpx");
    ASSERT_EQ(bytes.count("<name>Test</name>"), 2);
    bytes.replace("<name>Test</name>", "<name>Afternoon Swim</name>");
    const DecodedFile d = GpxReader().read(bytes);
    ASSERT_TRUE(d.ok());
    const Activity& a = d.activities.front();
    EXPECT_EQ(a.sport, Sport::Swim);
    EXPECT_EQ(a.subSport, QLatin1String("OpenWaterSwim"));
    EXPECT_FALSE(warnings(d).contains(QLatin1String("guessed"))) << warnings(d).toStdString();
    // Strava recorded a point every ~10 s while the swimmer swam, and nothing while they rested: the rests are
    // the holes of more than 30 s in which they drifted less than 0.15 m/s. Everything else is swimming, however
    // slow between two fixes (the old rule dropped 28 minutes of 75 and kept 46).
    const auto& time = a.streams.time;
    const auto& lat = series(a, Channel::Latitude);
    const auto& lon = series(a, Channel::Longitude);
    double rests = 0;
    for (std::size_t i = 1; i < time.size(); ++i) {
        const double dt = time[i] - time[i - 1];
        if (dt > 30 && xml::haversineM(lat[i - 1], lon[i - 1], lat[i], lon[i]) / dt < 0.15)
            rests += dt;
    }
    EXPECT_GT(rests, 300);
    EXPECT_NEAR(a.movingSec, a.elapsedSec - rests, 30);
    EXPECT_NEAR(*a.avgSpeed, *a.distanceM / a.movingSec, 1e-9);
}

TEST(GpxSport, TypedOpenWaterSwimIsOpenWater)
{
    const DecodedFile d = GpxReader().read(corpusBytes("gpx", "swim-openwater-strava-export.gpx"));
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d.activities.front().sport, Sport::Swim);
    EXPECT_EQ(d.activities.front().subSport, QLatin1String("OpenWaterSwim")); // Strava type 16 with a GPS track
}

TEST(GpxSport, TypeWinsOverTitleAndTitleOverSpeed)
{
    // Strava's export of a run: <type>9</type>, "Run avec Nico & Mag", 4.6 km in 33 min.
    const QByteArray run = corpusBytes("gpx", "running-strava-android-export.gpx");
    ASSERT_TRUE(run.contains("<type>9</type>"));
    // <type>walking</type>: the file says walking, so it is a walk, whatever the title or the pace.
    QByteArray walk = run;
    walk.replace("<type>9</type>", "<type>walking</type>");
    EXPECT_EQ(GpxReader().read(walk).activities.front().sport, Sport::Walk);
    // No type, titled "Lunch Row": a row, whatever the speed.
    QByteArray row = run;
    row.replace("<type>9</type>", "");
    row.replace("<name>Run avec Nico &amp; Mag</name>", "<name>Lunch Row</name>");
    const DecodedFile d = GpxReader().read(row);
    EXPECT_EQ(d.activities.front().sport, Sport::Row);
    EXPECT_FALSE(warnings(d).contains(QLatin1String("guessed")));
    // No type and a title naming no sport: guessed from the track (8.4 km/h, a run), with a warning.
    QByteArray untitled = run;
    untitled.replace("<type>9</type>", "");
    untitled.replace("<name>Run avec Nico &amp; Mag</name>", "<name>Nico &amp; Mag</name>");
    const DecodedFile g = GpxReader().read(untitled);
    EXPECT_EQ(g.activities.front().sport, Sport::Run);
    EXPECT_TRUE(warnings(g).contains(QLatin1String("guessed"))) << warnings(g).toStdString();
}

TEST(GpxSport, FileFromASwimAppIsASwim)
{
    QByteArray bytes = corpusBytes("gpx", "swim-strava-mapstogpx-duplicate-hr.gpx");
    bytes.replace("creator=\"https://www.mapstogpx.com/strava\"", "creator=\"MySwimPro\"");
    const DecodedFile d = GpxReader().read(bytes);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d.activities.front().sport, Sport::Swim);
    EXPECT_EQ(d.activities.front().subSport, QLatin1String("OpenWaterSwim"));
}

TEST(GpxSport, HikeWithoutAWordIsNotARunOrARide)
{
    // The eTrex hike (type "jkljkl", no sport named) climbs ~300 m over 6 km: guessed Hike, not Bike or Run.
    const DecodedFile d = GpxReader().read(corpusBytes("gpx", "hiking-garmin-etrex-segments-waypoints.gpx"));
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d.activities.front().sport, Sport::Hike);
}

// ---- a swim whose watch holds its GPS fix between surfacings --------------------------------------------------

// 1.6 km in 35 min, out and back along a shore, written once a second by a watch that gets a fix only every
// `fixEverySec` seconds (the arm is under water the rest of the time) and repeats its last fix in between; with
// a rest of `restSec` seconds at the turn. Heart rate only, no cadence, no <type>: a file as a swim app or a
// converter writes it.
QByteArray heldFixSwim(const QByteArray& name, int fixEverySec, int restSec, bool withCreator = false)
{
    const double metres = 1600, seconds = 35 * 60;
    const double speed = metres / (seconds - restSec);
    const double turnSec = 800 / speed;
    const double metrePerDegree = xml::kEarthRadiusM * std::numbers::pi / 180.0;
    QByteArray points;
    const QDateTime start = QDateTime::fromString(QStringLiteral("2023-08-12T14:05:00Z"), Qt::ISODate);
    double held = 0;
    for (int t = 0; t <= seconds; ++t) {
        const double swum = t < turnSec ? t * speed : t < turnSec + restSec ? 800.0 : (t - restSec) * speed;
        if (t % fixEverySec == 0 || t == seconds)
            held = swum;
        const double along = held <= 800 ? held : 1600 - held; // out 800 m, back 800 m: the net stays small
        const double lat = 46.0 + along / metrePerDegree;
        const double lon = 8.0 + (held <= 800 ? 0.0 : 15.0 / metrePerDegree); // back 15 m further out
        points += "<trkpt lat=\"" + QByteArray::number(lat, 'f', 8) + "\" lon=\"" + QByteArray::number(lon, 'f', 8) +
                  "\"><ele>372.0</ele><time>" + start.addSecs(t).toString(Qt::ISODate).toUtf8() +
                  "</time><extensions><hr>" + QByteArray::number(120 + t % 7) + "</hr></extensions></trkpt>\n";
    }
    return "<?xml version=\"1.0\"?><gpx version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\"" +
           (withCreator ? QByteArray(" creator=\"Swim.com\"") : QByteArray(" creator=\"gpsbabel\"")) + "><trk><name>" +
           name + "</name><trkseg>\n" + points + "</trkseg></trk></gpx>\n";
}

TEST(GpxSport, HeldFixSwimMovesForItsWholeDuration)
{
    // Fixes every 15 s: the old rule saw 14 s "stops" between fixes and kept one second in fifteen.
    const DecodedFile d = GpxReader().read(heldFixSwim("Afternoon Swim", 15, 0));
    ASSERT_TRUE(d.ok());
    const Activity& a = d.activities.front();
    EXPECT_EQ(a.sport, Sport::Swim);
    EXPECT_EQ(a.elapsedSec, 2100);
    EXPECT_NEAR(a.movingSec, 2100, 2100 * 0.02);
    EXPECT_NEAR(*a.distanceM, 1600 + 15, 1600 * 0.01);
}

TEST(GpxSport, HeldFixSwimRestAtTheTurnIsAStop)
{
    const DecodedFile d = GpxReader().read(heldFixSwim("Afternoon Swim", 15, 120));
    ASSERT_TRUE(d.ok());
    const Activity& a = d.activities.front();
    EXPECT_EQ(a.elapsedSec, 2100);
    EXPECT_NEAR(a.movingSec, 2100 - 120, 30); // the rest, give or take the fix spacing around it
}

TEST(GpxSport, UnnamedHeldFixSwimIsNeverARun)
{
    // Nothing names the sport; a swimmer's 0.76 m/s is a walker's pace too, so the guess may not say Swim, but
    // it must not cut the swim to minutes and call it a Run.
    const DecodedFile d = GpxReader().read(heldFixSwim("Lake", 20, 0));
    ASSERT_TRUE(d.ok());
    const Activity& a = d.activities.front();
    EXPECT_NE(a.sport, Sport::Run);
    EXPECT_NE(a.sport, Sport::Bike);
    EXPECT_GT(a.movingSec, 2100 * 0.9);
    EXPECT_LT(*a.avgSpeed, 1.0);
    EXPECT_TRUE(warnings(d).contains(QLatin1String("guess")) || warnings(d).contains(QLatin1String("Other")))
        << warnings(d).toStdString();
}

TEST(GpxSport, UnnamedHeldFixSwimFromASwimAppIsASwim)
{
    const DecodedFile d = GpxReader().read(heldFixSwim("Lake", 20, 0, true));
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d.activities.front().sport, Sport::Swim);
    EXPECT_EQ(d.activities.front().subSport, QLatin1String("OpenWaterSwim"));
}

// ---- the guess itself -----------------------------------------------------------------------------------------

TEST(SportGuess, FromTrackTraits)
{
    using xml::guessSportFromTrack;
    using xml::TrackTraits;
    auto guess = [](std::optional<double> speed, std::optional<double> cadence = {}, std::optional<double> climb = {}) {
        TrackTraits t;
        t.typicalSpeedMps = speed;
        t.cadenceMedian = cadence;
        t.climbMPerKm = climb;
        t.hasPositions = true;
        return guessSportFromTrack(t);
    };
    EXPECT_EQ(guess(std::nullopt).sport, Sport::Other);
    EXPECT_EQ(guess(1.8).sport, Sport::Run);
    EXPECT_EQ(guess(4.79).sport, Sport::Run);
    EXPECT_EQ(guess(4.8).sport, Sport::Bike);
    EXPECT_EQ(guess(14.9).sport, Sport::Bike);
    EXPECT_EQ(guess(16.4).sport, Sport::Other); // 59 km/h: a drive, not a ride
    EXPECT_EQ(guess(1.0).sport, Sport::Other);  // walk or swim: cannot tell
    EXPECT_EQ(guess(1.0, 28.0).sport, Sport::Swim);
    EXPECT_EQ(guess(1.0, 28.0).subSport, QLatin1String("OpenWaterSwim"));
    EXPECT_EQ(guess(1.3, 56.0).sport, Sport::Walk);
    EXPECT_EQ(guess(0.9, std::nullopt, 80.0).sport, Sport::Hike);
}

TEST(StopRules, SportAware)
{
    const xml::StopRule swim = xml::stopRuleFor(Sport::Swim);
    const xml::StopRule run = xml::stopRuleFor(Sport::Run);
    const xml::StopRule bike = xml::stopRuleFor(Sport::Bike);
    EXPECT_LT(swim.speedMps, 0.3); // a slow swimmer at 0.3-0.5 m/s is swimming
    EXPECT_GE(swim.windowSec, 20); // fixes come only when the arm is out of the water
    EXPECT_LT(swim.speedMps, run.speedMps);
    EXPECT_LE(run.speedMps, bike.speedMps);
}

} // namespace
