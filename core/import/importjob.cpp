#include "core/import/importjob.h"

#include "core/store/activitystore.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QPointer>

namespace tricoach {

ImportJob::ImportJob(QString databasePath, AthleteId athlete, QStringList paths, ImportOptions options, QObject* parent)
    : QObject(parent)
    , m_databasePath(std::move(databasePath))
    , m_athlete(athlete)
    , m_paths(std::move(paths))
    , m_options(options)
{
    qRegisterMetaType<tricoach::ImportProgress>();
    qRegisterMetaType<tricoach::ImportReport>();
}

ImportJob::~ImportJob()
{
    cancel();
    if (m_thread.joinable())
        m_thread.join();
}

void ImportJob::start()
{
    if (m_thread.joinable())
        return;
    m_running = true;
    m_thread = std::thread([this] { run(); });
}

void ImportJob::cancel()
{
    m_cancel = true;
}

bool ImportJob::isRunning() const
{
    return m_running;
}

void ImportJob::run()
{
    // Signals are emitted on the job's own thread: queued calls that Qt drops if the job is gone by then.
    auto post = [this](auto emitter) { QMetaObject::invokeMethod(this, std::move(emitter), Qt::QueuedConnection); };

    ImportReport report;
    auto opened = ActivityStore::open(m_databasePath);
    if (!opened) {
        report.problems.push_back(ImportProblem{m_databasePath, opened.error()});
    } else {
        const FormatRegistry formats;
        ActivityImporter importer(**opened, formats, m_options);
        QElapsedTimer sinceLast;
        sinceLast.start();
        const auto progress = [&](const ImportProgress& p) {
            const bool last = p.filesDone == p.filesTotal;
            if (!last && sinceLast.elapsed() < kProgressIntervalMs)
                return;
            sinceLast.restart();
            post([this, p] { Q_EMIT progressed(p); });
        };
        report = importer.run(m_athlete, m_paths, progress, &m_cancel);
    }
    m_running = false;
    post([this, report = std::move(report)] { Q_EMIT finished(report); });
}

} // namespace tricoach
