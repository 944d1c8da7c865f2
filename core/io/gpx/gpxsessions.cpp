#include "core/io/gpx/gpxsessions.h"

#include "core/io/gpx/gpxreader.h"
#include "core/io/sportguess.h"
#include "core/io/trackpieces.h"
#include "core/util/datetime.h"

#include <QMap>

#include <algorithm>
#include <cmath>

namespace tricoach::gpx {

namespace {

using xml::kNoTime;
using xml::TrackPoint;

QString day(qint64 ms)
{
    return utcFromMSecs(ms).toString(QStringLiteral("yyyy-MM-dd"));
}

QString count(std::size_t n, const char* one, const char* many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

ReadError noTimes(std::size_t points, std::size_t timed, const xml::TimeLog& times)
{
    QString what;
    if (timed == 0 && times.placeholders() > 0) {
        const auto placeholders = static_cast<std::size_t>(times.placeholders());
        what = QStringLiteral("its track points carry no real time: %1 %2, a placeholder converters write for a "
                              "missing time, so the activity cannot be placed on a day")
                   .arg(placeholders == points ? QStringLiteral("all %1 carry").arg(points)
                                               : QStringLiteral("%1 of the %2 carry").arg(placeholders).arg(points),
                        times.firstPlaceholder());
    } else if (timed == 0) {
        what = QStringLiteral("its track points carry no timestamps, so the activity cannot be placed on a day");
    } else {
        what = QStringLiteral("only %1 of its %2 track points carry a timestamp, so the activity cannot be timed or "
                              "placed on a day")
                   .arg(timed)
                   .arg(points);
    }
    return {QStringLiteral("gpx.no-times"),
            QStringLiteral("This GPX file has no times: %1. (A converter may have dropped them; export the activity "
                           "again from the device or app that recorded it.)")
                .arg(what),
            -1, -1};
}

ReadError trackLog(const xml::TrackLayout& layout)
{
    const auto longest = std::max_element(layout.sessions.begin(), layout.sessions.end(),
                                          [](const auto& a, const auto& b) { return a.seconds() < b.seconds(); });
    QString what;
    if (longest->seconds() > xml::kMaxTripSec) {
        what = QStringLiteral("it records without a 3-hour break for %1 days (%2 to %3)")
                   .arg(static_cast<qint64>(longest->seconds() / 86400))
                   .arg(day(longest->startMs), day(longest->endMs));
    } else {
        what = QStringLiteral("its %1 recordings spread over %2 days (%3 to %4)")
                   .arg(layout.sessions.size())
                   .arg(layout.spanMs() / 86'400'000)
                   .arg(day(layout.sessions.front().startMs), day(layout.sessions.back().endMs));
    }
    return {QStringLiteral("gpx.track-log"),
            QStringLiteral("This GPX file is a track log, not a training session: %1. TriCoach imports sessions of "
                           "up to 7 days; export each activity as a file of its own and import those.")
                .arg(what),
            -1, -1};
}

// The names of the tracks holding points outside every piece.
QStringList unplacedTracks(const GpxContent& c, const xml::TrackLayout& layout)
{
    std::vector<bool> placed(c.points.size(), false);
    for (const auto* pieces : {&layout.sessions, &layout.strays}) {
        for (const xml::TrackPiece& p : *pieces)
            std::fill(placed.begin() + static_cast<std::ptrdiff_t>(p.first),
                      placed.begin() + static_cast<std::ptrdiff_t>(p.last + 1), true);
    }
    QStringList names;
    for (std::size_t i = 0; i < c.points.size(); ++i) {
        const int t = c.points[i].track;
        if (placed[i] || t < 0 || static_cast<std::size_t>(t) >= c.tracks.size())
            continue;
        const QString quoted = QStringLiteral("\"%1\"").arg(c.tracks[static_cast<std::size_t>(t)].name);
        if (!c.tracks[static_cast<std::size_t>(t)].name.isEmpty() && !names.contains(quoted))
            names.append(quoted);
    }
    return names;
}

// The sport the session's own words name: a track <type>, the title, the app that wrote the file.
std::optional<xml::SportKind> namedSport(const std::vector<TrackPoint>& points, const GpxContent& c,
                                         const QString& title, bool hasTrack)
{
    int lastTrack = -1;
    for (const TrackPoint& p : points) {
        if (p.track == lastTrack || p.track < 0 || static_cast<std::size_t>(p.track) >= c.tracks.size())
            continue;
        lastTrack = p.track;
        if (auto kind = sportFromGpxType(c.tracks[static_cast<std::size_t>(p.track)].type))
            return kind;
    }
    if (auto kind = xml::sportFromTitle(title))
        return kind;
    return xml::sportFromCreator(c.creator, hasTrack);
}

QString guessWarning(const xml::SportKind& kind, const xml::TrackTraits& t)
{
    if (kind.sport == Sport::Bike && xml::pedalsWithPower(t))
        return QStringLiteral("The file does not name its sport; Bike was guessed from the track (power of %1 W "
                              "with a pedalling cadence of %2 per minute).")
            .arg(std::lround(*t.powerMedian))
            .arg(std::lround(*t.cadenceMedian));
    if (!t.typicalSpeedMps)
        return QStringLiteral("The file does not name its sport and its track gives no speed to guess one from; it "
                              "is left as Other.");
    const QString kmh = QString::number(*t.typicalSpeedMps * 3.6, 'f', 1);
    if (kind.sport != Sport::Other)
        return QStringLiteral("The file does not name its sport; %1 was guessed from the track (a typical speed of "
                              "%2 km/h).")
            .arg(sportId(kind.sport), kmh);
    if (*t.typicalSpeedMps >= xml::kMotorMinSpeedMps)
        return QStringLiteral("The file does not name its sport, and its typical speed of %1 km/h is faster than "
                              "any sport under one's own power; it is left as Other.")
            .arg(kmh);
    return QStringLiteral("The file does not name its sport, and a typical speed of %1 km/h fits a walk, a hike and "
                          "an open-water swim alike; it is left as Other.")
        .arg(kmh);
}

// The first local offset ("+01:00") the times of points [first, last] were written with, if any was.
std::optional<int> offsetOf(const std::vector<OffsetChange>& offsets, std::size_t first, std::size_t last)
{
    // The change in effect at `first`, then those within the piece.
    auto it = std::upper_bound(offsets.begin(), offsets.end(), first,
                               [](std::size_t i, const OffsetChange& c) { return i < c.from; });
    if (it != offsets.begin())
        --it;
    for (; it != offsets.end() && it->from <= last; ++it) {
        if (it->offsetSec != xml::kNoOffset)
            return it->offsetSec;
    }
    return std::nullopt;
}

Activity buildActivity(std::vector<TrackPoint> points, const GpxContent& c, QStringList& warnings)
{
    Activity a;
    a.source = ActivitySource::File;
    const int track = points.front().track;
    if (track >= 0 && static_cast<std::size_t>(track) < c.tracks.size())
        a.title = c.tracks[static_cast<std::size_t>(track)].name;
    if (a.title.isEmpty())
        a.title = c.metadataName;

    // A segment that goes back over time already recorded (an exporter that wrote a segment twice, two
    // overlapping copies of one) would count its distance and climb twice: its points that repeat recorded time
    // are left out. Within a segment, order is the device's and is kept.
    std::size_t kept = 0, repeated = 0;
    qint64 latest = kNoTime;
    int latestSegment = -1;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const TrackPoint& p = points[i];
        if (p.timeMs != kNoTime) {
            if (latest != kNoTime && p.segment != latestSegment && p.timeMs <= latest) {
                ++repeated;
                continue;
            }
            if (latest == kNoTime || p.timeMs > latest) {
                latest = p.timeMs;
                latestSegment = p.segment;
            }
        }
        if (kept != i)
            points[kept] = p;
        ++kept;
    }
    points.resize(kept);
    if (repeated > 0)
        warnings.append(QStringLiteral("%1 of the file's track points repeat a time an earlier segment already "
                                       "recorded (a segment written twice) and were left out.")
                            .arg(repeated));

    xml::interpolateMissingTimes(points);
    qint64 firstMs = kNoTime, lastMs = kNoTime;
    for (const TrackPoint& p : points) {
        if (p.timeMs == kNoTime)
            continue;
        firstMs = firstMs == kNoTime ? p.timeMs : std::min(firstMs, p.timeMs);
        lastMs = std::max(lastMs, p.timeMs);
    }
    a.startUtc = utcFromMSecs(firstMs);
    a.elapsedSec = static_cast<double>(lastMs - firstMs) / 1000.0;
    const std::optional<double> length = xml::fillDistanceFromPositions(points, false);
    if (length && *length > 0)
        a.distanceM = length;
    a.streams = xml::buildStreams(points, firstMs);
    xml::summariseStreams(a);

    const bool hasTrack = length && *length > 0;
    xml::SportKind kind;
    if (auto named = namedSport(points, c, a.title, hasTrack)) {
        kind = *named;
    } else {
        const xml::TrackTraits traits = xml::traitsOf(points, a.distanceM, a.elevationGainM);
        kind = xml::guessSportFromTrack(traits);
        warnings.append(guessWarning(kind, traits));
    }
    a.sport = kind.sport;
    a.subSport = kind.sport == Sport::Swim ? xml::swimKind(kind.subSport, hasTrack) : kind.subSport;
    a.movingSec = xml::movingSeconds(points, xml::stopRuleFor(a.sport));

    double lowest = kMissing, highest = kMissing;
    for (const TrackPoint& p : points) {
        const double d = p[Channel::Distance];
        if (isMissing(d))
            continue;
        lowest = isMissing(lowest) ? d : std::min(lowest, d);
        highest = isMissing(highest) ? d : std::max(highest, d);
    }
    if (!isMissing(highest) && highest > lowest && a.movingSec > 0)
        a.avgSpeed = (highest - lowest) / a.movingSec;
    return a;
}

} // namespace

void assembleSessions(GpxContent& c, DecodedFile& out)
{
    const xml::TrackLayout layout = xml::layOut(c.points);
    if (layout.sessions.empty() || layout.placed < layout.unplaced) {
        std::size_t timed = 0;
        for (const TrackPoint& p : c.points)
            timed += p.timeMs != kNoTime ? 1 : 0;
        out.error = noTimes(c.points.size(), timed, c.times);
        return;
    }
    const bool tooLong = std::any_of(layout.sessions.begin(), layout.sessions.end(),
                                     [](const xml::TrackPiece& p) { return p.seconds() > xml::kMaxTripSec; });
    if (tooLong || static_cast<double>(layout.spanMs()) / 1000.0 > xml::kMaxTripSec) {
        out.error = trackLog(layout);
        return;
    }

    if (layout.unplaced > 0) {
        const QStringList tracks = unplacedTracks(c, layout);
        const QString where = tracks.isEmpty()
                                  ? QString()
                                  : QStringLiteral(" (%1 %2)")
                                        .arg(tracks.size() == 1 ? QStringLiteral("track") : QStringLiteral("tracks"),
                                             tracks.join(QStringLiteral(", ")));
        out.warnings.append(QStringLiteral("%1 without a time%2 %3 left out: no time can be given to %4.")
                                .arg(count(layout.unplaced, "track point", "track points"), where,
                                     layout.unplaced == 1 ? QStringLiteral("was") : QStringLiteral("were"),
                                     layout.unplaced == 1 ? QStringLiteral("it") : QStringLiteral("them")));
    }
    if (!layout.strays.empty()) {
        std::size_t points = 0;
        QStringList days;
        for (const xml::TrackPiece& p : layout.strays) {
            points += p.last - p.first + 1;
            if (!days.contains(day(p.startMs)))
                days.append(day(p.startMs));
        }
        out.warnings.append(
            QStringLiteral("%1 recorded on %2, more than 3 hours away from the rest and lasting under 2 "
                           "minutes, %3 left out as stray fixes.")
                .arg(count(points, "track point", "track points"), days.join(QStringLiteral(", ")),
                     points == 1 ? QStringLiteral("was") : QStringLiteral("were")));
    }
    if (layout.sessions.size() > 1) {
        QStringList days;
        for (const xml::TrackPiece& p : layout.sessions) {
            if (!days.contains(day(p.startMs)))
                days.append(day(p.startMs));
        }
        out.warnings.append(QStringLiteral("The file holds %1 recordings more than 3 hours apart (%2); each was "
                                           "imported as an activity of its own.")
                                .arg(layout.sessions.size())
                                .arg(days.join(QStringLiteral(", "))));
    }

    const std::size_t first = out.activities.size();
    // A session of every point (the usual file) takes the points themselves: a copy of a long track's points
    // would be the largest allocation of its import.
    const bool wholeFile = layout.sessions.size() == 1 && layout.sessions.front().first == 0 &&
                           layout.sessions.front().last + 1 == c.points.size();
    for (const xml::TrackPiece& p : layout.sessions) {
        std::vector<TrackPoint> points =
            wholeFile ? std::move(c.points)
                      : std::vector<TrackPoint>(c.points.begin() + static_cast<std::ptrdiff_t>(p.first),
                                                c.points.begin() + static_cast<std::ptrdiff_t>(p.last + 1));
        out.activities.push_back(buildActivity(std::move(points), c, out.warnings));
        if (const auto offset = offsetOf(c.offsets, p.first, p.last))
            out.activities.back().utcOffsetSec = *offset;
    }
    c.points = {};
    // Sessions that share a name (one track split at a night) are numbered.
    QMap<QString, int> seen;
    for (std::size_t i = first; i < out.activities.size(); ++i)
        seen[out.activities[i].title] += 1;
    QMap<QString, int> numbered;
    for (std::size_t i = first; i < out.activities.size(); ++i) {
        Activity& a = out.activities[i];
        const int total = seen.value(a.title);
        if (total > 1 && !a.title.isEmpty()) {
            const int n = ++numbered[a.title];
            a.title = QStringLiteral("%1 (%2/%3)").arg(a.title).arg(n).arg(total);
        }
    }
    out.warnings.append(c.times.warnings());
    out.warnings.append(c.filter.warnings());
}

} // namespace tricoach::gpx
