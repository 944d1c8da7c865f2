#pragma once
// An activity's recording over time: heart rate, power, speed or pace, altitude and cadence against minutes, each
// channel switched on and off by a check box, zoomable by dragging.

#include "core/model/activity.h"

#include <QList>
#include <QWidget>

class QCheckBox;
class QChartView;

namespace tricoach {

class RecordingChart : public QWidget {
    Q_OBJECT
public:
    explicit RecordingChart(QWidget* parent = nullptr);

    // Plots `activity` (kept by reference until the next call) with the channels a person looks at first.
    void showActivity(const Activity& activity, bool imperial);
    QChartView* chartView() const { return m_chart; }

private:
    void plot();

    const Activity* m_activity = nullptr;
    bool m_imperial = false;
    QChartView* m_chart = nullptr;
    QList<QCheckBox*> m_channelBoxes;
};

} // namespace tricoach
