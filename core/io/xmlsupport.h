#pragma once

// What the XML activity readers (TCX, GPX) share: lenient input preparation, text and ISO 8601 time parsing on
// top of QXmlStreamReader. What they compute from their track points is in core/io/trackpoints.h.

#include "core/io/activityreader.h"
#include "core/io/trackpoints.h"

#include <QBuffer>
#include <QByteArray>
#include <QByteArrayView>
#include <QLatin1String>
#include <QStringList>
#include <QStringView>
#include <QVarLengthArray>
#include <QXmlStreamReader>

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace tricoach::xml {

// ---- input preparation ----------------------------------------------------------------------------------------

// Drops a UTF-8 byte-order mark and whitespace in front of the first '<'. Whitespace before `<?xml ...?>` makes a
// document not well-formed, yet Strava's TCX export writes it; returns true in `*fixedDeclaration` then so the
// reader can warn.
QByteArrayView trimLeadingJunk(QByteArrayView data, bool* fixedDeclaration);

// Namespace prefixes used on element or attribute names but declared nowhere (exporters such as mapstogpx.com
// write `gpxdata:` without its xmlns). Returns a copy of `data` with the missing declarations added to the root
// element, and their names in `*declared`; an empty array when nothing is missing. Known prefixes get their
// usual URI, others a "urn:tricoach:undeclared:<prefix>" placeholder.
QByteArray declareMissingPrefixes(QByteArrayView data, QStringList* declared);

// Reads with `readOnce` after trimLeadingJunk; when that finds the XML malformed and declareMissingPrefixes can
// repair it, reads the repaired copy instead (if that gets further). Both repairs add a warning. An
// "xml.malformed" error then says whether what came before the damage was kept.
DecodedFile readLeniently(QByteArrayView data, DecodedFile (*readOnce)(QByteArrayView));

// What setData feeds a reader from; it must outlive the reader's use.
struct Input {
    QByteArray bytes;
    QBuffer device;
};

// A reader over bytes that stay alive for the reader's lifetime (no copy). They are read through a device, which
// QXmlStreamReader decodes a few KiB at a time: handed the bytes themselves (addData) it first decodes the whole
// document into one UTF-16 string, twice the file's size (a 200 MB GPX held 400 MB more).
inline void setData(QXmlStreamReader& reader, QByteArrayView data, Input& input)
{
    input.bytes = QByteArray::fromRawData(data.data(), data.size());
    input.device.setBuffer(&input.bytes);
    input.device.open(QIODevice::ReadOnly);
    reader.setDevice(&input.device);
}

// The "xml.malformed" error for the reader's current error, with line and column (readLeniently adds what was
// kept).
ReadError malformedError(const QXmlStreamReader& reader);

// ---- text ------------------------------------------------------------------------------------------------------

// The text of the current element (the reader is on its StartElement); leaves the reader on its EndElement.
// Child elements are skipped.
QString readText(QXmlStreamReader& reader);
// Text meant for one line (a title, a device name): line breaks, tabs and runs of white space become one space,
// control and invisible formatting characters (C0/C1 controls such as ESC and CSI, bidirectional overrides, zero
// width characters) are removed, and the result is trimmed and cut to `maxLength` characters (at a word break
// when one is near). A file's name for an activity must not smuggle terminal escapes or a second line into lists.
inline constexpr qsizetype kMaxLineLength = 200;
QString cleanLine(QStringView text, qsizetype maxLength = kMaxLineLength);
// A finite number, or nullopt for empty, malformed, NaN or infinite text.
std::optional<double> parseNumber(QStringView text);
std::optional<double> readNumber(QXmlStreamReader& reader);
std::optional<qint64> readTimeMs(QXmlStreamReader& reader);
struct IsoTime;
std::optional<IsoTime> readTime(QXmlStreamReader& reader);

// `parse` applied to the current element's text (as readText), without building a QString when the text
// arrives as one token, which is the common case and most of the reading time.
template <typename Parse> auto readParsed(QXmlStreamReader& reader, Parse parse) -> decltype(parse(QStringView()))
{
    using Value = decltype(parse(QStringView()));
    switch (reader.readNext()) {
    case QXmlStreamReader::Characters:
        break;
    case QXmlStreamReader::EndElement:
        return parse(QStringView());
    case QXmlStreamReader::Invalid:
        return Value{};
    case QXmlStreamReader::StartElement:
        reader.skipCurrentElement();
        return parse(readText(reader));
    default: // a comment or processing instruction first
        return parse(readText(reader));
    }
    // The view dies with the next token: keep a copy on the stack in case the text continues.
    const QStringView first = reader.text();
    QVarLengthArray<QChar, 64> copy(first.begin(), first.end());
    switch (reader.readNext()) {
    case QXmlStreamReader::EndElement:
        return parse(QStringView(copy.data(), copy.size()));
    case QXmlStreamReader::Invalid:
        return Value{};
    case QXmlStreamReader::Characters: {
        // Text in several pieces (entities, CDATA): join them.
        QString text = QStringView(copy.data(), copy.size()).toString();
        text.append(reader.text());
        return parse(text + readText(reader));
    }
    case QXmlStreamReader::StartElement:
        reader.skipCurrentElement();
        [[fallthrough]];
    default: {
        QString text = QStringView(copy.data(), copy.size()).toString();
        return parse(text + readText(reader));
    }
    }
}

// A time as a file writes it: the instant, and the zone it was written in. Apps that write local time with its
// offset (OpenTracks, Polar, Suunto) tell the athlete's offset from UTC that way, which decides the calendar day.
struct IsoTime {
    enum class Zone { Utc, Offset, None }; // "Z"; "+01:15" (a local time and its offset); nothing
    qint64 ms = 0;                         // since the Unix epoch, UTC
    Zone zone = Zone::None;
    int offsetSec = 0; // east of UTC, with Zone::Offset
};

// ISO 8601 / xsd:dateTime ("2014-10-11T18:08:45.000Z", "...+02:00"). A time without a zone is taken as UTC, which is
// what GPX prescribes (and TCX's Garmin exports write).
std::optional<IsoTime> parseIsoTime(QStringView text);
// parseIsoTime's instant: milliseconds since the Unix epoch, UTC.
std::optional<qint64> parseIsoTimeMs(QStringView text);

// True for a time no recording has: converters and devices write such placeholders when they have no time. Every
// time before the GPS epoch (1980-01-06: no satellite, and no sports watch, gave a time before it) is one, which
// covers GPSBabel's INT32_MIN seconds (1901-12-13T20:45:52Z), the Unix epoch, .NET's 0001-01-01 and OLE's
// 1899-12-30; so is, to the second, an epoch a device counts from without a clock (GPS 1980-01-06T00:00:00Z, FIT
// 1989-12-31T00:00:00Z). A later date from a clock never set (1990) is a date: the import refuses it, saying why.
bool isPlaceholderTime(qint64 ms);

// The times a reader read: placeholders taken as "no time" and times without a zone, counted for the messages.
class TimeLog {
public:
    // `time` as a recorded time: nullopt when there is none or it is a placeholder (counted).
    std::optional<IsoTime> accept(std::optional<IsoTime> time);
    int placeholders() const { return m_placeholders; }
    // The first placeholder met, as ISO 8601 UTC to the second ("1901-12-13T20:45:52Z"); empty when none was.
    QString firstPlaceholder() const;
    // One sentence each, for the file's warnings: placeholders left out, times without a zone taken as UTC.
    QStringList warnings() const;

private:
    int m_placeholders = 0;
    int m_unzoned = 0;
    qint64 m_firstPlaceholderMs = 0;
    qint64 m_firstUnzonedMs = 0;
};

// True when the element's namespace is one of `uris` (an empty namespace matches when `allowEmpty`).
bool inNamespace(QStringView uri, std::initializer_list<QLatin1String> uris, bool allowEmpty);

} // namespace tricoach::xml
