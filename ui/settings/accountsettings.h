#pragma once
// Settings ▸ TriCoach account: the server's address, Sign in (the system browser), who is signed in, whether live
// updates from Strava arrive, and Sign out.

#include <QGroupBox>

class QLabel;
class QLineEdit;
class QPushButton;

namespace tricoach {

class AccountController;

class AccountSettings : public QGroupBox {
    Q_OBJECT
public:
    explicit AccountSettings(AccountController& controller, QWidget* parent = nullptr);

    void refresh();
    // Keeps the address typed in (if it changed), then signs in through the browser.
    void signIn();
    QString message() const;

private:
    void setMessage(const QString& text);

    AccountController& m_controller;
    QLineEdit* m_server = nullptr;
    QLabel* m_who = nullptr;
    QLabel* m_live = nullptr;
    QWidget* m_waiting = nullptr;
    QLabel* m_waitingUrl = nullptr;
    QPushButton* m_signIn = nullptr;
    QPushButton* m_signOut = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace tricoach
