#include "core/io/fit/fitdecoder.h"

#include "core/io/fit/fitcrc.h"

#include <algorithm>
#include <cmath>

namespace tricoach::fit {

namespace {

// FIT protocol document, "File Header" and "Record Header".
constexpr std::uint8_t kLegacyHeaderSize = 12; // no header CRC
constexpr std::uint8_t kHeaderSizeWithCrc = 14;
constexpr qsizetype kSignatureOffset = 8;
constexpr qsizetype kHeaderCrcOffset = 12;
constexpr QByteArrayView kSignature(".FIT", 4);
constexpr int kMaxSupportedProtocolMajor = 2;
constexpr qsizetype kCrcSize = 2;

constexpr std::uint8_t kCompressedHeaderBit = 0x80;
constexpr std::uint8_t kDefinitionBit = 0x40;
constexpr std::uint8_t kDeveloperDataBit = 0x20;
constexpr std::uint8_t kLocalTypeMask = 0x0F;
constexpr int kCompressedLocalShift = 5;
constexpr std::uint8_t kCompressedLocalMask = 0x03;
constexpr std::uint32_t kTimeOffsetMask = 0x1F; // 5-bit time offset of compressed-timestamp headers
constexpr std::uint32_t kTimeOffsetRollover = 0x20;

constexpr std::uint8_t kArchLittle = 0, kArchBig = 1;
constexpr qsizetype kDefinitionFixedSize = 5; // reserved, architecture, global number (2), field count

// Internal slots for the messages the decoder itself consumes.
enum DescriptionSlot : int {
    DdIndex,
    DdFieldNumber,
    DdBaseType,
    DdName,
    DdScale,
    DdOffset,
    DdUnits,
    DdNativeMesg,
    DdNativeField
};
constexpr int kDeveloperIdIndexSlot = 0;

// Warnings given once per file, however often the situation repeats.
enum WarnFlag : unsigned {
    WarnMisaligned = 1U << 0,
    WarnUnknownBaseType = 1U << 1,
    WarnUndescribedDevField = 1U << 2,
    WarnNoTimeAnchor = 1U << 3,
    WarnProtocol = 1U << 4,
    WarnNoCrc = 1U << 5,
};

int internalSlot(std::uint16_t mesg, std::uint8_t field)
{
    namespace fd = field::field_description;
    if (mesg == mesg::FieldDescription) {
        static constexpr struct {
            std::uint8_t num;
            int slot;
        } kMap[] = {{fd::DeveloperDataIndex.num, DdIndex},
                    {fd::FieldDefinitionNumber.num, DdFieldNumber},
                    {fd::FitBaseTypeId.num, DdBaseType},
                    {fd::FieldName.num, DdName},
                    {fd::Scale.num, DdScale},
                    {fd::Offset.num, DdOffset},
                    {fd::Units.num, DdUnits},
                    {fd::NativeMesgNum.num, DdNativeMesg},
                    {fd::NativeFieldNum.num, DdNativeField}};
        for (const auto& m : kMap) {
            if (m.num == field)
                return m.slot;
        }
        return kNoSlot;
    }
    if (mesg == mesg::DeveloperDataId && field == field::developer_data_id::DeveloperDataIndex.num)
        return kDeveloperIdIndexSlot;
    return kNoSlot;
}

bool isInternal(std::uint16_t mesg)
{
    return mesg == mesg::FieldDescription || mesg == mesg::DeveloperDataId;
}

bool allZero(QByteArrayView data)
{
    return std::all_of(data.begin(), data.end(), [](char c) { return c == 0; });
}

void setError(DecodeOutcome& out, const char* code, const QString& message, qint64 offset)
{
    if (out.error) {
        // Only the first problem is the error; later ones still reach the user.
        out.warnings << message;
        return;
    }
    out.error = ReadError{QLatin1String(code), message, offset, -1};
}

} // namespace

struct FitDecoder::Segment {
    std::array<DecodePlan, kLocalMessageTypes> plans{};
    std::uint32_t defined = 0;                               // bit per local message type
    std::map<std::uint32_t, DeveloperField> developerFields; // key: developer index << 8 | field number
    std::uint32_t declaredDevelopers[8] = {};                // bitset of developer_data_index values seen
    std::optional<std::uint32_t> lastTimestamp;
    QByteArrayView file; // the whole input, for the CRC of an unfinalised file
    qint64 start = 0;
    bool unfinalised = false;
    bool crcFound = false;
};

void FitDecoder::warnOnce(DecodeOutcome& out, unsigned flag, const QString& text)
{
    if ((m_warned & flag) != 0)
        return;
    m_warned |= flag;
    out.warnings << text;
}

DecodeOutcome FitDecoder::decode(QByteArrayView data)
{
    DecodeOutcome out;
    m_warned = 0;
    if (data.isEmpty()) {
        out.error = ReadError{QLatin1String(errc::kEmpty), QStringLiteral("The file is empty (0 bytes)."), 0, -1};
        return out;
    }
    qint64 pos = 0;
    while (pos < data.size()) {
        qint64 next = data.size();
        if (!decodeSegment(data, pos, out, next))
            break;
        pos = next;
    }
    return out;
}

bool FitDecoder::decodeSegment(QByteArrayView data, qint64 start, DecodeOutcome& out, qint64& next)
{
    const bool first = out.segments == 0;
    const QByteArrayView rest = data.sliced(start);
    if (!first && allZero(rest)) {
        // Some devices pad files to a block size with zeros.
        out.warnings << QStringLiteral("Ignored %1 zero bytes of padding after the FIT data at byte %2.")
                            .arg(rest.size())
                            .arg(start);
        return false;
    }
    ByteCursor head(rest, start);
    const std::uint8_t headerSize = head.u8().value_or(0);
    const bool signed_ = rest.size() >= kLegacyHeaderSize && rest.sliced(kSignatureOffset, 4) == kSignature;
    if (!signed_) {
        if (first && rest.size() < kLegacyHeaderSize &&
            (headerSize == kLegacyHeaderSize || headerSize == kHeaderSizeWithCrc)) {
            setError(out, errc::kTruncated,
                     QStringLiteral("The file ends after %1 bytes, inside its FIT header: it was cut short.")
                         .arg(rest.size()),
                     data.size());
        } else if (first) {
            setError(out, errc::kNotFit,
                     QStringLiteral("This is not a FIT file: the \".FIT\" signature is missing from its header."), 0);
        } else {
            setError(out, errc::kHeader,
                     QStringLiteral("%1 bytes after the FIT data at byte %2 are not another chained FIT file (no "
                                    "\".FIT\" header); they were ignored and everything before them was kept.")
                         .arg(rest.size())
                         .arg(start),
                     start);
        }
        return false;
    }
    if (headerSize < kLegacyHeaderSize) {
        setError(out, errc::kHeader,
                 QStringLiteral("The FIT header at byte %1 gives its size as %2 bytes; at least 12 are needed.")
                     .arg(start)
                     .arg(headerSize),
                 start);
        return false;
    }
    if (rest.size() < headerSize) {
        setError(out, errc::kTruncated,
                 QStringLiteral("The file ends inside the FIT header that starts at byte %1.").arg(start), data.size());
        return false;
    }
    const std::uint8_t protocol = head.u8().value_or(0);
    head.skip(2); // profile version: informational
    const std::uint32_t dataSize = head.u32().value_or(0);
    if ((protocol >> 4) > kMaxSupportedProtocolMajor) {
        warnOnce(out, WarnProtocol,
                 QStringLiteral("The file uses FIT protocol %1.%2, newer than this reader knows; what it understands "
                                "was read.")
                     .arg(protocol >> 4)
                     .arg(protocol & 0x0F));
    }
    if (headerSize >= kHeaderSizeWithCrc) {
        const std::uint16_t stored = head.peekAt<std::uint16_t>(kHeaderCrcOffset).value_or(0);
        // A header CRC of 0 means "not computed" (FIT protocol document).
        if (stored != 0 && stored != fitCrc(rest.first(kHeaderCrcOffset))) {
            setError(out, errc::kHeaderCrc,
                     QStringLiteral("The checksum of the FIT header at byte %1 does not match: the header may be "
                                    "damaged. The file was read anyway; check the result.")
                         .arg(start),
                     start + kHeaderCrcOffset);
        }
    }

    Segment seg;
    seg.file = data;
    seg.start = start;
    const qint64 dataStart = start + headerSize;
    qint64 dataEnd = 0;
    bool cut = false;
    if (dataSize == 0) {
        seg.unfinalised = true;
        dataEnd = data.size();
        out.warnings << QStringLiteral("The FIT header at byte %1 gives a data size of 0: the recording was never "
                                       "finalised (device stopped or crashed). Read up to the end of the file.")
                            .arg(start);
    } else {
        dataEnd = dataStart + static_cast<qint64>(dataSize);
        if (dataEnd > data.size()) {
            cut = true;
            dataEnd = data.size();
        }
    }
    m_sink.onFileStart(out.segments);
    ++out.segments;
    ByteCursor cur(data.first(dataEnd));
    cur.seek(dataStart);
    const bool complete = decodeMessages(cur, seg, out);
    if (cut) {
        // After a decoding error this becomes a warning: the user learns both where data stops and why.
        setError(out, errc::kTruncated,
                 QStringLiteral("The file ends %1 bytes before the end its FIT header declares: it was cut short. "
                                "Everything up to the cut was read.")
                     .arg(dataStart + static_cast<qint64>(dataSize) + kCrcSize - data.size()),
                 data.size());
    }
    if (!complete || cut)
        return false;
    if (seg.unfinalised) {
        if (!seg.crcFound)
            warnOnce(out, WarnNoCrc, QStringLiteral("The unfinalised file has no checksum; its data is unverified."));
        return false;
    }
    if (data.size() - dataEnd < kCrcSize) {
        setError(out, errc::kTruncated,
                 QStringLiteral("The file ends where its checksum should be (byte %1): it was cut short. All data "
                                "messages were read but could not be verified.")
                     .arg(dataEnd),
                 data.size());
        return false;
    }
    const std::uint16_t stored = ByteCursor::readAt<std::uint16_t>(data, dataEnd).value_or(0);
    const std::uint16_t computed = fitCrc(data.sliced(start, dataEnd - start));
    if (stored != computed) {
        setError(out, errc::kCrc,
                 QStringLiteral("The checksum of the FIT data ending at byte %1 does not match (stored 0x%2, "
                                "computed 0x%3): the file is damaged. Everything was read; values may be wrong.")
                     .arg(dataEnd)
                     .arg(stored, 4, 16, QLatin1Char('0'))
                     .arg(computed, 4, 16, QLatin1Char('0')),
                 dataEnd);
    }
    next = dataEnd + kCrcSize;
    return true;
}

bool FitDecoder::decodeMessages(ByteCursor& cur, Segment& seg, DecodeOutcome& out)
{
    while (!cur.atEnd()) {
        const qint64 at = cur.absolutePos();
        if (seg.unfinalised && cur.remaining() == kCrcSize) {
            const auto stored = cur.peekAt<std::uint16_t>(cur.pos());
            if (stored && *stored == fitCrc(seg.file.sliced(seg.start, at - seg.start))) {
                seg.crcFound = true;
                cur.skip(kCrcSize);
                break;
            }
        }
        const std::uint8_t header = *cur.u8(); // not at end, so one byte is there
        std::uint8_t local = 0;
        std::optional<std::uint32_t> compressedTime;
        if ((header & kCompressedHeaderBit) != 0) {
            local = (header >> kCompressedLocalShift) & kCompressedLocalMask;
            const std::uint32_t offset = header & kTimeOffsetMask;
            if (seg.lastTimestamp) {
                const std::uint32_t last = *seg.lastTimestamp;
                std::uint32_t t = (last & ~kTimeOffsetMask) + offset;
                if (offset < (last & kTimeOffsetMask))
                    t += kTimeOffsetRollover;
                compressedTime = t;
                seg.lastTimestamp = t;
            } else {
                warnOnce(out, WarnNoTimeAnchor,
                         QStringLiteral("Compressed timestamps appear before any full timestamp; those messages "
                                        "have no time."));
            }
        } else if ((header & kDefinitionBit) != 0) {
            if (!readDefinition(cur, header, seg, out))
                return false;
            continue;
        } else {
            local = header & kLocalTypeMask;
        }
        if (((seg.defined >> local) & 1U) == 0) {
            setError(out, errc::kUndefinedLocal,
                     QStringLiteral("The data message at byte %1 uses local message type %2, which no definition "
                                    "message introduced: the file is damaged from here on. Everything before was "
                                    "kept.")
                         .arg(at)
                         .arg(local),
                     at);
            return false;
        }
        const DecodePlan& plan = seg.plans[local];
        const auto body = cur.take(static_cast<qsizetype>(plan.size));
        if (!body) {
            const bool fileEnd = cur.size() == seg.file.size();
            setError(out, errc::kTruncated,
                     fileEnd ? QStringLiteral("The file ends inside the data message at byte %1: it was cut short. "
                                              "Everything before it was read.")
                                   .arg(at)
                             : QStringLiteral("The data message at byte %1 runs past the data size in the FIT "
                                              "header: the file was not finished properly. Everything before it "
                                              "was read.")
                                   .arg(at),
                     at);
            return false;
        }
        std::optional<std::uint32_t> timestamp = compressedTime;
        if (plan.timestampOffset >= 0) {
            const auto t = ByteCursor::readAt<std::uint32_t>(*body, plan.timestampOffset, plan.order);
            if (t && *t != kBaseTypes[static_cast<int>(BaseType::UInt32)].invalid) {
                timestamp = *t;
                seg.lastTimestamp = *t;
            }
        }
        ++out.messages;
        if (!plan.wanted)
            continue;
        const FitMessage message(plan, *body, timestamp, at);
        if (isInternal(plan.mesgNum))
            handleDeveloperMessage(message, seg);
        else
            m_sink.onMessage(message);
    }
    return true;
}

bool FitDecoder::readDefinition(ByteCursor& cur, std::uint8_t header, Segment& seg, DecodeOutcome& out)
{
    const qint64 at = cur.absolutePos() - 1;
    const auto truncated = [&] {
        setError(out, errc::kTruncated,
                 QStringLiteral("The definition message at byte %1 is cut off: the file was cut short or not "
                                "finished. Everything before it was read.")
                     .arg(at),
                 at);
        return false;
    };
    const std::uint8_t local = header & kLocalTypeMask;
    // A definition the file has no room for is a cut, whatever its few bytes say.
    if (cur.remaining() < kDefinitionFixedSize)
        return truncated();
    cur.skip(1); // reserved
    const auto arch = cur.u8();
    if (*arch != kArchLittle && *arch != kArchBig) {
        setError(out, errc::kBadDefinition,
                 QStringLiteral("The definition message at byte %1 has architecture byte %2 (only 0 and 1 exist): "
                                "the file is damaged from here on. Everything before was kept.")
                     .arg(at)
                     .arg(*arch),
                 at + 2);
        return false;
    }
    DecodePlan plan;
    plan.order = *arch == kArchBig ? ByteOrder::Big : ByteOrder::Little;
    const auto global = cur.u16(plan.order);
    const auto count = cur.u8();
    if (!global || !count)
        return truncated();
    plan.mesgNum = *global;
    plan.wanted = isInternal(plan.mesgNum) || m_selector.wants(plan.mesgNum);

    const auto place = [&](int slot, std::uint32_t offset, std::uint8_t size, std::uint8_t number, std::uint8_t scale,
                           std::int8_t valueOffset) {
        if (slot < 0 || slot >= kMaxSlots)
            return;
        const std::uint8_t baseSize = kBaseTypes[number].size;
        if (size < baseSize || size % baseSize != 0) {
            warnOnce(out, WarnMisaligned,
                     QStringLiteral("Some fields have a size that is not a multiple of their type's size (first in "
                                    "the definition at byte %1); whole values were read, the rest skipped.")
                         .arg(at));
            if (size < baseSize)
                return;
        }
        plan.fields[static_cast<std::size_t>(slot)] = PlanField{offset, size, number, scale, valueOffset};
        plan.present |= 1U << slot;
    };

    std::uint32_t offset = 0;
    for (int i = 0; i < *count; ++i) {
        const auto num = cur.u8();
        const auto size = cur.u8();
        const auto baseByte = cur.u8();
        if (!baseByte)
            return truncated();
        const auto number = baseTypeNumber(*baseByte);
        if (*num == field::Timestamp.num && *size == sizeof(std::uint32_t))
            plan.timestampOffset = static_cast<std::int32_t>(offset);
        if (plan.wanted) {
            const int slot =
                isInternal(plan.mesgNum) ? internalSlot(plan.mesgNum, *num) : m_selector.slotFor(plan.mesgNum, *num);
            if (slot != kNoSlot && !number) {
                warnOnce(out, WarnUnknownBaseType,
                         QStringLiteral("The definition at byte %1 uses base type 0x%2, which FIT does not define; "
                                        "that field was skipped.")
                             .arg(at)
                             .arg(*baseByte, 2, 16, QLatin1Char('0')));
            } else if (number) {
                place(slot, offset, *size, *number, 1, 0);
            }
        }
        offset += *size;
    }
    if ((header & kDeveloperDataBit) != 0) {
        const auto devCount = cur.u8();
        if (!devCount)
            return truncated();
        for (int i = 0; i < *devCount; ++i) {
            const auto num = cur.u8();
            const auto size = cur.u8();
            const auto devIndex = cur.u8();
            if (!devIndex)
                return truncated();
            const auto it = seg.developerFields.find(std::uint32_t{*devIndex} << 8 | *num);
            if (it == seg.developerFields.end()) {
                warnOnce(out, WarnUndescribedDevField,
                         QStringLiteral("Developer fields without a field description were skipped."));
            } else if (plan.wanted && !isInternal(plan.mesgNum)) {
                const DeveloperField& dev = it->second;
                place(m_selector.developerSlotFor(plan.mesgNum, dev), offset, *size, dev.baseType, dev.scale,
                      dev.offset);
            }
            offset += *size;
        }
    }
    plan.size = offset;
    seg.plans[local] = plan;
    seg.defined |= 1U << local;
    return true;
}

void FitDecoder::handleDeveloperMessage(const FitMessage& msg, Segment& seg)
{
    if (msg.mesgNum() == mesg::DeveloperDataId) {
        const auto index = msg.enumValue(kDeveloperIdIndexSlot);
        if (!index)
            return;
        std::uint32_t& word = seg.declaredDevelopers[*index / 32];
        const std::uint32_t bit = 1U << (*index % 32);
        if ((word & bit) != 0) {
            // The index now belongs to another application: its old field descriptions no longer apply.
            const std::uint32_t key = std::uint32_t{*index} << 8;
            seg.developerFields.erase(seg.developerFields.lower_bound(key),
                                      seg.developerFields.lower_bound(key + 0x100));
        }
        word |= bit;
        return;
    }
    const auto index = msg.enumValue(DdIndex);
    const auto number = msg.enumValue(DdFieldNumber);
    const auto baseByte = msg.enumValue(DdBaseType);
    if (!index || !number || !baseByte)
        return;
    DeveloperField f;
    f.developerIndex = *index;
    f.number = *number;
    // An undefined base type still has a size in the definition; read it as bytes so it is skipped correctly.
    f.baseType = baseTypeNumber(*baseByte).value_or(static_cast<std::uint8_t>(BaseType::Byte));
    f.name = msg.text(DdName);
    f.units = msg.text(DdUnits);
    if (const auto scale = msg.enumValue(DdScale); scale && *scale != 0)
        f.scale = *scale;
    f.offset = toInteger<std::int8_t>(msg.value(DdOffset)).value_or(0);
    f.nativeMesg = toInteger<std::uint16_t>(msg.value(DdNativeMesg));
    if (const auto nf = msg.enumValue(DdNativeField))
        f.nativeField = *nf;
    seg.developerFields[std::uint32_t{*index} << 8 | *number] = std::move(f);
}

} // namespace tricoach::fit
