#pragma once

#include "core/io/activityreader.h"
#include "core/io/formatregistry.h"
#include "core/model/activity.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <vector>

namespace tricoach {

class ActivityStore;

// The import's memory budget. Files being read and decoded hold at most ImportOptions::memoryBudgetBytes
// together, whatever the number of decoding threads (MemoryBudget, sized per file by FormatRegistry::plan from
// its size and header before it is read); decoded files waiting for the writer hold at most kMaxQueuedBytes,
// and the batch being stored at most kMaxBatchBytes of encoded samples. Beside the program itself and SQLite's
// page cache (~30 MB), an import thus stays under ~160 MB. One file larger than the budget is decoded alone, and
// no file passes its format's size limit (kMaxFitFileBytes, kMaxXmlFileBytes): the largest GPX allowed, 256 MiB,
// peaks at ~600 MB. Measured (peak RSS, tricoach-cli import, 2 threads): the corpus 33 MB, 1,600 files of it 56 MB,
// a 200 MB GPX 470 MB, a zip bomb and a 5 GB file named .fit under 30 MB.
inline constexpr qint64 kDefaultImportMemoryBudget = qint64(96) << 20;
inline constexpr qint64 kMaxQueuedBytes = qint64(16) << 20;
inline constexpr qint64 kMaxBatchBytes = qint64(16) << 20;

// How an import runs. Defaults suit a desktop: every core decodes, one writer stores in batches.
struct ImportOptions {
    int decodeThreads = 0;       // 0 = one per core
    int batchSize = 200;         // activities per store transaction
    bool importRecovered = true; // store what could be read from a damaged file (the error is still reported)
    qint64 memoryBudgetBytes = kDefaultImportMemoryBudget; // shared by the decoding threads
};

// What happened to one file.
struct FileOutcome {
    enum class Status { Imported, Duplicate, Replaced, Recovered, Failed, Skipped };
    QString file;                        // display name: path, or archive!entry
    Status status = Status::Skipped;     // until the file is processed; stays so when an import is cancelled
    std::vector<ActivityId> activityIds; // stored (or, for duplicates, already stored) activities
    int newActivities = 0;
    int duplicateActivities = 0;
    int replacedActivities = 0;     // stored over a less complete copy of the same session (AddResult::replaced)
    std::optional<ReadError> error; // why the file failed or what a recovered file lost
    QStringList warnings;
};
// "imported", "duplicate", "replaced", "recovered", "failed", "skipped"
QString fileStatusId(FileOutcome::Status status);

// Progress as files finish; reported on the thread that called run().
struct ImportProgress {
    int filesDone = 0;
    int filesTotal = 0;
    qint64 bytesDone = 0;
    int activitiesAdded = 0;
    QString lastFile;
};

// The summary of a whole import: per-file outcomes in a stable (path) order.
struct ImportReport {
    std::vector<FileOutcome> files;
    // Paths that could not be listed or read: a missing file, a folder that cannot be opened, a damaged archive.
    std::vector<ImportProblem> problems;
    bool cancelled = false;
    // The largest share of the memory budget held at once (MemoryBudget::peak).
    qint64 peakDecodeBytes = 0;
    int added() const;
    int duplicates() const;
    int replaced() const; // less complete copies replaced by the files' recordings
    int failed() const;   // files that yielded nothing
};

// Imports activity files, folders and archives into one athlete's store: decodes in parallel, writes from the
// calling thread in batched transactions and in the files' order (so a report does not depend on which thread
// finished first), and is idempotent. What was stored before stays, except that a less complete recording of a
// session gives way to a more complete one (ActivityStore::addActivities), keeping what the athlete edited.
class ActivityImporter {
public:
    ActivityImporter(ActivityStore& store, const FormatRegistry& formats, ImportOptions options = {});

    using ProgressFn = std::function<void(const ImportProgress&)>;
    // `cancel` may be set from any thread; files already written stay, the rest are skipped.
    ImportReport run(AthleteId athlete, const QStringList& paths, const ProgressFn& progress = {},
                     const std::atomic<bool>* cancel = nullptr);

    // The content hash stored with activities read from `bytes` (a multisport file's legs get "#<leg>").
    static QString contentHash(QByteArrayView bytes);

private:
    ActivityStore& m_store;
    const FormatRegistry& m_formats;
    ImportOptions m_options;
};

} // namespace tricoach
