// pmc and analyze: the Performance Management Chart and the training-load analysis of one day.
#include "app/cli/commands.h"
#include "app/cli/context.h"
#include "app/cli/output.h"
#include "core/metrics/analysis.h"
#include "core/model/plausible.h"

#include <algorithm>

namespace tricoach::cli {

namespace {

// The default chart shows the last 90 days, today included.
constexpr int kDefaultChartDays = 90;

int runPmc(const Invocation& inv, Io& io)
{
    OptionReader r(inv);
    const auto fromOpt = r.date(QStringLiteral("from"));
    const auto toOpt = r.date(QStringLiteral("to"));
    if (!r.ok())
        return report(io, inv, r.error());
    const QDate to = toOpt.value_or(today());
    const QDate from = fromOpt.value_or(to.addDays(1 - kDefaultChartDays));
    if (from > to)
        return report(io, inv,
                      usageError(QStringLiteral("--from %1 is after --to %2").arg(isoDate(from), isoDate(to))));

    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    const std::vector<PmcDay> chart = session->store->pmc(session->athlete.id, from, to);

    if (inv.global.json) {
        QJsonArray json;
        for (const PmcDay& d : chart) {
            json.append(QJsonObject{{QStringLiteral("date"), isoDate(d.date)},
                                    {QStringLiteral("tss"), d.load},
                                    {QStringLiteral("ctl"), d.ctl},
                                    {QStringLiteral("atl"), d.atl},
                                    {QStringLiteral("tsb"), d.tsb}});
        }
        writeJson(io.out, json);
        return kExitOk;
    }
    TextTable table;
    table.addColumn(QStringLiteral("Date"), TextTable::Align::Left);
    table.addColumn(QStringLiteral("Load"));
    table.addColumn(QStringLiteral("Fitness"));
    table.addColumn(QStringLiteral("Fatigue"));
    table.addColumn(QStringLiteral("Form"));
    for (const PmcDay& d : chart)
        table.addRow({isoDate(d.date), fixed(d.load, 1), fixed(d.ctl, 1), fixed(d.atl, 1), fixed(d.tsb, 1)});
    table.write(io.out);
    const PmcSettings pmc = session->store->metricSettings(session->athlete.id).pmc;
    io.out << QStringLiteral("\nForm is yesterday's Fitness − Fatigue; Fitness and Fatigue are %1- and %2-day "
                             "exponentially weighted loads.\n")
                  .arg(QString::number(pmc.fitnessDays), QString::number(pmc.fatigueDays));
    return kExitOk;
}

int runAnalyze(const Invocation& inv, Io& io)
{
    OptionReader r(inv);
    const QDate day = r.date(QStringLiteral("date")).value_or(today());
    if (!r.ok())
        return report(io, inv, r.error());

    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    const AnalysisThresholds thresholds = session->store->metricSettings(session->athlete.id).analysis;
    // The ramp rate compares `day` with a week earlier, so the chart must reach back 7 days; a break is told from
    // the last load, so it reaches back to the first believable activity.
    QDate from = day.addDays(-7);
    if (const auto first =
            session->store->firstActivityDate(session->athlete.id, plausible::firstBelievableActivityDay()))
        from = std::min(from, first->addDays(-1));
    const std::vector<PmcDay> chart = session->store->pmc(session->athlete.id, from, day);
    const TrainingLoadAnalysis a = analyzeTrainingLoad(chart, day, thresholds);

    if (inv.global.json) {
        QJsonArray recommendations;
        for (const QString& line : a.recommendations)
            recommendations.append(line);
        writeJson(io.out, QJsonObject{{QStringLiteral("ramp_rate"), a.rampRate},
                                      {QStringLiteral("risk_level"), riskLevelId(a.riskLevel)},
                                      {QStringLiteral("current_ctl"), a.currentCtl},
                                      {QStringLiteral("current_atl"), a.currentAtl},
                                      {QStringLiteral("current_tsb"), a.currentTsb},
                                      {QStringLiteral("form_status"), formStatusId(a.formStatus)},
                                      {QStringLiteral("recommendations"), recommendations}});
        return kExitOk;
    }
    auto line = [&io](const QString& label, const QString& value) {
        io.out << (label + QLatin1Char(':')).leftJustified(14) << value << '\n';
    };
    io.out << "Training load on " << isoDate(day) << '\n';
    line(QStringLiteral("Ramp rate"), QStringLiteral("%1 Fitness points a week (optimal %2 to %3)")
                                          .arg(fixed(a.rampRate, 1), QString::number(thresholds.rampOptimalMin),
                                               QString::number(thresholds.rampOptimalMax)));
    line(QStringLiteral("Risk"), riskLevelId(a.riskLevel));
    line(QStringLiteral("Fitness"), fixed(a.currentCtl, 1));
    line(QStringLiteral("Fatigue"), fixed(a.currentAtl, 1));
    line(QStringLiteral("Form"), fixed(a.currentTsb, 1));
    line(QStringLiteral("Form status"), formStatusId(a.formStatus));
    // The ramp and the Form bands assume an athlete who trains: say plainly when that is not so.
    switch (a.state) {
    case TrainingState::NoHistory:
        line(QStringLiteral("Training"), QStringLiteral("none recorded yet"));
        break;
    case TrainingState::Break:
        line(QStringLiteral("Training"),
             a.lastTraining ? QStringLiteral("a break: no load for %1 days, the last on %2")
                                  .arg(a.daysWithoutTraining)
                                  .arg(isoDate(*a.lastTraining))
                            : QStringLiteral("a break: no load for at least %1 days").arg(a.daysWithoutTraining));
        break;
    case TrainingState::LowFitness:
        line(QStringLiteral("Training"), QStringLiteral("too little Fitness yet for the ramp and Form to mean much"));
        break;
    case TrainingState::Training:
        break;
    }
    if (!a.recommendations.isEmpty()) {
        io.out << "Recommendations:\n";
        for (const QString& rec : a.recommendations)
            io.out << QStringLiteral("  • ") << rec << '\n';
    }
    io.out.flush();
    return kExitOk;
}

} // namespace

std::vector<CommandSpec> chartCommands()
{
    const QString date = QStringLiteral("YYYY-MM-DD");
    CommandSpec pmc{QStringLiteral("pmc"),
                    {},
                    QStringLiteral("daily Load, Fitness, Fatigue and Form"),
                    {},
                    0,
                    0,
                    {
                        {QStringLiteral("from"), date, QStringLiteral("first day (default: 89 days before --to)")},
                        {QStringLiteral("to"), date, QStringLiteral("last day (default: today)")},
                    },
                    runPmc};
    CommandSpec analyze{QStringLiteral("analyze"),
                        {},
                        QStringLiteral("ramp rate, risk and advice for one day"),
                        {},
                        0,
                        0,
                        {{QStringLiteral("date"), date, QStringLiteral("the day to analyse (default: today)")}},
                        runAnalyze};
    return {pmc, analyze};
}

} // namespace tricoach::cli
