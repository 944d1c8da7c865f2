#include "ui/charts/chartstyle.h"

#include "ui/preferences.h"

#include <QApplication>
#include <QChart>
#include <QLegend>
#include <QPalette>

namespace tricoach {

void styleChart(QChart* chart)
{
    // setTheme resets series colours, so callers colour their series after this.
    chart->setTheme(isDarkPalette() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    const QPalette palette = QApplication::palette();
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setLabelColor(palette.color(QPalette::Text));
    chart->setTitleBrush(palette.color(QPalette::Text));
}

} // namespace tricoach
