#pragma once

#include "core/io/activityreader.h"
#include "core/io/bytecursor.h"
#include "core/io/fit/fitprofile.h"

#include <QString>
#include <QStringList>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>

namespace tricoach::fit {

// Stable error codes of the FIT decoder and reader (ReadError::code).
namespace errc {
inline constexpr char kEmpty[] = "fit.empty";                  // zero bytes
inline constexpr char kNotFit[] = "fit.not-fit";               // no ".FIT" signature where the first header should be
inline constexpr char kHeader[] = "fit.header";                // a header that cannot be read (bad size, chained junk)
inline constexpr char kHeaderCrc[] = "fit.header-crc";         // header CRC present and wrong
inline constexpr char kCrc[] = "fit.crc";                      // file CRC wrong: data kept, user told
inline constexpr char kTruncated[] = "fit.truncated";          // data or CRC missing at the end
inline constexpr char kBadDefinition[] = "fit.bad-definition"; // definition message that makes no sense
inline constexpr char kUndefinedLocal[] = "fit.undefined-local-message"; // data before its definition
inline constexpr char kNoActivity[] = "fit.no-activity";                 // a valid FIT file without records or sessions
inline constexpr char kNotActivity[] = "fit.not-activity"; // a course, workout, settings, monitoring... file
inline constexpr char kNoClock[] = "fit.no-clock";         // only device power-on times, nothing places them in UTC
inline constexpr char kNoTimes[] = "fit.no-times";         // records and summaries without any timestamp
} // namespace errc

inline constexpr int kMaxSlots = 32;
inline constexpr int kNoSlot = -1;
inline constexpr int kLocalMessageTypes = 16;

// A developer field as its field_description message describes it.
struct DeveloperField {
    std::uint8_t developerIndex = 0;
    std::uint8_t number = 0;
    std::uint8_t baseType = 0; // base-type number
    QString name;
    QString units;
    std::optional<std::uint16_t> nativeMesg;
    std::optional<std::uint8_t> nativeField;
    std::uint8_t scale = 1;
    std::int8_t offset = 0;
};

// Which fields a consumer wants. Asked once per definition message, never per data message, so the decoder
// can compile each definition into a plan that touches only those bytes.
class FieldSelector {
public:
    virtual ~FieldSelector() = default;
    // Whether data messages of `mesg` are delivered at all (even when none of their fields is selected).
    virtual bool wants(std::uint16_t mesg) const = 0;
    // The slot (0..kMaxSlots-1) that receives native field `field` of message `mesg`, or kNoSlot to skip it.
    virtual int slotFor(std::uint16_t mesg, std::uint8_t field) const = 0;
    virtual int developerSlotFor(std::uint16_t mesg, const DeveloperField& field) const = 0;
};

// Where one selected field sits in a data message and how to read it.
struct PlanField {
    std::uint32_t offset = 0;
    std::uint8_t size = 0;
    std::uint8_t baseType = 0; // base-type number
    std::uint8_t scale = 1;    // developer fields carry their own scale and offset; 1 and 0 for native fields
    std::int8_t valueOffset = 0;
};
static_assert(sizeof(PlanField) == 8, "plans are scanned for every message: keep a field to 8 bytes");

// A definition message compiled for decoding.
struct DecodePlan {
    std::uint16_t mesgNum = 0;
    ByteOrder order = ByteOrder::Little;
    bool wanted = false;               // deliver data messages to the sink
    std::uint32_t size = 0;            // bytes of one data message after its record header
    std::int32_t timestampOffset = -1; // field 253 read as uint32, or -1
    std::uint32_t present = 0;         // bit n: slot n is in this definition
    std::array<PlanField, kMaxSlots> fields{};
};
static_assert(kMaxSlots <= 32, "DecodePlan::present is a 32-bit mask");

// One data message. The first value of every selected field is decoded once, when the message is read, by a
// loop over the plan; value() is then an array lookup. Arrays, strings and raw bytes are read on demand.
class FitMessage {
public:
    FitMessage(const DecodePlan& plan, QByteArrayView body, std::optional<std::uint32_t> timestamp, qint64 offset);

    std::uint16_t mesgNum() const { return m_plan.mesgNum; }
    qint64 offset() const { return m_offset; }
    // Field 253, or the time of a compressed-timestamp header.
    std::optional<std::uint32_t> timestamp() const { return m_timestamp; }

    bool has(int slot) const { return slot >= 0 && slot < kMaxSlots && ((m_plan.present >> slot) & 1U) != 0; }
    // The first value of a numeric field; nullopt when absent or the invalid sentinel. Developer scale
    // applied.
    std::optional<double> value(int slot) const
    {
        if (!has(slot))
            return std::nullopt;
        const double v = m_values[static_cast<std::size_t>(slot)];
        return std::isnan(v) ? std::nullopt : std::optional<double>(v);
    }
    // value() with a profile scale/offset applied, or NaN.
    double scaled(int slot, const Field& f) const
    {
        const auto v = value(slot);
        return v ? f.apply(*v) : std::numeric_limits<double>::quiet_NaN();
    }
    std::optional<std::uint8_t> enumValue(int slot) const;
    int elementCount(int slot) const;
    // Element `index` of a numeric (array) field, like value().
    std::optional<double> element(int slot, int index) const;
    // The raw bytes of a field (byte arrays, packed components); empty when absent.
    QByteArrayView bytes(int slot) const;
    // A string field up to its NUL or its end (some devices write no NUL).
    QString text(int slot) const;

private:
    // NaN for an invalid value: a float field holding NaN means "not recorded" too.
    double decode(const PlanField& f, int index) const;

    const DecodePlan& m_plan;
    QByteArrayView m_body;
    std::optional<std::uint32_t> m_timestamp;
    qint64 m_offset;
    std::array<double, kMaxSlots> m_values; // valid where the plan has the slot
};

// Receives the data messages of a FIT file in file order.
class MessageSink {
public:
    virtual ~MessageSink() = default;
    // A FIT file of the input begins (0 for the first; more when files are chained), before its messages.
    virtual void onFileStart(int /*index*/) {}
    virtual void onMessage(const FitMessage& message) = 0;
};

// What the protocol layer made of the bytes.
struct DecodeOutcome {
    std::optional<ReadError> error; // the first problem that lost or put in doubt data
    QStringList warnings;           // later problems and things worked around
    int segments = 0;               // FIT files read (more than one when chained)
    qint64 messages = 0;            // data messages decoded
};

// The FIT protocol: file headers (12/14 bytes, chained files), header and file CRCs, definition messages in
// either byte order compiled into plans, normal and compressed-timestamp record headers, developer fields.
// Data messages go to the sink; decoding stops at the first structural error, keeping everything delivered
// before it.
class FitDecoder {
public:
    FitDecoder(const FieldSelector& selector, MessageSink& sink)
        : m_selector(selector)
        , m_sink(sink)
    {
    }
    DecodeOutcome decode(QByteArrayView data);

private:
    struct Segment;
    bool decodeSegment(QByteArrayView data, qint64 start, DecodeOutcome& out, qint64& next);
    bool decodeMessages(ByteCursor& cur, Segment& seg, DecodeOutcome& out);
    bool readDefinition(ByteCursor& cur, std::uint8_t header, Segment& seg, DecodeOutcome& out);
    void handleDeveloperMessage(const FitMessage& msg, Segment& seg);
    void warnOnce(DecodeOutcome& out, unsigned flag, const QString& text);

    const FieldSelector& m_selector;
    MessageSink& m_sink;
    unsigned m_warned = 0;
};

} // namespace tricoach::fit
