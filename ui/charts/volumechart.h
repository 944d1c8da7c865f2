#pragma once
// Training volume: one stacked bar per week, month or year, a segment per sport, in hours, distance or load.

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

    void setPeriods(std::vector<PeriodVolume> periods, VolumePeriod period, bool imperial);
    VolumePeriod period() const { return m_period; }
    const std::vector<PeriodVolume>& periods() const { return m_periods; }
    void setMeasure(VolumeMeasure measure);
    VolumeMeasure measure() const { return m_measure; }
    void restyle();

    QStackedBarSeries* series() const { return m_series; }
    // The plotted value of one sport in one week (0 when absent), in the current measure's unit.
    static double valueOf(const VolumeTotals& totals, VolumeMeasure measure, bool imperial);
    // The label under each bar as shown; bars between labelled ones read "" (with invisible marks that keep the
    // categories distinct, which the axis requires).
    QStringList barLabels() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuild();
    void relabel();

    std::vector<PeriodVolume> m_periods;
    VolumePeriod m_period = VolumePeriod::Week;
    bool m_imperial = false;
    VolumeMeasure m_measure = VolumeMeasure::Hours;
    QStackedBarSeries* m_series = nullptr;
    QBarCategoryAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
};

} // namespace tricoach
