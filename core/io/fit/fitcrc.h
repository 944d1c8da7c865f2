#pragma once

#include "core/io/bytecursor.h"

#include <QByteArrayView>

#include <array>
#include <cstdint>
#include <type_traits>

namespace tricoach::fit {

namespace detail {
// Reflected polynomial 0xA001 (x^16 + x^15 + x^2 + 1), FIT protocol document "CRC".
inline constexpr std::uint16_t kCrcReflectedPolynomial = 0xA001;

constexpr std::array<std::uint16_t, 256> makeCrcTable()
{
    std::array<std::uint16_t, 256> table{};
    for (unsigned byte = 0; byte < 256; ++byte) {
        unsigned crc = byte;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 1) ? (crc >> 1) ^ kCrcReflectedPolynomial : crc >> 1;
        table[byte] = static_cast<std::uint16_t>(crc);
    }
    return table;
}
// Slicing-by-8: table k advances a byte through k further zero bytes, so eight bytes fold in one step.
constexpr std::array<std::array<std::uint16_t, 256>, 8> makeSlicingTables()
{
    std::array<std::array<std::uint16_t, 256>, 8> t{};
    t[0] = makeCrcTable();
    for (std::size_t k = 1; k < t.size(); ++k) {
        for (std::size_t b = 0; b < 256; ++b)
            t[k][b] = static_cast<std::uint16_t>((t[k - 1][b] >> 8) ^ t[0][t[k - 1][b] & 0xFF]);
    }
    return t;
}
inline constexpr auto kCrcTables = makeSlicingTables();
inline constexpr std::array<std::uint16_t, 256> kCrcTable = kCrcTables[0];

constexpr std::uint16_t crcBytewise(QByteArrayView data, std::uint16_t crc)
{
    for (const char c : data)
        crc = static_cast<std::uint16_t>((crc >> 8) ^ kCrcTable[(crc ^ static_cast<std::uint8_t>(c)) & 0xFF]);
    return crc;
}
} // namespace detail

// The FIT CRC-16: initial value 0, no final xor (the CRC-16/ARC parameters). `crc` continues an earlier
// computation.
constexpr std::uint16_t fitCrc(QByteArrayView data, std::uint16_t crc = 0)
{
    if (std::is_constant_evaluated())
        return detail::crcBytewise(data, crc);
    constexpr qsizetype kBlock = 8;
    qsizetype i = 0;
    for (; i + kBlock <= data.size(); i += kBlock) {
        const std::uint64_t x = *ByteCursor::readAt<std::uint64_t>(data, i, ByteOrder::Little) ^ crc;
        const auto& t = detail::kCrcTables;
        crc = static_cast<std::uint16_t>(t[7][x & 0xFF] ^ t[6][(x >> 8) & 0xFF] ^ t[5][(x >> 16) & 0xFF] ^
                                         t[4][(x >> 24) & 0xFF] ^ t[3][(x >> 32) & 0xFF] ^ t[2][(x >> 40) & 0xFF] ^
                                         t[1][(x >> 48) & 0xFF] ^ t[0][x >> 56]);
    }
    return detail::crcBytewise(data.sliced(i), crc);
}

// The check value of CRC-16/ARC over "123456789" is 0xBB3D: a wrong table fails to compile.
static_assert(fitCrc(QByteArrayView("123456789", 9)) == 0xBB3D);

} // namespace tricoach::fit
