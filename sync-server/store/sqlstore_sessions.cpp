// Sessions (the desktops' sign-ins), OAuth authorization codes and pending sign-ins. Single-use rules are single
// conditional statements (UPDATE/DELETE ... RETURNING), so they hold across instances without extra locks.
#include "sync-server/store/sqlstore.h"

namespace tricoach::sync::detail {

namespace {

std::string sessionQuery(const char* tail)
{
    return std::string("SELECT ") + kSessionColumns + " FROM sessions " + tail;
}

// A touch within this much of the last one is skipped: one write per minute per session, not one per request.
constexpr std::int64_t kTouchGranularityMs = 60'000;

} // namespace

Result<Session> SqlServerStore::createSession(const NewSession& s)
{
    return run<Session>(Mode::Write, [&](SqlConnection& c) {
        checkText(s.clientName, "The client name");
        const auto rows = c.query(std::string("INSERT INTO sessions (user_id, client_name, access_hash, "
                                              "access_expires_at, refresh_hash, refresh_expires_at, created_at, "
                                              "last_used_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING ") +
                                      kSessionColumns,
                                  {std::int64_t{s.userId}, s.clientName, s.accessHash, sqlTime(s.accessExpiresAt),
                                   s.refreshHash, sqlTime(s.refreshExpiresAt), sqlTime(s.now)});
        return sessionFrom(rows.at(0));
    });
}

Result<std::optional<Session>> SqlServerStore::findSessionByAccessHash(const Bytes& accessHash, Timestamp now)
{
    return run<std::optional<Session>>(Mode::Read, [&](SqlConnection& c) -> std::optional<Session> {
        const auto rows = c.query(
            std::string("SELECT s.id, s.user_id, s.client_name, s.created_at, s.last_used_at, s.access_expires_at, "
                        "s.refresh_expires_at, s.revoked_at FROM sessions s JOIN users u ON u.id = s.user_id "
                        "WHERE s.access_hash = $1 AND s.revoked_at IS NULL AND s.access_expires_at > $2 "
                        "AND u.disabled_at IS NULL"),
            {accessHash, sqlTime(now)});
        if (rows.empty())
            return std::nullopt;
        return sessionFrom(rows.front());
    });
}

Result<void> SqlServerStore::touchSession(SessionId id, Timestamp now)
{
    return run<void>(Mode::Write, [&](SqlConnection& c) {
        const std::int64_t at = now.time_since_epoch().count();
        c.query("UPDATE sessions SET last_used_at = $1 WHERE id = $2 AND last_used_at <= $3",
                {at, std::int64_t{id}, at - kTouchGranularityMs});
    });
}

Result<RotationResult> SqlServerStore::rotateSession(const SessionRotation& r)
{
    return run<RotationResult>(Mode::Write, [&](SqlConnection& c) {
        RotationResult result;
        // The WHERE names the presented hash: of two racing rotations, the second finds it gone (PostgreSQL
        // re-checks the row after the first commits; SQLite runs one writer at a time).
        auto rows = c.query(std::string("UPDATE sessions SET access_hash = $1, access_expires_at = $2, "
                                        "refresh_hash = $3, refresh_expires_at = $4, previous_refresh_hash = $5, "
                                        "last_used_at = $6 WHERE refresh_hash = $5 AND revoked_at IS NULL "
                                        "AND refresh_expires_at > $6 AND user_id IN (SELECT id FROM users WHERE "
                                        "disabled_at IS NULL) RETURNING ") +
                                kSessionColumns,
                            {r.newAccessHash, sqlTime(r.accessExpiresAt), r.newRefreshHash, sqlTime(r.refreshExpiresAt),
                             r.presentedRefreshHash, sqlTime(r.now)});
        if (!rows.empty()) {
            result.outcome = RotationOutcome::Rotated;
            result.session = sessionFrom(rows.front());
            return result;
        }
        // An old refresh token again: someone holds a copy (RFC 9700 §4.14.2), so the session ends for both.
        rows = c.query(std::string("UPDATE sessions SET revoked_at = coalesce(revoked_at, $1) "
                                   "WHERE previous_refresh_hash = $2 RETURNING ") +
                           kSessionColumns,
                       {sqlTime(r.now), r.presentedRefreshHash});
        if (!rows.empty()) {
            result.outcome = RotationOutcome::Reused;
            result.session = sessionFrom(rows.front());
        }
        return result;
    });
}

Result<std::vector<Session>> SqlServerStore::listSessions(UserId user, Timestamp now)
{
    return run<std::vector<Session>>(Mode::Read, [&](SqlConnection& c) {
        std::vector<Session> sessions;
        for (const auto& row : c.query(sessionQuery("WHERE user_id = $1 AND revoked_at IS NULL AND "
                                                    "refresh_expires_at > $2 ORDER BY created_at DESC, id DESC"),
                                       {std::int64_t{user}, sqlTime(now)}))
            sessions.push_back(sessionFrom(row));
        return sessions;
    });
}

Result<bool> SqlServerStore::revokeSession(UserId user, SessionId id, Timestamp now)
{
    return run<bool>(Mode::Write, [&](SqlConnection& c) {
        return !c.query("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL "
                        "RETURNING id",
                        {sqlTime(now), std::int64_t{id}, std::int64_t{user}})
                    .empty();
    });
}

Result<int> SqlServerStore::revokeAllSessions(UserId user, Timestamp now)
{
    return run<int>(Mode::Write, [&](SqlConnection& c) {
        return static_cast<int>(
            c.query("UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL AND "
                    "refresh_expires_at > $1 RETURNING id",
                    {sqlTime(now), std::int64_t{user}})
                .size());
    });
}

Result<void> SqlServerStore::putCode(const AuthorizationCode& code)
{
    return run<void>(Mode::Write, [&](SqlConnection& c) {
        checkText(code.clientId, "The client id");
        checkText(code.redirectUri, "The redirect URI");
        checkText(code.codeChallenge, "The code challenge");
        checkText(code.codeChallengeMethod, "The code challenge method");
        c.query("INSERT INTO authorization_codes (code_hash, user_id, client_id, redirect_uri, code_challenge, "
                "code_challenge_method, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                {code.codeHash, std::int64_t{code.userId}, code.clientId, code.redirectUri, code.codeChallenge,
                 code.codeChallengeMethod, sqlTime(code.expiresAt)});
    });
}

Result<std::optional<AuthorizationCode>> SqlServerStore::consumeCode(const Bytes& codeHash, Timestamp now)
{
    return run<std::optional<AuthorizationCode>>(
        Mode::Write, [&](SqlConnection& c) -> std::optional<AuthorizationCode> {
            const auto rows = c.query("UPDATE authorization_codes SET used_at = $1 WHERE code_hash = $2 AND used_at IS "
                                      "NULL AND expires_at > $1 RETURNING code_hash, user_id, client_id, redirect_uri, "
                                      "code_challenge, code_challenge_method, expires_at",
                                      {sqlTime(now), codeHash});
            if (rows.empty())
                return std::nullopt;
            const auto& row = rows.front();
            return AuthorizationCode{bytesAt(row, 0), intAt(row, 1),  textAt(row, 2), textAt(row, 3),
                                     textAt(row, 4),  textAt(row, 5), timeAt(row, 6)};
        });
}

Result<void> SqlServerStore::putPendingSignIn(const PendingSignIn& p)
{
    return run<void>(Mode::Write, [&](SqlConnection& c) {
        checkText(p.id, "The sign-in id");
        checkText(p.requestJson, "The sign-in request");
        c.query("INSERT INTO pending_sign_ins (id, request_json, expires_at) VALUES ($1, $2, $3)",
                {p.id, p.requestJson, sqlTime(p.expiresAt)});
    });
}

Result<std::optional<PendingSignIn>> SqlServerStore::takePendingSignIn(std::string_view id, Timestamp now)
{
    return run<std::optional<PendingSignIn>>(Mode::Write, [&](SqlConnection& c) -> std::optional<PendingSignIn> {
        checkText(id, "The sign-in id");
        const auto rows = c.query("DELETE FROM pending_sign_ins WHERE id = $1 RETURNING id, request_json, expires_at",
                                  {std::string(id)});
        if (rows.empty() || timeAt(rows.front(), 2) <= now)
            return std::nullopt; // an expired one is gone too
        return PendingSignIn{textAt(rows.front(), 0), textAt(rows.front(), 1), timeAt(rows.front(), 2)};
    });
}

} // namespace tricoach::sync::detail
