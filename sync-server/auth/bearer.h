#pragma once

#include "core/util/result.h"
#include "sync-server/http/message.h"
#include "sync-server/store/serverstore.h"

#include <QLatin1String>

namespace tricoach::sync {

inline constexpr QLatin1String kAuthMissingToken{"auth.missing-token"};
inline constexpr QLatin1String kAuthInvalidToken{"auth.invalid-token"};

// Who a request's `Authorization: Bearer <access token>` speaks for.
struct BearerIdentity {
    User user;
    Session session;
};

// Checks an access token (RFC 6750): a live session found by the token's hash, whose user is not disabled; its
// last use is noted. Fails with kAuthMissingToken, kAuthInvalidToken, or the store's error when it cannot answer.
Result<BearerIdentity> authenticateBearer(const HttpRequest& request, ServerStore& store, Timestamp now);

// The user a request's bearer token speaks for, if its session is live; nothing else is checked or noted. For the
// per-user request budget, which is counted before the route's own authenticateBearer.
std::optional<UserId> bearerUser(const HttpRequest& request, ServerStore& store, Timestamp now);

// The answer to a failed authenticateBearer: 401 with `WWW-Authenticate: Bearer` (RFC 6750 §3) and the JSON error,
// or 503 when the database could not answer (the token may well be good).
HttpResponse bearerFailure(const Error& error);

} // namespace tricoach::sync
