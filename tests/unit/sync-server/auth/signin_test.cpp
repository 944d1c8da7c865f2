// The desktop's sign-in against a running tricoach-sync (real socket, real SQLite file): the authorize page, email
// and password, the code exchange with PKCE, refresh rotation, sessions, and every way those can be misused.
#include "sync-server/app/syncserver.h"
#include "sync-server/auth/secrets.h"
#include "sync-server/ops/jsonlog.h"
#include "tests/support/rawhttp.h"
#include "tests/support/tempdir.h"

#include <QCryptographicHash>
#include <QUrl>
#include <QUrlQuery>

#include <gtest/gtest.h>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>

using namespace tricoach;
using namespace tricoach::sync;
using namespace tricoach::test;

namespace {

const std::string kRedirect = "http://127.0.0.1:53682/callback";

std::string form(const std::vector<std::pair<std::string, std::string>>& fields)
{
    QUrlQuery q;
    for (const auto& [k, v] : fields)
        q.addQueryItem(QString::fromStdString(k), QString::fromStdString(v));
    // QUrlQuery leaves '+' alone; a form encodes it.
    return q.toString(QUrl::FullyEncoded).replace(QLatin1Char('+'), QStringLiteral("%2B")).toStdString();
}

// RFC 7636 §4.2 computed here, not by the server's code.
std::string s256(const std::string& verifier)
{
    return QCryptographicHash::hash(QByteArray::fromStdString(verifier), QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
        .toStdString();
}

std::map<std::string, std::string> queryOf(const std::string& location)
{
    std::map<std::string, std::string> out;
    for (const auto& [k, v] : QUrlQuery(QUrl(QString::fromStdString(location))).queryItems(QUrl::FullyDecoded))
        out[k.toStdString()] = v.toStdString();
    return out;
}

std::string pendingOf(const std::string& html)
{
    static const std::regex pending(R"re(name="pending" value="([^"]+)")re");
    std::smatch m;
    return std::regex_search(html, m, pending) ? m[1].str() : std::string();
}

} // namespace

class SyncSignIn : public TempDirTest {
protected:
    std::mutex linesMutex;
    std::string logged;
    JsonLog log{[this](const std::string& line) {
        std::lock_guard lock(linesMutex);
        logged += line + "\n";
    }};
    Timestamp now = Timestamp(std::chrono::milliseconds(1'800'000'000'000));
    std::unique_ptr<SyncServer> server;
    quint16 port = 0;
    const std::string password = "correct horse battery";
    UserId anna = 0;
    UserId ben = 0;

    void SetUp() override
    {
        ServerConfig config;
        config.port = 0;
        config.threads = 2;
        config.database = "sqlite:" + pathFor(QStringLiteral("sync.sqlite")).toStdString();
        SyncServer::Options options;
        options.clock = [this] { return now; };
        server = std::make_unique<SyncServer>(config, log, options);
        ASSERT_TRUE(server->start().ok());
        port = server->port();
        ASSERT_NE(server->store(), nullptr);
        for (auto [email, id] : {std::pair{"anna@example.org", &anna}, std::pair{"ben@example.org", &ben}}) {
            NewUser u;
            u.email = email;
            u.passwordHash = Secrets::hashPassword(password);
            u.displayName = email;
            u.createdAt = now;
            auto created = server->store()->createUser(u);
            ASSERT_TRUE(created.ok());
            *id = created->id;
        }
    }

    RawResponse authorizePage(const std::string& challenge, const std::string& extra = {})
    {
        return httpRequest(port, "GET",
                           "/oauth/authorize?response_type=code&client_id=tricoach-desktop&redirect_uri=" +
                               QUrl::toPercentEncoding(QString::fromStdString(kRedirect)).toStdString() +
                               "&code_challenge=" + challenge + "&code_challenge_method=S256&state=xyz" + extra);
    }

    RawResponse postForm(const std::string& path, const std::vector<std::pair<std::string, std::string>>& fields,
                         const std::vector<std::pair<std::string, std::string>>& headers = {})
    {
        auto h = headers;
        h.emplace_back("Content-Type", "application/x-www-form-urlencoded");
        return httpRequest(port, "POST", path, form(fields), h);
    }

    // Page, password, code: the code the desktop's loopback listener would receive.
    std::string signInForCode(const std::string& verifier, const std::string& email = "anna@example.org")
    {
        const RawResponse page = authorizePage(s256(verifier));
        EXPECT_EQ(page.status, 200) << page.body;
        const RawResponse back =
            postForm("/oauth/password", {{"pending", pendingOf(page.body)}, {"email", email}, {"password", password}});
        EXPECT_EQ(back.status, 303) << back.body;
        const auto q = queryOf(back.header("location"));
        EXPECT_EQ(back.header("location").rfind(kRedirect + "?", 0), 0u) << back.header("location");
        EXPECT_EQ(q.count("state") ? q.at("state") : "", "xyz");
        return q.count("code") ? q.at("code") : std::string();
    }

    RawResponse exchange(const std::string& code, const std::string& verifier, const std::string& redirect = kRedirect)
    {
        return postForm("/oauth/token", {{"grant_type", "authorization_code"},
                                         {"code", code},
                                         {"redirect_uri", redirect},
                                         {"client_id", "tricoach-desktop"},
                                         {"code_verifier", verifier}});
    }

    nlohmann::json tokensFor(const std::string& email = "anna@example.org")
    {
        const std::string verifier = Secrets::newToken();
        const RawResponse r = exchange(signInForCode(verifier, email), verifier);
        EXPECT_EQ(r.status, 200) << r.body;
        return nlohmann::json::parse(r.body, nullptr, false);
    }

    RawResponse withToken(const std::string& method, const std::string& path, const std::string& token)
    {
        return httpRequest(port, method, path, {}, {{"Authorization", "Bearer " + token}});
    }
};

TEST_F(SyncSignIn, PasswordThenCodeWithItsVerifierGivesTokensThatWork)
{
    const auto tokens = tokensFor();
    ASSERT_TRUE(tokens.is_object());
    EXPECT_EQ(tokens["token_type"], "Bearer");
    EXPECT_EQ(tokens["expires_in"], 3600);
    EXPECT_EQ(tokens["user"]["id"], anna);
    const RawResponse me = withToken("GET", "/v1/me", tokens["access_token"]);
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(nlohmann::json::parse(me.body)["email"], "anna@example.org");
    // Nothing secret reached the log: not the tokens, not the password.
    for (const std::string& secret : std::vector<std::string>{tokens["access_token"].get<std::string>(),
                                                              tokens["refresh_token"].get<std::string>(), password})
        EXPECT_EQ(logged.find(secret), std::string::npos) << secret;
}

TEST_F(SyncSignIn, ACodeWorksOnceForItsVerifierAndRedirectOnly)
{
    const std::string verifier = Secrets::newToken();
    const std::string code = signInForCode(verifier);
    const auto grant = [](const RawResponse& r) { return nlohmann::json::parse(r.body, nullptr, false); };
    // A wrong verifier burns the code: the right one afterwards fails too.
    const RawResponse wrong = exchange(code, Secrets::newToken());
    EXPECT_EQ(wrong.status, 400);
    EXPECT_EQ(grant(wrong)["error"]["code"], "oauth.invalid_grant");
    EXPECT_EQ(exchange(code, verifier).status, 400);

    const std::string v2 = Secrets::newToken();
    const std::string c2 = signInForCode(v2);
    EXPECT_EQ(grant(exchange(c2, v2, "http://127.0.0.1:1/other"))["error"]["code"], "oauth.invalid_grant");

    const std::string v3 = Secrets::newToken();
    const std::string c3 = signInForCode(v3);
    EXPECT_EQ(exchange(c3, v3).status, 200);
    EXPECT_EQ(grant(exchange(c3, v3))["error"]["code"], "oauth.invalid_grant"); // used

    const std::string v4 = Secrets::newToken();
    const std::string c4 = signInForCode(v4);
    now += std::chrono::minutes(3); // codes live two minutes
    EXPECT_EQ(grant(exchange(c4, v4))["error"]["code"], "oauth.invalid_grant");
    EXPECT_EQ(grant(exchange("", v4))["error"]["code"], "oauth.invalid_request");
    EXPECT_EQ(grant(exchange(c4, "short"))["error"]["code"], "oauth.invalid_request");
}

TEST_F(SyncSignIn, AuthorizeRequestsThatCannotBeTrustedAreShownNotRedirected)
{
    const std::string challenge = s256(Secrets::newToken());
    for (const std::string& redirect :
         std::vector<std::string>{"http://evil.example/cb", "http://localhost:5000/cb", "https://127.0.0.1:5000/cb",
                                  "http://127.0.0.1/cb", "http://user@127.0.0.1:5000/cb"}) {
        const RawResponse r = httpRequest(
            port, "GET",
            "/oauth/authorize?response_type=code&client_id=tricoach-desktop&code_challenge_method=S256&state=s&"
            "code_challenge=" +
                challenge + "&redirect_uri=" + QUrl::toPercentEncoding(QString::fromStdString(redirect)).toStdString());
        EXPECT_EQ(r.status, 400) << redirect;
        EXPECT_TRUE(r.header("location").empty()) << redirect;
    }
    const RawResponse stranger =
        httpRequest(port, "GET",
                    "/oauth/authorize?response_type=code&client_id=other&redirect_uri=" +
                        QUrl::toPercentEncoding(QString::fromStdString(kRedirect)).toStdString());
    EXPECT_EQ(stranger.status, 400);
    EXPECT_TRUE(stranger.header("location").empty());
    // Once the redirect is ours, mistakes go back to the desktop with the state.
    const auto errorOf = [&](const std::string& query) {
        const RawResponse r =
            httpRequest(port, "GET",
                        "/oauth/authorize?client_id=tricoach-desktop&state=s1&redirect_uri=" +
                            QUrl::toPercentEncoding(QString::fromStdString(kRedirect)).toStdString() + query);
        EXPECT_EQ(r.status, 302) << query;
        auto q = queryOf(r.header("location"));
        EXPECT_EQ(q["state"], "s1");
        return q["error"];
    };
    EXPECT_EQ(errorOf("&response_type=token&code_challenge_method=S256&code_challenge=" + challenge),
              "unsupported_response_type");
    EXPECT_EQ(errorOf("&response_type=code&code_challenge_method=plain&code_challenge=" + challenge),
              "invalid_request");
    EXPECT_EQ(errorOf("&response_type=code&code_challenge_method=S256"), "invalid_request");
}

TEST_F(SyncSignIn, AWrongPasswordAndAnUnknownEmailReadTheSameAndTheFormIdIsSingleUse)
{
    const RawResponse page = authorizePage(s256(Secrets::newToken()));
    const std::string first = pendingOf(page.body);
    const RawResponse wrong =
        postForm("/oauth/password", {{"pending", first}, {"email", "anna@example.org"}, {"password", "nope"}});
    EXPECT_EQ(wrong.status, 401);
    const std::string second = pendingOf(wrong.body);
    ASSERT_FALSE(second.empty());
    EXPECT_NE(second, first);
    const RawResponse unknown =
        postForm("/oauth/password", {{"pending", second}, {"email", "nobody@example.org"}, {"password", "nope"}});
    EXPECT_EQ(unknown.status, 401);
    static const std::regex error(R"(<p class="error"[^>]*>([^<]*)</p>)");
    std::smatch a, b;
    ASSERT_TRUE(std::regex_search(wrong.body, a, error));
    ASSERT_TRUE(std::regex_search(unknown.body, b, error));
    EXPECT_EQ(a[1].str(), b[1].str());
    // The first form's id was spent.
    const RawResponse replay =
        postForm("/oauth/password", {{"pending", first}, {"email", "anna@example.org"}, {"password", password}});
    EXPECT_EQ(replay.status, 400);
    EXPECT_TRUE(replay.header("location").empty());
    EXPECT_EQ(postForm("/oauth/password", {{"pending", second}}, {}).status, 400); // spent by the unknown email
    // Not a form: refused before anything is read.
    EXPECT_EQ(httpRequest(port, "POST", "/oauth/password", "{}", {{"Content-Type", "application/json"}}).status, 415);
}

TEST_F(SyncSignIn, GuessingIsStoppedPerAccountWithRetryAfter)
{
    std::string pending = pendingOf(authorizePage(s256(Secrets::newToken())).body);
    int status = 0;
    RawResponse last;
    for (int i = 0; i < 11; ++i) {
        last =
            postForm("/oauth/password",
                     {{"pending", pending}, {"email", "ben@example.org"}, {"password", "guess" + std::to_string(i)}});
        status = last.status;
        pending = pendingOf(last.body);
    }
    EXPECT_EQ(status, 429);
    EXPECT_GT(std::stoi(last.header("retry-after").empty() ? "0" : last.header("retry-after")), 0);
    // Even the right password waits now; Anna's account is not affected.
    EXPECT_EQ(postForm("/oauth/password", {{"pending", pending}, {"email", "ben@example.org"}, {"password", password}})
                  .status,
              429);
    EXPECT_FALSE(signInForCode(Secrets::newToken(), "anna@example.org").empty());
}

TEST_F(SyncSignIn, ARefreshTokenRotatesAndAReusedOneEndsTheSession)
{
    const auto tokens = tokensFor();
    const auto refresh = [&](const std::string& token) {
        return postForm("/oauth/token",
                        {{"grant_type", "refresh_token"}, {"refresh_token", token}, {"client_id", "tricoach-desktop"}});
    };
    const RawResponse rotated = refresh(tokens["refresh_token"]);
    ASSERT_EQ(rotated.status, 200) << rotated.body;
    const auto next = nlohmann::json::parse(rotated.body);
    EXPECT_NE(next["refresh_token"], tokens["refresh_token"]);
    EXPECT_EQ(withToken("GET", "/v1/me", next["access_token"]).status, 200);
    // The old refresh token again: someone has a copy. The whole session ends.
    const RawResponse reused = refresh(tokens["refresh_token"]);
    EXPECT_EQ(reused.status, 400);
    EXPECT_EQ(withToken("GET", "/v1/me", next["access_token"]).status, 401);
    EXPECT_EQ(refresh(next["refresh_token"]).status, 400);
}

TEST_F(SyncSignIn, SessionsAreListedAndEndedByTheirOwnerOnly)
{
    const auto annaA = tokensFor();
    const auto annaB = tokensFor();
    const auto benT = tokensFor("ben@example.org");
    const RawResponse list = withToken("GET", "/v1/sessions", annaA["access_token"]);
    ASSERT_EQ(list.status, 200);
    const auto sessions = nlohmann::json::parse(list.body)["sessions"];
    ASSERT_EQ(sessions.size(), 2u);
    int current = 0;
    for (const auto& s : sessions)
        current += s["current"].get<bool>() ? 1 : 0;
    EXPECT_EQ(current, 1);
    // Ben cannot end Anna's session, nor learn that it exists.
    const std::string annaB_id = std::to_string(annaB["session_id"].get<long long>());
    EXPECT_EQ(withToken("DELETE", "/v1/sessions/" + annaB_id, benT["access_token"]).status, 404);
    EXPECT_EQ(withToken("GET", "/v1/me", annaB["access_token"]).status, 200);
    EXPECT_EQ(withToken("DELETE", "/v1/sessions/" + annaB_id, annaA["access_token"]).status, 204);
    EXPECT_EQ(withToken("GET", "/v1/me", annaB["access_token"]).status, 401);
    // Signing out ends the session of the token itself.
    EXPECT_EQ(withToken("DELETE", "/v1/sessions/current", annaA["access_token"]).status, 204);
    EXPECT_EQ(withToken("GET", "/v1/me", annaA["access_token"]).status, 401);
    EXPECT_EQ(withToken("GET", "/v1/me", benT["access_token"]).status, 200);
}

TEST_F(SyncSignIn, EveryAccountEndpointWantsAValidToken)
{
    for (const auto& [method, path] :
         std::vector<std::pair<std::string, std::string>>{{"GET", "/v1/me"},
                                                          {"GET", "/v1/sessions"},
                                                          {"DELETE", "/v1/sessions/current"},
                                                          {"DELETE", "/v1/sessions/1"}}) {
        const RawResponse none = httpRequest(port, method, path);
        EXPECT_EQ(none.status, 401) << method << path;
        EXPECT_EQ(nlohmann::json::parse(none.body, nullptr, false)["error"]["code"], "auth.missing-token");
        EXPECT_NE(none.header("www-authenticate").find("Bearer"), std::string::npos);
        const RawResponse bad = withToken(method, path, "not-a-token");
        EXPECT_EQ(bad.status, 401) << method << path;
        EXPECT_EQ(nlohmann::json::parse(bad.body, nullptr, false)["error"]["code"], "auth.invalid-token");
    }
    // An access token past its hour is refused.
    const auto tokens = tokensFor();
    now += std::chrono::minutes(61);
    EXPECT_EQ(withToken("GET", "/v1/me", tokens["access_token"]).status, 401);
}

TEST_F(SyncSignIn, ThePageSpeaksRussianWhenAsked)
{
    const RawResponse ru = authorizePage(s256(Secrets::newToken()), "&lang=ru");
    EXPECT_EQ(ru.status, 200);
    EXPECT_NE(ru.body.find("Вход в TriCoach"), std::string::npos);
    EXPECT_NE(ru.body.find("lang=\"ru\""), std::string::npos);
    const RawResponse en = authorizePage(s256(Secrets::newToken()));
    EXPECT_NE(en.body.find("Sign in to TriCoach"), std::string::npos);
    EXPECT_NE(en.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
}

TEST_F(SyncSignIn, ThePagesFormsMayLeadOnToTheDesktopButNowhereElse)
{
    // Browsers check the redirects after a form against form-action (CSP 3): the password form's redirect goes
    // to the desktop's loopback address, which must be allowed, while the page stays closed to other sites.
    const RawResponse page = authorizePage(s256(Secrets::newToken()));
    ASSERT_EQ(page.status, 200);
    const std::string csp = page.header("content-security-policy");
    const auto formAction = csp.substr(csp.find("form-action"));
    const std::string directive = formAction.substr(0, formAction.find(';'));
    EXPECT_NE(directive.find("'self'"), std::string::npos) << csp;
    EXPECT_NE(directive.find(QUrl(QString::fromStdString(kRedirect)).toString(QUrl::RemovePath).toStdString()),
              std::string::npos)
        << csp;
    EXPECT_EQ(directive.find('*'), std::string::npos) << csp;
    EXPECT_EQ(directive.find("/callback"), std::string::npos) << "a path in a CSP source: " << csp;
}
