#pragma once
// The dashboard: the chart of Fitness, Fatigue and Form, the training-load card, weekly volume, sport distribution
// and the year's heatmap, all for the current athlete.

#include "ui/charts/pmcchart.h"
#include "ui/charts/volumechart.h"

#include <QDate>
#include <QWidget>

class QButtonGroup;
class QComboBox;
class QLabel;

namespace tricoach {

class HeatmapWidget;
class LoadCard;
class Preferences;
class SportPie;
class TrainingData;

class DashboardPage : public QWidget {
    Q_OBJECT
public:
    DashboardPage(TrainingData& training, Preferences& preferences, QWidget* parent = nullptr);

    // Reads the store again (after an import, an edit, a profile switch).
    void refresh();
    void setRange(ChartRange range);
    void restyle();
    // "Today" for the charts; tests and screenshots pin it.
    void setToday(const QDate& today);

    PmcChart* pmcChart() const { return m_pmc; }
    VolumeChart* volumeChart() const { return m_volume; }
    SportPie* sportPie() const { return m_pie; }
    HeatmapWidget* heatmap() const { return m_heatmap; }
    LoadCard* loadCard() const { return m_card; }

    static constexpr int kVolumeWeeks = 12;

Q_SIGNALS:
    void daySelected(const QDate& day);

private:
    QDate today() const;

    TrainingData& m_data;
    Preferences& m_preferences;
    QDate m_today;
    QLabel* m_title = nullptr;
    PmcChart* m_pmc = nullptr;
    QButtonGroup* m_ranges = nullptr;
    LoadCard* m_card = nullptr;
    VolumeChart* m_volume = nullptr;
    QComboBox* m_measure = nullptr;
    SportPie* m_pie = nullptr;
    HeatmapWidget* m_heatmap = nullptr;
};

} // namespace tricoach
