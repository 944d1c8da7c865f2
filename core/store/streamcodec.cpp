#include "core/store/streamcodec.h"

#include <QtEndian>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace tricoach::store {

static_assert(sizeof(float) == 4 && sizeof(double) == 8 && std::numeric_limits<float>::is_iec559,
              "the stream encoding assumes IEEE 754 floats");

namespace {

// Converting a finite double beyond float's range is undefined behaviour; such a value saturates to ±inf.
float toFloat(double v)
{
    if (std::isfinite(v) && std::fabs(v) > static_cast<double>(std::numeric_limits<float>::max()))
        return v > 0 ? std::numeric_limits<float>::infinity() : -std::numeric_limits<float>::infinity();
    return static_cast<float>(v);
}

} // namespace

int sampleWidth(int channel)
{
    switch (channel) {
    case kTimeChannel:
    case static_cast<int>(Channel::Distance):
    case static_cast<int>(Channel::Latitude):
    case static_cast<int>(Channel::Longitude):
        return 8;
    default:
        return 4;
    }
}

QByteArray encodeSeries(int channel, const std::vector<double>& values)
{
    const int width = sampleWidth(channel);
    QByteArray raw(static_cast<qsizetype>(values.size()) * width, Qt::Uninitialized);
    char* out = raw.data();
    for (double v : values) {
        if (width == 8)
            qToLittleEndian(std::bit_cast<quint64>(v), out);
        else
            qToLittleEndian(std::bit_cast<quint32>(toFloat(v)), out);
        out += width;
    }
    return qCompress(raw);
}

std::optional<std::vector<double>> decodeSeries(int channel, const QByteArray& encoded)
{
    const int width = sampleWidth(channel);
    // qCompress prefixes the uncompressed size; an empty series still carries that prefix.
    if (encoded.size() < 4)
        return std::nullopt;
    const QByteArray raw = qUncompress(encoded);
    if (raw.isEmpty() && qFromBigEndian<quint32>(encoded.constData()) != 0)
        return std::nullopt;
    if (raw.size() % width != 0)
        return std::nullopt;
    std::vector<double> values(static_cast<std::size_t>(raw.size() / width));
    const char* in = raw.constData();
    for (double& v : values) {
        if (width == 8)
            v = std::bit_cast<double>(qFromLittleEndian<quint64>(in));
        else
            v = static_cast<double>(std::bit_cast<float>(qFromLittleEndian<quint32>(in)));
        in += width;
    }
    return values;
}

} // namespace tricoach::store
