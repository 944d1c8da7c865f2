#include "sync-server/auth/bearer.h"

#include "sync-server/api/providers.h"
#include "sync-server/auth/secrets.h"

#include <algorithm>
#include <cctype>

namespace tricoach::sync {

namespace {

// RFC 6750 §2.1: the scheme is case-insensitive, one or more spaces, then the b64token.
std::optional<std::string> bearerToken(const HttpRequest& request)
{
    const auto field = request.header("Authorization");
    if (!field)
        return std::nullopt;
    std::string_view v = *field;
    constexpr std::string_view scheme = "bearer";
    if (v.size() <= scheme.size() ||
        !std::equal(scheme.begin(), scheme.end(), v.begin(),
                    [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); }) ||
        v[scheme.size()] != ' ')
        return std::string(); // there, but not a bearer token
    v.remove_prefix(scheme.size());
    while (!v.empty() && v.front() == ' ')
        v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ')
        v.remove_suffix(1);
    return std::string(v);
}

} // namespace

Result<BearerIdentity> authenticateBearer(const HttpRequest& request, ServerStore& store, Timestamp now)
{
    const auto token = bearerToken(request);
    if (!token)
        return makeError(QStringLiteral("Sign in first: this needs an access token (Authorization: Bearer)."),
                         kAuthMissingToken);
    const auto invalid =
        makeError(QStringLiteral("The access token is not valid (expired, revoked or never issued): sign in again."),
                  kAuthInvalidToken);
    if (token->empty() || token->size() > 512)
        return invalid;
    auto session = store.findSessionByAccessHash(Secrets::hashOf(*token), now);
    if (!session)
        return session.error();
    if (!*session)
        return invalid;
    auto user = store.findUser((*session)->userId);
    if (!user)
        return user.error();
    if (!*user || (*user)->disabled())
        return invalid;
    // Noting the last use is bookkeeping: a failure here does not refuse a valid token.
    (void)store.touchSession((*session)->id, now);
    return BearerIdentity{**user, **session};
}

std::optional<UserId> bearerUser(const HttpRequest& request, ServerStore& store, Timestamp now)
{
    const auto token = bearerToken(request);
    if (!token || token->empty() || token->size() > 512)
        return std::nullopt;
    auto session = store.findSessionByAccessHash(Secrets::hashOf(*token), now);
    if (!session || !*session)
        return std::nullopt;
    return (*session)->userId;
}

HttpResponse bearerFailure(const Error& error)
{
    if (error.code == kAuthMissingToken || error.code == kAuthInvalidToken) {
        HttpResponse r = HttpResponse::error(401, error.code.toStdString(), error.message.toStdString());
        // RFC 6750 §3: no error attribute when the request had no token at all.
        r.headers.set("WWW-Authenticate", error.code == kAuthMissingToken
                                              ? std::string("Bearer realm=\"tricoach-sync\"")
                                              : std::string("Bearer realm=\"tricoach-sync\", error=\"invalid_token\""));
        return r;
    }
    return storeUnavailable();
}

} // namespace tricoach::sync
