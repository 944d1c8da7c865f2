// heatmap: a year of training at a glance, one character per day, weeks as columns.
#include "app/cli/commands.h"
#include "app/cli/context.h"
#include "app/cli/output.h"
#include "core/metrics/volume.h"

#include <QLocale>

#include <algorithm>
#include <array>

namespace tricoach::cli {

namespace {

constexpr int kDefaultHeatmapDays = 365;

// Load bands: the quartiles of the days that had training, so the grid stays readable at any volume.
struct Bands {
    std::vector<double> upper; // upper bounds of the three lower bands; the fourth is open
    static constexpr std::array<const char16_t*, 4> kGlyphs{u"░", u"▒", u"▓", u"█"};

    static Bands of(const std::vector<HeatmapDay>& days)
    {
        std::vector<double> loads;
        for (const HeatmapDay& d : days) {
            if (d.totals.count > 0)
                loads.push_back(d.totals.load);
        }
        Bands b;
        if (loads.empty())
            return b;
        std::sort(loads.begin(), loads.end());
        for (int q = 1; q <= 3; ++q) {
            // Nearest-rank quartile.
            const auto rank = (q * loads.size() + 3) / 4;
            b.upper.push_back(loads[std::max<std::size_t>(rank, 1) - 1]);
        }
        return b;
    }

    QString glyph(const HeatmapDay& d) const
    {
        if (d.totals.count == 0)
            return QStringLiteral(".");
        std::size_t band = 0;
        while (band < upper.size() && d.totals.load > upper[band])
            ++band;
        return QString::fromUtf16(kGlyphs[band]);
    }
};

void writeGrid(QTextStream& out, const std::vector<HeatmapDay>& days, const QDate& from, const QDate& to)
{
    const Bands bands = Bands::of(days);
    const QDate firstMonday = weekStartOf(from);
    const auto columns = static_cast<int>(firstMonday.daysTo(weekStartOf(to)) / 7 + 1);
    constexpr int kLabelWidth = 4;

    // Month names above the first week whose Monday falls in the month, when there is room for them.
    QString header(kLabelWidth + columns + 3, QLatin1Char(' '));
    int freeFrom = 0;
    int previousMonth = 0;
    for (int c = 0; c < columns; ++c) {
        const QDate day = std::max(firstMonday.addDays(7LL * c), from);
        if (day.month() == previousMonth)
            continue;
        previousMonth = day.month();
        if (c < freeFrom)
            continue;
        const QString name = QLocale::c().monthName(day.month(), QLocale::ShortFormat);
        header.replace(kLabelWidth + c, name.size(), name);
        freeFrom = c + static_cast<int>(name.size()) + 1;
    }
    while (header.endsWith(QLatin1Char(' ')))
        header.chop(1);
    out << header << '\n';

    for (int weekday = 1; weekday <= 7; ++weekday) {
        QString row = QLocale::c().dayName(weekday, QLocale::ShortFormat).leftJustified(kLabelWidth);
        for (int c = 0; c < columns; ++c) {
            const QDate day = firstMonday.addDays(7LL * c + weekday - 1);
            if (day < from || day > to) {
                row += QLatin1Char(' ');
                continue;
            }
            row += bands.glyph(days[static_cast<std::size_t>(from.daysTo(day))]);
        }
        while (row.endsWith(QLatin1Char(' ')))
            row.chop(1);
        out << row << '\n';
    }

    QString legend = QStringLiteral("\n. no training");
    for (std::size_t b = 0; b < Bands::kGlyphs.size() && !bands.upper.empty(); ++b) {
        // With few training days quartiles coincide; a band that can never be drawn is left out.
        if (b > 0 && b < bands.upper.size() && bands.upper[b] == bands.upper[b - 1])
            continue;
        legend += QStringLiteral("   ") + QString::fromUtf16(Bands::kGlyphs[b]);
        legend += b < bands.upper.size() ? QStringLiteral(" up to %1").arg(fixed(bands.upper[b], 0))
                                         : QStringLiteral(" above %1").arg(fixed(bands.upper.back(), 0));
    }
    out << legend << "  (daily Load, quartiles of the training days)\n";

    VolumeTotals total;
    int trainingDays = 0;
    for (const HeatmapDay& d : days) {
        trainingDays += d.totals.count > 0 ? 1 : 0;
        total.count += d.totals.count;
        total.hours += d.totals.hours;
        total.load += d.totals.load;
    }
    out << QStringLiteral("%1 to %2: %3 training days, %4 activities, %5 h, Load %6\n")
               .arg(isoDate(from), isoDate(to))
               .arg(trainingDays)
               .arg(total.count)
               .arg(fixed(total.hours, 1), fixed(total.load, 0));
    out.flush();
}

int runHeatmap(const Invocation& inv, Io& io)
{
    OptionReader r(inv);
    const auto fromOpt = r.date(QStringLiteral("from"));
    const QDate to = r.date(QStringLiteral("to")).value_or(today());
    if (!r.ok())
        return report(io, inv, r.error());
    const QDate from = fromOpt.value_or(to.addDays(1 - kDefaultHeatmapDays));
    if (from > to)
        return report(io, inv,
                      usageError(QStringLiteral("--from %1 is after --to %2").arg(isoDate(from), isoDate(to))));

    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    ActivityQuery query;
    query.from = from;
    query.to = to;
    const std::vector<HeatmapDay> days = dailyHeatmap(session->store->activities(session->athlete.id, query), from, to);

    if (inv.global.json) {
        QJsonArray json;
        for (const HeatmapDay& d : days) {
            json.append(QJsonObject{{QStringLiteral("date"), isoDate(d.date)},
                                    {QStringLiteral("load"), d.totals.load},
                                    {QStringLiteral("hours"), d.totals.hours},
                                    {QStringLiteral("count"), d.totals.count}});
        }
        writeJson(io.out, json);
        return kExitOk;
    }
    writeGrid(io.out, days, from, to);
    return kExitOk;
}

} // namespace

std::vector<CommandSpec> heatmapCommands()
{
    const QString date = QStringLiteral("YYYY-MM-DD");
    return {{QStringLiteral("heatmap"),
             {},
             QStringLiteral("a calendar grid of daily Load"),
             {},
             0,
             0,
             {
                 {QStringLiteral("from"), date, QStringLiteral("first day (default: 364 days before --to)")},
                 {QStringLiteral("to"), date, QStringLiteral("last day (default: today)")},
             },
             runHeatmap}};
}

} // namespace tricoach::cli
