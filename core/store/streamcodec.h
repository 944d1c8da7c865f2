#pragma once
// How recorded series are stored. Devices record at a fixed resolution (FIT: centimetres, millimetres per
// second, semicircles; TCX/GPX: a few decimals), so a series is stored as integers at that resolution, each
// predicted from the ones before it: only the prediction's error is written, as a varint. Smooth signals (time,
// distance, position) leave errors of 0 or ±1 under a linear prediction and a flat one leaves runs of zeros, so a
// sample costs well under a byte. Encoding runs on the import's decoding threads and must stay an order of
// magnitude cheaper than zlib, which made the store the bottleneck of an import.
//
// Format of one series: one tag byte, then
//   'D' varint count, varint scale index (1, 10, …, 1e9, then the FIT semicircle 2^31/180; seriesformat.h),
//       one byte predictor order (1 or 2), then tokens until `count` samples are read:
//         0            one missing sample (NaN); the predictor is left as it was;
//         1, varint n  n samples (1 ≤ n ≤ kMaxRun) equal to their prediction;
//         2, varint n  n missing samples (1 ≤ n ≤ kMaxRun);
//         varint z + 3 one sample, z = zigzag(q − prediction).
//       value = q / scale. The prediction is 0 before the first value, the previous value until two are known,
//       then the previous value (order 1) or the line through the previous two (order 2: 2·q₋₁ − q₋₂), in
//       64-bit arithmetic. Chosen when every sample round-trips within kRoundTripTolerance.
//   'Q' (read only: written before 'D') varint count, varint scale index, then per sample varint 0 = missing,
//       else zigzag(q − previous q) + 1.
//   'F' qCompress(level 1) of little-endian float64s, for series with no such resolution (±inf, arbitrary
//       doubles).
// Format of all series of an activity in one blob: one format byte (kStreamsBlobFormat), varint number of
// series, then per series varint channel number (kTimeChannel or a Channel value), varint byte length, and the
// series as above: time first, then the channels in order. The time series is always there; every channel has
// its length.

#include "core/model/streams.h"

#include <QByteArray>
#include <QByteArrayView>

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

// The longest run (of predicted or of missing samples) one token holds: its length fits two varint bytes, and it
// bounds how many samples damaged bytes can claim, as a run token takes at least two bytes.
inline constexpr int kMaxRun = 16383;

// The first byte of a blob of streams; another layout will take another number.
inline constexpr char kStreamsBlobFormat = 1;

QByteArray encodeSeries(int channel, const std::vector<double>& values);
// The series, or nothing when `encoded` is damaged (unknown tag, order or scale, bad varints, runs or zlib data,
// a wrong count, trailing bytes).
std::optional<std::vector<double>> decodeSeries(int channel, QByteArrayView encoded);

// Every series of `streams` in one blob (time first, then the channels in order); empty when there are none.
// `streams` must keep its invariant (every channel as long as time), or the blob will not decode.
QByteArray encodeStreamsBlob(const Streams& streams);
// The streams of a blob (empty bytes: no streams), or nothing when it is damaged: an unknown format byte, a
// series that does not decode, lengths beyond the blob, trailing bytes, a channel twice, no time series, or a
// channel whose length differs from time's. Channel numbers this version does not know come from a later
// TriCoach and are skipped, as the per-series rows do.
std::optional<Streams> decodeStreamsBlob(QByteArrayView bytes);
// Already encoded series in one blob, their bytes as they are (upgrading a store from a row per series).
QByteArray packEncodedSeries(const std::vector<EncodedSeries>& series);

} // namespace tricoach::store
