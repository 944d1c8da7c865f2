#pragma once
// One activity in full: its numbers and where the load came from, its recording over time (zoomable), laps or pool
// lengths (and a pool swim's sets), time in zones, and the form to edit or delete it.

#include "core/model/activity.h"

#include <QWidget>

class QCheckBox;
class QChartView;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;
class QUndoStack;

namespace tricoach {

class Preferences;
class RecordingChart;
class SwimSetsView;
class TrainingData;

class ActivityDetail : public QWidget {
    Q_OBJECT
public:
    ActivityDetail(TrainingData& training, Preferences& preferences, QUndoStack& undo, QWidget* parent = nullptr);

    // Shows the stored activity `id` (read with its streams); 0 clears the view.
    void showActivity(ActivityId id);
    ActivityId activityId() const { return m_activity.id; }
    const Activity& activity() const { return m_activity; }

    // The plotted channels of the recording chart, for tests.
    QChartView* streamChart() const;
    QTableWidget* lapsTable() const { return m_laps; }
    QTableWidget* zonesTable() const { return m_zones; }
    SwimSetsView* swimSets() const { return m_sets; }
    QTabWidget* tabs() const { return m_tabs; }

    // Applies the edit form (what Save does).
    void saveEdits();
    // Deletes the shown activity (undoable).
    void deleteActivity();

Q_SIGNALS:
    void deleted(tricoach::ActivityId id);

private:
    void fillSummary();
    void fillLaps();
    void fillZones();
    void fillEditor();

    TrainingData& m_data;
    Preferences& m_preferences;
    QUndoStack& m_undo;
    Activity m_activity;
    QLabel* m_heading = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_loadNote = nullptr;
    QTabWidget* m_tabs = nullptr;
    RecordingChart* m_chart = nullptr;
    SwimSetsView* m_sets = nullptr;
    QTableWidget* m_laps = nullptr;
    QTableWidget* m_zones = nullptr;
    QLineEdit* m_title = nullptr;
    QComboBox* m_sport = nullptr;
    QSpinBox* m_rpe = nullptr;
    QPlainTextEdit* m_notes = nullptr;
    QCheckBox* m_overrideLoad = nullptr;
    QDoubleSpinBox* m_load = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_delete = nullptr;
};

} // namespace tricoach
