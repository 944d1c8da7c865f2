// Every signed-in route against another user's token, on both backends: user B's token sees only B's data and
// cannot end A's session, read A's events (through the page's after= or the stream's Last-Event-ID pointing into A's
// ids) or get A's Strava token; and every such route refuses missing, malformed, expired, revoked and disabled
// users' tokens with 401 and the JSON error. The routes are read from the running server: a new signed-in route
// fails the test until it is covered here.
#include "core/wire/events.h"
#include "sync-server/auth/tokencipher.h"
#include "tests/unit/sync-server/webhooks/webhooktestsupport.h"

#include <regex>
#include <set>

using namespace tricoach::sync;
using namespace tricoach::sync::test;
using tricoach::test::httpRequest;
using tricoach::test::RawResponse;

namespace {

// The signed-in routes this file proves, each below.
const std::set<std::string> kCovered = {"GET /v1/me",     "GET /v1/sessions",      "DELETE /v1/sessions/{id}",
                                        "GET /v1/events", "GET /v1/events/stream", "POST /v1/strava/token"};

const std::string kTokenKey = "KioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKio="; // 32 bytes of '*'

struct SignedIn {
    std::string access;
    std::string refresh;
    SessionId session = 0;
};

// A route's pattern with its placeholders filled: "/v1/sessions/{id}" -> "/v1/sessions/1".
std::string concrete(const std::string& pattern)
{
    static const std::regex placeholder(R"(\{[^}]+\})");
    return std::regex_replace(pattern, placeholder, "1");
}

class CrossUserTest : public ServerTest {
protected:
    SignedIn signIn(UserId user, std::int64_t lifetimeMs = 3'600'000)
    {
        SignedIn s;
        s.access = Secrets::newToken();
        s.refresh = Secrets::newToken();
        NewSession n;
        n.userId = user;
        n.clientName = "desktop of " + std::to_string(user);
        n.accessHash = Secrets::hashOf(s.access);
        n.refreshHash = Secrets::hashOf(s.refresh);
        n.now = systemNow();
        n.accessExpiresAt = n.now + std::chrono::milliseconds(lifetimeMs);
        n.refreshExpiresAt = n.now + std::chrono::hours(24);
        auto created = m_store->createSession(n);
        EXPECT_TRUE(created) << created.error().message.toStdString();
        s.session = created ? created->id : 0;
        return s;
    }

    static RawResponse call(quint16 port, const std::string& method, const std::string& target,
                            const std::string& token)
    {
        std::vector<std::pair<std::string, std::string>> h;
        if (!token.empty())
            h.emplace_back("Authorization", "Bearer " + token);
        return httpRequest(port, method, target, {}, h);
    }

    ServerConfig configWithStrava() const
    {
        ServerConfig c = config();
        c.tokenKey = kTokenKey;
        return c;
    }

    void connectStrava(UserId user, StravaAthleteId athlete, const std::string& access)
    {
        auto cipher = TokenCipher::fromBase64Key(kTokenKey);
        ASSERT_TRUE(cipher.ok());
        StravaCredentials c;
        c.userId = user;
        c.athleteId = athlete;
        c.accessToken = cipher->seal(access);
        c.refreshToken = cipher->seal("refresh-of-" + access);
        c.accessExpiresAt = systemNow() + std::chrono::hours(5); // no refresh: Strava is not asked
        c.scopes = "read,activity:read_all";
        c.updatedAt = systemNow();
        ASSERT_TRUE(m_store->putStravaCredentials(c));
    }
};

} // namespace

TEST_P(CrossUserTest, EverySignedInRouteRefusesEveryBadTokenWithTheJsonError)
{
    const User anna = makeUser(*m_store, "anna@example.org", 134815);
    const User off = makeUser(*m_store, "off@example.org", 5);
    const SignedIn expired = signIn(anna.id, -1000);
    const SignedIn revoked = signIn(anna.id);
    ASSERT_TRUE(m_store->revokeSession(anna.id, revoked.session, systemNow()));
    const SignedIn live = signIn(anna.id);
    const SignedIn ofDisabled = signIn(off.id);
    ASSERT_TRUE(m_store->disableUser(off.id, systemNow()));
    auto server = startServer(configWithStrava());

    // The signed-in routes, found by asking each route without a token.
    std::set<std::string> signedInRoutes;
    for (const Route& route : server->api().router().routes()) {
        const RawResponse r = httpRequest(server->port(), route.method, concrete(route.pattern));
        EXPECT_NE(r.status, 0) << route.pattern;
        if (r.status == 401)
            signedInRoutes.insert(route.method + " " + route.pattern);
    }
    EXPECT_EQ(signedInRoutes, kCovered) << "a signed-in route without its cross-user test here (or one gone)";

    const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> bad = {
        {"no Authorization", {}},
        {"Basic credentials", {{"Authorization", "Basic YW5uYTpwYXNz"}}},
        {"the scheme alone", {{"Authorization", "Bearer"}}},
        {"an empty token", {{"Authorization", "Bearer    "}}},
        {"a made-up token", {{"Authorization", "Bearer not-a-token"}}},
        {"an oversized token", {{"Authorization", "Bearer " + std::string(4000, 'A')}}},
        {"two tokens", {{"Authorization", "Bearer " + live.access + " " + live.access}}},
        {"an expired token", {{"Authorization", "Bearer " + expired.access}}},
        {"a revoked session's token", {{"Authorization", "Bearer " + revoked.access}}},
        {"a disabled user's token", {{"Authorization", "Bearer " + ofDisabled.access}}},
        {"a refresh token as access token", {{"Authorization", "Bearer " + live.refresh}}},
    };
    for (const std::string& route : kCovered) {
        const std::string method = route.substr(0, route.find(' '));
        const std::string target = concrete(route.substr(route.find(' ') + 1));
        for (const auto& [what, headers] : bad) {
            const RawResponse r = httpRequest(server->port(), method, target, {}, headers);
            EXPECT_EQ(r.status, 401) << route << " with " << what;
            EXPECT_EQ(r.header("content-type"), "application/json") << route << " with " << what;
            const auto body = nlohmann::json::parse(r.body, nullptr, false);
            EXPECT_EQ(body["error"]["code"], headers.empty() ? "auth.missing-token" : "auth.invalid-token")
                << route << " with " << what;
            EXPECT_TRUE(body["error"]["message"].is_string()) << route;
            EXPECT_EQ(r.header("www-authenticate").rfind("Bearer realm=", 0), 0u) << route << " with " << what;
        }
        // The good token passes the check (whatever the route then answers; a stream stays open).
        if (target.ends_with("/stream")) {
            SseClient stream;
            EXPECT_TRUE(stream.open(server->port(), target, live.access)) << stream.status;
        } else {
            EXPECT_NE(call(server->port(), method, target, live.access).status, 401) << route;
        }
    }
    EXPECT_EQ(logText().find(live.access), std::string::npos) << "a token reached the log";
}

TEST_P(CrossUserTest, AnotherUsersTokenSeesOnlyItsOwnAccountAndSessions)
{
    const User anna = makeUser(*m_store, "anna@example.org", 134815);
    const User ben = makeUser(*m_store, "ben@example.org", 777);
    const SignedIn annaLaptop = signIn(anna.id);
    const SignedIn annaDesktop = signIn(anna.id);
    const SignedIn benDesktop = signIn(ben.id);
    auto server = startServer(config());
    const quint16 port = server->port();

    const RawResponse me = call(port, "GET", "/v1/me", benDesktop.access);
    ASSERT_EQ(me.status, 200);
    const auto who = nlohmann::json::parse(me.body);
    EXPECT_EQ(who["id"], ben.id);
    EXPECT_EQ(who["email"], "ben@example.org");
    EXPECT_EQ(me.body.find("anna"), std::string::npos) << me.body;

    const RawResponse list = call(port, "GET", "/v1/sessions", benDesktop.access);
    ASSERT_EQ(list.status, 200);
    std::set<SessionId> listed;
    const auto sessions = nlohmann::json::parse(list.body); // kept: a loop over a temporary's member dangles
    for (const auto& s : sessions["sessions"])
        listed.insert(s["id"].get<SessionId>());
    EXPECT_EQ(listed, std::set<SessionId>{benDesktop.session}) << list.body;

    // Ben cannot end either of Anna's sessions, by id; "current" ends only his own.
    for (const SignedIn& annas : {annaLaptop, annaDesktop}) {
        const RawResponse end =
            call(port, "DELETE", "/v1/sessions/" + std::to_string(annas.session), benDesktop.access);
        EXPECT_EQ(end.status, 404);
        EXPECT_EQ(nlohmann::json::parse(end.body, nullptr, false)["error"]["code"], "session.not-found");
    }
    EXPECT_EQ(call(port, "GET", "/v1/me", annaLaptop.access).status, 200);
    EXPECT_EQ(call(port, "GET", "/v1/me", annaDesktop.access).status, 200);
    EXPECT_EQ(call(port, "DELETE", "/v1/sessions/current", benDesktop.access).status, 204);
    EXPECT_EQ(call(port, "GET", "/v1/me", benDesktop.access).status, 401);
    EXPECT_EQ(call(port, "GET", "/v1/me", annaLaptop.access).status, 200);
    const RawResponse annas = call(port, "GET", "/v1/sessions", annaLaptop.access);
    EXPECT_EQ(nlohmann::json::parse(annas.body)["sessions"].size(), 2u) << annas.body;
}

TEST_P(CrossUserTest, AnotherUsersTokenReadsNoneOfItsEventsWhateverTheCursor)
{
    const User anna = makeUser(*m_store, "anna@example.org", 134815);
    const User ben = makeUser(*m_store, "ben@example.org", 777);
    const SignedIn a = signIn(anna.id);
    const SignedIn b = signIn(ben.id);
    auto server = startServer(config());
    const quint16 port = server->port();
    const EventId before = latestId();
    for (int i = 1; i <= 3; ++i)
        ASSERT_EQ(post(port, eventBody(134815, 9000 + i, "create", 1516126040 + i)).status, 200);
    const std::vector<Event> annas = eventsOf(anna.id);
    ASSERT_EQ(annas.size(), 3u);

    // Pages from every cursor that points into or before Anna's ids.
    for (EventId cursor : {EventId(0), before, annas[0].id - 1, annas[0].id, annas[1].id}) {
        const RawResponse r = call(port, "GET", "/v1/events?after=" + std::to_string(cursor), b.access);
        ASSERT_EQ(r.status, 200) << r.body;
        const auto page = nlohmann::json::parse(r.body).get<tricoach::wire::EventsPage>();
        EXPECT_TRUE(page.events.empty()) << "after=" << cursor << ": " << r.body;
        EXPECT_FALSE(page.more);
    }
    // Anna's own page has them (the check above is not vacuous).
    const RawResponse own = call(port, "GET", "/v1/events?after=" + std::to_string(before), a.access);
    EXPECT_EQ(nlohmann::json::parse(own.body).get<tricoach::wire::EventsPage>().events.size(), 3u);

    // Streams resumed from Anna's ids, by Last-Event-ID and by after=.
    SseClient byLastId, byAfter;
    ASSERT_TRUE(byLastId.open(port, "/v1/events/stream", b.access, std::to_string(annas[0].id - 1)));
    ASSERT_TRUE(byAfter.open(port, "/v1/events/stream?after=0", b.access));
    ASSERT_TRUE(waitUntil([&] { return server->events().clients() == 2; }, 2000));
    // One event of Ben's own follows: each stream delivers it, and nothing of Anna's comes before it.
    ASSERT_EQ(post(port, eventBody(777, 5555, "create", 1516127000)).status, 200);
    for (SseClient* stream : {&byLastId, &byAfter}) {
        const auto frames = stream->frames(1, 2000);
        ASSERT_EQ(frames.size(), 1u) << stream->text();
        EXPECT_EQ(nlohmann::json::parse(frames[0].data)["object_id"], 5555);
        EXPECT_EQ(nlohmann::json::parse(frames[0].data)["owner_id"], 777);
        // A little longer: nothing else arrives.
        EXPECT_EQ(stream->frames(2, 300).size(), 1u) << stream->text();
    }
}

TEST_P(CrossUserTest, AnotherUsersTokenNeverGetsItsStravaToken)
{
    const User anna = makeUser(*m_store, "anna@example.org", 134815);
    const User ben = makeUser(*m_store, "ben@example.org", 777);
    const SignedIn a = signIn(anna.id);
    const SignedIn b = signIn(ben.id);
    connectStrava(anna.id, 134815, "annas-strava-access");
    auto server = startServer(configWithStrava());
    const quint16 port = server->port();

    const RawResponse bens = call(port, "POST", "/v1/strava/token", b.access);
    EXPECT_EQ(bens.status, 404) << bens.body;
    EXPECT_EQ(nlohmann::json::parse(bens.body, nullptr, false)["error"]["code"], "strava.not-connected");
    EXPECT_EQ(bens.body.find("annas-strava-access"), std::string::npos);
    const RawResponse annas = call(port, "POST", "/v1/strava/token", a.access);
    ASSERT_EQ(annas.status, 200) << annas.body;
    EXPECT_EQ(nlohmann::json::parse(annas.body)["access_token"], "annas-strava-access");
    EXPECT_EQ(nlohmann::json::parse(annas.body)["athlete_id"], 134815);
    // Once Ben has his own connection he gets his own token, still never Anna's.
    connectStrava(ben.id, 777, "bens-strava-access");
    const RawResponse own = call(port, "POST", "/v1/strava/token", b.access);
    ASSERT_EQ(own.status, 200) << own.body;
    EXPECT_EQ(nlohmann::json::parse(own.body)["access_token"], "bens-strava-access");
    EXPECT_EQ(nlohmann::json::parse(own.body)["athlete_id"], 777);
}

TRICOACH_BOTH_BACKENDS(CrossUserTest);
