// race set|show and plan week|season through the real binary: the roadmap's JSON, the validator's verdict, and
// clear errors for what a person gets wrong.
#include "tests/e2e/clitest.h"

#include <QDate>
#include <QFile>
#include <QSet>

using namespace tricoach::test;

namespace {

using cliPlan = CliTest;

QString inWeeks(int weeks)
{
    return QDate::currentDate().addDays(weeks * 7).toString(Qt::ISODate);
}

TEST_F(cliPlan, RaceSetStoresTheRaceAndShowReadsItBack)
{
    const CliResult set = cli({QStringLiteral("race"), QStringLiteral("set"), QStringLiteral("--date"), inWeeks(20),
                               QStringLiteral("--distance"), QStringLiteral("olympic"), QStringLiteral("--name"),
                               QStringLiteral("Lake Race"), QStringLiteral("--hours-per-week"), QStringLiteral("8"),
                               QStringLiteral("--days-off"), QStringLiteral("mon,fri"), QStringLiteral("--level"),
                               QStringLiteral("beginner"), QStringLiteral("--json")});
    ASSERT_EQ(set.exitCode, 0) << set;
    const CliResult show = cli({QStringLiteral("race"), QStringLiteral("show"), QStringLiteral("--json")});
    ASSERT_EQ(show.exitCode, 0) << show;
    const QJsonObject race = show.object();
    EXPECT_EQ(race.value(QStringLiteral("race")).toObject().value(QStringLiteral("name")).toString(),
              QStringLiteral("Lake Race"));
    EXPECT_EQ(race.value(QStringLiteral("race")).toObject().value(QStringLiteral("distance")).toString(),
              QStringLiteral("olympic"));
    EXPECT_EQ(race.value(QStringLiteral("level")).toString(), QStringLiteral("beginner"));
    const QJsonArray hours = race.value(QStringLiteral("hours_by_weekday")).toArray();
    ASSERT_EQ(hours.size(), 7);
    EXPECT_EQ(hours.at(0).toDouble(), 0); // Monday off
    EXPECT_EQ(hours.at(4).toDouble(), 0); // Friday off
    double total = 0;
    for (const QJsonValue& h : hours)
        total += h.toDouble();
    EXPECT_NEAR(total, 8, 0.5);
}

TEST_F(cliPlan, PlanWeekIsTheRoadmapsSchemaWithSpecificWorkouts)
{
    cli({QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--ftp"), QStringLiteral("250"),
         QStringLiteral("--threshold-pace"), QStringLiteral("4:20"), QStringLiteral("--css"), QStringLiteral("1:45"),
         QStringLiteral("--from"), QDate::currentDate().addDays(-30).toString(Qt::ISODate)});
    ASSERT_EQ(cli({QStringLiteral("race"), QStringLiteral("set"), QStringLiteral("--date"), inWeeks(16),
                   QStringLiteral("--distance"), QStringLiteral("70.3"), QStringLiteral("--hours-per-week"),
                   QStringLiteral("10")})
                  .exitCode,
              0);
    const CliResult r = cli({QStringLiteral("plan"), QStringLiteral("week"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QJsonObject week = r.object();
    const QDate start = QDate::fromString(week.value(QStringLiteral("week_start_date")).toString(), Qt::ISODate);
    ASSERT_TRUE(start.isValid());
    EXPECT_EQ(start.dayOfWeek(), 1);
    const QJsonArray days = week.value(QStringLiteral("days")).toArray();
    ASSERT_GE(days.size(), 7);
    const QSet<QString> keys{
        QStringLiteral("date"),         QStringLiteral("sport"),       QStringLiteral("session_type"),
        QStringLiteral("duration_min"), QStringLiteral("intensity"),   QStringLiteral("description"),
        QStringLiteral("primary_goal"), QStringLiteral("priority"),    QStringLiteral("warmup_min"),
        QStringLiteral("main_set_min"), QStringLiteral("cooldown_min")};
    double minutes = 0;
    bool powerTargets = false;
    for (const QJsonValue& v : days) {
        const QJsonObject d = v.toObject();
        const QStringList present = d.keys();
        EXPECT_EQ(QSet<QString>(present.begin(), present.end()), keys);
        const int duration = d.value(QStringLiteral("duration_min")).toInt();
        EXPECT_EQ(d.value(QStringLiteral("warmup_min")).toInt() + d.value(QStringLiteral("main_set_min")).toInt() +
                      d.value(QStringLiteral("cooldown_min")).toInt(),
                  duration)
            << d.value(QStringLiteral("session_type")).toString().toStdString();
        minutes += duration;
        const QString description = d.value(QStringLiteral("description")).toString();
        if (duration > 0) {
            EXPECT_TRUE(description.endsWith(QStringLiteral("Total: %1min").arg(duration)))
                << description.toStdString();
        }
        powerTargets |= description.contains(QStringLiteral(" W)"));
        EXPECT_TRUE(QSet<QString>({QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high")})
                        .contains(d.value(QStringLiteral("priority")).toString()));
    }
    EXPECT_TRUE(powerTargets); // the athlete's own watts
    EXPECT_NEAR(week.value(QStringLiteral("total_planned_hours")).toDouble(), minutes / 60, 0.05);
    const QJsonObject notes = week.value(QStringLiteral("notes")).toObject();
    for (const char* key :
         {"overall_focus", "key_workouts", "recovery_guidelines", "nutrition_tips", "gear_recommendations"})
        EXPECT_TRUE(notes.contains(QLatin1String(key))) << key;
    EXPECT_FALSE(notes.value(QStringLiteral("key_workouts")).toArray().isEmpty());
    for (const char* mark : {"TSS", "CTL", "ATL", "TSB"})
        EXPECT_FALSE(r.out.contains(QLatin1String(mark))) << mark;
}

TEST_F(cliPlan, PlanSeasonRunsToRaceDayAndPassesTheValidator)
{
    ASSERT_EQ(cli({QStringLiteral("race"), QStringLiteral("set"), QStringLiteral("--date"), inWeeks(24),
                   QStringLiteral("--distance"), QStringLiteral("olympic"), QStringLiteral("--hours-per-week"),
                   QStringLiteral("7")})
                  .exitCode,
              0);
    const CliResult r = cli({QStringLiteral("plan"), QStringLiteral("season"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QJsonObject season = r.object();
    EXPECT_TRUE(season.value(QStringLiteral("valid")).toBool()) << r;
    const QJsonArray weeks = season.value(QStringLiteral("weeks")).toArray();
    ASSERT_GE(weeks.size(), 23);
    EXPECT_EQ(weeks.last().toObject().value(QStringLiteral("phase")).toString(), QStringLiteral("Taper"));
    const double form = season.value(QStringLiteral("race_day_tsb")).toDouble();
    EXPECT_GE(form, 5);
    EXPECT_LE(form, 25);
    // A week in the middle is reachable with --week-start, any day of it.
    const QString mid = weeks.at(10).toObject().value(QStringLiteral("week_start_date")).toString();
    const QDate wednesday = QDate::fromString(mid, Qt::ISODate).addDays(2);
    const CliResult week = cli({QStringLiteral("plan"), QStringLiteral("week"), QStringLiteral("--week-start"),
                                wednesday.toString(Qt::ISODate), QStringLiteral("--json")});
    ASSERT_EQ(week.exitCode, 0) << week;
    EXPECT_EQ(week.object().value(QStringLiteral("week_start_date")).toString(), mid);
    // The week as text names each day's carbohydrate.
    const CliResult text = cli({QStringLiteral("plan"), QStringLiteral("week")});
    EXPECT_EQ(text.out.count(QStringLiteral("g carbohydrate/kg")), 7) << text;
    // The table says Fitness and Form.
    const CliResult table = cli({QStringLiteral("plan"), QStringLiteral("season")});
    EXPECT_TRUE(table.out.contains(QStringLiteral("Fitness")));
    EXPECT_TRUE(table.out.contains(QStringLiteral("Race day")));
}

TEST_F(cliPlan, MistakesAreClearErrors)
{
    const CliResult noRace = cli({QStringLiteral("plan"), QStringLiteral("week")});
    EXPECT_EQ(noRace.exitCode, 1);
    EXPECT_TRUE(noRace.err.contains(QStringLiteral("race set"))) << noRace;
    const CliResult badDistance = cli({QStringLiteral("race"), QStringLiteral("set"), QStringLiteral("--date"),
                                       inWeeks(10), QStringLiteral("--distance"), QStringLiteral("marathon")});
    EXPECT_EQ(badDistance.exitCode, 2);
    EXPECT_TRUE(badDistance.err.contains(QStringLiteral("marathon"))) << badDistance;
    const CliResult past = cli({QStringLiteral("race"), QStringLiteral("set"), QStringLiteral("--date"),
                                QStringLiteral("2020-05-01"), QStringLiteral("--distance"), QStringLiteral("sprint")});
    EXPECT_EQ(past.exitCode, 2);
    EXPECT_TRUE(past.err.contains(QStringLiteral("has passed"))) << past;
    const CliResult badDay = cli({QStringLiteral("race"), QStringLiteral("set"), QStringLiteral("--date"), inWeeks(10),
                                  QStringLiteral("--distance"), QStringLiteral("sprint"), QStringLiteral("--days-off"),
                                  QStringLiteral("funday")});
    EXPECT_EQ(badDay.exitCode, 2);
    ASSERT_EQ(cli({QStringLiteral("race"), QStringLiteral("set"), QStringLiteral("--date"), inWeeks(10),
                   QStringLiteral("--distance"), QStringLiteral("sprint")})
                  .exitCode,
              0);
    const CliResult outside = cli(
        {QStringLiteral("plan"), QStringLiteral("week"), QStringLiteral("--week-start"), QStringLiteral("2001-01-01")});
    EXPECT_EQ(outside.exitCode, 2);
    EXPECT_TRUE(outside.err.contains(QStringLiteral("not in the plan"))) << outside;
}

TEST_F(cliPlan, PlanExportWritesTrainerFilesAndACalendar)
{
    cli({QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--ftp"), QStringLiteral("240"),
         QStringLiteral("--from"), QDate::currentDate().addDays(-10).toString(Qt::ISODate)});
    ASSERT_EQ(cli({QStringLiteral("race"), QStringLiteral("set"), QStringLiteral("--date"), inWeeks(14),
                   QStringLiteral("--distance"), QStringLiteral("olympic"), QStringLiteral("--hours-per-week"),
                   QStringLiteral("8")})
                  .exitCode,
              0);
    const QString out = pathFor(QStringLiteral("exports"));
    for (const char* format : {"zwo", "erg", "mrc", "fit"}) {
        const CliResult r = cli({QStringLiteral("plan"), QStringLiteral("export"), QStringLiteral("--format"),
                                 QLatin1String(format), QStringLiteral("--out"), out, QStringLiteral("--json")});
        ASSERT_EQ(r.exitCode, 0) << r;
        const QJsonArray written = r.object().value(QStringLiteral("written")).toArray();
        ASSERT_FALSE(written.isEmpty()) << format;
        for (const QJsonValue& f : written) {
            QFile file(f.toString());
            ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << f.toString().toStdString();
            const QByteArray bytes = file.readAll();
            EXPECT_TRUE(f.toString().endsWith(QLatin1Char('.') + QLatin1String(format)));
            if (QLatin1String(format) == QLatin1String("fit")) {
                EXPECT_EQ(bytes.mid(8, 4), QByteArray(".FIT"));
            } else if (QLatin1String(format) == QLatin1String("zwo")) {
                EXPECT_TRUE(bytes.contains("<workout_file>"));
            } else {
                EXPECT_TRUE(bytes.contains("[COURSE DATA]"));
            }
        }
    }
    const CliResult ics = cli({QStringLiteral("plan"), QStringLiteral("export"), QStringLiteral("--format"),
                               QStringLiteral("ics"), QStringLiteral("--out"), out});
    ASSERT_EQ(ics.exitCode, 0) << ics;
    QFile calendar(out + QStringLiteral("/tricoach-plan.ics"));
    ASSERT_TRUE(calendar.open(QIODevice::ReadOnly));
    EXPECT_GT(calendar.readAll().count("BEGIN:VEVENT"), 40);
    const CliResult bad = cli({QStringLiteral("plan"), QStringLiteral("export"), QStringLiteral("--format"),
                               QStringLiteral("pdf"), QStringLiteral("--out"), out});
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_TRUE(bad.err.contains(QStringLiteral("zwo, erg, mrc, fit, ics"))) << bad;
}

TEST_F(cliPlan, PlanRaceGivesPacingFuelAndAFinishTime)
{
    cli({QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--ftp"), QStringLiteral("250"),
         QStringLiteral("--threshold-pace"), QStringLiteral("4:20"), QStringLiteral("--from"),
         QDate::currentDate().addDays(-10).toString(Qt::ISODate)});
    ASSERT_EQ(cli({QStringLiteral("race"), QStringLiteral("set"), QStringLiteral("--date"), inWeeks(12),
                   QStringLiteral("--distance"), QStringLiteral("70.3")})
                  .exitCode,
              0);
    const CliResult r =
        cli({QStringLiteral("plan"), QStringLiteral("race"), QStringLiteral("--sweat-before"), QStringLiteral("72"),
             QStringLiteral("--sweat-after"), QStringLiteral("71"), QStringLiteral("--sweat-drank"),
             QStringLiteral("0.5"), QStringLiteral("--sweat-hours"), QStringLiteral("1"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QJsonObject s = r.object();
    const QJsonArray legs = s.value(QStringLiteral("legs")).toArray();
    ASSERT_EQ(legs.size(), 3);
    EXPECT_TRUE(legs[1].toObject().value(QStringLiteral("target")).toString().contains(QStringLiteral("W")));
    EXPECT_TRUE(legs[2].toObject().value(QStringLiteral("target")).toString().contains(QStringLiteral("/km")));
    const QJsonObject nutrition = s.value(QStringLiteral("nutrition")).toObject();
    EXPECT_DOUBLE_EQ(nutrition.value(QStringLiteral("fluid_ml_per_hour")).toDouble(), 1000); // 1.5 l/h, capped
    EXPECT_FALSE(nutrition.value(QStringLiteral("schedule")).toArray().isEmpty());
    EXPECT_GT(s.value(QStringLiteral("predicted_finish_min")).toDouble(), 240);
    EXPECT_LT(s.value(QStringLiteral("predicted_finish_min")).toDouble(), 420);
    const CliResult half =
        cli({QStringLiteral("plan"), QStringLiteral("race"), QStringLiteral("--sweat-before"), QStringLiteral("72")});
    EXPECT_EQ(half.exitCode, 2);
    EXPECT_TRUE(half.err.contains(QStringLiteral("--sweat-after"))) << half;
}

} // namespace
