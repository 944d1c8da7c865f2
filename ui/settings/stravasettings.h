#pragma once
// Settings ▸ Strava: how TriCoach reaches Strava (the athlete's own API application; a sync server later), the link
// (Connect, Ask again for what was left out, Reconnect after a revoke, Disconnect), the last sync with Sync now and
// Force refresh, and, under Advanced, where Strava's API and sign-in pages are.

#include <QGroupBox>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QToolButton;
class QVBoxLayout;

namespace tricoach {

class Preferences;
class StravaController;

class StravaSettings : public QGroupBox {
    Q_OBJECT
public:
    StravaSettings(StravaController& controller, Preferences& preferences, QWidget* parent = nullptr);

    void refresh();
    // Keeps the application typed in (if any), then signs in through the browser (StravaController::connectAccount).
    void connectStrava(bool askAgain = false);
    // Asks whether to disconnect (a message box that does not block); Yes disconnects.
    void confirmDisconnect();
    // Stores the Advanced addresses; false (and a message) when one is not an http(s) address.
    bool saveAddresses();
    QString message() const;

private:
    void buildApplication(QVBoxLayout* layout);
    QWidget* buildAdvanced();
    void setMessage(const QString& text);

    StravaController& m_controller;
    Preferences& m_preferences;
    QRadioButton* m_ownApp = nullptr;
    QRadioButton* m_server = nullptr;
    QLineEdit* m_clientId = nullptr;
    QLineEdit* m_clientSecret = nullptr;
    QToolButton* m_advancedToggle = nullptr;
    QWidget* m_advanced = nullptr;
    QLineEdit* m_apiBase = nullptr;
    QLineEdit* m_oauthBase = nullptr;
    QLabel* m_connection = nullptr;
    QLabel* m_lastSync = nullptr;
    QLabel* m_missing = nullptr;
    QPushButton* m_askAgain = nullptr;
    QLabel* m_problem = nullptr;
    QPushButton* m_reconnect = nullptr;
    QWidget* m_waiting = nullptr;
    QLabel* m_waitingUrl = nullptr;
    QPushButton* m_connect = nullptr;
    QPushButton* m_sync = nullptr;
    QPushButton* m_force = nullptr;
    QPushButton* m_disconnect = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace tricoach
