#include "core/store/streamcodec.h"

#include "core/store/seriesencoder.h"
#include "core/store/seriesformat.h"

#include <QtEndian>

namespace tricoach::store {

using namespace format;

namespace {

// A varint of at most 64 bits; more (a tenth byte above 1, an eleventh byte) is damage.
std::optional<std::uint64_t> getVarintSlow(const char*& p, const char* end)
{
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64 && p < end; shift += 7) {
        const auto byte = static_cast<std::uint8_t>(*p++);
        if (shift == 63 && byte > 1)
            return std::nullopt;
        v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
        if (!(byte & 0x80))
            return v;
    }
    return std::nullopt;
}
inline std::optional<std::uint64_t> getVarint(const char*& p, const char* end)
{
    if (p < end && static_cast<std::uint8_t>(*p) < 0x80) [[likely]]
        return static_cast<std::uint8_t>(*p++);
    return getVarintSlow(p, end);
}

// The tokens of a 'D' series, appended to `values` until it holds `count`; false when they are damaged.
template <int Order>
bool getTokens(const char*& p, const char* end, std::uint64_t count, double scale, std::vector<double>& values)
{
    // Unsigned, wrapping arithmetic: damaged input must not be undefined behaviour.
    std::uint64_t q1 = 0;
    std::uint64_t q2 = 0;
    bool known = false;
    const auto value = [scale](std::uint64_t q) { return static_cast<double>(static_cast<std::int64_t>(q)) / scale; };
    const auto put = [&](std::uint64_t q) {
        q2 = known ? q1 : q;
        q1 = q;
        known = true;
        values.push_back(value(q));
    };
    const auto predict = [&] { return Order == 1 ? q1 : 2 * q1 - q2; };
    while (values.size() < count) {
        const auto token = getVarint(p, end);
        if (!token)
            return false;
        if (*token >= kFirstValueToken) {
            put(predict() + static_cast<std::uint64_t>(unzigzag(*token - kFirstValueToken)));
            continue;
        }
        if (*token == kMissingToken) {
            values.push_back(kMissing);
            continue;
        }
        const auto run = getVarint(p, end);
        if (!run || *run == 0 || *run > kMaxRun || *run > count - values.size())
            return false;
        if (*token == kMissingRunToken) {
            values.insert(values.end(), *run, kMissing);
        } else if (Order == 1 && known) {
            values.insert(values.end(), *run, value(q1));
        } else {
            for (std::uint64_t i = 0; i < *run; ++i)
                put(predict());
        }
    }
    return p == end;
}

std::optional<std::vector<double>> decodeDelta(const char* p, const char* end)
{
    const auto count = getVarint(p, end);
    const auto scaleIndex = getVarint(p, end);
    if (!count || !scaleIndex || *scaleIndex >= kScales.size() || p == end)
        return std::nullopt;
    const auto order = static_cast<std::uint8_t>(*p++);
    // A token of two bytes or more holds at most kMaxRun samples: a larger count is damage, not a reason to
    // allocate. Within that bound, memory is reserved for a sample a byte plus a run, and grows only as the
    // tokens deliver samples.
    const auto bytes = static_cast<std::uint64_t>(end - p);
    if ((order != 1 && order != 2) || *count / kMaxRun > bytes / 2)
        return std::nullopt;
    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(*count, bytes + kMaxRun)));
    const double scale = kScales[*scaleIndex];
    if (!(order == 1 ? getTokens<1>(p, end, *count, scale, values) : getTokens<2>(p, end, *count, scale, values)))
        return std::nullopt;
    return values;
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

std::optional<std::vector<double>> decodeFloat(const char* p, const char* end)
{
    // qCompress prefixes the uncompressed size; zlib cannot expand more than ~1032:1, so a larger claim is
    // damage and must not drive an allocation.
    const auto size = static_cast<qsizetype>(end - p);
    if (size < 4)
        return std::nullopt;
    const quint32 claimed = qFromBigEndian<quint32>(p);
    if (claimed > static_cast<quint64>(size) * 1032 || claimed % 8 != 0)
        return std::nullopt;
    const QByteArray raw = qUncompress(reinterpret_cast<const uchar*>(p), size);
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

bool isKnownChannel(std::uint64_t channel)
{
    return channel >= static_cast<std::uint64_t>(Channel::Distance) &&
           channel <= static_cast<std::uint64_t>(Channel::Temperature);
}

// Appends one series of a blob: channel number, byte length, the series.
void appendBlobSeries(QByteArray& out, int channel, const std::vector<double>& values)
{
    // The length comes first but is known only after the series is written: two bytes are kept for it (a series
    // under 16 KiB), and the series moves in the rare case its length takes another number of bytes.
    constexpr qsizetype kLengthBytes = 2;
    char channelBytes[10];
    out.append(channelBytes, putVarint(channelBytes, static_cast<std::uint64_t>(channel)) - channelBytes);
    const qsizetype lengthAt = out.size();
    out.resize(lengthAt + kLengthBytes);
    appendSeries(out, channel, values);
    const qsizetype length = out.size() - lengthAt - kLengthBytes;
    const qsizetype lengthBytes = varintBytes(static_cast<std::uint64_t>(length));
    if (lengthBytes > kLengthBytes)
        out.insert(lengthAt, lengthBytes - kLengthBytes, '\0');
    else if (lengthBytes < kLengthBytes)
        out.remove(lengthAt, kLengthBytes - lengthBytes);
    putVarint(out.data() + lengthAt, static_cast<std::uint64_t>(length));
}

} // namespace

QByteArray encodeSeries(int channel, const std::vector<double>& values)
{
    QByteArray bytes;
    appendSeries(bytes, channel, values);
    return bytes;
}

std::optional<std::vector<double>> decodeSeries(int /*channel*/, QByteArrayView encoded)
{
    if (encoded.isEmpty())
        return std::nullopt;
    const char* begin = encoded.data();
    const char* end = begin + encoded.size();
    switch (encoded.front()) {
    case kDelta:
        return decodeDelta(begin + 1, end);
    case kQuantized:
        return decodeQuantized(begin + 1, end);
    case kFloat:
        return decodeFloat(begin + 1, end);
    default:
        return std::nullopt;
    }
}

QByteArray encodeStreamsBlob(const Streams& streams)
{
    QByteArray bytes;
    if (streams.time.empty() && streams.channels.empty())
        return bytes;
    const std::size_t series = streams.channels.size() + 1;
    bytes.reserve(static_cast<qsizetype>(series * (streams.time.size() + 64)));
    bytes.append(kStreamsBlobFormat);
    char count[10];
    bytes.append(count, putVarint(count, series) - count);
    appendBlobSeries(bytes, kTimeChannel, streams.time);
    for (const auto& [channel, values] : streams.channels)
        appendBlobSeries(bytes, static_cast<int>(channel), values);
    return bytes;
}

QByteArray packEncodedSeries(const std::vector<EncodedSeries>& series)
{
    QByteArray bytes;
    if (series.empty())
        return bytes;
    char varint[10];
    bytes.append(kStreamsBlobFormat);
    bytes.append(varint, putVarint(varint, series.size()) - varint);
    for (const EncodedSeries& s : series) {
        bytes.append(varint, putVarint(varint, static_cast<std::uint64_t>(s.channel)) - varint);
        bytes.append(varint, putVarint(varint, static_cast<std::uint64_t>(s.bytes.size())) - varint);
        bytes.append(s.bytes);
    }
    return bytes;
}

std::optional<Streams> decodeStreamsBlob(QByteArrayView bytes)
{
    Streams streams;
    if (bytes.isEmpty())
        return streams;
    const char* p = bytes.data();
    const char* end = p + bytes.size();
    if (*p++ != kStreamsBlobFormat)
        return std::nullopt;
    // A series takes at least three bytes (channel, length, tag): a larger count is damage.
    const auto count = getVarint(p, end);
    if (!count || *count > static_cast<std::uint64_t>(end - p) / 3)
        return std::nullopt;
    std::vector<std::uint64_t> seen;
    bool haveTime = false;
    for (std::uint64_t i = 0; i < *count; ++i) {
        const auto channel = getVarint(p, end);
        const auto length = getVarint(p, end);
        if (!channel || !length || *length == 0 || *length > static_cast<std::uint64_t>(end - p) ||
            std::find(seen.begin(), seen.end(), *channel) != seen.end())
            return std::nullopt;
        seen.push_back(*channel);
        const QByteArrayView encoded(p, static_cast<qsizetype>(*length));
        p += encoded.size();
        if (*channel != kTimeChannel && !isKnownChannel(*channel))
            continue; // from a later TriCoach
        auto values = decodeSeries(static_cast<int>(*channel), encoded);
        if (!values)
            return std::nullopt;
        if (*channel == kTimeChannel) {
            streams.time = std::move(*values);
            haveTime = true;
        } else {
            streams.channels.emplace(static_cast<Channel>(*channel), std::move(*values));
        }
    }
    if (p != end || !haveTime)
        return std::nullopt;
    for (const auto& [channel, values] : streams.channels) {
        if (values.size() != streams.time.size())
            return std::nullopt;
    }
    return streams;
}

} // namespace tricoach::store
