#include "ui/activities/laptables.h"

#include "ui/sportstyle.h"

#include <QHeaderView>
#include <QTableWidget>

namespace tricoach {

QTableWidgetItem* LapTables::cell(const QString& text, bool number)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

void LapTables::setCompact(QTableWidget* table, int stretch)
{
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    QHeaderView* header = table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setStretchLastSection(stretch < 0);
    if (stretch >= 0)
        header->setSectionResizeMode(stretch, QHeaderView::Stretch);
    table->setWordWrap(false);
}

namespace {

QString optionalNumber(const std::optional<double>& v, int decimals = 0)
{
    return v ? QString::number(*v, 'f', decimals) : QString();
}

} // namespace

void LapTables::fillLengths(QTableWidget* table, const Activity& a)
{
    table->clear();
    table->setColumnCount(5);
    table->setHorizontalHeaderLabels({tr("#"), tr("Start"), tr("Time"), tr("Strokes"), tr("Stroke")});
    table->setRowCount(static_cast<int>(a.lengths.size()));
    for (int r = 0; r < static_cast<int>(a.lengths.size()); ++r) {
        const PoolLength& l = a.lengths[static_cast<std::size_t>(r)];
        table->setItem(r, 0, cell(QString::number(r + 1)));
        table->setItem(r, 1, cell(formatDuration(l.startOffsetSec)));
        table->setItem(
            r, 2, cell(l.active ? formatDuration(l.durationSec) : tr("rest %1").arg(formatDuration(l.durationSec))));
        table->setItem(r, 3, cell(l.strokes ? QString::number(*l.strokes) : QString()));
        table->setItem(r, 4, cell(l.strokeType, false));
    }
}

void LapTables::fillLaps(QTableWidget* table, const Activity& a, bool imperial)
{
    table->clear();
    table->setColumnCount(7);
    table->setHorizontalHeaderLabels(
        {tr("#"), tr("Time"), tr("Distance"), tr("Avg HR"), tr("Max HR"), tr("Avg power"), tr("Avg cadence")});
    table->setRowCount(static_cast<int>(a.laps.size()));
    for (int r = 0; r < static_cast<int>(a.laps.size()); ++r) {
        const Lap& l = a.laps[static_cast<std::size_t>(r)];
        table->setItem(r, 0, cell(QString::number(r + 1)));
        table->setItem(r, 1, cell(formatDuration(l.movingSec > 0 ? l.movingSec : l.elapsedSec)));
        table->setItem(r, 2, cell(l.distanceM ? formatDistance(*l.distanceM, imperial) : QString()));
        table->setItem(r, 3, cell(optionalNumber(l.avgHr)));
        table->setItem(r, 4, cell(optionalNumber(l.maxHr)));
        table->setItem(r, 5, cell(optionalNumber(l.avgPower)));
        table->setItem(r, 6, cell(optionalNumber(l.avgCadence)));
    }
}

} // namespace tricoach
