#pragma once
// The dashboard: the chart of Fitness, Fatigue and Form, the training-load card, training volume, sport
// distribution and the year's heatmap, all for the current athlete. One range (the buttons) governs the chart,
// the volume and the distribution.

#include "ui/charts/chartrange.h"
#include "ui/charts/pmcchart.h"
#include "ui/charts/volumechart.h"

#include <QDate>
#include <QWidget>

#include <optional>

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
    ChartRange range() const { return m_range; }
    // The days the range shows now.
    const ChartWindow& window() const { return m_window; }
    void restyle();
    // "Today" for the charts; tests and screenshots pin it.
    void setToday(const QDate& today);

    PmcChart* pmcChart() const { return m_pmc; }
    VolumeChart* volumeChart() const { return m_volume; }
    SportPie* sportPie() const { return m_pie; }
    HeatmapWidget* heatmap() const { return m_heatmap; }
    LoadCard* loadCard() const { return m_card; }
    // What the range covers, in words (dates, race day, activities left out).
    QString rangeCaption() const;

    // Volume bars are weeks up to this many days, months up to kMonthlyUpTo, years beyond.
    static constexpr int kWeeklyUpTo = 120;
    static constexpr int kMonthlyUpTo = 3 * 366;

Q_SIGNALS:
    void daySelected(const QDate& day);

private:
    QDate today() const;
    // Applies m_range to the chart, the volume and the distribution.
    void applyRange();

    TrainingData& m_data;
    Preferences& m_preferences;
    QDate m_today;
    ChartRange m_range = ChartRange::NinetyDays;
    ChartWindow m_window;
    std::optional<QDate> m_firstActivity; // the first believable one
    std::optional<QDate> m_raceDay;       // where the drawn plan ends
    int m_undated = 0;                    // activities dated before the first believable day
    QLabel* m_title = nullptr;
    QLabel* m_caption = nullptr;
    PmcChart* m_pmc = nullptr;
    QButtonGroup* m_ranges = nullptr;
    LoadCard* m_card = nullptr;
    QLabel* m_volumeTitle = nullptr;
    VolumeChart* m_volume = nullptr;
    QComboBox* m_measure = nullptr;
    SportPie* m_pie = nullptr;
    HeatmapWidget* m_heatmap = nullptr;
};

} // namespace tricoach
