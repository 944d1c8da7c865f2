#include "core/import/activityimporter.h"

#include "core/import/memorybudget.h"
#include "core/model/plausible.h"
#include "core/store/activitystore.h"

#include <QCryptographicHash>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
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
    case FileOutcome::Status::Replaced:
        return QStringLiteral("replaced");
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

int ImportReport::replaced() const
{
    int n = 0;
    for (const auto& f : files)
        n += f.replacedActivities;
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

// What an activity waiting for the writer holds besides its encoded samples (summary, laps, lengths), roughly.
constexpr qint64 kActivityOverheadBytes = 2048;

// A decoded file on its way from a decoding thread to the writer.
struct Decoded {
    std::size_t index = 0;
    qint64 bytes = 0;
    qint64 heldBytes = 0;                   // what `prepared` holds, for the queue's and the batch's limits
    DecodedFile file;                       // its activities are moved into `prepared`
    std::vector<PreparedActivity> prepared; // encoded here, on the decoding thread, not by the writer
};

// A bounded hand-over from the decoders to the single writer, so decoding cannot run far ahead of storing
// and hold a whole export in memory: at most `capacity` files and `maxBytes` bytes wait. The writer takes them
// in the files' order. Files are handed over in groups: waking the writer for every file cost a context switch
// per file, 15 µs of a 2-core machine's time, a fifth of what storing a file costs.
class DecodedQueue {
public:
    DecodedQueue(std::size_t capacity, qint64 maxBytes, std::size_t group)
        : m_capacity(capacity)
        , m_maxBytes(maxBytes)
        , m_group(std::max<std::size_t>(1, std::min(group, capacity)))
    {
    }

    // Waits for room, except for the file the writer needs next: it must always get in, or the writer would
    // wait for it forever while the room is taken by files after it.
    void push(Decoded d)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] {
            return m_closed || d.index == m_next ||
                   (m_items.size() < m_capacity && m_bytes + d.heldBytes <= m_maxBytes);
        });
        m_bytes += d.heldBytes;
        const std::size_t index = d.index;
        m_items.emplace(index, std::move(d));
        if (readyLocked() >= m_group)
            m_notEmpty.notify_one();
    }
    // The next files in order: at least a group of them, or fewer after kMaxWait (slow files still show
    // progress) or once every decoder is done (then all that is left: a cancel leaves gaps). Empty when there
    // is nothing left.
    std::deque<Decoded> popGroup()
    {
        std::unique_lock lock(m_mutex);
        const auto ready = [&] { return readyLocked() >= m_group || m_producers == 0; };
        while (!ready()) {
            if (!m_notEmpty.wait_for(lock, kMaxWait, ready) && readyLocked() > 0)
                break;
        }
        std::deque<Decoded> taken;
        for (auto it = m_items.begin(); it != m_items.end() && (m_producers == 0 || it->first == m_next);
             it = m_items.erase(it)) {
            m_next = it->first + 1;
            m_bytes -= it->second.heldBytes;
            taken.push_back(std::move(it->second));
        }
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
    // How many files from the next one on are here without a gap, counting up to a group.
    std::size_t readyLocked() const
    {
        std::size_t n = 0;
        for (auto it = m_items.begin(); it != m_items.end() && it->first == m_next + n && n < m_group; ++it)
            ++n;
        return n;
    }

    static constexpr std::chrono::milliseconds kMaxWait{100};
    std::mutex m_mutex;
    std::condition_variable m_notEmpty, m_notFull;
    std::map<std::size_t, Decoded> m_items; // by file index
    std::size_t m_next = 0;                 // the file the writer takes next
    qint64 m_bytes = 0;
    std::size_t m_capacity;
    qint64 m_maxBytes;
    std::size_t m_group;
    int m_producers = 0;
    bool m_closed = false;
};

ReadError readErrorOf(const Error& e)
{
    return ReadError{e.code, e.message, -1, -1};
}

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
    DecodedQueue queue(static_cast<std::size_t>(std::max(threads * 4, m_options.batchSize)), kMaxQueuedBytes,
                       kHandOverGroup);
    MemoryBudget budget(m_options.memoryBudgetBytes);
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    queue.setProducers(threads);

    // Reads, decodes and prepares one file within the memory budget. The lease is given back before the file
    // is handed to the writer, so that no thread waits for the budget while holding some of it.
    auto decodeOne = [&](std::size_t i) {
        Decoded d;
        d.index = i;
        const ActivityFileRef& file = files[i];
        Result<ReadPlan> plan = m_formats.plan(file);
        if (!plan) {
            d.file.error = readErrorOf(plan.error());
            return d;
        }
        const qint64 limit = FormatRegistry::maxFileBytes(plan->formatId);
        for (;;) {
            const MemoryBudget::Lease lease = budget.acquire(plan->memoryBytes);
            auto bytes = FormatRegistry::load(file, limit);
            if (!bytes) {
                d.file.error = readErrorOf(bytes.error());
                return d;
            }
            d.bytes = bytes->size();
            d.file = m_formats.decode(file.fileName(), *bytes, plan->maxUnpacked);
            // gzip unpacked past the plan's guess: plan for the format's limit and read it again.
            if (d.file.error && d.file.error->code == QLatin1String("archive.too-large") && plan->maxUnpacked < limit) {
                plan = FormatRegistry::withFullUnpacking(*plan);
                continue;
            }
            const QString hash = contentHash(*bytes);
            bytes = QByteArray();
            const bool multi = d.file.activities.size() > 1;
            for (std::size_t leg = 0; leg < d.file.activities.size(); ++leg) {
                Activity& a = d.file.activities[leg];
                a.athleteId = athlete;
                a.source = ActivitySource::File;
                a.contentHash = multi ? hash + QStringLiteral("#%1").arg(leg) : hash;
                d.file.warnings << dropImplausibleValues(a);
                d.prepared.push_back(PreparedActivity::from(std::move(a), basis));
                d.heldBytes += d.prepared.back().encodedStreams().size() + kActivityOverheadBytes;
            }
            d.file.activities.clear();
            return d;
        }
    };
    auto decodeLoop = [&] {
        for (;;) {
            const std::size_t i = next.fetch_add(1);
            if (i >= files.size() || stop.load() || cancelled())
                break;
            queue.push(decodeOne(i));
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
    qint64 batchBytes = 0;
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
            (r.replaced ? out.replacedActivities : r.duplicate ? out.duplicateActivities : out.newActivities)++;
        }
        if (out.status != FileOutcome::Status::Recovered)
            out.status = out.newActivities > 0        ? FileOutcome::Status::Imported
                         : out.replacedActivities > 0 ? FileOutcome::Status::Replaced
                                                      : FileOutcome::Status::Duplicate;
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
        batchBytes = 0;
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
                batchBytes += d->heldBytes;
                if (static_cast<int>(batch.size()) >= m_options.batchSize || batchBytes >= kMaxBatchBytes)
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
    report.peakDecodeBytes = budget.peak();
    return report;
}

} // namespace tricoach
