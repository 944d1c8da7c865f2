// The import's memory limits, asserted on the heap itself: this binary stands in for malloc and its family
// (glibc's own are reached through their __libc_ names) and counts what the process holds, so a test can say
// "an import of this never held more than N bytes at once" whatever allocated them (Qt, zlib, SQLite, ours).
#include "core/import/activityimporter.h"
#include "core/io/formatregistry.h"
#include "core/store/activitystore.h"
#include "tests/support/tempdir.h"
#include "tests/unit/core/io/fit/syntheticride.h"

#include "../unit/core/io/archive/archivetestutil.h"

#include <QDateTime>
#include <QDir>
#include <QFile>

#include <atomic>
#include <cstdint>
#include <gtest/gtest.h>

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#define TRICOACH_COUNT_HEAP 1
#include <cerrno>
#include <malloc.h>
#include <unistd.h>

namespace {
std::atomic<std::int64_t> g_live{0};
std::atomic<std::int64_t> g_peak{0};

void track(std::int64_t delta)
{
    const std::int64_t now = g_live.fetch_add(delta, std::memory_order_relaxed) + delta;
    std::int64_t peak = g_peak.load(std::memory_order_relaxed);
    while (now > peak && !g_peak.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
    }
}

std::int64_t usable(void* p)
{
    return p != nullptr ? static_cast<std::int64_t>(malloc_usable_size(p)) : 0;
}
} // namespace

extern "C" {
void* __libc_malloc(size_t size);
void __libc_free(void* p);
void* __libc_calloc(size_t n, size_t size);
void* __libc_realloc(void* p, size_t size);
void* __libc_memalign(size_t alignment, size_t size);

void* malloc(size_t size)
{
    void* p = __libc_malloc(size);
    track(usable(p));
    return p;
}
void free(void* p)
{
    track(-usable(p));
    __libc_free(p);
}
void* calloc(size_t n, size_t size)
{
    void* p = __libc_calloc(n, size);
    track(usable(p));
    return p;
}
void* realloc(void* p, size_t size)
{
    const std::int64_t before = usable(p);
    void* q = __libc_realloc(p, size);
    if (q != nullptr || size == 0)
        track(usable(q) - before);
    return q;
}
void* memalign(size_t alignment, size_t size)
{
    void* p = __libc_memalign(alignment, size);
    track(usable(p));
    return p;
}
void* aligned_alloc(size_t alignment, size_t size)
{
    return memalign(alignment, size);
}
int posix_memalign(void** out, size_t alignment, size_t size)
{
    void* p = memalign(alignment, size);
    if (p == nullptr)
        return ENOMEM;
    *out = p;
    return 0;
}
void* valloc(size_t size)
{
    return memalign(static_cast<size_t>(sysconf(_SC_PAGESIZE)), size);
}
void* pvalloc(size_t size)
{
    const auto page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    return memalign(page, (size + page - 1) / page * page);
}
}
#endif

using namespace tricoach;
using namespace tricoach::test;

namespace {

constexpr std::int64_t kMiB = 1 << 20;

// The most the heap held above what it held when constructed.
class HeapPeak {
public:
    HeapPeak()
    {
#ifdef TRICOACH_COUNT_HEAP
        m_base = g_live.load();
        g_peak.store(m_base);
#endif
    }
    std::int64_t bytes() const
    {
#ifdef TRICOACH_COUNT_HEAP
        return g_peak.load() - m_base;
#else
        return 0;
#endif
    }

private:
    std::int64_t m_base = 0;
};

class ImportMemory : public TempDirTest {
protected:
    void SetUp() override
    {
#ifndef TRICOACH_COUNT_HEAP
        GTEST_SKIP() << "the heap is counted only with glibc and without a sanitizer's allocator";
#endif
        auto opened = ActivityStore::open(pathFor(QStringLiteral("memory.sqlite")));
        ASSERT_TRUE(opened) << opened.error().message.toStdString();
        store = std::move(*opened);
        athlete = store->defaultAthlete()->id;
    }
    ImportReport import(const QString& path, int threads, qint64 budget = kDefaultImportMemoryBudget)
    {
        ImportOptions options;
        options.decodeThreads = threads;
        options.memoryBudgetBytes = budget;
        ActivityImporter importer(*store, formats, options);
        return importer.run(athlete, {path});
    }

    FormatRegistry formats;
    std::unique_ptr<ActivityStore> store;
    AthleteId athlete = 0;
};

TEST_F(ImportMemory, AZipBombIsRefusedWithoutUnpackingIt)
{
    // Four entries that unpack to 100 MiB of zeros each and say so, four that claim 1 MiB and unpack to 100 MiB:
    // a 400 KB archive. Unpacked by four threads at once, they took 400 MiB (and up to 4 GiB for entries near
    // the old 1 GiB limit of a single entry).
    quint32 crc = 0;
    const QByteArray bomb = deflatedZeros(100 * kMiB, &crc);
    std::vector<RawEntry> entries;
    for (int i = 0; i < 4; ++i) {
        entries.push_back({"activities/honest-" + QByteArray::number(i) + ".fit", bomb, crc, 100 * kMiB});
        entries.push_back({"activities/lying-" + QByteArray::number(i) + ".gpx", bomb, crc, 1 * kMiB});
    }
    ASSERT_TRUE(writeFile(pathFor(QStringLiteral("bomb.zip")), zipOfDeflated(entries)));

    const HeapPeak peak;
    const ImportReport r = import(pathFor(QStringLiteral("bomb.zip")), 4);
    EXPECT_LT(peak.bytes(), 16 * kMiB);
    ASSERT_EQ(r.files.size(), 8U);
    for (const FileOutcome& f : r.files) {
        EXPECT_EQ(f.status, FileOutcome::Status::Failed) << f.file.toStdString();
        ASSERT_TRUE(f.error.has_value());
        const QString expected = f.file.contains(QLatin1String("honest")) ? QStringLiteral("import.too-large")
                                                                          : QStringLiteral("zip.corrupt");
        EXPECT_EQ(f.error->code, expected) << f.error->message.toStdString();
    }
    EXPECT_EQ(store->activityCount(athlete), 0);
}

TEST_F(ImportMemory, AHugeFileNamedFitIsRefusedBeforeItIsRead)
{
    QFile huge(pathFor(QStringLiteral("huge.fit")));
    ASSERT_TRUE(huge.open(QIODevice::WriteOnly));
    ASSERT_TRUE(huge.resize(qint64(5) << 30)); // sparse: 5 GiB of zeros that take no disk
    huge.close();

    const HeapPeak peak;
    const ImportReport r = import(huge.fileName(), 2);
    EXPECT_LT(peak.bytes(), 4 * kMiB);
    ASSERT_EQ(r.files.size(), 1U);
    ASSERT_TRUE(r.files.front().error.has_value());
    EXPECT_EQ(r.files.front().error->code, QLatin1String("import.too-large"));
    EXPECT_TRUE(r.files.front().error->message.contains(QLatin1String("5120.0 MiB")))
        << r.files.front().error->message.toStdString();
}

TEST_F(ImportMemory, DecodersShareOneBudget)
{
    // Eight 20-hour rides of ~2.2 MB, each planned at ~9 MB: with a budget of 8 MiB they are decoded one at a
    // time whatever the number of threads; four at once held four times as much.
    constexpr int kFiles = 8;
    constexpr int kRecords = 72'000;
    qint64 fileBytes = 0;
    ASSERT_TRUE(QDir().mkpath(pathFor(QStringLiteral("rides"))));
    for (int i = 0; i < kFiles; ++i) {
        const QByteArray ride =
            fittest::syntheticRide(1'000'000'000 + static_cast<std::uint32_t>(i) * 86'400, kRecords, i);
        fileBytes = ride.size();
        ASSERT_TRUE(writeFile(pathFor(QStringLiteral("rides/ride-%1.fit").arg(i)), ride));
    }
    const qint64 budget = 8 * kMiB;
    const auto plan = formats.plan({pathFor(QStringLiteral("rides/ride-0.fit")), std::nullopt});
    ASSERT_TRUE(plan);
    ASSERT_GT(plan->memoryBytes, budget); // so each file is decoded alone

    HeapPeak alone;
    {
        const DecodedFile one = formats.decodeFile({pathFor(QStringLiteral("rides/ride-0.fit")), std::nullopt});
        ASSERT_TRUE(one.ok());
    }
    const std::int64_t oneFile = alone.bytes();
    EXPECT_LE(oneFile, plan->memoryBytes) << "the plan must not promise less than a decode takes";

    const HeapPeak peak;
    const ImportReport r = import(pathFor(QStringLiteral("rides")), 4, budget);
    EXPECT_EQ(r.added(), kFiles);
    EXPECT_LE(r.peakDecodeBytes, plan->memoryBytes);
    // One file decoding, plus what waits for the writer and the writer's own (SQLite's cache, a batch): far
    // from the four files that four threads held at once.
    EXPECT_LT(peak.bytes(), oneFile + 3 * fileBytes + 8 * kMiB)
        << "one file alone: " << oneFile << " bytes, files of " << fileBytes << " bytes";
}

TEST_F(ImportMemory, ALargeGpxIsDecodedWithoutACopyOfItsText)
{
    // 14 MB of bare track points at 1 Hz, the leanest GPX there is (decoded samples weigh most against it). Its
    // text was decoded into one UTF-16 string first, twice its size: the peak was 5.6 times the file, now 3.6.
    QByteArray gpx = "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"test\" "
                     "xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><name>Long</name><trkseg>\n";
    const QDateTime start(QDate(2023, 6, 1), QTime(6, 0), Qt::UTC);
    for (int i = 0; i < 150'000; ++i)
        gpx += "<trkpt lat=\"" + QByteArray::number(45.0 + i * 5e-6, 'f', 7) + "\" lon=\"" +
               QByteArray::number(6.0 + i * 3e-6, 'f', 7) + "\"><ele>" + QByteArray::number(500 + i % 300) +
               "</ele><time>" + start.addSecs(i).toString(Qt::ISODate).toLatin1() + "</time></trkpt>\n";
    gpx += "</trkseg></trk></gpx>\n";
    const qint64 size = gpx.size();
    ASSERT_TRUE(writeFile(pathFor(QStringLiteral("long.gpx")), gpx));
    gpx = QByteArray();

    const HeapPeak peak;
    const DecodedFile d = formats.decodeFile({pathFor(QStringLiteral("long.gpx")), std::nullopt});
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d.activities.front().streams.size(), 150'000U);
    const auto plan = formats.plan({pathFor(QStringLiteral("long.gpx")), std::nullopt});
    ASSERT_TRUE(plan);
    EXPECT_LT(peak.bytes(), plan->memoryBytes);
    EXPECT_LT(peak.bytes(), size * 4) << "file of " << size << " bytes";
}

} // namespace
