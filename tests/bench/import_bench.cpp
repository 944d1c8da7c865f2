// Import into the store against parsing alone, on 2,000 distinct FIT files: the store must not be the
// bottleneck (issue: import ≥ 90 % of the parse-only rate). Both list the folder and run the same decode on
// every core (argument 0) or on one decoding thread (argument 1: the writer then has a core of its own, as on
// any machine with more cores than this 2-core one); import adds encoding the streams and the single batched
// writer. Compare BM_Import2000Files/N with BM_Parse2000Files/N of the same run.
#include "core/import/activityimporter.h"
#include "core/io/formatregistry.h"
#include "core/store/activitystore.h"
#include "tests/unit/core/io/fit/syntheticride.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <atomic>
#include <benchmark/benchmark.h>
#include <thread>

using namespace tricoach;
using namespace tricoach::fittest;

namespace {

constexpr int kFiles = 2000;
constexpr int kRecordsPerFile = 1800; // 30 minutes at 1 Hz

// The 2,000 files, written once into a temporary folder: one ride a day from 2015 on.
class Corpus {
public:
    Corpus()
    {
        constexpr std::uint32_t kFirst = 820'000'000; // 2015-12-26 in FIT time
        for (int i = 0; i < kFiles; ++i) {
            QFile f(m_dir.filePath(QStringLiteral("ride-%1.fit").arg(i, 4, 10, QLatin1Char('0'))));
            if (!f.open(QIODevice::WriteOnly))
                std::abort();
            const QByteArray bytes = syntheticRide(kFirst + static_cast<std::uint32_t>(i) * 86'400, kRecordsPerFile, i);
            m_bytes += bytes.size();
            f.write(bytes);
        }
    }
    QString folder() const { return m_dir.path(); }
    qint64 bytes() const { return m_bytes; }
    QString scratch(const QString& name) const { return m_dir.filePath(QStringLiteral("../") + name); }

private:
    QTemporaryDir m_dir;
    qint64 m_bytes = 0;
};

const Corpus& corpus()
{
    static const Corpus c;
    return c;
}

void report(benchmark::State& state)
{
    state.counters["files/s"] =
        benchmark::Counter(static_cast<double>(state.iterations()) * kFiles, benchmark::Counter::kIsRate);
    state.counters["MB/s"] = benchmark::Counter(static_cast<double>(state.iterations() * corpus().bytes()) / 1e6,
                                                benchmark::Counter::kIsRate);
}

unsigned decodingThreads(const benchmark::State& state)
{
    return state.range(0) > 0 ? static_cast<unsigned>(state.range(0))
                              : std::max(1u, std::thread::hardware_concurrency());
}

// Parse only: the importer's front end (list the folder, load + decode + hash each file), results dropped.
void BM_Parse2000Files(benchmark::State& state)
{
    const FormatRegistry formats;
    const QString folder = corpus().folder(); // written before timing starts
    for (auto _ : state) {
        const ExpandResult files = formats.expand(folder);
        std::atomic<std::size_t> next{0};
        std::atomic<std::size_t> activities{0};
        std::vector<std::thread> workers;
        for (unsigned t = 0; t < decodingThreads(state); ++t) {
            workers.emplace_back([&] {
                for (std::size_t i; (i = next.fetch_add(1)) < files.files.size();) {
                    auto bytes = FormatRegistry::load(files.files[i]);
                    DecodedFile d = formats.decode(files.files[i].fileName(), *bytes);
                    ActivityImporter::contentHash(*bytes);
                    activities += d.activities.size();
                }
            });
        }
        for (auto& w : workers)
            w.join();
        if (activities != kFiles)
            state.SkipWithError("not every file decoded");
    }
    report(state);
}
BENCHMARK(BM_Parse2000Files)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

// Import: the same decode plus the single batched writer into a new store each time.
void BM_Import2000Files(benchmark::State& state)
{
    const FormatRegistry formats;
    int round = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const QString db = corpus().scratch(QStringLiteral("import-bench-%1.sqlite").arg(round++));
        std::unique_ptr<ActivityStore> store = std::move(*ActivityStore::open(db));
        const AthleteId athlete = store->defaultAthlete()->id;
        state.ResumeTiming();
        ImportOptions options;
        options.decodeThreads = static_cast<int>(decodingThreads(state));
        ActivityImporter importer(*store, formats, options);
        const ImportReport r = importer.run(athlete, {corpus().folder()});
        if (r.added() != kFiles)
            state.SkipWithError("not every file imported");
        state.PauseTiming();
        store.reset(); // close before removing the files
        for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(db + suffix);
        state.ResumeTiming();
    }
    report(state);
}
BENCHMARK(BM_Import2000Files)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

// The writer alone: the 2,000 activities decoded and prepared (streams encoded, as the importer's decoding
// threads do) beforehand, stored in the importer's batches of 200.
void BM_Store2000Activities(benchmark::State& state)
{
    const FormatRegistry formats;
    const QString probe = corpus().scratch(QStringLiteral("store-bench-probe.sqlite"));
    const AthleteId athlete = (*ActivityStore::open(probe))->defaultAthlete()->id; // what a new store gets
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(probe + suffix);
    constexpr std::size_t kBatch = 200;
    std::vector<std::vector<PreparedActivity>> batches;
    for (const ActivityFileRef& f : formats.expand(corpus().folder()).files) {
        const QByteArray bytes = *FormatRegistry::load(f);
        for (Activity& a : formats.decode(f.fileName(), bytes).activities) {
            a.athleteId = athlete;
            a.source = ActivitySource::File;
            a.contentHash = ActivityImporter::contentHash(bytes);
            if (batches.empty() || batches.back().size() == kBatch)
                batches.emplace_back();
            batches.back().push_back(PreparedActivity::from(std::move(a)));
        }
    }
    int round = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const QString db = corpus().scratch(QStringLiteral("store-bench-%1.sqlite").arg(round++));
        std::unique_ptr<ActivityStore> store = std::move(*ActivityStore::open(db));
        if (store->defaultAthlete()->id != athlete)
            state.SkipWithError("a new store's first athlete has another id");
        state.ResumeTiming();
        for (const auto& batch : batches) {
            if (!store->addActivities(batch))
                state.SkipWithError("store failed");
        }
        state.PauseTiming();
        store.reset();
        for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(db + suffix);
        state.ResumeTiming();
    }
    report(state);
}
BENCHMARK(BM_Store2000Activities)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

} // namespace
