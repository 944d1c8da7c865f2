#include "app/desktop/screenshots.h"

#include "ui/activities/activitiespage.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/mainwindow.h"
#include "ui/preferences.h"

#include <QApplication>
#include <QDir>
#include <QPixmap>
#include <QTextStream>
#include <QTreeView>

namespace tricoach {

bool writeScreenshots(MainWindow& window, const QString& folder)
{
    QTextStream err(stderr);
    if (!QDir().mkpath(folder)) {
        err << "tricoach: cannot create " << folder << "\n";
        return false;
    }
    window.resize(1440, 900);
    window.show();
    // The activities page shows a selected activity in full, as a person would look at it.
    QTreeView* table = window.activities()->table();
    if (table->model()->rowCount() > 0)
        table->setCurrentIndex(table->model()->index(0, 0));
    const QList<QPair<QString, MainWindow::Page>> pages = {
        {QStringLiteral("welcome"), MainWindow::Welcome},
        {QStringLiteral("dashboard"), MainWindow::Dashboard},
        {QStringLiteral("activities"), MainWindow::Activities},
        {QStringLiteral("calendar"), MainWindow::Calendar},
        {QStringLiteral("plan"), MainWindow::Plan},
        {QStringLiteral("settings"), MainWindow::Settings},
    };
    for (const auto& [theme, name] :
         {std::pair{Theme::Light, QStringLiteral("light")}, std::pair{Theme::Dark, QStringLiteral("dark")}}) {
        applyTheme(theme);
        window.restyle();
        for (const auto& [page, index] : pages) {
            window.showPage(index);
            QApplication::processEvents();
            const QString file = QDir(folder).filePath(QStringLiteral("%1-%2.png").arg(page, name));
            if (!window.grab().save(file)) {
                err << "tricoach: cannot write " << file << "\n";
                return false;
            }
        }
    }
    return true;
}

} // namespace tricoach
