#include "ui/activities/swimsetsview.h"

#include "core/metrics/swimsets.h"
#include "ui/activities/laptables.h"
#include "ui/sportstyle.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tricoach {

namespace {

QTableWidgetItem* cell(const QString& text, bool number = true)
{
    return LapTables::cell(text, number);
}

// The device's stroke names, as people say them.
QString strokeName(const QString& stroke)
{
    if (stroke == QLatin1String("freestyle"))
        return SwimSetsView::tr("Freestyle");
    if (stroke == QLatin1String("backstroke"))
        return SwimSetsView::tr("Backstroke");
    if (stroke == QLatin1String("breaststroke"))
        return SwimSetsView::tr("Breaststroke");
    if (stroke == QLatin1String("butterfly"))
        return SwimSetsView::tr("Butterfly");
    if (stroke == QLatin1String("drill"))
        return SwimSetsView::tr("Drill");
    if (stroke == QLatin1String("mixed"))
        return SwimSetsView::tr("Mixed");
    return stroke;
}

} // namespace

SwimSetsView::SwimSetsView(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("swimSets"));
    auto* layout = new QVBoxLayout(this);
    m_totals = new QLabel;
    m_totals->setObjectName(QStringLiteral("swimTotals"));
    m_totals->setTextFormat(Qt::RichText);
    m_totals->setWordWrap(true);
    layout->addWidget(m_totals);
    m_table = new QTableWidget(0, ColumnCount);
    m_table->setObjectName(QStringLiteral("setsTable"));
    LapTables::setCompact(m_table, Stroke);
    layout->addWidget(m_table, 1);
}

void SwimSetsView::showSwim(const Activity& swim)
{
    const bool yards = isYardPool(swim.poolLengthM);
    const double unit = yards ? kMetresPerYard : 1.0;
    const std::vector<SwimSet> sets = swimSets(swim.lengths, swim.poolLengthM);
    const SwimTotals totals = swimTotals(swim.lengths, swim.poolLengthM);
    m_table->setRowCount(0);
    m_table->setHorizontalHeaderLabels({tr("Set"), tr("Stroke"), tr("Lengths"), tr("Distance"), tr("Time"),
                                        yards ? tr("Pace /100 yd") : tr("Pace /100 m"), tr("Rest after"),
                                        tr("Strokes / length")});
    if (sets.empty()) {
        m_totals->setText(swim.lengths.empty() ? QString() : tr("No active lengths were recorded."));
        return;
    }
    QStringList parts;
    parts << tr("sets: <b>%1</b>").arg(sets.size());
    if (totals.activeDistanceM)
        parts << tr("<b>%1</b> in %2 lengths of %3")
                     .arg(formatSwimDistance(*totals.activeDistanceM, yards))
                     .arg(totals.activeLengths)
                     .arg(formatSwimDistance(*swim.poolLengthM, yards));
    parts << tr("swimming <b>%1</b>").arg(formatDuration(totals.activeSec));
    if (totals.activeDistanceM && totals.activeSec > 0)
        parts << tr("<b>%1</b> avg").arg(formatSwimPace(*totals.activeDistanceM / totals.activeSec, yards));
    parts << tr("resting <b>%1</b>").arg(formatDuration(totals.restSec));
    m_totals->setText(parts.join(QStringLiteral(" · ")));

    m_table->setRowCount(static_cast<int>(sets.size()));
    for (int r = 0; r < static_cast<int>(sets.size()); ++r) {
        const SwimSet& s = sets[static_cast<std::size_t>(r)];
        const auto pace = s.secondsPer100(unit);
        m_table->setItem(r, SetNumber, cell(QString::number(r + 1)));
        m_table->setItem(r, Stroke, cell(strokeName(s.strokeType), false));
        m_table->setItem(r, Lengths, cell(QString::number(s.lengthCount)));
        m_table->setItem(r, Distance, cell(s.distanceM ? formatSwimDistance(*s.distanceM, yards) : QString()));
        m_table->setItem(r, Time, cell(formatDuration(s.timeSec)));
        m_table->setItem(r, Pace, cell(pace ? formatDuration(*pace) : QString()));
        m_table->setItem(r, Rest, cell(s.restSec > 0 ? formatDuration(s.restSec) : QString()));
        m_table->setItem(r, StrokesPerLength,
                         cell(s.strokesPerLength ? QString::number(*s.strokesPerLength, 'f', 1) : QString()));
    }
}

} // namespace tricoach
