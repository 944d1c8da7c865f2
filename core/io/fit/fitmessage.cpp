#include "core/io/fit/fitdecoder.h"

#include <bit>
#include <cmath>
#include <limits>

namespace tricoach::fit {

namespace {

template <typename T>
std::optional<double> readNumber(QByteArrayView body, qsizetype at, ByteOrder order, std::uint64_t invalid,
                                 bool checkInvalid)
{
    const auto raw = ByteCursor::readAt<T>(body, at, order);
    if (!raw)
        return std::nullopt;
    if constexpr (std::is_floating_point_v<T>) {
        // The float invalid (all ones) is a NaN; infinities are no measurement either.
        if (!std::isfinite(*raw))
            return std::nullopt;
        return static_cast<double>(*raw);
    } else {
        using U = bytes::UnsignedOf<T>;
        if (checkInvalid && static_cast<std::uint64_t>(static_cast<U>(*raw)) == invalid)
            return std::nullopt;
        return static_cast<double>(*raw);
    }
}

} // namespace

FitMessage::FitMessage(const DecodePlan& plan, QByteArrayView body, std::optional<std::uint32_t> timestamp,
                       qint64 offset)
    : m_plan(plan)
    , m_body(body)
    , m_timestamp(timestamp)
    , m_offset(offset)
{
    for (std::uint32_t bits = plan.present; bits != 0; bits &= bits - 1) {
        const int slot = std::countr_zero(bits);
        m_values[static_cast<std::size_t>(slot)] = decode(plan.fields[static_cast<std::size_t>(slot)], 0);
    }
}

int FitMessage::elementCount(int slot) const
{
    if (!has(slot))
        return 0;
    const PlanField& f = m_plan.fields[static_cast<std::size_t>(slot)];
    return f.size / kBaseTypes[f.baseType].size;
}

std::optional<double> FitMessage::element(int slot, int index) const
{
    if (!has(slot) || index < 0)
        return std::nullopt;
    const double v = decode(m_plan.fields[static_cast<std::size_t>(slot)], index);
    return std::isnan(v) ? std::nullopt : std::optional<double>(v);
}

double FitMessage::decode(const PlanField& f, int index) const
{
    constexpr double kInvalid = std::numeric_limits<double>::quiet_NaN();
    const BaseTypeInfo& info = kBaseTypes[f.baseType];
    if ((index + 1) * info.size > f.size)
        return kInvalid;
    const qsizetype at = static_cast<qsizetype>(f.offset) + static_cast<qsizetype>(index) * info.size;
    const ByteOrder order = m_plan.order;
    std::optional<double> v;
    switch (static_cast<BaseType>(f.baseType)) {
    case BaseType::Enum:
    case BaseType::UInt8:
    case BaseType::UInt8z:
        v = readNumber<std::uint8_t>(m_body, at, order, info.invalid, true);
        break;
    case BaseType::Byte: // one byte of a byte array is data, whatever its value
        v = readNumber<std::uint8_t>(m_body, at, order, info.invalid, false);
        break;
    case BaseType::SInt8:
        v = readNumber<std::int8_t>(m_body, at, order, info.invalid, true);
        break;
    case BaseType::SInt16:
        v = readNumber<std::int16_t>(m_body, at, order, info.invalid, true);
        break;
    case BaseType::UInt16:
    case BaseType::UInt16z:
        v = readNumber<std::uint16_t>(m_body, at, order, info.invalid, true);
        break;
    case BaseType::SInt32:
        v = readNumber<std::int32_t>(m_body, at, order, info.invalid, true);
        break;
    case BaseType::UInt32:
    case BaseType::UInt32z:
        v = readNumber<std::uint32_t>(m_body, at, order, info.invalid, true);
        break;
    case BaseType::Float32:
        v = readNumber<float>(m_body, at, order, info.invalid, true);
        break;
    case BaseType::Float64:
        v = readNumber<double>(m_body, at, order, info.invalid, true);
        break;
    case BaseType::SInt64:
        v = readNumber<std::int64_t>(m_body, at, order, info.invalid, true);
        break;
    case BaseType::UInt64:
    case BaseType::UInt64z:
        v = readNumber<std::uint64_t>(m_body, at, order, info.invalid, true);
        break;
    case BaseType::String:
        return kInvalid;
    }
    if (!v)
        return kInvalid;
    if (f.scale != 1 || f.valueOffset != 0)
        return *v / f.scale - f.valueOffset;
    return *v;
}

std::optional<std::uint8_t> FitMessage::enumValue(int slot) const
{
    const auto v = value(slot);
    if (!v || *v < 0 || *v > std::numeric_limits<std::uint8_t>::max())
        return std::nullopt;
    return static_cast<std::uint8_t>(*v);
}

QByteArrayView FitMessage::bytes(int slot) const
{
    if (!has(slot))
        return {};
    const PlanField& f = m_plan.fields[static_cast<std::size_t>(slot)];
    ByteCursor cur(m_body);
    if (!cur.seek(static_cast<qsizetype>(f.offset)))
        return {};
    return cur.take(f.size).value_or(QByteArrayView());
}

QString FitMessage::text(int slot) const
{
    const QByteArrayView raw = bytes(slot);
    const qsizetype nul = raw.indexOf('\0');
    return QString::fromUtf8(nul < 0 ? raw : raw.first(nul));
}

} // namespace tricoach::fit
