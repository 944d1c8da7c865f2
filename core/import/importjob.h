#pragma once
// An import running on a thread of its own, for the desktop: the window stays responsive, a progress bar follows
// the `progressed` signal and a Cancel button calls cancel().

#include "core/import/activityimporter.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <thread>

namespace tricoach {

// Runs ActivityImporter against the database at a path (its own connection: a store connection belongs to the
// thread that opened it) and reports through queued signals on the thread that owns the job.
class ImportJob : public QObject {
    Q_OBJECT
public:
    ImportJob(QString databasePath, AthleteId athlete, QStringList paths, ImportOptions options = {},
              QObject* parent = nullptr);
    // Cancels a running import and waits for it; the store stays consistent (see ActivityImporter).
    ~ImportJob() override;
    ImportJob(const ImportJob&) = delete;
    ImportJob& operator=(const ImportJob&) = delete;

    // Starts once; a second call does nothing.
    void start();
    // Files already stored stay, the rest are reported as skipped; `finished` still arrives.
    void cancel();
    bool isRunning() const;

    // Progress arrives at most every kProgressIntervalMs, plus once for the last file.
    static constexpr int kProgressIntervalMs = 40;

Q_SIGNALS:
    void progressed(const tricoach::ImportProgress& progress);
    // Always the last signal of a started job, also after cancel() (report.cancelled) or a failure to open
    // the database (report.problems says why; no file was touched).
    void finished(const tricoach::ImportReport& report);

private:
    void run();

    QString m_databasePath;
    AthleteId m_athlete;
    QStringList m_paths;
    ImportOptions m_options;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_running{false};
    std::thread m_thread;
};

} // namespace tricoach

Q_DECLARE_METATYPE(tricoach::ImportProgress)
Q_DECLARE_METATYPE(tricoach::ImportReport)
