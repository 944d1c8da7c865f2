// FitReader throughput: the whole FIT corpus, and a synthetic 10-hour 1 Hz ride with every channel. The
// issue's bar is >= 20x Garmin's JS SDK and >= 5x gpsbabel on the same files (both measured outside this
// benchmark).
#include "core/io/fit/fitreader.h"
#include "tests/unit/core/io/fit/syntheticride.h"

#include <QDir>
#include <QFile>

#include <benchmark/benchmark.h>

using namespace tricoach;
using namespace tricoach::fittest;

namespace {

std::vector<QByteArray> corpus()
{
    std::vector<QByteArray> files;
    const QDir dir(QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/fit"));
    for (const QString& name : dir.entryList({QStringLiteral("*.fit")}, QDir::Files)) {
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::ReadOnly))
            files.push_back(f.readAll());
    }
    return files;
}

// 36,000 records (10 h at 1 Hz) with every channel, laps, session and activity, as an Edge would write them.
QByteArray tenHourRide() { return syntheticRide(1'000'000'000, 36'000); }

void reportThroughput(benchmark::State& state, std::int64_t bytesPerIteration)
{
    state.SetBytesProcessed(state.iterations() * bytesPerIteration);
    state.counters["MB/s"] = benchmark::Counter(static_cast<double>(state.iterations() * bytesPerIteration) / 1e6,
                                                benchmark::Counter::kIsRate);
}

void BM_FitReaderCorpus(benchmark::State& state)
{
    const auto files = corpus();
    std::int64_t bytes = 0;
    for (const QByteArray& f : files)
        bytes += f.size();
    const FitReader reader;
    for (auto _ : state) {
        for (const QByteArray& f : files) {
            DecodedFile decoded = reader.read(f);
            benchmark::DoNotOptimize(decoded.activities.data());
        }
    }
    reportThroughput(state, bytes);
    state.counters["files"] = static_cast<double>(files.size());
}
BENCHMARK(BM_FitReaderCorpus)->Unit(benchmark::kMillisecond);

void BM_FitReaderTenHourRide(benchmark::State& state)
{
    const QByteArray ride = tenHourRide();
    const FitReader reader;
    std::size_t samples = 0;
    for (auto _ : state) {
        DecodedFile decoded = reader.read(ride);
        samples = decoded.activities.empty() ? 0 : decoded.activities.front().streams.size();
        benchmark::DoNotOptimize(decoded.activities.data());
    }
    reportThroughput(state, ride.size());
    state.counters["records"] = static_cast<double>(samples);
}
BENCHMARK(BM_FitReaderTenHourRide)->Unit(benchmark::kMillisecond);

} // namespace
