// activities show ID: one activity in full, why its load's source was chosen, a pool swim's sets and, for a leg of
// a race, the race's legs.
#include "app/cli/commands.h"
#include "app/cli/context.h"
#include "app/cli/output.h"
#include "app/cli/terminal.h"
#include "core/metrics/swimsets.h"
#include "core/model/paceunit.h"

#include <cmath>

namespace tricoach::cli {

namespace {

// The unit a swim's distances are given in, by its pool.
struct SwimUnit {
    bool yards = false;
    double metres = 1.0;
    QString name = QStringLiteral("m");
};

SwimUnit swimUnitOf(const Activity& a)
{
    SwimUnit u;
    if (a.sport == Sport::Swim && isYardPool(a.poolLengthM)) {
        u.yards = true;
        u.metres = kMetresPerYard;
        u.name = QStringLiteral("yd");
    }
    return u;
}

// "1500 m" / "1650 yd" for swims, "40.12 km" otherwise; "-" when unknown.
QString distanceText(const Activity& a, const std::optional<double>& metres)
{
    if (!metres || a.sport == Sport::Transition)
        return QStringLiteral("-");
    if (a.sport == Sport::Swim) {
        const SwimUnit u = swimUnitOf(a);
        return QStringLiteral("%1 %2").arg(std::llround(*metres / u.metres)).arg(u.name);
    }
    return QStringLiteral("%1 km").arg(fixed(*metres / 1000.0, 2));
}

double speedOf(const Activity& a)
{
    if (a.avgSpeed && *a.avgSpeed > 0)
        return *a.avgSpeed;
    return a.distanceM && a.durationSec() > 0 ? *a.distanceM / a.durationSec() : 0.0;
}

PaceUnit paceUnitOf(const Activity& a)
{
    return paceUnitFor(a.sport, false, swimUnitOf(a).yards);
}

// "1:45 /100 m", "32.4 km/h"; "-" for a transition or when it did not move.
QString paceText(const Activity& a)
{
    const PaceUnit unit = paceUnitOf(a);
    const auto value = paceValue(unit, speedOf(a));
    if (!value)
        return QStringLiteral("-");
    return isPace(unit) ? QStringLiteral("%1 %2").arg(minutesSeconds(*value), paceUnitSuffix(unit))
                        : QStringLiteral("%1 %2").arg(fixed(*value, 1), paceUnitSuffix(unit));
}

QJsonArray setsJson(const Activity& a, const std::vector<SwimSet>& sets)
{
    const SwimUnit u = swimUnitOf(a);
    QJsonArray out;
    for (std::size_t i = 0; i < sets.size(); ++i) {
        const SwimSet& s = sets[i];
        out.append(QJsonObject{
            {QStringLiteral("set"), static_cast<int>(i + 1)},
            {QStringLiteral("first_length"), s.firstLength},
            {QStringLiteral("lengths"), s.lengthCount},
            {QStringLiteral("stroke"), s.strokeType.isEmpty() ? QJsonValue() : QJsonValue(s.strokeType)},
            {QStringLiteral("distance_m"), jsonOrNull(s.distanceM)},
            {QStringLiteral("time_sec"), s.timeSec},
            {QStringLiteral("pace_sec_per_100"), jsonOrNull(s.secondsPer100(u.metres))},
            {QStringLiteral("rest_sec"), s.restSec},
            {QStringLiteral("strokes_per_length"), jsonOrNull(s.strokesPerLength)},
        });
    }
    return out;
}

void writeSets(QTextStream& out, const Activity& a, const std::vector<SwimSet>& sets)
{
    const SwimUnit u = swimUnitOf(a);
    const SwimTotals t = swimTotals(a.lengths, a.poolLengthM);
    out << "\nSets: " << sets.size() << " (" << t.activeLengths << " lengths swum, " << t.idleLengths << " rests)\n";
    TextTable table;
    table.addColumn(QStringLiteral("Set"));
    table.addColumn(QStringLiteral("Stroke"), TextTable::Align::Left);
    table.addColumn(QStringLiteral("Lengths"));
    table.addColumn(QStringLiteral("Distance (%1)").arg(u.name));
    table.addColumn(QStringLiteral("Time"));
    table.addColumn(QStringLiteral("Pace /100 %1").arg(u.name));
    table.addColumn(QStringLiteral("Rest after"));
    table.addColumn(QStringLiteral("Strokes/length"));
    for (std::size_t i = 0; i < sets.size(); ++i) {
        const SwimSet& s = sets[i];
        const auto pace = s.secondsPer100(u.metres);
        table.addRow({QString::number(i + 1), s.strokeType.isEmpty() ? QStringLiteral("-") : s.strokeType,
                      QString::number(s.lengthCount),
                      s.distanceM ? QString::number(std::llround(*s.distanceM / u.metres)) : QStringLiteral("-"),
                      clockTime(s.timeSec), pace ? minutesSeconds(*pace) : QStringLiteral("-"),
                      s.restSec > 0 ? clockTime(s.restSec) : QStringLiteral("-"), fixedOrDash(s.strokesPerLength, 1)});
    }
    table.write(out);
}

void writeLegs(QTextStream& out, const TrainingSession& s, ActivityId shown)
{
    out << "\n" << sessionKindId(s.kind) << " of " << s.legs.size() << " legs: " << clockTime(s.durationSec());
    if (s.transitionSec() > 0)
        out << ", transitions " << clockTime(s.transitionSec());
    out << ", load " << fixed(s.load(), 1) << "\n";
    TextTable table;
    table.addColumn(QStringLiteral("Leg"), TextTable::Align::Left);
    table.addColumn(QStringLiteral("Id"));
    table.addColumn(QStringLiteral("Sport"), TextTable::Align::Left);
    table.addColumn(QStringLiteral("Time"));
    table.addColumn(QStringLiteral("Distance"));
    table.addColumn(QStringLiteral("Pace/speed"));
    table.addColumn(QStringLiteral("Load"));
    int moving = 0;
    for (std::size_t i = 0; i < s.legs.size(); ++i) {
        const Activity& leg = s.legs[i];
        const int t = s.transitionNumber(i);
        const QString name = t > 0 ? QStringLiteral("T%1").arg(t) : QString::number(++moving);
        table.addRow({leg.id == shown ? name + QStringLiteral(" *") : name, QString::number(leg.id), sportId(leg.sport),
                      clockTime(leg.durationSec()), distanceText(leg, leg.distanceM),
                      t > 0 ? QStringLiteral("-") : paceText(leg), fixed(leg.load, 1)});
    }
    table.write(out);
}

int runShow(const Invocation& inv, Io& io)
{
    bool isNumber = false;
    const qlonglong id = inv.positionals.value(0).trimmed().toLongLong(&isNumber);
    if (!isNumber || id <= 0)
        return report(io, inv,
                      usageError(QStringLiteral("\"%1\" is not an activity id (a whole number, as `activities "
                                                "--json` lists them)")
                                     .arg(inv.positionals.value(0))));
    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    auto found = session->store->activity(id, true);
    // An unknown id and another athlete's get the same answer.
    if (!found || found->athleteId != session->athlete.id)
        return report(io, inv,
                      Error{QStringLiteral("no activity %1 for %2; `tricoach-cli activities --json` lists them with "
                                           "their ids")
                                .arg(id)
                                .arg(session->athlete.name),
                            QStringLiteral("cli.not-found")});
    const Activity& a = *found;
    // The race around a leg: its neighbours are stored on the same days.
    std::optional<TrainingSession> race;
    if (!a.multisportKey.isEmpty()) {
        ActivityQuery around;
        around.from = a.localDate().addDays(-1);
        around.to = a.localDate().addDays(1);
        for (TrainingSession& s : groupSessions(session->store->activities(a.athleteId, around)))
            if (s.isMultisport() && s.legIndexOf(a.id) >= 0)
                race = std::move(s);
    }
    const std::vector<SwimSet> sets = swimSets(a.lengths, a.poolLengthM);

    if (inv.global.json) {
        QJsonObject json = activityJson(a);
        const PaceUnit unit = paceUnitOf(a);
        const auto pace = paceValue(unit, speedOf(a));
        json.insert(QStringLiteral("pace"),
                    pace ? QJsonValue(QJsonObject{{QStringLiteral("value"), *pace},
                                                  {QStringLiteral("unit"), paceUnitSuffix(unit)}})
                         : QJsonValue());
        json.insert(QStringLiteral("avg_hr"), jsonOrNull(a.avgHr));
        json.insert(QStringLiteral("pool_length_m"), jsonOrNull(a.poolLengthM));
        json.insert(QStringLiteral("pool_unit"), a.poolLengthM ? QJsonValue(swimUnitOf(a).name) : QJsonValue());
        json.insert(QStringLiteral("laps"), static_cast<int>(a.laps.size()));
        json.insert(QStringLiteral("lengths"), static_cast<int>(a.lengths.size()));
        json.insert(QStringLiteral("sets"), setsJson(a, sets));
        json.insert(QStringLiteral("intensity"), jsonOrNull(a.intensity));
        json.insert(QStringLiteral("load_note"), a.loadNote);
        json.insert(QStringLiteral("notes"), a.notes);
        json.insert(QStringLiteral("session"), race ? QJsonValue(sessionJson(*race)) : QJsonValue());
        writeJson(io.out, json);
        return kExitOk;
    }
    QTextStream& out = io.out;
    const QDateTime local = a.startUtc.addSecs(a.utcOffsetSec);
    out << "Activity " << a.id << ": " << sportId(a.sport);
    if (!a.subSport.isEmpty())
        out << " (" << a.subSport << ")";
    out << " on " << local.toString(QStringLiteral("yyyy-MM-dd HH:mm")) << "\n";
    const auto line = [&](const char* label, const QString& value) {
        out << "  " << QString::fromLatin1(label).leftJustified(10) << value << "\n";
    };
    if (!a.title.isEmpty())
        line("Title", singleLine(a.title));
    line("Time", clockTime(a.durationSec()) + (a.elapsedSec > a.durationSec() + 0.5
                                                   ? QStringLiteral(" (elapsed %1)").arg(clockTime(a.elapsedSec))
                                                   : QString()));
    if (a.sport != Sport::Transition) {
        line("Distance", distanceText(a, a.distanceM));
        line("Pace", paceText(a));
    }
    if (a.avgHr)
        line("Avg HR", fixed(*a.avgHr, 0));
    if (a.avgPower)
        line("Avg power", fixed(*a.avgPower, 0) + QStringLiteral(" W"));
    line("Load", QStringLiteral("%1 (%2%3)")
                     .arg(fixed(a.load, 1), loadSourceId(a.loadSource),
                          a.intensity ? QStringLiteral(", intensity %1").arg(fixed(*a.intensity, 2)) : QString()));
    // Why the load's source was chosen when an earlier one was passed over.
    if (!a.loadNote.isEmpty())
        line("", a.loadNote);
    if (a.poolLengthM)
        line("Pool", distanceText(a, a.poolLengthM));
    if (!a.laps.empty())
        line("Laps", QString::number(a.laps.size()));
    if (!sets.empty())
        writeSets(out, a, sets);
    if (race)
        writeLegs(out, *race, a.id);
    if (!a.notes.isEmpty())
        out << "\nNotes: " << a.notes << "\n";
    return kExitOk;
}

} // namespace

CommandSpec activityShowCommand()
{
    return CommandSpec{QStringLiteral("activities"),
                       QStringLiteral("show"),
                       QStringLiteral("one activity in full: a pool swim's sets, a race leg's legs and transitions"),
                       QStringLiteral("ID"),
                       1,
                       1,
                       {},
                       runShow};
}

} // namespace tricoach::cli
