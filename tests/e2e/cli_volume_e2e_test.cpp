// volume, distribution and heatmap through the real binary.
#include "tests/e2e/clitest.h"

#include <algorithm>

namespace tricoach::test {
namespace {

class CliVolumeTest : public CliTest {
protected:
    // Week of Monday 3 June: a run and a ride; week of 10 June: a short run; 12 June is a Wednesday.
    void SetUp() override
    {
        add({QStringLiteral("--date"), QStringLiteral("2024-06-03"), QStringLiteral("--sport"), QStringLiteral("Run"),
             QStringLiteral("--duration-min"), QStringLiteral("60"), QStringLiteral("--distance-km"),
             QStringLiteral("12"), QStringLiteral("--tss"), QStringLiteral("60")});
        add({QStringLiteral("--date"), QStringLiteral("2024-06-09"), QStringLiteral("--sport"), QStringLiteral("Bike"),
             QStringLiteral("--duration-min"), QStringLiteral("90"), QStringLiteral("--distance-km"),
             QStringLiteral("40"), QStringLiteral("--tss"), QStringLiteral("90")});
        addLoad(QStringLiteral("2024-06-10"), 30, QStringLiteral("Run"), 30);
    }

    QJsonArray json(const QStringList& args) const
    {
        const CliResult r = cli(args + QStringList{QStringLiteral("--json")});
        EXPECT_EQ(r.exitCode, 0) << r;
        return r.array();
    }
};

using cliVolume = CliVolumeTest;

QJsonObject totals(int count, double hours, double km, double load)
{
    return QJsonObject{{QStringLiteral("count"), count},
                       {QStringLiteral("hours"), hours},
                       {QStringLiteral("distance_km"), km},
                       {QStringLiteral("load"), load}};
}

TEST_F(cliVolume, VolumeJsonHasMondayWeeksPerSportAndTotal)
{
    const QJsonArray weeks = json({QStringLiteral("volume"), QStringLiteral("--weeks"), QStringLiteral("3"),
                                   QStringLiteral("--to"), QStringLiteral("2024-06-12")});
    ASSERT_EQ(weeks.size(), 3);
    EXPECT_EQ(weeks.at(0).toObject().value(QStringLiteral("week_start")).toString(), QStringLiteral("2024-05-27"));
    const QJsonObject w1 = weeks.at(1).toObject();
    EXPECT_EQ(w1.value(QStringLiteral("week_start")).toString(), QStringLiteral("2024-06-03"));
    EXPECT_EQ(w1.value(QStringLiteral("total")).toObject(), totals(2, 2.5, 52, 150));
    const QJsonObject sports = w1.value(QStringLiteral("sports")).toObject();
    EXPECT_EQ(sports.value(QStringLiteral("Run")).toObject(), totals(1, 1, 12, 60));
    EXPECT_EQ(sports.value(QStringLiteral("Bike")).toObject(), totals(1, 1.5, 40, 90));
    const QJsonObject w2 = weeks.at(2).toObject();
    EXPECT_EQ(w2.value(QStringLiteral("week_start")).toString(), QStringLiteral("2024-06-10"));
    EXPECT_EQ(w2.value(QStringLiteral("total")).toObject(), totals(1, 0.5, 0, 30));
}

TEST_F(cliVolume, VolumeDefaultsToTwelveWeeksAndPrintsATable)
{
    EXPECT_EQ(json({QStringLiteral("volume"), QStringLiteral("--to"), QStringLiteral("2024-06-12")}).size(), 12);
    const CliResult r = cli({QStringLiteral("volume"), QStringLiteral("--weeks"), QStringLiteral("2"),
                             QStringLiteral("--to"), QStringLiteral("2024-06-12")});
    ASSERT_EQ(r.exitCode, 0) << r;
    for (const char* text : {"Week", "Run", "Bike", "Total", "2024-06-03", "2024-06-10", "150.0"})
        EXPECT_TRUE(r.out.contains(QLatin1String(text))) << text << '\n' << r;
}

TEST_F(cliVolume, DistributionJsonHasSharesLargestFirst)
{
    const QJsonArray shares = json({QStringLiteral("distribution"), QStringLiteral("--weeks"), QStringLiteral("2"),
                                    QStringLiteral("--to"), QStringLiteral("2024-06-12")});
    ASSERT_EQ(shares.size(), 2);
    const QJsonObject first = shares.at(0).toObject();
    EXPECT_EQ(first.keys(), (QStringList{QStringLiteral("count"), QStringLiteral("distance_km"),
                                         QStringLiteral("hours"), QStringLiteral("hours_share"), QStringLiteral("load"),
                                         QStringLiteral("load_share"), QStringLiteral("sport")}));
    // Run 1.5 h / 90 load, Bike 1.5 h / 90 load: equal hours, so both halves.
    EXPECT_DOUBLE_EQ(first.value(QStringLiteral("hours_share")).toDouble(), 0.5);
    EXPECT_DOUBLE_EQ(first.value(QStringLiteral("load_share")).toDouble(), 0.5);
    EXPECT_EQ(first.value(QStringLiteral("count")).toInt() +
                  shares.at(1).toObject().value(QStringLiteral("count")).toInt(),
              3);

    const QJsonArray oneWeek = json({QStringLiteral("distribution"), QStringLiteral("--weeks"), QStringLiteral("1"),
                                     QStringLiteral("--to"), QStringLiteral("2024-06-03")});
    ASSERT_EQ(oneWeek.size(), 2);
    EXPECT_EQ(oneWeek.at(0).toObject().value(QStringLiteral("sport")).toString(), QStringLiteral("Bike"));
    EXPECT_DOUBLE_EQ(oneWeek.at(0).toObject().value(QStringLiteral("hours_share")).toDouble(), 0.6);
    EXPECT_DOUBLE_EQ(oneWeek.at(0).toObject().value(QStringLiteral("load_share")).toDouble(), 0.6);
}

TEST_F(cliVolume, HeatmapJsonHasEveryDay)
{
    const QJsonArray days = json({QStringLiteral("heatmap"), QStringLiteral("--from"), QStringLiteral("2024-06-01"),
                                  QStringLiteral("--to"), QStringLiteral("2024-06-30")});
    ASSERT_EQ(days.size(), 30);
    const QJsonObject june3 = days.at(2).toObject();
    EXPECT_EQ(june3, (QJsonObject{{QStringLiteral("date"), QStringLiteral("2024-06-03")},
                                  {QStringLiteral("load"), 60},
                                  {QStringLiteral("hours"), 1},
                                  {QStringLiteral("count"), 1}}));
    EXPECT_EQ(days.at(0).toObject().value(QStringLiteral("count")).toInt(), 0);
    EXPECT_EQ(json({QStringLiteral("heatmap"), QStringLiteral("--to"), QStringLiteral("2024-06-30")}).size(), 365);
}

TEST_F(cliVolume, HeatmapGridHasSevenRowsAndALegend)
{
    const CliResult r = cli({QStringLiteral("heatmap"), QStringLiteral("--from"), QStringLiteral("2024-01-01"),
                             QStringLiteral("--to"), QStringLiteral("2024-12-31")});
    ASSERT_EQ(r.exitCode, 0) << r;
    for (const char* day : {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"})
        EXPECT_EQ(r.out.count(QLatin1String(day)), 1) << day << '\n' << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("no training"))) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("█"))) << r; // the biggest day is in the top band
    EXPECT_TRUE(r.out.contains(QStringLiteral("3 training days"))) << r;
    const QStringList lines = r.out.split(QLatin1Char('\n'));
    const auto monday =
        std::find_if(lines.begin(), lines.end(), [](const QString& l) { return l.startsWith(QLatin1String("Mon")); });
    ASSERT_NE(monday, lines.end());
    EXPECT_EQ(monday->count(QLatin1Char('.')) + monday->count(QStringLiteral("░")) +
                  monday->count(QStringLiteral("▒")) + monday->count(QStringLiteral("▓")) +
                  monday->count(QStringLiteral("█")),
              53); // 2024 has 53 Mondays
}

} // namespace
} // namespace tricoach::test
