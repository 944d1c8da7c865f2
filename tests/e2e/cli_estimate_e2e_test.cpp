// athlete estimate and athlete set --estimate through the real binary, on corpus files imported first.
#include "core/io/formatregistry.h"
#include "tests/e2e/clitest.h"

#include <QFile>

#include <cmath>

namespace tricoach::test {
namespace {

using cliEstimate = CliTest;

QString corpus(const char* rel)
{
    return QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/") + QLatin1String(rel);
}

// The best mean power over 20 minutes of a 1-Hz recording, by brute force over its samples.
double bestTwentyMinutes(const char* rel)
{
    QFile f(corpus(rel));
    EXPECT_TRUE(f.open(QIODevice::ReadOnly));
    const DecodedFile decoded = FormatRegistry().decode(corpus(rel), f.readAll());
    if (decoded.activities.empty() || !decoded.activities.front().streams.has(Channel::Power)) {
        ADD_FAILURE() << rel << " has no power";
        return 0;
    }
    const Streams& s = decoded.activities.front().streams;
    const std::vector<double> power = s.channels.at(Channel::Power);
    double best = 0;
    for (std::size_t start = 0; start + 1200 <= power.size(); ++start) {
        EXPECT_EQ(s.time[start + 1199] - s.time[start], 1199); // a 1-Hz recording
        double sum = 0;
        for (std::size_t i = start; i < start + 1200; ++i)
            sum += std::isnan(power[i]) ? 0 : power[i];
        best = std::max(best, sum / 1200);
    }
    return best;
}

QJsonObject entry(const QJsonObject& estimates, const QString& field)
{
    for (const QJsonValue& v : estimates.value(QStringLiteral("estimates")).toArray()) {
        if (v.toObject().value(QStringLiteral("field")).toString() == field)
            return v.toObject();
    }
    ADD_FAILURE() << "no estimate of " << field.toStdString();
    return {};
}

const char* const kRide = "fit/cycling-garmin-edge810-vector-power.fit";            // 2013-08-16
const char* const kLaterRide = "fit/cycling-hammerhead-karoo2-power-devfields.fit"; // 2025-05-09

TEST_F(cliEstimate, EstimatesComeWithTheirBasisAndTheCurrentValue)
{
    CliResult r = cli({QStringLiteral("import"), corpus(kRide), corpus("fit/running-garmin-fr955-stryd-devfields.fit"),
                       corpus("fit/swim-pool-apple-watch-bingi-25m.fit")});
    ASSERT_EQ(r.exitCode, 0) << r;
    r = cli({QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--ftp"), QStringLiteral("250")});
    ASSERT_EQ(r.exitCode, 0) << r;
    r = cli({QStringLiteral("athlete"), QStringLiteral("estimate"), QStringLiteral("--on"),
             QStringLiteral("2025-01-01"), QStringLiteral("--days"), QStringLiteral("5000"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QJsonObject json = r.object();
    EXPECT_EQ(json.value(QStringLiteral("on")).toString(), QStringLiteral("2025-01-01"));
    EXPECT_EQ(json.value(QStringLiteral("activities")).toInt(), 3);
    EXPECT_EQ(json.value(QStringLiteral("estimates")).toArray().size(), 7);

    const QJsonObject ftp = entry(json, QStringLiteral("ftp"));
    const double best = bestTwentyMinutes(kRide);
    EXPECT_NEAR(ftp.value(QStringLiteral("value")).toDouble(), 0.95 * best, 1e-6);
    EXPECT_EQ(ftp.value(QStringLiteral("accept")).toDouble(), std::round(0.95 * best));
    EXPECT_EQ(ftp.value(QStringLiteral("current")).toDouble(), 250);
    EXPECT_EQ(ftp.value(QStringLiteral("method")).toString(), QStringLiteral("best-20min-power"));
    EXPECT_EQ(ftp.value(QStringLiteral("basis")).toString(),
              QStringLiteral("best 20-min power %1 W on 2013-08-16 × 0.95").arg(std::lround(best)));
    const QJsonObject effort = ftp.value(QStringLiteral("efforts")).toArray().at(0).toObject();
    EXPECT_EQ(effort.value(QStringLiteral("date")).toString(), QStringLiteral("2013-08-16"));
    EXPECT_EQ(effort.value(QStringLiteral("seconds")).toDouble(), 1200);

    // CSS from the swim: 200 m / (t400 − t200), with both times in the efforts.
    const QJsonObject css = entry(json, QStringLiteral("css_sec_per_100m"));
    ASSERT_FALSE(css.value(QStringLiteral("value")).isNull())
        << css.value(QStringLiteral("basis")).toString().toStdString();
    const QJsonArray swims = css.value(QStringLiteral("efforts")).toArray();
    ASSERT_EQ(swims.size(), 2);
    const double t200 = swims.at(0).toObject().value(QStringLiteral("seconds")).toDouble();
    const double t400 = swims.at(1).toObject().value(QStringLiteral("seconds")).toDouble();
    EXPECT_NEAR(css.value(QStringLiteral("value")).toDouble(), 100 / (200 / (t400 - t200)), 1e-6);
    EXPECT_TRUE(css.value(QStringLiteral("current")).isNull());

    // No run with a hard 20 minutes of heart rate? Then the reason is given; every entry has a basis.
    for (const QJsonValue& v : json.value(QStringLiteral("estimates")).toArray()) {
        const QJsonObject e = v.toObject();
        EXPECT_FALSE(e.value(QStringLiteral("basis")).toString().isEmpty());
        EXPECT_NE(e.value(QStringLiteral("value")).isNull(), e.value(QStringLiteral("missing")).isNull());
    }

    const CliResult human =
        cli({QStringLiteral("athlete"), QStringLiteral("estimate"), QStringLiteral("--days"), QStringLiteral("5000")});
    ASSERT_EQ(human.exitCode, 0) << human;
    for (const char* text : {"FTP", "250 W", "best 20-min power", "CSS", "athlete set --estimate"})
        EXPECT_TRUE(human.out.contains(QLatin1String(text))) << text << '\n' << human;
}

TEST_F(cliEstimate, AcceptingTheEstimatesRescoresTheWholeHistory)
{
    CliResult r = cli({QStringLiteral("import"), corpus(kRide), corpus(kLaterRide)});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("'tricoach-cli athlete estimate'"))) << r; // no thresholds yet
    for (const QJsonValue& a : cli({QStringLiteral("activities"), QStringLiteral("--json")}).array())
        EXPECT_EQ(a.toObject().value(QStringLiteral("load_source")).toString(), QStringLiteral("estimate"));

    r = cli({QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--estimate"), QStringLiteral("--days"),
             QStringLiteral("5000"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QJsonObject set = r.object();
    EXPECT_TRUE(set.value(QStringLiteral("estimated")).toArray().contains(QStringLiteral("ftp")));
    const QJsonObject recomputed = set.value(QStringLiteral("recomputed")).toObject();
    EXPECT_EQ(recomputed.value(QStringLiteral("activities")).toInt(), 2);
    EXPECT_EQ(recomputed.value(QStringLiteral("from")).toString(), QStringLiteral("2013-08-16"));
    EXPECT_EQ(recomputed.value(QStringLiteral("summary")).toString(),
              QStringLiteral("Loads of 2 activities from 2013-08-16 on were recomputed (2 changed)."));

    const QJsonObject show =
        cli({QStringLiteral("athlete"), QStringLiteral("show"), QStringLiteral("--json")}).object();
    const QJsonArray history = show.value(QStringLiteral("history")).toArray();
    ASSERT_EQ(history.size(), 1);
    EXPECT_EQ(history.at(0).toObject().value(QStringLiteral("from")).toString(), QStringLiteral("2013-08-16"));
    const double ftp = show.value(QStringLiteral("current")).toObject().value(QStringLiteral("ftp")).toDouble();
    EXPECT_EQ(ftp, std::round(0.95 * std::max(bestTwentyMinutes(kRide), bestTwentyMinutes(kLaterRide))));
    for (const QJsonValue& a : cli({QStringLiteral("activities"), QStringLiteral("--json")}).array())
        EXPECT_EQ(a.toObject().value(QStringLiteral("load_source")).toString(), QStringLiteral("power"));

    // A later change keeps its day and says what it recomputed.
    r = cli({QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--ftp"), QStringLiteral("300"),
             QStringLiteral("--from"), QStringLiteral("2020-01-01")});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("Thresholds of Athlete from 2020-01-01: FTP 300 W"))) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("The load of 1 activity from 2020-01-01 on was recomputed"))) << r;
    r = cli({QStringLiteral("import"), corpus("fit/cycling-sigma-rox11-power.fit")});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_FALSE(r.out.contains(QStringLiteral("athlete estimate"))) << r; // thresholds are set now
}

TEST_F(cliEstimate, OptionsGivenWithEstimateWinAndFirstValuesGoToTheStart)
{
    ASSERT_EQ(cli({QStringLiteral("import"), corpus(kRide), corpus(kLaterRide)}).exitCode, 0);
    const CliResult r = cli({QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--estimate"),
                             QStringLiteral("--days"), QStringLiteral("5000"), QStringLiteral("--ftp"),
                             QStringLiteral("222"), QStringLiteral("--from"), QStringLiteral("2024-01-01")});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("from 2013-08-16 (first values: from the start of the history)"))) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("FTP 222 W"))) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("Max HR"))) << r;
    const QJsonObject current = cli({QStringLiteral("athlete"), QStringLiteral("show"), QStringLiteral("--json")})
                                    .object()
                                    .value(QStringLiteral("current"))
                                    .toObject();
    EXPECT_EQ(current.value(QStringLiteral("ftp")).toDouble(), 222);
    EXPECT_FALSE(current.value(QStringLiteral("max_hr")).isNull());
}

TEST_F(cliEstimate, WithoutDataTheReasonsAreGiven)
{
    CliResult r = cli({QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--estimate")});
    EXPECT_EQ(r.exitCode, 1) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("no threshold could be estimated"))) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("no ride"))) << r;
    r = cli({QStringLiteral("athlete"), QStringLiteral("estimate")});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("not enough data"))) << r;
    r = cli({QStringLiteral("athlete"), QStringLiteral("estimate"), QStringLiteral("--days"), QStringLiteral("0")});
    EXPECT_EQ(r.exitCode, 2) << r;
    r = cli({QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--days"), QStringLiteral("30"),
             QStringLiteral("--ftp"), QStringLiteral("250")});
    EXPECT_EQ(r.exitCode, 2) << r;
}

} // namespace
} // namespace tricoach::test
