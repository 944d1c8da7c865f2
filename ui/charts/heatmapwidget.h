#pragma once
// The calendar heatmap: a year of days as a grid of weeks (columns) by weekdays (rows), each day shaded by its
// load. Hover tells the day; a click asks for that day's activities.

#include "core/metrics/volume.h"

#include <QDate>
#include <QWidget>

namespace tricoach {

class HeatmapWidget : public QWidget {
    Q_OBJECT
public:
    explicit HeatmapWidget(QWidget* parent = nullptr);

    // Days in date order; the grid starts on the Monday of the first day's week.
    void setDays(std::vector<HeatmapDay> days);
    const std::vector<HeatmapDay>& days() const { return m_days; }

    // Geometry, shared by painting, hovering and tests.
    QRect cellRect(const QDate& day) const;
    QDate dayAt(const QPoint& pos) const;
    QString describeDay(const QDate& day) const;
    // Shade of a day: 0 = no training, 1..4 rising load (quartiles of the training days' loads).
    int levelOf(const QDate& day) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void daySelected(const QDate& day);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    int cellSize() const;
    QPoint gridOrigin() const;
    const HeatmapDay* find(const QDate& day) const;

    std::vector<HeatmapDay> m_days;
    QDate m_gridStart; // a Monday
    int m_weeks = 0;
    std::array<double, 3> m_cuts{}; // load quartile boundaries
};

} // namespace tricoach
