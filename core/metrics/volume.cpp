#include "core/metrics/volume.h"
namespace tricoach {
void VolumeTotals::add(const Activity&) {}
QDate weekStartOf(const QDate& day) { return day.addDays(1 - day.dayOfWeek()); }
std::vector<WeeklyVolume> weeklyVolume(const std::vector<Activity>&, const QDate&, int) { return {}; }
std::vector<SportShare> sportDistribution(const std::vector<Activity>&, const QDate&, int) { return {}; }
std::vector<HeatmapDay> dailyHeatmap(const std::vector<Activity>&, const QDate&, const QDate&) { return {}; }
} // namespace tricoach
