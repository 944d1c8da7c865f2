// athlete estimate: what the recordings say the thresholds are, next to what is set, and why.
#include "app/cli/estimates.h"
#include "app/cli/output.h"
#include "app/cli/thresholdfields.h"
#include "core/metrics/thresholdsuggest.h"

#include <algorithm>
#include <cmath>

namespace tricoach::cli {

namespace {

constexpr int kMaxWindowDays = 36500;

// The effort's value as the athlete reads it: paces per km or per 100 m, watts and beats as they are.
double effortValue(const Field& f, double value)
{
    return f.kind == Kind::Number ? value : displayValue(f, value);
}

QJsonObject estimateJson(const ThresholdEstimate& e, const std::optional<double>& current)
{
    const Field& f = fieldFor(e.field);
    QJsonArray efforts;
    for (const Effort& effort : e.efforts) {
        efforts.append(QJsonObject{{QStringLiteral("activity_id"), static_cast<qint64>(effort.activity)},
                                   {QStringLiteral("date"), isoDate(effort.day)},
                                   {QStringLiteral("title"), effort.title},
                                   {QStringLiteral("seconds"), effort.seconds},
                                   {QStringLiteral("value"), effortValue(f, effort.value)}});
    }
    const auto shown = [&](const std::optional<double>& v) {
        return v ? QJsonValue(displayValue(f, *v)) : QJsonValue();
    };
    return QJsonObject{
        {QStringLiteral("field"), QLatin1String(f.key)},
        {QStringLiteral("label"), QLatin1String(f.label)},
        {QStringLiteral("unit"), QLatin1String(f.unit)},
        {QStringLiteral("value"), shown(e.value)},
        {QStringLiteral("accept"),
         shown(e.value ? std::optional<double>(roundedThreshold(e.field, *e.value)) : std::nullopt)},
        {QStringLiteral("current"), shown(current)},
        {QStringLiteral("better"), beats(e, current)},
        {QStringLiteral("method"), e.method ? QJsonValue(estimateMethodId(*e.method)) : QJsonValue()},
        {QStringLiteral("missing"), e.missing ? QJsonValue(missingReasonId(*e.missing)) : QJsonValue()},
        {QStringLiteral("basis"), e.basis},
        {QStringLiteral("reserve"), e.reserve ? QJsonValue(*e.reserve) : QJsonValue()},
        {QStringLiteral("efforts"), efforts},
    };
}

} // namespace

std::vector<OptionSpec> estimateWindowOptions()
{
    return {{QStringLiteral("on"), QStringLiteral("YYYY-MM-DD"),
             QStringLiteral("the last day of the data window (default: today, or the last activity's day)")},
            {QStringLiteral("days"), QStringLiteral("N"),
             QStringLiteral("the window's length in days (default 90; the maximum heart rate looks back at least "
                            "365)")}};
}

EstimateOptions estimateWindow(OptionReader& r, const Session& session)
{
    EstimateOptions o;
    o.asOf = r.date(QStringLiteral("on")).value_or(QDate());
    if (!o.asOf.isValid())
        o.asOf = defaultEstimateDay(*session.store, session.athlete.id, today());
    if (auto days = r.integer(QStringLiteral("days"), 1, kMaxWindowDays)) {
        o.windowDays = *days;
        o.maxHrWindowDays = std::max(o.maxHrWindowDays, *days);
    }
    return o;
}

Result<ThresholdEstimates> estimateFor(const Session& session, const EstimateOptions& options)
{
    return estimateThresholds(*session.store, session.athlete.id, options);
}

int runEstimate(const Invocation& inv, Io& io)
{
    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    OptionReader r(inv);
    const EstimateOptions window = estimateWindow(r, *session);
    if (!r.ok())
        return report(io, inv, r.error());
    auto estimated = estimateFor(*session, window);
    if (!estimated)
        return report(io, inv, estimated.error());
    const EstimateOptions& o = estimated->options;
    // What the athlete has now, which is what an estimate would replace.
    const Thresholds current = session->store->thresholdHistory(session->athlete.id).at(std::max(o.asOf, today()));

    if (inv.global.json) {
        QJsonArray list;
        for (const ThresholdEstimate& e : estimated->estimates)
            list.append(estimateJson(e, current.*(thresholdMember(e.field))));
        writeJson(io.out, QJsonObject{{QStringLiteral("name"), session->athlete.name},
                                      {QStringLiteral("on"), isoDate(o.asOf)},
                                      {QStringLiteral("from"), isoDate(o.windowStart())},
                                      {QStringLiteral("days"), o.windowDays},
                                      {QStringLiteral("max_hr_days"), o.maxHrWindowDays},
                                      {QStringLiteral("activities"), estimated->activitiesRead},
                                      {QStringLiteral("estimates"), list}});
        return kExitOk;
    }
    io.out << "Threshold estimates for " << session->athlete.name << " from the " << o.windowDays << " days to "
           << isoDate(o.asOf) << " (" << estimated->activitiesRead << " activities read; maximum heart rate over "
           << o.maxHrWindowDays << " days):\n";
    TextTable table;
    table.addColumn(QStringLiteral("Threshold"), TextTable::Align::Left);
    table.addColumn(QStringLiteral("Estimate"));
    table.addColumn(QStringLiteral("Now"));
    table.addColumn(QStringLiteral("Basis"), TextTable::Align::Left);
    int offered = 0;
    for (const ThresholdEstimate& e : estimated->estimates) {
        const Field& f = fieldFor(e.field);
        const std::optional<double> rounded =
            e.value ? std::optional<double>(roundedThreshold(e.field, *e.value)) : std::nullopt;
        offered += e.value ? 1 : 0;
        table.addRow({QLatin1String(f.label), displayText(f, rounded), displayText(f, current.*(f.member)),
                      e.value ? e.basis : QStringLiteral("not enough data: ") + e.basis});
    }
    table.write(io.out);
    if (offered > 0)
        io.out << "\nAccept them with 'tricoach-cli athlete set --estimate' (options given with it win).\n";
    else
        io.out << "\nNothing could be estimated yet; set thresholds with 'tricoach-cli athlete set'.\n";
    return kExitOk;
}

} // namespace tricoach::cli
