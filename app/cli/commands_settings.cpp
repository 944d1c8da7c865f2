// settings show|set: the athlete's metric settings (load precedence, chart time constants, analysis lines).
#include "app/cli/commands.h"
#include "app/cli/context.h"
#include "app/cli/output.h"

#include <algorithm>

namespace tricoach::cli {

namespace {

// "pmc.fitness_days  42" lines: every setting on its own line, greppable.
void flatten(const QJsonObject& json, const QString& prefix, std::vector<std::pair<QString, QString>>& into)
{
    for (auto it = json.begin(); it != json.end(); ++it) {
        const QString key = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
        const QJsonValue v = it.value();
        if (v.isObject()) {
            flatten(v.toObject(), key, into);
        } else if (v.isArray()) {
            QStringList items;
            for (const QJsonValue& item : v.toArray())
                items << item.toVariant().toString();
            into.emplace_back(key, items.join(QLatin1Char(',')));
        } else {
            into.emplace_back(key, v.toVariant().toString());
        }
    }
}

void writeFlat(QTextStream& out, const QJsonObject& json)
{
    std::vector<std::pair<QString, QString>> lines;
    flatten(json, {}, lines);
    qsizetype width = 0;
    for (const auto& line : lines)
        width = std::max(width, line.first.size());
    for (const auto& [key, value] : lines)
        out << key.leftJustified(width + 2) << value << '\n';
}

void writeSettings(const Invocation& inv, Io& io, const MetricSettings& settings)
{
    if (inv.global.json) {
        writeJson(io.out, settings.toJson());
        return;
    }
    writeFlat(io.out, settings.toJson());
    io.out.flush();
}

int runShow(const Invocation& inv, Io& io)
{
    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    writeSettings(inv, io, session->store->metricSettings(session->athlete.id));
    return kExitOk;
}

// "Run=power,pace,hr" → the sport and its order; the user's own load always wins and cannot be listed.
std::optional<std::pair<Sport, std::vector<LoadSource>>> parsePrecedence(OptionReader& r, const QString& text)
{
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    const auto sport = eq > 0 ? sportFromString(QStringView(text).left(eq)) : std::nullopt;
    if (!sport) {
        r.fail(QStringLiteral("--precedence: \"%1\" should look like Run=power,pace,hr,rpe,estimate").arg(text));
        return std::nullopt;
    }
    std::vector<LoadSource> order;
    for (const QString& item : text.mid(eq + 1).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto source = loadSourceFromString(item.trimmed());
        if (!source || *source == LoadSource::User || *source == LoadSource::None) {
            r.fail(QStringLiteral("--precedence: \"%1\" is not one of power, pace, hr, rpe, estimate").arg(item));
            return std::nullopt;
        }
        order.push_back(*source);
    }
    if (order.empty()) {
        r.fail(QStringLiteral("--precedence: no load sources given for %1").arg(sportId(*sport)));
        return std::nullopt;
    }
    return std::make_pair(*sport, order);
}

int runSet(const Invocation& inv, Io& io)
{
    OptionReader r(inv);
    // The Settings page's ranges: outside them the chart stops meaning Fitness and Fatigue.
    const auto fitness = r.number(QStringLiteral("fitness-days"), 7, false, 90);
    const auto fatigue = r.number(QStringLiteral("fatigue-days"), 2, false, 21);
    std::map<Sport, std::vector<LoadSource>> precedence;
    for (const QString& text : inv.values(QStringLiteral("precedence"))) {
        if (auto p = parsePrecedence(r, text))
            precedence[p->first] = p->second;
    }
    if (!fitness && !fatigue && precedence.empty() && r.ok())
        r.fail(QStringLiteral("\"settings set\" needs at least one of --fitness-days, --fatigue-days, --precedence"));
    if (!r.ok())
        return report(io, inv, r.error());

    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    MetricSettings settings = session->store->metricSettings(session->athlete.id);
    if (fitness)
        settings.pmc.fitnessDays = *fitness;
    if (fatigue)
        settings.pmc.fatigueDays = *fatigue;
    for (const auto& [sport, order] : precedence)
        settings.load.precedence[sport] = order;
    if (auto saved = session->store->setMetricSettings(session->athlete.id, settings); !saved)
        return report(io, inv, saved.error());
    writeSettings(inv, io, session->store->metricSettings(session->athlete.id));
    return kExitOk;
}

} // namespace

std::vector<CommandSpec> settingsCommands()
{
    const QString settings = QStringLiteral("settings");
    return {
        {settings, QStringLiteral("show"), QStringLiteral("the athlete's metric settings"), {}, 0, 0, {}, runShow},
        {settings,
         QStringLiteral("set"),
         QStringLiteral("change metric settings (loads are recomputed)"),
         {},
         0,
         0,
         {
             {QStringLiteral("fitness-days"), QStringLiteral("N"), QStringLiteral("Fitness time constant (42)")},
             {QStringLiteral("fatigue-days"), QStringLiteral("N"), QStringLiteral("Fatigue time constant (7)")},
             {QStringLiteral("precedence"), QStringLiteral("SPORT=power,pace,hr,rpe,estimate"),
              QStringLiteral("order in which load sources are tried for SPORT (repeatable)"), true},
         },
         runSet},
    };
}

} // namespace tricoach::cli
