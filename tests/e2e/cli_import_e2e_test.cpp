// tricoach-cli import and decode on real corpus files.
#include "tests/e2e/clitest.h"
#include "tests/unit/core/io/archive/archivetestutil.h"

#include <QDir>
#include <QFile>

#ifndef Q_OS_WIN
#include <climits>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

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

#ifndef Q_OS_WIN

namespace {

// The path as bytes, for a shell script: single-quoted, so nothing but a quote needs care.
QByteArray shellQuoted(const QByteArray& bytes)
{
    QByteArray out = bytes;
    out.replace('\'', "'\\''");
    return '\'' + out + '\'';
}

// Removes a folder on scope exit with rm(1): QTemporaryDir cannot remove what Qt cannot name (raw bytes,
// paths past PATH_MAX).
struct RemoveTree {
    QString path;
    ~RemoveTree() { QProcess::execute(QStringLiteral("rm"), {QStringLiteral("-rf"), path}); }
};

} // namespace

// A name that is not UTF-8 (a Latin-1 "café", as an old system or a FAT stick writes it): read inside a folder,
// and given on the command line, where Qt's own decoding of the arguments lost it ("does not exist").
TEST_F(cliImport, ANameThatIsNotUtf8IsImportedInAFolderAndGivenDirectly)
{
    QDir(pathFor({})).mkpath(QStringLiteral("stick"));
    const RemoveTree cleanup{pathFor(QStringLiteral("stick"))};
    const QByteArray name = QFile::encodeName(pathFor(QStringLiteral("stick"))) + "/caf\xe9.fit";
    QFile source(corpus(QStringLiteral("fit/running-garmin-fenix5-short.fit")));
    ASSERT_TRUE(source.open(QIODevice::ReadOnly));
    const QByteArray fit = source.readAll();
    const int fd = ::open(name.constData(), O_WRONLY | O_CREAT, 0644);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::write(fd, fit.constData(), static_cast<size_t>(fit.size())), fit.size());
    ::close(fd);

    const CliResult folder =
        cli({QStringLiteral("import"), QStringLiteral("--json"), pathFor(QStringLiteral("stick"))});
    ASSERT_EQ(folder.exitCode, 0) << folder;
    EXPECT_EQ(folder.object().value(QStringLiteral("added")).toInt(), 1);
    const QString listed = folder.object()
                               .value(QStringLiteral("files"))
                               .toArray()
                               .at(0)
                               .toObject()
                               .value(QStringLiteral("file"))
                               .toString();
    EXPECT_TRUE(listed.endsWith(QLatin1String("/caf\\xE9.fit"))) << listed.toStdString();

    // QProcess would re-encode an argument, so a script passes the name's own bytes.
    const QByteArray script = "exec " + shellQuoted(QFile::encodeName(QStringLiteral(TRICOACH_CLI_PATH))) + " --db " +
                              shellQuoted(QFile::encodeName(dbPath())) + " import " + shellQuoted(name) + "\n";
    QFile scriptFile(pathFor(QStringLiteral("import.sh")));
    ASSERT_TRUE(scriptFile.open(QIODevice::WriteOnly));
    scriptFile.write(script);
    scriptFile.close();
    QProcess sh;
    sh.start(QStringLiteral("/bin/sh"), {scriptFile.fileName()});
    ASSERT_TRUE(sh.waitForFinished(60000));
    const QString out = QString::fromUtf8(sh.readAllStandardOutput());
    const QString err = QString::fromUtf8(sh.readAllStandardError());
    EXPECT_EQ(sh.exitCode(), 0) << out.toStdString() << err.toStdString();
    EXPECT_TRUE(out.contains(QLatin1String("caf\\xE9.fit"))) << out.toStdString();
    EXPECT_TRUE(out.contains(QLatin1String("1 already stored"))) << out.toStdString(); // the same file again
}

TEST_F(cliImport, AFolderDeeperThanPathMaxIsImported)
{
    QFile source(corpus(QStringLiteral("gpx/running-amazfit-watch.gpx")));
    ASSERT_TRUE(source.open(QIODevice::ReadOnly));
    const QByteArray gpx = source.readAll();
    const RemoveTree cleanup{pathFor(QStringLiteral("deep"))};
    int folder = ::open(QFile::encodeName(pathFor({})).constData(), O_RDONLY | O_DIRECTORY);
    const QByteArray name(220, 'n');
    ASSERT_EQ(::mkdirat(folder, "deep", 0755), 0);
    int next = ::openat(folder, "deep", O_RDONLY | O_DIRECTORY);
    ::close(folder);
    folder = next;
    for (qsizetype length = pathFor(QStringLiteral("deep")).size(); length <= PATH_MAX; length += name.size() + 1) {
        ASSERT_EQ(::mkdirat(folder, name.constData(), 0755), 0);
        next = ::openat(folder, name.constData(), O_RDONLY | O_DIRECTORY);
        ::close(folder);
        folder = next;
    }
    const int fd = ::openat(folder, "run.gpx", O_WRONLY | O_CREAT, 0644);
    ASSERT_EQ(::write(fd, gpx.constData(), static_cast<size_t>(gpx.size())), gpx.size());
    ::close(fd);
    ::close(folder);

    const CliResult r = cli({QStringLiteral("import"), pathFor(QStringLiteral("deep"))});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.out.contains(QLatin1String("Imported 1 new activities from 1 files"))) << r;
}

// A folder the user may not read is reported by name, the command fails, and the rest is imported. Root reads
// every folder, so as root the command runs as the unprivileged user "nobody" (65534).
TEST_F(cliImport, AFolderThatCannotBeReadIsReported)
{
    QDir(pathFor({})).mkpath(QStringLiteral("export/locked"));
    ASSERT_TRUE(QFile::copy(corpus(QStringLiteral("fit/walking-garmin-fenix5-short.fit")),
                            pathFor(QStringLiteral("export/locked/walk.fit"))));
    ASSERT_TRUE(QFile::copy(corpus(QStringLiteral("gpx/running-amazfit-watch.gpx")),
                            pathFor(QStringLiteral("export/run.gpx"))));
    const bool asRoot = ::geteuid() == 0;
    constexpr uid_t kNobody = 65534;
    if (asRoot) { // nobody needs to reach the temporary folder and write the database there
        ASSERT_EQ(::chmod(QFile::encodeName(pathFor({})).constData(), 0777), 0);
    }
    const QByteArray locked = QFile::encodeName(pathFor(QStringLiteral("export/locked")));
    ASSERT_EQ(::chmod(locked.constData(), 0), 0);

    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), pathFor(QStringLiteral("home")));
    p.setProcessEnvironment(env);
    if (asRoot) {
        p.setChildProcessModifier([] {
            if (::setgid(kNobody) != 0 || ::setuid(kNobody) != 0)
                ::_exit(125);
        });
    }
    p.start(QStringLiteral(TRICOACH_CLI_PATH),
            {QStringLiteral("--db"), dbPath(), QStringLiteral("import"), pathFor(QStringLiteral("export"))});
    ASSERT_TRUE(p.waitForFinished(60000));
    ::chmod(locked.constData(), 0755);
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    ASSERT_NE(p.exitCode(), 125) << "could not become nobody";
    EXPECT_EQ(p.exitCode(), 1) << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("Could not read the folder %1: permission denied")
                                 .arg(pathFor(QStringLiteral("export/locked")))))
        << out.toStdString();
    EXPECT_TRUE(out.contains(QLatin1String("Imported 1 new activities from 1 files"))) << out.toStdString();
    EXPECT_TRUE(out.contains(QLatin1String("1 paths could not be read"))) << out.toStdString();
}

#endif

// A TCX cut short by an interrupted transfer, imported before the complete original: the original replaces it.
TEST_F(cliImport, TheCompleteCopyReplacesADamagedOneAndSaysSo)
{
    QFile source(corpus(QStringLiteral("tcx/running-garmin-fr15-10k.tcx")));
    ASSERT_TRUE(source.open(QIODevice::ReadOnly));
    const QByteArray tcx = source.readAll();
    QFile cut(pathFor(QStringLiteral("cut.tcx")));
    ASSERT_TRUE(cut.open(QIODevice::WriteOnly));
    cut.write(tcx.left(tcx.size() / 2));
    cut.close();

    const CliResult first = cli({QStringLiteral("import"), cut.fileName()});
    ASSERT_EQ(first.exitCode, 0) << first; // recovered: what could be read is stored, what was lost is said
    const CliResult second = cli({QStringLiteral("import"), corpus(QStringLiteral("tcx/running-garmin-fr15-10k.tcx"))});
    ASSERT_EQ(second.exitCode, 0) << second;
    EXPECT_TRUE(second.out.contains(QLatin1String("replaced a less complete copy"))) << second;
    const CliResult json = cli({QStringLiteral("import"), QStringLiteral("--json"), cut.fileName()});
    EXPECT_EQ(json.object().value(QStringLiteral("duplicates")).toInt(), 1) << json;
    const QJsonArray listed = cli({QStringLiteral("activities"), QStringLiteral("--json")}).array();
    ASSERT_EQ(listed.size(), 1);
}

// A small zip whose entries unpack to 100 MiB each is refused per entry without being unpacked: the command's
// memory stays far below what one entry would take.
TEST_F(cliImport, AZipBombIsRefusedWithoutTheMemoryItAsksFor)
{
#ifndef Q_OS_WIN
    // First an ordinary import of one real file: the command's own footprint (near 100 MiB alone in a sanitized
    // build), the yardstick for the bomb's.
    const CliResult ordinary = cli({QStringLiteral("import"), QStringLiteral("--threads"), QStringLiteral("4"),
                                    corpus(QStringLiteral("fit/running-coros-apex-pro-power.fit"))});
    ASSERT_EQ(ordinary.exitCode, 0) << ordinary;
    rusage usage{};
    ASSERT_EQ(::getrusage(RUSAGE_CHILDREN, &usage), 0);
    const long ordinaryPeak = usage.ru_maxrss;
#endif
    // Built a MiB at a time: a forked child counts its parent's memory until it runs its own program.
    quint32 crc = 0;
    const QByteArray bomb = deflatedZeros(100 << 20, &crc);
    std::vector<RawEntry> entries;
    for (int i = 0; i < 4; ++i)
        entries.push_back({"activities/" + QByteArray::number(i) + ".fit", bomb, crc, 100 << 20});
    QFile zip(pathFor(QStringLiteral("bomb.zip")));
    ASSERT_TRUE(zip.open(QIODevice::WriteOnly));
    zip.write(zipOfDeflated(entries));
    zip.close();
    ASSERT_LT(zip.size(), 1 << 20);

    const CliResult r = cli({QStringLiteral("import"), QStringLiteral("--threads"), QStringLiteral("4"),
                             QStringLiteral("--json"), zip.fileName()});
    EXPECT_EQ(r.exitCode, 1) << r;
    EXPECT_EQ(r.object().value(QStringLiteral("failed")).toInt(), 4);
    for (const auto& f : r.object().value(QStringLiteral("files")).toArray()) {
        const QJsonObject error = f.toObject().value(QStringLiteral("error")).toObject();
        EXPECT_EQ(error.value(QStringLiteral("code")).toString(), QLatin1String("import.too-large"));
        EXPECT_TRUE(error.value(QStringLiteral("message")).toString().contains(QLatin1String("not unpacked")));
    }
#ifndef Q_OS_WIN
    // The children's peak is now the larger of the two commands': the bomb may add less than half of what one of
    // its entries would take unpacked (100 MiB).
    ASSERT_EQ(::getrusage(RUSAGE_CHILDREN, &usage), 0);
    EXPECT_LT(usage.ru_maxrss, ordinaryPeak + 50 * 1024) << "peak RSS, KiB; an ordinary import's: " << ordinaryPeak;
#endif
}
