#include "ui/charts/sportpie.h"

#include "ui/charts/chartstyle.h"
#include "ui/sportstyle.h"

#include <QApplication>
#include <QLegend>
#include <QPieSeries>
#include <QPieSlice>

namespace tricoach {

SportPie::SportPie(QWidget* parent)
    : QChartView(parent)
{
    setObjectName(QStringLiteral("sportPie"));
    setChart(new QChart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    m_series = new QPieSeries;
    m_series->setHoleSize(0.45);
    chart()->addSeries(m_series);
    restyle();
}

void SportPie::restyle()
{
    styleChart(chart());
    chart()->legend()->setAlignment(Qt::AlignRight);
    rebuild();
}

void SportPie::setShares(std::vector<SportShare> shares)
{
    m_shares = std::move(shares);
    rebuild();
}

void SportPie::rebuild()
{
    m_series->clear();
    for (const SportShare& s : m_shares) {
        const QString label = tr("%1 %2% · %3 h")
                                  .arg(sportName(s.sport))
                                  .arg(s.hoursShare * 100, 0, 'f', 0)
                                  .arg(s.totals.hours, 0, 'f', 1);
        QPieSlice* slice = m_series->append(label, s.totals.hours);
        slice->setColor(sportColor(s.sport));
        slice->setBorderColor(QApplication::palette().color(QPalette::Base));
    }
}

} // namespace tricoach
