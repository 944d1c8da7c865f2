#pragma once
// How one recorded series is stored: a little-endian array compressed with zlib (qCompress). Time and the
// position channels need float64 (a float32 latitude is only good to ~1 m, elapsed time to ~0.1 s after a
// day); the others fit float32 and take half the space. NaN (a missing sample) survives both widths.

#include "core/model/streams.h"

#include <QByteArray>

#include <optional>
#include <vector>

namespace tricoach::store {

// Channel number used for the time series in the streams table (Channel values start at 1).
inline constexpr int kTimeChannel = 0;

// Bytes per sample stored for `channel` (kTimeChannel or a Channel value): 8 or 4.
int sampleWidth(int channel);

QByteArray encodeSeries(int channel, const std::vector<double>& values);
// The series, or nothing when `encoded` is damaged (bad zlib data or a size that is not whole samples).
std::optional<std::vector<double>> decodeSeries(int channel, const QByteArray& encoded);

} // namespace tricoach::store
