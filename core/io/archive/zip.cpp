#include "core/io/archive/zip.h"

#include "core/io/archive/inflate.h"

#include <limits>
#include <optional>
#include <zlib.h>

namespace tricoach::archive {

namespace {

// Record signatures and fixed sizes (APPNOTE 4.3.7, 4.3.12, 4.3.14-16).
constexpr quint32 kLocalHeaderSig = 0x04034b50;
constexpr quint32 kCentralHeaderSig = 0x02014b50;
constexpr quint32 kEndSig = 0x06054b50;
constexpr quint32 kZip64EndSig = 0x06064b50;
constexpr quint32 kZip64LocatorSig = 0x07064b50;
constexpr qint64 kLocalHeaderSize = 30;
constexpr qint64 kCentralHeaderSize = 46;
constexpr qint64 kEndSize = 22;
constexpr qint64 kZip64LocatorSize = 20;
constexpr qint64 kZip64EndSize = 56;
constexpr quint16 kZip64ExtraId = 0x0001;
constexpr quint32 kSaturated32 = 0xffffffff;

// Little-endian reads with bounds checks; every read past the end yields nullopt.
class View {
public:
    explicit View(QByteArrayView data)
        : m_data(data)
    {
    }
    qint64 size() const { return m_data.size(); }
    std::optional<quint64> read(qint64 at, int bytes) const
    {
        if (at < 0 || bytes < 0 || at > m_data.size() - bytes)
            return std::nullopt;
        quint64 v = 0;
        for (int i = bytes - 1; i >= 0; --i)
            v = (v << 8) | static_cast<unsigned char>(m_data[at + i]);
        return v;
    }
    std::optional<QByteArrayView> slice(qint64 at, qint64 length) const
    {
        if (at < 0 || length < 0 || at > m_data.size() || length > m_data.size() - at)
            return std::nullopt;
        return m_data.sliced(at, length);
    }

private:
    QByteArrayView m_data;
};

Error corrupt(const QString& what)
{
    return makeError(QStringLiteral("The zip archive is damaged: %1.").arg(what), QStringLiteral("zip.corrupt"));
}

// Where the central directory lies and how many entries it holds.
struct Directory {
    qint64 offset = 0, size = 0, count = 0;
};

Result<Directory> findDirectory(const View& v)
{
    if (v.size() < kEndSize)
        return makeError(QStringLiteral("This is not a zip archive (too short to hold one)."),
                         QStringLiteral("zip.not-zip"));
    // The end record sits in the last 22 + 65535 bytes (its comment is at most 65535 bytes); scan backwards.
    qint64 end = -1;
    for (qint64 at = v.size() - kEndSize; at >= 0 && at >= v.size() - kEndSize - 65535; --at) {
        if (v.read(at, 4) == kEndSig && at + kEndSize + static_cast<qint64>(*v.read(at + 20, 2)) <= v.size()) {
            end = at;
            break;
        }
    }
    if (end < 0)
        return makeError(QStringLiteral("This is not a zip archive, or its end is missing (a truncated download?)."),
                         QStringLiteral("zip.not-zip"));
    if (*v.read(end + 4, 2) != 0 || *v.read(end + 6, 2) != 0)
        return makeError(QStringLiteral("Split (multi-part) zip archives are not supported; join the parts first."),
                         QStringLiteral("zip.multi-disk"));
    Directory d{static_cast<qint64>(*v.read(end + 16, 4)), static_cast<qint64>(*v.read(end + 12, 4)),
                static_cast<qint64>(*v.read(end + 10, 2))};
    const qint64 locator = end - kZip64LocatorSize;
    if (v.read(locator, 4) == kZip64LocatorSig) {
        const auto at64 = v.read(locator + 8, 8);
        if (!at64 || *at64 > quint64(v.size()) || v.read(qint64(*at64), 4) != kZip64EndSig ||
            !v.slice(qint64(*at64), kZip64EndSize))
            return corrupt(QStringLiteral("its ZIP64 end record is missing"));
        const auto at = static_cast<qint64>(*at64);
        const quint64 count = *v.read(at + 32, 8), size = *v.read(at + 40, 8), offset = *v.read(at + 48, 8);
        if (count > quint64(v.size()) || size > quint64(v.size()) || offset > quint64(v.size()))
            return corrupt(QStringLiteral("its ZIP64 end record points outside the file"));
        d = Directory{qint64(offset), qint64(size), qint64(count)};
    }
    if (!v.slice(d.offset, d.size))
        return corrupt(QStringLiteral("its central directory lies outside the file"));
    if (d.count * kCentralHeaderSize > d.size)
        return corrupt(QStringLiteral("its central directory is shorter than its entry count needs"));
    return d;
}

// Replaces saturated 32-bit fields by the ZIP64 extra field's 64-bit values (APPNOTE 4.5.3: present in order,
// only for the fields that are saturated).
bool applyZip64Extra(const View& v, qint64 extraAt, qint64 extraLength, ArchiveEntry& e, bool needUncompressed,
                     bool needCompressed, bool needOffset)
{
    qint64 at = extraAt;
    const qint64 end = extraAt + extraLength;
    while (at + 4 <= end) {
        const quint64 id = *v.read(at, 2), length = *v.read(at + 2, 2);
        if (at + 4 + qint64(length) > end)
            return false;
        if (id == kZip64ExtraId) {
            qint64 field = at + 4;
            const qint64 fieldsEnd = field + qint64(length);
            auto next = [&](qint64& target) {
                if (field + 8 > fieldsEnd)
                    return false;
                const quint64 value = *v.read(field, 8);
                if (value > quint64(std::numeric_limits<qint64>::max()))
                    return false;
                target = qint64(value);
                field += 8;
                return true;
            };
            return (!needUncompressed || next(e.uncompressedSize)) && (!needCompressed || next(e.compressedSize)) &&
                   (!needOffset || next(e.localHeaderOffset));
        }
        at += 4 + qint64(length);
    }
    return !needUncompressed && !needCompressed && !needOffset;
}

} // namespace

bool isZip(QByteArrayView data)
{
    const View v(data);
    return v.read(0, 4) == kLocalHeaderSig || v.read(0, 4) == kEndSig;
}

Result<std::vector<ArchiveEntry>> listZip(QByteArrayView zip)
{
    const View v(zip);
    const Result<Directory> dir = findDirectory(v);
    if (!dir)
        return dir.error();
    std::vector<ArchiveEntry> entries;
    entries.reserve(static_cast<std::size_t>(dir->count));
    qint64 at = dir->offset;
    const qint64 end = dir->offset + dir->size;
    for (qint64 i = 0; i < dir->count; ++i) {
        if (at + kCentralHeaderSize > end || v.read(at, 4) != kCentralHeaderSig)
            return corrupt(QStringLiteral("entry %1 of its central directory is malformed").arg(i + 1));
        const quint64 flags = *v.read(at + 8, 2);
        ArchiveEntry e;
        e.method = static_cast<quint16>(*v.read(at + 10, 2));
        e.crc32 = static_cast<quint32>(*v.read(at + 16, 4));
        e.compressedSize = static_cast<qint64>(*v.read(at + 20, 4));
        e.uncompressedSize = static_cast<qint64>(*v.read(at + 24, 4));
        const qint64 nameLength = qint64(*v.read(at + 28, 2)), extraLength = qint64(*v.read(at + 30, 2)),
                     commentLength = qint64(*v.read(at + 32, 2));
        e.localHeaderOffset = static_cast<qint64>(*v.read(at + 42, 4));
        e.encrypted = (flags & 1U) != 0;
        const qint64 next = at + kCentralHeaderSize + nameLength + extraLength + commentLength;
        if (next > end)
            return corrupt(QStringLiteral("entry %1 of its central directory runs past its end").arg(i + 1));
        e.name = QString::fromUtf8(*v.slice(at + kCentralHeaderSize, nameLength));
        if (!applyZip64Extra(v, at + kCentralHeaderSize + nameLength, extraLength, e,
                             e.uncompressedSize == kSaturated32, e.compressedSize == kSaturated32,
                             e.localHeaderOffset == kSaturated32))
            return corrupt(QStringLiteral("the ZIP64 sizes of \"%1\" are missing").arg(e.name));
        entries.push_back(std::move(e));
        at = next;
    }
    return entries;
}

Result<QByteArray> extractZipEntry(QByteArrayView zip, const ArchiveEntry& e, qint64 maxOutput)
{
    const View v(zip);
    if (e.encrypted)
        return makeError(
            QStringLiteral("\"%1\" is encrypted in the zip archive; unpack it with its password first.").arg(e.name),
            QStringLiteral("zip.unsupported"));
    if (e.method != 0 && e.method != 8)
        return makeError(QStringLiteral("\"%1\" uses zip compression method %2; only stored and deflate are read. "
                                        "Repack the archive with a standard zip tool.")
                             .arg(e.name)
                             .arg(e.method),
                         QStringLiteral("zip.unsupported"));
    if (e.uncompressedSize > maxOutput)
        return makeError(QStringLiteral("\"%1\" would unpack to %2 MiB, far more than any activity file; it was "
                                        "not unpacked.")
                             .arg(e.name)
                             .arg(e.uncompressedSize / (1024 * 1024)),
                         QStringLiteral("archive.too-large"));
    if (v.read(e.localHeaderOffset, 4) != kLocalHeaderSig || !v.slice(e.localHeaderOffset, kLocalHeaderSize))
        return corrupt(QStringLiteral("the local header of \"%1\" is missing").arg(e.name));
    const qint64 dataAt = e.localHeaderOffset + kLocalHeaderSize + qint64(*v.read(e.localHeaderOffset + 26, 2)) +
                          qint64(*v.read(e.localHeaderOffset + 28, 2));
    const auto compressed = v.slice(dataAt, e.compressedSize);
    if (!compressed)
        return makeError(QStringLiteral("\"%1\" is cut off: the zip archive is truncated.").arg(e.name),
                         QStringLiteral("zip.truncated"));
    Result<QByteArray> out = [&]() -> Result<QByteArray> {
        if (e.method == 0) {
            if (e.compressedSize != e.uncompressedSize)
                return corrupt(QStringLiteral("the sizes of stored entry \"%1\" disagree").arg(e.name));
            return compressed->toByteArray();
        }
        return detail::inflateAll(*compressed, detail::Wrapper::Raw, e.uncompressedSize, maxOutput);
    }();
    if (!out)
        return out;
    const auto crc = static_cast<quint32>(
        crc32_z(0, reinterpret_cast<const Bytef*>(out->constData()), static_cast<z_size_t>(out->size())));
    if (crc != e.crc32)
        return corrupt(QStringLiteral("the checksum of \"%1\" does not match its contents").arg(e.name));
    return out;
}

} // namespace tricoach::archive
