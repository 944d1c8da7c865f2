// athlete set|show|add|list: profiles and their dated thresholds.
#include "app/cli/commands.h"
#include "app/cli/context.h"
#include "app/cli/output.h"
#include "app/cli/terminal.h"
#include "core/model/plausible.h"

#include <array>
#include <cmath>

namespace tricoach::cli {

namespace {

// How a threshold is typed in and shown: paces are entered as MM:SS and stored as speeds.
enum class Kind { Number, PacePerKm, PacePer100m };

struct Field {
    const char* option; // athlete set --option
    const char* key;    // JSON key
    const char* label;  // human label
    const char* unit;
    std::optional<double> Thresholds::*member;
    Kind kind;
};

constexpr std::array<Field, 10> kFields{{
    {"ftp", "ftp", "FTP", "W", &Thresholds::ftpWatts, Kind::Number},
    {"run-power", "run_power", "Run threshold power", "W", &Thresholds::runPowerWatts, Kind::Number},
    {"lthr-run", "lthr_run", "LTHR run", "bpm", &Thresholds::lthrRun, Kind::Number},
    {"lthr-bike", "lthr_bike", "LTHR bike", "bpm", &Thresholds::lthrBike, Kind::Number},
    {"lthr-swim", "lthr_swim", "LTHR swim", "bpm", &Thresholds::lthrSwim, Kind::Number},
    {"max-hr", "max_hr", "Max HR", "bpm", &Thresholds::maxHr, Kind::Number},
    {"rest-hr", "rest_hr", "Resting HR", "bpm", &Thresholds::restingHr, Kind::Number},
    {"threshold-pace", "threshold_pace_sec_per_km", "Threshold pace", "/km", &Thresholds::runThresholdSpeed,
     Kind::PacePerKm},
    {"css", "css_sec_per_100m", "CSS", "/100 m", &Thresholds::cssSpeed, Kind::PacePer100m},
    {"weight", "weight_kg", "Weight", "kg", &Thresholds::weightKg, Kind::Number},
}};

double metresPer(Kind kind)
{
    return kind == Kind::PacePerKm ? 1000.0 : 100.0;
}

// The value as the athlete thinks of it: seconds per km / per 100 m for paces. Rounded to a microsecond so a
// pace typed as 1:45 reads back as 105, not 105.00000000000001 after the trip through a speed.
double displayValue(const Field& f, double stored)
{
    if (f.kind == Kind::Number)
        return stored;
    return std::round(metresPer(f.kind) / stored * 1e6) / 1e6;
}

QString displayText(const Field& f, const std::optional<double>& stored)
{
    if (!stored)
        return QStringLiteral("-");
    if (f.kind == Kind::Number)
        return QString::number(*stored) + QLatin1Char(' ') + QLatin1String(f.unit);
    return minutesSeconds(displayValue(f, *stored)) + QLatin1Char(' ') + QLatin1String(f.unit);
}

QJsonObject thresholdsJson(const Thresholds& t, bool withNulls)
{
    QJsonObject json;
    for (const Field& f : kFields) {
        const std::optional<double>& v = t.*(f.member);
        if (v)
            json.insert(QLatin1String(f.key), displayValue(f, *v));
        else if (withNulls)
            json.insert(QLatin1String(f.key), QJsonValue());
    }
    return json;
}

int runSet(const Invocation& inv, Io& io)
{
    OptionReader r(inv);
    ThresholdChange change;
    change.effectiveFrom = r.date(QStringLiteral("from")).value_or(today());
    bool any = false;
    for (const Field& f : kFields) {
        const QString name = QLatin1String(f.option);
        std::optional<double> v;
        if (f.kind == Kind::Number) {
            v = r.number(name, 0, true);
        } else if (auto seconds = r.minutesSeconds(name)) {
            v = metresPer(f.kind) / *seconds;
        }
        any = any || inv.has(name);
        change.values.*(f.member) = v;
    }
    if (!any)
        r.fail(QStringLiteral("\"athlete set\" needs at least one threshold, e.g. --ftp 250"));
    const Thresholds& t = change.values;
    if (t.maxHr && t.restingHr && *t.maxHr <= *t.restingHr)
        r.fail(QStringLiteral("--max-hr must be above --rest-hr"));
    else if (auto plausible = checkThresholds(t); !plausible && r.ok())
        r.fail(plausible.error().message);
    if (!r.ok())
        return report(io, inv, r.error());

    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    if (auto added = session->store->addThresholdChange(session->athlete.id, change); !added)
        return report(io, inv, added.error());

    if (inv.global.json) {
        QJsonObject json = thresholdsJson(change.values, false);
        json.insert(QStringLiteral("name"), session->athlete.name);
        json.insert(QStringLiteral("from"), isoDate(change.effectiveFrom));
        writeJson(io.out, json);
        return kExitOk;
    }
    QStringList parts;
    for (const Field& f : kFields) {
        if (const auto& v = change.values.*(f.member))
            parts << QLatin1String(f.label) + QLatin1Char(' ') + displayText(f, v);
    }
    io.out << "Thresholds of " << singleLine(session->athlete.name) << " from " << isoDate(change.effectiveFrom) << ": "
           << parts.join(QStringLiteral(", ")) << '\n';
    return kExitOk;
}

int runShow(const Invocation& inv, Io& io)
{
    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    const ThresholdHistory history = session->store->thresholdHistory(session->athlete.id);
    const QDate day = today();
    const Thresholds current = history.at(day);

    if (inv.global.json) {
        QJsonArray changes;
        for (const ThresholdChange& c : history.changes()) {
            QJsonObject entry{{QStringLiteral("from"), isoDate(c.effectiveFrom)}};
            const QJsonObject values = thresholdsJson(c.values, false);
            for (auto it = values.begin(); it != values.end(); ++it)
                entry.insert(it.key(), it.value());
            changes.append(entry);
        }
        writeJson(io.out, QJsonObject{{QStringLiteral("name"), session->athlete.name},
                                      {QStringLiteral("current"), thresholdsJson(current, true)},
                                      {QStringLiteral("history"), changes}});
        return kExitOk;
    }
    io.out << "Athlete: " << singleLine(session->athlete.name) << '\n';
    io.out << "Thresholds on " << isoDate(day) << ":\n";
    for (const Field& f : kFields) {
        const auto& v = current.*(f.member);
        io.out << "  " << QString(QLatin1String(f.label)).leftJustified(20)
               << (v ? displayText(f, v) : QStringLiteral("not set")) << '\n';
    }
    if (history.changes().empty()) {
        io.out << "\nNo thresholds set yet; set them with 'tricoach-cli athlete set'.\n";
        return kExitOk;
    }
    io.out << "\nHistory:\n";
    TextTable table;
    table.addColumn(QStringLiteral("From"), TextTable::Align::Left);
    for (const Field& f : kFields)
        table.addColumn(QLatin1String(f.label));
    for (const ThresholdChange& c : history.changes()) {
        QStringList row{isoDate(c.effectiveFrom)};
        for (const Field& f : kFields)
            row << displayText(f, c.values.*(f.member));
        table.addRow(row);
    }
    table.write(io.out);
    return kExitOk;
}

int runAdd(const Invocation& inv, Io& io)
{
    // The name is positional; --athlete NAME names it too, so "--athlete Anna athlete add" works.
    const QString name = inv.positionals.isEmpty() ? inv.global.athlete.value_or(QString()) : inv.positionals.first();
    if (name.trimmed().isEmpty())
        return report(io, inv, usageError(QStringLiteral("\"athlete add\" needs NAME")));
    auto store = openStore(inv);
    if (!store)
        return report(io, inv, store.error());
    auto created = (*store)->createAthlete(name);
    if (!created)
        return report(io, inv, created.error());
    if (inv.global.json) {
        writeJson(io.out, QJsonObject{{QStringLiteral("id"), static_cast<qint64>(created->id)},
                                      {QStringLiteral("name"), created->name}});
    } else {
        io.out << "Created athlete \"" << singleLine(created->name) << "\" (id " << created->id << ")\n";
    }
    return kExitOk;
}

int runList(const Invocation& inv, Io& io)
{
    auto store = openStore(inv);
    if (!store)
        return report(io, inv, store.error());
    const std::vector<Athlete> athletes = (*store)->athletes();
    if (inv.global.json) {
        QJsonArray json;
        for (const Athlete& a : athletes) {
            json.append(QJsonObject{{QStringLiteral("id"), static_cast<qint64>(a.id)},
                                    {QStringLiteral("name"), a.name},
                                    {QStringLiteral("activities"), (*store)->activityCount(a.id)}});
        }
        writeJson(io.out, json);
        return kExitOk;
    }
    if (athletes.empty()) {
        io.out << "No athletes yet.\n";
        return kExitOk;
    }
    TextTable table;
    table.addColumn(QStringLiteral("Id"));
    table.addColumn(QStringLiteral("Name"), TextTable::Align::Left);
    table.addColumn(QStringLiteral("Activities"));
    for (const Athlete& a : athletes)
        table.addRow({QString::number(a.id), a.name, QString::number((*store)->activityCount(a.id))});
    table.write(io.out);
    return kExitOk;
}

} // namespace

std::vector<CommandSpec> athleteCommands()
{
    const QString athlete = QStringLiteral("athlete");
    std::vector<OptionSpec> setOptions;
    for (const Field& f : kFields) {
        const QString valueName = f.kind == Kind::Number ? QStringLiteral("VALUE") : QStringLiteral("MM:SS");
        setOptions.push_back({QLatin1String(f.option), valueName,
                              QStringLiteral("%1 (%2)").arg(QLatin1String(f.label), QLatin1String(f.unit))});
    }
    setOptions.push_back({QStringLiteral("from"), QStringLiteral("YYYY-MM-DD"),
                          QStringLiteral("the day the values take effect (default: today)")});
    return {
        {athlete,
         QStringLiteral("set"),
         QStringLiteral("record thresholds from a day on"),
         {},
         0,
         0,
         setOptions,
         runSet},
        {athlete,
         QStringLiteral("show"),
         QStringLiteral("current thresholds and their history"),
         {},
         0,
         0,
         {},
         runShow},
        {athlete,
         QStringLiteral("add"),
         QStringLiteral("create an athlete profile"),
         QStringLiteral("NAME"),
         0,
         1,
         {},
         runAdd},
        {athlete, QStringLiteral("list"), QStringLiteral("list the athlete profiles"), {}, 0, 0, {}, runList},
    };
}

} // namespace tricoach::cli
