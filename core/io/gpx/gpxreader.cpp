#include "core/io/gpx/gpxreader.h"

#include "core/io/gpx/gpxsessions.h"
#include "core/io/valuefilter.h"
#include "core/io/xmlsupport.h"

#include <algorithm>
#include <cmath>

namespace tricoach {

namespace {

using xml::kNoTime;
using xml::TrackPoint;

// Namespaces of GPX 1.0 and 1.1 as published by TopoGrafix.
constexpr QLatin1String kGpx11("http://www.topografix.com/GPX/1/1");
constexpr QLatin1String kGpx10("http://www.topografix.com/GPX/1/0");

// OpenTracks' extensions: its <distance> is the distance since the point before (a speed sensor's), not from
// the start (OpenTracks' GPXTrackExporter).
constexpr QLatin1String kOpenTracks("http://opentracksapp.com/xmlschemas/v1");

// Extension element local names (lower case) → channel. Sources: Garmin TrackPointExtension v1/v2 and
// PowerExtension v1 schemas, cluetrust GPXDATA 1.0, bare names written by Strava-derived exporters, Holux's
// GM-130 and its ezTour software (<bpm>, <rpm>), and <pulse> (heart rate in several GPS loggers' exports).
std::optional<Channel> extensionChannel(QStringView name, QStringView namespaceUri)
{
    struct Entry {
        const char* name;
        Channel channel;
    };
    static constexpr Entry kEntries[] = {
        {"hr", Channel::HeartRate},      {"heartrate", Channel::HeartRate}, {"heart_rate", Channel::HeartRate},
        {"bpm", Channel::HeartRate},     {"pulse", Channel::HeartRate},     {"cad", Channel::Cadence},
        {"cadence", Channel::Cadence},   {"runcadence", Channel::Cadence},  {"rpm", Channel::Cadence},
        {"power", Channel::Power},       {"powerinwatts", Channel::Power},  {"watts", Channel::Power},
        {"atemp", Channel::Temperature}, {"temp", Channel::Temperature},    {"temperature", Channel::Temperature},
        {"wtemp", Channel::Temperature}, {"speed", Channel::Speed},         {"distance", Channel::Distance},
    };
    for (const Entry& e : kEntries) {
        if (name.compare(QLatin1String(e.name), Qt::CaseInsensitive) == 0)
            return e.channel == Channel::Distance && namespaceUri == kOpenTracks ? std::nullopt
                                                                                 : std::optional<Channel>(e.channel);
    }
    return std::nullopt;
}

// Streams through the document once, collecting every track point of every track; waypoints, routes and
// unknown elements are skipped.
class Parser {
public:
    explicit Parser(QXmlStreamReader& reader)
        : r(reader)
    {
    }

    gpx::GpxContent content;
    bool foundRoot = false;

    void parseDocument()
    {
        if (!r.readNextStartElement())
            return;
        if (!isGpx(u"gpx")) {
            r.raiseError(QStringLiteral("not a GPX file"));
            return;
        }
        foundRoot = true;
        content.creator = xml::cleanLine(r.attributes().value(QLatin1String("creator")));
        while (r.readNextStartElement()) {
            if (isGpx(u"trk"))
                parseTrack();
            else if (isGpx(u"metadata"))
                parseMetadata();
            else if (isGpx(u"name")) // GPX 1.0 keeps the name at the top level
                content.metadataName = xml::cleanLine(xml::readText(r));
            else
                r.skipCurrentElement();
        }
    }

private:
    QXmlStreamReader& r;
    int segment = -1;

    bool isGpx(QStringView name) const
    {
        return r.name() == name && xml::inNamespace(r.namespaceUri(), {kGpx11, kGpx10}, true);
    }

    void parseMetadata()
    {
        while (r.readNextStartElement()) {
            if (isGpx(u"name"))
                content.metadataName = xml::cleanLine(xml::readText(r));
            else
                r.skipCurrentElement();
        }
    }

    void parseTrack()
    {
        content.tracks.emplace_back();
        const int track = static_cast<int>(content.tracks.size()) - 1;
        while (r.readNextStartElement()) {
            gpx::GpxTrack& t = content.tracks.back(); // parsing points may grow other vectors, not this one
            if (isGpx(u"name") && t.name.isEmpty()) {
                t.name = xml::cleanLine(xml::readText(r));
            } else if (isGpx(u"type") && t.type.isEmpty()) {
                t.type = xml::cleanLine(xml::readText(r));
            } else if (isGpx(u"trkseg")) {
                ++segment;
                while (r.readNextStartElement()) {
                    if (isGpx(u"trkpt"))
                        parsePoint(track);
                    else
                        r.skipCurrentElement();
                }
            } else {
                r.skipCurrentElement();
            }
        }
    }

    void parsePoint(int track)
    {
        TrackPoint p;
        p.segment = segment;
        p.track = track;
        const QXmlStreamAttributes attrs = r.attributes();
        const QStringView latText = attrs.value(QLatin1String("lat"));
        const QStringView lonText = attrs.value(QLatin1String("lon"));
        const auto lat = xml::parseNumber(latText);
        const auto lon = xml::parseNumber(lonText);
        if (lat && lon && std::abs(*lat) <= 90 && std::abs(*lon) <= 180) {
            p[Channel::Latitude] = *lat;
            p[Channel::Longitude] = *lon;
        } else if (!latText.isEmpty() || !lonText.isEmpty()) {
            content.filter.rejectPosition();
        }
        while (r.readNextStartElement()) {
            if (isGpx(u"ele"))
                p[Channel::Altitude] = xml::readNumber(r).value_or(kMissing);
            else if (isGpx(u"time"))
                setTime(p, content.times.accept(xml::readTime(r)));
            else if (isGpx(u"speed"))
                p[Channel::Speed] = xml::readNumber(r).value_or(kMissing);
            else if (isGpx(u"extensions"))
                parseExtensions(p);
            else
                r.skipCurrentElement();
        }
        content.filter.apply(p);
        content.points.push_back(p);
    }

    void setTime(TrackPoint& p, const std::optional<xml::IsoTime>& t)
    {
        if (!t)
            return;
        p.timeMs = t->ms;
        const int offset = t->zone == xml::IsoTime::Zone::Offset ? t->offsetSec : xml::kNoOffset;
        const int current = content.offsets.empty() ? xml::kNoOffset : content.offsets.back().offsetSec;
        if (offset != current)
            content.offsets.push_back({content.points.size(), offset});
    }

    // Walks the extension tree iteratively; a known leaf fills its channel unless an earlier one did.
    void parseExtensions(TrackPoint& p)
    {
        int depth = 1;
        while (depth > 0) {
            switch (r.readNext()) {
            case QXmlStreamReader::StartElement:
                if (const auto c = extensionChannel(r.name(), r.namespaceUri())) {
                    const double v = xml::readNumber(r).value_or(kMissing);
                    if (isMissing(p[*c]))
                        p[*c] = v;
                } else {
                    ++depth;
                }
                break;
            case QXmlStreamReader::EndElement:
                --depth;
                break;
            case QXmlStreamReader::Invalid:
                return;
            default:
                break;
            }
        }
    }
};

DecodedFile readOnce(QByteArrayView data)
{
    DecodedFile out;
    xml::Input input; // outlives the reader that reads it
    QXmlStreamReader reader;
    xml::setData(reader, data, input);
    Parser parser(reader);
    parser.parseDocument();
    if (reader.hasError() && !parser.foundRoot && reader.error() == QXmlStreamReader::CustomError) {
        out.error = ReadError{QStringLiteral("gpx.not-gpx"),
                              QStringLiteral("This is XML but not a GPX file: its root element is not <gpx>."), -1,
                              reader.lineNumber()};
        return out;
    }
    std::optional<ReadError> error;
    if (reader.hasError())
        error = xml::malformedError(reader);
    if (parser.content.points.empty()) {
        out.error = error ? *error
                          : ReadError{QStringLiteral("gpx.no-track-points"),
                                      QStringLiteral("This GPX file holds no track points (only metadata, waypoints "
                                                     "or a route), so there is no activity to import."),
                                      -1, -1};
        return out;
    }
    gpx::assembleSessions(parser.content, out);
    if (error && (!out.error || out.activities.empty()))
        out.error = error; // a damaged file: what it is missing is the first thing to say
    return out;
}

} // namespace

std::optional<xml::SportKind> sportFromGpxType(QStringView type)
{
    const QString t = type.trimmed().toString().toLower();
    if (t.isEmpty())
        return std::nullopt;
    // Strava's activity-type numbers as they appear in its GPX exports.
    if (t == QLatin1String("1"))
        return xml::SportKind{Sport::Bike, {}};
    if (t == QLatin1String("9"))
        return xml::SportKind{Sport::Run, {}};
    if (t == QLatin1String("16"))
        return xml::SportKind{Sport::Swim, {}};
    if (t == QLatin1String("17"))
        return xml::SportKind{Sport::Bike, QStringLiteral("VirtualRide")};
    const auto has = [&](const char* part) { return t.contains(QLatin1String(part)); };
    const bool isVirtual = has("virtual") || has("indoor");
    if (has("swim"))
        return xml::SportKind{Sport::Swim, has("open")                 ? QStringLiteral("OpenWaterSwim")
                                           : has("lap") || has("pool") ? QStringLiteral("PoolSwim")
                                                                       : QString()};
    if (has("run"))
        return xml::SportKind{Sport::Run, has("trail")                    ? QStringLiteral("TrailRun")
                                          : isVirtual || has("treadmill") ? QStringLiteral("VirtualRun")
                                                                          : QString()};
    if (has("cycl") || has("bik") || has("ride"))
        return xml::SportKind{Sport::Bike, isVirtual ? QStringLiteral("VirtualRide") : QString()};
    if (has("walk"))
        return xml::SportKind{Sport::Walk, {}};
    // outdooractive's "alpineTour" and "hikingTour", "trekking", "mountaineering": on foot in the mountains (not
    // "alpineSki").
    if (has("hik") || ((has("alpine") || has("trek") || has("mountaineer")) && !has("ski")))
        return xml::SportKind{Sport::Hike, {}};
    if (has("rowing") || t == QLatin1String("row"))
        return xml::SportKind{Sport::Row, {}};
    if (has("strength") || has("weight"))
        return xml::SportKind{Sport::Strength, {}};
    if (const auto s = sportFromString(t))
        return xml::SportKind{*s, {}};
    return std::nullopt;
}

QString GpxReader::formatId() const
{
    return QStringLiteral("gpx");
}

bool GpxReader::sniff(QByteArrayView head) const
{
    return head.indexOf(QByteArrayView("<gpx")) >= 0 || head.indexOf(QByteArrayView(":gpx ")) >= 0;
}

DecodedFile GpxReader::read(QByteArrayView data) const
{
    return xml::readLeniently(data, &readOnce);
}

} // namespace tricoach
