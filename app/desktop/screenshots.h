#pragma once
// `tricoach --screenshots DIR`: every page of the window, light and dark, at 1440×900, as PNG files.

#include <QString>

namespace tricoach {

class MainWindow;

// Writes <page>-<light|dark>.png into `folder`; false (with a message on stderr) when a file cannot be written.
bool writeScreenshots(MainWindow& window, const QString& folder);

} // namespace tricoach
