// The store with 20 years of training (15,000 activities, one athlete). The budgets: opening the store
// and listing one year < 50 ms; the chart over 20 years < 1 ms once cached.
#include "core/io/formatregistry.h"
#include "core/store/activitystore.h"
#include "core/store/streamcodec.h"
#include "core/util/datetime.h"
#include "tests/unit/core/io/fit/syntheticride.h"

#include <QFile>
#include <QTemporaryDir>

#include <array>
#include <benchmark/benchmark.h>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <random>

using namespace tricoach;

namespace {

constexpr int kActivities = 15000;
constexpr int kDays = 7300; // 20 years
const QDate kFirstDay(2005, 1, 1);

// The database, built once per process in a temporary folder and shared by every benchmark.
struct TwentyYears {
    TwentyYears()
    {
        path = dir.filePath(QStringLiteral("bench.sqlite"));
        auto store = ActivityStore::open(path);
        if (!store)
            fail(store.error());
        auto athlete = (*store)->createAthlete(QStringLiteral("Bench"));
        if (!athlete)
            fail(athlete.error());
        athleteId = athlete->id;

        std::mt19937 rng(42);
        std::uniform_real_distribution<double> load(20, 180);
        std::vector<Activity> activities;
        activities.reserve(kActivities);
        for (int i = 0; i < kActivities; ++i) {
            // About two sessions on most days: 15,000 spread evenly over 7,300 days.
            const QDate day = kFirstDay.addDays(static_cast<qint64>(i) * kDays / kActivities);
            Activity a;
            a.athleteId = athleteId;
            a.sport = kAllSports[static_cast<std::size_t>(i % 3)];
            a.title = QStringLiteral("Session %1").arg(i);
            a.startUtc = utcDateTime(day, QTime(6 + (i % 2) * 10, 0));
            a.utcOffsetSec = 3600;
            a.movingSec = 3600;
            a.elapsedSec = 3700;
            a.distanceM = 10000;
            a.avgHr = 140;
            a.userLoad = load(rng);
            activities.push_back(std::move(a));
        }
        auto added = (*store)->addActivities(activities);
        if (!added)
            fail(added.error());
    }

    [[noreturn]] static void fail(const Error& error)
    {
        std::fprintf(stderr, "store_bench: %s\n", qPrintable(error.message));
        std::exit(1);
    }

    QTemporaryDir dir;
    QString path;
    AthleteId athleteId = 0;
};

TwentyYears& twentyYears()
{
    static TwentyYears data;
    return data;
}

void BM_OpenAndListOneYear(benchmark::State& state)
{
    TwentyYears& data = twentyYears();
    ActivityQuery lastYear;
    lastYear.from = kFirstDay.addDays(kDays - 365);
    lastYear.to = kFirstDay.addDays(kDays - 1);
    std::size_t listed = 0;
    for (auto _ : state) {
        auto store = ActivityStore::open(data.path);
        if (!store) {
            state.SkipWithError(qPrintable(store.error().message));
            break;
        }
        const auto activities = (*store)->activities(data.athleteId, lastYear);
        listed = activities.size();
        benchmark::DoNotOptimize(activities.data());
    }
    state.counters["listed"] = static_cast<double>(listed);
}
// Reported as ".../Store" so that --benchmark_filter=Store selects both store benchmarks.
BENCHMARK(BM_OpenAndListOneYear)->Name("BM_OpenAndListOneYear/Store")->Unit(benchmark::kMillisecond);

void BM_PmcTwentyYearsFromStore(benchmark::State& state)
{
    TwentyYears& data = twentyYears();
    auto store = ActivityStore::open(data.path);
    if (!store) {
        state.SkipWithError(qPrintable(store.error().message));
        return;
    }
    const QDate to = kFirstDay.addDays(kDays);
    (*store)->pmc(data.athleteId, kFirstDay, to); // "once cached": the first call reads the cache table
    for (auto _ : state) {
        auto chart = (*store)->pmc(data.athleteId, kFirstDay, to);
        benchmark::DoNotOptimize(chart.data());
    }
    state.counters["days"] = kDays + 1;
}
BENCHMARK(BM_PmcTwentyYearsFromStore)->Unit(benchmark::kMicrosecond);

// For comparison: the first chart after opening, which reads the cache table into memory.
void BM_PmcTwentyYearsFromStoreCold(benchmark::State& state)
{
    TwentyYears& data = twentyYears();
    const QDate to = kFirstDay.addDays(kDays);
    for (auto _ : state) {
        auto store = ActivityStore::open(data.path);
        if (!store) {
            state.SkipWithError(qPrintable(store.error().message));
            break;
        }
        auto chart = (*store)->pmc(data.athleteId, kFirstDay, to);
        benchmark::DoNotOptimize(chart.data());
    }
}
BENCHMARK(BM_PmcTwentyYearsFromStoreCold)->Unit(benchmark::kMillisecond);

// ---- Stream encoding: the importer's decoding threads encode every series of every activity.

// A decoded 30-minute synthetic ride (the import benchmark's files) and a real Edge 810 ride with power.
Streams rideStreams()
{
    const FormatRegistry formats;
    const QByteArray bytes = fittest::syntheticRide(1'000'000'000, 1800);
    DecodedFile decoded = formats.decode(QStringLiteral("ride.fit"), bytes);
    if (decoded.activities.empty())
        std::abort();
    return std::move(decoded.activities.front().streams);
}

Streams realStreams()
{
    const FormatRegistry formats;
    QFile f(QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/fit/cycling-garmin-edge810-vector-power.fit"));
    if (!f.open(QIODevice::ReadOnly))
        std::abort();
    DecodedFile decoded = formats.decode(f.fileName(), f.readAll());
    if (decoded.activities.empty())
        std::abort();
    return std::move(decoded.activities.front().streams);
}

// The encoder before the 'D' format, kept here only to measure against: 'Q' series (zig-zag varint differences,
// each scale tried in a full pass), one QByteArray per series.
namespace legacy {

constexpr std::array<double, 11> kScales{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 2147483648.0 / 180.0};

char* putVarint(char* out, std::uint64_t v)
{
    while (v >= 0x80) {
        *out++ = static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    *out++ = static_cast<char>(v);
    return out;
}

std::optional<QByteArray> tryQuantized(const std::vector<double>& values, std::size_t scaleIndex)
{
    constexpr double kMagic = 6755399441055744.0;
    const double scale = kScales[scaleIndex];
    const double inverse = 1.0 / scale;
    QByteArray out(static_cast<qsizetype>(values.size()) * 10 + 21, Qt::Uninitialized);
    char* p = out.data();
    *p++ = 'Q';
    p = putVarint(p, values.size());
    p = putVarint(p, scaleIndex);
    std::int64_t previous = 0;
    for (double v : values) {
        if (std::isnan(v)) {
            *p++ = '\0';
            continue;
        }
        const double scaled = v * scale;
        if (!(std::fabs(scaled) < 9007199254740992.0 / 4))
            return std::nullopt;
        const double rounded = (scaled + kMagic) - kMagic;
        if (std::fabs(rounded * inverse - v) > store::kRoundTripTolerance * std::max(1.0, std::fabs(v)))
            return std::nullopt;
        const auto q = static_cast<std::int64_t>(rounded);
        const std::int64_t d = q - previous;
        p = putVarint(p, ((static_cast<std::uint64_t>(d) << 1) ^ static_cast<std::uint64_t>(d >> 63)) + 1);
        previous = q;
    }
    out.resize(p - out.constData());
    return out;
}

QByteArray encodeSeries(int channel, const std::vector<double>& values)
{
    if (channel == static_cast<int>(Channel::Latitude) || channel == static_cast<int>(Channel::Longitude)) {
        if (auto q = tryQuantized(values, 10))
            return *std::move(q);
    }
    for (std::size_t i = 0; i < 10; ++i) {
        if (auto q = tryQuantized(values, i))
            return *std::move(q);
    }
    return {}; // the zlib fallback: no series of these rides needs it
}

} // namespace legacy

// Encoding as the importer's decoding threads do: every series of the ride into the one blob the store writes.
void BM_EncodeRideStreams(benchmark::State& state, const Streams& streams)
{
    qsizetype bytes = 0;
    for (auto _ : state) {
        const QByteArray blob = store::encodeStreamsBlob(streams);
        bytes = blob.size();
        benchmark::DoNotOptimize(blob.data());
    }
    state.counters["bytes"] = static_cast<double>(bytes);
    state.counters["samples"] = static_cast<double>(streams.size());
}
BENCHMARK_CAPTURE(BM_EncodeRideStreams, synthetic, rideStreams())->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_EncodeRideStreams, edge810, realStreams())->Unit(benchmark::kMicrosecond);

void BM_EncodeRideStreamsLegacy(benchmark::State& state, const Streams& streams)
{
    qsizetype bytes = 0;
    for (auto _ : state) {
        bytes = legacy::encodeSeries(store::kTimeChannel, streams.time).size();
        for (const auto& [channel, values] : streams.channels)
            bytes += legacy::encodeSeries(static_cast<int>(channel), values).size();
        benchmark::DoNotOptimize(bytes);
    }
    state.counters["bytes"] = static_cast<double>(bytes);
    state.counters["samples"] = static_cast<double>(streams.size());
}
BENCHMARK_CAPTURE(BM_EncodeRideStreamsLegacy, synthetic, rideStreams())->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_EncodeRideStreamsLegacy, edge810, realStreams())->Unit(benchmark::kMicrosecond);

void BM_DecodeRideStreams(benchmark::State& state, const Streams& streams)
{
    const QByteArray blob = store::encodeStreamsBlob(streams);
    for (auto _ : state) {
        auto decoded = store::decodeStreamsBlob(blob);
        if (!decoded) {
            state.SkipWithError("the blob does not decode");
            break;
        }
        benchmark::DoNotOptimize(decoded->time.data());
    }
    state.counters["bytes"] = static_cast<double>(blob.size());
}
BENCHMARK_CAPTURE(BM_DecodeRideStreams, synthetic, rideStreams())->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_DecodeRideStreams, edge810, realStreams())->Unit(benchmark::kMicrosecond);

} // namespace
