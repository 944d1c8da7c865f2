#pragma once

// What the XML activity readers (TCX, GPX) share: lenient input preparation, text and ISO 8601 time parsing on
// top of QXmlStreamReader, and turning a list of track points into streams and summary values.

#include "core/io/activityreader.h"

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
// repair it, reads the repaired copy instead (if that gets further). Both repairs add a warning.
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

// The "xml.malformed" error for the reader's current error, with line and column.
ReadError malformedError(const QXmlStreamReader& reader);

// ---- text ------------------------------------------------------------------------------------------------------

// The text of the current element (the reader is on its StartElement); leaves the reader on its EndElement.
// Child elements are skipped.
QString readText(QXmlStreamReader& reader);
// A finite number, or nullopt for empty, malformed, NaN or infinite text.
std::optional<double> parseNumber(QStringView text);
std::optional<double> readNumber(QXmlStreamReader& reader);
std::optional<qint64> readTimeMs(QXmlStreamReader& reader);

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

// ISO 8601 / xsd:dateTime ("2014-10-11T18:08:45.000Z", "...+02:00") to milliseconds since the Unix epoch, UTC.
// A time without a zone is taken as UTC, which is what TCX and GPX prescribe.
std::optional<qint64> parseIsoTimeMs(QStringView text);

// True when the element's namespace is one of `uris` (an empty namespace matches when `allowEmpty`).
bool inNamespace(QStringView uri, std::initializer_list<QLatin1String> uris, bool allowEmpty);

// ---- tracks ----------------------------------------------------------------------------------------------------

inline constexpr qint64 kNoTime = std::numeric_limits<qint64>::min();

// One recorded point, channel values indexed by Channel's numeric value; NaN where not recorded.
struct TrackPoint {
    qint64 timeMs = kNoTime;
    int segment = 0; // GPX track segment / TCX lap; distance is not bridged across segments of a GPX file
    std::array<double, 10> values{kMissing, kMissing, kMissing, kMissing, kMissing,
                                  kMissing, kMissing, kMissing, kMissing, kMissing};
    double& operator[](Channel c) { return values[static_cast<std::size_t>(c)]; }
    double operator[](Channel c) const { return values[static_cast<std::size_t>(c)]; }
};

// Drops values no sensor records (a fuzzed or broken file), so sums and times cannot overflow: heart rate must be
// in (0, 300] bpm (0 means no strap), cadence in [0, 1000], power in [0, 10000] W, speed in [0, 1000] m/s,
// distance in [0, 1e8] m, altitude in [-12000, 100000] m, temperature in [-100, 100] °C; the rest become NaN.
void dropImplausibleValues(TrackPoint& point);
// `value` when it lies in [lo, hi], else nullopt; lap durations use [0, kMaxDurationSec].
std::optional<double> within(std::optional<double> value, double lo, double hi);
inline constexpr double kMaxDurationSec = 100.0 * 86400.0;
inline constexpr double kMaxDistanceM = 1e8;

// Mean Earth radius (IUGG, R1 = 6371008.8 m) used for every great-circle distance.
inline constexpr double kEarthRadiusM = 6371008.8;
double haversineM(double lat1, double lon1, double lat2, double lon2);

// Elevation gain with a 3 m hysteresis: a climb counts (in full, from its low point to its peak) once the
// altitude rises 3 m above the last low point, so GPS and barometer jitter below 3 m adds nothing; NaN samples
// are skipped.
inline constexpr double kElevationHysteresisM = 3.0;
std::optional<double> elevationGainM(const std::vector<double>& altitude);

// Moving time: the intervals between consecutive timed points, minus stops. A stop is a run of intervals slower
// than kStopSpeedMps (from positions, else from recorded speed) lasting longer than kStopMinSec; an interval
// with neither positions nor speed counts as a stop when it alone lasts longer than kStopMinSec (a recording
// gap, i.e. auto-pause).
inline constexpr double kStopSpeedMps = 0.5;
inline constexpr double kStopMinSec = 10.0;
double movingSeconds(const std::vector<TrackPoint>& points);

// Length of the path through the points that have a position (nullopt without two positions); a change of
// segment is bridged only when `bridgeSegments`. When no point has a recorded distance, the cumulative length is
// written into Channel::Distance of each point that has a position.
std::optional<double> fillDistanceFromPositions(std::vector<TrackPoint>& points, bool bridgeSegments);

// Gives untimed points between two timed ones a time interpolated by index. Points before the first or after
// the last timed point keep no time (their stream time is NaN).
void interpolateMissingTimes(std::vector<TrackPoint>& points);

// Streams from the points: time in seconds since `startMs` (NaN for an untimed point), one channel per value
// some point has. Heart rate 0 is taken as "no strap" and stored as NaN.
Streams buildStreams(const std::vector<TrackPoint>& points, qint64 startMs);

// How long each sample stands for: the time to the next sample (the last: since the one before), capped at
// kMaxSampleWeightSec so a pause adds nothing; 1 for samples without time. Makes averages of "smart recording"
// files (a point every few seconds, more often when things change) match the device's time-based averages.
inline constexpr double kMaxSampleWeightSec = 30.0;
std::vector<double> sampleWeights(const std::vector<double>& time);

// Averages and maxima from the streams, each only when the channel exists: time-weighted means (sampleWeights)
// of heart rate and power (power zeros included, as coasting is part of the effort) and of non-zero cadence (a
// cadence of 0 is not pedalling or not stepping); maxima of the samples; max speed from a recorded speed
// channel; elevation gain.
void summariseStreams(Activity& activity);

// Guesses the sport from the average moving speed when the file does not say: below 1.8 m/s (6.5 km/h,
// walking or hiking pace) Other, up to 4.8 m/s (17.3 km/h) Run, faster Bike; Other without a speed.
inline constexpr double kRunMinSpeedMps = 1.8;
inline constexpr double kBikeMinSpeedMps = 4.8;
Sport guessSportFromSpeed(std::optional<double> avgSpeedMps);

} // namespace tricoach::xml
