// The import as the desktop runs it: on its own thread, progress and the report as queued signals.
#include "core/import/importjob.h"
#include "core/store/activitystore.h"
#include "tests/support/tempdir.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QThread>
#include <QTimer>

#include <gtest/gtest.h>

using namespace tricoach;

namespace {

QString corpus(const QString& rel)
{
    return QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/") + rel;
}

// What a job said, collected on the test's (the GUI's) thread.
struct Heard {
    std::vector<ImportProgress> progress;
    std::optional<ImportReport> report;
    bool allOnMainThread = true;
};

void listen(ImportJob& job, Heard& heard)
{
    QObject::connect(&job, &ImportJob::progressed, [&heard](const ImportProgress& p) {
        heard.allOnMainThread &= QThread::currentThread() == QCoreApplication::instance()->thread();
        heard.progress.push_back(p);
    });
    QObject::connect(&job, &ImportJob::finished, [&heard](const ImportReport& r) {
        heard.allOnMainThread &= QThread::currentThread() == QCoreApplication::instance()->thread();
        heard.report = r;
    });
}

// Runs the event loop until the job has finished (or a minute passed).
void waitFor(ImportJob& job, const Heard& heard)
{
    QEventLoop loop;
    QObject::connect(&job, &ImportJob::finished, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    QTimer::singleShot(60'000, &loop, &QEventLoop::quit);
    if (!heard.report)
        loop.exec();
}

QByteArray sha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

class ImportJobTest : public test::TempDirTest {
protected:
    void SetUp() override
    {
        dbPath = pathFor(QStringLiteral("job.sqlite"));
        auto opened = ActivityStore::open(dbPath);
        ASSERT_TRUE(opened) << opened.error().message.toStdString();
        store = std::move(*opened);
        athlete = store->defaultAthlete()->id;
    }
    QString dbPath;
    std::unique_ptr<ActivityStore> store; // the window's own connection
    AthleteId athlete = 0;
};

TEST_F(ImportJobTest, ImportsOffTheCallingThreadAndReportsOnIt)
{
    ImportJob job(dbPath, athlete, {corpus(QStringLiteral("tcx")), corpus(QStringLiteral("gpx"))});
    Heard heard;
    listen(job, heard);
    job.start();
    EXPECT_TRUE(job.isRunning() || heard.report); // may already be done on a fast machine
    waitFor(job, heard);

    ASSERT_TRUE(heard.report.has_value());
    EXPECT_TRUE(heard.allOnMainThread);
    EXPECT_FALSE(job.isRunning());
    EXPECT_FALSE(heard.report->cancelled);
    EXPECT_GT(heard.report->added(), 10);
    ASSERT_FALSE(heard.progress.empty());
    for (std::size_t i = 1; i < heard.progress.size(); ++i)
        EXPECT_GT(heard.progress[i].filesDone, heard.progress[i - 1].filesDone);
    EXPECT_EQ(heard.progress.back().filesDone, heard.progress.back().filesTotal);
    EXPECT_EQ(heard.progress.back().filesTotal, static_cast<int>(heard.report->files.size()));
    // The window's connection sees what the job's connection committed.
    EXPECT_EQ(store->activityCount(athlete), heard.report->added());
    EXPECT_FALSE(store->dailyLoads(athlete).empty());
}

TEST_F(ImportJobTest, CancelStopsEarlyAndKeepsTheStoreConsistent)
{
    // Many files, so that the cancel lands before the end: the FIT corpus copied under several folders.
    const QString source = pathFor(QStringLiteral("many"));
    int copies = 0;
    for (int n = 0; n < 8; ++n) {
        const QString folder = source + QStringLiteral("/copy-%1").arg(n);
        QDir().mkpath(folder);
        for (const QFileInfo& f : QDir(corpus(QStringLiteral("fit"))).entryInfoList({QStringLiteral("*.fit")}))
            copies += QFile::copy(f.filePath(), folder + QLatin1Char('/') + f.fileName()) ? 1 : 0;
    }
    ASSERT_GT(copies, 400);
    ImportOptions options;
    options.batchSize = 5;
    options.decodeThreads = 1;
    ImportJob job(dbPath, athlete, {source}, options);
    Heard heard;
    listen(job, heard);
    QObject::connect(&job, &ImportJob::progressed, &job, &ImportJob::cancel); // at the first progress
    job.start();
    waitFor(job, heard);

    ASSERT_TRUE(heard.report.has_value());
    EXPECT_TRUE(heard.report->cancelled);
    int skipped = 0, stored = 0;
    for (const FileOutcome& f : heard.report->files) {
        skipped += f.status == FileOutcome::Status::Skipped;
        stored += f.newActivities;
    }
    EXPECT_GT(skipped, 0);
    // Exactly what the report says was stored is in the store, with its derived values.
    EXPECT_EQ(store->activityCount(athlete), stored);
    double dailySum = 0;
    for (const DailyLoad& d : store->dailyLoads(athlete))
        dailySum += d.load;
    double activitySum = 0;
    for (const Activity& a : store->activities(athlete))
        activitySum += a.load;
    EXPECT_NEAR(dailySum, activitySum, 1e-6);
}

TEST_F(ImportJobTest, ADatabaseThatCannotBeOpenedIsReportedAndLeftAlone)
{
    const QString notADatabase = pathFor(QStringLiteral("notes.sqlite"));
    {
        QFile f(notADatabase);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("my training notes, not a database\n");
    }
    const QByteArray before = sha256(notADatabase);
    ImportJob job(notADatabase, athlete, {corpus(QStringLiteral("tcx"))});
    Heard heard;
    listen(job, heard);
    job.start();
    waitFor(job, heard);
    ASSERT_TRUE(heard.report.has_value());
    EXPECT_TRUE(heard.progress.empty());
    EXPECT_TRUE(heard.report->files.empty());
    ASSERT_EQ(heard.report->problems.size(), 1u);
    EXPECT_EQ(heard.report->problems.front().path, notADatabase);
    EXPECT_FALSE(heard.report->problems.front().error.message.isEmpty());
    EXPECT_EQ(sha256(notADatabase), before);
}

TEST_F(ImportJobTest, DestroyingARunningJobCancelsItAndNothingArrivesAfterwards)
{
    Heard heard;
    {
        ImportOptions options;
        options.decodeThreads = 1;
        ImportJob job(dbPath, athlete, {corpus(QStringLiteral("fit"))}, options);
        listen(job, heard);
        job.start();
    } // the destructor cancels and joins
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents();
    EXPECT_FALSE(heard.report.has_value());
    EXPECT_TRUE(heard.progress.empty());
    // Whatever the job stored before it stopped is whole.
    double dailySum = 0, activitySum = 0;
    for (const DailyLoad& d : store->dailyLoads(athlete))
        dailySum += d.load;
    for (const Activity& a : store->activities(athlete))
        activitySum += a.load;
    EXPECT_NEAR(dailySum, activitySum, 1e-6);
}

} // namespace
