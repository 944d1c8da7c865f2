// TCX and GPX read throughput over the shared corpus folders, in MB/s of XML (files held in memory, so this is
// parsing and summarising only, no disk).
#include "core/io/gpx/gpxreader.h"
#include "core/io/tcx/tcxreader.h"

#include <QDir>
#include <QFile>

#include <benchmark/benchmark.h>

using namespace tricoach;

namespace {

std::vector<QByteArray> corpusFolder(const char* folder, const char* pattern)
{
    std::vector<QByteArray> files;
    const QDir dir(QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/") + QLatin1String(folder));
    for (const QString& name : dir.entryList({QLatin1String(pattern)}, QDir::Files)) {
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::ReadOnly))
            files.push_back(f.readAll());
    }
    return files;
}

void readAll(benchmark::State& state, const ActivityReader& reader, const std::vector<QByteArray>& files)
{
    qint64 bytes = 0;
    std::size_t samples = 0;
    for (auto _ : state) {
        for (const QByteArray& file : files) {
            const DecodedFile d = reader.read(file);
            for (const Activity& a : d.activities)
                samples += a.streams.size();
            bytes += file.size();
        }
    }
    benchmark::DoNotOptimize(samples);
    state.SetBytesProcessed(bytes);
    state.counters["files"] = static_cast<double>(files.size());
}

void BM_TcxCorpus(benchmark::State& state)
{
    static const std::vector<QByteArray> files = corpusFolder("tcx", "*.tcx");
    readAll(state, TcxReader(), files);
}
BENCHMARK(BM_TcxCorpus)->Unit(benchmark::kMillisecond);

void BM_GpxCorpus(benchmark::State& state)
{
    static const std::vector<QByteArray> files = corpusFolder("gpx", "*.gpx");
    readAll(state, GpxReader(), files);
}
BENCHMARK(BM_GpxCorpus)->Unit(benchmark::kMillisecond);

} // namespace
