// Realistic athletes and activity histories for FakeStrava, in Strava's JSON (SummaryActivity,
// DetailedActivity, SummaryAthlete, DetailedAthlete of developers.strava.com/docs/reference).

#include "tests/fakes/fakestravasports.h"
#include "tests/fakes/fakestravastate.h"

#include <QTimeZone>

#include <array>
#include <cmath>

namespace tricoach::fakes::strava {

namespace {

double round1(double v)
{
    return std::round(v * 10) / 10;
}

QString isoUtc(const QDateTime& t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + QLatin1Char('Z');
}

// Strava writes the zone with its standard offset: "(GMT+01:00) Europe/Berlin".
QString timezoneLabel(const QTimeZone& zone, const QDateTime& at)
{
    const int offset = zone.standardTimeOffset(at);
    const int minutes = std::abs(offset) / 60;
    return QStringLiteral("(GMT%1%2:%3) %4")
        .arg(offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'))
        .arg(QString::fromLatin1(zone.id()));
}

QString defaultName(const Sport& sport, int localHour)
{
    const QString part = localHour < 5    ? QStringLiteral("Night")
                         : localHour < 11 ? QStringLiteral("Morning")
                         : localHour < 14 ? QStringLiteral("Lunch")
                         : localHour < 18 ? QStringLiteral("Afternoon")
                         : localHour < 22 ? QStringLiteral("Evening")
                                          : QStringLiteral("Night");
    return part + QLatin1Char(' ') + QString::fromLatin1(sport.label);
}

const char* const kOwnNames[] = {"Intervals 6x800",   "Long run with the club", "Tempo 3x10'",
                                 "Recovery spin",     "Hill repeats",           "Köln Runde 🚴",
                                 "Masters swim 3.2k", "Brick: bike + run",      "Sonntagsausfahrt",
                                 "Parkrun 🏃",         "Z2 endurance",           "Race pace practice"};

struct Device {
    const char* name;
    const char* externalPattern; // %1: a number
    bool garmin;
};

Device deviceFor(const Sport& sport, QRandomGenerator& rng)
{
    static const Device watches[] = {{"Garmin Forerunner 965", "garmin_push_%1", true},
                                     {"Garmin fēnix 7", "garmin_push_%1.fit", true},
                                     {"COROS PACE 3", "%1.fit", false},
                                     {"Apple Watch Series 9", "%1-apple-watch", false}};
    static const Device heads[] = {{"Garmin Edge 840", "garmin_push_%1", true},
                                   {"Wahoo ELEMNT BOLT", "%1-ELEMNT BOLT.fit", false}};
    if (sport.place == Place::Virtual)
        return {"Zwift", "zwift-activity-%1.fit", false};
    if (QByteArray(sport.type) == "Ride" || QByteArray(sport.type) == "EBikeRide")
        return heads[rng.bounded(2)];
    if (QByteArray(sport.sportType) == "Rowing")
        return {"Concept2 PM5", "concept2-logbook-%1.fit", false};
    return watches[rng.bounded(4)];
}

// Home places by athlete; travel places include half-hour and three-quarter-hour zones and both hemispheres' DST.
struct Where {
    const char* zone;
    double lat, lng;
    const char *city, *state, *country;
};
const Where kHomes[] = {{"Europe/Berlin", 52.5200, 13.4050, "Berlin", "Berlin", "Germany"},
                        {"America/Los_Angeles", 34.0522, -118.2437, "Los Angeles", "California", "United States"},
                        {"Europe/London", 51.5072, -0.1276, "London", "England", "United Kingdom"},
                        {"Australia/Adelaide", -34.9285, 138.6007, "Adelaide", "South Australia", "Australia"},
                        {"America/New_York", 40.6782, -73.9442, "Brooklyn", "New York", "United States"}};
const Where kTrips[] = {{"Asia/Kolkata", 15.2993, 74.1240, "Goa", "", "India"},
                        {"America/St_Johns", 47.5615, -52.7126, "St. John's", "Newfoundland", "Canada"},
                        {"Asia/Kathmandu", 27.7172, 85.3240, "Kathmandu", "", "Nepal"},
                        {"Europe/Madrid", 28.2916, -16.6291, "Tenerife", "Canarias", "Spain"},
                        {"America/Denver", 40.0150, -105.2705, "Boulder", "Colorado", "United States"},
                        {"Pacific/Auckland", -36.8485, 174.7633, "Auckland", "", "New Zealand"},
                        {"Europe/Zurich", 46.5197, 6.6323, "Lausanne", "Vaud", "Switzerland"}};

const Where& homeOf(qint64 athleteId)
{
    return kHomes[static_cast<quint64>(athleteId) % std::size(kHomes)];
}

StoredActivity generate(const Athlete& athlete, const QDateTime& startUtc, const Sport& sport, const Where& where,
                        quint32 seed, bool mayBeManual)
{
    QRandomGenerator rng(seed);
    auto uniform = [&rng](double lo, double hi) { return lo + (hi - lo) * rng.generateDouble(); };
    const QTimeZone zone(where.zone);
    const QDateTime local = startUtc.toTimeZone(zone);
    const int offset = zone.offsetFromUtc(startUtc);
    StoredActivity a;
    a.streamSeed = rng.generate();
    const bool canBeManual = mayBeManual && sport.place != Place::Virtual;
    const bool manual = canBeManual && rng.generateDouble() < 0.05;
    const Device device = deviceFor(sport, rng);
    const bool indoorRide =
        sport.place == Place::Outdoor && QByteArray(sport.sportType) == "Ride" && rng.generateDouble() < 0.12;
    const bool zwift =
        sport.place == Place::Virtual && QByteArray(sport.sportType) == "VirtualRide" && rng.generateDouble() < 0.75;
    const bool openWater = sport.place == Place::Pool && rng.generateDouble() < 0.2;
    const bool gps = !manual && !indoorRide && (sport.place == Place::Outdoor || zwift || openWater);

    const double minutes =
        sport.minMinutes + (sport.maxMinutes - sport.minMinutes) * std::pow(rng.generateDouble(), 1.6);
    int moving = static_cast<int>(minutes * 60);
    double distance = 0;
    if (sport.maxSpeed > 0) {
        distance = round1(uniform(sport.minSpeed, sport.maxSpeed) * moving);
        if (sport.place == Place::Pool && !openWater) { // whole pool lengths
            distance = std::max(25.0, std::round(distance / 25) * 25);
            moving = std::max(60, static_cast<int>(distance / uniform(sport.minSpeed, sport.maxSpeed)));
        }
    }
    const bool pauses = !manual && (sport.place == Place::Outdoor || openWater);
    const int elapsed = moving + (pauses ? static_cast<int>(moving * sport.pauseShare * rng.generateDouble()) : 0);

    QJsonObject& s = a.summary;
    s.insert(QStringLiteral("resource_state"), 2);
    s.insert(QStringLiteral("athlete"),
             QJsonObject{{QStringLiteral("id"), athlete.id}, {QStringLiteral("resource_state"), 1}});
    s.insert(QStringLiteral("name"), rng.generateDouble() < 0.2
                                         ? QString::fromUtf8(kOwnNames[rng.bounded(int(std::size(kOwnNames)))])
                                         : defaultName(sport, local.time().hour()));
    s.insert(QStringLiteral("distance"), distance);
    s.insert(QStringLiteral("moving_time"), moving);
    s.insert(QStringLiteral("elapsed_time"), elapsed);
    const double climb =
        gps || sport.place == Place::Virtual ? round1(sport.climbPerKm * uniform(0.5, 1.5) * distance / 1000) : 0;
    s.insert(QStringLiteral("total_elevation_gain"), manual ? 0.0 : climb);
    s.insert(QStringLiteral("type"), QString::fromLatin1(sport.type));
    s.insert(QStringLiteral("sport_type"), QString::fromLatin1(sport.sportType));
    s.insert(QStringLiteral("workout_type"), QJsonValue::Null);
    s.insert(QStringLiteral("start_date"), isoUtc(startUtc));
    // Strava writes the local wall-clock time with a Z as well.
    s.insert(QStringLiteral("start_date_local"),
             startUtc.addSecs(offset).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + QLatin1Char('Z'));
    s.insert(QStringLiteral("timezone"), timezoneLabel(zone, startUtc));
    s.insert(QStringLiteral("utc_offset"), offset);
    s.insert(QStringLiteral("location_city"), QJsonValue::Null);
    s.insert(QStringLiteral("location_state"), QJsonValue::Null);
    s.insert(QStringLiteral("location_country"), QString::fromUtf8(where.country));
    s.insert(QStringLiteral("achievement_count"), manual ? 0 : static_cast<int>(rng.bounded(4)));
    s.insert(QStringLiteral("kudos_count"), static_cast<int>(rng.bounded(25)));
    s.insert(QStringLiteral("comment_count"), static_cast<int>(rng.bounded(3)));
    s.insert(QStringLiteral("athlete_count"), 1 + (rng.generateDouble() < 0.15 ? static_cast<int>(rng.bounded(8)) : 0));
    s.insert(QStringLiteral("photo_count"), 0);
    s.insert(QStringLiteral("total_photo_count"), rng.generateDouble() < 0.1 ? 1 : 0);
    s.insert(QStringLiteral("trainer"),
             indoorRide || (sport.place == Place::Virtual && !zwift) || (sport.place == Place::Indoor));
    s.insert(QStringLiteral("commute"), QByteArray(sport.type) == "Ride" && !indoorRide && rng.generateDouble() < 0.08);
    s.insert(QStringLiteral("manual"), manual);
    const bool hidden = rng.generateDouble() < 0.08;
    s.insert(QStringLiteral("private"), hidden);
    s.insert(QStringLiteral("visibility"), hidden                       ? QStringLiteral("only_me")
                                           : rng.generateDouble() < 0.2 ? QStringLiteral("followers_only")
                                                                        : QStringLiteral("everyone"));
    s.insert(QStringLiteral("flagged"), false);
    s.insert(QStringLiteral("gear_id"), QByteArray(sport.type) == "Run"    ? QJsonValue(QStringLiteral("g1402275"))
                                        : QByteArray(sport.type) == "Ride" ? QJsonValue(QStringLiteral("b2375921"))
                                                                           : QJsonValue(QJsonValue::Null));
    QJsonArray start;
    if (gps) {
        const double lat = zwift ? -11.6406 : where.lat + uniform(-0.04, 0.04);
        const double lng = zwift ? 166.9498 : where.lng + uniform(-0.04, 0.04);
        start = {std::round(lat * 1e6) / 1e6, std::round(lng * 1e6) / 1e6};
    }
    s.insert(QStringLiteral("start_latlng"), start);
    s.insert(QStringLiteral("end_latlng"), start); // every route is a loop
    s.insert(QStringLiteral("average_speed"), moving > 0 ? std::round(distance / moving * 1000) / 1000 : 0.0);
    s.insert(QStringLiteral("max_speed"),
             manual || distance == 0 ? 0.0 : std::round(distance / moving * uniform(1.3, 1.9) * 1000) / 1000);
    s.insert(QStringLiteral("has_kudoed"), false);
    s.insert(QStringLiteral("pr_count"), 0);
    s.insert(QStringLiteral("from_accepted_tag"), false);

    if (!manual && rng.generateDouble() < sport.heartRate) {
        const double avg = round1(sport.place == Place::Static ? uniform(110, 130) : uniform(122, 165));
        s.insert(QStringLiteral("has_heartrate"), true);
        s.insert(QStringLiteral("average_heartrate"), avg);
        s.insert(QStringLiteral("max_heartrate"), std::round(avg + uniform(12, 28)));
        s.insert(QStringLiteral("suffer_score"), std::round(moving / 60.0 * std::pow((avg - 85) / 80, 2) * 1.6));
    } else {
        s.insert(QStringLiteral("has_heartrate"), false);
    }
    s.insert(QStringLiteral("heartrate_opt_out"), false);
    s.insert(QStringLiteral("display_hide_heartrate_option"), s[QStringLiteral("has_heartrate")].toBool());

    const double powerRoll = rng.generateDouble();
    if (!manual && powerRoll < sport.powerMeter) {
        const double avg = round1(uniform(sport.minWatts, sport.maxWatts));
        s.insert(QStringLiteral("device_watts"), true);
        s.insert(QStringLiteral("average_watts"), avg);
        s.insert(QStringLiteral("weighted_average_watts"), std::round(avg * uniform(1.02, 1.12)));
        s.insert(QStringLiteral("max_watts"), std::round(avg * uniform(2.2, 3.8)));
        s.insert(QStringLiteral("kilojoules"), round1(avg * moving / 1000));
    } else if (!manual && powerRoll < sport.powerMeter + sport.estimatedPower) {
        // Strava's estimate for rides without a power meter: no stream, no weighted power.
        const double avg = round1(uniform(sport.minWatts * 0.7, sport.maxWatts * 0.8));
        s.insert(QStringLiteral("device_watts"), false);
        s.insert(QStringLiteral("average_watts"), avg);
        s.insert(QStringLiteral("kilojoules"), round1(avg * moving / 1000));
    }
    if (!manual && sport.cadenceMax > 0 &&
        (s.contains(QStringLiteral("device_watts"))
             ? s[QStringLiteral("device_watts")].toBool() || rng.generateDouble() < 0.5
             : rng.generateDouble() < 0.8))
        s.insert(QStringLiteral("average_cadence"), round1(uniform(sport.cadenceMin, sport.cadenceMax)));
    if (manual) {
        s.insert(QStringLiteral("upload_id"), QJsonValue::Null);
        s.insert(QStringLiteral("external_id"), QJsonValue::Null);
    } else {
        const QString number = QString::number(rng.generate64() % 9'000'000'000ULL + 1'000'000'000ULL);
        s.insert(QStringLiteral("external_id"), QString::fromLatin1(device.externalPattern).arg(number));
        a.deviceName = QString::fromUtf8(device.name);
        a.hasTemp = device.garmin && gps;
    }
    if (rng.generateDouble() < 0.3)
        a.description = QStringLiteral("Felt good. Legs a bit heavy on the last climb.");
    assignId(a, 0);
    return a;
}

} // namespace

Athlete makeAthlete(qint64 id, const QString& firstname, const QString& lastname)
{
    QRandomGenerator rng(static_cast<quint32>(id));
    const Where& home = homeOf(id);
    Athlete a;
    a.id = id;
    a.firstname = firstname;
    a.lastname = lastname;
    a.username = (firstname + lastname).toLower().remove(QLatin1Char(' ')) + QString::number(id % 100);
    a.city = QString::fromUtf8(home.city);
    a.state = QString::fromUtf8(home.state);
    a.country = QString::fromUtf8(home.country);
    a.sex = id % 2 ? QStringLiteral("F") : QStringLiteral("M");
    a.premium = id % 3 != 0;
    a.createdAt =
        QDateTime(QDate(2014 + static_cast<int>(id % 6), 1 + static_cast<int>(id % 12), 3), QTime(17, 4, 11), Qt::UTC);
    a.weight = 55 + static_cast<double>(rng.bounded(30));
    a.homeLat = home.lat;
    a.homeLng = home.lng;
    a.homeZone = home.zone;
    return a;
}

QJsonObject summaryAthlete(const Athlete& a)
{
    return {{QStringLiteral("id"), a.id},
            {QStringLiteral("username"), a.username},
            {QStringLiteral("resource_state"), 2},
            {QStringLiteral("firstname"), a.firstname},
            {QStringLiteral("lastname"), a.lastname},
            {QStringLiteral("bio"), QString()},
            {QStringLiteral("city"), a.city},
            {QStringLiteral("state"), a.state},
            {QStringLiteral("country"), a.country},
            {QStringLiteral("sex"), a.sex},
            {QStringLiteral("premium"), a.premium},
            {QStringLiteral("summit"), a.premium},
            {QStringLiteral("created_at"), isoUtc(a.createdAt)},
            {QStringLiteral("updated_at"), isoUtc(a.createdAt.addDays(900))},
            {QStringLiteral("badge_type_id"), a.premium ? 1 : 0},
            {QStringLiteral("weight"), a.weight},
            {QStringLiteral("profile_medium"),
             QStringLiteral("https://dgalywyr863hv.cloudfront.net/pictures/athletes/%1/medium.jpg").arg(a.id)},
            {QStringLiteral("profile"),
             QStringLiteral("https://dgalywyr863hv.cloudfront.net/pictures/athletes/%1/large.jpg").arg(a.id)},
            {QStringLiteral("friend"), QJsonValue::Null},
            {QStringLiteral("follower"), QJsonValue::Null}};
}

QJsonObject detailedAthlete(const Athlete& a)
{
    QJsonObject o = summaryAthlete(a);
    o.insert(QStringLiteral("resource_state"), 3);
    o.insert(QStringLiteral("follower_count"), 41);
    o.insert(QStringLiteral("friend_count"), 57);
    o.insert(QStringLiteral("mutual_friend_count"), 0);
    o.insert(QStringLiteral("athlete_type"), 1);
    o.insert(QStringLiteral("date_preference"), QStringLiteral("%m/%d/%Y"));
    o.insert(QStringLiteral("measurement_preference"), QStringLiteral("meters"));
    o.insert(QStringLiteral("clubs"), QJsonArray());
    o.insert(QStringLiteral("ftp"), QJsonValue::Null);
    o.insert(QStringLiteral("bikes"), QJsonArray());
    o.insert(QStringLiteral("shoes"), QJsonArray());
    return o;
}

QList<StoredActivity> generateHistory(const Athlete& athlete, int count, quint32 seed, const QDateTime& now)
{
    QRandomGenerator rng(seed ^ static_cast<quint32>(athlete.id * 2654435761ULL));
    const Where& home = homeOf(athlete.id);
    QList<StoredActivity> out;
    QDate day = now.toUTC().date().addDays(-1);
    const Where* trip = nullptr;
    int tripDays = 0;
    while (out.size() < count) {
        if (tripDays == 0 && rng.generateDouble() < 0.03) {
            trip = &kTrips[rng.bounded(int(std::size(kTrips)))];
            tripDays = 3 + static_cast<int>(rng.bounded(8));
        }
        const Where& where = tripDays > 0 ? *trip : home;
        tripDays = std::max(0, tripDays - 1);
        const double roll = rng.generateDouble();
        const int sessions = roll < 0.12 ? 0 : roll < 0.27 ? 2 : 1;
        // Generated backwards in time: the later session of a day first.
        for (int i = 0; i < sessions && out.size() < count; ++i) {
            const int hour =
                sessions == 2 ? (i == 0 ? 17 + static_cast<int>(rng.bounded(3)) : 6 + static_cast<int>(rng.bounded(2)))
                              : std::array{6, 7, 12, 17, 18, 19}[rng.bounded(6)];
            QDateTime local(day, QTime(hour, static_cast<int>(rng.bounded(60)), static_cast<int>(rng.bounded(60))),
                            QTimeZone(where.zone));
            if (!local.isValid()) // a DST gap
                local = local.addSecs(3600);
            out.append(generate(athlete, local.toUTC(), pickSport(rng), where, rng.generate(), true));
        }
        day = day.addDays(-1);
    }
    std::reverse(out.begin(), out.end());
    // Ids grow with the start time, with gaps (Strava's are shared by every athlete).
    for (StoredActivity& a : out) {
        const qint64 start =
            QDateTime::fromString(a.summary[QStringLiteral("start_date")].toString(), Qt::ISODate).toSecsSinceEpoch();
        assignId(a, 10'000'000'000 + (start - 1'420'070'400) * 8 + static_cast<qint64>(rng.bounded(8)));
    }
    return out;
}

StoredActivity generateActivity(const Athlete& athlete, const QDateTime& startUtc, const QString& sportType,
                                quint32 seed)
{
    // A new upload comes from a device; a manual entry is asked for with "manual": true.
    return generate(athlete, startUtc, sportNamed(sportType), homeOf(athlete.id), seed, false);
}

void assignId(StoredActivity& a, qint64 id)
{
    QJsonObject& s = a.summary;
    s.insert(QStringLiteral("id"), id);
    QString polyline;
    if (!s[QStringLiteral("start_latlng")].toArray().isEmpty()) {
        QList<QPair<double, double>> points;
        for (int i = 0; i <= 64; ++i)
            points.append(routePoint(s, a.streamSeed, i / 64.0));
        polyline = encodePolyline(points);
    }
    s.insert(QStringLiteral("map"), QJsonObject{{QStringLiteral("id"), QStringLiteral("a%1").arg(id)},
                                                {QStringLiteral("summary_polyline"), polyline},
                                                {QStringLiteral("resource_state"), 2}});
    if (!s[QStringLiteral("manual")].toBool()) {
        // Above 2^53 and odd: a client reading upload_id as a double gets another number.
        const qint64 upload = 9'007'199'254'740'993LL + 2 * ((id % 1'000'000'000'000LL) * 13);
        s.insert(QStringLiteral("upload_id"), upload);
        s.insert(QStringLiteral("upload_id_str"), QString::number(upload));
    }
}

} // namespace tricoach::fakes::strava
