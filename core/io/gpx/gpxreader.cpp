#include "core/io/gpx/gpxreader.h"

#include "core/io/xmlsupport.h"
#include "core/util/datetime.h"

#include <algorithm>

namespace tricoach {

namespace {

using xml::kNoTime;
using xml::TrackPoint;

// Namespaces of GPX 1.0 and 1.1 as published by TopoGrafix.
constexpr QLatin1String kGpx11("http://www.topografix.com/GPX/1/1");
constexpr QLatin1String kGpx10("http://www.topografix.com/GPX/1/0");

// Extension element local names (lower case) → channel. Sources: Garmin TrackPointExtension v1/v2 and
// PowerExtension v1 schemas, cluetrust GPXDATA 1.0, and bare names written by Strava-derived exporters.
std::optional<Channel> extensionChannel(QStringView name)
{
    struct Entry {
        const char* name;
        Channel channel;
    };
    static constexpr Entry kEntries[] = {
        {"hr", Channel::HeartRate},      {"heartrate", Channel::HeartRate}, {"heart_rate", Channel::HeartRate},
        {"cad", Channel::Cadence},       {"cadence", Channel::Cadence},     {"runcadence", Channel::Cadence},
        {"power", Channel::Power},       {"powerinwatts", Channel::Power},  {"watts", Channel::Power},
        {"atemp", Channel::Temperature}, {"temp", Channel::Temperature},    {"temperature", Channel::Temperature},
        {"wtemp", Channel::Temperature}, {"speed", Channel::Speed},         {"distance", Channel::Distance},
    };
    for (const Entry& e : kEntries) {
        if (name.compare(QLatin1String(e.name), Qt::CaseInsensitive) == 0)
            return e.channel;
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

    std::vector<TrackPoint> points;
    QString trackName, metadataName, type;
    qint64 metadataTimeMs = kNoTime;
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
        while (r.readNextStartElement()) {
            if (isGpx(u"trk"))
                parseTrack();
            else if (isGpx(u"metadata"))
                parseMetadata();
            else if (isGpx(u"name")) // GPX 1.0 keeps name and time at the top level
                metadataName = xml::readText(r).trimmed();
            else if (isGpx(u"time"))
                metadataTimeMs = xml::readTimeMs(r).value_or(kNoTime);
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
                metadataName = xml::readText(r).trimmed();
            else if (isGpx(u"time"))
                metadataTimeMs = xml::readTimeMs(r).value_or(kNoTime);
            else
                r.skipCurrentElement();
        }
    }

    void parseTrack()
    {
        while (r.readNextStartElement()) {
            if (isGpx(u"name") && trackName.isEmpty()) {
                trackName = xml::readText(r).trimmed();
            } else if (isGpx(u"type") && type.isEmpty()) {
                type = xml::readText(r).trimmed();
            } else if (isGpx(u"trkseg")) {
                ++segment;
                while (r.readNextStartElement()) {
                    if (isGpx(u"trkpt"))
                        parsePoint();
                    else
                        r.skipCurrentElement();
                }
            } else {
                r.skipCurrentElement();
            }
        }
    }

    void parsePoint()
    {
        TrackPoint p;
        p.segment = segment;
        const QXmlStreamAttributes attrs = r.attributes();
        const auto lat = xml::parseNumber(attrs.value(QLatin1String("lat")));
        const auto lon = xml::parseNumber(attrs.value(QLatin1String("lon")));
        if (lat && lon && std::abs(*lat) <= 90 && std::abs(*lon) <= 180) {
            p[Channel::Latitude] = *lat;
            p[Channel::Longitude] = *lon;
        }
        while (r.readNextStartElement()) {
            if (isGpx(u"ele"))
                p[Channel::Altitude] = xml::readNumber(r).value_or(kMissing);
            else if (isGpx(u"time"))
                p.timeMs = xml::readTimeMs(r).value_or(kNoTime);
            else if (isGpx(u"speed"))
                p[Channel::Speed] = xml::readNumber(r).value_or(kMissing);
            else if (isGpx(u"extensions"))
                parseExtensions(p);
            else
                r.skipCurrentElement();
        }
        xml::dropImplausibleValues(p);
        points.push_back(p);
    }

    // Walks the extension tree iteratively; a known leaf fills its channel unless an earlier one did.
    void parseExtensions(TrackPoint& p)
    {
        int depth = 1;
        while (depth > 0) {
            switch (r.readNext()) {
            case QXmlStreamReader::StartElement:
                if (const auto c = extensionChannel(r.name())) {
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
    std::vector<TrackPoint>& points = parser.points;
    if (points.empty()) {
        out.error = error ? *error
                          : ReadError{QStringLiteral("gpx.no-track-points"),
                                      QStringLiteral("This GPX file holds no track points (only metadata, waypoints "
                                                     "or a route), so there is no activity to import."),
                                      -1, -1};
        return out;
    }

    Activity a;
    a.source = ActivitySource::File;
    a.title = parser.trackName.isEmpty() ? parser.metadataName : parser.trackName;
    xml::interpolateMissingTimes(points);
    qint64 firstMs = kNoTime, lastMs = kNoTime;
    for (const TrackPoint& p : points) {
        if (p.timeMs == kNoTime)
            continue;
        firstMs = firstMs == kNoTime ? p.timeMs : std::min(firstMs, p.timeMs);
        lastMs = std::max(lastMs, p.timeMs);
    }
    if (firstMs != kNoTime) {
        a.startUtc = utcFromMSecs(firstMs);
        a.elapsedSec = static_cast<double>(lastMs - firstMs) / 1000.0;
        a.movingSec = xml::movingSeconds(points);
    } else {
        if (parser.metadataTimeMs != kNoTime)
            a.startUtc = utcFromMSecs(parser.metadataTimeMs);
        out.warnings.append(QStringLiteral("The track points carry no time, so duration and speeds are unknown%1.")
                                .arg(parser.metadataTimeMs != kNoTime
                                         ? QStringLiteral("; the start is the file's metadata time")
                                         : QString()));
    }
    const std::optional<double> length = xml::fillDistanceFromPositions(points, false);
    if (length && *length > 0)
        a.distanceM = length;
    a.streams = xml::buildStreams(points, firstMs == kNoTime ? 0 : firstMs);
    xml::summariseStreams(a);
    // Average speed over the timed part only: a handheld's file may hold a long untimed track besides a short
    // timed one.
    double lowest = kMissing, highest = kMissing;
    for (const TrackPoint& p : points) {
        const double d = p[Channel::Distance];
        if (p.timeMs == kNoTime || isMissing(d))
            continue;
        lowest = isMissing(lowest) ? d : std::min(lowest, d);
        highest = isMissing(highest) ? d : std::max(highest, d);
    }
    if (!isMissing(highest) && highest > lowest && a.movingSec > 0)
        a.avgSpeed = (highest - lowest) / a.movingSec;
    if (const auto sport = sportFromGpxType(parser.type)) {
        a.sport = sport->sport;
        a.subSport = sport->subSport;
    } else {
        a.sport = xml::guessSportFromSpeed(a.avgSpeed);
        if (a.avgSpeed)
            out.warnings.append(QStringLiteral("The file does not name its sport; %1 was guessed from the average "
                                               "speed of %2 km/h.")
                                    .arg(sportId(a.sport))
                                    .arg(*a.avgSpeed * 3.6, 0, 'f', 1));
    }
    out.activities.push_back(std::move(a));
    out.error = error;
    return out;
}

} // namespace

std::optional<GpxSport> sportFromGpxType(QStringView type)
{
    const QString t = type.trimmed().toString().toLower();
    if (t.isEmpty())
        return std::nullopt;
    // Strava's activity-type numbers as they appear in its GPX exports.
    if (t == QLatin1String("1"))
        return GpxSport{Sport::Bike, {}};
    if (t == QLatin1String("9"))
        return GpxSport{Sport::Run, {}};
    if (t == QLatin1String("16"))
        return GpxSport{Sport::Swim, {}};
    if (t == QLatin1String("17"))
        return GpxSport{Sport::Bike, QStringLiteral("VirtualRide")};
    const bool isVirtual = t.contains(QLatin1String("virtual")) || t.contains(QLatin1String("indoor"));
    if (t.contains(QLatin1String("swim")))
        return GpxSport{Sport::Swim, t.contains(QLatin1String("open")) ? QStringLiteral("OpenWaterSwim") : QString()};
    if (t.contains(QLatin1String("run")))
        return GpxSport{Sport::Run, t.contains(QLatin1String("trail"))                    ? QStringLiteral("TrailRun")
                                    : isVirtual || t.contains(QLatin1String("treadmill")) ? QStringLiteral("VirtualRun")
                                                                                          : QString()};
    if (t.contains(QLatin1String("cycl")) || t.contains(QLatin1String("bik")) || t.contains(QLatin1String("ride")))
        return GpxSport{Sport::Bike, isVirtual ? QStringLiteral("VirtualRide") : QString()};
    if (t.contains(QLatin1String("walk")))
        return GpxSport{Sport::Walk, {}};
    if (t.contains(QLatin1String("hik")))
        return GpxSport{Sport::Hike, {}};
    if (const auto s = sportFromString(t))
        return GpxSport{*s, {}};
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
