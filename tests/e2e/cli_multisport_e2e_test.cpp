// Races and pool swims through the real binary: `activities` lists a triathlon as one session with its legs,
// `activities show` gives a pool swim's sets (checked against the lengths `decode` prints) and a leg's race.
#include "tests/e2e/clitest.h"

#include <QRegularExpression>

#include <cmath>

namespace tricoach::test {
namespace {

using cliMultisport = CliTest;

QString corpus(const char* rel)
{
    return QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/") + QLatin1String(rel);
}

class CliRaceTest : public CliTest {
protected:
    void SetUp() override
    {
        CliTest::SetUp();
        const CliResult r = cli({QStringLiteral("import"), corpus("fit/triathlon-garmin-fr920xt-chained.fit"),
                                 corpus("fit/swim-pool-garmin-fr945-25m-chained.fit"),
                                 corpus("fit/swim-pool-garmin-fr735xt-25yd-chained.fit")});
        ASSERT_EQ(r.exitCode, 0) << r;
    }

    QJsonArray list(const QStringList& extra = {}) const
    {
        const CliResult r = cli(QStringList{QStringLiteral("activities"), QStringLiteral("--json")} + extra);
        EXPECT_EQ(r.exitCode, 0) << r;
        return r.array();
    }

    QJsonObject race() const
    {
        for (const QJsonValue& v : list())
            if (v.toObject().contains(QStringLiteral("legs")))
                return v.toObject();
        ADD_FAILURE() << "no session with legs";
        return {};
    }
};

using cliRace = CliRaceTest;

TEST_F(cliRace, ATriathlonIsOneSessionWithItsLegsInJson)
{
    const QJsonArray all = list();
    ASSERT_EQ(all.size(), 3); // the race and two pool swims: seven activities stored
    const QJsonObject r = race();
    EXPECT_EQ(r.value(QStringLiteral("sport")).toString(), QStringLiteral("Triathlon"));
    const QJsonArray legs = r.value(QStringLiteral("legs")).toArray();
    ASSERT_EQ(legs.size(), 5);
    const QStringList sports{QStringLiteral("Swim"), QStringLiteral("Transition"), QStringLiteral("Bike"),
                             QStringLiteral("Transition"), QStringLiteral("Run")};
    double minutes = 0, load = 0, km = 0;
    for (int i = 0; i < 5; ++i) {
        const QJsonObject leg = legs.at(i).toObject();
        EXPECT_EQ(leg.value(QStringLiteral("sport")).toString(), sports[i]) << i;
        EXPECT_EQ(leg.value(QStringLiteral("leg")).toInt(), i);
        EXPECT_GT(leg.value(QStringLiteral("id")).toInteger(), 0);
        minutes += leg.value(QStringLiteral("duration_min")).toDouble();
        load += leg.value(QStringLiteral("load")).toDouble();
        if (sports[i] != QLatin1String("Transition"))
            km += leg.value(QStringLiteral("distance_km")).toDouble();
    }
    EXPECT_EQ(legs.at(0).toObject().value(QStringLiteral("sub_sport")).toString(), QStringLiteral("OpenWaterSwim"));
    EXPECT_EQ(legs.at(1).toObject().value(QStringLiteral("transition")).toString(), QStringLiteral("T1"));
    EXPECT_EQ(legs.at(3).toObject().value(QStringLiteral("transition")).toString(), QStringLiteral("T2"));
    EXPECT_TRUE(legs.at(2).toObject().value(QStringLiteral("transition")).isNull());
    EXPECT_NEAR(r.value(QStringLiteral("duration_min")).toDouble(), minutes, 1e-9);
    EXPECT_NEAR(r.value(QStringLiteral("load")).toDouble(), load, 1e-9);
    EXPECT_NEAR(r.value(QStringLiteral("distance_km")).toDouble(), km, 1e-9);
    EXPECT_NEAR(r.value(QStringLiteral("transition_sec")).toDouble(),
                (legs.at(1).toObject().value(QStringLiteral("duration_min")).toDouble() +
                 legs.at(3).toObject().value(QStringLiteral("duration_min")).toDouble()) *
                    60,
                1e-6);
}

TEST_F(cliRace, TheTableHasOneLinePerSessionAndItsLegsIndented)
{
    const CliResult r = cli({QStringLiteral("activities")});
    ASSERT_EQ(r.exitCode, 0) << r;
    QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_GE(lines.size(), 2);
    lines = lines.mid(2); // header and rule
    ASSERT_EQ(lines.size(), 3 + 5) << r;
    const QRegularExpression raceLine(QStringLiteral("^\\d{4}-\\d\\d-\\d\\d +Triathlon"));
    int at = -1;
    for (int i = 0; i < lines.size(); ++i)
        if (raceLine.match(lines[i]).hasMatch())
            at = i;
    ASSERT_GE(at, 0) << r;
    for (int i = 1; i <= 5; ++i)
        EXPECT_TRUE(lines[at + i].startsWith(QLatin1Char(' '))) << lines[at + i].toStdString();
    EXPECT_TRUE(lines[at + 2].contains(QStringLiteral("T1"))) << r;
    EXPECT_TRUE(lines[at + 4].contains(QStringLiteral("T2"))) << r;
    EXPECT_FALSE(r.out.contains(QStringLiteral("/km"))) << r;
    // The race's duration reads like its legs' (h:mm:ss above m:ss), not "1:07" over "11:16".
    static const QRegularExpression hms(QStringLiteral(" \\d+:\\d\\d:\\d\\d "));
    EXPECT_TRUE(hms.match(lines[at]).hasMatch()) << lines[at].toStdString();
}

TEST_F(cliRace, FiltersKeepTheRaceWhole)
{
    QJsonArray swims = list({QStringLiteral("--sport"), QStringLiteral("Swim")});
    ASSERT_EQ(swims.size(), 3); // two pool swims and the race that opens with a swim
    int races = 0;
    for (const QJsonValue& v : swims)
        races += v.toObject().value(QStringLiteral("legs")).toArray().size() == 5 ? 1 : 0;
    EXPECT_EQ(races, 1);
    EXPECT_EQ(list({QStringLiteral("--sport"), QStringLiteral("Transition")}).size(), 1);
    EXPECT_EQ(list({QStringLiteral("--sport"), QStringLiteral("Row")}).size(), 0);
    // --limit counts sessions: the most recent one, the 2019 pool swim (the race is 2018).
    const QJsonArray last = list({QStringLiteral("--limit"), QStringLiteral("1")});
    ASSERT_EQ(last.size(), 1);
    EXPECT_EQ(last.at(0).toObject().value(QStringLiteral("date")).toString(), QStringLiteral("2019-07-21"));
}

// Sets counted from `decode`'s lengths: a new set after every rest and at every change of stroke.
struct Counted {
    int lengths = 0;
    double seconds = 0;
};
std::vector<Counted> countSets(const QJsonArray& lengths)
{
    std::vector<Counted> sets;
    bool resting = true;
    QString stroke;
    for (const QJsonValue& v : lengths) {
        const QJsonObject l = v.toObject();
        if (!l.value(QStringLiteral("active")).toBool()) {
            resting = true;
            continue;
        }
        const QString s = l.value(QStringLiteral("stroke")).toString();
        if (resting || s != stroke)
            sets.push_back({});
        resting = false;
        stroke = s;
        ++sets.back().lengths;
        sets.back().seconds += l.value(QStringLiteral("duration_sec")).toDouble();
    }
    return sets;
}

TEST_F(cliRace, ShowGivesAPoolSwimsSetsPer100OfItsPool)
{
    struct Case {
        const char* file;
        double pool;
        const char* unit;
        double unitMetres;
    } cases[] = {{"fit/swim-pool-garmin-fr945-25m-chained.fit", 25.0, "/100 m", 1.0},
                 {"fit/swim-pool-garmin-fr735xt-25yd-chained.fit", 22.86, "/100 yd", 0.9144}};
    for (const Case& c : cases) {
        const CliResult decoded =
            run({QStringLiteral("decode"), corpus(c.file), QStringLiteral("--json"), QStringLiteral("--no-streams")});
        ASSERT_EQ(decoded.exitCode, 0) << decoded;
        const QJsonArray lengths = decoded.object()
                                       .value(QStringLiteral("activities"))
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value(QStringLiteral("lengths"))
                                       .toArray();
        const auto expected = countSets(lengths);
        ASSERT_FALSE(expected.empty());

        // The stored swim of that pool.
        qint64 id = 0;
        for (const QJsonValue& v : list()) {
            if (v.toObject().value(QStringLiteral("sub_sport")).toString() != QLatin1String("PoolSwim"))
                continue;
            const qint64 candidate = v.toObject().value(QStringLiteral("id")).toInteger();
            const QJsonObject shown = cli({QStringLiteral("activities"), QStringLiteral("show"),
                                           QString::number(candidate), QStringLiteral("--json")})
                                          .object();
            if (std::abs(shown.value(QStringLiteral("pool_length_m")).toDouble() - c.pool) < 1e-6)
                id = candidate;
        }
        ASSERT_GT(id, 0) << c.file;
        const CliResult shown =
            cli({QStringLiteral("activities"), QStringLiteral("show"), QString::number(id), QStringLiteral("--json")});
        ASSERT_EQ(shown.exitCode, 0) << shown;
        const QJsonObject swim = shown.object();
        EXPECT_EQ(swim.value(QStringLiteral("pace")).toObject().value(QStringLiteral("unit")).toString(),
                  QLatin1String(c.unit));
        const QJsonArray sets = swim.value(QStringLiteral("sets")).toArray();
        ASSERT_EQ(sets.size(), static_cast<qsizetype>(expected.size())) << c.file;
        double distance = 0;
        int active = 0;
        for (qsizetype i = 0; i < sets.size(); ++i) {
            const QJsonObject s = sets.at(i).toObject();
            const Counted& e = expected[static_cast<std::size_t>(i)];
            EXPECT_EQ(s.value(QStringLiteral("lengths")).toInt(), e.lengths) << i;
            EXPECT_NEAR(s.value(QStringLiteral("time_sec")).toDouble(), e.seconds, 1e-6) << i;
            EXPECT_NEAR(s.value(QStringLiteral("distance_m")).toDouble(), e.lengths * c.pool, 1e-6) << i;
            EXPECT_NEAR(s.value(QStringLiteral("pace_sec_per_100")).toDouble(),
                        e.seconds / (e.lengths * c.pool / c.unitMetres) * 100, 1e-6)
                << i;
            distance += s.value(QStringLiteral("distance_m")).toDouble();
            active += e.lengths;
        }
        EXPECT_NEAR(distance, active * c.pool, 1e-6);

        const CliResult text = cli({QStringLiteral("activities"), QStringLiteral("show"), QString::number(id)});
        ASSERT_EQ(text.exitCode, 0) << text;
        EXPECT_TRUE(text.out.contains(QStringLiteral("Sets: %1").arg(expected.size()))) << text;
        EXPECT_TRUE(text.out.contains(QStringLiteral("Pace ") + QLatin1String(c.unit))) << text;
    }
}

TEST_F(cliRace, ShowOnALegGivesTheRaceWithItsTransitions)
{
    const QJsonArray legs = race().value(QStringLiteral("legs")).toArray();
    ASSERT_EQ(legs.size(), 5);
    const QString t1 = QString::number(legs.at(1).toObject().value(QStringLiteral("id")).toInteger());
    const CliResult text = cli({QStringLiteral("activities"), QStringLiteral("show"), t1});
    ASSERT_EQ(text.exitCode, 0) << text;
    EXPECT_TRUE(text.out.contains(QStringLiteral("Triathlon of 5 legs"))) << text;
    // A transition is a time: no distance or pace of its own, none in its row of the race.
    EXPECT_FALSE(text.out.contains(QStringLiteral("\n  Pace"))) << text;
    EXPECT_FALSE(text.out.contains(QStringLiteral("\n  Distance"))) << text;
    for (const QString& line : text.out.split(QLatin1Char('\n')))
        if (line.startsWith(QStringLiteral("T1")) || line.startsWith(QStringLiteral("T2"))) {
            EXPECT_FALSE(line.contains(QLatin1Char('/')) || line.contains(QStringLiteral("km"))) << line.toStdString();
        }
    const CliResult json = cli({QStringLiteral("activities"), QStringLiteral("show"), t1, QStringLiteral("--json")});
    ASSERT_EQ(json.exitCode, 0) << json;
    const QJsonObject shown = json.object();
    EXPECT_TRUE(shown.value(QStringLiteral("pace")).isNull());
    EXPECT_EQ(shown.value(QStringLiteral("session")).toObject().value(QStringLiteral("legs")).toArray().size(), 5);
    // The run leg's pace is per km, from its own speed.
    const QString runId = QString::number(legs.at(4).toObject().value(QStringLiteral("id")).toInteger());
    const QJsonObject runLeg =
        cli({QStringLiteral("activities"), QStringLiteral("show"), runId, QStringLiteral("--json")}).object();
    const QJsonObject pace = runLeg.value(QStringLiteral("pace")).toObject();
    EXPECT_EQ(pace.value(QStringLiteral("unit")).toString(), QStringLiteral("/km"));
    const double km = runLeg.value(QStringLiteral("distance_km")).toDouble();
    const double seconds = runLeg.value(QStringLiteral("moving_sec")).toDouble();
    EXPECT_NEAR(pace.value(QStringLiteral("value")).toDouble(), seconds / km, seconds / km * 0.05);
}

TEST_F(cliMultisport, ShowRefusesWhatIsNotAnActivity)
{
    addLoad(QStringLiteral("2024-06-01"), 40);
    const CliResult missing = cli({QStringLiteral("activities"), QStringLiteral("show"), QStringLiteral("999")});
    EXPECT_EQ(missing.exitCode, 1) << missing;
    EXPECT_TRUE(missing.err.contains(QStringLiteral("no activity 999"))) << missing;
    const CliResult word = cli({QStringLiteral("activities"), QStringLiteral("show"), QStringLiteral("latest")});
    EXPECT_EQ(word.exitCode, 2) << word;
    EXPECT_TRUE(word.err.contains(QStringLiteral("latest"))) << word;
    // `activities` alone still lists.
    const CliResult listed = cli({QStringLiteral("activities")});
    EXPECT_EQ(listed.exitCode, 0) << listed;
    EXPECT_TRUE(listed.out.contains(QStringLiteral("2024-06-01"))) << listed;
}

TEST_F(cliMultisport, EverySportCanBeLoggedAndTheErrorNamesThemAll)
{
    for (const char* sport : {"Walk", "Hike", "Row", "Strength", "Transition"}) {
        const QJsonObject added =
            add({QStringLiteral("--date"), QStringLiteral("2024-06-01"), QStringLiteral("--sport"),
                 QLatin1String(sport), QStringLiteral("--duration-min"), QStringLiteral("30")});
        EXPECT_EQ(added.value(QStringLiteral("sport")).toString(), QLatin1String(sport));
    }
    const CliResult bad =
        cli({QStringLiteral("add"), QStringLiteral("--date"), QStringLiteral("2024-06-01"), QStringLiteral("--sport"),
             QStringLiteral("Curling"), QStringLiteral("--duration-min"), QStringLiteral("30")});
    EXPECT_EQ(bad.exitCode, 2) << bad;
    for (const char* sport : {"Swim", "Bike", "Run", "Brick", "Walk", "Hike", "Row", "Strength", "Transition", "Other"})
        EXPECT_TRUE(bad.err.contains(QLatin1String(sport))) << sport << bad;
}

} // namespace
} // namespace tricoach::test
