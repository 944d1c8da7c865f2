// FitReader throughput: the whole FIT corpus, and a synthetic 10-hour 1 Hz ride with every channel. The
// issue's bar is >= 20x Garmin's JS SDK and >= 5x gpsbabel on the same files (both measured outside this
// benchmark).
#include "core/io/fit/fitreader.h"
#include "tests/unit/core/io/fit/fittestwriter.h"

#include <QDir>
#include <QFile>

#include <benchmark/benchmark.h>
#include <cmath>

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

// 36,000 records (10 h at 1 Hz) with time, position, altitude, HR, cadence, power, speed, distance,
// temperature, plus file_id, a lap every 10 minutes, the session and the activity message, as an Edge would
// write them.
QByteArray tenHourRide()
{
    constexpr std::uint32_t kStart = 1'000'000'000;
    constexpr int kRecords = 36'000;
    constexpr int kLapSeconds = 600;
    const double degreesPerSemicircle = fit::kDegreesPerSemicircle;
    FitWriter w;
    w.define(0, fit::mesg::FileId, {{0, 1, bt::Enum}, {1, 2, bt::UInt16}, {2, 2, bt::UInt16}, {4, 4, bt::UInt32}});
    w.data(0, {4, 1, 3843, kStart});
    w.define(1, fit::mesg::Record,
             {{253, 4, bt::UInt32},
              {0, 4, bt::SInt32},
              {1, 4, bt::SInt32},
              {5, 4, bt::UInt32},
              {73, 4, bt::UInt32},
              {78, 4, bt::UInt32},
              {7, 2, bt::UInt16},
              {3, 1, bt::UInt8},
              {4, 1, bt::UInt8},
              {13, 1, bt::SInt8}});
    w.define(2, fit::mesg::Lap,
             {{253, 4, bt::UInt32}, {2, 4, bt::UInt32}, {7, 4, bt::UInt32}, {8, 4, bt::UInt32}, {9, 4, bt::UInt32}});
    double distance = 0;
    for (int i = 0; i < kRecords; ++i) {
        const double speed = 8 + 2 * std::sin(i / 300.0);
        distance += speed;
        const double lat = 47.0 + i * 1e-5, lon = 8.0 + std::sin(i / 1000.0) * 0.01;
        w.data(1, {kStart + i, static_cast<std::int32_t>(lat / degreesPerSemicircle),
                   static_cast<std::int32_t>(lon / degreesPerSemicircle), static_cast<std::uint32_t>(distance * 100),
                   static_cast<std::uint32_t>(speed * 1000),
                   static_cast<std::uint32_t>((400 + 50 * std::sin(i / 900.0) + 500) * 5), 200 + i % 80, 120 + i % 50,
                   85 + i % 10, 18});
        if ((i + 1) % kLapSeconds == 0)
            w.data(2, {kStart + i, kStart + i + 1 - kLapSeconds, kLapSeconds * 1000, kLapSeconds * 1000, 0});
    }
    w.define(3, fit::mesg::Session,
             {{253, 4, bt::UInt32},
              {2, 4, bt::UInt32},
              {5, 1, bt::Enum},
              {7, 4, bt::UInt32},
              {8, 4, bt::UInt32},
              {9, 4, bt::UInt32}});
    w.data(3, {kStart + kRecords - 1, kStart, 2, kRecords * 1000, kRecords * 1000,
               static_cast<std::uint32_t>(distance * 100)});
    w.define(4, fit::mesg::Activity, {{253, 4, bt::UInt32}, {5, 4, bt::UInt32}});
    w.data(4, {kStart + kRecords, kStart + kRecords + 3600});
    return w.finish();
}

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
