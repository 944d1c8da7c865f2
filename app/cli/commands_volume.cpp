// volume and distribution: weekly hours, distance and load, and each sport's share of them.
#include "app/cli/commands.h"
#include "app/cli/context.h"
#include "app/cli/output.h"
#include "core/metrics/volume.h"

namespace tricoach::cli {

namespace {

constexpr int kDefaultWeeks = 12;
constexpr int kMaxWeeks = 52 * 50;

// The period both commands cover: `weeks` Monday-to-Sunday weeks ending with the week containing `lastDay`.
struct WeekRange {
    QDate lastDay;
    int weeks = kDefaultWeeks;
    QDate first() const { return weekStartOf(lastDay).addDays(-7LL * (weeks - 1)); }
    QDate last() const { return weekStartOf(lastDay).addDays(6); }
};

std::optional<WeekRange> readRange(OptionReader& r)
{
    WeekRange range;
    range.weeks = r.integer(QStringLiteral("weeks"), 1, kMaxWeeks).value_or(kDefaultWeeks);
    range.lastDay = r.date(QStringLiteral("to")).value_or(today());
    return r.ok() ? std::optional<WeekRange>(range) : std::nullopt;
}

std::vector<Activity> activitiesIn(const Session& session, const WeekRange& range)
{
    ActivityQuery query;
    query.from = range.first();
    query.to = range.last();
    return session.store->activities(session.athlete.id, query);
}

QJsonObject totalsJson(const VolumeTotals& t)
{
    return QJsonObject{{QStringLiteral("count"), t.count},
                       {QStringLiteral("hours"), t.hours},
                       {QStringLiteral("distance_km"), t.distanceKm},
                       {QStringLiteral("load"), t.load}};
}

int runVolume(const Invocation& inv, Io& io)
{
    OptionReader r(inv);
    const auto range = readRange(r);
    if (!range)
        return report(io, inv, r.error());
    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    const std::vector<WeeklyVolume> weeks = weeklyVolume(activitiesIn(*session, *range), range->lastDay, range->weeks);

    if (inv.global.json) {
        QJsonArray json;
        for (const WeeklyVolume& w : weeks) {
            QJsonObject sports;
            for (const auto& [sport, totals] : w.bySport)
                sports.insert(sportId(sport), totalsJson(totals));
            json.append(QJsonObject{{QStringLiteral("week_start"), isoDate(w.weekStart)},
                                    {QStringLiteral("total"), totalsJson(w.total)},
                                    {QStringLiteral("sports"), sports}});
        }
        writeJson(io.out, json);
        return kExitOk;
    }
    // Only sports trained in the period get columns; a triathlete's table stays readable.
    std::vector<Sport> sports;
    for (Sport s : kAllSports) {
        for (const WeeklyVolume& w : weeks) {
            if (w.bySport.count(s) != 0) {
                sports.push_back(s);
                break;
            }
        }
    }
    TextTable table;
    table.addColumn(QStringLiteral("Week"), TextTable::Align::Left);
    for (Sport s : sports) {
        table.addColumn(sportId(s) + QStringLiteral(" h"));
        table.addColumn(sportId(s) + QStringLiteral(" km"));
        table.addColumn(sportId(s) + QStringLiteral(" load"));
    }
    table.addColumn(QStringLiteral("Total h"));
    table.addColumn(QStringLiteral("Total km"));
    table.addColumn(QStringLiteral("Total load"));
    for (const WeeklyVolume& w : weeks) {
        QStringList row{isoDate(w.weekStart)};
        for (Sport s : sports) {
            auto it = w.bySport.find(s);
            const VolumeTotals t = it == w.bySport.end() ? VolumeTotals{} : it->second;
            row << fixed(t.hours, 1) << fixed(t.distanceKm, 1) << fixed(t.load, 1);
        }
        row << fixed(w.total.hours, 1) << fixed(w.total.distanceKm, 1) << fixed(w.total.load, 1);
        table.addRow(row);
    }
    table.write(io.out);
    return kExitOk;
}

int runDistribution(const Invocation& inv, Io& io)
{
    OptionReader r(inv);
    const auto range = readRange(r);
    if (!range)
        return report(io, inv, r.error());
    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    const std::vector<SportShare> shares =
        sportDistribution(activitiesIn(*session, *range), range->lastDay, range->weeks);

    if (inv.global.json) {
        QJsonArray json;
        for (const SportShare& s : shares) {
            json.append(QJsonObject{{QStringLiteral("sport"), sportId(s.sport)},
                                    {QStringLiteral("count"), s.totals.count},
                                    {QStringLiteral("hours"), s.totals.hours},
                                    {QStringLiteral("distance_km"), s.totals.distanceKm},
                                    {QStringLiteral("load"), s.totals.load},
                                    {QStringLiteral("hours_share"), s.hoursShare},
                                    {QStringLiteral("load_share"), s.loadShare}});
        }
        writeJson(io.out, json);
        return kExitOk;
    }
    if (shares.empty()) {
        io.out << "No activities from " << isoDate(range->first()) << " to " << isoDate(range->last()) << ".\n";
        return kExitOk;
    }
    TextTable table;
    table.addColumn(QStringLiteral("Sport"), TextTable::Align::Left);
    table.addColumn(QStringLiteral("Count"));
    table.addColumn(QStringLiteral("Hours"));
    table.addColumn(QStringLiteral("Distance (km)"));
    table.addColumn(QStringLiteral("Load"));
    table.addColumn(QStringLiteral("Hours %"));
    table.addColumn(QStringLiteral("Load %"));
    for (const SportShare& s : shares) {
        table.addRow({sportId(s.sport), QString::number(s.totals.count), fixed(s.totals.hours, 1),
                      fixed(s.totals.distanceKm, 1), fixed(s.totals.load, 1), fixed(100.0 * s.hoursShare, 1),
                      fixed(100.0 * s.loadShare, 1)});
    }
    table.write(io.out);
    return kExitOk;
}

} // namespace

std::vector<CommandSpec> volumeCommands()
{
    const std::vector<OptionSpec> rangeOptions{
        {QStringLiteral("weeks"), QStringLiteral("N"), QStringLiteral("number of weeks (default: 12)")},
        {QStringLiteral("to"), QStringLiteral("YYYY-MM-DD"),
         QStringLiteral("a day of the last week (default: today); weeks run Monday to Sunday")},
    };
    return {
        {QStringLiteral("volume"),
         {},
         QStringLiteral("weekly hours, distance and load per sport"),
         {},
         0,
         0,
         rangeOptions,
         runVolume},
        {QStringLiteral("distribution"),
         {},
         QStringLiteral("each sport's share of hours and load"),
         {},
         0,
         0,
         rangeOptions,
         runDistribution},
    };
}

} // namespace tricoach::cli
