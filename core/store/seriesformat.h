#pragma once
// What the series encoder and decoder share (the format is described in streamcodec.h).

#include "core/store/streamcodec.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace tricoach::store::format {

static_assert(sizeof(double) == 8 && std::numeric_limits<double>::is_iec559,
              "the stream encoding assumes IEEE 754 doubles");

inline constexpr char kDelta = 'D';
inline constexpr char kQuantized = 'Q';
inline constexpr char kFloat = 'F';

// The tokens of a 'D' series.
inline constexpr char kMissingToken = 0;
inline constexpr char kZeroRunToken = 1;
inline constexpr char kMissingRunToken = 2;
inline constexpr std::uint64_t kFirstValueToken = 3;

// Resolutions a series may be stored at. Index 10 is the FIT semicircle (2^31 per 180°), so positions from
// FIT files quantize exactly; decimals serve TCX/GPX text and the FIT scales (1/100 m, 1/1000 m/s, 1/5 m).
inline constexpr std::array<double, 11> kScales{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 2147483648.0 / 180.0};
inline constexpr std::size_t kSemicircleScale = 10;
// Beyond 2^53 integers in a double are no longer exact; a quarter of that keeps roundFast exact and order-2
// predictions and residuals (|r| < 2^53) far inside int64.
inline constexpr double kMaxScaled = 9007199254740992.0 / 4;

// Adding 1.5·2^52 pushes the fraction out of the mantissa (round-half-even) and leaves the integer in the low
// mantissa bits, without a libm call or a float-to-int conversion. Valid for |x| < 2^51. IEEE arithmetic (we
// never build with -ffast-math) keeps the compiler from folding (x + k) − k to x.
inline constexpr double kMagic = 6755399441055744.0;
inline constexpr std::int64_t kMagicBits = std::bit_cast<std::int64_t>(kMagic);
inline double roundFast(double x)
{
    return (x + kMagic) - kMagic;
}
inline std::int64_t toInteger(double scaled)
{
    return std::bit_cast<std::int64_t>(scaled + kMagic) - kMagicBits;
}

inline bool isNaN(double v)
{
    return v != v; // a comparison, not a classification: it vectorises
}

// Whether v survives v → round(v·scale) = q → q / scale within kRoundTripTolerance, computed as the decoder
// computes it.
inline bool roundsTrip(double v, double scale)
{
    const double x = v * scale;
    return std::fabs(x) < kMaxScaled &&
           std::fabs(roundFast(x) / scale - v) <= kRoundTripTolerance * std::max(1.0, std::fabs(v));
}

// Unsigned shifts only: they vectorise on SSE2, which has no 64-bit arithmetic shift.
inline std::uint64_t zigzag(std::int64_t v)
{
    const auto u = static_cast<std::uint64_t>(v);
    return (u << 1) ^ (0 - (u >> 63));
}
inline std::int64_t unzigzag(std::uint64_t v)
{
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

inline int varintBytes(std::uint64_t v)
{
    return 1 + (63 - std::countl_zero(v | 1)) / 7;
}

inline char* putVarint(char* out, std::uint64_t v)
{
    while (v >= 0x80) {
        *out++ = static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    *out++ = static_cast<char>(v);
    return out;
}

} // namespace tricoach::store::format
