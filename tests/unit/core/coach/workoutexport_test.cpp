// Workout files for trainer software and the plan as a calendar.
#include "core/coach/planengine.h"
#include "core/coach/workoutexport.h"
#include "core/coach/workoutlibrary.h"

#include <QXmlStreamReader>

#include <gtest/gtest.h>

using namespace tricoach;

namespace {

Workout threshold(Thresholds& t)
{
    t.ftpWatts = 250;
    SessionRequest r;
    r.kind = SessionKind::BikeIntervals;
    r.minutes = 70;
    r.hardMinutes = 24;
    return buildWorkout(r, t);
}

TEST(WorkoutExport, ZwiftWorkoutHoldsTheIntervalsAndTheWholeDuration)
{
    Thresholds t;
    const Workout w = threshold(t);
    QXmlStreamReader xml(toZwo(w, QStringLiteral("3x8")));
    double seconds = 0;
    bool intervals = false;
    QString sport;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto a = xml.attributes();
        if (xml.name() == QLatin1String("sportType"))
            sport = xml.readElementText();
        else if (xml.name() == QLatin1String("IntervalsT")) {
            intervals = true;
            EXPECT_EQ(a.value(QLatin1String("Repeat")).toInt(), 3);
            EXPECT_EQ(a.value(QLatin1String("OnDuration")).toInt(), 480);
            EXPECT_EQ(a.value(QLatin1String("OffDuration")).toInt(), 180);
            EXPECT_DOUBLE_EQ(a.value(QLatin1String("OnPower")).toDouble(), 1.0); // Z4: 95–105 % FTP
            seconds += 3 * (480 + 180);
        } else if (a.hasAttribute(QLatin1String("Duration"))) {
            seconds += a.value(QLatin1String("Duration")).toDouble();
        }
    }
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    EXPECT_TRUE(intervals);
    EXPECT_EQ(sport, QStringLiteral("bike"));
    EXPECT_DOUBLE_EQ(seconds, w.minutes() * 60);
}

TEST(WorkoutExport, ErgAndMrcDescribeTheSameRideInWattsAndPercent)
{
    Thresholds t;
    const Workout w = threshold(t);
    const QString erg = QString::fromUtf8(toErg(w, QStringLiteral("3x8"), 250));
    const QString mrc = QString::fromUtf8(toMrc(w, QStringLiteral("3x8")));
    EXPECT_TRUE(erg.contains(QStringLiteral("FTP = 250")));
    EXPECT_TRUE(erg.contains(QStringLiteral("MINUTES WATTS")));
    EXPECT_TRUE(mrc.contains(QStringLiteral("MINUTES PERCENT")));
    const auto rows = [](const QString& text) {
        std::vector<std::pair<double, double>> out;
        bool data = false;
        for (const QString& line : text.split(QLatin1Char('\n'))) {
            if (line.startsWith(QLatin1String("[COURSE DATA]")))
                data = true;
            else if (line.startsWith(QLatin1String("[END COURSE DATA]")))
                data = false;
            else if (data) {
                const QStringList cells = line.split(QLatin1Char('\t'));
                out.emplace_back(cells[0].toDouble(), cells[1].toDouble());
            }
        }
        return out;
    };
    const auto watts = rows(erg), percent = rows(mrc);
    ASSERT_EQ(watts.size(), percent.size());
    ASSERT_FALSE(watts.empty());
    EXPECT_DOUBLE_EQ(watts.back().first, 70);
    for (std::size_t i = 0; i < watts.size(); ++i) {
        EXPECT_DOUBLE_EQ(watts[i].first, percent[i].first);
        EXPECT_NEAR(watts[i].second, percent[i].second * 2.5, 1.5);
        if (i > 0) {
            EXPECT_GE(watts[i].first, watts[i - 1].first); // time never runs backwards
        }
    }
    bool threshold = false;
    for (const auto& [minute, w2] : watts)
        threshold |= w2 == 250;
    EXPECT_TRUE(threshold);
    // Runs have no trainer file, and ERG needs an FTP.
    SessionRequest run;
    run.kind = SessionKind::EasyRun;
    EXPECT_TRUE(toErg(buildWorkout(run, t), QStringLiteral("run"), 250).isEmpty());
    EXPECT_TRUE(toErg(w, QStringLiteral("3x8"), 0).isEmpty());
}

TEST(WorkoutExport, TheCalendarHasAnEventPerSessionInFoldedEscapedLines)
{
    CoachProfile p;
    p.today = QDate(2027, 1, 6);
    p.race.name = QStringLiteral("Lake, race; 1");
    p.race.date = QDate(2027, 4, 25);
    p.race.distance = RaceDistance::Olympic;
    p.fitness = {40, 40};
    p.recentWeeklyHours = 6;
    const SeasonPlan plan = planSeason(p);
    int sessions = 0;
    for (const WeekPlan& w : plan.weeks)
        for (const PlannedDay& d : w.days)
            sessions += static_cast<int>(d.workouts.size());
    const QByteArray ics = toIcs(plan, p.thresholds);
    EXPECT_TRUE(ics.startsWith("BEGIN:VCALENDAR\r\n"));
    EXPECT_TRUE(ics.endsWith("END:VCALENDAR\r\n"));
    EXPECT_EQ(ics.count("BEGIN:VEVENT"), sessions);
    EXPECT_EQ(ics.count("END:VEVENT"), sessions);
    for (const QByteArray& line : ics.split('\n')) {
        EXPECT_LE(line.size(), 76) << line.toStdString(); // 75 octets and the CR
        if (!line.isEmpty()) {
            EXPECT_TRUE(line.endsWith('\r')) << line.toStdString();
        }
    }
    // Descriptions carry commas ("Warm-up 10min Z1, then …"), escaped.
    EXPECT_TRUE(ics.contains("\\, then"));
    EXPECT_TRUE(ics.contains("DTSTART;VALUE=DATE:2027-04-25") || ics.contains("DTSTART;VALUE=DATE:20270425"));
}

TEST(WorkoutExport, FileNamesAreReadable)
{
    Workout w;
    w.sessionType = QStringLiteral("Bike intervals (trainer)");
    EXPECT_EQ(exportBaseName(QDate(2027, 3, 2), w), QStringLiteral("2027-03-02-bike-intervals-trainer"));
}

} // namespace
