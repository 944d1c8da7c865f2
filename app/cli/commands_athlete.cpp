// athlete set|show|add|list|estimate: profiles and their dated thresholds.
#include "app/cli/commands.h"
#include "app/cli/context.h"
#include "app/cli/estimates.h"
#include "app/cli/output.h"
#include "app/cli/terminal.h"
#include "app/cli/thresholdfields.h"
#include "core/model/plausible.h"

#include <cmath>

namespace tricoach::cli {

namespace {

QJsonObject updateJson(const ThresholdUpdate& update)
{
    QJsonArray changes;
    for (const ThresholdChange& c : update.stored) {
        QJsonObject entry = thresholdsJson(c.values, false);
        entry.insert(QStringLiteral("from"), isoDate(c.effectiveFrom));
        changes.append(entry);
    }
    return QJsonObject{{QStringLiteral("changes"), changes},
                       {QStringLiteral("recomputed"), QJsonObject{{QStringLiteral("activities"), update.recomputed},
                                                                  {QStringLiteral("changed"), update.changed},
                                                                  {QStringLiteral("from"), isoDate(update.from)},
                                                                  {QStringLiteral("summary"), update.summary()}}}};
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
    const bool estimate = inv.has(QStringLiteral("estimate"));
    if (!estimate && (inv.has(QStringLiteral("on")) || inv.has(QStringLiteral("days"))))
        r.fail(QStringLiteral("--on and --days choose the data of --estimate; give --estimate too"));
    if (!any && !estimate)
        r.fail(QStringLiteral("\"athlete set\" needs at least one threshold, e.g. --ftp 250, or --estimate"));
    if (auto plausible = checkThresholds(change.values); !plausible && r.ok())
        r.fail(plausible.error().message);
    if (!r.ok())
        return report(io, inv, r.error());

    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    QStringList estimatedKeys;
    if (estimate) {
        const EstimateOptions window = estimateWindow(r, *session);
        if (!r.ok())
            return report(io, inv, r.error());
        auto estimated = estimateFor(*session, window);
        if (!estimated)
            return report(io, inv, estimated.error());
        const Thresholds values = estimatedValues(estimated->estimates);
        // Options given together with --estimate win over the estimates.
        for (const Field& f : kFields) {
            if (!(change.values.*(f.member)) && values.*(f.member)) {
                change.values.*(f.member) = values.*(f.member);
                estimatedKeys << QLatin1String(f.key);
            }
        }
        if (change.values == Thresholds{}) {
            QStringList why;
            for (const ThresholdEstimate& e : estimated->estimates)
                why << QStringLiteral("%1: %2").arg(QLatin1String(fieldFor(e.field).label), e.basis);
            return report(io, inv,
                          makeError(QStringLiteral("no threshold could be estimated from the data (%1); set them "
                                                   "with options such as --ftp 250")
                                        .arg(why.join(QStringLiteral("; "))),
                                    QStringLiteral("cli.nothing-estimated")));
        }
    }
    const Thresholds& t = change.values;
    if (t.maxHr && t.restingHr && *t.maxHr <= *t.restingHr)
        return report(io, inv, usageError(QStringLiteral("--max-hr must be above --rest-hr")));

    auto update = session->store->setThresholds(session->athlete.id, change);
    if (!update)
        return report(io, inv, update.error());

    if (inv.global.json) {
        QJsonObject json = thresholdsJson(change.values, false);
        json.insert(QStringLiteral("name"), session->athlete.name);
        json.insert(QStringLiteral("from"), isoDate(change.effectiveFrom));
        json.insert(QStringLiteral("estimated"), QJsonArray::fromStringList(estimatedKeys));
        const QJsonObject details = updateJson(*update);
        for (auto it = details.begin(); it != details.end(); ++it)
            json.insert(it.key(), it.value());
        writeJson(io.out, json);
        return kExitOk;
    }
    for (const ThresholdChange& c : update->stored) {
        const bool moved = c.effectiveFrom != change.effectiveFrom;
        io.out << "Thresholds of " << singleLine(session->athlete.name) << " from " << isoDate(c.effectiveFrom)
               << (moved ? QStringLiteral(" (first values: from the start of the history)") : QString()) << ": "
               << thresholdsText(c.values) << '\n';
    }
    if (!estimatedKeys.isEmpty())
        io.out << "Estimated from the data: " << estimatedKeys.join(QStringLiteral(", ")) << '\n';
    io.out << update->summary() << '\n';
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
                          QStringLiteral("the day the values take effect (default: today); a threshold set for the "
                                         "first time takes effect from the first activity's day")});
    setOptions.push_back({QStringLiteral("estimate"), QString(),
                          QStringLiteral("use the thresholds 'athlete estimate' gives; options given with it win")});
    for (const OptionSpec& o : estimateWindowOptions())
        setOptions.push_back(o);
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
        {athlete,
         QStringLiteral("estimate"),
         QStringLiteral("thresholds estimated from the recordings, with their basis"),
         {},
         0,
         0,
         estimateWindowOptions(),
         runEstimate},
    };
}

} // namespace tricoach::cli
