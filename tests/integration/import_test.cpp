// The importer end to end: real corpus files into a real SQLite store.
#include "core/import/activityimporter.h"
#include "core/io/formatregistry.h"
#include "core/metrics/pmc.h"
#include "core/store/activitystore.h"
#include "tests/support/tempdir.h"

#include <QDir>
#include <QFile>

#include <gtest/gtest.h>

using namespace tricoach;

namespace {

QString corpus(const QString& rel)
{
    return QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/") + rel;
}

class ImportTest : public test::TempDirTest {
protected:
    void SetUp() override
    {
        auto opened = ActivityStore::open(pathFor(QStringLiteral("import.sqlite")));
        ASSERT_TRUE(opened) << opened.error().message.toStdString();
        store = std::move(*opened);
        athlete = store->defaultAthlete()->id;
    }

    // The incrementally kept chart must equal a chart computed from scratch from the daily loads.
    void expectChartConsistent()
    {
        const auto first = store->firstActivityDate(athlete);
        if (!first)
            return;
        const QDate to = first->addDays(4000);
        const auto cached = store->pmc(athlete, *first, to);
        const auto fresh = computePmc(store->dailyLoads(athlete), *first, to, store->metricSettings(athlete).pmc);
        ASSERT_EQ(cached.size(), fresh.size());
        for (std::size_t i = 0; i < cached.size(); i += 97)
            EXPECT_NEAR(cached[i].ctl, fresh[i].ctl, 1e-9) << cached[i].date.toString(Qt::ISODate).toStdString();
    }

    FormatRegistry formats;
    std::unique_ptr<ActivityStore> store;
    AthleteId athlete = 0;
};

const FileOutcome* outcomeFor(const ImportReport& r, const QString& name)
{
    for (const auto& f : r.files)
        if (f.file.endsWith(name))
            return &f;
    return nullptr;
}

} // namespace

TEST_F(ImportTest, WholeCorpusImportsAndReimportIsIdempotent)
{
    ImportOptions options;
    options.decodeThreads = 2;
    options.batchSize = 7; // several batches
    ActivityImporter importer(*store, formats, options);
    std::vector<ImportProgress> seen;
    const auto report = importer.run(
        athlete, {corpus(QStringLiteral("fit")), corpus(QStringLiteral("tcx")), corpus(QStringLiteral("gpx"))},
        [&](const ImportProgress& p) { seen.push_back(p); });
    ASSERT_FALSE(report.cancelled);
    ASSERT_GE(report.files.size(), 54u + 13 + 12);
    ASSERT_EQ(seen.size(), report.files.size());
    for (std::size_t i = 1; i < seen.size(); ++i)
        EXPECT_EQ(seen[i].filesDone, seen[i - 1].filesDone + 1);
    EXPECT_EQ(seen.back().filesDone, seen.back().filesTotal);

    int validFiles = 0;
    for (const auto& f : report.files) {
        const bool invalid = f.file.contains(QStringLiteral("/invalid-"));
        EXPECT_NE(f.status, FileOutcome::Status::Skipped) << f.file.toStdString();
        // Not activities: a GPX of metadata only, the SDK's developer-data sample, whose records carry no time, a
        // GPX whose times a converter dropped; the FR70's runs, whose times count from the watch's power-on and
        // nothing in them gives the date.
        const bool notAnActivity = f.file.contains(QStringLiteral("metadata-only")) ||
                                   f.file.contains(QStringLiteral("devdata-sdk-example")) ||
                                   f.file.contains(QStringLiteral("no-timestamps")) ||
                                   f.file.contains(QStringLiteral("fr70-"));
        if (!invalid && !notAnActivity) {
            ++validFiles;
            // Replaced: the corpus holds one commute recorded by an Edge 820 and a Fenix 5 at once; the Fenix's
            // recording, with more samples, is the one kept.
            EXPECT_TRUE(f.status == FileOutcome::Status::Imported || f.status == FileOutcome::Status::Duplicate ||
                        f.status == FileOutcome::Status::Replaced)
                << f.file.toStdString() << " " << fileStatusId(f.status).toStdString() << " "
                << (f.error ? f.error->message.toStdString() : std::string());
        }
        if (f.status == FileOutcome::Status::Failed) {
            ASSERT_TRUE(f.error.has_value()) << f.file.toStdString();
            EXPECT_FALSE(f.error->message.isEmpty());
        }
    }
    EXPECT_GE(validFiles, 62); // the corpus files less those broken on purpose and those holding no datable activity
    // A file without times says so, rather than that its activity "has no start time".
    const auto* timeless = outcomeFor(report, QStringLiteral("devdata-sdk-example.fit"));
    ASSERT_NE(timeless, nullptr);
    EXPECT_EQ(timeless->status, FileOutcome::Status::Failed);
    ASSERT_TRUE(timeless->error.has_value());
    EXPECT_EQ(timeless->error->code, QStringLiteral("fit.no-times"));
    EXPECT_TRUE(timeless->error->message.contains(QLatin1String("no times")));
    const auto* clockless = outcomeFor(report, QStringLiteral("running-garmin-fr70-compressed-timestamps.fit"));
    ASSERT_NE(clockless, nullptr);
    EXPECT_EQ(clockless->status, FileOutcome::Status::Failed);
    EXPECT_EQ(clockless->error->code, QStringLiteral("fit.no-clock"));
    const int stored = store->activityCount(athlete);
    EXPECT_EQ(stored, report.added());
    const auto* empty = outcomeFor(report, QStringLiteral("invalid-empty-zero-bytes.fit"));
    ASSERT_NE(empty, nullptr);
    EXPECT_EQ(empty->status, FileOutcome::Status::Failed);

    // The triathlon is one activity per leg.
    const auto* tri = outcomeFor(report, QStringLiteral("triathlon-garmin-fr920xt-chained.fit"));
    ASSERT_NE(tri, nullptr);
    EXPECT_EQ(tri->activityIds.size(), 5u);
    expectChartConsistent();

    // Importing the same files again stores nothing new.
    const auto again = importer.run(
        athlete, {corpus(QStringLiteral("fit")), corpus(QStringLiteral("tcx")), corpus(QStringLiteral("gpx"))});
    EXPECT_EQ(again.added(), 0);
    EXPECT_EQ(store->activityCount(athlete), stored);
    EXPECT_EQ(again.replaced(), 0);
    for (const auto& f : again.files) {
        EXPECT_NE(f.status, FileOutcome::Status::Imported) << f.file.toStdString();
        EXPECT_NE(f.status, FileOutcome::Status::Replaced) << f.file.toStdString();
    }
}

TEST_F(ImportTest, BrokenFilesChangeNothingStored)
{
    ActivityImporter importer(*store, formats);
    ASSERT_EQ(importer.run(athlete, {corpus(QStringLiteral("fit/running-garmin-fr15-10k.fit"))}).added(), 1);
    const auto before = store->activities(athlete);
    const auto dailyBefore = store->dailyLoads(athlete);

    ImportOptions noRecovery;
    noRecovery.importRecovered = false;
    ActivityImporter strict(*store, formats, noRecovery);
    const QStringList broken{corpus(QStringLiteral("fit/invalid-empty-zero-bytes.fit")),
                             corpus(QStringLiteral("fit/invalid-truncated-eof-activity-sdk.fit")),
                             corpus(QStringLiteral("tcx/invalid-running-whitespace-before-xml-decl.tcx")),
                             pathFor(QStringLiteral("does-not-exist.fit"))};
    const auto report = strict.run(athlete, broken);
    for (const auto& f : report.files) {
        if (f.status == FileOutcome::Status::Failed) {
            ASSERT_TRUE(f.error);
            EXPECT_FALSE(f.error->message.isEmpty()) << f.file.toStdString();
        }
    }
    ASSERT_EQ(report.problems.size(), 1u); // the missing path
    EXPECT_TRUE(report.problems[0].path.contains(QStringLiteral("does-not-exist")));

    const auto after = store->activities(athlete);
    ASSERT_GE(after.size(), before.size());
    EXPECT_EQ(after.front().id, before.front().id);
    EXPECT_EQ(after.front().load, before.front().load);
}

TEST_F(ImportTest, CancelKeepsTheStoreConsistent)
{
    ImportOptions options;
    options.decodeThreads = 2;
    options.batchSize = 3;
    ActivityImporter importer(*store, formats, options);
    std::atomic<bool> cancel{false};
    const auto report = importer.run(
        athlete, {corpus(QStringLiteral("fit"))},
        [&](const ImportProgress& p) {
            if (p.filesDone == 10)
                cancel = true;
        },
        &cancel);
    EXPECT_TRUE(report.cancelled);
    int skipped = 0;
    int storedByReport = 0;
    for (const auto& f : report.files) {
        skipped += f.status == FileOutcome::Status::Skipped;
        storedByReport += f.newActivities;
    }
    EXPECT_GT(skipped, 0);
    EXPECT_EQ(store->activityCount(athlete), storedByReport);
    expectChartConsistent();

    // Finishing the job later imports the rest and nothing twice.
    const auto rest = importer.run(athlete, {corpus(QStringLiteral("fit"))});
    EXPECT_FALSE(rest.cancelled);
    EXPECT_EQ(store->activityCount(athlete), storedByReport + rest.added());
    expectChartConsistent();
}

// A real TCX cut short, as an interrupted transfer leaves it: its summary (written first) survives, its track
// stops where the bytes do.
class MoreCompleteCopy : public ImportTest {
protected:
    void SetUp() override
    {
        ImportTest::SetUp();
        original = corpus(QStringLiteral("tcx/running-garmin-fr15-10k.tcx"));
        QFile in(original);
        ASSERT_TRUE(in.open(QIODevice::ReadOnly));
        const QByteArray bytes = in.readAll();
        QDir().mkpath(pathFor(QStringLiteral("transfer")));
        damaged = pathFor(QStringLiteral("transfer/running-garmin-fr15-10k.tcx"));
        QFile out(damaged);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        out.write(bytes.left(bytes.size() * 55 / 100));
        out.close();
        // What each copy holds, read on its own.
        const DecodedFile whole = formats.decodeFile({original, std::nullopt});
        const DecodedFile cut = formats.decodeFile({damaged, std::nullopt});
        ASSERT_TRUE(whole.ok());
        ASSERT_TRUE(cut.recovered());
        wholeSamples = whole.activities.front().streams.size();
        cutSamples = cut.activities.front().streams.size();
        wholeLaps = whole.activities.front().laps.size();
        ASSERT_GT(cutSamples, 0U);
        ASSERT_LT(cutSamples, wholeSamples);
    }

    QString original, damaged;
    std::size_t wholeSamples = 0, cutSamples = 0, wholeLaps = 0;
};

TEST_F(MoreCompleteCopy, TheOriginalReplacesADamagedCopyReadBeforeItKeepingEdits)
{
    ActivityImporter importer(*store, formats);
    const ImportReport first = importer.run(athlete, {damaged});
    ASSERT_EQ(first.files.size(), 1U);
    EXPECT_EQ(first.files.front().status, FileOutcome::Status::Recovered);
    ASSERT_EQ(first.added(), 1);
    const ActivityId id = first.files.front().activityIds.front();
    EXPECT_EQ(store->activity(id)->streams.size(), cutSamples);

    Activity edited = *store->activity(id, false);
    edited.title = QStringLiteral("Club 10k");
    edited.notes = QStringLiteral("windy");
    edited.rpe = 7;
    ASSERT_TRUE(store->updateActivity(edited));

    const ImportReport second = importer.run(athlete, {original});
    ASSERT_EQ(second.files.size(), 1U);
    const FileOutcome& f = second.files.front();
    EXPECT_EQ(f.status, FileOutcome::Status::Replaced);
    EXPECT_EQ(f.replacedActivities, 1);
    EXPECT_EQ(f.activityIds, std::vector<ActivityId>{id});
    EXPECT_EQ(second.added(), 0);
    EXPECT_EQ(second.duplicates(), 0);
    EXPECT_EQ(second.replaced(), 1);

    EXPECT_EQ(store->activityCount(athlete), 1);
    const Activity stored = *store->activity(id);
    EXPECT_EQ(stored.streams.size(), wholeSamples);
    EXPECT_EQ(stored.laps.size(), wholeLaps);
    EXPECT_EQ(stored.title, QLatin1String("Club 10k"));
    EXPECT_EQ(stored.notes, QLatin1String("windy"));
    EXPECT_EQ(stored.rpe, 7);
    expectChartConsistent();

    // Both again: the stored recording is the complete one; nothing changes.
    const ImportReport again = importer.run(athlete, {damaged, original});
    EXPECT_EQ(again.added(), 0);
    EXPECT_EQ(again.replaced(), 0);
    EXPECT_EQ(again.duplicates(), 2);
    EXPECT_EQ(store->activity(id)->streams.size(), wholeSamples);
}

TEST_F(MoreCompleteCopy, ADamagedCopyReadAfterTheOriginalIsADuplicate)
{
    ActivityImporter importer(*store, formats);
    ASSERT_EQ(importer.run(athlete, {original}).added(), 1);
    const ImportReport second = importer.run(athlete, {damaged});
    ASSERT_EQ(second.files.size(), 1U);
    EXPECT_EQ(second.files.front().status, FileOutcome::Status::Recovered); // what was lost is still said
    EXPECT_EQ(second.files.front().duplicateActivities, 1);
    EXPECT_EQ(second.replaced(), 0);
    EXPECT_EQ(store->activityCount(athlete), 1);
    EXPECT_EQ(store->activities(athlete).front().id, second.files.front().activityIds.front());
    EXPECT_EQ(store->activity(second.files.front().activityIds.front())->streams.size(), wholeSamples);
}

TEST_F(MoreCompleteCopy, InOneImportTheCompleteCopyWinsInEitherOrder)
{
    const std::vector<QStringList> orders{{damaged, original}, {original, damaged}};
    for (const QStringList& paths : orders) {
        auto other = store->createAthlete(QStringLiteral("Athlete %1").arg(paths.front() == original));
        ASSERT_TRUE(other);
        ImportOptions options;
        options.decodeThreads = 2;
        ActivityImporter importer(*store, formats, options);
        const ImportReport r = importer.run(other->id, paths);
        EXPECT_EQ(store->activityCount(other->id), 1);
        const auto stored = store->activities(other->id);
        ASSERT_EQ(stored.size(), 1U);
        EXPECT_EQ(store->activity(stored.front().id)->streams.size(), wholeSamples);
        // Written in the order given, whichever thread finished first.
        ASSERT_EQ(r.files.size(), 2U);
        if (paths.front() == damaged)
            EXPECT_EQ(r.files[1].status, FileOutcome::Status::Replaced);
        else
            EXPECT_EQ(r.files[1].duplicateActivities, 1);
    }
}

TEST_F(ImportTest, ContentHashIsStableAndDistinguishesFiles)
{
    EXPECT_EQ(ActivityImporter::contentHash("abc"), ActivityImporter::contentHash("abc"));
    EXPECT_NE(ActivityImporter::contentHash("abc"), ActivityImporter::contentHash("abd"));
    EXPECT_EQ(ActivityImporter::contentHash("abc").size(), 64);
}
