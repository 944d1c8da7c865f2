#include "core/strava/activitymapping.h"

#include "core/model/plausible.h"
#include "core/strava/sporttypes.h"
#include "core/util/datetime.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace tricoach::strava {

namespace {

// A 64-bit id from a JSON number or string; JSON numbers beyond 2^53 are exact only when the parser kept them as
// integers (Qt does for values that fit in qint64).
std::optional<std::int64_t> idOf(const QJsonValue& v)
{
    if (v.isString()) {
        bool ok = false;
        const qint64 id = v.toString().toLongLong(&ok);
        return ok && id > 0 ? std::optional<std::int64_t>(id) : std::nullopt;
    }
    if (!v.isDouble())
        return std::nullopt;
    const qint64 id = v.toInteger(-1);
    return id > 0 ? std::optional<std::int64_t>(id) : std::nullopt;
}

// A number in its plausible range, nothing otherwise (Strava sends 0 for "not recorded" in some fields, e.g. a max
// speed of a manual entry; `zeroIsMissing` drops those).
std::optional<double> number(const QJsonObject& o, const char* key, PlausibleRange range, bool zeroIsMissing = true)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isDouble())
        return std::nullopt;
    const double x = v.toDouble();
    if (!range.contains(x) || (zeroIsMissing && x == 0))
        return std::nullopt;
    return x;
}

QDateTime isoUtc(const QJsonValue& v)
{
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODate);
    if (!t.isValid())
        return {};
    // "…Z" parses as UTC already; a zone-less text is taken as UTC, which is what Strava means by its strings.
    if (t.timeSpec() == Qt::LocalTime)
        return utcDateTime(t.date(), t.time());
    return t.toUTC();
}

} // namespace

QString streamKeys()
{
    return QStringLiteral(
        "time,distance,latlng,altitude,velocity_smooth,heartrate,cadence,watts,temp,moving,grade_smooth");
}

Result<StravaActivity> activityFromSummary(const QJsonObject& json, AthleteId athlete)
{
    const auto id = idOf(json.value(QLatin1String("id")));
    if (!id)
        return makeError(QStringLiteral("Strava sent an activity without an id"), QStringLiteral("strava.malformed"));
    const QDateTime start = isoUtc(json.value(QLatin1String("start_date")));
    if (!start.isValid())
        return makeError(QStringLiteral("Strava activity %1 has no start time").arg(*id),
                         QStringLiteral("strava.malformed"));

    StravaActivity out;
    Activity& a = out.activity;
    a.athleteId = athlete;
    a.source = ActivitySource::Strava;
    a.externalId = *id;
    a.startUtc = start;
    const QDateTime local = isoUtc(json.value(QLatin1String("start_date_local")));
    if (local.isValid())
        a.utcOffsetSec = static_cast<int>(local.toSecsSinceEpoch() - start.toSecsSinceEpoch());
    else if (json.value(QLatin1String("utc_offset")).isDouble())
        a.utcOffsetSec = static_cast<int>(std::lround(json.value(QLatin1String("utc_offset")).toDouble()));
    // Time zones lie within UTC-12 to UTC+14; anything else is a damaged field, and the calendar day would be wrong.
    if (std::abs(a.utcOffsetSec) > 14 * 3600)
        a.utcOffsetSec = 0;

    QString type = json.value(QLatin1String("sport_type")).toString();
    if (type.isEmpty())
        type = json.value(QLatin1String("type")).toString();
    a.sport = sportForType(type);
    a.subSport = type;
    a.title = json.value(QLatin1String("name")).toString().trimmed();
    a.notes = json.value(QLatin1String("description")).toString();

    using namespace plausible;
    a.movingSec = number(json, "moving_time", kDurationSec, false).value_or(0);
    a.elapsedSec = number(json, "elapsed_time", kDurationSec, false).value_or(a.movingSec);
    a.distanceM = number(json, "distance", kDistanceM);
    a.elevationGainM = number(json, "total_elevation_gain", kElevationGainM, false);
    if (json.value(QLatin1String("has_heartrate")).toBool(true)) {
        a.avgHr = number(json, "average_heartrate", kHeartRate);
        a.maxHr = number(json, "max_heartrate", kHeartRate);
    }
    a.avgSpeed = number(json, "average_speed", kSpeed);
    a.maxSpeed = number(json, "max_speed", kSpeed);
    a.avgCadence = number(json, "average_cadence", kCadence);
    a.calories = number(json, "calories", kCalories);

    StravaLink& link = out.link;
    link.stravaId = *id;
    link.sportType = type;
    link.isPrivate = json.value(QLatin1String("private")).toBool() ||
                     json.value(QLatin1String("visibility")).toString() == QLatin1String("only_me");
    link.manual = json.value(QLatin1String("manual")).toBool();
    if (json.contains(QLatin1String("device_watts")))
        link.deviceWatts = json.value(QLatin1String("device_watts")).toBool();
    link.weightedAvgWatts = number(json, "weighted_average_watts", kPowerWatts);
    link.sufferScore = number(json, "suffer_score", PlausibleRange{0, 100'000});
    link.uploadId = idOf(json.value(QLatin1String("upload_id_str")));
    link.streams = link.manual ? StravaStreams::None : StravaStreams::Pending;
    // Estimated power (device_watts false) is Strava's guess from speed and grade: our load never uses it.
    if (link.deviceWatts.value_or(false)) {
        a.avgPower = number(json, "average_watts", kPowerWatts);
        a.maxPower = number(json, "max_watts", kPowerWatts);
    }
    return out;
}

namespace {

std::vector<double> numbers(const QJsonArray& data, std::size_t size, PlausibleRange range)
{
    std::vector<double> out(size, kMissing);
    const std::size_t n = std::min<std::size_t>(size, static_cast<std::size_t>(data.size()));
    for (std::size_t i = 0; i < n; ++i) {
        const QJsonValue v = data.at(static_cast<qsizetype>(i));
        if (v.isDouble() && range.contains(v.toDouble()))
            out[i] = v.toDouble();
    }
    return out;
}

bool anyPresent(const std::vector<double>& v)
{
    return std::any_of(v.begin(), v.end(), [](double x) { return !isMissing(x); });
}

} // namespace

Result<Streams> streamsFromJson(const QJsonValue& json)
{
    QJsonObject byType;
    if (json.isObject()) {
        byType = json.toObject();
    } else if (json.isArray()) {
        for (const QJsonValue& s : json.toArray())
            byType.insert(s.toObject().value(QLatin1String("type")).toString(), s);
    } else {
        return makeError(QStringLiteral("Strava's streams are not a JSON object or array"),
                         QStringLiteral("strava.malformed"));
    }
    Streams out;
    const QJsonArray time = byType.value(QLatin1String("time")).toObject().value(QLatin1String("data")).toArray();
    if (time.isEmpty())
        return out; // no samples at all (a manual entry)
    out.time.reserve(static_cast<std::size_t>(time.size()));
    double last = -1;
    for (const QJsonValue& t : time) {
        const double s = t.toDouble(-1);
        if (!(s >= last) || !std::isfinite(s))
            return makeError(QStringLiteral("Strava's time stream does not run forward"),
                             QStringLiteral("strava.malformed"));
        out.time.push_back(s);
        last = s;
    }
    const std::size_t n = out.time.size();
    const auto data = [&](const char* key) {
        return byType.value(QLatin1String(key)).toObject().value(QLatin1String("data")).toArray();
    };
    const auto put = [&](Channel c, const char* key, PlausibleRange range) {
        if (!byType.contains(QLatin1String(key)))
            return;
        auto values = numbers(data(key), n, range);
        if (anyPresent(values))
            out.channels.emplace(c, std::move(values));
    };
    using namespace plausible;
    put(Channel::Distance, "distance", kDistanceM);
    put(Channel::Altitude, "altitude", kAltitudeM);
    put(Channel::Speed, "velocity_smooth", kSpeed);
    put(Channel::HeartRate, "heartrate", kHeartRate);
    put(Channel::Cadence, "cadence", kCadence);
    put(Channel::Power, "watts", kPowerWatts);
    put(Channel::Temperature, "temp", kTemperatureC);
    if (byType.contains(QLatin1String("latlng"))) {
        const QJsonArray points = data("latlng");
        std::vector<double> lat(n, kMissing), lng(n, kMissing);
        for (std::size_t i = 0; i < std::min<std::size_t>(n, static_cast<std::size_t>(points.size())); ++i) {
            const QJsonArray p = points.at(static_cast<qsizetype>(i)).toArray();
            if (p.size() != 2 || !p.at(0).isDouble() || !p.at(1).isDouble())
                continue;
            const double la = p.at(0).toDouble(), lo = p.at(1).toDouble();
            if (std::abs(la) <= 90 && std::abs(lo) <= 180) {
                lat[i] = la;
                lng[i] = lo;
            }
        }
        if (anyPresent(lat)) {
            out.channels.emplace(Channel::Latitude, std::move(lat));
            out.channels.emplace(Channel::Longitude, std::move(lng));
        }
    }
    return out;
}

} // namespace tricoach::strava
