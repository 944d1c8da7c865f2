#include "sync-server/auth/oauthserver.h"

#include "sync-server/auth/secrets.h"

#include <QUrl>

#include <nlohmann/json.hpp>
#include <sodium.h>

namespace tricoach::sync {

namespace {

Error oauthError(const char* code, const std::string& message)
{
    return makeError(QString::fromStdString(message), QString::fromLatin1(code));
}

// RFC 7636 §4.1: 43-128 characters of [A-Z a-z 0-9 - . _ ~]; the S256 challenge is 43 of base64url.
bool isVerifierText(std::string_view s, size_t minimum, size_t maximum)
{
    return s.size() >= minimum && s.size() <= maximum && std::all_of(s.begin(), s.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' || c == '~';
           });
}

Result<IssuedTokens> newSession(ServerStore& store, UserId user, const std::string& clientName, Timestamp now)
{
    IssuedTokens t;
    t.accessToken = Secrets::newToken();
    t.refreshToken = Secrets::newToken();
    t.accessExpiresIn = static_cast<int>(std::chrono::seconds(OAuthServer::kAccessLifetime).count());
    NewSession s;
    s.userId = user;
    s.clientName = clientName.substr(0, 100);
    s.accessHash = Secrets::hashOf(t.accessToken);
    s.accessExpiresAt = now + OAuthServer::kAccessLifetime;
    s.refreshHash = Secrets::hashOf(t.refreshToken);
    s.refreshExpiresAt = now + OAuthServer::kRefreshLifetime;
    s.now = now;
    auto created = store.createSession(s);
    if (!created)
        return created.error();
    t.session = *created;
    return t;
}

} // namespace

std::string AuthorizeRequest::toJson() const
{
    return nlohmann::json{{"client_id", clientId},
                          {"redirect_uri", redirectUri},
                          {"code_challenge", codeChallenge},
                          {"state", state},
                          {"locale", locale}}
        .dump();
}

std::optional<AuthorizeRequest> AuthorizeRequest::fromJson(const std::string& json)
{
    const auto j = nlohmann::json::parse(json, nullptr, false);
    if (!j.is_object())
        return std::nullopt;
    AuthorizeRequest r;
    r.clientId = j.value("client_id", "");
    r.redirectUri = j.value("redirect_uri", "");
    r.codeChallenge = j.value("code_challenge", "");
    r.state = j.value("state", "");
    r.locale = j.value("locale", "en");
    return r;
}

bool OAuthServer::isLoopbackRedirect(const std::string& uri)
{
    const QUrl url(QString::fromStdString(uri), QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QStringLiteral("http") || !url.userInfo().isEmpty() || url.hasFragment())
        return false;
    // RFC 8252 §8.3: the loopback IP literals, not "localhost" (which may resolve elsewhere).
    const QString host = url.host();
    if (host != QStringLiteral("127.0.0.1") && host != QStringLiteral("::1"))
        return false;
    return url.port() > 0;
}

std::string OAuthServer::withQuery(const std::string& uri,
                                   const std::vector<std::pair<std::string, std::string>>& params)
{
    std::string out = uri;
    char sep = uri.find('?') == std::string::npos ? '?' : '&';
    for (const auto& [k, v] : params) {
        out += sep + percentEncode(k) + "=" + percentEncode(v);
        sep = '&';
    }
    return out;
}

std::string OAuthServer::s256(std::string_view verifier)
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size());
    char text[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(text, sizeof text, digest, sizeof digest, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return text;
}

AuthorizeCheck OAuthServer::checkAuthorize(const HttpRequest& request)
{
    AuthorizeCheck c;
    AuthorizeRequest& r = c.request;
    r.clientId = request.queryValue("client_id").value_or("");
    r.redirectUri = request.queryValue("redirect_uri").value_or("");
    r.codeChallenge = request.queryValue("code_challenge").value_or("");
    r.state = request.queryValue("state").value_or("");
    const std::string lang = request.queryValue("lang").value_or(request.header("Accept-Language").value_or(""));
    r.locale = lang.rfind("ru", 0) == 0 ? "ru" : "en";
    if (r.clientId != kDesktopClientId) {
        c.description = "This sign-in link is not from a TriCoach desktop (unknown client).";
        return c;
    }
    if (!isLoopbackRedirect(r.redirectUri)) {
        c.description = "This sign-in link does not lead back to the TriCoach desktop on this computer.";
        return c;
    }
    c.outcome = AuthorizeCheck::Outcome::RedirectError;
    c.error = "invalid_request";
    if (request.queryValue("response_type") != "code") {
        c.error = "unsupported_response_type";
        c.description = "response_type must be code";
    } else if (request.queryValue("code_challenge_method") != "S256") {
        c.description = "code_challenge_method must be S256";
    } else if (!isVerifierText(r.codeChallenge, 43, 128)) {
        c.description = "code_challenge is missing or malformed";
    } else if (r.state.size() > 512) {
        c.description = "state is too long";
    } else {
        c.outcome = AuthorizeCheck::Outcome::SignIn;
        c.error.clear();
    }
    return c;
}

Result<std::string> OAuthServer::issueCode(UserId user, const AuthorizeRequest& request, Timestamp now)
{
    const std::string code = Secrets::newToken();
    AuthorizationCode stored;
    stored.codeHash = Secrets::hashOf(code);
    stored.userId = user;
    stored.clientId = request.clientId;
    stored.redirectUri = request.redirectUri;
    stored.codeChallenge = request.codeChallenge;
    stored.codeChallengeMethod = "S256";
    stored.expiresAt = now + kCodeLifetime;
    if (auto put = m_store.putCode(stored); !put)
        return put.error();
    return code;
}

Result<IssuedTokens> OAuthServer::exchangeCode(const std::string& code, const std::string& redirectUri,
                                               const std::string& clientId, const std::string& verifier,
                                               const std::string& clientName, Timestamp now)
{
    if (code.empty() || redirectUri.empty() || clientId.empty())
        return oauthError("oauth.invalid_request", "code, redirect_uri and client_id are required.");
    if (!isVerifierText(verifier, 43, 128))
        return oauthError("oauth.invalid_request", "code_verifier is missing or malformed.");
    // Consumed first, whatever follows: a code presented with a wrong verifier is burnt, not left for a retry.
    auto stored = m_store.consumeCode(Secrets::hashOf(code), now);
    if (!stored)
        return stored.error();
    if (!*stored)
        return oauthError("oauth.invalid_grant", "The authorization code is unknown, used or expired.");
    const AuthorizationCode& c = **stored;
    if (c.clientId != clientId || c.redirectUri != redirectUri)
        return oauthError("oauth.invalid_grant", "The code was issued to another client or redirect URI.");
    if (!Secrets::equalInConstantTime(s256(verifier), c.codeChallenge))
        return oauthError("oauth.invalid_grant", "The code verifier does not match the code challenge.");
    auto user = m_store.findUser(c.userId);
    if (!user)
        return user.error();
    if (!*user || (*user)->disabled())
        return oauthError("oauth.invalid_grant", "This account is disabled.");
    return newSession(m_store, c.userId, clientName, now);
}

Result<IssuedTokens> OAuthServer::refresh(const std::string& refreshToken, const std::string& clientId, Timestamp now)
{
    if (clientId != kDesktopClientId || refreshToken.empty())
        return oauthError("oauth.invalid_request", "refresh_token and client_id are required.");
    IssuedTokens t;
    t.accessToken = Secrets::newToken();
    t.refreshToken = Secrets::newToken();
    t.accessExpiresIn = static_cast<int>(std::chrono::seconds(kAccessLifetime).count());
    SessionRotation rotation;
    rotation.presentedRefreshHash = Secrets::hashOf(refreshToken);
    rotation.newAccessHash = Secrets::hashOf(t.accessToken);
    rotation.accessExpiresAt = now + kAccessLifetime;
    rotation.newRefreshHash = Secrets::hashOf(t.refreshToken);
    rotation.refreshExpiresAt = now + kRefreshLifetime;
    rotation.now = now;
    auto rotated = m_store.rotateSession(rotation);
    if (!rotated)
        return rotated.error();
    switch (rotated->outcome) {
    case RotationOutcome::Rotated:
        t.session = *rotated->session;
        return t;
    case RotationOutcome::Reused:
        return oauthError("oauth.invalid_grant",
                          "This refresh token was already used; the session has been ended. Sign in again.");
    case RotationOutcome::Unknown:
        break;
    }
    return oauthError("oauth.invalid_grant", "The refresh token is unknown, revoked or expired. Sign in again.");
}

} // namespace tricoach::sync
