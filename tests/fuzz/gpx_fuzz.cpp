// libFuzzer target: GpxReader::read on arbitrary bytes must return (an activity or an error), never crash, hang
// or read out of bounds. Regressions live in tests/data/fuzz-regressions/gpx/ and run in core_io_xml_test.
#include "core/io/gpx/gpxreader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const tricoach::GpxReader reader;
    const tricoach::DecodedFile decoded =
        reader.read(QByteArrayView(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)));
    // Touch the result so the streams are built and checked for consistency.
    for (const tricoach::Activity& a : decoded.activities) {
        for (const auto& [channel, series] : a.streams.channels) {
            if (series.size() != a.streams.time.size())
                __builtin_trap();
        }
    }
    return 0;
}
