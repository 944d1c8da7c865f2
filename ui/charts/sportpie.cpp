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
    setMinimumHeight(140);
    m_series = new QPieSeries;
    m_series->setHoleSize(0.45);
    chart()->addSeries(m_series);
    restyle();
}

void SportPie::restyle()
{
    styleChart(chart());
    chart()->legend()->setAlignment(Qt::AlignRight);
    // "Bike 49% · 31.5 h" must fit beside the ring in a 1024-pixel window.
    QFont small = chart()->legend()->font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    chart()->legend()->setFont(small);
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
    chart()->setTitle(m_shares.empty() ? tr("No activities in these days") : QString());
}

} // namespace tricoach
