// tricoach-cli import and decode on real corpus files.
#include "tests/e2e/clitest.h"

#include <QDir>
#include <QFile>

using namespace tricoach::test;

namespace {
QString corpus(const QString& rel)
{
    return QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/") + rel;
}
} // namespace

using cliImport = CliTest;

TEST_F(cliImport, ImportsFilesAndReportsEachAsJson)
{
    const CliResult r = cli({QStringLiteral("import"), QStringLiteral("--json"),
                             corpus(QStringLiteral("fit/running-garmin-fr15-10k.fit")),
                             corpus(QStringLiteral("tcx/running-garmin-fr15-10k.tcx")),
                             corpus(QStringLiteral("fit/triathlon-garmin-fr920xt-chained.fit"))});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QJsonObject report = r.object();
    EXPECT_EQ(report.value(QStringLiteral("added")).toInt(), 6);      // the run, five triathlon legs
    EXPECT_EQ(report.value(QStringLiteral("duplicates")).toInt(), 1); // the same run as TCX
    EXPECT_EQ(report.value(QStringLiteral("failed")).toInt(), 0);
    const QJsonArray files = report.value(QStringLiteral("files")).toArray();
    ASSERT_EQ(files.size(), 3);
    QStringList statuses;
    for (const auto& f : files)
        statuses << f.toObject().value(QStringLiteral("status")).toString();
    EXPECT_TRUE(statuses.contains(QStringLiteral("duplicate")));

    // Listed by session: the run, and the triathlon holding its five legs.
    const QJsonArray listed = cli({QStringLiteral("activities"), QStringLiteral("--json")}).array();
    ASSERT_EQ(listed.size(), 2);
    int stored = 0;
    for (const auto& v : listed) {
        const QJsonArray legs = v.toObject().value(QStringLiteral("legs")).toArray();
        stored += legs.isEmpty() ? 1 : static_cast<int>(legs.size());
    }
    EXPECT_EQ(stored, 6);

    // Again: nothing new, exit 0.
    const CliResult again = cli({QStringLiteral("import"), QStringLiteral("--json"),
                                 corpus(QStringLiteral("fit/triathlon-garmin-fr920xt-chained.fit"))});
    ASSERT_EQ(again.exitCode, 0) << again;
    EXPECT_EQ(again.object().value(QStringLiteral("added")).toInt(), 0);
}

TEST_F(cliImport, ABrokenFileFailsAloneWithAMessageNamingIt)
{
    const CliResult r = cli({QStringLiteral("import"), corpus(QStringLiteral("fit/invalid-empty-zero-bytes.fit")),
                             corpus(QStringLiteral("gpx/running-amazfit-watch.gpx"))});
    EXPECT_EQ(r.exitCode, 1) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("invalid-empty-zero-bytes.fit"))) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("Imported 1 new activities"))) << r;
    EXPECT_EQ(cli({QStringLiteral("activities"), QStringLiteral("--json")}).array().size(), 1);
}

TEST_F(cliImport, ADeviceFolderImportsRecursivelyAndAMissingPathIsReported)
{
    QDir(pathFor({})).mkpath(QStringLiteral("GARMIN/Activity"));
    ASSERT_TRUE(QFile::copy(corpus(QStringLiteral("fit/cycling-garmin-edge820-commute-short.fit")),
                            pathFor(QStringLiteral("GARMIN/Activity/A.FIT"))));
    ASSERT_TRUE(QFile::copy(corpus(QStringLiteral("fit/walking-garmin-fenix5-short.fit")),
                            pathFor(QStringLiteral("GARMIN/Activity/B.fit"))));
    const CliResult r = cli({QStringLiteral("import"), QStringLiteral("--json"), pathFor(QStringLiteral("GARMIN")),
                             pathFor(QStringLiteral("nowhere.fit"))});
    EXPECT_EQ(r.exitCode, 1) << r; // the missing path
    const QJsonObject report = r.object();
    EXPECT_EQ(report.value(QStringLiteral("added")).toInt(), 2);
    ASSERT_EQ(report.value(QStringLiteral("problems")).toArray().size(), 1);
}

TEST_F(cliImport, ProgressBarOnRequest)
{
    const CliResult r = cli({QStringLiteral("import"), QStringLiteral("--progress"),
                             corpus(QStringLiteral("fit/running-garmin-fenix5-short.fit"))});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("Importing ["))) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("1/1 files"))) << r;
}

TEST_F(cliImport, DecodePrintsTheNormalizedActivity)
{
    const CliResult r = run({QStringLiteral("decode"), QStringLiteral("--json"),
                             corpus(QStringLiteral("fit/swim-pool-garmin-fenix3-hr.fit"))});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QJsonObject decoded = r.object();
    EXPECT_EQ(decoded.value(QStringLiteral("format")).toString(), QStringLiteral("fit"));
    const QJsonArray acts = decoded.value(QStringLiteral("activities")).toArray();
    ASSERT_EQ(acts.size(), 1);
    const QJsonObject swim = acts[0].toObject();
    EXPECT_EQ(swim.value(QStringLiteral("sport")).toString(), QStringLiteral("Swim"));
    EXPECT_EQ(swim.value(QStringLiteral("lengths")).toArray().size(), 87);
    const QJsonObject streams = swim.value(QStringLiteral("streams")).toObject();
    EXPECT_EQ(streams.value(QStringLiteral("time")).toArray().size(), 3501);
    EXPECT_TRUE(decoded.value(QStringLiteral("error")).isNull());
}

TEST_F(cliImport, DecodeOfABrokenFileExitsOneWithTheOffset)
{
    const CliResult r = run({QStringLiteral("decode"), QStringLiteral("--json"),
                             corpus(QStringLiteral("fit/invalid-truncated-eof-activity-sdk.fit"))});
    EXPECT_EQ(r.exitCode, 1) << r;
    const QJsonObject error = r.object().value(QStringLiteral("error")).toObject();
    EXPECT_FALSE(error.value(QStringLiteral("message")).toString().isEmpty());
    EXPECT_GE(error.value(QStringLiteral("byte_offset")).toInteger(), 0);
    EXPECT_TRUE(r.err.contains(QStringLiteral("invalid-truncated-eof-activity-sdk.fit"))) << r;
}

TEST_F(cliImport, ImportNeedsAPath)
{
    const CliResult r = cli({QStringLiteral("import")});
    EXPECT_EQ(r.exitCode, 2) << r;
}
