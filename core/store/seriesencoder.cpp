#include "core/store/seriesencoder.h"

#include "core/model/streams.h"
#include "core/store/seriesformat.h"

#include <QtEndian>

#include <cstring>

// A series is encoded in chunks of kChunk samples. Per chunk, straight loops that the compiler vectorises quantize
// every sample, with a quick check that it round-trips, and compute every token; the bytes are then written with
// block copies wherever the tokens are single bytes, and runs are found with bit masks. A chunk with a missing
// sample, or one the quick check is unsure of, is written sample by sample with the exact check. No branch depends
// on a sample's value: on a noisy signal such a branch mispredicts, and costs more than all the rest.
//
// Within a chunk the quantized values agree in all bits above the 29th, so residuals are computed on their low 32
// bits, four to an SSE2 vector: differences below 2^29 leave residuals below 2^30, exact in 32-bit arithmetic.

namespace tricoach::store {

using namespace format;

namespace {

constexpr std::size_t kChunk = 256;
constexpr std::size_t kBlock = 64; // samples per bit mask
// Fewer zero residuals than this in a row stay single tokens: hardly longer than a run, and no branch.
constexpr std::size_t kRunMin = 4;
// The most a chunk writes: a token of at most 8 bytes a sample (|residual| < 2^53), a run per kRunMin samples,
// and the slack of a 64-byte copy.
constexpr std::size_t kChunkBytes = kChunk * 10 + 128;

// The output: a QByteArray written through a pointer, grown geometrically, cut to size by finish().
class Writer {
public:
    Writer(QByteArray& bytes, std::size_t expected)
        : m_bytes(bytes)
        , m_start(bytes.size())
    {
        m_bytes.resize(m_start + static_cast<qsizetype>(expected));
        p = m_bytes.data() + m_start;
    }
    void ensure(std::size_t n)
    {
        if (static_cast<std::size_t>(m_bytes.size() - offset()) < n) {
            const qsizetype at = offset();
            m_bytes.resize(std::max(m_bytes.size() * 2, at + static_cast<qsizetype>(n)));
            p = m_bytes.data() + at;
        }
    }
    qsizetype offset() const { return p - m_bytes.constData(); }
    void rewind() { p = m_bytes.data() + m_start; }
    void append(const QByteArray& bytes)
    {
        ensure(static_cast<std::size_t>(bytes.size()));
        std::memcpy(p, bytes.constData(), static_cast<std::size_t>(bytes.size()));
        p += bytes.size();
    }
    void finish() { m_bytes.resize(offset()); }

    char* p = nullptr;

private:
    QByteArray& m_bytes;
    qsizetype m_start;
};

// Almost every token is one or two bytes: both are written without a branch on which (the second byte is
// overwritten when unused), so mixed one- and two-byte tokens cost no mispredictions.
inline char* putToken(char* out, std::uint64_t v)
{
    if (v < 0x4000) [[likely]] {
        const bool two = v >= 0x80;
        out[0] = static_cast<char>((v & 0x7F) | (two ? 0x80 : 0));
        out[1] = static_cast<char>(v >> 7);
        return out + 1 + two;
    }
    return putVarint(out, v);
}

inline std::uint64_t tokenOf(std::int64_t residual)
{
    return zigzag(residual) + kFirstValueToken;
}

// The quick check: t = x + kMagic puts q in range, and x lies within 1023 units in the last place of the integer
// (2.3e-13 relative, far inside the tolerance): the bit patterns of two doubles of one sign differ by the number
// of doubles between them. NaN and ±inf fail it.
inline bool surelyRoundsTrip(double x, double t)
{
    const std::uint64_t ulps = std::bit_cast<std::uint64_t>(x) - std::bit_cast<std::uint64_t>(t - kMagic);
    const std::int64_t q = std::bit_cast<std::int64_t>(t) - kMagicBits;
    return ((ulps + 1023) >> 11) == 0 && q >= -(std::int64_t{1} << 51) && q < (std::int64_t{1} << 51);
}
inline bool accepted(double v, double scale)
{
    const double x = v * scale;
    return surelyRoundsTrip(x, x + kMagic) || roundsTrip(v, scale);
}

struct Predictor {
    std::int64_t q1 = 0; // the previous value
    std::int64_t q2 = 0; // the one before; equal to q1 after the first value, so order 2 predicts q1 there
    bool known = false;

    std::int64_t residual(int order, std::int64_t q) const { return order == 1 ? q - q1 : q - 2 * q1 + q2; }
    void push(std::int64_t q) { *this = {q, known ? q1 : q, true}; }
};

// Runs not yet written: zero residuals or missing samples (one kind at a time). Each stays below kMaxRun + kChunk,
// as a full run is written as soon as it is complete, so flushing writes at most two tokens.
struct Runs {
    std::uint64_t zeros = 0;
    std::uint64_t missing = 0;

    static char* addTo(char* p, std::uint64_t& pending, std::uint64_t n, char run)
    {
        pending += n;
        if (pending >= kMaxRun) {
            *p++ = run;
            p = putToken(p, kMaxRun);
            pending -= kMaxRun;
        }
        return p;
    }
    static char* flush(char* p, std::uint64_t& pending, char single, char run)
    {
        p = addTo(p, pending, 0, run);
        if (pending == 1) {
            *p++ = single; // alone, its own token is as short as a run's
        } else if (pending > 1) {
            *p++ = run;
            p = putToken(p, pending);
        }
        pending = 0;
        return p;
    }
    char* addZeros(char* p, std::uint64_t n) { return addTo(p, zeros, n, kZeroRunToken); }
    char* addMissing(char* p, std::uint64_t n) { return addTo(p, missing, n, kMissingRunToken); }
    char* flushZeros(char* p) { return flush(p, zeros, static_cast<char>(kFirstValueToken), kZeroRunToken); }
    char* flushMissing(char* p) { return flush(p, missing, kMissingToken, kMissingRunToken); }
};

struct Chunk {
    std::uint32_t q[kChunk + 2];    // low 32 bits of the quantized values; q[0], q[1]: the two before the chunk
    std::uint32_t token[kChunk];    // each sample's token (the first two: see head)
    std::uint64_t head[2];          // the first two tokens, computed in 64 bits from the predictor
    unsigned char low[kChunk + 64]; // each token's low byte (all of it below 0x80); slack for 64-byte copies
    unsigned char zero[kChunk];     // 1 where the residual is 0
    bool wide[kChunk / kBlock];     // whether a block has a token of two bytes or more
};

// Quantizes m samples into the low 32 bits of each value; false when one needs the exact check: it fails the quick
// check, or lies in another 2^29 block than `reference` (whose bits must be in range).
bool quantizeChunk(const double* v, std::size_t m, double scale, std::uint64_t reference, std::uint32_t* q)
{
    std::uint64_t unsure = 0; // from bit 11: too many ulps; from bit 29 (shifted to 11): another block
    for (std::size_t j = 0; j < m; ++j) {
        const double x = v[j] * scale;
        const double t = x + kMagic;
        const auto bits = std::bit_cast<std::uint64_t>(t);
        const std::uint64_t ulps = std::bit_cast<std::uint64_t>(x) - std::bit_cast<std::uint64_t>(t - kMagic);
        unsure |= (ulps + 1023) | ((bits ^ reference) >> 18);
        q[j] = static_cast<std::uint32_t>(bits);
    }
    return (unsure >> 11) == 0;
}

// The tokens of m quantized samples; the first two only as far as 32 bits go (see putHead).
template <int Order> void tokenizeChunk(Chunk& c, std::size_t m)
{
    for (std::size_t from = 0; from < m; from += kBlock) {
        std::uint32_t wide = 0;
        for (std::size_t j = from; j < std::min(m, from + kBlock); ++j) {
            const std::uint32_t residual = Order == 1 ? c.q[j + 2] - c.q[j + 1] : c.q[j + 2] - 2 * c.q[j + 1] + c.q[j];
            const std::uint32_t token = ((residual << 1) ^ (0 - (residual >> 31))) + kFirstValueToken;
            c.token[j] = token;
            c.low[j] = static_cast<unsigned char>(token);
            c.zero[j] = token == kFirstValueToken;
            wide |= token >> 7;
        }
        c.wide[from / kBlock] = wide != 0;
    }
}

// The first two tokens, from the predictor's 64 bits and the chunk's first two values `q`: the values before the
// chunk may lie in another 2^29 block.
void putHead(Chunk& c, int order, Predictor state, const std::int64_t* q, std::size_t len)
{
    for (std::size_t j = 0; j < std::min<std::size_t>(2, len); ++j) {
        const std::uint64_t token = tokenOf(state.residual(order, q[j]));
        state.push(q[j]);
        c.head[j] = token;
        c.low[j] = static_cast<unsigned char>(token);
        c.zero[j] = token == kFirstValueToken;
        c.wide[0] = c.wide[0] || token >= 0x80;
    }
}

// Bit j set where zero[j] is 1, for kBlock flags.
std::uint64_t zeroMask(const unsigned char* zero)
{
    std::uint64_t mask = 0;
    for (std::size_t word = 0; word < kBlock / 8; ++word) {
        std::uint64_t bytes = 0;
        std::memcpy(&bytes, zero + 8 * word, 8);
        mask |= ((bytes * 0x0102040810204080) >> 56) << (8 * word); // gathers the bytes' low bits
    }
    return mask;
}

// Writes the tokens of samples [0, len) of a tokenized chunk.
char* putChunk(char* p, const Chunk& c, std::size_t len, Runs& runs)
{
    for (std::size_t from = 0; from < len; from += kBlock) {
        const std::size_t n = std::min(kBlock, len - from);
        const std::uint64_t inBlock = n == kBlock ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
        const std::uint64_t zero = zeroMask(c.zero + from) & inBlock;
        std::size_t j = 0;
        if (runs.zeros) { // a run goes on
            j = std::min(n, static_cast<std::size_t>(std::countr_one(zero)));
            p = runs.addZeros(p, j);
            if (j == n)
                continue;
            p = runs.flushZeros(p);
        }
        // Runs start at kRunMin zeros in a row, or at zeros up to the end of the block (they may go on).
        const std::uint64_t open = zero | ~inBlock;
        std::uint64_t starts = zero;
        for (std::size_t k = 1; k < kRunMin; ++k)
            starts &= (open >> k) | ~(~std::uint64_t{0} >> k);
        while (j < n) {
            const std::uint64_t next = starts & (~std::uint64_t{0} << j);
            const std::size_t start = next ? static_cast<std::size_t>(std::countr_zero(next)) : n;
            if (!c.wide[from / kBlock]) {
                std::memcpy(p, c.low + from + j, 64); // what lies past `start` is overwritten later
                p += start - j;
            } else {
                for (std::size_t k = from + j; k < from + start; ++k)
                    p = putToken(p, k < 2 ? c.head[k] : c.token[k]);
            }
            if (start == n)
                break;
            const auto end = std::min(n, start + static_cast<std::size_t>(std::countr_one(open >> start)));
            p = runs.addZeros(p, end - start);
            if (end == n)
                break;
            p = runs.flushZeros(p);
            j = end;
        }
    }
    return p;
}

// Writes a chunk sample by sample; returns the index of the first sample that does not round-trip, or len.
template <int Order>
std::size_t putSamples(char*& p, const double* in, std::size_t len, double scale, Predictor& state, Runs& runs)
{
    for (std::size_t j = 0; j < len; ++j) {
        if (isNaN(in[j])) {
            p = runs.flushZeros(p);
            std::size_t end = j + 1;
            while (end < len && isNaN(in[end]))
                ++end;
            p = runs.addMissing(p, end - j);
            j = end - 1;
            continue;
        }
        const double x = in[j] * scale;
        const double t = x + kMagic;
        if (!surelyRoundsTrip(x, t) && !roundsTrip(in[j], scale))
            return j;
        p = runs.flushMissing(p);
        const std::int64_t q = std::bit_cast<std::int64_t>(t) - kMagicBits;
        const std::int64_t residual = state.residual(Order, q);
        state.push(q);
        if (residual == 0)
            p = runs.addZeros(p, 1);
        else
            p = putToken(runs.flushZeros(p), tokenOf(residual));
    }
    return len;
}

// Writes the tokens of a series at one scale; returns the index of the first sample that does not round-trip
// there (what was written is then void), or n.
template <int Order> std::size_t putTokens(Writer& out, const double* v, std::size_t n, double scale)
{
    Chunk c;
    Predictor state;
    Runs runs;
    double tail[kChunk];
    for (std::size_t from = 0; from < n; from += kChunk) {
        const std::size_t len = std::min(kChunk, n - from);
        // The loops run over a multiple of 16 samples: the last chunk is padded with its last value.
        const std::size_t m = (len + 15) / 16 * 16;
        const double* in = v + from;
        if (m != len) {
            std::copy(in, in + len, tail);
            std::fill(tail + len, tail + m, in[len - 1]);
            in = tail;
        }
        out.ensure(kChunkBytes);
        char* p = out.p;
        const auto reference = std::bit_cast<std::uint64_t>(in[0] * scale + kMagic);
        if ((reference >> 52) != (static_cast<std::uint64_t>(kMagicBits) >> 52) ||
            !quantizeChunk(in, m, scale, reference, c.q + 2)) {
            const std::size_t failure = putSamples<Order>(p, in, len, scale, state, runs);
            if (failure != len)
                return from + failure;
            out.p = p;
            continue;
        }
        const std::int64_t head[2] = {toInteger(in[0] * scale), toInteger(in[1] * scale)};
        // The values before the chunk, as the predictor sees them: before the first value, q₋₁ = q₋₂ = 0 for
        // order 1, q₋₁ = q₀ and q₋₂ = 2·q₀ for order 2 (predicting 0, then q₀). Their low bits make the first two
        // tokens right unless they need more than 32 bits, which putHead sees to.
        const std::int64_t before1 = state.known ? state.q1 : Order == 1 ? 0 : head[0];
        const std::int64_t before2 = state.known ? state.q2 : Order == 1 ? 0 : 2 * head[0];
        c.q[1] = static_cast<std::uint32_t>(before1 + kMagicBits);
        c.q[0] = static_cast<std::uint32_t>(before2 + kMagicBits);
        tokenizeChunk<Order>(c, m);
        putHead(c, Order, state, head, len);
        out.p = putChunk(runs.flushMissing(p), c, len, runs);
        if (len == 1)
            state.push(head[0]);
        else
            state = {toInteger(in[len - 1] * scale), toInteger(in[len - 2] * scale), true};
    }
    out.ensure(16);
    out.p = runs.flushMissing(runs.flushZeros(out.p));
    return n;
}

// The first few values, to find the likely scale: too fine a scale used to be found by a full pass failing late,
// once per scale.
class ScaleProbe {
public:
    static constexpr std::size_t kNone = kScales.size();

    ScaleProbe(const double* v, std::size_t n)
    {
        for (std::size_t i = 0; i < n && m_count < kProbe; ++i) {
            if (!isNaN(v[i]))
                m_values[m_count++] = v[i];
        }
    }
    bool fits(std::size_t scale) const
    {
        for (std::size_t i = 0; i < m_count; ++i) {
            if (!accepted(m_values[i], kScales[scale]))
                return false;
        }
        return true;
    }
    // The smallest decimal scale from `from` on that fits, or kNone.
    std::size_t decimal(std::size_t from) const
    {
        for (; from < kSemicircleScale; ++from) {
            if (fits(from))
                return from;
        }
        return kNone;
    }
    // A sample that failed a full pass: the scales tried next must fit it too. (Only a series longer than the
    // probe can fail a pass; the sample takes the spare slot.)
    void add(double value)
    {
        m_values[kProbe] = value;
        m_count = kProbe + 1;
    }

private:
    static constexpr std::size_t kProbe = 8;
    std::array<double, kProbe + 1> m_values{};
    std::size_t m_count = 0;
};

// The predictor order that writes fewer bytes, estimated on a few windows of the series: cheap next to a pass,
// and a signal keeps its character along a ride. A residual costs its bit width, so zeros (runs) cost nothing.
// Order 1 on a tie: it does not amplify noise.
int chooseOrder(const double* v, std::size_t n, double scale)
{
    constexpr std::size_t kWindow = 16;
    constexpr std::size_t kWindows = 4;
    int cost1 = 0;
    int cost2 = 0;
    const auto window = [&](std::size_t from, std::size_t to) {
        Predictor state;
        bool twoKnown = false;
        for (std::size_t i = from; i < to; ++i) {
            if (isNaN(v[i]))
                continue;
            const std::int64_t q = toInteger(v[i] * scale);
            if (twoKnown) {
                cost1 += std::bit_width(zigzag(q - state.q1));
                cost2 += std::bit_width(zigzag(q - 2 * state.q1 + state.q2));
            }
            twoKnown = state.known;
            state = {q, state.q1, true};
        }
    };
    if (n <= kWindow * kWindows) {
        window(0, n);
    } else {
        for (std::size_t w = 0; w < kWindows; ++w) {
            const std::size_t from = (n - kWindow) * w / (kWindows - 1);
            window(from, from + kWindow);
        }
    }
    return cost2 < cost1 ? 2 : 1;
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

} // namespace

void appendSeries(QByteArray& bytes, int channel, const std::vector<double>& values)
{
    const double* v = values.data();
    const std::size_t n = values.size();
    // Smooth series take about a byte a sample; the output grows when that is short.
    Writer out(bytes, n + n / 4 + 64);
    ScaleProbe probe(v, n);
    const bool position =
        channel == static_cast<int>(Channel::Latitude) || channel == static_cast<int>(Channel::Longitude);
    std::size_t scaleIndex = position && probe.fits(kSemicircleScale) ? kSemicircleScale : probe.decimal(0);
    while (scaleIndex != ScaleProbe::kNone) {
        const double scale = kScales[scaleIndex];
        const int order = chooseOrder(v, n, scale);
        out.ensure(32);
        *out.p++ = kDelta;
        out.p = putVarint(out.p, n);
        out.p = putVarint(out.p, scaleIndex);
        *out.p++ = static_cast<char>(order);
        const std::size_t failure = order == 2 ? putTokens<2>(out, v, n, scale) : putTokens<1>(out, v, n, scale);
        if (failure == n) {
            out.finish();
            return;
        }
        out.rewind();
        probe.add(v[failure]);
        scaleIndex = probe.decimal(scaleIndex == kSemicircleScale ? 0 : scaleIndex + 1);
    }
    out.append(encodeFloat(values));
    out.finish();
}

} // namespace tricoach::store
