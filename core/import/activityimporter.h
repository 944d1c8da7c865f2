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

// How an import runs. Defaults suit a desktop: every core decodes, one writer stores in batches.
struct ImportOptions {
    int decodeThreads = 0;       // 0 = one per core
    int batchSize = 200;         // activities per store transaction
    bool importRecovered = true; // store what could be read from a damaged file (the error is still reported)
};

// What happened to one file.
struct FileOutcome {
    enum class Status { Imported, Duplicate, Recovered, Failed, Skipped };
    QString file;                        // display name: path, or archive!entry
    Status status = Status::Skipped;     // until the file is processed; stays so when an import is cancelled
    std::vector<ActivityId> activityIds; // stored (or, for duplicates, already stored) activities
    int newActivities = 0;
    int duplicateActivities = 0;
    std::optional<ReadError> error; // why the file failed or what a recovered file lost
    QStringList warnings;
};
QString fileStatusId(FileOutcome::Status status); // "imported", "duplicate", "recovered", "failed", "skipped"

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
    std::vector<ImportProblem> problems; // paths that could not be listed (missing file, damaged archive)
    bool cancelled = false;
    int added() const;
    int duplicates() const;
    int failed() const; // files that yielded nothing
};

// Imports activity files, folders and archives into one athlete's store: decodes in parallel, writes from the
// calling thread in batched transactions, never changes what was stored before, and is idempotent.
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
