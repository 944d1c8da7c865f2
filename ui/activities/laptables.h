#pragma once
// The laps of an activity and the lengths of a pool swim as table rows, for the activity detail.

#include "core/model/activity.h"

#include <QCoreApplication>

class QTableWidget;
class QTableWidgetItem;

namespace tricoach {

class LapTables {
    Q_DECLARE_TR_FUNCTIONS(LapTables)
public:
    // Device laps or manual splits: time, distance, heart rate, power, cadence.
    static void fillLaps(QTableWidget* table, const Activity& activity, bool imperial);
    // Every pool length, rests included.
    static void fillLengths(QTableWidget* table, const Activity& activity);

    // The look the detail's tables share: a read-only cell (numbers right-aligned), rows one line high, and
    // columns as wide as what they hold, with `stretch` (else the last) taking the room left.
    static QTableWidgetItem* cell(const QString& text, bool number = true);
    static void setCompact(QTableWidget* table, int stretch = -1);
};

} // namespace tricoach
