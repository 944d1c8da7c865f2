#pragma once
// Shared by the stream codec tests: comparison within the codec's tolerance, and the encoder of the 'Q' format
// that stores wrote before 'D', to measure against.

#include "core/store/streamcodec.h"

#include <QByteArray>

#include <array>
#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <optional>
#include <vector>

namespace tricoach::store::test {

inline void expectClose(const std::vector<double>& got, const std::vector<double>& want)
{
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        if (std::isnan(want[i])) {
            EXPECT_TRUE(std::isnan(got[i])) << i;
            continue;
        }
        EXPECT_NEAR(got[i], want[i], kRoundTripTolerance * std::max(1.0, std::fabs(want[i]))) << i;
    }
}

inline void putVarint(QByteArray& out, std::uint64_t v)
{
    for (; v >= 0x80; v >>= 7)
        out.append(static_cast<char>((v & 0x7F) | 0x80));
    out.append(static_cast<char>(v));
}

// The 'Q' encoding of `values` as the earlier encoder wrote it (the smallest scale that round-trips, the
// semicircle first for positions), or nothing when it fell back to 'F'.
inline std::optional<QByteArray> encodeQ(int channel, const std::vector<double>& values)
{
    constexpr std::array<double, 11> kScales{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 2147483648.0 / 180.0};
    const bool position = channel == int(Channel::Latitude) || channel == int(Channel::Longitude);
    for (std::size_t s :
         {std::size_t{10}, std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{4},
          std::size_t{5}, std::size_t{6}, std::size_t{7}, std::size_t{8}, std::size_t{9}}) {
        if (s == 10 && !position)
            continue;
        QByteArray out("Q");
        putVarint(out, values.size());
        putVarint(out, s);
        std::int64_t previous = 0;
        bool fits = true;
        for (double v : values) {
            if (std::isnan(v)) {
                out.append('\0');
                continue;
            }
            const double q = std::nearbyint(v * kScales[s]);
            if (!(std::fabs(q) < 2251799813685248.0) ||
                std::fabs(q / kScales[s] - v) > kRoundTripTolerance * std::max(1.0, std::fabs(v))) {
                fits = false;
                break;
            }
            const std::int64_t d = static_cast<std::int64_t>(q) - previous;
            putVarint(out, ((static_cast<std::uint64_t>(d) << 1) ^ static_cast<std::uint64_t>(d >> 63)) + 1);
            previous = static_cast<std::int64_t>(q);
        }
        if (fits)
            return out;
    }
    return std::nullopt;
}

} // namespace tricoach::store::test
