#pragma once
// A tiny FIT writer for tests: definitions, data messages (normal and compressed-timestamp headers),
// developer field definitions, 12/14-byte headers and CRCs, so synthetic files exercise each rule of the
// decoder.

#include "core/io/bytecursor.h"
#include "core/io/fit/fitcrc.h"
#include "core/io/fit/fitprofile.h"

#include <QByteArray>

#include <bit>
#include <concepts>
#include <cstdint>
#include <map>
#include <vector>

namespace tricoach::fittest {

// Base-type bytes as written in definitions (FIT protocol document).
namespace bt {
inline constexpr std::uint8_t Enum = 0x00, SInt8 = 0x01, UInt8 = 0x02, SInt16 = 0x83, UInt16 = 0x84, SInt32 = 0x85,
                              UInt32 = 0x86, String = 0x07, Float32 = 0x88, Float64 = 0x89, UInt8z = 0x0A,
                              UInt16z = 0x8B, UInt32z = 0x8C, Byte = 0x0D;
}

struct FieldDef {
    std::uint8_t num;
    std::uint8_t size;
    std::uint8_t baseType;
};

struct DevFieldDef {
    std::uint8_t num;
    std::uint8_t size;
    std::uint8_t developerIndex;
    std::uint8_t baseType = bt::Byte; // how the writer encodes integer/float values (not written to the file)
};

// One field value: an integer (written in the field's size, array fields padded with 0xFF), a float, or raw
// bytes (padded with zeros or cut to the field size).
struct V {
    template <std::integral T>
    V(T v)
        : integer(static_cast<std::int64_t>(v))
    {
    } // NOLINT: implicit on purpose, tables of values read naturally
    V(double v)
        : real(v)
        , isReal(true)
    {
    } // NOLINT
    V(QByteArray b)
        : bytes(std::move(b))
        , isBytes(true)
    {
    } // NOLINT
    std::int64_t integer = 0;
    double real = 0;
    QByteArray bytes;
    bool isReal = false;
    bool isBytes = false;
};

class FitWriter {
public:
    void define(std::uint8_t local, std::uint16_t global, std::vector<FieldDef> fields,
                ByteOrder order = ByteOrder::Little, std::vector<DevFieldDef> dev = {})
    {
        const bool hasDev = !dev.empty();
        m_data.append(static_cast<char>(0x40 | (hasDev ? 0x20 : 0) | (local & 0x0F)));
        m_data.append('\0');
        m_data.append(order == ByteOrder::Big ? '\1' : '\0');
        putInt(global, 2, order);
        m_data.append(static_cast<char>(fields.size()));
        for (const FieldDef& f : fields) {
            m_data.append(static_cast<char>(f.num));
            m_data.append(static_cast<char>(f.size));
            m_data.append(static_cast<char>(f.baseType));
        }
        if (hasDev) {
            m_data.append(static_cast<char>(dev.size()));
            for (const DevFieldDef& f : dev) {
                m_data.append(static_cast<char>(f.num));
                m_data.append(static_cast<char>(f.size));
                m_data.append(static_cast<char>(f.developerIndex));
            }
        }
        Def& d = m_defs[local];
        d.order = order;
        d.sizes.clear();
        d.baseTypes.clear();
        for (const FieldDef& f : fields) {
            d.sizes.push_back(f.size);
            d.baseTypes.push_back(f.baseType);
        }
        for (const DevFieldDef& f : dev) {
            d.sizes.push_back(f.size);
            d.baseTypes.push_back(f.baseType);
        }
    }

    void data(std::uint8_t local, const std::vector<V>& values)
    {
        body(static_cast<char>(local & 0x0F), local, values);
    }

    // A compressed-timestamp header: local type 0-3, 5-bit time offset.
    void compressed(std::uint8_t local, std::uint8_t timeOffset, const std::vector<V>& values)
    {
        body(static_cast<char>(0x80 | ((local & 0x03) << 5) | (timeOffset & 0x1F)), local, values);
    }

    void raw(const QByteArray& bytes) { m_data.append(bytes); }
    const QByteArray& dataBytes() const { return m_data; }

    // The file: header (12 or 14 bytes, with header CRC when 14), data, file CRC.
    QByteArray finish(int headerSize = 14, bool withHeaderCrc = true) const
    {
        QByteArray out;
        out.append(static_cast<char>(headerSize));
        out.append(static_cast<char>(0x20));        // protocol 2.0
        appendInt(out, 2195, 2, ByteOrder::Little); // profile 21.95
        appendInt(out, static_cast<std::uint64_t>(m_data.size()), 4, ByteOrder::Little);
        out.append(".FIT");
        if (headerSize >= 14) {
            appendInt(out, withHeaderCrc ? fit::fitCrc(out) : 0, 2, ByteOrder::Little);
            out.append(QByteArray(headerSize - 14, '\0'));
        }
        out.append(m_data);
        appendInt(out, fit::fitCrc(out), 2, ByteOrder::Little);
        return out;
    }

private:
    struct Def {
        ByteOrder order = ByteOrder::Little;
        std::vector<std::uint8_t> sizes;
        std::vector<std::uint8_t> baseTypes;
    };

    static void appendInt(QByteArray& out, std::uint64_t v, int size, ByteOrder order)
    {
        for (int i = 0; i < size; ++i) {
            const int shift = 8 * (order == ByteOrder::Little ? i : size - 1 - i);
            out.append(static_cast<char>((v >> shift) & 0xFF));
        }
    }
    void putInt(std::uint64_t v, int size, ByteOrder order) { appendInt(m_data, v, size, order); }

    void body(char header, std::uint8_t local, const std::vector<V>& values)
    {
        m_data.append(header);
        const Def& d = m_defs.at(local);
        for (std::size_t i = 0; i < d.sizes.size(); ++i) {
            const int size = d.sizes[i];
            const V v = i < values.size() ? values[i] : V(QByteArray());
            if (v.isBytes) {
                QByteArray b = v.bytes.left(size);
                b.append(QByteArray(size - b.size(), '\0'));
                m_data.append(b);
                continue;
            }
            const auto number = fit::baseTypeNumber(d.baseTypes[i]).value_or(0);
            const int elem = std::min<int>(size, fit::kBaseTypes[number].size);
            std::uint64_t bits = static_cast<std::uint64_t>(v.integer);
            if (v.isReal)
                bits = elem == 4 ? std::bit_cast<std::uint32_t>(static_cast<float>(v.real))
                                 : std::bit_cast<std::uint64_t>(v.real);
            putInt(bits, elem, d.order);
            m_data.append(QByteArray(size - elem, '\xFF'));
        }
    }

    QByteArray m_data;
    std::map<std::uint8_t, Def> m_defs;
};

} // namespace tricoach::fittest
