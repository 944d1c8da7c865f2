// pmc and analyze through the real binary, checked against the formulas re-implemented here from the README,
// independently of core/metrics.
#include "tests/e2e/clitest.h"

#include <QDate>
#include <QRegularExpression>

#include <cmath>
#include <map>
#include <set>

namespace tricoach::test {
namespace {

struct Day {
    double load = 0, ctl = 0, atl = 0, tsb = 0;
};

// CTL(d) = CTL(d−1) + (load − CTL(d−1))(1 − e^(−1/42)); ATL likewise with 7; TSB(d) = CTL(d−1) − ATL(d−1);
// everything is zero before the first activity.
std::map<QDate, Day> model(const std::map<QDate, double>& loads, const QDate& from, const QDate& to)
{
    std::map<QDate, Day> out;
    double ctl = 0;
    double atl = 0;
    const QDate start = std::min(loads.begin()->first, from);
    for (QDate d = start; d <= to; d = d.addDays(1)) {
        const auto it = loads.find(d);
        const double load = it == loads.end() ? 0.0 : it->second;
        const double tsb = ctl - atl;
        ctl += (load - ctl) * (1 - std::exp(-1.0 / 42));
        atl += (load - atl) * (1 - std::exp(-1.0 / 7));
        if (d >= from)
            out[d] = Day{load, ctl, atl, tsb};
    }
    return out;
}

QDate day(const char* iso)
{
    return QDate::fromString(QLatin1String(iso), Qt::ISODate);
}

class CliChartData : public CliTest {
protected:
    // Two activities on one day (summed), a gap of two weeks, two sports, a big day at the end.
    void SetUp() override
    {
        const std::vector<std::pair<const char*, double>> sessions{
            {"2024-03-04", 50},  {"2024-03-04", 30}, {"2024-03-05", 100}, {"2024-03-06", 45.5},
            {"2024-03-20", 120}, {"2024-03-21", 70}, {"2024-03-23", 20},  {"2024-04-02", 200},
        };
        bool bike = false;
        for (const auto& [date, load] : sessions) {
            addLoad(QLatin1String(date), load, bike ? QStringLiteral("Bike") : QStringLiteral("Run"));
            bike = !bike;
            loads[day(date)] += load;
        }
    }

    QJsonArray pmc(const char* from, const char* to) const
    {
        const CliResult r = cli({QStringLiteral("pmc"), QStringLiteral("--from"), QLatin1String(from),
                                 QStringLiteral("--to"), QLatin1String(to), QStringLiteral("--json")});
        EXPECT_EQ(r.exitCode, 0) << r;
        return r.array();
    }

    void expectMatchesModel(const QJsonArray& chart, const char* from, const char* to) const
    {
        const std::map<QDate, Day> expected = model(loads, day(from), day(to));
        ASSERT_EQ(static_cast<std::size_t>(chart.size()), expected.size());
        auto it = expected.begin();
        for (const QJsonValue& v : chart) {
            const QJsonObject o = v.toObject();
            const QStringList keys = o.keys();
            EXPECT_EQ(keys, (QStringList{QStringLiteral("atl"), QStringLiteral("ctl"), QStringLiteral("date"),
                                         QStringLiteral("tsb"), QStringLiteral("tss")}));
            const QString date = it->first.toString(Qt::ISODate);
            EXPECT_EQ(o.value(QStringLiteral("date")).toString(), date);
            EXPECT_NEAR(o.value(QStringLiteral("tss")).toDouble(), it->second.load, 1e-9) << date.toStdString();
            EXPECT_NEAR(o.value(QStringLiteral("ctl")).toDouble(), it->second.ctl, 1e-9) << date.toStdString();
            EXPECT_NEAR(o.value(QStringLiteral("atl")).toDouble(), it->second.atl, 1e-9) << date.toStdString();
            EXPECT_NEAR(o.value(QStringLiteral("tsb")).toDouble(), it->second.tsb, 1e-9) << date.toStdString();
            ++it;
        }
    }

    std::map<QDate, double> loads;
};

using cliChart = CliChartData;
using cliChartEmpty = CliTest;

TEST_F(cliChart, PmcJsonMatchesTheIndependentModel)
{
    const QJsonArray chart = pmc("2024-02-25", "2024-04-20");
    expectMatchesModel(chart, "2024-02-25", "2024-04-20");
    // Zero before the first activity; the two sessions of 4 March are summed.
    const QJsonObject before = chart.at(0).toObject();
    EXPECT_EQ(before.value(QStringLiteral("ctl")).toDouble(), 0.0);
    EXPECT_EQ(before.value(QStringLiteral("atl")).toDouble(), 0.0);
    EXPECT_EQ(before.value(QStringLiteral("tsb")).toDouble(), 0.0);
    EXPECT_DOUBLE_EQ(chart.at(8).toObject().value(QStringLiteral("tss")).toDouble(), 80.0);
}

TEST_F(cliChart, PmcWindowAfterTheFirstActivityCarriesTheState)
{
    expectMatchesModel(pmc("2024-03-22", "2024-03-28"), "2024-03-22", "2024-03-28");
    expectMatchesModel(pmc("2024-04-02", "2024-04-02"), "2024-04-02", "2024-04-02");
}

TEST_F(cliChart, PmcDefaultsToTheLast90DaysEndingToday)
{
    const CliResult r = cli({QStringLiteral("pmc"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QJsonArray chart = r.array();
    ASSERT_EQ(chart.size(), 90);
    const QDate last = QDate::fromString(chart.last().toObject().value(QStringLiteral("date")).toString(), Qt::ISODate);
    EXPECT_LE(std::abs(last.daysTo(QDate::currentDate())), 1); // a run across midnight may see yesterday
}

TEST_F(cliChart, PmcTableUsesFitnessFatigueFormAndNoTrademarks)
{
    const CliResult r = cli({QStringLiteral("pmc"), QStringLiteral("--from"), QStringLiteral("2024-03-01"),
                             QStringLiteral("--to"), QStringLiteral("2024-03-10")});
    ASSERT_EQ(r.exitCode, 0) << r;
    for (const char* word : {"Date", "Load", "Fitness", "Fatigue", "Form"})
        EXPECT_TRUE(r.out.contains(QLatin1String(word))) << word << '\n' << r;
    for (const char* mark : {"TSS", "CTL", "ATL", "TSB"})
        EXPECT_FALSE(r.out.contains(QLatin1String(mark), Qt::CaseInsensitive)) << mark << '\n' << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("Form is yesterday's Fitness − Fatigue"))) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("42- and 7-day"))) << r;
    // One decimal: 4 March's Load of 80.
    EXPECT_TRUE(r.out.contains(QRegularExpression(QStringLiteral("2024-03-04 +80\\.0 ")))) << r;
    EXPECT_EQ(r.out.count(QStringLiteral("2024-03-")), 10) << r;
}

TEST_F(cliChart, PmcFooterFollowsTheAthletesTimeConstants)
{
    const CliResult set = cli({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("--fitness-days"),
                               QStringLiteral("28"), QStringLiteral("--fatigue-days"), QStringLiteral("5")});
    ASSERT_EQ(set.exitCode, 0) << set;
    const CliResult r = cli({QStringLiteral("pmc"), QStringLiteral("--from"), QStringLiteral("2024-03-01"),
                             QStringLiteral("--to"), QStringLiteral("2024-03-10")});
    EXPECT_TRUE(r.out.contains(QStringLiteral("28- and 5-day"))) << r;
}

// The README's risk table and form bands, written out here independently.
QString expectedRisk(double ramp, double ctl, double atl, double tsb)
{
    const double ratio = ctl >= 10 ? atl / ctl : 0;
    if (ramp > 8 || tsb < -30 || ratio > 1.3)
        return QStringLiteral("high");
    if (tsb < -10 || ratio > 1.15)
        return QStringLiteral("medium");
    return QStringLiteral("low");
}

QString expectedFormStatus(double tsb)
{
    if (tsb > 25)
        return QStringLiteral("transition");
    if (tsb > 5)
        return QStringLiteral("fresh");
    if (tsb >= -10)
        return QStringLiteral("maintaining");
    if (tsb >= -30)
        return QStringLiteral("productive");
    return QStringLiteral("overreaching");
}

TEST_F(cliChart, AnalyzeJsonHasExactlyTheSevenKeysAndIndependentValues)
{
    for (const char* date : {"2024-03-06", "2024-03-21", "2024-03-27", "2024-04-02", "2024-04-15"}) {
        const CliResult r =
            cli({QStringLiteral("analyze"), QStringLiteral("--date"), QLatin1String(date), QStringLiteral("--json")});
        ASSERT_EQ(r.exitCode, 0) << r;
        const QJsonObject a = r.object();
        const QStringList keys = a.keys();
        EXPECT_EQ(
            std::set<QString>(keys.begin(), keys.end()),
            (std::set<QString>{QStringLiteral("ramp_rate"), QStringLiteral("risk_level"), QStringLiteral("current_ctl"),
                               QStringLiteral("current_atl"), QStringLiteral("current_tsb"),
                               QStringLiteral("form_status"), QStringLiteral("recommendations")}));
        const QDate d = day(date);
        const std::map<QDate, Day> m = model(loads, d.addDays(-7), d);
        const Day& today = m.at(d);
        const double ramp = today.ctl - m.at(d.addDays(-7)).ctl;
        EXPECT_NEAR(a.value(QStringLiteral("ramp_rate")).toDouble(), ramp, 1e-9) << date;
        EXPECT_NEAR(a.value(QStringLiteral("current_ctl")).toDouble(), today.ctl, 1e-9) << date;
        EXPECT_NEAR(a.value(QStringLiteral("current_atl")).toDouble(), today.atl, 1e-9) << date;
        EXPECT_NEAR(a.value(QStringLiteral("current_tsb")).toDouble(), today.tsb, 1e-9) << date;
        EXPECT_EQ(a.value(QStringLiteral("risk_level")).toString(), expectedRisk(ramp, today.ctl, today.atl, today.tsb))
            << date;
        EXPECT_EQ(a.value(QStringLiteral("form_status")).toString(), expectedFormStatus(today.tsb)) << date;
        const QJsonArray recommendations = a.value(QStringLiteral("recommendations")).toArray();
        EXPECT_FALSE(recommendations.isEmpty()) << date;
        for (const QJsonValue& line : recommendations)
            EXPECT_TRUE(line.isString() && !line.toString().isEmpty()) << date;
    }
}

TEST_F(cliChart, AnalyzeHumanOutputHasLabelledLines)
{
    const CliResult r = cli({QStringLiteral("analyze"), QStringLiteral("--date"), QStringLiteral("2024-03-21")});
    ASSERT_EQ(r.exitCode, 0) << r;
    for (const char* label : {"Ramp rate", "Risk", "Fitness", "Fatigue", "Form", "Form status"})
        EXPECT_TRUE(r.out.contains(QLatin1String(label) + QLatin1Char(':'))) << label << '\n' << r;
    for (const char* mark : {"TSS", "CTL", "ATL", "TSB"})
        EXPECT_FALSE(r.out.contains(QLatin1String(mark))) << mark << '\n' << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("•"))) << r;
}

// Months after the last activity the analysis says it is a break, with the day of the last load, rather than
// reading "maintaining" into a chart of zeros; while training, it says nothing of the kind.
TEST_F(cliChart, AnalyzeSaysWhenTheAthleteIsNotTraining)
{
    QDate last;
    for (const auto& [d, load] : loads)
        if (load > 0 && (!last.isValid() || d > last))
            last = d;
    ASSERT_TRUE(last.isValid());
    const QDate later = last.addDays(120);
    const CliResult r = cli({QStringLiteral("analyze"), QStringLiteral("--date"), later.toString(Qt::ISODate)});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("Training:"))) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("no load for 120 days, the last on %1").arg(last.toString(Qt::ISODate))))
        << r;
    const CliResult during = cli({QStringLiteral("analyze"), QStringLiteral("--date"), QStringLiteral("2024-03-21")});
    EXPECT_FALSE(during.out.contains(QStringLiteral("Training:"))) << during;
}

TEST_F(cliChartEmpty, AnalyzeWithoutActivitiesIsAllZero)
{
    const CliResult r = cli({QStringLiteral("analyze"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QJsonObject a = r.object();
    EXPECT_EQ(a.value(QStringLiteral("current_ctl")).toDouble(), 0.0);
    EXPECT_EQ(a.value(QStringLiteral("ramp_rate")).toDouble(), 0.0);
    EXPECT_EQ(a.value(QStringLiteral("risk_level")).toString(), QStringLiteral("low"));
}

} // namespace
} // namespace tricoach::test
