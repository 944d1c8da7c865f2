// add and activities: entering a session by hand and listing the training log (a triathlon is one session with
// its legs under it).
#include "app/cli/commands.h"
#include "app/cli/context.h"
#include "app/cli/output.h"
#include "core/model/plausible.h"
#include "core/model/session.h"
#include "core/util/datetime.h"

#include <QTime>

namespace tricoach::cli {

QString sportList()
{
    QStringList ids;
    for (Sport s : kAllSports)
        ids << sportId(s);
    const QString last = ids.takeLast();
    return ids.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
}

namespace {

std::optional<Sport> readSport(OptionReader& reader, const QString& name)
{
    const auto text = reader.text(name);
    if (!text)
        return std::nullopt;
    const auto sport = sportFromString(*text);
    if (!sport)
        reader.fail(QStringLiteral("--%1: \"%2\" is not a sport; use %3").arg(name, *text, sportList()));
    return sport;
}

// Noon on `date` in the computer's time zone, so the activity's local day is `date` (noon is never skipped by
// a daylight-saving change); UTC noon if the zone maps it elsewhere.
void placeOnDay(Activity& a, const QDate& date)
{
    const QDateTime localNoon(date, QTime(12, 0));
    a.startUtc = localNoon.toUTC();
    a.utcOffsetSec = localNoon.offsetFromUtc();
    if (!a.startUtc.isValid() || a.localDate() != date) {
        a.startUtc = utcDateTime(date, QTime(12, 0));
        a.utcOffsetSec = 0;
    }
}

int runAdd(const Invocation& inv, Io& io)
{
    OptionReader r(inv);
    r.require(QStringLiteral("date"));
    r.require(QStringLiteral("sport"));
    r.require(QStringLiteral("duration-min"));
    const auto date = r.date(QStringLiteral("date"));
    const auto sport = readSport(r, QStringLiteral("sport"));
    const auto minutes = r.number(QStringLiteral("duration-min"), 0, true, plausible::kDurationSec.max / 60);
    const auto km = r.number(QStringLiteral("distance-km"), 0, false, plausible::kDistanceM.max / 1000);
    const auto userLoad = r.number(QStringLiteral("tss"), 0, false, plausible::kUserLoad.max);
    const auto rpe = r.integer(QStringLiteral("rpe"), 1, 10);
    const auto avgHr = r.number(QStringLiteral("avg-hr"), plausible::kHeartRate.min, false, plausible::kHeartRate.max);
    const auto avgPower = r.number(QStringLiteral("avg-power"), 0, false, plausible::kPowerWatts.max);
    if (!r.ok())
        return report(io, inv, r.error());

    Activity a;
    a.sport = *sport;
    a.subSport = inv.value(QStringLiteral("sub-sport"));
    a.title = inv.value(QStringLiteral("title"));
    a.notes = inv.value(QStringLiteral("notes"));
    placeOnDay(a, *date);
    a.movingSec = a.elapsedSec = *minutes * 60.0;
    if (km)
        a.distanceM = *km * 1000.0;
    if (km && *km > 0) {
        a.avgSpeed = *a.distanceM / a.movingSec;
        if (!plausible::kSpeed.contains(*a.avgSpeed))
            return report(io, inv,
                          usageError(QStringLiteral("--distance-km %1 in --duration-min %2 is faster than anyone "
                                                    "moves; check the numbers")
                                         .arg(inv.value(QStringLiteral("distance-km")),
                                              inv.value(QStringLiteral("duration-min")))));
    }
    a.userLoad = userLoad;
    a.rpe = rpe;
    a.avgHr = avgHr;
    a.avgPower = avgPower;
    a.source = ActivitySource::Manual;

    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    a.athleteId = session->athlete.id;
    auto added = session->store->addActivity(a);
    if (!added)
        return report(io, inv, added.error());
    // The store computes the load; read it back rather than recomputing it here.
    auto stored = session->store->activity(added->id, false);
    if (!stored)
        return report(io, inv, stored.error());

    if (inv.global.json) {
        writeJson(io.out, QJsonObject{{QStringLiteral("id"), static_cast<qint64>(stored->id)},
                                      {QStringLiteral("date"), isoDate(stored->localDate())},
                                      {QStringLiteral("sport"), sportId(stored->sport)},
                                      {QStringLiteral("load"), stored->load},
                                      {QStringLiteral("load_source"), loadSourceId(stored->loadSource)}});
    } else {
        io.out << "Added activity " << stored->id << " on " << isoDate(stored->localDate()) << " ("
               << sportId(stored->sport) << "): load " << fixed(stored->load, 1) << " ("
               << loadSourceId(stored->loadSource) << ")\n";
        if (!stored->loadNote.isEmpty())
            io.out << stored->loadNote << '\n';
    }
    return kExitOk;
}

} // namespace

QJsonObject activityJson(const Activity& a)
{
    return QJsonObject{
        {QStringLiteral("id"), static_cast<qint64>(a.id)},
        {QStringLiteral("date"), isoDate(a.localDate())},
        {QStringLiteral("start_utc"), a.startUtc.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("sport"), sportId(a.sport)},
        {QStringLiteral("sub_sport"), a.subSport},
        {QStringLiteral("title"), a.title},
        {QStringLiteral("duration_min"), a.durationSec() / 60.0},
        {QStringLiteral("moving_sec"), a.movingSec},
        {QStringLiteral("elapsed_sec"), a.elapsedSec},
        {QStringLiteral("distance_km"), a.distanceM ? QJsonValue(*a.distanceM / 1000.0) : QJsonValue()},
        {QStringLiteral("load"), a.load},
        {QStringLiteral("load_source"), loadSourceId(a.loadSource)},
        {QStringLiteral("rpe"), jsonOrNull(a.rpe)},
        {QStringLiteral("source"), sourceId(a.source)},
        {QStringLiteral("external_id"), a.externalId ? QJsonValue(static_cast<qint64>(*a.externalId)) : QJsonValue()},
    };
}

QJsonObject sessionJson(const TrainingSession& s)
{
    QJsonArray legs;
    for (std::size_t i = 0; i < s.legs.size(); ++i) {
        QJsonObject leg = activityJson(s.legs[i]);
        leg.insert(QStringLiteral("leg"), static_cast<int>(i));
        const int t = s.transitionNumber(i);
        leg.insert(QStringLiteral("transition"), t > 0 ? QJsonValue(QStringLiteral("T%1").arg(t)) : QJsonValue());
        legs.append(leg);
    }
    const auto distance = s.distanceM();
    return QJsonObject{
        {QStringLiteral("multisport_key"), s.key},
        {QStringLiteral("date"), isoDate(s.localDate())},
        {QStringLiteral("start_utc"), s.startUtc().toUTC().toString(Qt::ISODate)},
        {QStringLiteral("sport"), sessionKindId(s.kind)},
        {QStringLiteral("title"), s.title()},
        {QStringLiteral("duration_min"), s.durationSec() / 60.0},
        {QStringLiteral("transition_sec"), s.transitionSec()},
        {QStringLiteral("distance_km"), distance ? QJsonValue(*distance / 1000.0) : QJsonValue()},
        {QStringLiteral("load"), s.load()},
        {QStringLiteral("source"), sourceId(s.first().source)},
        {QStringLiteral("legs"), legs},
    };
}

namespace {

int runActivities(const Invocation& inv, Io& io)
{
    OptionReader r(inv);
    ActivityQuery query;
    query.from = r.date(QStringLiteral("from"));
    query.to = r.date(QStringLiteral("to"));
    const auto sport = readSport(r, QStringLiteral("sport"));
    const QString text = inv.value(QStringLiteral("search"));
    const int limit = r.integer(QStringLiteral("limit"), 1, 1000000).value_or(-1);
    if (query.from && query.to && *query.from > *query.to)
        r.fail(QStringLiteral("--from %1 is after --to %2").arg(isoDate(*query.from), isoDate(*query.to)));
    if (!r.ok())
        return report(io, inv, r.error());

    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    // Sport, text and limit apply to whole sessions: "--sport Swim" keeps the triathlon that holds the swim.
    std::vector<TrainingSession> list;
    for (TrainingSession& s : groupSessions(session->store->activities(session->athlete.id, query)))
        if (s.matches(sport, text))
            list.push_back(std::move(s));
    if (limit > 0 && static_cast<int>(list.size()) > limit)
        list.erase(list.begin(), list.end() - limit);

    if (inv.global.json) {
        QJsonArray json;
        for (const TrainingSession& s : list)
            json.append(s.isMultisport() ? sessionJson(s) : activityJson(s.first()));
        writeJson(io.out, json);
        return kExitOk;
    }
    if (list.empty()) {
        io.out << "No activities.\n";
        return kExitOk;
    }
    using Align = TextTable::Align;
    TextTable table;
    table.addColumn(QStringLiteral("Date"), Align::Left);
    table.addColumn(QStringLiteral("Sport"), Align::Left);
    table.addColumn(QStringLiteral("Title"), Align::Left);
    table.addColumn(QStringLiteral("Duration"));
    table.addColumn(QStringLiteral("Distance (km)"));
    table.addColumn(QStringLiteral("Load"));
    table.addColumn(QStringLiteral("Source"), Align::Left);
    const auto km = [](const std::optional<double>& m) {
        return m ? std::optional<double>(*m / 1000.0) : std::nullopt;
    };
    for (const TrainingSession& s : list) {
        if (!s.isMultisport()) {
            const Activity& a = s.first();
            table.addRow({isoDate(a.localDate()), sportId(a.sport), a.title, clockTime(a.durationSec()),
                          fixedOrDash(km(a.distanceM), 2), fixed(a.load, 1), sourceId(a.source)});
            continue;
        }
        table.addRow({isoDate(s.localDate()), sessionKindId(s.kind), s.title(), clockTime(s.durationSec()),
                      fixedOrDash(km(s.distanceM()), 2), fixed(s.load(), 1), sourceId(s.first().source)});
        // The legs, indented under their session. Every duration of the column reads alike (h:mm:ss, or m:ss under
        // an hour): "1:07" for a race above "11:16" for its swim read as an hour and eleven minutes.
        for (std::size_t i = 0; i < s.legs.size(); ++i) {
            const Activity& leg = s.legs[i];
            const int t = s.transitionNumber(i);
            const bool transition = t > 0;
            table.addRow({QString(), QStringLiteral("  ") + sportId(leg.sport),
                          transition ? QStringLiteral("T%1").arg(t) : leg.title, clockTime(leg.durationSec()),
                          transition ? QStringLiteral("-") : fixedOrDash(km(leg.distanceM), 2), fixed(leg.load, 1),
                          QString()});
        }
    }
    table.write(io.out);
    return kExitOk;
}

} // namespace

std::vector<CommandSpec> activityCommands()
{
    const QString date = QStringLiteral("YYYY-MM-DD");
    CommandSpec add{QStringLiteral("add"),
                    {},
                    QStringLiteral("add a session by hand"),
                    {},
                    0,
                    0,
                    {
                        {QStringLiteral("date"), date, QStringLiteral("the day of the session (required)")},
                        {QStringLiteral("sport"), QStringLiteral("SPORT"), sportList() + QStringLiteral(" (required)")},
                        {QStringLiteral("duration-min"), QStringLiteral("M"), QStringLiteral("minutes (required)")},
                        {QStringLiteral("distance-km"), QStringLiteral("K"), QStringLiteral("distance in km")},
                        {QStringLiteral("tss"), QStringLiteral("T"),
                         QStringLiteral("the session's Load as you rate it; wins over every computed value")},
                        {QStringLiteral("rpe"), QStringLiteral("R"), QStringLiteral("perceived exertion, 1-10")},
                        {QStringLiteral("title"), QStringLiteral("TEXT"), QStringLiteral("a title")},
                        {QStringLiteral("notes"), QStringLiteral("TEXT"), QStringLiteral("notes")},
                        {QStringLiteral("sub-sport"), QStringLiteral("S"),
                         QStringLiteral("finer kind, e.g. TrailRun, VirtualRide")},
                        {QStringLiteral("avg-hr"), QStringLiteral("H"), QStringLiteral("average heart rate, bpm")},
                        {QStringLiteral("avg-power"), QStringLiteral("W"), QStringLiteral("average power, watts")},
                    },
                    runAdd};
    CommandSpec activities{
        QStringLiteral("activities"),
        {},
        QStringLiteral("list activities, one line per session (a race's legs indented under it)"),
        {},
        0,
        0,
        {
            {QStringLiteral("from"), date, QStringLiteral("first day")},
            {QStringLiteral("to"), date, QStringLiteral("last day")},
            {QStringLiteral("sport"), QStringLiteral("SPORT"),
             QStringLiteral("only this sport (a race is listed whole when one of its legs is)")},
            {QStringLiteral("search"), QStringLiteral("TEXT"), QStringLiteral("title or notes contain TEXT")},
            {QStringLiteral("limit"), QStringLiteral("N"), QStringLiteral("only the N most recent sessions")},
        },
        runActivities};
    // "activities show" before "activities": the plain command would otherwise take "show" as its argument.
    return {add, activityShowCommand(), activities};
}

} // namespace tricoach::cli
