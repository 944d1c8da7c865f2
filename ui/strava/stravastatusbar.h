#pragma once
// The status bar's Strava part: the progress with Cancel while a sync runs, the pause while Strava's rate limit
// holds it, the summary when it ends, and errors in plain words (revoked access offers Reconnect).

#include <QWidget>

class QLabel;
class QPushButton;

namespace tricoach {

class StravaController;
struct StravaSyncEnd;

class StravaStatusBar : public QWidget {
    Q_OBJECT
public:
    explicit StravaStatusBar(StravaController& controller, QWidget* parent = nullptr);
    // The whole text (the label may shorten it to fit).
    QString text() const { return m_full; }

Q_SIGNALS:
    void reconnectRequested();

private:
    void present(const QString& text, bool cancel, bool reconnect);
    void finished(const StravaSyncEnd& end);
    void paused();

    StravaController& m_controller;
    QLabel* m_text = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_reconnect = nullptr;
    QString m_full;
};

} // namespace tricoach
