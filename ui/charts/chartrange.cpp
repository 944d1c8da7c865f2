#include "ui/charts/chartrange.h"

#include <QCoreApplication>

#include <algorithm>

namespace tricoach {

QString chartRangeName(ChartRange range)
{
    switch (range) {
    case ChartRange::SixWeeks:
        return QCoreApplication::translate("PmcChart", "6 weeks");
    case ChartRange::NinetyDays:
        return QCoreApplication::translate("PmcChart", "90 days");
    case ChartRange::OneYear:
        return QCoreApplication::translate("PmcChart", "1 year");
    case ChartRange::All:
        return QCoreApplication::translate("PmcChart", "All");
    }
    return QString();
}

int chartRangeDays(ChartRange range)
{
    switch (range) {
    case ChartRange::SixWeeks:
        return 42;
    case ChartRange::NinetyDays:
        return 90;
    case ChartRange::OneYear:
        return 365;
    case ChartRange::All:
        return 0;
    }
    return 90;
}

ChartWindow chartWindow(ChartRange range, const QDate& today, std::optional<QDate> firstActivity,
                        std::optional<QDate> raceDay)
{
    ChartWindow w;
    w.range = range;
    w.today = today;
    const bool racing = raceDay && raceDay->isValid() && *raceDay > today;
    const int span = chartRangeDays(range);
    if (span > 0) {
        // Race day ends the range when today is still inside it; further ahead, the range ends today and the plan
        // shows in a longer one.
        w.toRaceDay = racing && today.daysTo(*raceDay) < span;
        w.last = w.toRaceDay ? *raceDay : today;
        w.first = w.last.addDays(-(span - 1));
        return w;
    }
    w.toRaceDay = racing;
    w.last = racing ? *raceDay : today;
    w.first = firstActivity ? std::min(*firstActivity, today) : today.addDays(-89);
    return w;
}

} // namespace tricoach
