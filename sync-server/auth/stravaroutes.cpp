#include "sync-server/auth/stravaroutes.h"

#include "sync-server/api/syncapi.h"
#include "sync-server/app/serverconfig.h"
#include "sync-server/auth/bearer.h"
#include "sync-server/auth/oauthserver.h"
#include "sync-server/auth/secrets.h"
#include "sync-server/auth/signinpage.h"
#include "sync-server/auth/tokencipher.h"
#include "sync-server/net/httpclient.h"
#include "sync-server/ops/jsonlog.h"

#include <nlohmann/json.hpp>

namespace tricoach::sync {

namespace {

constexpr auto kPendingLifetime = std::chrono::minutes(15);
// Strava's access tokens live six hours; one with less than an hour left is refreshed (Strava returns the same
// token when more is left).
constexpr auto kRefreshMargin = std::chrono::hours(1);

struct StravaGrant {
    std::string accessToken;
    std::string refreshToken;
    Timestamp expiresAt;
    StravaAthleteId athleteId = 0;
    std::string name;
};

struct Routes {
    StravaAuthDependencies deps;

    std::string callbackUrl() const { return deps.config->effectivePublicUrl() + "/oauth/strava/callback"; }

    // POST {oauth}/oauth/token with our client credentials (Strava's documented token exchange and refresh).
    Result<StravaGrant> tokenCall(std::vector<std::pair<std::string, std::string>> fields)
    {
        fields.emplace_back("client_id", deps.config->strava.clientId);
        fields.emplace_back("client_secret", deps.config->strava.clientSecret);
        OutboundRequest request;
        request.method = "POST";
        request.url = deps.config->strava.oauthBase + "/oauth/token";
        request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
        request.body = formEncode(fields);
        auto response = deps.http->send(request);
        if (!response)
            return makeError(QStringLiteral("Strava could not be reached: %1").arg(response.error().message),
                             QStringLiteral("strava.unavailable"));
        const auto body = nlohmann::json::parse(response->body, nullptr, false);
        if (response->status != 200 || !body.is_object() || !body.contains("access_token"))
            return makeError(QStringLiteral("Strava refused the sign-in (HTTP %1).").arg(response->status),
                             response->status >= 500 ? QStringLiteral("strava.unavailable")
                                                     : QStringLiteral("strava.refused"));
        StravaGrant g;
        g.accessToken = body.value("access_token", "");
        g.refreshToken = body.value("refresh_token", "");
        g.expiresAt = Timestamp(std::chrono::seconds(body.value("expires_at", 0LL)));
        if (body.contains("athlete") && body["athlete"].is_object()) {
            g.athleteId = body["athlete"].value("id", 0LL);
            g.name = body["athlete"].value("firstname", "") + std::string(" ") + body["athlete"].value("lastname", "");
        }
        return g;
    }

    HttpResponse start(HttpRequest& r)
    {
        const auto form = parseQuery(r.body);
        auto store = deps.store();
        if (!store)
            return storeUnavailable();
        const Timestamp now = deps.clock();
        auto taken = store->takePendingSignIn(form ? fieldValue(*form, "pending") : std::string(), now);
        if (!taken || !*taken)
            return HttpResponse::html(400, renderMessagePage("en", "TriCoach", signInWords("en").expired));
        // Parked again under a new id that travels to Strava as `state` and comes back to the callback.
        PendingSignIn parked{Secrets::newToken(), (*taken)->requestJson, now + kPendingLifetime};
        if (!deps.cipher || deps.config->strava.clientId.empty() || !store->putPendingSignIn(parked))
            return HttpResponse::html(
                503, renderMessagePage("en", "TriCoach", "Sign in with Strava is not available on this server."));
        return HttpResponse::redirect(OAuthServer::withQuery(deps.config->strava.oauthBase + "/oauth/authorize",
                                                             {{"client_id", deps.config->strava.clientId},
                                                              {"redirect_uri", callbackUrl()},
                                                              {"response_type", "code"},
                                                              {"approval_prompt", "auto"},
                                                              {"scope", "read,activity:read_all"},
                                                              {"state", parked.id}}),
                                      303);
    }

    HttpResponse callback(HttpRequest& r)
    {
        auto store = deps.store();
        if (!store)
            return storeUnavailable();
        const Timestamp now = deps.clock();
        auto taken = store->takePendingSignIn(r.queryValue("state").value_or(""), now);
        const auto request = taken && *taken ? AuthorizeRequest::fromJson((*taken)->requestJson) : std::nullopt;
        if (!request)
            return HttpResponse::html(400, renderMessagePage("en", "TriCoach", signInWords("en").expired));
        const auto back = [&](const std::string& error, const std::string& description) {
            return HttpResponse::redirect(OAuthServer::withQuery(
                request->redirectUri,
                {{"error", error}, {"error_description", description}, {"state", request->state}}));
        };
        if (r.queryValue("error"))
            return back("access_denied", "The sign-in was cancelled at Strava.");
        auto grant = tokenCall({{"code", r.queryValue("code").value_or("")}, {"grant_type", "authorization_code"}});
        if (!grant) {
            deps.log->warn("Strava sign-in failed", {{"problem", grant.error().message.toStdString()}});
            return back(grant.error().code == QStringLiteral("strava.unavailable") ? "temporarily_unavailable"
                                                                                   : "access_denied",
                        grant.error().message.toStdString());
        }
        if (grant->athleteId <= 0)
            return back("server_error", "Strava did not say which athlete signed in.");
        auto user = store->findUserByStravaAthlete(grant->athleteId);
        if (user && !*user) {
            NewUser u;
            u.stravaAthleteId = grant->athleteId;
            u.displayName = grant->name;
            u.locale = request->locale;
            u.createdAt = now;
            auto created = store->createUser(u);
            user = created ? Result<std::optional<User>>(std::optional<User>(*created))
                           : Result<std::optional<User>>(created.error());
            if (!created && created.error().code == kStoreConflict) // another instance made it just now
                user = store->findUserByStravaAthlete(grant->athleteId);
        }
        if (!user || !*user)
            return back("server_error", "The account could not be found or made.");
        if ((*user)->disabled())
            return back("access_denied", "This account is disabled.");
        StravaCredentials creds;
        creds.userId = (*user)->id;
        creds.athleteId = grant->athleteId;
        creds.accessToken = deps.cipher->seal(grant->accessToken);
        creds.refreshToken = deps.cipher->seal(grant->refreshToken);
        creds.accessExpiresAt = grant->expiresAt;
        creds.scopes = r.queryValue("scope").value_or("");
        creds.updatedAt = now;
        if (!store->putStravaCredentials(creds))
            return back("server_error", "The Strava sign-in could not be kept.");
        OAuthServer oauth(*store);
        auto code = oauth.issueCode((*user)->id, *request, now);
        if (!code)
            return back("server_error", "The sign-in could not be completed.");
        deps.log->info("signed in with Strava", {{"user", (*user)->id}});
        return HttpResponse::redirect(
            OAuthServer::withQuery(request->redirectUri, {{"code", *code}, {"state", request->state}}), 303);
    }

    HttpResponse brokerToken(HttpRequest& r)
    {
        auto store = deps.store();
        if (!store)
            return storeUnavailable();
        const Timestamp now = deps.clock();
        auto who = authenticateBearer(r, *store, now);
        if (!who)
            return bearerFailure(who.error());
        auto creds = store->stravaCredentials(who->user.id);
        if (!creds)
            return storeUnavailable();
        if (!*creds || !deps.cipher)
            return HttpResponse::error(404, "strava.not-connected",
                                       "This account has no Strava connection: sign in with Strava first.");
        StravaCredentials c = **creds;
        auto access = deps.cipher->open(c.accessToken);
        if (!access)
            return HttpResponse::error(500, "server.internal", "The stored Strava sign-in cannot be read.");
        if (c.accessExpiresAt - now < kRefreshMargin) {
            auto refresh = deps.cipher->open(c.refreshToken);
            if (!refresh)
                return HttpResponse::error(500, "server.internal", "The stored Strava sign-in cannot be read.");
            auto grant = tokenCall({{"refresh_token", *refresh}, {"grant_type", "refresh_token"}});
            if (!grant) {
                if (grant.error().code == QStringLiteral("strava.unavailable"))
                    return HttpResponse::error(503, "strava.unavailable", "Strava cannot be reached; try again soon.");
                // Another instance may have refreshed the same pair a moment ago (Strava then refuses the old
                // refresh token): what it stored is good.
                auto again = store->stravaCredentials(c.userId);
                if (again && *again && (*again)->refreshToken != c.refreshToken) {
                    auto theirs = deps.cipher->open((*again)->accessToken);
                    if (theirs)
                        return issued(**again, *theirs);
                }
                (void)store->deleteStravaCredentials(c.userId);
                return HttpResponse::error(409, "strava.unauthorized",
                                           "Strava no longer accepts this connection: sign in with Strava again.");
            }
            // The new pair is kept before it is handed out: Strava has already invalidated the old refresh token.
            c.accessToken = deps.cipher->seal(grant->accessToken);
            c.refreshToken = deps.cipher->seal(grant->refreshToken.empty() ? *refresh : grant->refreshToken);
            c.accessExpiresAt = grant->expiresAt;
            c.updatedAt = now;
            if (!store->putStravaCredentials(c))
                return storeUnavailable();
            access = grant->accessToken;
        }
        return issued(c, *access);
    }

    static HttpResponse issued(const StravaCredentials& c, const std::string& access)
    {
        HttpResponse resp = HttpResponse::json(
            200, {{"access_token", access},
                  {"expires_at",
                   std::chrono::duration_cast<std::chrono::seconds>(c.accessExpiresAt.time_since_epoch()).count()},
                  {"athlete_id", c.athleteId},
                  {"scopes", c.scopes}});
        resp.headers.set("Cache-Control", "no-store");
        return resp;
    }
};

} // namespace

void addStravaAuthRoutes(SyncApi& api, StravaAuthDependencies deps)
{
    auto routes = std::make_shared<Routes>(Routes{std::move(deps)});
    api.router().add("POST", "/oauth/strava/start", Throttle::SignIn,
                     [routes](HttpRequest& r) { return routes->start(r); });
    api.router().add("GET", "/oauth/strava/callback", Throttle::SignIn,
                     [routes](HttpRequest& r) { return routes->callback(r); });
    api.router().add("POST", "/v1/strava/token", Throttle::PerUser,
                     [routes](HttpRequest& r) { return routes->brokerToken(r); });
}

} // namespace tricoach::sync
