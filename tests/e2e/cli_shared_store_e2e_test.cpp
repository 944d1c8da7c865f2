// The desktop and the CLI on one database at the same time. The desktop's code path is run in this process (its
// long-lived store, an import on its own thread with its own connection); the CLI is the real binary, a second
// process reading and writing between the desktop's writes. Nothing may be lost, and the WAL the desktop has open
// must never be deleted under it (a process that closes any descriptor of the database drops its POSIX locks:
// sqlite.org/howtocorrupt.html §2.2, and the next process then thinks it is alone).
#include "core/import/importjob.h"
#include "core/store/activitystore.h"
#include "core/store/sqlite.h"
#include "core/util/datetime.h"
#include "tests/e2e/clitest.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>

#include <sys/stat.h>

using namespace tricoach;
using namespace tricoach::test;

namespace {

class cliSharedStore : public CliTest {};

// The inode of a file, 0 when it does not exist: a deleted and recreated WAL has another inode.
ino_t inodeOf(const QString& path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_ino : 0;
}

// Runs an import the way the desktop does (ImportJob: another connection, on its own thread) and waits for it.
ImportReport importLikeTheDesktop(const QString& db, AthleteId athlete, const QStringList& files)
{
    ImportJob job(db, athlete, files);
    std::optional<ImportReport> report;
    QEventLoop loop;
    QObject::connect(&job, &ImportJob::finished, [&](const ImportReport& r) {
        report = r;
        loop.quit();
    });
    QTimer::singleShot(60'000, &loop, &QEventLoop::quit);
    job.start();
    if (!report)
        loop.exec();
    EXPECT_TRUE(report.has_value()) << "the import did not finish";
    return report.value_or(ImportReport{});
}

QString corpus(const QString& rel)
{
    return QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/") + rel;
}

Activity manual(AthleteId athlete, const QDate& day, const QString& title)
{
    Activity a;
    a.athleteId = athlete;
    a.sport = Sport::Run;
    a.title = title;
    a.startUtc = utcDateTime(day, QTime(12, 0));
    a.movingSec = a.elapsedSec = 1800;
    a.userLoad = 40;
    return a;
}

QStringList titlesOf(const std::vector<Activity>& list)
{
    QStringList titles;
    for (const Activity& a : list)
        titles << a.title;
    titles.sort();
    return titles;
}

} // namespace

TEST_F(cliSharedStore, DesktopAndCliShareOneDatabaseWithoutLosingAWrite)
{
    auto opened = ActivityStore::open(dbPath());
    ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
    ActivityStore& desktop = **opened;
    const Athlete athlete = *desktop.defaultAthlete();

    // The desktop imports (a second connection in this process, on another thread), as a user does first.
    const ImportReport imported =
        importLikeTheDesktop(dbPath(), athlete.id, {corpus(QStringLiteral("fit/running-garmin-fenix5-short.fit"))});
    ASSERT_EQ(imported.added(), 1);
    const QString wal = dbPath() + QStringLiteral("-wal");
    const ino_t walInode = inodeOf(wal);
    ASSERT_NE(walInode, 0u) << "the desktop's store has no WAL open";

    QStringList expected{titlesOf(desktop.activities(athlete.id))};
    constexpr int kRounds = 12;
    const QDate first(2024, 3, 1);
    for (int round = 0; round < kRounds; ++round) {
        // The desktop writes...
        const QString mine = QStringLiteral("desktop %1").arg(round, 2, 10, QLatin1Char('0'));
        ASSERT_TRUE(desktop.addActivity(manual(athlete.id, first.addDays(2 * round), mine)).ok());
        expected << mine;
        // ...the CLI reads it (any command, even a listing, was enough to delete the desktop's WAL)...
        const CliResult listed = cli({QStringLiteral("activities"), QStringLiteral("--json")});
        ASSERT_EQ(listed.exitCode, 0) << listed;
        QStringList seen;
        for (const QJsonValue& v : listed.array())
            seen << v.toObject().value(QStringLiteral("title")).toString();
        seen.sort();
        expected.sort();
        ASSERT_EQ(seen, expected) << "round " << round << ": the CLI does not see what the desktop stored";
        // ...and writes, and the desktop sees that.
        const QString theirs = QStringLiteral("cli %1").arg(round, 2, 10, QLatin1Char('0'));
        const CliResult added =
            cli({QStringLiteral("add"), QStringLiteral("--date"), first.addDays(2 * round + 1).toString(Qt::ISODate),
                 QStringLiteral("--sport"), QStringLiteral("Bike"), QStringLiteral("--duration-min"),
                 QStringLiteral("45"), QStringLiteral("--title"), theirs});
        ASSERT_EQ(added.exitCode, 0) << added;
        expected << theirs;
        expected.sort();
        ASSERT_EQ(titlesOf(desktop.activities(athlete.id)), expected)
            << "round " << round << ": the desktop does not see what the CLI stored";
        ASSERT_EQ(inodeOf(wal), walInode) << "round " << round << ": the desktop's WAL was deleted under it";
    }
    // A threshold saved from the CLI survives the desktop's normal quit.
    const CliResult set = cli({QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--ftp"),
                               QStringLiteral("255"), QStringLiteral("--from"), QStringLiteral("2024-01-01")});
    ASSERT_EQ(set.exitCode, 0) << set;
    // And the desktop can still import after all that ("disk I/O error" before).
    const ImportReport again =
        importLikeTheDesktop(dbPath(), athlete.id, {corpus(QStringLiteral("fit/cycling-garmin-fenix5-short.fit"))});
    EXPECT_EQ(again.added(), 1);
    EXPECT_EQ(again.failed(), 0);
    opened->reset(); // the desktop quits

    auto reopened = ActivityStore::open(dbPath());
    ASSERT_TRUE(reopened.ok());
    EXPECT_EQ((*reopened)->activityCount(athlete.id), 2 + 2 * kRounds);
    EXPECT_EQ((*reopened)->thresholdHistory(athlete.id).at(QDate(2024, 6, 1)).ftpWatts, 255);
    auto raw = store::Database::open(dbPath(), store::Database::Mode::ReadOnly);
    ASSERT_TRUE(raw.ok());
    store::Statement check;
    ASSERT_TRUE(check.prepare(*raw, QStringLiteral("PRAGMA integrity_check")));
    ASSERT_TRUE(check.exec());
    ASSERT_TRUE(check.next());
    EXPECT_EQ(check.text(0), QStringLiteral("ok"));
}
