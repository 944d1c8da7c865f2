#include "core/import/activityimporter.h"

#include "core/model/plausible.h"
#include "core/store/activitystore.h"

#include <QCryptographicHash>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace tricoach {

QString fileStatusId(FileOutcome::Status status)
{
    switch (status) {
    case FileOutcome::Status::Imported:
        return QStringLiteral("imported");
    case FileOutcome::Status::Duplicate:
        return QStringLiteral("duplicate");
    case FileOutcome::Status::Recovered:
        return QStringLiteral("recovered");
    case FileOutcome::Status::Failed:
        return QStringLiteral("failed");
    case FileOutcome::Status::Skipped:
        return QStringLiteral("skipped");
    }
    return QStringLiteral("failed");
}

int ImportReport::added() const
{
    int n = 0;
    for (const auto& f : files)
        n += f.newActivities;
    return n;
}

int ImportReport::duplicates() const
{
    int n = 0;
    for (const auto& f : files)
        n += f.duplicateActivities;
    return n;
}

int ImportReport::failed() const
{
    return static_cast<int>(std::count_if(files.begin(), files.end(),
                                          [](const auto& f) { return f.status == FileOutcome::Status::Failed; }));
}

QString ActivityImporter::contentHash(QByteArrayView bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

ActivityImporter::ActivityImporter(ActivityStore& store, const FormatRegistry& formats, ImportOptions options)
    : m_store(store)
    , m_formats(formats)
    , m_options(options)
{
}

namespace {

// Files handed from the decoders to the writer at a time. Waking the writer per file cost ~15 µs of CPU a file on
// 2 cores; with groups of 64 an import ran at 0.91–0.95 of the parse-only rate, against ~0.90 with 16, and 128
// was no better. Progress still moves at least every 100 ms (DecodedQueue::kMaxWait).
constexpr std::size_t kHandOverGroup = 64;

// A decoded file on its way from a decoding thread to the writer.
struct Decoded {
    std::size_t index = 0;
    qint64 bytes = 0;
    DecodedFile file;                       // its activities are moved into `prepared`
    std::vector<PreparedActivity> prepared; // encoded here, on the decoding thread, not by the writer
};

// A bounded hand-over from the decoders to the single writer, so decoding cannot run far ahead of storing
// and hold a whole export in memory. Files are handed over in groups: waking the writer for every file cost
// a context switch per file, 15 µs of a 2-core machine's time, a fifth of what storing a file costs.
class DecodedQueue {
public:
    DecodedQueue(std::size_t capacity, std::size_t group)
        : m_capacity(capacity)
        , m_group(std::max<std::size_t>(1, std::min(group, capacity)))
    {
    }

    void push(Decoded d)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_items.size() < m_capacity || m_closed; });
        m_items.push_back(std::move(d));
        if (m_items.size() >= m_group)
            m_notEmpty.notify_one();
    }
    // The files decoded so far: at least a group of them, or fewer after kMaxWait (slow files still show
    // progress) or once every decoder is done. Empty when there is nothing left.
    std::deque<Decoded> popGroup()
    {
        std::unique_lock lock(m_mutex);
        const auto ready = [&] { return m_items.size() >= m_group || m_producers == 0; };
        while (!ready()) {
            if (!m_notEmpty.wait_for(lock, kMaxWait, ready) && !m_items.empty())
                break;
        }
        std::deque<Decoded> taken;
        taken.swap(m_items);
        m_notFull.notify_all();
        return taken;
    }
    void setProducers(int n)
    {
        std::lock_guard lock(m_mutex);
        m_producers = n;
    }
    void producerDone()
    {
        std::lock_guard lock(m_mutex);
        --m_producers;
        m_notEmpty.notify_all();
    }
    // Lets blocked producers finish when the writer stops early (cancel).
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notFull.notify_all();
    }

private:
    static constexpr std::chrono::milliseconds kMaxWait{100};
    std::mutex m_mutex;
    std::condition_variable m_notEmpty, m_notFull;
    std::deque<Decoded> m_items;
    std::size_t m_capacity;
    std::size_t m_group;
    int m_producers = 0;
    bool m_closed = false;
};

} // namespace

ImportReport ActivityImporter::run(AthleteId athlete, const QStringList& paths, const ProgressFn& progress,
                                   const std::atomic<bool>* cancel)
{
    ImportReport report;
    std::vector<ActivityFileRef> files;
    for (const QString& path : paths) {
        ExpandResult expanded = m_formats.expand(path);
        files.insert(files.end(), expanded.files.begin(), expanded.files.end());
        report.problems.insert(report.problems.end(), expanded.problems.begin(), expanded.problems.end());
    }
    report.files.resize(files.size());
    for (std::size_t i = 0; i < files.size(); ++i)
        report.files[i].file = files[i].displayName();

    auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };
    // Loads are computed on the decoding threads against the athlete's thresholds as they are now; the writer
    // recomputes any whose basis changed meanwhile. An unknown athlete is left for the writer to report.
    std::shared_ptr<const LoadBasis> basis;
    if (auto b = m_store.loadBasis(athlete))
        basis = std::make_shared<const LoadBasis>(std::move(*b));
    const int threads =
        std::max(1, m_options.decodeThreads > 0 ? m_options.decodeThreads
                                                : static_cast<int>(std::thread::hardware_concurrency()));
    // Room for a whole batch: the decoders keep working while the writer stores the previous one, instead of
    // stalling a few files ahead of it.
    DecodedQueue queue(static_cast<std::size_t>(std::max(threads * 4, m_options.batchSize)), kHandOverGroup);
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    queue.setProducers(threads);

    auto decodeLoop = [&] {
        for (;;) {
            const std::size_t i = next.fetch_add(1);
            if (i >= files.size() || stop.load() || cancelled())
                break;
            Decoded d;
            d.index = i;
            auto bytes = FormatRegistry::load(files[i]);
            if (!bytes) {
                d.file.error = ReadError{bytes.error().code, bytes.error().message, -1, -1};
            } else {
                d.bytes = bytes->size();
                d.file = m_formats.decode(files[i].fileName(), *bytes);
                const QString hash = contentHash(*bytes);
                const bool multi = d.file.activities.size() > 1;
                for (std::size_t leg = 0; leg < d.file.activities.size(); ++leg) {
                    Activity& a = d.file.activities[leg];
                    a.athleteId = athlete;
                    a.source = ActivitySource::File;
                    a.contentHash = multi ? hash + QStringLiteral("#%1").arg(leg) : hash;
                    d.file.warnings << dropImplausibleValues(a);
                    d.prepared.push_back(PreparedActivity::from(std::move(a), basis));
                }
                d.file.activities.clear();
            }
            queue.push(std::move(d));
        }
        queue.producerDone();
    };
    std::vector<std::thread> workers;
    workers.reserve(static_cast<std::size_t>(threads));
    for (int t = 0; t < threads; ++t)
        workers.emplace_back(decodeLoop);

    // The writer: batches whole files so a file's legs land in one transaction.
    ImportProgress state;
    state.filesTotal = static_cast<int>(files.size());
    std::vector<PreparedActivity> batch;
    std::vector<std::pair<std::size_t, std::size_t>> batchOwners; // (file index, activity count)

    // Stores one run of whole files; results are in the order of `activities`.
    auto record = [&](std::size_t fileIndex, const Result<std::vector<AddResult>>& added, std::size_t from,
                      std::size_t count) {
        FileOutcome& out = report.files[fileIndex];
        if (!added) {
            out.status = FileOutcome::Status::Failed;
            out.error = ReadError{added.error().code, added.error().message, -1, -1};
            return;
        }
        for (std::size_t j = 0; j < count; ++j) {
            const AddResult& r = (*added)[from + j];
            out.activityIds.push_back(r.id);
            (r.duplicate ? out.duplicateActivities : out.newActivities)++;
        }
        if (out.status != FileOutcome::Status::Recovered)
            out.status = out.newActivities == 0 ? FileOutcome::Status::Duplicate : FileOutcome::Status::Imported;
        state.activitiesAdded += out.newActivities;
    };
    auto flush = [&] {
        if (batch.empty())
            return;
        auto added = m_store.addActivities(batch);
        std::size_t k = 0;
        if (added) {
            for (const auto& [fileIndex, count] : batchOwners) {
                record(fileIndex, added, k, count);
                k += count;
            }
        } else {
            // One bad activity fails the whole transaction: store file by file so only its file fails.
            for (const auto& [fileIndex, count] : batchOwners) {
                const std::vector<PreparedActivity> one(batch.begin() + static_cast<std::ptrdiff_t>(k),
                                                        batch.begin() + static_cast<std::ptrdiff_t>(k + count));
                record(fileIndex, m_store.addActivities(one), 0, count);
                k += count;
            }
        }
        batch.clear();
        batchOwners.clear();
    };

    for (std::deque<Decoded> group; !(group = queue.popGroup()).empty();) {
        for (auto d = group.begin(); d != group.end(); ++d) {
            if (cancelled()) {
                if (!report.cancelled)
                    flush(); // what was decoded before the cancel is stored; later files stay "skipped"
                report.cancelled = true;
                stop = true;
                queue.close();
                continue; // drain so the decoders can finish
            }
            FileOutcome& out = report.files[d->index];
            out.warnings = d->file.warnings;
            out.error = d->file.error;
            const bool usable = !d->prepared.empty() && (!d->file.error || m_options.importRecovered);
            if (!usable) {
                out.status = FileOutcome::Status::Failed;
                if (!out.error)
                    out.error = ReadError{QStringLiteral("import.empty"), QStringLiteral("The file holds no activity."),
                                          -1, -1};
            } else {
                if (d->file.error)
                    out.status = FileOutcome::Status::Recovered;
                batchOwners.emplace_back(d->index, d->prepared.size());
                for (PreparedActivity& a : d->prepared)
                    batch.push_back(std::move(a));
                if (static_cast<int>(batch.size()) >= m_options.batchSize)
                    flush();
            }
            ++state.filesDone;
            state.bytesDone += d->bytes;
            state.lastFile = out.file;
            if (progress)
                progress(state);
        }
        // In the last stretch each group is stored as it comes: what is still batched when decoding ends is
        // written while the other cores idle.
        if (!report.cancelled &&
            files.size() - static_cast<std::size_t>(state.filesDone) < static_cast<std::size_t>(m_options.batchSize))
            flush();
    }
    if (!report.cancelled)
        flush();
    for (auto& w : workers)
        w.join();
    if (cancelled())
        report.cancelled = true;
    return report;
}

} // namespace tricoach
