// gzip and zip reading: round trips through zlib and a test zip writer, bombs, corrupt and truncated input.
#include "core/io/archive/gzip.h"
#include "core/io/archive/zip.h"

#include "archivetestutil.h"

#include <gtest/gtest.h>
#include <random>

using namespace tricoach;
using namespace tricoach::archive;
using namespace tricoach::test;

namespace {

QByteArray sampleText(int bytes)
{
    QByteArray out;
    std::mt19937 rng(7);
    while (out.size() < bytes)
        out += "<Trackpoint><Time>2024-05-01T10:00:" + QByteArray::number(static_cast<int>(rng() % 60)) +
               "Z</Time></Trackpoint>\n";
    out.truncate(bytes);
    return out;
}

TEST(Gzip, RoundTrip)
{
    for (int size : {0, 1, 1000, 300000}) {
        const QByteArray data = sampleText(size);
        const Result<QByteArray> out = gunzip(gzip(data));
        ASSERT_TRUE(out.ok()) << out.error().message.toStdString();
        EXPECT_EQ(*out, data);
    }
}

TEST(Gzip, ConcatenatedMembersAreJoined)
{
    const Result<QByteArray> out = gunzip(gzip("hello ") + gzip("world"));
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(*out, QByteArray("hello world"));
}

TEST(Gzip, BombIsRefusedAtTheLimit)
{
    const QByteArray zeros(4 * 1024 * 1024, '\0');
    const QByteArray packed = gzip(zeros);
    EXPECT_LT(packed.size(), 10000);
    const Result<QByteArray> refused = gunzip(packed, 1024 * 1024);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, QLatin1String("archive.too-large"));
    EXPECT_TRUE(refused.error().message.contains(QLatin1String("1 MiB")));
    const Result<QByteArray> exact = gunzip(packed, zeros.size());
    ASSERT_TRUE(exact.ok());
    EXPECT_EQ(exact->size(), zeros.size());
    EXPECT_EQ(kMaxInflatedBytes, qint64(1) << 30);
}

TEST(Gzip, CorruptAndTruncated)
{
    const QByteArray packed = gzip(sampleText(50000));
    EXPECT_EQ(gunzip("plain text").error().code, QLatin1String("gzip.corrupt"));
    EXPECT_EQ(gunzip(QByteArray()).error().code, QLatin1String("gzip.corrupt"));
    EXPECT_EQ(gunzip(packed.left(packed.size() / 2)).error().code, QLatin1String("gzip.truncated"));
    EXPECT_EQ(gunzip(packed.left(5)).error().code, QLatin1String("gzip.truncated"));
    QByteArray flipped = packed;
    flipped[flipped.size() - 6] = static_cast<char>(flipped[flipped.size() - 6] ^ 0x55); // CRC trailer
    EXPECT_EQ(gunzip(flipped).error().code, QLatin1String("gzip.corrupt"));
    QByteArray badBlock = packed;
    badBlock[10] = static_cast<char>(0xff); // invalid block type right after the header
    EXPECT_FALSE(gunzip(badBlock).ok());
    EXPECT_TRUE(isGzip(packed));
    EXPECT_FALSE(isGzip("\x1f"));
}

TEST(Zip, ListAndExtractStoredAndDeflated)
{
    const QByteArray a = sampleText(20000), b = "tiny";
    const QByteArray zip = makeZip({{QStringLiteral("activities/a.tcx"), a, true},
                                    {QStringLiteral("activities/"), {}, false},
                                    {QStringLiteral("b.gpx"), b, false},
                                    {QStringLiteral("empty.fit"), {}, true},
                                    {QStringLiteral("Ünïcode.gpx"), b, true}});
    EXPECT_TRUE(isZip(zip));
    const Result<std::vector<ArchiveEntry>> entries = listZip(zip);
    ASSERT_TRUE(entries.ok()) << entries.error().message.toStdString();
    ASSERT_EQ(entries->size(), 5U);
    EXPECT_EQ((*entries)[0].name, QLatin1String("activities/a.tcx"));
    EXPECT_EQ((*entries)[0].method, 8);
    EXPECT_EQ((*entries)[0].uncompressedSize, a.size());
    EXPECT_TRUE((*entries)[1].isDirectory());
    EXPECT_EQ((*entries)[2].method, 0);
    EXPECT_EQ((*entries)[4].name, QStringLiteral("Ünïcode.gpx"));
    EXPECT_EQ(*extractZipEntry(zip, (*entries)[0]), a);
    EXPECT_EQ(*extractZipEntry(zip, (*entries)[2]), b);
    EXPECT_EQ(*extractZipEntry(zip, (*entries)[3]), QByteArray());
    EXPECT_EQ(*extractZipEntry(zip, (*entries)[4]), b);
}

TEST(Zip, EmptyArchive)
{
    const QByteArray zip = makeZip({});
    EXPECT_TRUE(isZip(zip));
    ASSERT_TRUE(listZip(zip).ok());
    EXPECT_TRUE(listZip(zip)->empty());
}

TEST(Zip, CorruptArchivesAreErrorsNotCrashes)
{
    const QByteArray zip = makeZip({{QStringLiteral("a.tcx"), sampleText(5000), true}});
    EXPECT_EQ(listZip("not a zip at all, just some text").error().code, QLatin1String("zip.not-zip"));
    EXPECT_EQ(listZip(QByteArray()).error().code, QLatin1String("zip.not-zip"));
    EXPECT_EQ(listZip(zip.left(zip.size() - 10)).error().code, QLatin1String("zip.not-zip")); // end record cut

    const ArchiveEntry entry = listZip(zip)->front();
    // The data cut off: the central directory survives in a copy, the entry does not.
    EXPECT_EQ(extractZipEntry(zip.left(100), entry).error().code, QLatin1String("zip.truncated"));

    QByteArray flipped = zip;
    flipped[40] = static_cast<char>(flipped[40] ^ 0x20); // inside the deflated data
    const Result<QByteArray> out = extractZipEntry(flipped, entry);
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.error().code, QLatin1String("zip.corrupt"));

    ArchiveEntry lying = entry;
    lying.uncompressedSize -= 1;
    EXPECT_EQ(extractZipEntry(zip, lying).error().code, QLatin1String("zip.corrupt"));
    lying = entry;
    lying.crc32 ^= 1;
    EXPECT_EQ(extractZipEntry(zip, lying).error().code, QLatin1String("zip.corrupt"));
    lying = entry;
    lying.localHeaderOffset = 7;
    EXPECT_EQ(extractZipEntry(zip, lying).error().code, QLatin1String("zip.corrupt"));
    lying = entry;
    lying.method = 12; // bzip2
    EXPECT_EQ(extractZipEntry(zip, lying).error().code, QLatin1String("zip.unsupported"));
    lying = entry;
    lying.encrypted = true;
    EXPECT_EQ(extractZipEntry(zip, lying).error().code, QLatin1String("zip.unsupported"));
    lying = entry;
    lying.uncompressedSize = kMaxInflatedBytes + 1;
    EXPECT_EQ(extractZipEntry(zip, lying).error().code, QLatin1String("archive.too-large"));
}

TEST(Zip, EveryTruncationAndByteFlipFailsCleanly)
{
    const QByteArray zip =
        makeZip({{QStringLiteral("a.tcx"), sampleText(3000), true}, {QStringLiteral("b.gpx"), sampleText(500), false}});
    for (qsizetype cut = 0; cut < zip.size(); ++cut) {
        const Result<std::vector<ArchiveEntry>> entries = listZip(zip.left(cut));
        if (entries.ok()) {
            for (const ArchiveEntry& e : *entries)
                (void)extractZipEntry(zip.left(cut), e, 1 << 20);
        }
    }
    for (qsizetype at = 0; at < zip.size(); ++at) {
        QByteArray bad = zip;
        bad[at] = static_cast<char>(bad[at] ^ 0xff);
        const Result<std::vector<ArchiveEntry>> entries = listZip(bad);
        if (entries.ok()) {
            for (const ArchiveEntry& e : *entries)
                (void)extractZipEntry(bad, e, 1 << 20);
        }
    }
    SUCCEED();
}

TEST(Zip, Zip64SizesFromTheExtraField)
{
    // One stored entry whose central header saturates sizes and offset and carries them in a ZIP64 extra field.
    const QByteArray body = "zip64 body";
    const quint32 crc = crcOf(body);
    QByteArray zip;
    putLe(zip, 0x04034b50, 4);
    putLe(zip, 45, 2);
    putLe(zip, 0, 2);
    putLe(zip, 0, 2);
    putLe(zip, 0, 4);
    putLe(zip, crc, 4);
    putLe(zip, 0xffffffff, 4);
    putLe(zip, 0xffffffff, 4);
    putLe(zip, 5, 2);
    putLe(zip, 0, 2);
    zip += "a.gpx" + body;
    const auto dirOffset = static_cast<quint64>(zip.size());
    QByteArray dir;
    putLe(dir, 0x02014b50, 4);
    putLe(dir, 45, 2);
    putLe(dir, 45, 2);
    putLe(dir, 0, 2);
    putLe(dir, 0, 2);
    putLe(dir, 0, 4);
    putLe(dir, crc, 4);
    putLe(dir, 0xffffffff, 4);
    putLe(dir, 0xffffffff, 4);
    putLe(dir, 5, 2);
    putLe(dir, 28, 2);
    putLe(dir, 0, 2);
    putLe(dir, 0, 2);
    putLe(dir, 0, 2);
    putLe(dir, 0, 4);
    putLe(dir, 0xffffffff, 4);
    dir += "a.gpx";
    putLe(dir, 0x0001, 2);
    putLe(dir, 24, 2);
    putLe(dir, static_cast<quint64>(body.size()), 8);
    putLe(dir, static_cast<quint64>(body.size()), 8);
    putLe(dir, 0, 8);
    zip += dir;
    const auto end64 = static_cast<quint64>(zip.size());
    putLe(zip, 0x06064b50, 4);
    putLe(zip, 44, 8);
    putLe(zip, 45, 2);
    putLe(zip, 45, 2);
    putLe(zip, 0, 4);
    putLe(zip, 0, 4);
    putLe(zip, 1, 8);
    putLe(zip, 1, 8);
    putLe(zip, static_cast<quint64>(dir.size()), 8);
    putLe(zip, dirOffset, 8);
    putLe(zip, 0x07064b50, 4);
    putLe(zip, 0, 4);
    putLe(zip, end64, 8);
    putLe(zip, 1, 4);
    putLe(zip, 0x06054b50, 4);
    putLe(zip, 0, 4);
    putLe(zip, 0xffff, 2);
    putLe(zip, 0xffff, 2);
    putLe(zip, 0xffffffff, 4);
    putLe(zip, 0xffffffff, 4);
    putLe(zip, 0, 2);

    const Result<std::vector<ArchiveEntry>> entries = listZip(zip);
    ASSERT_TRUE(entries.ok()) << entries.error().message.toStdString();
    ASSERT_EQ(entries->size(), 1U);
    EXPECT_EQ(entries->front().uncompressedSize, body.size());
    EXPECT_EQ(entries->front().localHeaderOffset, 0);
    EXPECT_EQ(*extractZipEntry(zip, entries->front()), body);
}

} // namespace
