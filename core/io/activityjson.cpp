#include "core/io/activityjson.h"

#include <QJsonArray>

#include <cmath>

namespace tricoach {

namespace {

QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}
QJsonValue number(const std::optional<double>& v)
{
    return v ? number(*v) : QJsonValue(QJsonValue::Null);
}
QJsonValue integer(const std::optional<int>& v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}
QJsonValue text(const QString& s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonArray series(const std::vector<double>& values)
{
    QJsonArray out;
    for (const double v : values)
        out.append(number(v));
    return out;
}

QJsonObject lapToJson(const Lap& lap)
{
    return QJsonObject{
        {QStringLiteral("start_offset_sec"), number(lap.startOffsetSec)},
        {QStringLiteral("elapsed_sec"), number(lap.elapsedSec)},
        {QStringLiteral("moving_sec"), number(lap.movingSec)},
        {QStringLiteral("distance_m"), number(lap.distanceM)},
        {QStringLiteral("avg_hr"), number(lap.avgHr)},
        {QStringLiteral("max_hr"), number(lap.maxHr)},
        {QStringLiteral("avg_power"), number(lap.avgPower)},
        {QStringLiteral("max_power"), number(lap.maxPower)},
        {QStringLiteral("avg_cadence"), number(lap.avgCadence)},
        {QStringLiteral("avg_speed"), number(lap.avgSpeed)},
    };
}

QJsonObject lengthToJson(const PoolLength& length)
{
    return QJsonObject{
        {QStringLiteral("start_offset_sec"), number(length.startOffsetSec)},
        {QStringLiteral("duration_sec"), number(length.durationSec)},
        {QStringLiteral("active"), length.active},
        {QStringLiteral("strokes"), integer(length.strokes)},
        {QStringLiteral("stroke"), text(length.strokeType)},
    };
}

QJsonObject streamsToJson(const Streams& streams)
{
    // Stable JSON names of the channels; an unrecorded channel is null rather than missing, so consumers can
    // rely on the keys.
    static constexpr struct {
        Channel channel;
        const char* name;
    } kNames[] = {
        {Channel::Distance, "distance"}, {Channel::HeartRate, "heart_rate"}, {Channel::Power, "power"},
        {Channel::Cadence, "cadence"},   {Channel::Speed, "speed"},          {Channel::Altitude, "altitude"},
        {Channel::Latitude, "lat"},      {Channel::Longitude, "lon"},        {Channel::Temperature, "temperature"}};
    QJsonObject out{{QStringLiteral("time"), series(streams.time)}};
    for (const auto& n : kNames) {
        const auto* values = streams.get(n.channel);
        out.insert(QLatin1String(n.name), values ? QJsonValue(series(*values)) : QJsonValue(QJsonValue::Null));
    }
    return out;
}

} // namespace

QJsonObject activityToJson(const Activity& a, bool withStreams)
{
    QJsonArray laps;
    for (const Lap& lap : a.laps)
        laps.append(lapToJson(lap));
    QJsonArray lengths;
    for (const PoolLength& length : a.lengths)
        lengths.append(lengthToJson(length));
    QJsonObject out{
        {QStringLiteral("sport"), sportId(a.sport)},
        {QStringLiteral("sub_sport"), text(a.subSport)},
        {QStringLiteral("start_utc"),
         a.startUtc.isValid() ? QJsonValue(a.startUtc.toUTC().toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("utc_offset_sec"), a.utcOffsetSec},
        {QStringLiteral("moving_sec"), number(a.movingSec)},
        {QStringLiteral("elapsed_sec"), number(a.elapsedSec)},
        {QStringLiteral("distance_m"), number(a.distanceM)},
        {QStringLiteral("elevation_gain_m"), number(a.elevationGainM)},
        {QStringLiteral("avg_hr"), number(a.avgHr)},
        {QStringLiteral("max_hr"), number(a.maxHr)},
        {QStringLiteral("avg_power"), number(a.avgPower)},
        {QStringLiteral("max_power"), number(a.maxPower)},
        {QStringLiteral("avg_cadence"), number(a.avgCadence)},
        {QStringLiteral("max_cadence"), number(a.maxCadence)},
        {QStringLiteral("avg_speed"), number(a.avgSpeed)},
        {QStringLiteral("max_speed"), number(a.maxSpeed)},
        {QStringLiteral("calories"), number(a.calories)},
        {QStringLiteral("pool_length_m"), number(a.poolLengthM)},
        {QStringLiteral("multisport_key"), text(a.multisportKey)},
        {QStringLiteral("multisport_leg"), a.multisportLeg >= 0 ? QJsonValue(a.multisportLeg) : QJsonValue()},
        {QStringLiteral("laps"), laps},
        {QStringLiteral("lengths"), lengths},
    };
    if (withStreams)
        out.insert(QStringLiteral("streams"), streamsToJson(a.streams));
    return out;
}

QJsonObject decodedFileToJson(const DecodedFile& file, bool withStreams, const QString& format)
{
    QJsonArray activities;
    for (const Activity& a : file.activities)
        activities.append(activityToJson(a, withStreams));
    QJsonValue error(QJsonValue::Null);
    if (file.error) {
        const ReadError& e = *file.error;
        error = QJsonObject{
            {QStringLiteral("code"), e.code},
            {QStringLiteral("message"), e.message},
            {QStringLiteral("byte_offset"), e.byteOffset >= 0 ? QJsonValue(e.byteOffset) : QJsonValue()},
            {QStringLiteral("line"), e.line >= 0 ? QJsonValue(e.line) : QJsonValue()},
        };
    }
    return QJsonObject{
        {QStringLiteral("format"), text(format)},
        {QStringLiteral("activities"), activities},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(file.warnings)},
        {QStringLiteral("error"), error},
    };
}

} // namespace tricoach
