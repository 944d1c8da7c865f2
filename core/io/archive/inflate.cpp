#include "core/io/archive/inflate.h"

#include <algorithm>
#include <limits>
#include <zlib.h>

namespace tricoach::archive::detail {

namespace {

QString formatName(Wrapper w)
{
    return w == Wrapper::Gzip ? QStringLiteral("gzip") : QStringLiteral("zip");
}

Error corrupt(Wrapper w, const char* zlibMessage)
{
    return makeError(QStringLiteral("The %1 data is corrupt (%2); the file is damaged.")
                         .arg(formatName(w), zlibMessage != nullptr ? QString::fromUtf8(zlibMessage)
                                                                    : QStringLiteral("invalid compressed data")),
                     formatName(w) + QStringLiteral(".corrupt"));
}

Error tooLarge(qint64 maxOutput)
{
    return makeError(QStringLiteral("The compressed file expands to more than %1 MiB, far more than any activity "
                                    "file; it was not unpacked.")
                         .arg(maxOutput / (1024 * 1024)),
                     QStringLiteral("archive.too-large"));
}

Error truncated(Wrapper w)
{
    return makeError(QStringLiteral("The %1 data ends early; the file is truncated (an interrupted download or "
                                    "copy?).")
                         .arg(formatName(w)),
                     formatName(w) + QStringLiteral(".truncated"));
}

// Owns a z_stream so every return path ends it.
struct Stream {
    z_stream zs{};
    bool open = false;
    ~Stream()
    {
        if (open)
            inflateEnd(&zs);
    }
};

} // namespace

Result<QByteArray> inflateAll(QByteArrayView data, Wrapper wrapper, qint64 expectedSize, qint64 maxOutput)
{
    if (expectedSize > maxOutput)
        return tooLarge(maxOutput);
    Stream s;
    if (inflateInit2(&s.zs, wrapper == Wrapper::Gzip ? 15 + 16 : -15) != Z_OK)
        return makeError(QStringLiteral("Could not start decompression (out of memory?)."),
                         QStringLiteral("archive.internal"));
    s.open = true;

    QByteArray out;
    qint64 produced = 0;
    qint64 capacity =
        expectedSize >= 0 ? expectedSize : std::min<qint64>(std::max<qint64>(data.size() * 4, 65536), maxOutput);
    out.resize(capacity);
    const auto* in = reinterpret_cast<const Bytef*>(data.data());
    qint64 consumed = 0;
    constexpr qint64 kMaxChunk = std::numeric_limits<uInt>::max() / 2;
    for (;;) {
        if (s.zs.avail_in == 0 && consumed < data.size()) {
            const qint64 chunk = std::min<qint64>(data.size() - consumed, kMaxChunk);
            s.zs.next_in = const_cast<Bytef*>(in + consumed); // zlib's API is not const-correct; it does not write
            s.zs.avail_in = static_cast<uInt>(chunk);
            consumed += chunk;
        }
        if (produced == capacity) {
            if (expectedSize < 0 && capacity < maxOutput) {
                capacity = std::min<qint64>(capacity * 2, maxOutput);
                out.resize(capacity);
            } else {
                // Full: one probe byte tells "ends exactly here" from "holds more".
                unsigned char probe = 0;
                s.zs.next_out = &probe;
                s.zs.avail_out = 1;
                const int ret = inflate(&s.zs, Z_NO_FLUSH);
                if (s.zs.avail_out == 0) {
                    if (expectedSize >= 0 && expectedSize < maxOutput)
                        return makeError(QStringLiteral("A zip entry holds more data than its header declares; "
                                                        "the archive is damaged."),
                                         QStringLiteral("zip.corrupt"));
                    return tooLarge(maxOutput);
                }
                if (ret == Z_STREAM_END)
                    break;
                if (ret == Z_BUF_ERROR && s.zs.avail_in == 0 && consumed >= data.size())
                    return truncated(wrapper);
                if (ret != Z_OK && ret != Z_BUF_ERROR)
                    return corrupt(wrapper, s.zs.msg);
                continue;
            }
        }
        const qint64 room = std::min<qint64>(capacity - produced, kMaxChunk);
        s.zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
        s.zs.avail_out = static_cast<uInt>(room);
        const int ret = inflate(&s.zs, Z_NO_FLUSH);
        produced += room - s.zs.avail_out;
        if (ret == Z_STREAM_END) {
            const qint64 left = s.zs.avail_in + (data.size() - consumed);
            const qint64 at = data.size() - left;
            // gzip(1) joins concatenated members; anything else after the end (padding) is ignored.
            if (wrapper == Wrapper::Gzip && left >= 2 && static_cast<unsigned char>(data[at]) == 0x1f &&
                static_cast<unsigned char>(data[at + 1]) == 0x8b) {
                inflateReset(&s.zs);
                continue;
            }
            break;
        }
        if (ret == Z_NEED_DICT || ret == Z_DATA_ERROR || ret == Z_STREAM_ERROR)
            return corrupt(wrapper, s.zs.msg);
        if (ret == Z_MEM_ERROR)
            return makeError(QStringLiteral("Out of memory while decompressing."), QStringLiteral("archive.internal"));
        if (ret == Z_BUF_ERROR && s.zs.avail_in == 0 && consumed >= data.size())
            return truncated(wrapper);
    }
    if (expectedSize >= 0 && produced != expectedSize)
        return makeError(QStringLiteral("A zip entry holds %1 bytes where its header declares %2; the archive is "
                                        "damaged.")
                             .arg(produced)
                             .arg(expectedSize),
                         QStringLiteral("zip.corrupt"));
    out.resize(produced);
    return out;
}

} // namespace tricoach::archive::detail
