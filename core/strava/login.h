#pragma once
// Signing in to Strava through the system browser (OAuth 2 authorization code, RFC 8252 for native apps): a
// redirect listener on 127.0.0.1 only (never every interface: another machine must not be able to hand us a code),
// on a free port; a random `state` checked on return; the granted scopes read from the redirect, since the athlete
// may untick boxes. Never an embedded web view: Strava's login breaks there, and the athlete's password belongs in
// their own browser. Runs on the calling thread's event loop.

#include "core/strava/tokens.h"

#include <QTcpServer>
#include <QUrlQuery>

#include <atomic>
#include <functional>
#include <memory>

namespace tricoach::strava {

// The scopes TriCoach asks for: its profile, and every activity including private ones.
QStringList requestedScopes();

// Listens for the browser's redirect on http://127.0.0.1:<port>/callback. `service` names who signs in, on the page
// the browser shows afterwards ("Strava", "your TriCoach account"). The TriCoach account's sign-in uses it too.
class LoopbackRedirect : public QObject {
    Q_OBJECT
public:
    explicit LoopbackRedirect(QString service = QStringLiteral("Strava"));
    ~LoopbackRedirect() override;
    bool listen(QString* error);
    QUrl redirectUri() const;
    // The query of the first redirect that arrived; empty until then.
    const std::optional<QUrlQuery>& received() const { return m_received; }

Q_SIGNALS:
    void redirected();

private:
    void onConnection();
    QString m_service;
    QTcpServer m_server;
    std::optional<QUrlQuery> m_received;
};

// Runs the event loop until `redirect` received the browser, `cancel` is set or `timeoutMs` pass; true when it came.
bool waitForRedirect(LoopbackRedirect& redirect, int timeoutMs, const std::atomic<bool>* cancel);

struct LoginOutcome {
    StravaTokens tokens;
    QStringList missingScopes; // asked for but not granted (activity:read_all: private activities are left out)
};

// One sign-in: `start` listens and returns the authorize URL to open; `wait` runs the event loop until the redirect
// arrives, `cancel` is set or `timeoutMs` passes, then exchanges the code. Nothing is stored here: the caller keeps
// the tokens only when everything succeeded.
class StravaLogin {
public:
    StravaLogin(TokenBroker& broker, StravaEndpoints endpoints, bool askAgain = false);
    Result<QUrl> start();
    Result<LoginOutcome> wait(int timeoutMs, const std::atomic<bool>* cancel = nullptr);

private:
    Result<LoginOutcome> finish(const QUrlQuery& query);

    TokenBroker& m_broker;
    StravaEndpoints m_endpoints;
    bool m_askAgain = false;
    QString m_state;
    std::unique_ptr<LoopbackRedirect> m_redirect;
};

} // namespace tricoach::strava
