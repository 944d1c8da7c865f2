#pragma once
// The activities page: every activity of the athlete in a sortable, searchable table, and the selected one in
// full beside it.

#include "core/model/activity.h"

#include <QDate>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QUndoStack;

namespace tricoach {

class ActivityDetail;
class ActivityFilter;
class ActivityTableModel;
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
    void selectActivity(ActivityId id);

    QTableView* table() const { return m_table; }
    ActivityTableModel* model() const { return m_model; }
    ActivityFilter* filter() const { return m_filter; }
    ActivityDetail* detail() const { return m_detail; }

private:
    void showSelected();

    TrainingData& m_data;
    Preferences& m_preferences;
    ActivityTableModel* m_model = nullptr;
    ActivityFilter* m_filter = nullptr;
    QTableView* m_table = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_sport = nullptr;
    QPushButton* m_dayChip = nullptr;
    QLabel* m_count = nullptr;
    ActivityDetail* m_detail = nullptr;
};

} // namespace tricoach
