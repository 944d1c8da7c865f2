#pragma once
// The first-run page: three ways to begin — connect Strava, import files, or explore a sample season.

#include <QWidget>

class QPushButton;

namespace tricoach {

class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(QWidget* parent = nullptr);

Q_SIGNALS:
    // "Connect Strava": the window opens Settings ▸ Strava (and signs in when an application is set).
    void stravaRequested();
    void importRequested();
    void sampleRequested();
};

} // namespace tricoach
