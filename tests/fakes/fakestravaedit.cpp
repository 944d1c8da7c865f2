// Between-sync edits of FakeStrava activities, and the DetailedActivity view of one.

#include "tests/fakes/fakestravasports.h"
#include "tests/fakes/fakestravastate.h"

#include <cmath>

namespace tricoach::fakes::strava {

namespace {

void removeAll(QJsonObject& s, std::initializer_list<const char*> keys)
{
    for (const char* key : keys)
        s.remove(QLatin1String(key));
}

} // namespace

void applyChanges(StoredActivity& a, const QJsonObject& changes, const Athlete& athlete)
{
    Q_UNUSED(athlete)
    QJsonObject& s = a.summary;
    for (auto it = changes.begin(); it != changes.end(); ++it)
        if (it.key() != QStringLiteral("id") && it.key() != QStringLiteral("athlete"))
            s.insert(it.key(), it.value());
    if (changes.contains(QStringLiteral("description")))
        a.description = changes[QStringLiteral("description")].toString();
    // The legacy type follows the sport type (and the other way round for old clients' edits).
    if (changes.contains(QStringLiteral("sport_type")))
        s.insert(QStringLiteral("type"),
                 QString::fromLatin1(sportNamed(s[QStringLiteral("sport_type")].toString()).type));
    else if (changes.contains(QStringLiteral("type")))
        s.insert(QStringLiteral("sport_type"), changes[QStringLiteral("type")]);
    if (changes.contains(QStringLiteral("private")) && !changes.contains(QStringLiteral("visibility")))
        s.insert(QStringLiteral("visibility"),
                 s[QStringLiteral("private")].toBool() ? QStringLiteral("only_me") : QStringLiteral("everyone"));
    else if (changes.contains(QStringLiteral("visibility")))
        s.insert(QStringLiteral("private"), s[QStringLiteral("visibility")] == QStringLiteral("only_me"));
    if (changes.contains(QStringLiteral("start_date")) && !changes.contains(QStringLiteral("start_date_local"))) {
        const QDateTime start = QDateTime::fromString(s[QStringLiteral("start_date")].toString(), Qt::ISODate);
        s.insert(QStringLiteral("start_date_local"), start.toUTC()
                                                             .addSecs(s[QStringLiteral("utc_offset")].toInteger())
                                                             .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) +
                                                         QLatin1Char('Z'));
    }
    if (s[QStringLiteral("manual")].toBool()) {
        // Entered by hand: no sensors, no file.
        removeAll(s, {"average_heartrate", "max_heartrate", "suffer_score", "device_watts", "average_watts",
                      "weighted_average_watts", "max_watts", "kilojoules", "average_cadence", "upload_id_str"});
        s.insert(QStringLiteral("has_heartrate"), false);
        s.insert(QStringLiteral("upload_id"), QJsonValue::Null);
        s.insert(QStringLiteral("external_id"), QJsonValue::Null);
        s.insert(QStringLiteral("start_latlng"), QJsonArray());
        s.insert(QStringLiteral("end_latlng"), QJsonArray());
        s.insert(QStringLiteral("elapsed_time"), s[QStringLiteral("moving_time")]);
        a.deviceName.clear();
        a.hasTemp = false;
    }
    if (changes.contains(QStringLiteral("has_heartrate"))) {
        if (!s[QStringLiteral("has_heartrate")].toBool())
            removeAll(s, {"average_heartrate", "max_heartrate", "suffer_score"});
        else if (!s.contains(QStringLiteral("average_heartrate"))) {
            s.insert(QStringLiteral("average_heartrate"), 141.3);
            s.insert(QStringLiteral("max_heartrate"), 163.0);
            s.insert(QStringLiteral("suffer_score"),
                     std::round(s[QStringLiteral("moving_time")].toDouble() / 60 * 0.6));
        }
    }
    if (changes.contains(QStringLiteral("device_watts")) && !s[QStringLiteral("device_watts")].toBool())
        removeAll(s, {"weighted_average_watts", "max_watts"});
    if (changes.value(QStringLiteral("trainer")).toBool()) {
        s.insert(QStringLiteral("start_latlng"), QJsonArray());
        s.insert(QStringLiteral("end_latlng"), QJsonArray());
        a.hasTemp = false;
    }
    const double moving = s[QStringLiteral("moving_time")].toDouble();
    if (s[QStringLiteral("elapsed_time")].toDouble() < moving)
        s.insert(QStringLiteral("elapsed_time"), moving);
    const double distance = s[QStringLiteral("distance")].toDouble();
    const double speed = moving > 0 ? std::round(distance / moving * 1000) / 1000 : 0.0;
    s.insert(QStringLiteral("average_speed"), speed);
    if (s[QStringLiteral("max_speed")].toDouble() < speed * 1.2 && !s[QStringLiteral("manual")].toBool())
        s.insert(QStringLiteral("max_speed"), std::round(speed * 1.4 * 1000) / 1000);
    assignId(a, s[QStringLiteral("id")].toInteger());
}

QJsonObject detailedActivity(const StoredActivity& a)
{
    QJsonObject o = a.summary;
    o.insert(QStringLiteral("resource_state"), 3);
    o.insert(QStringLiteral("description"),
             a.description.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(a.description));
    const double kj = o[QStringLiteral("kilojoules")].toDouble();
    const double minutes = o[QStringLiteral("moving_time")].toDouble() / 60;
    o.insert(QStringLiteral("calories"), std::round(kj > 0 ? kj * 1.05 : minutes * 9.5));
    o.insert(QStringLiteral("device_name"),
             a.deviceName.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(a.deviceName));
    o.insert(QStringLiteral("embed_token"),
             QStringLiteral("%1").arg(a.streamSeed, 8, 16, QLatin1Char('0')).repeated(5));
    o.insert(QStringLiteral("segment_efforts"), QJsonArray());
    o.insert(QStringLiteral("photos"),
             QJsonObject{{QStringLiteral("primary"), QJsonValue::Null}, {QStringLiteral("count"), 0}});
    o.insert(QStringLiteral("hide_from_home"), false);
    o.insert(QStringLiteral("perceived_exertion"), QJsonValue::Null);
    o.insert(QStringLiteral("prefer_perceived_exertion"), false);
    QJsonObject map = o[QStringLiteral("map")].toObject();
    map.insert(QStringLiteral("polyline"), map[QStringLiteral("summary_polyline")]);
    map.insert(QStringLiteral("resource_state"), 3);
    o.insert(QStringLiteral("map"), map);
    // One lap covering the whole recording, as a device without lap presses writes it.
    QJsonArray laps;
    const QList<Stream> streams = generateStreams(a);
    if (!streams.isEmpty()) {
        QJsonObject lap;
        for (const char* key : {"elapsed_time", "moving_time", "start_date", "start_date_local", "distance",
                                "total_elevation_gain", "average_speed", "max_speed", "average_cadence", "device_watts",
                                "average_watts", "average_heartrate", "max_heartrate"})
            if (o.contains(QLatin1String(key)))
                lap.insert(QLatin1String(key), o[QLatin1String(key)]);
        lap.insert(QStringLiteral("id"), o[QStringLiteral("id")].toInteger() * 10 + 1);
        lap.insert(QStringLiteral("resource_state"), 2);
        lap.insert(QStringLiteral("name"), QStringLiteral("Lap 1"));
        lap.insert(QStringLiteral("activity"),
                   QJsonObject{{QStringLiteral("id"), o[QStringLiteral("id")]}, {QStringLiteral("resource_state"), 1}});
        lap.insert(QStringLiteral("athlete"), o[QStringLiteral("athlete")]);
        lap.insert(QStringLiteral("start_index"), 0);
        lap.insert(QStringLiteral("end_index"), streams.first().data.size() - 1);
        lap.insert(QStringLiteral("lap_index"), 1);
        lap.insert(QStringLiteral("split"), 1);
        laps.append(lap);
    }
    o.insert(QStringLiteral("laps"), laps);
    return o;
}

} // namespace tricoach::fakes::strava
