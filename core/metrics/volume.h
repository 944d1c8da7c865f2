#pragma once

#include "core/model/activity.h"

#include <QDate>

#include <map>
#include <vector>

namespace tricoach {

// Hours, distance and load added up over some activities.
struct VolumeTotals {
    int count = 0;
    double hours = 0;
    double distanceKm = 0;
    double load = 0;
    void add(const Activity& a);
    bool operator==(const VolumeTotals&) const = default;
};

// One Monday-to-Sunday week of training, per sport and in total.
struct WeeklyVolume {
    QDate weekStart; // a Monday
    std::map<Sport, VolumeTotals> bySport;
    VolumeTotals total;
};

// How a volume chart groups days.
enum class VolumePeriod { Week, Month, Year };

// One period of training: a Monday-to-Sunday week, a calendar month or a calendar year.
struct PeriodVolume {
    QDate start; // the period's first day (a Monday, the 1st, 1 January), even when the range begins later
    std::map<Sport, VolumeTotals> bySport;
    VolumeTotals total;
};

// One sport's share of a period.
struct SportShare {
    Sport sport = Sport::Other;
    VolumeTotals totals;
    double hoursShare = 0; // 0..1 of all hours in the period
    double loadShare = 0;  // 0..1 of all load in the period
};

// One calendar day for the heatmap.
struct HeatmapDay {
    QDate date;
    VolumeTotals totals;
};

// Monday of the week containing `day`.
QDate weekStartOf(const QDate& day);

// The `weeks` weeks ending with the week that contains `lastDay`, oldest first; empty weeks included.
std::vector<WeeklyVolume> weeklyVolume(const std::vector<Activity>& activities, const QDate& lastDay, int weeks);

// The periods that overlap the days [first, last], oldest first, empty ones included. Only activities on those
// days count, so the periods at either end can be partial: a range means exactly its days.
std::vector<PeriodVolume> periodVolume(const std::vector<Activity>& activities, const QDate& first, const QDate& last,
                                       VolumePeriod period);

// Share of each sport over the days [first, last]; sports with no activity are left out; sorted by hours, largest
// first.
std::vector<SportShare> sportDistribution(const std::vector<Activity>& activities, const QDate& first,
                                          const QDate& last);
// The same over the `weeks` weeks ending with the week containing `lastDay`.
std::vector<SportShare> sportDistribution(const std::vector<Activity>& activities, const QDate& lastDay, int weeks);

// Every day of [from, to], days without training included.
std::vector<HeatmapDay> dailyHeatmap(const std::vector<Activity>& activities, const QDate& from, const QDate& to);

} // namespace tricoach
