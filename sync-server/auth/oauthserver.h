#pragma once

#include "sync-server/http/message.h"
#include "sync-server/store/serverstore.h"

#include <string>
#include <vector>

namespace tricoach::sync {

// The desktop as RFC 8252 describes a native app: a public client that signs in through the system browser with an
// authorization code, PKCE (RFC 7636, S256 only) and a loopback redirect on any port (§7.3).
inline constexpr const char* kDesktopClientId = "tricoach-desktop";

struct AuthorizeRequest {
    std::string clientId;
    std::string redirectUri;
    std::string codeChallenge;
    std::string state;
    std::string locale; // "en" or "ru"

    std::string toJson() const;
    static std::optional<AuthorizeRequest> fromJson(const std::string& json);
};

// What an authorize request deserves. Until the redirect URI is known to be a loopback address on this machine,
// an error is shown in the browser, never sent to the URI (RFC 6749 §4.1.2.1).
struct AuthorizeCheck {
    enum class Outcome { SignIn, ShowError, RedirectError } outcome = Outcome::ShowError;
    AuthorizeRequest request;
    std::string error;       // RFC 6749 error code for RedirectError ("invalid_request", ...)
    std::string description; // in words
};

// Tokens a session was given: the plain values go to the desktop once; the store has only their hashes.
struct IssuedTokens {
    std::string accessToken;
    std::string refreshToken;
    int accessExpiresIn = 0; // seconds
    Session session;
};

// The authorization server's rules, apart from HTTP: checks requests, issues single-use codes, exchanges them and
// rotates refresh tokens. Thread-safe (the store is).
class OAuthServer {
public:
    static constexpr auto kCodeLifetime = std::chrono::minutes(2);
    static constexpr auto kAccessLifetime = std::chrono::hours(1);
    static constexpr auto kRefreshLifetime = std::chrono::hours(24 * 60);

    explicit OAuthServer(ServerStore& store)
        : m_store(store)
    {
    }

    static AuthorizeCheck checkAuthorize(const HttpRequest& request);
    // True for http://127.0.0.1:PORT/... and http://[::1]:PORT/... without user info or fragment.
    static bool isLoopbackRedirect(const std::string& uri);
    // The redirect URI with these query parameters added (percent-encoded).
    static std::string withQuery(const std::string& uri,
                                 const std::vector<std::pair<std::string, std::string>>& params);
    static std::string s256(std::string_view verifier);

    // A code for the signed-in user, bound to the request's client, redirect URI and challenge.
    Result<std::string> issueCode(UserId user, const AuthorizeRequest& request, Timestamp now);
    // grant_type=authorization_code. Errors: oauth.invalid_grant (unknown, used, expired code; wrong verifier,
    // redirect URI or client), oauth.invalid_request.
    Result<IssuedTokens> exchangeCode(const std::string& code, const std::string& redirectUri,
                                      const std::string& clientId, const std::string& verifier,
                                      const std::string& clientName, Timestamp now);
    // grant_type=refresh_token: a new pair; a refresh token used twice ends its session (a stolen copy is useless).
    Result<IssuedTokens> refresh(const std::string& refreshToken, const std::string& clientId, Timestamp now);

private:
    ServerStore& m_store;
};

} // namespace tricoach::sync
