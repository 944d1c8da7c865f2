#include "sync-server/auth/authroutes.h"

#include "core/util/datetime.h"
#include "core/util/utf8.h"
#include "sync-server/api/syncapi.h"
#include "sync-server/app/serverconfig.h"
#include "sync-server/auth/bearer.h"
#include "sync-server/auth/oauthserver.h"
#include "sync-server/auth/secrets.h"
#include "sync-server/auth/signinpage.h"
#include "sync-server/ops/jsonlog.h"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <regex>
#include <variant>

namespace tricoach::sync {

namespace {

constexpr auto kPendingLifetime = std::chrono::minutes(15);
constexpr auto kAttemptWindow = std::chrono::minutes(15);
constexpr int kAttemptsPerAccount = 10;
constexpr int kAttemptsPerAddress = 30;

HttpResponse fromError(const Error& e)
{
    const std::string code = e.code.toStdString();
    if (code.rfind("oauth.", 0) == 0)
        return HttpResponse::error(400, code, e.message.toStdString());
    if (code == "store.unavailable")
        return storeUnavailable();
    return HttpResponse::error(500, "server.internal", "The server failed to answer this request.");
}

// What the session list calls the client: its User-Agent when that is short UTF-8 text (a header may carry any bytes).
std::string clientName(const HttpRequest& r)
{
    const std::string agent = r.header("User-Agent").value_or("");
    return !agent.empty() && agent.size() <= 200 && isUtf8Text(agent) ? agent : std::string("TriCoach desktop");
}

bool isForm(const HttpRequest& r)
{
    const std::string type = r.header("Content-Type").value_or("");
    return type.rfind("application/x-www-form-urlencoded", 0) == 0;
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

using Form = std::vector<std::pair<std::string, std::string>>;

// scheme://host[:port] of an absolute http(s) URL, for a CSP source; empty for anything else (a CSP source never
// carries a path, a quote or a space that could end the directive).
std::string originOf(const std::string& url)
{
    static const std::regex origin(
        R"(^(https?://[A-Za-z0-9.\-]+(:[0-9]+)?|https?://\[[0-9A-Fa-f:]+\](:[0-9]+)?)(/.*)?$)");
    std::smatch m;
    return std::regex_match(url, m, origin) ? m[1].str() : std::string();
}

std::string isoTime(Timestamp t)
{
    return utcFromMSecs(t.time_since_epoch().count()).toString(Qt::ISODate).toStdString();
}

struct Routes {
    AuthDependencies deps;

    // The signed-in user and session of a bearer token, or the 401 (503) to answer.
    std::variant<std::pair<User, Session>, HttpResponse> authenticate(const HttpRequest& r, ServerStore& store)
    {
        auto who = authenticateBearer(r, store, deps.clock());
        if (!who)
            return bearerFailure(who.error());
        return std::make_pair(who->user, who->session);
    }

    // The authorize request parked again under a new id after a failed attempt (ids are single use).
    std::string repark(ServerStore& store, const AuthorizeRequest& request)
    {
        PendingSignIn p{Secrets::newToken(), request.toJson(), deps.clock() + kPendingLifetime};
        return store.putPendingSignIn(p) ? p.id : std::string();
    }

    HttpResponse page(int status, const AuthorizeRequest& request, const std::string& pendingId,
                      const std::string& error, const std::string& email)
    {
        SignInPage p;
        p.locale = request.locale;
        p.pendingId = pendingId;
        p.error = error;
        p.email = email;
        p.stravaAvailable = !deps.config->strava.clientId.empty() && !deps.config->tokenKey.empty();
        HttpResponse r = HttpResponse::html(status, renderSignInPage(p));
        r.headers.set("Cache-Control", "no-store");
        // The page may not be framed (clickjacking) and loads nothing from elsewhere. Its forms post here, and
        // browsers hold the redirects that follow to form-action too (CSP 3 §6.3.1.2): on to Strava's sign-in, and
        // back to the desktop's loopback address.
        std::string formAction = "'self'";
        for (const std::string& target : {deps.config->strava.oauthBase, request.redirectUri}) {
            if (const std::string origin = originOf(target); !origin.empty())
                formAction += " " + origin;
        }
        r.headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action " +
                                                     formAction + "; frame-ancestors 'none'");
        return r;
    }

    HttpResponse authorize(HttpRequest& r)
    {
        const AuthorizeCheck check = OAuthServer::checkAuthorize(r);
        if (check.outcome == AuthorizeCheck::Outcome::ShowError)
            return HttpResponse::html(400, renderMessagePage(check.request.locale, "TriCoach", check.description));
        if (check.outcome == AuthorizeCheck::Outcome::RedirectError)
            return HttpResponse::redirect(OAuthServer::withQuery(
                check.request.redirectUri,
                {{"error", check.error}, {"error_description", check.description}, {"state", check.request.state}}));
        auto store = deps.store();
        if (!store)
            return storeUnavailable();
        PendingSignIn pending{Secrets::newToken(), check.request.toJson(), deps.clock() + kPendingLifetime};
        if (auto put = store->putPendingSignIn(pending); !put)
            return fromError(put.error());
        return page(200, check.request, pending.id, {}, {});
    }

    // The body as an application/x-www-form-urlencoded form (RFC 6749 asks for it at the token endpoint), or the
    // 415 / 400 to answer.
    static std::variant<Form, HttpResponse> formOf(const HttpRequest& r)
    {
        if (!isForm(r))
            return HttpResponse::error(415, "request.unsupported-media-type",
                                       "Send the form as application/x-www-form-urlencoded.");
        auto form = parseQuery(r.body);
        if (!form)
            return HttpResponse::error(400, "request.malformed-body", "The form is not validly encoded UTF-8 text.");
        return std::move(*form);
    }

    HttpResponse password(HttpRequest& r)
    {
        auto parsed = formOf(r);
        if (auto* refused = std::get_if<HttpResponse>(&parsed))
            return *refused;
        const Form* form = &std::get<Form>(parsed);
        auto store = deps.store();
        if (!store)
            return storeUnavailable();
        const Timestamp now = deps.clock();
        auto taken = store->takePendingSignIn(fieldValue(*form, "pending"), now);
        if (!taken)
            return fromError(taken.error());
        const auto request = *taken ? AuthorizeRequest::fromJson((*taken)->requestJson) : std::nullopt;
        if (!request)
            return HttpResponse::html(400, renderMessagePage("en", "TriCoach", signInWords("en").expired));
        const SignInWords& words = signInWords(request->locale);
        const std::string email = lower(fieldValue(*form, "email"));
        const std::string password = fieldValue(*form, "password");
        if (email.empty() || password.empty())
            return page(400, *request, repark(*store, *request), words.missing, email);
        for (const auto& [key, limit] : {std::pair{"signin:ip:" + r.remoteIp, kAttemptsPerAddress},
                                         std::pair{"signin:email:" + email, kAttemptsPerAccount}}) {
            auto decision = store->hit(key, kAttemptWindow, limit, now);
            if (!decision)
                return fromError(decision.error());
            if (!decision->allowed) {
                deps.log->warn("sign-in attempts over the limit", {{"ip", r.remoteIp}});
                HttpResponse resp = page(429, *request, repark(*store, *request), words.tooMany, email);
                resp.headers.set("Retry-After", std::to_string(decision->retryAfter.count()));
                return resp;
            }
        }
        auto user = store->findUserByEmail(email);
        if (!user)
            return fromError(user.error());
        // The same Argon2id work whether or not the account exists, so timing tells nothing either.
        static const std::string absent = Secrets::hashPassword("no account has this password");
        const bool known = *user && (*user)->passwordHash;
        const bool matches = Secrets::verifyPassword(password, known ? *(*user)->passwordHash : absent) && known;
        if (!matches) {
            deps.log->info("sign-in refused", {{"ip", r.remoteIp}});
            return page(401, *request, repark(*store, *request), words.wrongCredentials, email);
        }
        if ((*user)->disabled())
            return page(403, *request, repark(*store, *request), words.disabled, email);
        OAuthServer oauth(*store);
        auto code = oauth.issueCode((*user)->id, *request, now);
        if (!code)
            return fromError(code.error());
        deps.log->info("signed in with a password", {{"user", (*user)->id}});
        // 303: the browser follows with a GET to the desktop's loopback listener.
        return HttpResponse::redirect(
            OAuthServer::withQuery(request->redirectUri, {{"code", *code}, {"state", request->state}}), 303);
    }

    HttpResponse token(HttpRequest& r)
    {
        auto parsed = formOf(r);
        if (auto* refused = std::get_if<HttpResponse>(&parsed))
            return *refused;
        const Form* form = &std::get<Form>(parsed);
        auto store = deps.store();
        if (!store)
            return storeUnavailable();
        OAuthServer oauth(*store);
        const std::string grant = fieldValue(*form, "grant_type");
        const Timestamp now = deps.clock();
        Result<IssuedTokens> issued =
            makeError(QStringLiteral("grant_type must be authorization_code or refresh_token."),
                      QStringLiteral("oauth.unsupported_grant_type"));
        if (grant == "authorization_code")
            issued = oauth.exchangeCode(fieldValue(*form, "code"), fieldValue(*form, "redirect_uri"),
                                        fieldValue(*form, "client_id"), fieldValue(*form, "code_verifier"),
                                        clientName(r), now);
        else if (grant == "refresh_token")
            issued = oauth.refresh(fieldValue(*form, "refresh_token"), fieldValue(*form, "client_id"), now);
        if (!issued)
            return fromError(issued.error());
        auto user = store->findUser(issued->session.userId);
        nlohmann::json body = {{"access_token", issued->accessToken},
                               {"token_type", "Bearer"},
                               {"expires_in", issued->accessExpiresIn},
                               {"refresh_token", issued->refreshToken},
                               {"session_id", issued->session.id}};
        if (user && *user)
            body["user"] = {{"id", (*user)->id}, {"display_name", (*user)->displayName}};
        HttpResponse resp = HttpResponse::json(200, body);
        resp.headers.set("Cache-Control", "no-store"); // RFC 6749 §5.1
        return resp;
    }

    HttpResponse me(HttpRequest& r)
    {
        auto store = deps.store();
        if (!store)
            return storeUnavailable();
        auto who = authenticate(r, *store);
        if (auto* denied = std::get_if<HttpResponse>(&who))
            return *denied;
        const User& u = std::get<0>(who).first;
        nlohmann::json body = {{"id", u.id}, {"display_name", u.displayName}, {"locale", u.locale}};
        body["email"] = u.email ? nlohmann::json(*u.email) : nlohmann::json(nullptr);
        body["strava_athlete_id"] = u.stravaAthleteId ? nlohmann::json(*u.stravaAthleteId) : nlohmann::json(nullptr);
        return HttpResponse::json(200, body);
    }

    HttpResponse sessions(HttpRequest& r)
    {
        auto store = deps.store();
        if (!store)
            return storeUnavailable();
        auto who = authenticate(r, *store);
        if (auto* denied = std::get_if<HttpResponse>(&who))
            return *denied;
        const auto& [user, current] = std::get<0>(who);
        auto list = store->listSessions(user.id, deps.clock());
        if (!list)
            return fromError(list.error());
        nlohmann::json items = nlohmann::json::array();
        for (const Session& s : *list)
            items.push_back({{"id", s.id},
                             {"client_name", s.clientName},
                             {"created_at", isoTime(s.createdAt)},
                             {"last_used_at", isoTime(s.lastUsedAt)},
                             {"current", s.id == current.id}});
        return HttpResponse::json(200, {{"sessions", items}});
    }

    HttpResponse revoke(HttpRequest& r)
    {
        auto store = deps.store();
        if (!store)
            return storeUnavailable();
        auto who = authenticate(r, *store);
        if (auto* denied = std::get_if<HttpResponse>(&who))
            return *denied;
        const auto& [user, current] = std::get<0>(who);
        const std::string which = r.param("id").value_or("");
        SessionId id = current.id;
        if (which != "current") {
            char* end = nullptr;
            id = std::strtoll(which.c_str(), &end, 10);
            if (which.empty() || *end != '\0' || id <= 0)
                return HttpResponse::error(400, "request.invalid", "A session id is a number, or current.");
        }
        auto revoked = store->revokeSession(user.id, id, deps.clock());
        if (!revoked)
            return fromError(revoked.error());
        // Another user's session is "not found" too: its existence is not theirs to learn.
        if (!*revoked)
            return HttpResponse::error(404, "session.not-found", "You have no live session with that id.");
        HttpResponse resp;
        resp.status = 204;
        return resp;
    }
};

} // namespace

void addAuthRoutes(SyncApi& api, AuthDependencies deps)
{
    if (!deps.clock)
        deps.clock = systemNow;
    auto routes = std::make_shared<Routes>(Routes{std::move(deps)});
    Router& router = api.router();
    router.add("GET", "/oauth/authorize", Throttle::SignIn, [routes](HttpRequest& r) { return routes->authorize(r); });
    router.add("POST", "/oauth/password", Throttle::SignIn, [routes](HttpRequest& r) { return routes->password(r); });
    router.add("POST", "/oauth/token", Throttle::SignIn, [routes](HttpRequest& r) { return routes->token(r); });
    router.add("GET", "/v1/me", Throttle::PerUser, [routes](HttpRequest& r) { return routes->me(r); });
    router.add("GET", "/v1/sessions", Throttle::PerUser, [routes](HttpRequest& r) { return routes->sessions(r); });
    router.add("DELETE", "/v1/sessions/{id}", Throttle::PerUser,
               [routes](HttpRequest& r) { return routes->revoke(r); });
}

} // namespace tricoach::sync
