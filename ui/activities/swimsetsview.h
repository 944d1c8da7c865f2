#pragma once
// The sets of a pool swim (core/metrics/swimsets.h) as a swimmer reads them: "4 × 25 m freestyle, 1:52 /100 m,
// 20 s rest", with the swim's totals above.

#include "core/model/activity.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace tricoach {

class SwimSetsView : public QWidget {
    Q_OBJECT
public:
    explicit SwimSetsView(QWidget* parent = nullptr);

    // Derives the sets from the swim's lengths; empty for an activity without lengths.
    void showSwim(const Activity& swim);

    QTableWidget* table() const { return m_table; }
    QLabel* totalsLabel() const { return m_totals; }

    enum Column { SetNumber, Stroke, Lengths, Distance, Time, Pace, Rest, StrokesPerLength, ColumnCount };

private:
    QLabel* m_totals = nullptr;
    QTableWidget* m_table = nullptr;
};

} // namespace tricoach
