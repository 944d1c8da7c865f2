#pragma once
// How one recorded series is stored. Devices record at a fixed resolution (FIT: centimetres, millimetres per
// second, semicircles; TCX/GPX: a few decimals), so a series is stored as integers at that resolution, as
// zig-zag varint differences from the previous sample: 1–2 bytes a sample for smooth signals, and an order
// of magnitude cheaper to write than zlib, which made the store the bottleneck of an import.
//
// Format: one tag byte, then
//   'Q' varint count, varint scale index (kScales), then per sample varint 0 = missing (NaN), else
//       zigzag(q − previous q) + 1, value = q / scale; chosen only when every sample round-trips within
//       kRoundTripTolerance (relative);
//   'F' qCompress(level 1) of little-endian float64s, for series with no such resolution.

#include "core/model/streams.h"

#include <QByteArray>

#include <optional>
#include <vector>

namespace tricoach::store {

// Channel number used for the time series in the streams table (Channel values start at 1).
inline constexpr int kTimeChannel = 0;

// One stored series: its channel number and its encoded bytes.
struct EncodedSeries {
    int channel = kTimeChannel;
    QByteArray bytes;
};

// A quantized value may differ from the recorded one by this much, relative (|v| ≥ 1) or absolute: far below
// any sensor's precision, and below float32's 6e-8.
inline constexpr double kRoundTripTolerance = 1e-12;

QByteArray encodeSeries(int channel, const std::vector<double>& values);
// Every series of `streams` as stored (time first, then the channels in order); nothing when there are none.
std::vector<EncodedSeries> encodeStreams(const Streams& streams);
// The series, or nothing when `encoded` is damaged (unknown tag, bad varints or zlib data, wrong count).
std::optional<std::vector<double>> decodeSeries(int channel, const QByteArray& encoded);

} // namespace tricoach::store
