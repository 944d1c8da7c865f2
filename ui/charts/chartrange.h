#pragma once
// What the dashboard's range buttons mean, one rule for every chart of the page: "6 weeks", "90 days" and
// "1 year" are exactly that many days ending today, or ending on race day when a plan is projected to a race that
// falls within that many days (today stays in the range); "All" runs from the first activity to today, or to
// race day.

#include <QDate>
#include <QString>

#include <optional>

namespace tricoach {

enum class ChartRange { SixWeeks, NinetyDays, OneYear, All };
QString chartRangeName(ChartRange range); // "6 weeks", "90 days", "1 year", "All"
// The days of a range; 0 for All.
int chartRangeDays(ChartRange range);

// The days the dashboard shows.
struct ChartWindow {
    ChartRange range = ChartRange::NinetyDays;
    QDate first; // inclusive
    QDate last;  // inclusive: today, or race day
    QDate today;
    bool toRaceDay = false; // `last` is race day: the days after today are the plan's
    qint64 days() const { return first.daysTo(last) + 1; }
};

// `firstActivity`: the first believable activity day, if any; `raceDay`: where a projected plan ends, if one is
// drawn. An empty history shows the 90 days before today under "All".
ChartWindow chartWindow(ChartRange range, const QDate& today, std::optional<QDate> firstActivity,
                        std::optional<QDate> raceDay);

} // namespace tricoach
