#pragma once
// One look for every chart: the chart theme follows the window's light or dark palette.

class QChart;

namespace tricoach {

// Applies the palette-matching theme, fonts and margins; call again after the theme changes.
void styleChart(QChart* chart);

} // namespace tricoach
