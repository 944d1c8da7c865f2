// Signing in to a TriCoach account from the desktop: the server's page in the browser, PKCE and a loopback
// redirect, the session in the secret store, renewal shared by two processes, and sign-out.
#include "core/account/accountsignin.h"
#include "tests/integration/account/accounttestsupport.h"
#include "tests/support/rawhttp.h"

#include <QJsonDocument>

using namespace tricoach;
using namespace tricoach::test;

namespace {

std::optional<account::AccountTokens> storedTokens(Desktop& d)
{
    auto read = d.secrets.read(account::accountSecretKey(d.account().state().accountKey));
    if (!read || !*read)
        return std::nullopt;
    return account::AccountTokens::fromJson(QJsonDocument::fromJson((*read)->toUtf8()).object());
}

int meStatus(quint16 port, const QString& accessToken)
{
    return httpRequest(port, "GET", "/v1/me", {}, {{"Authorization", "Bearer " + accessToken.toStdString()}}).status;
}

} // namespace

TEST_F(AccountTest, SignInWithStravaInTheBrowserKeepsTheSessionInTheSecretStore)
{
    auto d = desktop(QStringLiteral("anna"));
    strava.setSignedInAthlete(kAnnaStrava);
    auto signedIn = signIn(*d, withStrava());
    ASSERT_TRUE(signedIn.ok()) << signedIn.error().message.toStdString();
    EXPECT_TRUE(signedIn->signedIn());
    EXPECT_EQ(signedIn->stravaAthleteId, kAnnaStrava); // 64-bit intact
    EXPECT_EQ(signedIn->displayName, QStringLiteral("Anna Berg"));
    // The app and the CLI read the same state from the database.
    EXPECT_EQ(d->account().state().userId, signedIn->userId);
    const auto tokens = storedTokens(*d);
    ASSERT_TRUE(tokens);
    EXPECT_EQ(meStatus(server->port(), tokens->accessToken), 200);
    // The desktop never holds Strava's secret or Strava's tokens: the server keeps them.
    for (const QString& key :
         {strava::tokenSecretKey(d->strava().state().profileKey), strava::clientSecretKey(kServerClientId)}) {
        auto read = d->secrets.read(key);
        ASSERT_TRUE(read.ok());
        EXPECT_FALSE(read->has_value()) << key.toStdString();
    }
}

TEST_F(AccountTest, SignInWithEmailAndPassword)
{
    makeEmailUser("vera@example.org", "correct horse battery");
    auto d = desktop(QStringLiteral("vera"));
    auto signedIn = signIn(*d, withPassword("Vera@Example.org", "correct horse battery"));
    ASSERT_TRUE(signedIn.ok()) << signedIn.error().message.toStdString();
    EXPECT_EQ(signedIn->displayName, QStringLiteral("Vera"));
    EXPECT_EQ(signedIn->stravaAthleteId, 0);
    EXPECT_TRUE(storedTokens(*d));
}

TEST_F(AccountTest, CancellingOnStravasPageStoresNothing)
{
    auto d = desktop(QStringLiteral("anna"));
    auto signedIn = signIn(*d, withStrava(false));
    ASSERT_FALSE(signedIn.ok());
    EXPECT_EQ(signedIn.error().code, account::code::kDenied) << signedIn.error().message.toStdString();
    EXPECT_FALSE(d->account().state().signedIn());
    EXPECT_FALSE(storedTokens(*d));
}

TEST_F(AccountTest, AnAnswerFromAnotherSignInIsRefusedAndStoresNothing)
{
    auto d = desktop(QStringLiteral("anna"));
    // Something else on this computer calls the listener with a code of its own and a made-up state.
    auto signedIn = signIn(*d, [](TestBrowser& b, const BrowserPage& page) {
        const QUrlQuery q(page.url);
        QUrl redirect(q.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
        redirect.setQuery(QStringLiteral("code=stolen&state=not-ours"));
        b.open(redirect);
    });
    ASSERT_FALSE(signedIn.ok());
    EXPECT_TRUE(signedIn.error().message.contains(QStringLiteral("state"))) << signedIn.error().message.toStdString();
    EXPECT_FALSE(storedTokens(*d));
}

TEST_F(AccountTest, AnInterceptedCodeIsWorthlessWithoutTheVerifier)
{
    // The sign-in page is asked with our challenge; the code that comes back cannot be exchanged with a guess.
    auto d = desktop(QStringLiteral("anna"));
    strava.setSignedInAthlete(kAnnaStrava);
    std::string interceptedCode, redirectUri;
    auto signedIn = signIn(*d, [&](TestBrowser& b, const BrowserPage& page) {
        redirectUri =
            QUrlQuery(page.url).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded).toStdString();
        withStrava()(b, page);
        for (const QUrl& u : b.visited) {
            if (u.host() == QStringLiteral("127.0.0.1") && u.path() == QStringLiteral("/callback"))
                interceptedCode = QUrlQuery(u).queryItemValue(QStringLiteral("code")).toStdString();
        }
    });
    ASSERT_TRUE(signedIn.ok()) << signedIn.error().message.toStdString();
    ASSERT_FALSE(interceptedCode.empty());
    // Used already (by the desktop), and in any case bound to the desktop's verifier.
    const RawResponse replay =
        httpRequest(server->port(), "POST", "/oauth/token",
                    "grant_type=authorization_code&client_id=tricoach-desktop&code=" + interceptedCode +
                        "&code_verifier=" + account::Pkce::generate().verifier.toStdString() +
                        "&redirect_uri=" + QUrl::toPercentEncoding(QString::fromStdString(redirectUri)).toStdString(),
                    {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(replay.status, 400) << replay.body;
    // The verifier's challenge is RFC 7636's S256 (Appendix B's example).
    EXPECT_EQ(account::Pkce::challengeOf(QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")),
              QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
}

TEST_F(AccountTest, AnExpiredAccessTokenIsRenewedOnceAndASecondProcessAdoptsTheNewPair)
{
    auto d = desktop(QStringLiteral("anna"));
    strava.setSignedInAthlete(kAnnaStrava);
    ASSERT_TRUE(signIn(*d, withStrava()).ok());
    auto first = storedTokens(*d);
    ASSERT_TRUE(first);
    const QString key = account::accountSecretKey(d->account().state().accountKey);
    const auto store = [&](const QDateTime& expiresAt) {
        account::AccountTokens t = *first;
        t.expiresAt = expiresAt;
        ASSERT_TRUE(d->secrets.write(key, QString::fromUtf8(QJsonDocument(t.toJson()).toJson())).ok());
    };
    // Two processes, the app and the CLI. The CLI read the pair while it had a little over two minutes left...
    strava::HttpClient httpApp, httpCli;
    auto app = d->account().client(httpApp);
    auto cli = d->account().client(httpCli);
    const QDateTime soon = QDateTime::currentDateTimeUtc().addMSecs(121'600);
    store(soon);
    auto cliToken = cli->accessToken();
    ASSERT_TRUE(cliToken.ok());
    ASSERT_EQ(*cliToken, first->accessToken);
    // ...then the app found it expired and renewed it: the server rotated the refresh token.
    store(QDateTime::currentDateTimeUtc().addSecs(-10));
    auto appToken = app->accessToken();
    ASSERT_TRUE(appToken.ok()) << appToken.error().message.toStdString();
    const auto renewed = storedTokens(*d);
    ASSERT_TRUE(renewed);
    EXPECT_NE(renewed->refreshToken, first->refreshToken);
    EXPECT_EQ(renewed->accessToken, *appToken);
    // Now the CLI's copy is due too. Presenting its spent refresh token would end the session on the server (theft
    // detection); it adopts the app's pair instead.
    waitFor([&] { return QDateTime::currentDateTimeUtc().secsTo(soon) < 120; }, 3000);
    auto cliMe = cli->me();
    ASSERT_TRUE(cliMe.ok()) << cliMe.error().message.toStdString();
    EXPECT_EQ(storedTokens(*d)->refreshToken, renewed->refreshToken);
    EXPECT_EQ(meStatus(server->port(), *appToken), 200) << "the session was ended";
}

TEST_F(AccountTest, SignOutEndsTheSessionOnTheServerAndForgetsIt)
{
    auto d = desktop(QStringLiteral("anna"));
    strava.setSignedInAthlete(kAnnaStrava);
    ASSERT_TRUE(signIn(*d, withStrava()).ok());
    const auto tokens = storedTokens(*d);
    ASSERT_TRUE(tokens);
    auto out = d->account().signOut();
    ASSERT_TRUE(out.ok()) << out.error().message.toStdString();
    EXPECT_EQ(meStatus(server->port(), tokens->accessToken), 401);
    EXPECT_FALSE(storedTokens(*d));
    EXPECT_FALSE(d->account().state().signedIn());
    EXPECT_EQ(d->account().state().server, QString::fromStdString(server->baseUrl())); // the address stays
}

TEST_F(AccountTest, ASessionEndedElsewhereIsSaidAsSuch)
{
    auto d = desktop(QStringLiteral("anna"));
    strava.setSignedInAthlete(kAnnaStrava);
    ASSERT_TRUE(signIn(*d, withStrava()).ok());
    const auto tokens = storedTokens(*d);
    // Ended from another device (DELETE /v1/sessions/{id}).
    const RawResponse ended = httpRequest(server->port(), "DELETE", "/v1/sessions/current", {},
                                          {{"Authorization", "Bearer " + tokens->accessToken.toStdString()}});
    ASSERT_EQ(ended.status / 100, 2) << ended.body;
    auto refreshed = d->account().refresh();
    ASSERT_FALSE(refreshed.ok());
    EXPECT_EQ(refreshed.error().code, account::code::kSignedOut) << refreshed.error().message.toStdString();
    EXPECT_FALSE(d->account().state().problem.isEmpty());
}

TEST_F(AccountTest, ServerAddressesAreCheckedAndPlainHttpOnlyOnThisComputer)
{
    EXPECT_TRUE(account::serverUrl(QStringLiteral("https://sync.example.org")).ok());
    EXPECT_TRUE(account::serverUrl(QStringLiteral("http://127.0.0.1:8470")).ok());
    EXPECT_EQ(account::serverUrl(QStringLiteral("http://sync.example.org")).error().code, account::code::kServer);
    EXPECT_EQ(account::serverUrl(QStringLiteral("sync example")).error().code, account::code::kServer);
    EXPECT_EQ(account::serverUrl(QString()).error().code, account::code::kServer);
    auto d = desktop(QStringLiteral("anna"));
    ASSERT_TRUE(d->account().setServer(QStringLiteral("http://127.0.0.1:1")).ok());
    // Nobody there: a clear error, nothing stored.
    bool browserOpened = false;
    auto signedIn = d->account().signIn([&](const QUrl&) { return browserOpened = true; }, 2000);
    ASSERT_FALSE(signedIn.ok());
    EXPECT_EQ(signedIn.error().code, account::code::kUnavailable) << signedIn.error().message.toStdString();
    EXPECT_FALSE(browserOpened) << "a browser opened on an error page";
}
