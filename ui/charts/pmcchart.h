#pragma once
// The Performance Management Chart as the athlete sees it: Fitness, Fatigue and Form lines over daily Load bars,
// a range picker's worth of days, today marked, the day's values on hover.

#include "core/metrics/pmc.h"
#include "core/metrics/settings.h"
#include "ui/charts/chartrange.h"

#include <QChartView>
#include <QDate>

#include <vector>

class QAreaSeries;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace tricoach {

// A QChartView of one athlete's chart; give it the whole series once, then switch windows cheaply.
class PmcChart : public QChartView {
    Q_OBJECT
public:
    explicit PmcChart(QWidget* parent = nullptr);

    // `days` is the dense chart from the first activity through `today` (or later).
    void setData(std::vector<PmcDay> days, const PmcSettings& settings, const QDate& today);
    // The days to show (see chartWindow); history is drawn up to today, the plan after it.
    void setWindow(const ChartWindow& window);
    const ChartWindow& window() const { return m_window; }
    ChartRange range() const { return m_window.range; }
    // The plan's projected Fitness and Form after today, drawn dashed to race day; empty clears it.
    void setProjection(std::vector<PmcDay> days);
    QLineSeries* projectedFitnessSeries() const { return m_projectedFitness; }
    QLineSeries* projectedFormSeries() const { return m_projectedForm; }
    // Re-applies colours after a theme change.
    void restyle();

    // What the chart shows, for the dashboard and tests.
    const std::vector<PmcDay>& visibleDays() const { return m_visible; }
    QLineSeries* fitnessSeries() const { return m_fitness; }
    QLineSeries* fatigueSeries() const { return m_fatigue; }
    QLineSeries* formSeries() const { return m_form; }
    QAreaSeries* loadSeries() const { return m_load; }
    // At most this many points a line; longer ranges average a few days a point.
    static constexpr std::size_t kMaxPoints = 200;
    // The hover text of a visible day; empty for a day outside the chart.
    QString describeDay(const QDate& day) const;
    // The chart's convention, in the athlete's words (also the view's tooltip).
    QString conventionText() const;

Q_SIGNALS:
    void dayHovered(const QDate& day);

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuild();
    void fitTicks();

    std::vector<PmcDay> m_all;
    std::vector<PmcDay> m_visible;
    PmcSettings m_settings;
    QDate m_today;
    ChartWindow m_window;
    QLineSeries* m_fitness = nullptr;
    QLineSeries* m_fatigue = nullptr;
    QLineSeries* m_form = nullptr;
    QLineSeries* m_loadUpper = nullptr;
    QAreaSeries* m_load = nullptr;
    QLineSeries* m_todayLine = nullptr;
    QLineSeries* m_projectedFitness = nullptr;
    QLineSeries* m_projectedForm = nullptr;
    std::vector<PmcDay> m_projection;
    QDateTimeAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
    QValueAxis* m_yLoad = nullptr;
};

} // namespace tricoach
