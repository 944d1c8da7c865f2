#pragma once

#include "core/model/athlete.h"

#include <QMainWindow>

class QLabel;
class QStackedWidget;

namespace tricoach {

class ActivityStore;

// The desktop window: a navigation rail of pages around the current athlete's data.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(ActivityStore& store, AthleteId athlete, QWidget* parent = nullptr);

    QStringList pageNames() const;
    void showPage(int index);

private:
    void buildMenus();
    void refreshSummary();

    ActivityStore& m_store;
    AthleteId m_athlete;
    QStackedWidget* m_pages = nullptr;
    QLabel* m_summary = nullptr;
};

} // namespace tricoach
