#pragma once
// The activities page: every session of the athlete in a sortable, searchable table (a triathlon is one row that
// expands to its legs), and the selected activity or session in full below it.

#include "core/model/activity.h"

#include <QDate>
#include <QModelIndex>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTreeView;
class QUndoStack;

namespace tricoach {

class ActivityDetail;
class ActivityFilter;
class ActivityTableModel;
class SessionDetail;
class Preferences;
class TrainingData;

class ActivitiesPage : public QWidget {
    Q_OBJECT
public:
    ActivitiesPage(TrainingData& training, Preferences& preferences, QUndoStack& undo, QWidget* parent = nullptr);

    void refresh();
    // Shows only one day's activities (from the heatmap or the calendar); an invalid date shows all again.
    void showDay(const QDate& day);
    void setSearchText(const QString& text);
    // Selects activity `id` (a leg: its session is expanded) and shows it in full.
    void selectActivity(ActivityId id);
    // Selects the multisport session `key` and shows it in full.
    void selectSession(const QString& key);

    QTreeView* table() const { return m_table; }
    ActivityTableModel* model() const { return m_model; }
    ActivityFilter* filter() const { return m_filter; }
    ActivityDetail* detail() const { return m_detail; }
    SessionDetail* sessionDetail() const { return m_sessionDetail; }
    // Whether the session detail (rather than one activity's) is shown.
    bool showsSession() const;

private:
    void showSelected();
    void updateCount();
    QModelIndex viewIndexOf(const QModelIndex& sourceIndex);

    TrainingData& m_data;
    Preferences& m_preferences;
    ActivityTableModel* m_model = nullptr;
    ActivityFilter* m_filter = nullptr;
    QTreeView* m_table = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_sport = nullptr;
    QPushButton* m_dayChip = nullptr;
    QLabel* m_count = nullptr;
    QStackedWidget* m_details = nullptr;
    ActivityDetail* m_detail = nullptr;
    SessionDetail* m_sessionDetail = nullptr;
};

} // namespace tricoach
