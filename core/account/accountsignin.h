#pragma once
// Signing in to a TriCoach account as RFC 8252 has native apps do it: the server's sign-in page in the system
// browser, an authorization code returned to a loopback listener on 127.0.0.1 (any port, §7.3), bound to this
// sign-in by `state` and to this process by PKCE (RFC 7636, S256): the verifier never leaves the machine until the
// exchange, so a code another app intercepts is useless to it. Runs on the calling thread's event loop.

#include "core/account/accountclient.h"
#include "core/strava/login.h"

#include <atomic>
#include <memory>

namespace tricoach::account {

// A PKCE pair: 32 random bytes as base64url (43 characters), and BASE64URL(SHA-256(verifier)).
struct Pkce {
    QString verifier;
    QString challenge;
    static Pkce generate();
    static QString challengeOf(const QString& verifier);
};

class AccountSignIn {
public:
    // `locale` ("en", "ru") picks the sign-in page's language.
    AccountSignIn(QUrl server, AccountClient& client, QString locale = {});
    // Listens on the loopback and returns the address of the sign-in page to open.
    Result<QUrl> start();
    // Waits until the browser comes back, `cancel` is set or `timeoutMs` passes, then exchanges the code.
    Result<AccountTokens> wait(int timeoutMs, const std::atomic<bool>* cancel = nullptr);

private:
    Result<AccountTokens> finish(const QUrlQuery& query);

    QUrl m_server;
    AccountClient& m_client;
    QString m_locale;
    QString m_state;
    Pkce m_pkce;
    std::unique_ptr<strava::LoopbackRedirect> m_redirect;
};

} // namespace tricoach::account
