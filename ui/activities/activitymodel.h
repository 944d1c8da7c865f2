#pragma once
// The activities table: a model over the athlete's training sessions (an ordinary activity is one row; a triathlon
// is one row that expands to its legs), and the filter the search box and sport picker drive. Summaries only (no
// streams), so 20,000 rows stay a few megabytes and sort instantly.

#include "core/model/session.h"

#include <QAbstractItemModel>
#include <QDate>
#include <QSortFilterProxyModel>

#include <optional>
#include <vector>

namespace tricoach {

class ActivityTableModel : public QAbstractItemModel {
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
    // The activity of a row (a leg or an ordinary activity); 0 on a multisport session's own row.
    static constexpr int IdRole = Qt::UserRole + 2;
    // The multisport key on a session's row and on its legs' rows; empty otherwise.
    static constexpr int SessionKeyRole = Qt::UserRole + 3;
    // The leg's place in its session (0, 1, ...) on a leg's row; -1 otherwise.
    static constexpr int LegRole = Qt::UserRole + 4;

    explicit ActivityTableModel(QObject* parent = nullptr);

    // Groups the activities into sessions (core/model/session.h).
    void setActivities(std::vector<Activity> activities, bool imperial);

    // Top-level rows are sessions.
    const TrainingSession* sessionAt(int row) const;
    // The ordinary activity of a top-level row; null on a multisport session's row.
    const Activity* activityAt(int row) const;
    // The activity of any row (a leg's included); null on a multisport session's row.
    const Activity* activityAt(const QModelIndex& index) const;
    const TrainingSession* sessionAt(const QModelIndex& index) const; // the session a row is or belongs to
    // The top-level row of the session holding activity `id`, or -1.
    int rowOf(ActivityId id) const;
    // The top-level row of the multisport session `key`, or -1.
    int rowOfSession(const QString& key) const;
    // The row of activity `id` itself: a leg's row under its session, else a top-level row; invalid when absent.
    QModelIndex indexOf(ActivityId id, int column = 0) const;
    int sessionCount() const { return static_cast<int>(m_sessions.size()); }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The Date column of a session or an ordinary activity: its local start, "Sun 27 May 2018  09:33".
    static QString startText(const QDateTime& local);
    static QString loadSourceName(LoadSource source);
    static QString sourceName(ActivitySource source);

private:
    QVariant sessionData(const TrainingSession& s, int column, int role) const;
    QVariant activityData(const Activity& a, const TrainingSession* session, int leg, int column, int role) const;

    std::vector<TrainingSession> m_sessions;
    bool m_imperial = false;
};

// Text (titles, notes, sports), sport and day filters over ActivityTableModel's sessions: a session is kept whole
// when any of its legs matches, and its legs keep their race order whichever column the table is sorted by.
class ActivityFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ActivityFilter(QObject* parent = nullptr);
    void setText(const QString& text);
    void setSport(std::optional<Sport> sport);
    void setDay(std::optional<QDate> day);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    QString m_text;
    std::optional<Sport> m_sport;
    std::optional<QDate> m_day;
};

} // namespace tricoach
