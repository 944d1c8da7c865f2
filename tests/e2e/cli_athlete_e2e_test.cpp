// athlete set|show|add|list through the real binary, and thresholds feeding the loads of stored activities.
#include "tests/e2e/clitest.h"

#include <cmath>

namespace tricoach::test {
namespace {

using cliAthlete = CliTest;

QJsonObject showJson(const CliResult& r)
{
    EXPECT_EQ(r.exitCode, 0) << r;
    return r.object();
}

TEST_F(cliAthlete, SetThenShowCurrentValuesAndHistory)
{
    CliResult r =
        cli({QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--ftp"), QStringLiteral("250"),
             QStringLiteral("--lthr-run"), QStringLiteral("168"), QStringLiteral("--threshold-pace"),
             QStringLiteral("4:10"), QStringLiteral("--css"), QStringLiteral("1:45"), QStringLiteral("--weight"),
             QStringLiteral("70.5"), QStringLiteral("--from"), QStringLiteral("2024-01-01")});
    ASSERT_EQ(r.exitCode, 0) << r;
    r = cli({QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--ftp"), QStringLiteral("262"),
             QStringLiteral("--max-hr"), QStringLiteral("190"), QStringLiteral("--rest-hr"), QStringLiteral("48"),
             QStringLiteral("--lthr-bike"), QStringLiteral("160"), QStringLiteral("--lthr-swim"), QStringLiteral("150"),
             QStringLiteral("--from"), QStringLiteral("2024-05-01")});
    ASSERT_EQ(r.exitCode, 0) << r;

    const QJsonObject show =
        showJson(cli({QStringLiteral("athlete"), QStringLiteral("show"), QStringLiteral("--json")}));
    EXPECT_EQ(show.keys(), (QStringList{QStringLiteral("current"), QStringLiteral("history"), QStringLiteral("name")}));
    EXPECT_EQ(show.value(QStringLiteral("name")).toString(), QStringLiteral("Athlete"));
    const QJsonObject current = show.value(QStringLiteral("current")).toObject();
    EXPECT_EQ(current.keys(),
              (QStringList{QStringLiteral("css_sec_per_100m"), QStringLiteral("ftp"), QStringLiteral("lthr_bike"),
                           QStringLiteral("lthr_run"), QStringLiteral("lthr_swim"), QStringLiteral("max_hr"),
                           QStringLiteral("rest_hr"), QStringLiteral("run_power"),
                           QStringLiteral("threshold_pace_sec_per_km"), QStringLiteral("weight_kg")}));
    EXPECT_DOUBLE_EQ(current.value(QStringLiteral("ftp")).toDouble(), 262);
    EXPECT_DOUBLE_EQ(current.value(QStringLiteral("lthr_run")).toDouble(), 168);
    EXPECT_DOUBLE_EQ(current.value(QStringLiteral("lthr_bike")).toDouble(), 160);
    EXPECT_DOUBLE_EQ(current.value(QStringLiteral("lthr_swim")).toDouble(), 150);
    EXPECT_DOUBLE_EQ(current.value(QStringLiteral("max_hr")).toDouble(), 190);
    EXPECT_DOUBLE_EQ(current.value(QStringLiteral("rest_hr")).toDouble(), 48);
    EXPECT_NEAR(current.value(QStringLiteral("threshold_pace_sec_per_km")).toDouble(), 250, 1e-9);
    EXPECT_NEAR(current.value(QStringLiteral("css_sec_per_100m")).toDouble(), 105, 1e-9);
    EXPECT_DOUBLE_EQ(current.value(QStringLiteral("weight_kg")).toDouble(), 70.5);

    const QJsonArray history = show.value(QStringLiteral("history")).toArray();
    ASSERT_EQ(history.size(), 2);
    const QJsonObject first = history.at(0).toObject();
    EXPECT_EQ(first.value(QStringLiteral("from")).toString(), QStringLiteral("2024-01-01"));
    EXPECT_DOUBLE_EQ(first.value(QStringLiteral("ftp")).toDouble(), 250);
    EXPECT_FALSE(first.contains(QStringLiteral("max_hr"))); // only the fields that change sets
    const QJsonObject second = history.at(1).toObject();
    EXPECT_EQ(second.value(QStringLiteral("from")).toString(), QStringLiteral("2024-05-01"));
    EXPECT_EQ(second.keys(),
              (QStringList{QStringLiteral("from"), QStringLiteral("ftp"), QStringLiteral("lthr_bike"),
                           QStringLiteral("lthr_swim"), QStringLiteral("max_hr"), QStringLiteral("rest_hr")}));

    const CliResult human = cli({QStringLiteral("athlete"), QStringLiteral("show")});
    ASSERT_EQ(human.exitCode, 0) << human;
    for (const char* text : {"Athlete", "262 W", "4:10 /km", "1:45 /100 m", "2024-01-01", "2024-05-01"})
        EXPECT_TRUE(human.out.contains(QLatin1String(text))) << text << '\n' << human;
}

TEST_F(cliAthlete, UnsetThresholdsAreNull)
{
    const QJsonObject show =
        showJson(cli({QStringLiteral("athlete"), QStringLiteral("show"), QStringLiteral("--json")}));
    const QJsonObject current = show.value(QStringLiteral("current")).toObject();
    EXPECT_EQ(current.size(), 10);
    for (auto it = current.begin(); it != current.end(); ++it)
        EXPECT_TRUE(it.value().isNull()) << it.key().toStdString();
    EXPECT_TRUE(show.value(QStringLiteral("history")).toArray().isEmpty());
}

// Run load = 100 × hours × (speed / threshold speed)², written out independently of core/metrics.
double runLoad(double km, double minutes, double paceSecPerKm)
{
    const double speed = km * 1000 / (minutes * 60);
    const double threshold = 1000 / paceSecPerKm;
    return 100 * (minutes / 60) * std::pow(speed / threshold, 2);
}

TEST_F(cliAthlete, ThresholdFromAnEarlierDateChangesTheLoadOfAStoredRun)
{
    const QJsonObject run = add({QStringLiteral("--date"), QStringLiteral("2024-06-01"), QStringLiteral("--sport"),
                                 QStringLiteral("Run"), QStringLiteral("--duration-min"), QStringLiteral("50"),
                                 QStringLiteral("--distance-km"), QStringLiteral("10")});
    EXPECT_NE(run.value(QStringLiteral("load_source")).toString(), QStringLiteral("pace"));
    const QJsonObject rated = addLoad(QStringLiteral("2024-06-02"), 42); // the user's value must survive

    CliResult r = cli({QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--threshold-pace"),
                       QStringLiteral("4:10"), QStringLiteral("--from"), QStringLiteral("2024-05-01")});
    ASSERT_EQ(r.exitCode, 0) << r;
    auto stored = [this](int index) {
        const CliResult list = cli({QStringLiteral("activities"), QStringLiteral("--json")});
        EXPECT_EQ(list.exitCode, 0) << list;
        return list.array().at(index).toObject();
    };
    QJsonObject a = stored(0);
    EXPECT_EQ(a.value(QStringLiteral("load_source")).toString(), QStringLiteral("pace"));
    EXPECT_NEAR(a.value(QStringLiteral("load")).toDouble(), runLoad(10, 50, 250), 1e-9);
    EXPECT_DOUBLE_EQ(stored(1).value(QStringLiteral("load")).toDouble(), 42);
    EXPECT_EQ(stored(1).value(QStringLiteral("load_source")).toString(), QStringLiteral("user"));

    // A later change does not reach back before its date.
    r = cli({QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--threshold-pace"),
             QStringLiteral("5:00"), QStringLiteral("--from"), QStringLiteral("2024-07-01")});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_NEAR(stored(0).value(QStringLiteral("load")).toDouble(), runLoad(10, 50, 250), 1e-9);

    // A change between the first one and the run's day replaces the pace in force on that day.
    r = cli({QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--threshold-pace"),
             QStringLiteral("4:00"), QStringLiteral("--from"), QStringLiteral("2024-05-15")});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_NEAR(stored(0).value(QStringLiteral("load")).toDouble(), runLoad(10, 50, 240), 1e-9);

    // The chart follows the recomputed load.
    const CliResult chart = cli({QStringLiteral("pmc"), QStringLiteral("--from"), QStringLiteral("2024-06-01"),
                                 QStringLiteral("--to"), QStringLiteral("2024-06-01"), QStringLiteral("--json")});
    EXPECT_NEAR(chart.array().at(0).toObject().value(QStringLiteral("tss")).toDouble(), runLoad(10, 50, 240), 1e-9);
}

TEST_F(cliAthlete, AddAndListProfiles)
{
    CliResult r =
        cli({QStringLiteral("athlete"), QStringLiteral("add"), QStringLiteral("Anna"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_EQ(r.object().value(QStringLiteral("name")).toString(), QStringLiteral("Anna"));
    r = cli({QStringLiteral("athlete"), QStringLiteral("add"), QStringLiteral("Ben Smith")});
    ASSERT_EQ(r.exitCode, 0) << r;

    r = cli({QStringLiteral("athlete"), QStringLiteral("add"), QStringLiteral("Anna")});
    EXPECT_EQ(r.exitCode, 1) << r; // the store refuses a second Anna, with its message
    EXPECT_TRUE(r.err.contains(QStringLiteral("Anna"))) << r;

    r = cli({QStringLiteral("athlete"), QStringLiteral("list"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QJsonArray list = r.array();
    ASSERT_EQ(list.size(), 2);
    EXPECT_EQ(list.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Anna"));
    EXPECT_EQ(list.at(1).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Ben Smith"));

    r = cli({QStringLiteral("athlete"), QStringLiteral("list")});
    EXPECT_TRUE(r.out.contains(QStringLiteral("Ben Smith"))) << r;

    r = cli({QStringLiteral("--athlete"), QStringLiteral("Ben Smith"), QStringLiteral("athlete"), QStringLiteral("set"),
             QStringLiteral("--ftp"), QStringLiteral("300"), QStringLiteral("--from"), QStringLiteral("2024-01-01")});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QJsonObject anna =
        showJson(cli({QStringLiteral("--athlete"), QStringLiteral("Anna"), QStringLiteral("athlete"),
                      QStringLiteral("show"), QStringLiteral("--json")}));
    EXPECT_TRUE(anna.value(QStringLiteral("current")).toObject().value(QStringLiteral("ftp")).isNull());
}

TEST_F(cliAthlete, BadThresholdsAreUsageErrors)
{
    for (const QStringList& args : {QStringList{QStringLiteral("--ftp"), QStringLiteral("-10")},
                                    QStringList{QStringLiteral("--ftp"), QStringLiteral("abc")},
                                    QStringList{QStringLiteral("--threshold-pace"), QStringLiteral("4:75")},
                                    QStringList{QStringLiteral("--css"), QStringLiteral("fast")},
                                    QStringList{QStringLiteral("--ftp"), QStringLiteral("250"),
                                                QStringLiteral("--from"), QStringLiteral("01/02/2024")},
                                    QStringList{}}) {
        const CliResult r = cli(QStringList{QStringLiteral("athlete"), QStringLiteral("set")} + args);
        EXPECT_EQ(r.exitCode, 2) << args.join(QLatin1Char(' ')).toStdString() << '\n' << r;
        EXPECT_FALSE(r.err.isEmpty()) << r;
    }
}

} // namespace
} // namespace tricoach::test
