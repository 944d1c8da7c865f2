#include "ui/charts/volumechart.h"

#include "ui/charts/chartstyle.h"
#include "ui/sportstyle.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QLocale>
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
    setMinimumHeight(220);
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
    // Twelve week labels must fit under their bars.
    QFont small = m_x->labelsFont();
    small.setPointSizeF(font().pointSizeF() * 0.8);
    m_x->setLabelsFont(small);
    rebuild();
}

void VolumeChart::setWeeks(std::vector<WeeklyVolume> weeks, bool imperial)
{
    m_weeks = std::move(weeks);
    m_imperial = imperial;
    rebuild();
}

void VolumeChart::setMeasure(VolumeMeasure measure)
{
    m_measure = measure;
    rebuild();
}

void VolumeChart::rebuild()
{
    m_series->clear();
    QStringList labels;
    std::set<Sport> sports;
    for (const WeeklyVolume& w : m_weeks) {
        labels << QLocale().toString(w.weekStart, QStringLiteral("d MMM"));
        for (const auto& entry : w.bySport)
            sports.insert(entry.first);
    }
    double top = 0;
    for (const WeeklyVolume& w : m_weeks)
        top = std::max(top, valueOf(w.total, m_measure, m_imperial));
    for (Sport sport : kAllSports) {
        if (!sports.count(sport))
            continue;
        auto* set = new QBarSet(sportName(sport));
        set->setColor(sportColor(sport));
        set->setBorderColor(sportColor(sport));
        for (const WeeklyVolume& w : m_weeks) {
            auto it = w.bySport.find(sport);
            set->append(it == w.bySport.end() ? 0.0 : valueOf(it->second, m_measure, m_imperial));
        }
        m_series->append(set);
    }
    m_x->clear();
    m_x->append(labels);
    m_y->setRange(0, std::max(1.0, top * 1.1));
    m_y->applyNiceNumbers();
    switch (m_measure) {
    case VolumeMeasure::Hours:
        m_y->setTitleText(tr("Hours"));
        m_y->setLabelFormat(QStringLiteral("%.0f"));
        break;
    case VolumeMeasure::Distance:
        m_y->setTitleText(m_imperial ? tr("Miles") : tr("Kilometres"));
        m_y->setLabelFormat(QStringLiteral("%.0f"));
        break;
    case VolumeMeasure::Load:
        m_y->setTitleText(tr("Load"));
        m_y->setLabelFormat(QStringLiteral("%.0f"));
        break;
    }
}

} // namespace tricoach
