// Two programs starting on the same database at once: the first run of the app beside a script, two imports in two
// terminals. Creating the schema and the first athlete must be safe under concurrency, and two writers on one
// database wait for each other and both finish.
#include "core/store/activitystore.h"
#include "tests/e2e/clitest.h"

using namespace tricoach;
using namespace tricoach::test;

namespace {

class cliConcurrent : public CliTest {
protected:
    // Starts tricoach-cli --db <db> args for each entry at the same moment, waits for all, returns their results.
    std::vector<CliResult> together(const QString& db, const std::vector<QStringList>& commands) const
    {
        std::vector<std::unique_ptr<QProcess>> processes;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), pathFor(QStringLiteral("home")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), pathFor(QStringLiteral("home/data")));
        for (const QStringList& args : commands) {
            auto p = std::make_unique<QProcess>();
            p->setProcessEnvironment(env);
            p->setProgram(QStringLiteral(TRICOACH_CLI_PATH));
            p->setArguments(QStringList{QStringLiteral("--db"), db} + args);
            processes.push_back(std::move(p));
        }
        for (auto& p : processes)
            p->start();
        std::vector<CliResult> results;
        for (auto& p : processes) {
            CliResult r;
            if (p->waitForFinished(120'000) && p->exitStatus() == QProcess::NormalExit) {
                r.exitCode = p->exitCode();
                r.out = QString::fromUtf8(p->readAllStandardOutput());
                r.err = QString::fromUtf8(p->readAllStandardError());
            } else {
                p->kill();
                p->waitForFinished();
                r.err = QStringLiteral("did not finish");
            }
            results.push_back(r);
        }
        return results;
    }
};

QString corpus(const QString& rel)
{
    return QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/") + rel;
}

int athleteCount(const QString& db)
{
    auto store = ActivityStore::open(db);
    return store ? static_cast<int>((*store)->athletes().size()) : -1;
}

} // namespace

TEST_F(cliConcurrent, TwoProgramsCreatingANewDatabaseTogetherBothSucceed)
{
    // Half of such pairs failed within milliseconds ("database is locked") before set-up retried.
    constexpr int kPairs = 20;
    for (int pair = 0; pair < kPairs; ++pair) {
        const QString db = pathFor(QStringLiteral("new-%1/tricoach.sqlite").arg(pair));
        const auto results =
            together(db, {{QStringLiteral("import"), corpus(QStringLiteral("fit/running-garmin-fenix5-short.fit"))},
                          {QStringLiteral("import"), corpus(QStringLiteral("fit/cycling-garmin-fenix5-short.fit"))}});
        for (const CliResult& r : results)
            ASSERT_EQ(r.exitCode, 0) << "pair " << pair << '\n' << r;
        auto store = ActivityStore::open(db);
        ASSERT_TRUE(store.ok());
        const auto athletes = (*store)->athletes();
        ASSERT_EQ(athletes.size(), 1u) << "pair " << pair;
        EXPECT_EQ((*store)->activityCount(athletes.front().id), 2) << "pair " << pair;
    }
}

TEST_F(cliConcurrent, ADatabaseWithoutAnAthleteGetsExactlyOne)
{
    // A schema but no athlete yet (the app was opened once and closed): both programs create "the first athlete".
    constexpr int kPairs = 20;
    for (int pair = 0; pair < kPairs; ++pair) {
        const QString db = pathFor(QStringLiteral("empty-%1/tricoach.sqlite").arg(pair));
        ASSERT_TRUE(ActivityStore::open(db).ok());
        const auto results = together(db, {{QStringLiteral("athlete"), QStringLiteral("show")},
                                           {QStringLiteral("athlete"), QStringLiteral("show")}});
        for (const CliResult& r : results)
            ASSERT_EQ(r.exitCode, 0) << "pair " << pair << '\n' << r;
        EXPECT_EQ(athleteCount(db), 1) << "pair " << pair;
    }
}

TEST_F(cliConcurrent, TwoWritersOnOneDatabaseWaitForEachOtherAndBothFinish)
{
    const QString db = dbPath();
    ASSERT_EQ(cli({QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--ftp"), QStringLiteral("250"),
                   QStringLiteral("--lthr-run"), QStringLiteral("165")})
                  .exitCode,
              0);
    // Two folders imported at once while a third program changes thresholds (which rescores every activity).
    const auto results =
        together(db, {{QStringLiteral("import"), corpus(QStringLiteral("fit"))},
                      {QStringLiteral("import"), corpus(QStringLiteral("tcx")), corpus(QStringLiteral("gpx"))},
                      {QStringLiteral("athlete"), QStringLiteral("set"), QStringLiteral("--ftp"), QStringLiteral("260"),
                       QStringLiteral("--from"), QStringLiteral("2000-01-01")}});
    ASSERT_EQ(results.size(), 3u);
    // An import exits 0 only when every file was read; here some corpus files are damaged on purpose, so the exit
    // code says "some files failed" — but never that the database was busy.
    for (const CliResult& r : results) {
        EXPECT_FALSE(r.err.contains(QLatin1String("busy"))) << r;
        EXPECT_FALSE(r.err.contains(QLatin1String("locked"))) << r;
        EXPECT_NE(r.err, QStringLiteral("did not finish"));
    }
    EXPECT_EQ(results[2].exitCode, 0) << results[2];

    // Everything both imports stored is there: importing the same folders again adds nothing.
    const CliResult again = cli({QStringLiteral("import"), QStringLiteral("--json"), corpus(QStringLiteral("fit")),
                                 corpus(QStringLiteral("tcx")), corpus(QStringLiteral("gpx"))});
    const QJsonObject summary = again.object();
    EXPECT_EQ(summary.value(QStringLiteral("added")).toInt(-1), 0) << again;
    EXPECT_GT(summary.value(QStringLiteral("duplicates")).toInt(), 50) << again;
}
