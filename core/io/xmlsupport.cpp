#include "core/io/xmlsupport.h"

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
        e.message = QStringLiteral("The file is not well-formed XML at line %1, column %2: %3. It may be truncated "
                                   "or damaged; what came before was kept.")
                        .arg(reader.lineNumber())
                        .arg(reader.columnNumber())
                        .arg(reader.errorString());
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

std::optional<qint64> parseIsoTimeMs(QStringView s)
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
    if (at < s.size()) {
        const QChar z = s[at];
        if ((z == u'Z' || z == u'z') && at + 1 == s.size()) {
            // UTC
        } else if (z == u'+' || z == u'-') {
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
    return secs * 1000 + static_cast<qint64>(std::llround(fraction * 1000));
}

bool inNamespace(QStringView uri, std::initializer_list<QLatin1String> uris, bool allowEmpty)
{
    if (uri.isEmpty())
        return allowEmpty;
    return std::any_of(uris.begin(), uris.end(), [&](QLatin1String u) { return uri == u; });
}

// ---- tracks ----------------------------------------------------------------------------------------------------

std::optional<double> within(std::optional<double> value, double lo, double hi)
{
    return value && *value >= lo && *value <= hi ? value : std::nullopt;
}

void dropImplausibleValues(TrackPoint& p)
{
    struct Range {
        Channel channel;
        double lo, hi;
    };
    static constexpr Range kRanges[] = {
        {Channel::HeartRate, 1e-9, 300},   {Channel::Cadence, 0, 1000},           {Channel::Power, 0, 10000},
        {Channel::Speed, 0, 1000},         {Channel::Distance, 0, kMaxDistanceM}, {Channel::Altitude, -12000, 100000},
        {Channel::Temperature, -100, 100},
    };
    for (const Range& r : kRanges) {
        double& v = p[r.channel];
        if (!isMissing(v) && (v < r.lo || v > r.hi))
            v = kMissing;
    }
}

double haversineM(double lat1, double lon1, double lat2, double lon2)
{
    constexpr double kRad = std::numbers::pi / 180.0;
    const double dLat = (lat2 - lat1) * kRad;
    const double dLon = (lon2 - lon1) * kRad;
    const double a = std::sin(dLat / 2) * std::sin(dLat / 2) +
                     std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(a)));
}

std::optional<double> elevationGainM(const std::vector<double>& altitude)
{
    // A climb starts once the altitude is kElevationHysteresisM above the lowest point since the last climb, and
    // ends once it drops that much below its peak; it then counts from that low point to its peak in full.
    std::optional<double> gain;
    double low = kMissing, peak = kMissing;
    bool climbing = false;
    for (double a : altitude) {
        if (isMissing(a))
            continue;
        if (!gain) {
            gain = 0.0;
            low = peak = a;
        } else if (climbing) {
            if (a > peak) {
                peak = a;
            } else if (peak - a >= kElevationHysteresisM) {
                *gain += peak - low;
                low = peak = a;
                climbing = false;
            }
        } else if (a < low) {
            low = a;
        } else if (a - low >= kElevationHysteresisM) {
            climbing = true;
            peak = a;
        }
    }
    if (climbing)
        *gain += peak - low;
    return gain;
}

namespace {

bool hasPosition(const TrackPoint& p)
{
    return !isMissing(p[Channel::Latitude]) && !isMissing(p[Channel::Longitude]);
}

double distanceBetween(const TrackPoint& a, const TrackPoint& b)
{
    return haversineM(a[Channel::Latitude], a[Channel::Longitude], b[Channel::Latitude], b[Channel::Longitude]);
}

} // namespace

double movingSeconds(const std::vector<TrackPoint>& points)
{
    double moving = 0, stopRun = 0;
    const TrackPoint* prev = nullptr;
    for (const TrackPoint& p : points) {
        if (p.timeMs == kNoTime)
            continue;
        if (prev != nullptr && p.timeMs > prev->timeMs) {
            const double dt = static_cast<double>(p.timeMs - prev->timeMs) / 1000.0;
            std::optional<double> speed;
            if (hasPosition(p) && hasPosition(*prev))
                speed = distanceBetween(*prev, p) / dt;
            else if (!isMissing(p[Channel::Speed]))
                speed = p[Channel::Speed];
            const bool stopped = speed ? *speed < kStopSpeedMps : dt > kStopMinSec;
            if (stopped) {
                stopRun += dt;
            } else {
                if (stopRun <= kStopMinSec)
                    moving += stopRun; // a short halt (a junction, a turn) is part of moving
                stopRun = 0;
                moving += dt;
            }
        }
        prev = &p;
    }
    if (stopRun <= kStopMinSec)
        moving += stopRun;
    return moving;
}

std::optional<double> fillDistanceFromPositions(std::vector<TrackPoint>& points, bool bridgeSegments)
{
    const bool recorded =
        std::any_of(points.begin(), points.end(), [](const TrackPoint& p) { return !isMissing(p[Channel::Distance]); });
    double total = 0;
    int positions = 0;
    const TrackPoint* prev = nullptr;
    for (TrackPoint& p : points) {
        if (!hasPosition(p))
            continue;
        if (prev != nullptr && (bridgeSegments || prev->segment == p.segment))
            total += distanceBetween(*prev, p);
        if (!recorded)
            p[Channel::Distance] = total;
        prev = &p;
        ++positions;
    }
    return positions >= 2 ? std::optional<double>(total) : std::nullopt;
}

void interpolateMissingTimes(std::vector<TrackPoint>& points)
{
    std::size_t lastTimed = points.size();
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (points[i].timeMs == kNoTime)
            continue;
        if (lastTimed < points.size() && i > lastTimed + 1) {
            const qint64 t0 = points[lastTimed].timeMs;
            const double step = static_cast<double>(points[i].timeMs - t0) / static_cast<double>(i - lastTimed);
            for (std::size_t k = lastTimed + 1; k < i; ++k)
                points[k].timeMs = t0 + std::llround(step * static_cast<double>(k - lastTimed));
        }
        lastTimed = i;
    }
}

Streams buildStreams(const std::vector<TrackPoint>& points, qint64 startMs)
{
    Streams s;
    s.time.reserve(points.size());
    for (const TrackPoint& p : points)
        s.time.push_back(p.timeMs == kNoTime ? kMissing : static_cast<double>(p.timeMs - startMs) / 1000.0);
    for (std::size_t c = 1; c < 10; ++c) {
        const auto channel = static_cast<Channel>(c);
        auto value = [&](const TrackPoint& p) {
            const double v = p.values[c];
            return channel == Channel::HeartRate && v <= 0 ? kMissing : v;
        };
        if (std::none_of(points.begin(), points.end(), [&](const TrackPoint& p) { return !isMissing(value(p)); }))
            continue;
        std::vector<double>& series = s.channels[channel];
        series.reserve(points.size());
        for (const TrackPoint& p : points)
            series.push_back(value(p));
    }
    return s;
}

std::vector<double> sampleWeights(const std::vector<double>& time)
{
    // Each sample stands for the time until the next one (the last for the time since the one before), at most
    // kMaxSampleWeightSec so a pause does not count; samples without a time count 1 s.
    const std::size_t n = time.size();
    std::vector<double> w(n, 1.0);
    auto gap = [&](std::size_t a, std::size_t b) {
        const double dt = time[b] - time[a];
        return std::clamp(dt, 0.0, kMaxSampleWeightSec);
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (isMissing(time[i]))
            continue;
        if (i + 1 < n && !isMissing(time[i + 1]))
            w[i] = gap(i, i + 1);
        else if (i > 0 && !isMissing(time[i - 1]))
            w[i] = gap(i - 1, i);
    }
    return w;
}

void summariseStreams(Activity& a)
{
    const std::vector<double> weights = sampleWeights(a.streams.time);
    struct Stats {
        double sum = 0, weight = 0, plainSum = 0, max = -std::numeric_limits<double>::infinity();
        std::size_t n = 0;
        double mean() const { return weight > 0 ? sum / weight : plainSum / static_cast<double>(n); }
    };
    auto stats = [&](Channel c, bool skipZero) -> std::optional<Stats> {
        const auto* series = a.streams.get(c);
        if (series == nullptr)
            return std::nullopt;
        Stats st;
        for (std::size_t i = 0; i < series->size(); ++i) {
            const double v = (*series)[i];
            if (isMissing(v) || (skipZero && v == 0))
                continue;
            st.sum += v * weights[i];
            st.weight += weights[i];
            st.plainSum += v;
            st.max = std::max(st.max, v);
            ++st.n;
        }
        return st.n > 0 ? std::optional<Stats>(st) : std::nullopt;
    };
    if (auto hr = stats(Channel::HeartRate, false)) {
        a.avgHr = hr->mean();
        a.maxHr = hr->max;
    }
    if (auto p = stats(Channel::Power, false)) {
        a.avgPower = p->mean();
        a.maxPower = p->max;
    }
    if (auto c = stats(Channel::Cadence, true)) {
        a.avgCadence = c->mean();
        a.maxCadence = c->max;
    }
    if (auto v = stats(Channel::Speed, false))
        a.maxSpeed = v->max;
    if (const auto* alt = a.streams.get(Channel::Altitude))
        a.elevationGainM = elevationGainM(*alt);
}

Sport guessSportFromSpeed(std::optional<double> avgSpeedMps)
{
    if (!avgSpeedMps || *avgSpeedMps < kRunMinSpeedMps)
        return Sport::Other;
    return *avgSpeedMps < kBikeMinSpeedMps ? Sport::Run : Sport::Bike;
}

} // namespace tricoach::xml
