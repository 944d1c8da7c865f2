#pragma once
// The desktop's TriCoach account for the profile on screen: the server's address, the sign-in through the system
// browser (on the main thread, in a local event loop, like Strava's: the window stays live and Cancel works),
// sign-out, and the live event stream while signed in, whose wake-ups have StravaController apply the account's
// events on its worker. The stream follows the profile on screen and stops when the session ends.

#include "core/account/accountevents.h"
#include "core/account/tricoachaccount.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

class QWidget;

namespace tricoach {

class Preferences;
class StravaController;
class TrainingData;

class AccountController : public QObject {
    Q_OBJECT
public:
    AccountController(TrainingData& data, Preferences& preferences, StravaController& strava, QWidget* window,
                      QObject* parent = nullptr);
    ~AccountController() override;

    account::AccountState state() const;
    // The server in use (TRICOACH_SYNC_URL over the one typed in); empty when none is set.
    QString server() const;
    Result<void> setServer(const QString& address);

    bool busy() const { return m_signingIn; }
    bool live() const { return m_events && m_events->isConnected(); }
    QString liveProblem() const { return m_liveProblem; }

    // What opens the sign-in page: the system browser; tests play the browser.
    void setOpenUrl(std::function<bool(const QUrl&)> openUrl) { m_openUrl = std::move(openUrl); }
    void setSignInTimeout(int ms) { m_timeoutMs = ms; }
    // Test hooks for the live stream's pacing.
    void setLiveTiming(int silenceMs, int firstRetryMs);

    // Signs in through the browser; returns when the browser came back, on Cancel or after the timeout.
    void signIn();
    void cancel() { m_cancel = true; }
    void signOut();

Q_SIGNALS:
    void stateChanged();
    void signInPageOpened(const QUrl& url, bool browserOpened);
    void signInFinished(const QString& error);
    void signOutFinished(const QString& message);
    void liveChanged();

private:
    void restartLive();

    TrainingData& m_data;
    Preferences& m_preferences;
    StravaController& m_strava;
    QWidget* m_window = nullptr;
    std::function<bool(const QUrl&)> m_openUrl;
    int m_timeoutMs = 10 * 60 * 1000;
    bool m_signingIn = false;
    std::atomic<bool> m_cancel{false};
    std::unique_ptr<account::AccountEvents> m_events;
    QString m_liveProblem;
    int m_silenceMs = 45'000, m_firstRetryMs = 1000;
};

} // namespace tricoach
