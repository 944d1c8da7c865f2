// add and activities through the real binary: what goes in comes back out, in the table and in JSON.
#include "tests/e2e/clitest.h"

#include <set>

namespace tricoach::test {
namespace {

using cliActivities = CliTest;

QStringList keysOf(const QJsonObject& o)
{
    return o.keys();
}

TEST_F(cliActivities, AddPrintsIdDateSportAndLoadAsJson)
{
    const QJsonObject added =
        add({QStringLiteral("--date"), QStringLiteral("2024-06-01"), QStringLiteral("--sport"), QStringLiteral("Run"),
             QStringLiteral("--duration-min"), QStringLiteral("50"), QStringLiteral("--tss"), QStringLiteral("65.5")});
    EXPECT_EQ(keysOf(added), (QStringList{QStringLiteral("date"), QStringLiteral("id"), QStringLiteral("load"),
                                          QStringLiteral("load_source"), QStringLiteral("sport")}));
    EXPECT_GT(added.value(QStringLiteral("id")).toInteger(), 0);
    EXPECT_EQ(added.value(QStringLiteral("date")).toString(), QStringLiteral("2024-06-01"));
    EXPECT_EQ(added.value(QStringLiteral("sport")).toString(), QStringLiteral("Run"));
    EXPECT_DOUBLE_EQ(added.value(QStringLiteral("load")).toDouble(), 65.5); // the user's value wins
    EXPECT_EQ(added.value(QStringLiteral("load_source")).toString(), QStringLiteral("user"));
}

TEST_F(cliActivities, AddHumanOutputNamesIdAndLoad)
{
    const CliResult r = cli({QStringLiteral("add"), QStringLiteral("--date"), QStringLiteral("2024-06-01"),
                             QStringLiteral("--sport"), QStringLiteral("Bike"), QStringLiteral("--duration-min"),
                             QStringLiteral("60"), QStringLiteral("--tss"), QStringLiteral("70")});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("1"))) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("70.0"))) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("user"))) << r;
    EXPECT_TRUE(r.err.isEmpty()) << r;
}

TEST_F(cliActivities, EveryFieldRoundTripsThroughJson)
{
    const QJsonObject added = add(
        {QStringLiteral("--date"), QStringLiteral("2024-06-01"), QStringLiteral("--sport"), QStringLiteral("running"),
         QStringLiteral("--duration-min"), QStringLiteral("50"), QStringLiteral("--distance-km"), QStringLiteral("10"),
         QStringLiteral("--rpe"), QStringLiteral("6"), QStringLiteral("--title"), QStringLiteral("Tempo by the river"),
         QStringLiteral("--notes"), QStringLiteral("felt good"), QStringLiteral("--sub-sport"),
         QStringLiteral("TrailRun"), QStringLiteral("--avg-hr"), QStringLiteral("150")});
    const CliResult r = cli({QStringLiteral("activities"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QJsonArray list = r.array();
    ASSERT_EQ(list.size(), 1);
    const QJsonObject a = list.at(0).toObject();
    const std::set<QString> expectedKeys{
        QStringLiteral("id"),           QStringLiteral("date"),       QStringLiteral("start_utc"),
        QStringLiteral("sport"),        QStringLiteral("sub_sport"),  QStringLiteral("title"),
        QStringLiteral("duration_min"), QStringLiteral("moving_sec"), QStringLiteral("elapsed_sec"),
        QStringLiteral("distance_km"),  QStringLiteral("load"),       QStringLiteral("load_source"),
        QStringLiteral("rpe"),          QStringLiteral("source"),     QStringLiteral("external_id")};
    const QStringList keys = a.keys();
    EXPECT_EQ(std::set<QString>(keys.begin(), keys.end()), expectedKeys);
    EXPECT_EQ(a.value(QStringLiteral("id")).toInteger(), added.value(QStringLiteral("id")).toInteger());
    EXPECT_EQ(a.value(QStringLiteral("date")).toString(), QStringLiteral("2024-06-01"));
    const QDateTime start = QDateTime::fromString(a.value(QStringLiteral("start_utc")).toString(), Qt::ISODate);
    EXPECT_TRUE(start.isValid()) << a.value(QStringLiteral("start_utc")).toString().toStdString();
    EXPECT_EQ(a.value(QStringLiteral("sport")).toString(), QStringLiteral("Run")); // synonym normalised
    EXPECT_EQ(a.value(QStringLiteral("sub_sport")).toString(), QStringLiteral("TrailRun"));
    EXPECT_EQ(a.value(QStringLiteral("title")).toString(), QStringLiteral("Tempo by the river"));
    EXPECT_DOUBLE_EQ(a.value(QStringLiteral("duration_min")).toDouble(), 50);
    EXPECT_DOUBLE_EQ(a.value(QStringLiteral("moving_sec")).toDouble(), 3000);
    EXPECT_DOUBLE_EQ(a.value(QStringLiteral("elapsed_sec")).toDouble(), 3000);
    EXPECT_DOUBLE_EQ(a.value(QStringLiteral("distance_km")).toDouble(), 10);
    EXPECT_DOUBLE_EQ(a.value(QStringLiteral("load")).toDouble(), added.value(QStringLiteral("load")).toDouble());
    EXPECT_GT(a.value(QStringLiteral("load")).toDouble(), 0);
    EXPECT_EQ(a.value(QStringLiteral("load_source")).toString(), added.value(QStringLiteral("load_source")).toString());
    EXPECT_EQ(a.value(QStringLiteral("rpe")).toInt(), 6);
    EXPECT_EQ(a.value(QStringLiteral("source")).toString(), QStringLiteral("manual"));
    EXPECT_TRUE(a.value(QStringLiteral("external_id")).isNull());
}

TEST_F(cliActivities, UnknownValuesAreNullInJson)
{
    addLoad(QStringLiteral("2024-06-01"), 40, QStringLiteral("Strength"), 45);
    const QJsonObject a = cli({QStringLiteral("activities"), QStringLiteral("--json")}).array().at(0).toObject();
    EXPECT_TRUE(a.value(QStringLiteral("distance_km")).isNull());
    EXPECT_TRUE(a.value(QStringLiteral("rpe")).isNull());
    EXPECT_EQ(a.value(QStringLiteral("sport")).toString(), QStringLiteral("Strength"));
}

TEST_F(cliActivities, TableShowsTheColumnsAndValues)
{
    add({QStringLiteral("--date"), QStringLiteral("2024-06-01"), QStringLiteral("--sport"), QStringLiteral("Swim"),
         QStringLiteral("--duration-min"), QStringLiteral("65"), QStringLiteral("--distance-km"), QStringLiteral("2.5"),
         QStringLiteral("--tss"), QStringLiteral("55"), QStringLiteral("--title"), QStringLiteral("Pool intervals")});
    const CliResult r = cli({QStringLiteral("activities")});
    ASSERT_EQ(r.exitCode, 0) << r;
    for (const char* header : {"Date", "Sport", "Title", "Duration", "Distance", "Load", "Source"})
        EXPECT_TRUE(r.out.contains(QLatin1String(header))) << header << '\n' << r;
    for (const char* cell : {"2024-06-01", "Swim", "Pool intervals", "1:05", "2.50", "55.0", "manual"})
        EXPECT_TRUE(r.out.contains(QLatin1String(cell))) << cell << '\n' << r;
}

TEST_F(cliActivities, FiltersByDateSportTextAndLimit)
{
    addLoad(QStringLiteral("2024-06-01"), 10, QStringLiteral("Run"));
    addLoad(QStringLiteral("2024-06-02"), 20, QStringLiteral("Bike"));
    addLoad(QStringLiteral("2024-06-03"), 30, QStringLiteral("Run"));
    add({QStringLiteral("--date"), QStringLiteral("2024-06-04"), QStringLiteral("--sport"), QStringLiteral("Swim"),
         QStringLiteral("--duration-min"), QStringLiteral("30"), QStringLiteral("--title"),
         QStringLiteral("Open water"), QStringLiteral("--tss"), QStringLiteral("40")});
    auto loads = [this](const QStringList& filter) {
        QList<double> out;
        const CliResult r = cli(QStringList{QStringLiteral("activities"), QStringLiteral("--json")} + filter);
        EXPECT_EQ(r.exitCode, 0) << r;
        for (const QJsonValue& v : r.array())
            out << v.toObject().value(QStringLiteral("load")).toDouble();
        return out;
    };
    EXPECT_EQ(loads({}), (QList<double>{10, 20, 30, 40}));
    EXPECT_EQ(loads({QStringLiteral("--from"), QStringLiteral("2024-06-02"), QStringLiteral("--to"),
                     QStringLiteral("2024-06-03")}),
              (QList<double>{20, 30}));
    EXPECT_EQ(loads({QStringLiteral("--sport"), QStringLiteral("run")}), (QList<double>{10, 30}));
    EXPECT_EQ(loads({QStringLiteral("--search"), QStringLiteral("WATER")}), (QList<double>{40}));
    EXPECT_EQ(loads({QStringLiteral("--limit"), QStringLiteral("2")}).size(), 2);
}

// The activity's local calendar day is the --date given, whatever the computer's time zone.
TEST_F(cliActivities, LocalDayIsTheGivenDateInAnyTimeZone)
{
    for (const char* zone : {"UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/Los_Angeles"}) {
        QProcessEnvironment env;
        env.insert(QStringLiteral("TZ"), QLatin1String(zone));
        for (const char* date : {"2024-03-31", "2024-10-27", "2024-12-31"}) {
            const CliResult r = cli({QStringLiteral("add"), QStringLiteral("--date"), QLatin1String(date),
                                     QStringLiteral("--sport"), QStringLiteral("Run"), QStringLiteral("--duration-min"),
                                     QStringLiteral("30"), QStringLiteral("--json")},
                                    env);
            ASSERT_EQ(r.exitCode, 0) << r;
            EXPECT_EQ(r.object().value(QStringLiteral("date")).toString(), QLatin1String(date)) << zone;
        }
    }
    const CliResult list = cli({QStringLiteral("activities"), QStringLiteral("--json")});
    for (const QJsonValue& v : list.array()) {
        const QString date = v.toObject().value(QStringLiteral("date")).toString();
        EXPECT_TRUE(date == QLatin1String("2024-03-31") || date == QLatin1String("2024-10-27") ||
                    date == QLatin1String("2024-12-31"))
            << date.toStdString();
    }
}

TEST_F(cliActivities, EmptyLogPrintsAnEmptyJsonArray)
{
    const CliResult r = cli({QStringLiteral("activities"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.array().isEmpty());
}

TEST_F(cliActivities, TwoAthletesDataDoesNotMix)
{
    ASSERT_EQ(cli({QStringLiteral("athlete"), QStringLiteral("add"), QStringLiteral("Anna")}).exitCode, 0);
    ASSERT_EQ(cli({QStringLiteral("athlete"), QStringLiteral("add"), QStringLiteral("Ben")}).exitCode, 0);
    auto addFor = [this](const QString& who, const QString& date, const QString& tss) {
        const CliResult r = cli({QStringLiteral("--athlete"), who, QStringLiteral("add"), QStringLiteral("--date"),
                                 date, QStringLiteral("--sport"), QStringLiteral("Run"),
                                 QStringLiteral("--duration-min"), QStringLiteral("40"), QStringLiteral("--tss"), tss});
        EXPECT_EQ(r.exitCode, 0) << r;
    };
    addFor(QStringLiteral("Anna"), QStringLiteral("2024-06-01"), QStringLiteral("100"));
    addFor(QStringLiteral("Ben"), QStringLiteral("2024-06-01"), QStringLiteral("7"));
    // --athlete after the command works too.
    const QJsonArray anna = cli({QStringLiteral("activities"), QStringLiteral("--json"), QStringLiteral("--athlete"),
                                 QStringLiteral("Anna")})
                                .array();
    ASSERT_EQ(anna.size(), 1);
    EXPECT_DOUBLE_EQ(anna.at(0).toObject().value(QStringLiteral("load")).toDouble(), 100);

    const QJsonArray benChart = cli({QStringLiteral("--athlete"), QStringLiteral("Ben"), QStringLiteral("pmc"),
                                     QStringLiteral("--from"), QStringLiteral("2024-06-01"), QStringLiteral("--to"),
                                     QStringLiteral("2024-06-01"), QStringLiteral("--json")})
                                    .array();
    ASSERT_EQ(benChart.size(), 1);
    EXPECT_DOUBLE_EQ(benChart.at(0).toObject().value(QStringLiteral("tss")).toDouble(), 7);

    // Without --athlete the first profile is used (Anna here: "Athlete" is only created when there is none).
    const QJsonArray byDefault = cli({QStringLiteral("activities"), QStringLiteral("--json")}).array();
    ASSERT_EQ(byDefault.size(), 1);
    EXPECT_DOUBLE_EQ(byDefault.at(0).toObject().value(QStringLiteral("load")).toDouble(), 100);

    const CliResult unknown = cli({QStringLiteral("--athlete"), QStringLiteral("Carl"), QStringLiteral("activities")});
    EXPECT_EQ(unknown.exitCode, 1) << unknown;
    EXPECT_TRUE(unknown.err.contains(QStringLiteral("Carl"))) << unknown;
    EXPECT_TRUE(unknown.out.isEmpty()) << unknown;
}

// The 4-hour ride of the corpus whose power meter recorded only zeros: its load comes from heart rate, and
// `activities show` says why, in text and in JSON.
TEST_F(cliActivities, ShowSaysWhyTheLoadsSourceWasChosen)
{
    CliResult r = cli({QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--ftp"), QStringLiteral("250"),
                       QStringLiteral("--lthr-bike"), QStringLiteral("160"), QStringLiteral("--max-hr"),
                       QStringLiteral("188"), QStringLiteral("--rest-hr"), QStringLiteral("50"),
                       QStringLiteral("--from"), QStringLiteral("2000-01-01")});
    ASSERT_EQ(r.exitCode, 0) << r;
    r = cli({QStringLiteral("import"),
             QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/fit/invalid-sigma-unterminated.fit")});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QJsonArray list = cli({QStringLiteral("activities"), QStringLiteral("--json")}).array();
    ASSERT_EQ(list.size(), 1);
    const QString id = QString::number(list.at(0).toObject().value(QStringLiteral("id")).toInteger());

    r = cli({QStringLiteral("activities"), QStringLiteral("show"), id});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("The power meter recorded only zeros; heart rate was used."))) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("hr"))) << r;

    const QJsonObject shown =
        cli({QStringLiteral("activities"), QStringLiteral("show"), id, QStringLiteral("--json")}).object();
    EXPECT_EQ(shown.value(QStringLiteral("load_source")).toString(), QStringLiteral("hr"));
    EXPECT_EQ(shown.value(QStringLiteral("load_note")).toString(),
              QStringLiteral("The power meter recorded only zeros; heart rate was used."));
    EXPECT_GT(shown.value(QStringLiteral("load")).toDouble(), 150); // four hours of riding, not 0
    EXPECT_GT(shown.value(QStringLiteral("intensity")).toDouble(), 0.5);

    // An id that is not there, or not a number, is an error naming it.
    r = cli({QStringLiteral("activities"), QStringLiteral("show"), QStringLiteral("999")});
    EXPECT_EQ(r.exitCode, 1) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("999"))) << r;
    r = cli({QStringLiteral("activities"), QStringLiteral("show"), QStringLiteral("first")});
    EXPECT_EQ(r.exitCode, 2) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("first"))) << r;
}

// Another athlete's activity is not shown.
TEST_F(cliActivities, ShowKeepsToTheAthlete)
{
    ASSERT_EQ(cli({QStringLiteral("athlete"), QStringLiteral("add"), QStringLiteral("Anna")}).exitCode, 0);
    ASSERT_EQ(cli({QStringLiteral("athlete"), QStringLiteral("add"), QStringLiteral("Ben")}).exitCode, 0);
    const CliResult added =
        cli({QStringLiteral("--athlete"), QStringLiteral("Anna"), QStringLiteral("--json"), QStringLiteral("add"),
             QStringLiteral("--date"), QStringLiteral("2024-06-01"), QStringLiteral("--sport"), QStringLiteral("Run"),
             QStringLiteral("--duration-min"), QStringLiteral("30")});
    ASSERT_EQ(added.exitCode, 0) << added;
    const QString id = QString::number(added.object().value(QStringLiteral("id")).toInteger());
    EXPECT_EQ(cli({QStringLiteral("--athlete"), QStringLiteral("Anna"), QStringLiteral("activities"),
                   QStringLiteral("show"), id})
                  .exitCode,
              0);
    const CliResult other = cli(
        {QStringLiteral("--athlete"), QStringLiteral("Ben"), QStringLiteral("activities"), QStringLiteral("show"), id});
    EXPECT_EQ(other.exitCode, 1) << other;
    EXPECT_TRUE(other.out.isEmpty()) << other;
}

} // namespace
} // namespace tricoach::test
