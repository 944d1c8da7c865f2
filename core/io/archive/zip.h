#pragma once

// Reading .zip archives (Garmin Connect and Strava bulk exports) from memory: the central directory, stored and
// deflated entries, ZIP64 sizes and offsets. Written on zlib's raw inflate rather than libzip or minizip: zlib is
// already linked, reading from a memory view is all we need, and a reader of ~250 lines is easier to bound and
// fuzz than a second library's file and seek callbacks. Format facts from PKWARE's APPNOTE.TXT 6.3.

#include "core/io/archive/gzip.h"

#include <QString>

#include <vector>

namespace tricoach::archive {

// One file (or folder) stored in a zip archive, as its central directory describes it.
struct ArchiveEntry {
    QString name; // path inside the archive, '/'-separated (UTF-8 names; others read as UTF-8 too)
    qint64 compressedSize = 0;
    qint64 uncompressedSize = 0;
    quint32 crc32 = 0;
    quint16 method = 0; // 0 stored, 8 deflate; others are refused on extraction
    qint64 localHeaderOffset = 0;
    bool encrypted = false;
    bool isDirectory() const { return name.endsWith(QLatin1Char('/')); }
    bool operator==(const ArchiveEntry&) const = default;
};

// True when the data starts like a zip archive (a local file header, or the end record of an empty archive).
bool isZip(QByteArrayView data);

// The entries of an archive. Errors: "zip.not-zip", "zip.corrupt", "zip.multi-disk".
Result<std::vector<ArchiveEntry>> listZip(QByteArrayView zip);

// The uncompressed bytes of one entry, checked against its CRC-32. Errors: "zip.corrupt", "zip.truncated",
// "zip.unsupported" (encrypted, or a method other than stored/deflate), "archive.too-large".
Result<QByteArray> extractZipEntry(QByteArrayView zip, const ArchiveEntry& entry, qint64 maxOutput = kMaxInflatedBytes);

} // namespace tricoach::archive
