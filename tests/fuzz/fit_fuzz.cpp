// libFuzzer target: FitReader::read on arbitrary bytes must return (activities or an error), never crash,
// hang, read out of bounds or allocate without bound. Crashes found become inputs in
// tests/data/fuzz-regressions/fit/, run by core_io_fit_test. Seed it with tests/data/activities/fit.
#include "core/io/fit/fitreader.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const tricoach::FitReader reader;
    const tricoach::DecodedFile decoded =
        reader.read(QByteArrayView(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)));
    // The reader's promises, checked on every input.
    if (!decoded.error && decoded.activities.empty())
        std::abort();
    for (const tricoach::Activity& a : decoded.activities) {
        for (const auto& [channel, series] : a.streams.channels) {
            if (series.size() != a.streams.time.size())
                std::abort();
        }
        if (!std::isfinite(a.elapsedSec) || !std::isfinite(a.movingSec))
            std::abort();
        // Every activity has a date; one before 2000 or in the future comes with a warning naming it.
        if (!a.startUtc.isValid())
            std::abort();
        const bool plausible =
            a.startUtc.date().year() >= 2000 && a.startUtc <= QDateTime::currentDateTimeUtc().addDays(1);
        const QString day = a.startUtc.date().toString(Qt::ISODate);
        if (!plausible && !std::any_of(decoded.warnings.begin(), decoded.warnings.end(),
                                       [&](const QString& w) { return w.contains(day); }))
            std::abort();
    }
    return 0;
}
