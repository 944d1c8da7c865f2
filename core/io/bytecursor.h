#pragma once

#include <QByteArrayView>

#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <type_traits>

namespace tricoach {

// Byte order of a multi-byte value in a binary file.
enum class ByteOrder : std::uint8_t { Little, Big };

namespace bytes {

template <typename T>
concept Scalar = std::is_arithmetic_v<T> && !std::is_same_v<T, bool>;

// The unsigned integer with the same width as T, for swapping and bit casts.
template <typename T>
using UnsignedOf =
    std::conditional_t<sizeof(T) == 1, std::uint8_t,
                       std::conditional_t<sizeof(T) == 2, std::uint16_t,
                                          std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>>;

template <typename U> constexpr U byteSwap(U v)
{
    if constexpr (sizeof(U) == 1) {
        return v;
    } else if constexpr (sizeof(U) == 2) {
        return static_cast<U>((v >> 8) | (v << 8));
    } else {
        // Portable shifts; GCC, Clang and MSVC turn this loop into one bswap instruction.
        U out = 0;
        for (std::size_t i = 0; i < sizeof(U); ++i) {
            out = static_cast<U>((out << 8) | (v & 0xFF));
            v = static_cast<U>(v >> 8);
        }
        return out;
    }
}

// Decodes a T from sizeof(T) bytes at `p`. Private to ByteCursor: callers go through the checked reads below,
// which prove that `p` has that many bytes.
template <Scalar T> inline T decodeUnchecked(const char* p, ByteOrder order)
{
    using U = UnsignedOf<T>;
    static_assert(sizeof(U) == sizeof(T));
    U raw;
    std::memcpy(&raw, p, sizeof(U)); // memcpy: the data has no alignment guarantee (-Wcast-align)
    const ByteOrder native = std::endian::native == std::endian::little ? ByteOrder::Little : ByteOrder::Big;
    if (order != native)
        raw = byteSwap(raw);
    return std::bit_cast<T>(raw);
}

} // namespace bytes

// A bounds-checked, endian-aware reader over a byte view. Every read either returns a value or returns
// std::nullopt and marks the cursor failed with the offset where the data ran out; it never reads outside the
// view. Offsets are absolute: `base` is the offset of the view's first byte in the whole file, for error
// reports.
class ByteCursor {
public:
    explicit ByteCursor(QByteArrayView data, qint64 base = 0)
        : m_data(data)
        , m_base(base)
    {
    }

    qsizetype pos() const { return m_pos; }
    qint64 absolutePos() const { return m_base + m_pos; }
    qsizetype size() const { return m_data.size(); }
    qsizetype remaining() const { return m_data.size() - m_pos; }
    bool atEnd() const { return m_pos >= m_data.size(); }
    bool failed() const { return m_failed; }
    // Absolute offset of the first read that did not fit, or -1.
    qint64 failOffset() const { return m_failed ? m_base + m_failPos : -1; }
    QByteArrayView view() const { return m_data; }

    bool seek(qsizetype pos)
    {
        if (pos < 0 || pos > m_data.size())
            return fail(pos);
        m_pos = pos;
        return true;
    }
    bool skip(qsizetype count)
    {
        if (count < 0 || count > remaining())
            return fail(m_pos);
        m_pos += count;
        return true;
    }

    // The next `count` bytes as a view (no copy), advancing past them.
    std::optional<QByteArrayView> take(qsizetype count)
    {
        if (count < 0 || count > remaining()) {
            fail(m_pos);
            return std::nullopt;
        }
        const QByteArrayView out = m_data.sliced(m_pos, count);
        m_pos += count;
        return out;
    }

    template <bytes::Scalar T> std::optional<T> read(ByteOrder order = ByteOrder::Little)
    {
        if (remaining() < static_cast<qsizetype>(sizeof(T))) {
            fail(m_pos);
            return std::nullopt;
        }
        const T v = bytes::decodeUnchecked<T>(m_data.data() + m_pos, order);
        m_pos += static_cast<qsizetype>(sizeof(T));
        return v;
    }

    // Reads at `offset` within the view without moving the cursor or marking it failed.
    template <bytes::Scalar T> std::optional<T> peekAt(qsizetype offset, ByteOrder order = ByteOrder::Little) const
    {
        return readAt<T>(m_data, offset, order);
    }

    // Stateless checked read from any view, for code that has already taken a whole record with take().
    template <bytes::Scalar T>
    static std::optional<T> readAt(QByteArrayView data, qsizetype offset, ByteOrder order = ByteOrder::Little)
    {
        if (offset < 0 || offset > data.size() - static_cast<qsizetype>(sizeof(T)))
            return std::nullopt;
        return bytes::decodeUnchecked<T>(data.data() + offset, order);
    }

    std::optional<std::uint8_t> u8() { return read<std::uint8_t>(); }
    std::optional<std::int8_t> i8() { return read<std::int8_t>(); }
    std::optional<std::uint16_t> u16(ByteOrder o = ByteOrder::Little) { return read<std::uint16_t>(o); }
    std::optional<std::int16_t> i16(ByteOrder o = ByteOrder::Little) { return read<std::int16_t>(o); }
    std::optional<std::uint32_t> u32(ByteOrder o = ByteOrder::Little) { return read<std::uint32_t>(o); }
    std::optional<std::int32_t> i32(ByteOrder o = ByteOrder::Little) { return read<std::int32_t>(o); }
    std::optional<std::uint64_t> u64(ByteOrder o = ByteOrder::Little) { return read<std::uint64_t>(o); }
    std::optional<std::int64_t> i64(ByteOrder o = ByteOrder::Little) { return read<std::int64_t>(o); }
    std::optional<float> f32(ByteOrder o = ByteOrder::Little) { return read<float>(o); }
    std::optional<double> f64(ByteOrder o = ByteOrder::Little) { return read<double>(o); }

private:
    bool fail(qsizetype at)
    {
        if (!m_failed) {
            m_failed = true;
            m_failPos = at;
        }
        return false;
    }

    QByteArrayView m_data;
    qint64 m_base = 0;
    qsizetype m_pos = 0;
    qsizetype m_failPos = 0;
    bool m_failed = false;
};

static_assert(sizeof(float) == 4 && sizeof(double) == 8, "binary formats assume IEEE-754 float32/float64");

} // namespace tricoach
