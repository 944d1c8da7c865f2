// libFuzzer target: zip listing and extraction, and gunzip, on arbitrary bytes (with a small output limit so
// bombs are cheap to refuse) must return a value or an error, never crash or read out of bounds.
#include "core/io/archive/gzip.h"
#include "core/io/archive/zip.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace tricoach::archive;
    const QByteArrayView bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    constexpr qint64 kLimit = 1 << 20;
    (void)gunzip(bytes, kLimit);
    const auto entries = listZip(bytes);
    if (entries.ok()) {
        for (const ArchiveEntry& e : *entries) {
            const auto out = extractZipEntry(bytes, e, kLimit);
            if (out.ok() && out->size() != e.uncompressedSize)
                __builtin_trap();
        }
    }
    return 0;
}
