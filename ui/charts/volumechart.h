#pragma once
// Weekly volume: one stacked bar per week, a segment per sport, in hours, distance or load.

#include "core/metrics/volume.h"

#include <QChartView>

class QBarCategoryAxis;
class QStackedBarSeries;
class QValueAxis;

namespace tricoach {

enum class VolumeMeasure { Hours, Distance, Load };

class VolumeChart : public QChartView {
    Q_OBJECT
public:
    explicit VolumeChart(QWidget* parent = nullptr);

    void setWeeks(std::vector<WeeklyVolume> weeks, bool imperial);
    void setMeasure(VolumeMeasure measure);
    VolumeMeasure measure() const { return m_measure; }
    void restyle();

    QStackedBarSeries* series() const { return m_series; }
    // The plotted value of one sport in one week (0 when absent), in the current measure's unit.
    static double valueOf(const VolumeTotals& totals, VolumeMeasure measure, bool imperial);

private:
    void rebuild();

    std::vector<WeeklyVolume> m_weeks;
    bool m_imperial = false;
    VolumeMeasure m_measure = VolumeMeasure::Hours;
    QStackedBarSeries* m_series = nullptr;
    QBarCategoryAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
};

} // namespace tricoach
