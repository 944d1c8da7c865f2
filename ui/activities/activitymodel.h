#pragma once
// The activities table: a model over the athlete's activity summaries, and the filter the search box and sport
// picker drive. Summaries only (no streams), so 20,000 rows stay a few megabytes and sort instantly.

#include "core/model/activity.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QSortFilterProxyModel>

#include <optional>
#include <vector>

namespace tricoach {

class ActivityTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Date,
        SportColumn,
        Title,
        Duration,
        Distance,
        Load,
        LoadFrom,
        AvgHr,
        AvgPower,
        SourceColumn,
        ColumnCount
    };
    // Raw values for sorting (numbers, dates), where the display role holds formatted text.
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int IdRole = Qt::UserRole + 2;

    explicit ActivityTableModel(QObject* parent = nullptr);

    void setActivities(std::vector<Activity> activities, bool imperial);
    const Activity* activityAt(int row) const;
    int rowOf(ActivityId id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString loadSourceName(LoadSource source);
    static QString sourceName(ActivitySource source);

private:
    std::vector<Activity> m_rows;
    bool m_imperial = false;
};

// Text (title, notes, sport), sport and day filters over ActivityTableModel.
class ActivityFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ActivityFilter(QObject* parent = nullptr);
    void setText(const QString& text);
    void setSport(std::optional<Sport> sport);
    void setDay(std::optional<QDate> day);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    std::optional<Sport> m_sport;
    std::optional<QDate> m_day;
};

} // namespace tricoach
