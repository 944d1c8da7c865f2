#include "core/io/xmlsupport.h"

#include "core/util/datetime.h"

#include <QSet>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numbers>

namespace tricoach::xml {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool isNameChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) != 0 || c == '_' || c == '-' || c == '.' || c == ':' || u >= 0x80;
}

// The usual URIs of prefixes that exporters forget to declare (GPX 1.1 extension schemas as published by
// Garmin and Cluetrust; XML Schema instance).
QByteArray knownPrefixUri(QByteArrayView prefix)
{
    struct Known {
        const char* prefix;
        const char* uri;
    };
    static constexpr Known kKnown[] = {
        {"gpxdata", "http://www.cluetrust.com/XML/GPXDATA/1/0"},
        {"gpxtpx", "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"},
        {"gpxx", "http://www.garmin.com/xmlschemas/GpxExtensions/v3"},
        {"gpxpx", "http://www.garmin.com/xmlschemas/PowerExtension/v1"},
        {"xsi", "http://www.w3.org/2001/XMLSchema-instance"},
        {"ns3", "http://www.garmin.com/xmlschemas/ActivityExtension/v2"},
    };
    for (const auto& k : kKnown) {
        if (prefix == QByteArrayView(k.prefix))
            return QByteArray(k.uri);
    }
    return QByteArrayView("urn:tricoach:undeclared:").toByteArray() + prefix.toByteArray();
}

// Index just past `needle` from `from`, or the data's size when it does not occur.
qsizetype skipPast(QByteArrayView data, qsizetype from, QByteArrayView needle)
{
    const qsizetype at = data.indexOf(needle, from);
    return at < 0 ? data.size() : at + needle.size();
}

} // namespace

QByteArrayView trimLeadingJunk(QByteArrayView data, bool* fixedDeclaration)
{
    *fixedDeclaration = false;
    if (data.startsWith(QByteArrayView("\xEF\xBB\xBF")))
        data = data.sliced(3);
    qsizetype i = 0;
    while (i < data.size() && isSpace(data[i]))
        ++i;
    if (i > 0 && data.sliced(i).startsWith(QByteArrayView("<?xml")))
        *fixedDeclaration = true;
    return data.sliced(i);
}

QByteArray declareMissingPrefixes(QByteArrayView data, QStringList* declared)
{
    // A small tokenizer over tags only: enough to see which prefixes are used and declared. Scoping is ignored
    // (a prefix declared anywhere counts as declared), which is lenient in the right direction.
    QSet<QByteArray> used, known{QByteArray("xml"), QByteArray("xmlns")};
    qsizetype rootNameEnd = -1;
    qsizetype i = 0;
    const qsizetype n = data.size();
    auto readName = [&](qsizetype& at) {
        const qsizetype start = at;
        while (at < n && isNameChar(data[at]))
            ++at;
        return data.sliced(start, at - start);
    };
    auto prefixOf = [](QByteArrayView name) {
        const qsizetype colon = name.indexOf(':');
        return colon > 0 ? name.first(colon) : QByteArrayView();
    };
    while (i < n && used.size() < 64) {
        i = data.indexOf('<', i);
        if (i < 0)
            break;
        ++i;
        if (i >= n)
            break;
        if (data.sliced(i).startsWith(QByteArrayView("!--"))) {
            i = skipPast(data, i, "-->");
        } else if (data.sliced(i).startsWith(QByteArrayView("![CDATA["))) {
            i = skipPast(data, i, "]]>");
        } else if (data[i] == '!' || data[i] == '?' || data[i] == '/') {
            i = skipPast(data, i, ">");
        } else {
            const QByteArrayView name = readName(i);
            if (name.isEmpty())
                continue;
            if (rootNameEnd < 0)
                rootNameEnd = i;
            if (!prefixOf(name).isEmpty())
                used.insert(prefixOf(name).toByteArray());
            while (i < n && data[i] != '>') {
                if (isSpace(data[i]) || data[i] == '/') {
                    ++i;
                    continue;
                }
                const QByteArrayView attr = readName(i);
                if (attr.isEmpty()) {
                    ++i;
                    continue;
                }
                if (attr.startsWith(QByteArrayView("xmlns:")))
                    known.insert(attr.sliced(6).toByteArray());
                else if (!prefixOf(attr).isEmpty())
                    used.insert(prefixOf(attr).toByteArray());
                while (i < n && (isSpace(data[i]) || data[i] == '='))
                    ++i;
                if (i < n && (data[i] == '"' || data[i] == '\'')) {
                    const qsizetype close = data.indexOf(data[i], i + 1);
                    i = close < 0 ? n : close + 1;
                }
            }
        }
    }
    QByteArray insertion;
    QList<QByteArray> missing;
    for (const QByteArray& p : used) {
        if (!known.contains(p))
            missing.append(p);
    }
    if (rootNameEnd < 0 || missing.isEmpty())
        return {};
    std::sort(missing.begin(), missing.end());
    for (const QByteArray& p : missing) {
        insertion += " xmlns:" + p + "=\"" + knownPrefixUri(p) + '"';
        declared->append(QString::fromUtf8(p));
    }
    QByteArray patched;
    patched.reserve(data.size() + insertion.size());
    patched.append(data.first(rootNameEnd));
    patched.append(insertion);
    patched.append(data.sliced(rootNameEnd));
    return patched;
}

namespace {

std::size_t recoveredSize(const DecodedFile& f)
{
    std::size_t n = 0;
    for (const Activity& a : f.activities)
        n += a.streams.size() + a.laps.size() + 1;
    return n;
}

} // namespace

DecodedFile readLeniently(QByteArrayView data, DecodedFile (*readOnce)(QByteArrayView))
{
    bool fixedDeclaration = false;
    const QByteArrayView trimmed = trimLeadingJunk(data, &fixedDeclaration);
    DecodedFile out = readOnce(trimmed);
    if (out.error && out.error->code == QLatin1String("xml.malformed")) {
        QStringList declared;
        const QByteArray patched = declareMissingPrefixes(trimmed, &declared);
        if (!patched.isEmpty()) {
            DecodedFile retry = readOnce(patched);
            if (!retry.error || recoveredSize(retry) > recoveredSize(out)) {
                out = std::move(retry);
                out.warnings.prepend(QStringLiteral("The file uses XML namespace prefixes it never declares (%1); "
                                                    "they were declared to read it.")
                                         .arg(declared.join(QStringLiteral(", "))));
            }
        }
    }
    if (fixedDeclaration)
        out.warnings.prepend(QStringLiteral("Whitespace before the XML declaration was ignored (the file is not "
                                            "well-formed XML, a fault of some exporters)."));
    // Whether anything before the fault was read is known only now.
    if (out.error && out.error->code == QLatin1String("xml.malformed") && out.error->line > 0 &&
        !out.error->message.startsWith(QLatin1String("The file is empty")))
        out.error->message +=
            out.activities.empty()
                ? QStringLiteral(" It may be truncated or damaged, or not an activity file; nothing in "
                                 "it could be read.")
                : QStringLiteral(" It may be truncated or damaged; what came before the damage was "
                                 "kept.");
    return out;
}

ReadError malformedError(const QXmlStreamReader& reader)
{
    ReadError e;
    e.code = QStringLiteral("xml.malformed");
    e.line = reader.lineNumber();
    if (reader.error() == QXmlStreamReader::PrematureEndOfDocumentError && reader.lineNumber() <= 1 &&
        reader.characterOffset() == 0) {
        e.message = QStringLiteral("The file is empty or holds no XML.");
    } else {
        // Qt's own text ends with a full stop, or does not.
        QString why = reader.errorString().trimmed();
        while (why.endsWith(QLatin1Char('.')))
            why.chop(1);
        e.message = QStringLiteral("The file is not well-formed XML at line %1, column %2: %3.")
                        .arg(reader.lineNumber())
                        .arg(reader.columnNumber())
                        .arg(why);
    }
    return e;
}

QString readText(QXmlStreamReader& reader)
{
    QString text;
    int depth = 1;
    while (depth > 0 && !reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartElement:
            ++depth;
            break;
        case QXmlStreamReader::EndElement:
            --depth;
            break;
        case QXmlStreamReader::Characters:
            if (depth == 1)
                text += reader.text();
            break;
        case QXmlStreamReader::Invalid:
            return text;
        default:
            break;
        }
    }
    return text;
}

QString cleanLine(QStringView text, qsizetype maxLength)
{
    QString out;
    out.reserve(std::min(text.size(), maxLength + 1));
    bool pendingSpace = false;
    for (const QChar c : text) {
        const QChar::Category cat = c.category();
        if (c.isSpace() || cat == QChar::Separator_Line || cat == QChar::Separator_Paragraph || c == u'\u0085') {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (cat == QChar::Other_Control || cat == QChar::Other_Format || cat == QChar::Other_NotAssigned ||
            cat == QChar::Other_PrivateUse || c.isNonCharacter())
            continue;
        if (pendingSpace)
            out += u' ';
        pendingSpace = false;
        out += c;
        if (out.size() > maxLength)
            break;
    }
    if (out.size() > maxLength) {
        // Cut at the last space in the final quarter, else hard; never split a surrogate pair.
        qsizetype cut = out.lastIndexOf(u' ', maxLength);
        if (cut < maxLength * 3 / 4)
            cut = maxLength;
        if (cut > 0 && out.at(cut - 1).isHighSurrogate())
            --cut;
        out.truncate(cut);
    }
    return out.trimmed();
}

std::optional<double> parseNumber(QStringView text)
{
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::optional<double> readNumber(QXmlStreamReader& reader)
{
    return readParsed(reader, parseNumber);
}

std::optional<qint64> readTimeMs(QXmlStreamReader& reader)
{
    return readParsed(reader, parseIsoTimeMs);
}

std::optional<IsoTime> readTime(QXmlStreamReader& reader)
{
    return readParsed(reader, parseIsoTime);
}

std::optional<qint64> parseIsoTimeMs(QStringView s)
{
    const auto t = parseIsoTime(s);
    return t ? std::optional<qint64>(t->ms) : std::nullopt;
}

bool isPlaceholderTime(qint64 ms)
{
    constexpr qint64 kGpsEpochSec = 315'964'800; // 1980-01-06T00:00:00Z
    constexpr qint64 kFitEpochSec =
        631'065'600; // 1989-12-31T00:00:00Z (FIT SDK: "seconds since UTC 00:00 Dec 31 1989")
    const qint64 sec = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
    return sec <= kGpsEpochSec || sec == kFitEpochSec;
}

std::optional<IsoTime> TimeLog::accept(std::optional<IsoTime> time)
{
    if (!time)
        return std::nullopt;
    if (isPlaceholderTime(time->ms)) {
        if (m_placeholders++ == 0)
            m_firstPlaceholderMs = time->ms;
        return std::nullopt;
    }
    if (time->zone == IsoTime::Zone::None && m_unzoned++ == 0)
        m_firstUnzonedMs = time->ms;
    return time;
}

QString TimeLog::firstPlaceholder() const
{
    return m_placeholders == 0
               ? QString()
               : utcFromMSecs(m_firstPlaceholderMs - (m_firstPlaceholderMs % 1000 + 1000) % 1000).toString(Qt::ISODate);
}

QStringList TimeLog::warnings() const
{
    QStringList out;
    if (m_placeholders > 0)
        out.append(
            QStringLiteral("%1 in the file %2 %3, a placeholder converters and devices write for a missing "
                           "time; %4 taken as no time.")
                .arg(m_placeholders == 1 ? QStringLiteral("1 time") : QStringLiteral("%1 times").arg(m_placeholders),
                     m_placeholders == 1 ? QStringLiteral("is") : QStringLiteral("are"), firstPlaceholder(),
                     m_placeholders == 1 ? QStringLiteral("it was") : QStringLiteral("they were")));
    if (m_unzoned > 0)
        out.append(QStringLiteral("%1 in the file %2 no time zone (the first: %3); %4 taken as UTC, as GPX "
                                  "prescribes, so if the device wrote local time the activity's start is off by its "
                                  "offset from UTC.")
                       .arg(m_unzoned == 1 ? QStringLiteral("1 time") : QStringLiteral("%1 times").arg(m_unzoned),
                            m_unzoned == 1 ? QStringLiteral("carries") : QStringLiteral("carry"),
                            utcFromMSecs(m_firstUnzonedMs).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")),
                            m_unzoned == 1 ? QStringLiteral("it was") : QStringLiteral("they were")));
    return out;
}

std::optional<IsoTime> parseIsoTime(QStringView s)
{
    s = s.trimmed();
    auto digits = [&](qsizetype at, int count, int& out) {
        if (at + count > s.size())
            return false;
        out = 0;
        for (int k = 0; k < count; ++k) {
            const char16_t c = s[at + k].unicode();
            if (c < u'0' || c > u'9')
                return false;
            out = out * 10 + (c - u'0');
        }
        return true;
    };
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (!digits(0, 4, y) || s.size() < 19 || s[4] != u'-' || !digits(5, 2, mo) || s[7] != u'-' || !digits(8, 2, d) ||
        (s[10] != u'T' && s[10] != u't' && s[10] != u' ') || !digits(11, 2, h) || s[13] != u':' || !digits(14, 2, mi) ||
        s[16] != u':' || !digits(17, 2, sec))
        return std::nullopt;
    static constexpr int kDaysIn[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > kDaysIn[mo - 1] || h > 24 || mi > 59 || sec > 60)
        return std::nullopt;
    qsizetype at = 19;
    double fraction = 0;
    if (at < s.size() && (s[at] == u'.' || s[at] == u',')) {
        ++at;
        double scale = 0.1;
        const qsizetype start = at;
        while (at < s.size() && s[at] >= u'0' && s[at] <= u'9') {
            fraction += (s[at].unicode() - u'0') * scale;
            scale /= 10;
            ++at;
        }
        if (at == start)
            return std::nullopt;
    }
    int offsetMin = 0;
    IsoTime::Zone zone = IsoTime::Zone::None;
    if (at < s.size()) {
        const QChar z = s[at];
        if ((z == u'Z' || z == u'z') && at + 1 == s.size()) {
            zone = IsoTime::Zone::Utc;
        } else if (z == u'+' || z == u'-') {
            zone = IsoTime::Zone::Offset;
            int oh = 0, om = 0;
            const qsizetype rest = s.size() - at - 1;
            if (!digits(at + 1, 2, oh))
                return std::nullopt;
            if (rest == 5 && s[at + 3] == u':' && digits(at + 4, 2, om)) {
            } else if (rest == 4 && digits(at + 3, 2, om)) {
            } else if (rest != 2) {
                return std::nullopt;
            }
            if (oh > 14 || om > 59)
                return std::nullopt;
            offsetMin = (z == u'+' ? 1 : -1) * (oh * 60 + om);
        } else {
            return std::nullopt;
        }
    }
    // Days since 1970-01-01 in the proleptic Gregorian calendar (the era-based civil-from-days arithmetic
    // described by Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms").
    const int yy = y - (mo <= 2 ? 1 : 0);
    const int era = yy / 400;
    const int yoe = yy - era * 400;
    const int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const qint64 days = static_cast<qint64>(era) * 146097 + doe - 719468;
    const qint64 secs = days * 86400 + h * 3600 + mi * 60 + sec - offsetMin * 60;
    return IsoTime{secs * 1000 + static_cast<qint64>(std::llround(fraction * 1000)), zone, offsetMin * 60};
}

bool inNamespace(QStringView uri, std::initializer_list<QLatin1String> uris, bool allowEmpty)
{
    if (uri.isEmpty())
        return allowEmpty;
    return std::any_of(uris.begin(), uris.end(), [&](QLatin1String u) { return uri == u; });
}

} // namespace tricoach::xml
