#include "core/io/tcx/tcxreader.h"

#include "core/io/sportguess.h"
#include "core/io/valuefilter.h"
#include "core/io/xmlsupport.h"
#include "core/util/datetime.h"

#include <algorithm>

namespace tricoach {

namespace {

using xml::kNoTime;
using xml::Quantity;
using xml::TrackPoint;

// Namespaces as published by Garmin: TrainingCenterDatabase v2 (and v1, which shares the element names we
// read), and ActivityExtension (v2 holds TPX/LX).
constexpr QLatin1String kTcdV2("http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2");
constexpr QLatin1String kTcdV1("http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v1");
constexpr QLatin1String kAxPrefix("http://www.garmin.com/xmlschemas/ActivityExtension/");

// One <Lap> as written (device summary values), plus the time of its last track point.
struct LapData {
    qint64 startMs = kNoTime;
    qint64 lastPointMs = kNoTime;
    std::optional<double> totalTime, distance, maxSpeed, calories, avgHr, maxHr, cadence;
    std::optional<double> avgSpeed, avgWatts, maxWatts, maxBikeCadence, avgRunCadence, maxRunCadence, steps;
};

// One <Activity> (or multisport <Transition>) as read, before it becomes an Activity.
struct ActivityData {
    QString sport;
    qint64 idMs = kNoTime;
    QString notes, creator;
    std::vector<LapData> laps;
    std::vector<TrackPoint> points;
    bool transition = false;
    QString multisportKey;
    int leg = -1;
    int utcOffsetSec = xml::kNoOffset; // the first local offset its times were written with
};

// Recursive descent over the fixed TCX grammar (bounded depth); unknown elements are skipped iteratively.
class Parser {
public:
    explicit Parser(QXmlStreamReader& reader)
        : r(reader)
    {
    }

    std::vector<ActivityData> activities;
    bool foundRoot = false;
    xml::ValueFilter filter;
    xml::TimeLog times;

    void parseDocument()
    {
        if (!r.readNextStartElement())
            return;
        if (!isTcd(u"TrainingCenterDatabase")) {
            r.raiseError(QStringLiteral("not a TCX file"));
            return;
        }
        foundRoot = true;
        while (r.readNextStartElement()) {
            if (isTcd(u"Activities"))
                parseActivities();
            else
                r.skipCurrentElement();
        }
    }

private:
    QXmlStreamReader& r;

    bool isTcd(QStringView name) const
    {
        return r.name() == name && xml::inNamespace(r.namespaceUri(), {kTcdV2, kTcdV1}, true);
    }
    bool isAx(QStringView name) const { return r.name() == name && r.namespaceUri().startsWith(kAxPrefix); }

    // A time of the activity: kNoTime for none or a placeholder; the first local offset is the activity's.
    qint64 timeOf(ActivityData& a, std::optional<xml::IsoTime> read)
    {
        const std::optional<xml::IsoTime> t = times.accept(read);
        if (!t)
            return kNoTime;
        if (t->zone == xml::IsoTime::Zone::Offset && a.utcOffsetSec == xml::kNoOffset)
            a.utcOffsetSec = t->offsetSec;
        return t->ms;
    }

    void parseActivities()
    {
        while (r.readNextStartElement()) {
            if (isTcd(u"Activity")) {
                activities.emplace_back();
                parseActivity(activities.back());
            } else if (isTcd(u"MultiSportSession")) {
                parseMultiSport();
            } else {
                r.skipCurrentElement();
            }
        }
    }

    void parseMultiSport()
    {
        const std::size_t first = activities.size();
        QString id;
        while (r.readNextStartElement()) {
            if (isTcd(u"Id")) {
                id = xml::readText(r).trimmed();
            } else if (isTcd(u"FirstSport") || isTcd(u"NextSport")) {
                while (r.readNextStartElement()) {
                    if (isTcd(u"Activity")) {
                        activities.emplace_back();
                        parseActivity(activities.back());
                    } else if (isTcd(u"Transition")) {
                        activities.emplace_back();
                        activities.back().transition = true;
                        activities.back().laps.emplace_back();
                        parseLap(activities.back(), activities.back().laps.back());
                    } else {
                        r.skipCurrentElement();
                    }
                }
            } else {
                r.skipCurrentElement();
            }
        }
        if (id.isEmpty() && first < activities.size())
            id = QString::number(activities[first].idMs);
        for (std::size_t i = first; i < activities.size(); ++i) {
            activities[i].multisportKey = QStringLiteral("tcx:") + id;
            activities[i].leg = static_cast<int>(i - first);
        }
    }

    void parseActivity(ActivityData& a)
    {
        a.sport = r.attributes().value(QLatin1String("Sport")).toString();
        while (r.readNextStartElement()) {
            if (isTcd(u"Id")) {
                a.idMs = timeOf(a, xml::readTime(r));
            } else if (isTcd(u"Lap")) {
                a.laps.emplace_back();
                parseLap(a, a.laps.back());
            } else if (isTcd(u"Notes")) {
                a.notes = xml::readText(r).trimmed();
            } else if (isTcd(u"Creator")) {
                while (r.readNextStartElement()) {
                    if (isTcd(u"Name"))
                        a.creator = xml::cleanLine(xml::readText(r));
                    else
                        r.skipCurrentElement();
                }
            } else {
                r.skipCurrentElement();
            }
        }
    }

    std::optional<double> readValueChild()
    {
        std::optional<double> v;
        while (r.readNextStartElement()) {
            if (isTcd(u"Value"))
                v = xml::readNumber(r);
            else
                r.skipCurrentElement();
        }
        return v;
    }

    void parseLap(ActivityData& a, LapData& lap)
    {
        lap.startMs = timeOf(a, xml::parseIsoTime(r.attributes().value(QLatin1String("StartTime"))));
        const int segment = static_cast<int>(a.laps.size());
        while (r.readNextStartElement()) {
            if (isTcd(u"TotalTimeSeconds"))
                lap.totalTime = filter.check(xml::readNumber(r), Quantity::Duration);
            else if (isTcd(u"DistanceMeters"))
                lap.distance = filter.check(xml::readNumber(r), Quantity::Distance);
            else if (isTcd(u"MaximumSpeed"))
                lap.maxSpeed = filter.check(xml::readNumber(r), Quantity::Speed);
            else if (isTcd(u"Calories"))
                lap.calories = filter.check(xml::readNumber(r), Quantity::Calories);
            else if (isTcd(u"AverageHeartRateBpm"))
                lap.avgHr = filter.check(readValueChild(), Quantity::HeartRate);
            else if (isTcd(u"MaximumHeartRateBpm"))
                lap.maxHr = filter.check(readValueChild(), Quantity::HeartRate);
            else if (isTcd(u"Cadence"))
                lap.cadence = filter.check(xml::readNumber(r), Quantity::Cadence);
            else if (isTcd(u"Track"))
                parseTrack(a, lap, segment);
            else if (isTcd(u"Extensions"))
                parseLapExtensions(lap);
            else
                r.skipCurrentElement();
        }
    }

    void parseLapExtensions(LapData& lap)
    {
        while (r.readNextStartElement()) {
            if (!isAx(u"LX")) {
                r.skipCurrentElement();
                continue;
            }
            while (r.readNextStartElement()) {
                if (isAx(u"AvgSpeed"))
                    lap.avgSpeed = filter.check(xml::readNumber(r), Quantity::Speed);
                else if (isAx(u"AvgWatts"))
                    lap.avgWatts = filter.check(xml::readNumber(r), Quantity::Power);
                else if (isAx(u"MaxWatts"))
                    lap.maxWatts = filter.check(xml::readNumber(r), Quantity::Power);
                else if (isAx(u"MaxBikeCadence"))
                    lap.maxBikeCadence = filter.check(xml::readNumber(r), Quantity::Cadence);
                else if (isAx(u"AvgRunCadence"))
                    lap.avgRunCadence = filter.check(xml::readNumber(r), Quantity::Cadence);
                else if (isAx(u"MaxRunCadence"))
                    lap.maxRunCadence = filter.check(xml::readNumber(r), Quantity::Cadence);
                else if (isAx(u"Steps"))
                    lap.steps = filter.check(xml::readNumber(r), Quantity::Steps);
                else
                    r.skipCurrentElement();
            }
        }
    }

    void parseTrack(ActivityData& a, LapData& lap, int segment)
    {
        while (r.readNextStartElement()) {
            if (!isTcd(u"Trackpoint")) {
                r.skipCurrentElement();
                continue;
            }
            TrackPoint p;
            p.segment = segment;
            parseTrackpoint(a, p);
            filter.apply(p);
            if (p.timeMs != kNoTime)
                lap.lastPointMs = std::max(lap.lastPointMs, p.timeMs);
            a.points.push_back(p);
        }
    }

    void parseTrackpoint(ActivityData& a, TrackPoint& p)
    {
        while (r.readNextStartElement()) {
            if (isTcd(u"Time")) {
                p.timeMs = timeOf(a, xml::readTime(r));
            } else if (isTcd(u"Position")) {
                double lat = kMissing, lon = kMissing;
                while (r.readNextStartElement()) {
                    if (isTcd(u"LatitudeDegrees"))
                        lat = xml::readNumber(r).value_or(kMissing);
                    else if (isTcd(u"LongitudeDegrees"))
                        lon = xml::readNumber(r).value_or(kMissing);
                    else
                        r.skipCurrentElement();
                }
                if (std::abs(lat) <= 90 && std::abs(lon) <= 180) {
                    p[Channel::Latitude] = lat;
                    p[Channel::Longitude] = lon;
                } else {
                    filter.rejectPosition();
                }
            } else if (isTcd(u"AltitudeMeters")) {
                p[Channel::Altitude] = xml::readNumber(r).value_or(kMissing);
            } else if (isTcd(u"DistanceMeters")) {
                p[Channel::Distance] = xml::readNumber(r).value_or(kMissing);
            } else if (isTcd(u"HeartRateBpm")) {
                p[Channel::HeartRate] = readValueChild().value_or(kMissing);
            } else if (isTcd(u"Cadence")) {
                p[Channel::Cadence] = xml::readNumber(r).value_or(kMissing);
            } else if (isTcd(u"Extensions")) {
                while (r.readNextStartElement()) {
                    if (!isAx(u"TPX")) {
                        r.skipCurrentElement();
                        continue;
                    }
                    while (r.readNextStartElement()) {
                        if (isAx(u"Speed"))
                            p[Channel::Speed] = xml::readNumber(r).value_or(kMissing);
                        else if (isAx(u"Watts"))
                            p[Channel::Power] = xml::readNumber(r).value_or(kMissing);
                        else if (isAx(u"RunCadence") && isMissing(p[Channel::Cadence]))
                            p[Channel::Cadence] = xml::readNumber(r).value_or(kMissing);
                        else
                            r.skipCurrentElement();
                    }
                }
            } else {
                r.skipCurrentElement();
            }
        }
    }
};

double seconds(qint64 ms)
{
    return static_cast<double>(ms) / 1000.0;
}

// Mean of per-lap values weighted by lap time (lap count when no lap has a time).
template <typename Get> std::optional<double> lapWeighted(const std::vector<LapData>& laps, Get get)
{
    double sum = 0, weight = 0;
    for (const LapData& lap : laps) {
        const std::optional<double> v = get(lap);
        if (!v)
            continue;
        const double w = lap.totalTime.value_or(1.0);
        sum += *v * w;
        weight += w;
    }
    return weight > 0 ? std::optional<double>(sum / weight) : std::nullopt;
}

template <typename Get> std::optional<double> lapMax(const std::vector<LapData>& laps, Get get)
{
    std::optional<double> best;
    for (const LapData& lap : laps) {
        if (const std::optional<double> v = get(lap); v && (!best || *v > *best))
            best = v;
    }
    return best;
}

// "4 s", "12 min", "5 h 15 min": a duration for a warning.
QString clockText(double seconds)
{
    const long long s = std::llround(std::max(0.0, seconds));
    if (s < 120)
        return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return QStringLiteral("%1 min").arg(s / 60);
    return QStringLiteral("%1 h %2 min").arg(s / 3600).arg(s % 3600 / 60);
}

// The share of the laps' time a track must span to speak for the session's averages.
constexpr double kMinTrackShare = 0.5;

// The sport of an <Activity>. The schema allows Running, Biking and Other; names other exporters write
// ("Swimming", "Walking") are taken as they say. "Other" says nothing (Garmin Connect writes it for every swim, walk
// and paddle), so the recording is looked at (xml::recogniseUnnamedSport): laps of whole pool lengths make a pool
// swim, a GPS track at a swimmer's speed with a stroke rate an open-water swim, a swim app's file a swim; anything
// else stays Other.
xml::SportKind sportOf(const ActivityData& d)
{
    if (d.transition)
        return {Sport::Transition, {}};
    if (d.sport == QLatin1String("Running"))
        return {Sport::Run, {}};
    if (d.sport == QLatin1String("Biking"))
        return {Sport::Bike, {}};
    if (const auto named = sportFromString(d.sport); named && *named != Sport::Other) {
        const bool hasPositions = std::any_of(d.points.begin(), d.points.end(), xml::hasPosition);
        return {*named, *named == Sport::Swim ? xml::swimKind({}, hasPositions) : QString()};
    }

    std::vector<xml::LapShape> shapes;
    for (const LapData& lap : d.laps)
        shapes.push_back({lap.totalTime.value_or(0), lap.distance, lap.steps});
    const auto lapCadence =
        lapWeighted(d.laps, [](const LapData& l) { return l.cadence ? l.cadence : l.avgRunCadence; });
    return xml::recogniseUnnamedSport(shapes, d.points, lapCadence, d.creator).value_or(xml::SportKind{});
}

bool hasTime(const ActivityData& d)
{
    return d.idMs != kNoTime ||
           std::any_of(d.laps.begin(), d.laps.end(), [](const LapData& l) { return l.startMs != kNoTime; }) ||
           std::any_of(d.points.begin(), d.points.end(), [](const TrackPoint& p) { return p.timeMs != kNoTime; });
}

Activity toActivity(ActivityData& d, QStringList& warnings)
{
    Activity a;
    a.source = ActivitySource::File;
    const xml::SportKind kind = sportOf(d);
    a.sport = kind.sport;
    a.subSport = kind.subSport;
    a.multisportKey = d.multisportKey;
    a.multisportLeg = d.leg;
    if (d.utcOffsetSec != xml::kNoOffset)
        a.utcOffsetSec = d.utcOffsetSec;
    a.notes = d.notes;
    if (!d.creator.isEmpty())
        a.notes +=
            (a.notes.isEmpty() ? QString() : QStringLiteral("\n")) + QStringLiteral("Recorded with ") + d.creator;

    xml::interpolateMissingTimes(d.points);
    // The first lap or track-point time, not <Id>: Garmin Connect writes the Id rounded down to the minute.
    qint64 startMs = kNoTime, endMs = kNoTime;
    auto earliest = [&](qint64 t) {
        if (t != kNoTime && (startMs == kNoTime || t < startMs))
            startMs = t;
    };
    auto latest = [&](qint64 t) { endMs = std::max(endMs, t); };
    for (const LapData& lap : d.laps) {
        earliest(lap.startMs);
        latest(lap.lastPointMs);
        if (lap.startMs != kNoTime && lap.totalTime)
            latest(lap.startMs + static_cast<qint64>(*lap.totalTime * 1000.0));
    }
    for (const TrackPoint& p : d.points) {
        earliest(p.timeMs);
        latest(p.timeMs);
    }
    if (startMs == kNoTime)
        startMs = d.idMs;
    if (startMs != kNoTime) {
        a.startUtc = utcFromMSecs(startMs);
        a.elapsedSec = endMs > startMs ? seconds(endMs - startMs) : 0.0;
    }

    const std::optional<double> trackLength = xml::fillDistanceFromPositions(d.points, true);
    a.streams = xml::buildStreams(d.points, startMs == kNoTime ? 0 : startMs);
    xml::summariseStreams(a);

    double lapTime = 0, lapDistance = 0, calories = 0;
    bool anyLapTime = false;
    for (const LapData& lap : d.laps) {
        anyLapTime = anyLapTime || lap.totalTime.has_value();
        lapTime += lap.totalTime.value_or(0);
        lapDistance += lap.distance.value_or(0);
        calories += lap.calories.value_or(0);
    }
    a.movingSec = anyLapTime ? lapTime : xml::movingSeconds(d.points, xml::stopRuleFor(a.sport));
    a.elapsedSec = std::max(a.elapsedSec, a.movingSec); // lap timer sums may exceed whole-second timestamps
    double recordedDistance = 0;
    if (const auto* dist = a.streams.get(Channel::Distance)) {
        for (double v : *dist)
            recordedDistance = isMissing(v) ? recordedDistance : std::max(recordedDistance, v);
    }
    if (lapDistance > 0)
        a.distanceM = lapDistance;
    else if (recordedDistance > 0)
        a.distanceM = recordedDistance;
    else if (trackLength && *trackLength > 0)
        a.distanceM = trackLength;
    if (calories > 0)
        a.calories = calories;

    const auto& laps = d.laps;
    // A track covering only a sliver of what the laps time (cut to a few points by a converter, or with long
    // gaps) does not speak for the session: the laps' own averages, which the device kept over all of it, do.
    double trackSec = 0;
    if (a.streams.time.size() > 1)
        trackSec = a.streams.time.back() - a.streams.time.front();
    if (anyLapTime && lapTime > 0 && trackSec < kMinTrackShare * lapTime) {
        bool fromLaps = false;
        const auto lapWins = [&](std::optional<double>& value, std::optional<double> lap) {
            if (lap && (!value || std::abs(*value - *lap) > 1e-9)) {
                value = lap;
                fromLaps = true;
            }
        };
        lapWins(a.avgHr, lapWeighted(laps, [](const LapData& l) { return l.avgHr; }));
        lapWins(a.avgPower, lapWeighted(laps, [](const LapData& l) { return l.avgWatts; }));
        lapWins(a.avgCadence,
                lapWeighted(laps, [](const LapData& l) { return l.cadence ? l.cadence : l.avgRunCadence; }));
        if (fromLaps && !a.streams.time.empty())
            warnings.append(QStringLiteral("The track covers only %1 of the %2 the laps time, so the averages "
                                           "(heart rate, power, cadence) and the load come from the laps.")
                                .arg(clockText(trackSec), clockText(lapTime)));
    }
    if (!a.avgHr)
        a.avgHr = lapWeighted(laps, [](const LapData& l) { return l.avgHr; });
    if (auto m = lapMax(laps, [](const LapData& l) { return l.maxHr; }); m && (!a.maxHr || *m > *a.maxHr))
        a.maxHr = m;
    if (!a.avgCadence)
        a.avgCadence = lapWeighted(laps, [](const LapData& l) { return l.cadence ? l.cadence : l.avgRunCadence; });
    if (auto m = lapMax(laps, [](const LapData& l) { return l.maxBikeCadence ? l.maxBikeCadence : l.maxRunCadence; });
        m && (!a.maxCadence || *m > *a.maxCadence))
        a.maxCadence = m;
    if (!a.avgPower)
        a.avgPower = lapWeighted(laps, [](const LapData& l) { return l.avgWatts; });
    if (auto m = lapMax(laps, [](const LapData& l) { return l.maxWatts; }); m && (!a.maxPower || *m > *a.maxPower))
        a.maxPower = m;
    if (auto m = lapMax(laps, [](const LapData& l) { return l.maxSpeed; }); m && *m > 0)
        a.maxSpeed = m;
    if (a.distanceM && a.durationSec() > 0)
        a.avgSpeed = *a.distanceM / a.durationSec();

    for (std::size_t i = 0; i < laps.size(); ++i) {
        const LapData& l = laps[i];
        Lap lap;
        if (l.startMs != kNoTime && startMs != kNoTime)
            lap.startOffsetSec = seconds(l.startMs - startMs);
        lap.movingSec = l.totalTime.value_or(0);
        lap.elapsedSec = lap.movingSec;
        if (i + 1 < laps.size() && laps[i + 1].startMs != kNoTime && l.startMs != kNoTime)
            lap.elapsedSec = std::max(lap.elapsedSec, seconds(laps[i + 1].startMs - l.startMs));
        else if (l.lastPointMs != kNoTime && l.startMs != kNoTime)
            lap.elapsedSec = std::max(lap.elapsedSec, seconds(l.lastPointMs - l.startMs));
        lap.distanceM = l.distance;
        lap.avgHr = l.avgHr;
        lap.maxHr = l.maxHr;
        lap.avgPower = l.avgWatts;
        lap.maxPower = l.maxWatts;
        lap.avgCadence = l.cadence ? l.cadence : l.avgRunCadence;
        lap.avgSpeed = l.avgSpeed;
        if (!lap.avgSpeed && l.distance && lap.movingSec > 0)
            lap.avgSpeed = *l.distance / lap.movingSec;
        a.laps.push_back(lap);
    }
    if (d.transition)
        a.laps.clear(); // a transition is one lap; as a leg it needs no lap list
    return a;
}

} // namespace

QString TcxReader::formatId() const
{
    return QStringLiteral("tcx");
}

bool TcxReader::sniff(QByteArrayView head) const
{
    return head.indexOf(QByteArrayView("<TrainingCenterDatabase")) >= 0 ||
           head.indexOf(QByteArrayView(":TrainingCenterDatabase")) >= 0;
}

namespace {

DecodedFile readOnce(QByteArrayView data)
{
    DecodedFile out;
    xml::Input input; // outlives the reader that reads it
    QXmlStreamReader reader;
    xml::setData(reader, data, input);
    Parser parser(reader);
    parser.parseDocument();
    if (reader.hasError() && !parser.foundRoot && reader.error() == QXmlStreamReader::CustomError) {
        out.error = ReadError{QStringLiteral("tcx.not-tcx"),
                              QStringLiteral("This is XML but not a TCX file: its root element is not "
                                             "<TrainingCenterDatabase>."),
                              -1, reader.lineNumber()};
        return out;
    }
    int untimed = 0;
    for (ActivityData& d : parser.activities) {
        if (d.points.empty() && d.laps.empty())
            continue; // an <Activity> with nothing recorded (or cut off before its first lap)
        if (!hasTime(d)) {
            ++untimed; // no lap start, no track-point time, no <Id> time: it cannot be placed on a day
            continue;
        }
        out.activities.push_back(toActivity(d, out.warnings));
    }
    if (untimed > 0 && !out.activities.empty())
        out.warnings.append(QStringLiteral("%1 of the file's activities %2 no time at all (no lap start, no "
                                           "track-point time, no Id) and %3 left out: %4 cannot be placed on a day.")
                                .arg(untimed)
                                .arg(untimed == 1 ? QStringLiteral("has") : QStringLiteral("have"),
                                     untimed == 1 ? QStringLiteral("was") : QStringLiteral("were"),
                                     untimed == 1 ? QStringLiteral("it") : QStringLiteral("they")));
    if (!out.activities.empty())
        out.warnings.append(parser.times.warnings());
    out.warnings.append(parser.filter.warnings());
    if (reader.hasError())
        out.error = xml::malformedError(reader);
    else if (out.activities.empty() && untimed > 0)
        out.error = ReadError{QStringLiteral("tcx.no-times"),
                              QStringLiteral("This TCX file has no times: neither its laps nor its track points "
                                             "carry a %1, so the activity cannot be placed on a day. (A converter "
                                             "may have dropped them; export the activity again from the device or "
                                             "app that recorded it.)")
                                  .arg(parser.times.placeholders() == 0
                                           ? QStringLiteral("time")
                                           : QStringLiteral("real time (they carry %1, a placeholder converters "
                                                            "write for a missing time)")
                                                 .arg(parser.times.firstPlaceholder())),
                              -1, -1};
    else if (out.activities.empty())
        out.error = ReadError{QStringLiteral("tcx.no-activity"),
                              QStringLiteral("This TCX file holds no recorded activity (no <Activity> with laps or "
                                             "track points); it may be a course or workout file."),
                              -1, -1};
    return out;
}

} // namespace

DecodedFile TcxReader::read(QByteArrayView data) const
{
    return xml::readLeniently(data, &readOnce);
}

} // namespace tricoach
