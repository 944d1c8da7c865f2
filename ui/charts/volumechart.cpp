#include "ui/charts/volumechart.h"

#include "ui/charts/chartstyle.h"
#include "ui/sportstyle.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QFontMetrics>
#include <QLocale>
#include <QResizeEvent>
#include <QStackedBarSeries>
#include <QValueAxis>

#include <set>

namespace tricoach {

VolumeChart::VolumeChart(QWidget* parent)
    : QChartView(parent)
{
    setObjectName(QStringLiteral("volumeChart"));
    setChart(new QChart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(140);
    m_series = new QStackedBarSeries;
    chart()->addSeries(m_series);
    m_x = new QBarCategoryAxis;
    m_y = new QValueAxis;
    chart()->addAxis(m_x, Qt::AlignBottom);
    chart()->addAxis(m_y, Qt::AlignLeft);
    m_series->attachAxis(m_x);
    m_series->attachAxis(m_y);
    restyle();
}

double VolumeChart::valueOf(const VolumeTotals& totals, VolumeMeasure measure, bool imperial)
{
    switch (measure) {
    case VolumeMeasure::Hours:
        return totals.hours;
    case VolumeMeasure::Distance:
        return imperial ? totals.distanceKm / 1.609344 : totals.distanceKm;
    case VolumeMeasure::Load:
        return totals.load;
    }
    return 0;
}

void VolumeChart::restyle()
{
    styleChart(chart());
    for (QAbstractAxis* axis : {static_cast<QAbstractAxis*>(m_x), static_cast<QAbstractAxis*>(m_y)}) {
        axis->setGridLineColor(QApplication::palette().color(QPalette::Mid));
        axis->setLabelsColor(QApplication::palette().color(QPalette::Text));
        axis->setTitleBrush(QApplication::palette().color(QPalette::Text));
    }
    m_x->setGridLineVisible(false);
    // Labels are thinned to fit (relabel); drawn whole, never cut to "1…" by a narrow bar.
    m_x->setTruncateLabels(false);
    m_y->setTruncateLabels(false);
    // The sport distribution beside it names the sports in the same colours; the bars keep the height.
    chart()->legend()->hide();
    // Week labels must fit under their bars.
    QFont small = m_x->labelsFont();
    small.setPointSizeF(font().pointSizeF() * 0.8);
    m_x->setLabelsFont(small);
    rebuild();
}

void VolumeChart::setPeriods(std::vector<PeriodVolume> periods, VolumePeriod period, bool imperial)
{
    m_periods = std::move(periods);
    m_period = period;
    m_imperial = imperial;
    rebuild();
}

QStringList VolumeChart::barLabels() const
{
    return m_x->categories();
}

void VolumeChart::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    relabel();
}

void VolumeChart::relabel()
{
    // As many labels as fit, evenly spaced from the newest bar. The axis hides a label wider than the plot has
    // room for at its edge, so when bars are narrower than a label the end bars go unlabelled and their
    // neighbours carry the names (and the year).
    const auto n = static_cast<int>(m_periods.size());
    const QFontMetrics metrics(m_x->labelsFont());
    const QString widest = m_period == VolumePeriod::Week    ? QStringLiteral("30 Sep")
                           : m_period == VolumePeriod::Month ? QStringLiteral("Sep 2025")
                                                             : QStringLiteral("2025");
    const int labelWidth = metrics.horizontalAdvance(widest) + 14;
    const int plotWidth = std::max(1, width() - 80);
    const int room = std::max(1, plotWidth / labelWidth);
    const int step = std::max(1, (n + room - 1) / room);
    const bool narrowBars = n > 2 && plotWidth / n < labelWidth;
    const int newest = narrowBars ? n - 2 : n - 1;
    QStringList labels;
    int previousYear = 0;
    for (int i = 0; i < n; ++i) {
        const QDate start = m_periods[static_cast<std::size_t>(i)].start;
        QString label;
        if (i <= newest && (newest - i) % step == 0 && !(narrowBars && i == 0)) {
            switch (m_period) {
            case VolumePeriod::Week:
                label = QLocale().toString(start, QStringLiteral("d MMM"));
                break;
            case VolumePeriod::Month:
                // The year where it changes and on the first label.
                label = QLocale().toString(start, start.year() != previousYear ? QStringLiteral("MMM yyyy")
                                                                               : QStringLiteral("MMM"));
                previousYear = start.year();
                break;
            case VolumePeriod::Year:
                label = QString::number(start.year());
                break;
            }
        }
        // Zero-width spaces keep blank and repeated labels distinct: a category axis drops empty names and merges
        // equal ones, which would shift every label after them.
        if (label.isEmpty())
            label = QChar(0x200B);
        while (labels.contains(label))
            label += QChar(0x200B);
        labels << label;
    }
    m_x->clear();
    m_x->append(labels);
}

void VolumeChart::setMeasure(VolumeMeasure measure)
{
    m_measure = measure;
    rebuild();
}

void VolumeChart::rebuild()
{
    m_series->clear();
    std::set<Sport> sports;
    for (const PeriodVolume& p : m_periods)
        for (const auto& entry : p.bySport)
            sports.insert(entry.first);
    double top = 0;
    for (const PeriodVolume& p : m_periods)
        top = std::max(top, valueOf(p.total, m_measure, m_imperial));
    for (Sport sport : kAllSports) {
        if (!sports.count(sport))
            continue;
        auto* set = new QBarSet(sportName(sport));
        set->setColor(sportColor(sport));
        set->setBorderColor(sportColor(sport));
        for (const PeriodVolume& p : m_periods) {
            auto it = p.bySport.find(sport);
            set->append(it == p.bySport.end() ? 0.0 : valueOf(it->second, m_measure, m_imperial));
        }
        m_series->append(set);
    }
    relabel();
    // Nothing in the range: a plain sentence rather than an empty grid.
    chart()->setTitle(top > 0 ? QString() : tr("No activities in these days"));
    m_y->setRange(0, top > 0 ? top * 1.1 : 5.0);
    m_y->applyNiceNumbers();
    // Whole numbers unless the ticks are closer than one apart (a short range of short sessions).
    const double step = (m_y->max() - m_y->min()) / std::max(1, m_y->tickCount() - 1);
    m_y->setLabelFormat(step < 1 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
    switch (m_measure) {
    case VolumeMeasure::Hours:
        m_y->setTitleText(tr("Hours"));
        break;
    case VolumeMeasure::Distance:
        m_y->setTitleText(m_imperial ? tr("Miles") : tr("Kilometres"));
        break;
    case VolumeMeasure::Load:
        m_y->setTitleText(tr("Load"));
        break;
    }
}

} // namespace tricoach
