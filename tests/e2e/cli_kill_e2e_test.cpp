// A killed process loses nothing it had stored and leaves nothing half stored: imports are killed (SIGKILL) at
// moments spread over their run, and after each the database is checked; the last import then completes, and the
// result is exactly what an uninterrupted import gives.
#include "core/store/activitystore.h"
#include "core/store/sqlite.h"
#include "tests/e2e/clitest.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QThread>

#include <set>
#include <signal.h>

using namespace tricoach;
using namespace tricoach::test;

namespace {

class cliKill : public CliTest {
protected:
    QProcess* startImport(const QString& db, const QStringList& paths)
    {
        auto* p = new QProcess;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), pathFor(QStringLiteral("home")));
        p->setProcessEnvironment(env);
        p->start(QStringLiteral(TRICOACH_CLI_PATH),
                 QStringList{QStringLiteral("--db"), db, QStringLiteral("import")} + paths);
        p->waitForStarted();
        return p;
    }
};

QStringList corpusFolders()
{
    const QString root = QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/");
    return {root + QStringLiteral("fit"), root + QStringLiteral("tcx"), root + QStringLiteral("gpx")};
}

// The content hash of every corpus file: an interrupted import may hold a copy of a session that a more complete
// file, not reached before the kill, replaces when the import runs again; but never anything else.
std::set<QString> corpusFileHashes()
{
    std::set<QString> out;
    for (const QString& folder : corpusFolders()) {
        QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly))
                out.insert(
                    QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex()));
        }
    }
    return out;
}

struct Stored {
    std::set<QString> hashes;
    int activities = 0;
};

// Checks the database as a user would meet it after a crash and returns what it holds.
Stored checkAfterCrash(const QString& db, const std::string& when)
{
    Stored out;
    {
        auto raw = store::Database::open(db, store::Database::Mode::ReadWrite);
        EXPECT_TRUE(raw.ok()) << when;
        if (!raw)
            return out;
        store::Statement check;
        EXPECT_TRUE(check.prepare(*raw, QStringLiteral("PRAGMA integrity_check")) && check.exec() && check.next());
        EXPECT_EQ(check.text(0), QStringLiteral("ok")) << when;
    }
    auto opened = ActivityStore::open(db);
    EXPECT_TRUE(opened.ok()) << when << ": " << (opened ? "" : opened.error().message.toStdString());
    if (!opened)
        return out;
    ActivityStore& store = **opened;
    for (const Athlete& athlete : store.athletes()) {
        for (const Activity& summary : store.activities(athlete.id)) {
            // Every stored activity is whole: its recording, laps and lengths read back.
            auto whole = store.activity(summary.id, true);
            EXPECT_TRUE(whole.ok()) << when << ": activity " << summary.id << " is half stored";
            EXPECT_TRUE(out.hashes.insert(summary.contentHash).second)
                << when << ": " << summary.contentHash.toStdString() << " stored twice";
            ++out.activities;
        }
    }
    return out;
}

} // namespace

TEST_F(cliKill, ImportsKilledAtAnyMomentLoseAndDuplicateNothing)
{
    // What an uninterrupted import stores, for comparison.
    const QString reference = pathFor(QStringLiteral("reference/tricoach.sqlite"));
    const CliResult clean =
        run(QStringList{QStringLiteral("--db"), reference, QStringLiteral("import")} + corpusFolders());
    ASSERT_NE(clean.exitCode, -1) << clean;
    QElapsedTimer timer;
    const Stored expected = checkAfterCrash(reference, "reference");
    ASSERT_GT(expected.activities, 50);

    // How long an import takes here, so that the kills spread over its whole run.
    timer.start();
    run(QStringList{QStringLiteral("--db"), pathFor(QStringLiteral("timing/tricoach.sqlite")),
                    QStringLiteral("import")} +
        corpusFolders());
    const qint64 importMs = std::max<qint64>(timer.elapsed(), 200);

    const std::set<QString> files = corpusFileHashes();
    const auto fromACorpusFile = [&](const QString& hash) {
        return expected.hashes.count(hash) > 0 || files.count(hash.section(QLatin1Char('#'), 0, 0)) > 0;
    };

    const QString db = dbPath();
    constexpr int kKills = 12;
    int killedMidway = 0;
    for (int k = 0; k < kKills; ++k) {
        std::unique_ptr<QProcess> p(startImport(db, corpusFolders()));
        // From the start of the process to past the end of a full import (later rounds have less left to do).
        QThread::msleep(static_cast<unsigned long>(importMs * k / (kKills - 1)));
        if (p->state() == QProcess::Running) {
            ::kill(static_cast<pid_t>(p->processId()), SIGKILL);
            ++killedMidway;
        }
        p->waitForFinished(60'000);
        const Stored now = checkAfterCrash(db, "after kill " + std::to_string(k));
        for (const QString& h : now.hashes)
            EXPECT_TRUE(fromACorpusFile(h)) << "kill " << k << ": stored something no file holds: " << h.toStdString();
    }
    EXPECT_GE(killedMidway, kKills / 2) << "the kills should land during the imports";

    // The import run again completes: nothing lost, nothing twice.
    const CliResult last = run(QStringList{QStringLiteral("--db"), db, QStringLiteral("import")} + corpusFolders());
    ASSERT_NE(last.exitCode, -1) << last;
    const Stored final = checkAfterCrash(db, "final");
    EXPECT_EQ(final.activities, expected.activities);
    EXPECT_EQ(final.hashes, expected.hashes);
}
