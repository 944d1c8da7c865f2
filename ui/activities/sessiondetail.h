#pragma once
// A multisport session in full: the race as a whole (total time, distance, load, its legs as one bar and one
// recording), each leg in its own unit (pace per 100 m for the swim, speed for the bike, pace per km for the run)
// and the transitions as times (T1, T2).

#include "core/model/session.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QUndoStack;

namespace tricoach {

class Preferences;
class RaceBar;
class RecordingChart;
class TrainingData;

class SessionDetail : public QWidget {
    Q_OBJECT
public:
    SessionDetail(TrainingData& training, Preferences& preferences, QUndoStack& undo, QWidget* parent = nullptr);

    void showSession(const TrainingSession& session);
    const TrainingSession& session() const { return m_session; }
    QTableWidget* legsTable() const { return m_legs; }
    QLabel* summaryLabel() const { return m_summary; }
    RecordingChart* recording() const { return m_chart; }
    QTabWidget* tabs() const { return m_tabs; }

    // Gives every leg this title (one undoable step); an empty title clears them.
    void renameSession(const QString& title);
    // Deletes every leg (one undoable step).
    void deleteSession();

    // Column of the legs table, for tests.
    enum LegColumn { LegName, LegStart, LegTime, LegDistance, LegPace, LegHr, LegLoad, LegColumnCount };

Q_SIGNALS:
    // A leg's row was double-clicked (or Enter pressed on it): show that leg in full.
    void legActivated(tricoach::ActivityId id);
    void deleted();

private:
    TrainingData& m_data;
    Preferences& m_preferences;
    QUndoStack& m_undo;
    TrainingSession m_session;
    QLabel* m_heading = nullptr;
    QLabel* m_summary = nullptr;
    QTableWidget* m_legs = nullptr;
    QPushButton* m_delete = nullptr;
    QLineEdit* m_title = nullptr;
    RaceBar* m_bar = nullptr;
    RecordingChart* m_chart = nullptr;
    QTabWidget* m_tabs = nullptr;
    Activity m_race; // the legs' recordings joined, for the chart
};

} // namespace tricoach
