#pragma once
// Variants of real FIT files for tests: walks the messages of a file (chained files included) so a test can
// rewrite fields in place, append messages to the first file, or cut the file, with the header's data size and
// every CRC made right again. Test code: it trusts its input (a corpus file) and stops at the first thing it
// cannot follow.

#include "core/io/bytecursor.h"
#include "core/io/fit/fitcrc.h"
#include "core/io/fit/fitprofile.h"

#include "fittestwriter.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace tricoach::fittest {

// One field of one data message, as the walker hands it to a visitor: its bytes may be changed in place.
struct FieldAt {
    int file = 0;           // 0 = the first FIT file of a chain
    std::uint16_t mesg = 0; // global message number
    std::uint8_t num = 0;   // field number (developer fields are not visited)
    qsizetype offset = 0;   // of the field's first byte in the whole input
    qsizetype message = 0;  // of the message's first field: the same for every field of one message
    int timeOffset = -1;    // the 5-bit time offset of a compressed-timestamp header; -1 for a normal header
    std::uint8_t size = 0;
    ByteOrder order = ByteOrder::Little;
};

class FitPatch {
public:
    explicit FitPatch(QByteArray bytes)
        : m_bytes(std::move(bytes))
    {
    }

    const QByteArray& bytes() const { return m_bytes; }

    // Calls `visit` for every native field of every data message, in file order, then fixes the CRCs.
    void forEachField(const std::function<void(const FieldAt&, QByteArray&)>& visit)
    {
        walk({}, visit);
        fixCrcs();
    }
    // Also calls `begin` as each data message begins, with `num` 0 and `size` 0: a message may have no field.
    void forEachMessage(const std::function<void(const FieldAt&)>& begin,
                        const std::function<void(const FieldAt&, QByteArray&)>& visit)
    {
        walk(begin, visit);
        fixCrcs();
    }

    // Sets an unsigned integer field of every `mesg` message (all of them when `only` is -1, else the
    // `only`-th) to `value`; the field keeps its size. Returns how many fields changed.
    int setField(std::uint16_t mesg, std::uint8_t num, std::uint64_t value, int only = -1)
    {
        int seen = 0, changed = 0;
        forEachField([&](const FieldAt& f, QByteArray& b) {
            if (f.mesg != mesg || f.num != num)
                return;
            if (only < 0 || seen++ == only) {
                writeUInt(b, f, value);
                ++changed;
            }
        });
        return changed;
    }

    static std::uint64_t readUInt(const QByteArray& b, const FieldAt& f)
    {
        std::uint64_t v = 0;
        for (int i = 0; i < f.size && i < 8; ++i) {
            const int at = f.order == ByteOrder::Little ? i : f.size - 1 - i;
            v |= std::uint64_t{static_cast<std::uint8_t>(b[f.offset + at])} << (8 * i);
        }
        return v;
    }
    static void writeUInt(QByteArray& b, const FieldAt& f, std::uint64_t v)
    {
        for (int i = 0; i < f.size && i < 8; ++i) {
            const int at = f.order == ByteOrder::Little ? i : f.size - 1 - i;
            b[f.offset + at] = static_cast<char>((v >> (8 * i)) & 0xFF);
        }
    }

    // Gives every message numbered `from` the number `to` in its definitions (a number no reader knows hides
    // the messages). Returns how many definitions changed.
    int renumber(std::uint16_t from, std::uint16_t to)
    {
        int changed = 0;
        m_renumber = {from, to, &changed};
        walk({}, [](const FieldAt&, QByteArray&) {});
        m_renumber = {};
        fixCrcs();
        return changed;
    }

    // Appends `messages` (definitions and data, as FitWriter::dataBytes() gives them) to the end of the first
    // FIT file's data; later chained files follow unchanged.
    void appendToFirstFile(const QByteArray& messages)
    {
        const int headerSize = static_cast<std::uint8_t>(m_bytes[0]);
        const std::uint32_t dataSize = dataSizeAt(0);
        const qsizetype end = headerSize + dataSize;
        m_bytes.insert(end, messages);
        setDataSize(0, dataSize + static_cast<std::uint32_t>(messages.size()));
        fixCrcs();
    }

    // The first `size` bytes, as a cut download or a full card leaves them.
    void cut(qsizetype size) { m_bytes.truncate(size); }

private:
    std::uint32_t dataSizeAt(qsizetype start) const
    {
        return ByteCursor::readAt<std::uint32_t>(QByteArrayView(m_bytes), start + 4).value_or(0);
    }
    void setDataSize(qsizetype start, std::uint32_t size)
    {
        for (int i = 0; i < 4; ++i)
            m_bytes[start + 4 + i] = static_cast<char>((size >> (8 * i)) & 0xFF);
        const int headerSize = static_cast<std::uint8_t>(m_bytes[start]);
        if (headerSize >= 14 && (m_bytes[start + 12] != 0 || m_bytes[start + 13] != 0)) {
            const std::uint16_t crc = fit::fitCrc(QByteArrayView(m_bytes).sliced(start, 12));
            m_bytes[start + 12] = static_cast<char>(crc & 0xFF);
            m_bytes[start + 13] = static_cast<char>(crc >> 8);
        }
    }

    // Every complete FIT file of the chain gets its CRC recomputed.
    void fixCrcs()
    {
        qsizetype start = 0;
        while (start + 12 <= m_bytes.size()) {
            const int headerSize = static_cast<std::uint8_t>(m_bytes[start]);
            const qsizetype end = start + headerSize + dataSizeAt(start);
            if (end + 2 > m_bytes.size())
                return;
            const std::uint16_t crc = fit::fitCrc(QByteArrayView(m_bytes).sliced(start, end - start));
            m_bytes[end] = static_cast<char>(crc & 0xFF);
            m_bytes[end + 1] = static_cast<char>(crc >> 8);
            start = end + 2;
        }
    }

    struct Definition {
        std::uint16_t mesg = 0;
        ByteOrder order = ByteOrder::Little;
        std::vector<std::pair<std::uint8_t, std::uint8_t>> fields; // number, size
        int developerBytes = 0;
    };

    void walk(const std::function<void(const FieldAt&)>& begin,
              const std::function<void(const FieldAt&, QByteArray&)>& visit)
    {
        qsizetype start = 0;
        for (int file = 0; start + 12 <= m_bytes.size(); ++file) {
            const int headerSize = static_cast<std::uint8_t>(m_bytes[start]);
            const qsizetype end = std::min<qsizetype>(start + headerSize + dataSizeAt(start), m_bytes.size());
            Definition defs[16];
            qsizetype at = start + headerSize;
            while (at < end) {
                const auto header = static_cast<std::uint8_t>(m_bytes[at++]);
                if ((header & 0x80) == 0 && (header & 0x40) != 0) {
                    if (at + 5 > end)
                        return;
                    Definition& d = defs[header & 0x0F];
                    d = Definition{};
                    d.order = m_bytes[at + 1] == 1 ? ByteOrder::Big : ByteOrder::Little;
                    const auto lo = static_cast<std::uint8_t>(m_bytes[at + 2]);
                    const auto hi = static_cast<std::uint8_t>(m_bytes[at + 3]);
                    d.mesg = d.order == ByteOrder::Little ? static_cast<std::uint16_t>(lo | hi << 8)
                                                          : static_cast<std::uint16_t>(hi | lo << 8);
                    if (m_renumber.changed && d.mesg == m_renumber.from) {
                        const std::uint16_t to = m_renumber.to;
                        m_bytes[at + 2] = static_cast<char>(d.order == ByteOrder::Little ? to & 0xFF : to >> 8);
                        m_bytes[at + 3] = static_cast<char>(d.order == ByteOrder::Little ? to >> 8 : to & 0xFF);
                        d.mesg = to;
                        ++*m_renumber.changed;
                    }
                    const int count = static_cast<std::uint8_t>(m_bytes[at + 4]);
                    at += 5;
                    for (int i = 0; i < count && at + 3 <= end; ++i, at += 3)
                        d.fields.emplace_back(static_cast<std::uint8_t>(m_bytes[at]),
                                              static_cast<std::uint8_t>(m_bytes[at + 1]));
                    if ((header & 0x20) != 0 && at < end) {
                        const int devCount = static_cast<std::uint8_t>(m_bytes[at++]);
                        for (int i = 0; i < devCount && at + 3 <= end; ++i, at += 3)
                            d.developerBytes += static_cast<std::uint8_t>(m_bytes[at + 1]);
                    }
                    continue;
                }
                const int local = (header & 0x80) != 0 ? (header >> 5) & 0x03 : header & 0x0F;
                const Definition& d = defs[local];
                qsizetype messageSize = d.developerBytes;
                for (const auto& field : d.fields)
                    messageSize += field.second;
                if (at + messageSize > end)
                    return; // a message cut off: decoders drop it too
                const qsizetype message = at;
                const int timeOffset = (header & 0x80) != 0 ? header & 0x1F : -1;
                if (begin)
                    begin(FieldAt{file, d.mesg, 0, at, message, timeOffset, 0, d.order});
                for (const auto& [num, size] : d.fields) {
                    visit(FieldAt{file, d.mesg, num, at, message, timeOffset, size, d.order}, m_bytes);
                    at += size;
                }
                at += d.developerBytes;
            }
            start = end + 2;
        }
    }

    QByteArray m_bytes;
    struct {
        std::uint16_t from = 0, to = 0;
        int* changed = nullptr;
    } m_renumber;
};

// What a test needs to know of a file to compute its expectations, read by the walker above rather than by
// the reader under test: record times, sessions, sport messages, in file order.
struct RawSession {
    qsizetype offset = 0;
    std::uint32_t start = 0;       // start_time
    std::uint32_t end = 0;         // timestamp: when the session ended
    double elapsed = 0, timer = 0; // total_elapsed_time, total_timer_time in seconds
    int sport = -1;
};
struct RawSport {
    qsizetype offset = 0;
    int sport = -1;
};
struct RawFit {
    std::vector<std::uint32_t> recordTimes; // complete record messages with a timestamp, all chained files
    std::vector<qsizetype> recordOffsets;   // where each of them is in the file
    std::vector<RawSession> sessions;
    std::vector<RawSport> sports;
    std::optional<std::uint32_t> timeCreated;
};
inline RawFit rawFit(const QByteArray& bytes)
{
    constexpr std::uint16_t kFileId = 0, kSport = 12, kSession = 18, kRecord = 20;
    RawFit out;
    FitPatch p(bytes);
    std::optional<std::uint32_t> last; // the latest full timestamp, which compressed headers count on from
    const auto begin = [&](const FieldAt& m) {
        if (m.timeOffset < 0 || !last)
            return;
        // FIT protocol: the offset replaces the low 5 bits of the last time, rolling over forwards.
        std::uint32_t t = (*last & ~0x1FU) + static_cast<std::uint32_t>(m.timeOffset);
        if (static_cast<std::uint32_t>(m.timeOffset) < (*last & 0x1FU))
            t += 0x20;
        last = t;
        if (m.mesg == kRecord) {
            out.recordTimes.push_back(t);
            out.recordOffsets.push_back(m.message);
        }
    };
    p.forEachMessage(begin, [&](const FieldAt& f, QByteArray& b) {
        const std::uint64_t v = FitPatch::readUInt(b, f);
        const bool invalid = v == (f.size >= 8 ? ~0ULL : (1ULL << (8 * f.size)) - 1);
        if (f.num == 253 && f.size == 4 && !invalid)
            last = static_cast<std::uint32_t>(v);
        if (f.mesg == kRecord && f.num == 253 && !invalid) {
            out.recordTimes.push_back(static_cast<std::uint32_t>(v));
            out.recordOffsets.push_back(f.message);
        }
        if (f.mesg == kFileId && f.num == 4 && !invalid && f.file == 0)
            out.timeCreated = static_cast<std::uint32_t>(v);
        if (f.mesg == kSport && f.num == 0)
            out.sports.push_back(RawSport{f.message, static_cast<int>(v)});
        if (f.mesg == kSession) {
            if (out.sessions.empty() || out.sessions.back().offset != f.message)
                out.sessions.push_back(RawSession{f.message});
            RawSession& s = out.sessions.back();
            if (f.num == 2)
                s.start = static_cast<std::uint32_t>(v);
            else if (f.num == 253)
                s.end = static_cast<std::uint32_t>(v);
            else if (f.num == 7)
                s.elapsed = v / 1000.0;
            else if (f.num == 8)
                s.timer = v / 1000.0;
            else if (f.num == 5)
                s.sport = static_cast<int>(v);
        }
    });
    return out;
}

// A FIT file of the corpus (tests/data/activities/fit), byte for byte.
inline QByteArray corpusFit(const QString& name)
{
    QFile f(QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/fit/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A timestamp_correlation message (FIT SDK Profile, mesg 162): at UTC `utc` (FIT seconds) the device's
// power-on clock read `system`. Local message type 15, so it can follow any file's messages.
inline QByteArray timestampCorrelation(std::uint32_t utc, std::uint32_t system)
{
    FitWriter w;
    w.define(15, 162, {{253, 4, bt::UInt32}, {1, 4, bt::UInt32}});
    w.data(15, {utc, system});
    return w.dataBytes();
}

} // namespace tricoach::fittest
