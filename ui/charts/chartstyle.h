#pragma once
// One look for every chart: the chart theme follows the window's light or dark palette.

class QChart;

namespace tricoach {

// Applies the palette-matching theme, fonts and margins; call again after the theme changes. Charts read
// QApplication::palette(): a widget's own palette catches up with a theme change only when its event arrives.
void styleChart(QChart* chart);

} // namespace tricoach
