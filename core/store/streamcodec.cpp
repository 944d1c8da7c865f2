#include "core/store/streamcodec.h"

#include <QtEndian>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace tricoach::store {

static_assert(sizeof(double) == 8 && std::numeric_limits<double>::is_iec559,
              "the stream encoding assumes IEEE 754 doubles");

namespace {

constexpr char kQuantized = 'Q';
constexpr char kFloat = 'F';

// Resolutions a series may be stored at. Index 10 is the FIT semicircle (2^31 per 180°), so positions from
// FIT files quantize exactly; decimals serve TCX/GPX text and the FIT scales (1/100 m, 1/1000 m/s, 1/5 m).
constexpr std::array<double, 11> kScales{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 2147483648.0 / 180.0};
constexpr std::size_t kSemicircleScale = 10;
// Beyond 2^53 integers in a double are no longer exact.
constexpr double kMaxQuantized = 9007199254740992.0;

std::optional<std::uint64_t> getVarint(const char*& p, const char* end)
{
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64 && p < end; shift += 7) {
        const auto byte = static_cast<std::uint8_t>(*p++);
        v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
        if (!(byte & 0x80))
            return v;
    }
    return std::nullopt;
}

std::uint64_t zigzag(std::int64_t v)
{
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::int64_t unzigzag(std::uint64_t v)
{
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

// Rounds to the nearest integer without a libm call: adding 1.5·2^52 pushes the fraction out of the mantissa
// (round-half-even). Valid for |x| < 2^51, which kMaxQuantized / 4 guarantees below.
inline double roundFast(double x)
{
    // IEEE arithmetic (we never build with -ffast-math) keeps the compiler from folding (x + k) − k to x.
    constexpr double kMagic = 6755399441055744.0; // 1.5 * 2^52
    return (x + kMagic) - kMagic;
}

char* putVarint(char* out, std::uint64_t v)
{
    while (v >= 0x80) {
        *out++ = static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    *out++ = static_cast<char>(v);
    return out;
}

// Encodes at one scale in a single pass, or gives up at the first sample that does not round-trip.
std::optional<QByteArray> tryQuantized(const std::vector<double>& values, std::size_t scaleIndex)
{
    const double scale = kScales[scaleIndex];
    // The check multiplies by the inverse (a division per sample dominated encoding); it differs from the
    // decoder's q / scale by at most an ulp, far inside the tolerance.
    const double inverse = 1.0 / scale;
    QByteArray out(static_cast<qsizetype>(values.size()) * 10 + 21, Qt::Uninitialized);
    char* p = out.data();
    *p++ = kQuantized;
    p = putVarint(p, values.size());
    p = putVarint(p, scaleIndex);
    std::int64_t previous = 0;
    for (double v : values) {
        if (std::isnan(v)) {
            *p++ = '\0';
            continue;
        }
        const double scaled = v * scale;
        if (!(std::fabs(scaled) < kMaxQuantized / 4))
            return std::nullopt; // also rejects ±inf
        const double rounded = roundFast(scaled);
        if (std::fabs(rounded * inverse - v) > kRoundTripTolerance * std::max(1.0, std::fabs(v)))
            return std::nullopt;
        const auto q = static_cast<std::int64_t>(rounded);
        p = putVarint(p, zigzag(q - previous) + 1);
        previous = q;
    }
    out.resize(p - out.constData());
    return out;
}

QByteArray encodeFloat(const std::vector<double>& values)
{
    QByteArray raw(static_cast<qsizetype>(values.size()) * 8, Qt::Uninitialized);
    char* out = raw.data();
    for (double v : values) {
        qToLittleEndian(std::bit_cast<quint64>(v), out);
        out += 8;
    }
    return QByteArray(1, kFloat) + qCompress(raw, 1);
}

std::optional<std::vector<double>> decodeQuantized(const char* p, const char* end)
{
    const auto count = getVarint(p, end);
    const auto scaleIndex = getVarint(p, end);
    // Every sample takes at least one byte: a count beyond that is damage, not a reason to allocate.
    if (!count || !scaleIndex || *scaleIndex >= kScales.size() || *count > static_cast<std::uint64_t>(end - p))
        return std::nullopt;
    const double scale = kScales[*scaleIndex];
    std::vector<double> values;
    values.reserve(*count);
    std::int64_t previous = 0;
    for (std::uint64_t i = 0; i < *count; ++i) {
        const auto v = getVarint(p, end);
        if (!v)
            return std::nullopt;
        if (*v == 0) {
            values.push_back(kMissing);
            continue;
        }
        // Wrapping arithmetic: damaged input must not be undefined behaviour.
        previous = static_cast<std::int64_t>(static_cast<std::uint64_t>(previous) +
                                             static_cast<std::uint64_t>(unzigzag(*v - 1)));
        values.push_back(static_cast<double>(previous) / scale);
    }
    if (p != end)
        return std::nullopt;
    return values;
}

std::optional<std::vector<double>> decodeFloat(const QByteArray& compressed)
{
    // qCompress prefixes the uncompressed size; zlib cannot expand more than ~1032:1, so a larger claim is
    // damage and must not drive an allocation.
    if (compressed.size() < 4)
        return std::nullopt;
    const quint32 claimed = qFromBigEndian<quint32>(compressed.constData());
    if (claimed > static_cast<quint64>(compressed.size()) * 1032 || claimed % 8 != 0)
        return std::nullopt;
    const QByteArray raw = qUncompress(compressed);
    if (raw.size() != static_cast<qsizetype>(claimed))
        return std::nullopt;
    std::vector<double> values(static_cast<std::size_t>(raw.size() / 8));
    const char* in = raw.constData();
    for (double& v : values) {
        v = std::bit_cast<double>(qFromLittleEndian<quint64>(in));
        in += 8;
    }
    return values;
}

} // namespace

QByteArray encodeSeries(int channel, const std::vector<double>& values)
{
    const bool position =
        channel == static_cast<int>(Channel::Latitude) || channel == static_cast<int>(Channel::Longitude);
    if (position) {
        if (auto q = tryQuantized(values, kSemicircleScale))
            return *std::move(q);
    }
    for (std::size_t i = 0; i < kSemicircleScale; ++i) {
        if (auto q = tryQuantized(values, i))
            return *std::move(q);
    }
    return encodeFloat(values);
}

std::vector<EncodedSeries> encodeStreams(const Streams& streams)
{
    std::vector<EncodedSeries> out;
    if (streams.time.empty() && streams.channels.empty())
        return out;
    out.reserve(streams.channels.size() + 1);
    out.push_back({kTimeChannel, encodeSeries(kTimeChannel, streams.time)});
    for (const auto& [channel, values] : streams.channels)
        out.push_back({static_cast<int>(channel), encodeSeries(static_cast<int>(channel), values)});
    return out;
}

std::optional<std::vector<double>> decodeSeries(int /*channel*/, const QByteArray& encoded)
{
    if (encoded.isEmpty())
        return std::nullopt;
    const char* begin = encoded.constData();
    switch (encoded.front()) {
    case kQuantized:
        return decodeQuantized(begin + 1, begin + encoded.size());
    case kFloat:
        return decodeFloat(encoded.mid(1));
    default:
        return std::nullopt;
    }
}

} // namespace tricoach::store
