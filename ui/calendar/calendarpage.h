#pragma once
// The calendar: a month of training, day by day, with each day's sessions (a triathlon is one entry) and load and
// each week's totals.

#include "core/model/session.h"

#include <QDate>
#include <QWidget>

#include <map>
#include <vector>

class QLabel;

namespace tricoach {

class Preferences;
class TrainingData;

// The painted month grid (six weeks of seven days, weekly totals at the right).
class MonthView : public QWidget {
    Q_OBJECT
public:
    explicit MonthView(QWidget* parent = nullptr);
    void setMonth(const QDate& firstOfMonth, std::map<QDate, std::vector<TrainingSession>> days, const QDate& today);
    QDate gridStart() const { return m_gridStart; }
    QRect dayRect(const QDate& day) const;
    QDate dayAt(const QPoint& pos) const;
    double dayLoad(const QDate& day) const;
    // The lines a day's cell lists (one per session: its time and name) and its tooltip (legs included).
    QStringList dayEntries(const QDate& day) const;
    QString dayToolTip(const QDate& day) const;

Q_SIGNALS:
    void daySelected(const QDate& day);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    QRect gridRect() const;
    QDate m_month;
    QDate m_gridStart;
    QDate m_today;
    std::map<QDate, std::vector<TrainingSession>> m_days;
};

class CalendarPage : public QWidget {
    Q_OBJECT
public:
    CalendarPage(TrainingData& training, Preferences& preferences, QWidget* parent = nullptr);
    void refresh();
    void showMonth(const QDate& anyDayOfMonth);
    QDate month() const { return m_month; }
    MonthView* view() const { return m_view; }
    void setToday(const QDate& today);

Q_SIGNALS:
    void daySelected(const QDate& day);

private:
    TrainingData& m_data;
    QDate m_month;
    QDate m_today;
    QLabel* m_title = nullptr;
    MonthView* m_view = nullptr;
};

} // namespace tricoach
