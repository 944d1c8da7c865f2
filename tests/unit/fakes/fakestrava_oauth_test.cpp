// FakeStrava's OAuth (developers.strava.com/docs/authentication) through a real QNetworkAccessManager: the
// authorize page and its form, the token exchange, refresh and rotation, deauthorize and revoke.

#include "tests/unit/fakes/fakestravatestsupport.h"

namespace tricoach::fakes::testing {
namespace {

using OAuth = StravaFixture;

QUrl authorizeUrl(const FakeStrava& strava, const QString& scope, const QString& prompt = QStringLiteral("auto"))
{
    return withQuery(oauthUrl(strava, QStringLiteral("/oauth/authorize")),
                     {{QStringLiteral("client_id"), QStringLiteral("54321")},
                      {QStringLiteral("redirect_uri"), QStringLiteral("http://127.0.0.1:8765/callback")},
                      {QStringLiteral("response_type"), QStringLiteral("code")},
                      {QStringLiteral("approval_prompt"), prompt},
                      {QStringLiteral("scope"), scope},
                      {QStringLiteral("state"), QStringLiteral("xyz 42")}});
}

// Submits the page's form as a browser would: hidden inputs, the ticked checkboxes, the pressed button.
Reply submit(Http& http, const FakeStrava& strava, const QByteArray& page, const QStringList& ticked,
             const QString& button)
{
    const QString html = QString::fromUtf8(page);
    const QRegularExpressionMatch action =
        QRegularExpression(QStringLiteral("<form[^>]*action=\"([^\"]+)\"")).match(html);
    EXPECT_TRUE(action.hasMatch());
    QUrlQuery form;
    QRegularExpression hidden(QStringLiteral("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\""));
    for (auto it = hidden.globalMatch(html); it.hasNext();) {
        const auto m = it.next();
        form.addQueryItem(m.captured(1), m.captured(2).replace(QStringLiteral("&amp;"), QStringLiteral("&")));
    }
    for (const QString& scope : ticked)
        form.addQueryItem(QStringLiteral("scope"), scope);
    const QRegularExpressionMatch pressed =
        QRegularExpression(QStringLiteral("<button[^>]*id=\"%1\"[^>]*name=\"([^\"]+)\" value=\"([^\"]+)\"").arg(button))
            .match(html);
    EXPECT_TRUE(pressed.hasMatch()) << button.toStdString();
    form.addQueryItem(pressed.captured(1), pressed.captured(2));
    QUrl target = strava.oauthBase();
    target.setPath(action.captured(1));
    return http.postForm(target, form);
}

TEST_F(OAuth, AuthorizePageShowsAppAthleteScopesAndButtons)
{
    const Reply page = http.get(authorizeUrl(strava, QStringLiteral("read,activity:read_all,profile:read_all")));
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(page.header("content-type").startsWith("text/html"));
    EXPECT_TRUE(page.body.contains("54321"));
    EXPECT_TRUE(page.body.contains("Anna Berg"));
    EXPECT_TRUE(page.body.contains("id=\"authorize\""));
    EXPECT_TRUE(page.body.contains("id=\"cancel\""));
    for (const char* scope : {"activity:read_all", "profile:read_all"})
        EXPECT_TRUE(page.body.contains(QByteArray("name=\"scope\" value=\"") + scope + "\" checked")) << scope;
}

TEST_F(OAuth, ApprovingWithOneScopeUntickedGrantsOnlyTheTickedOnes)
{
    strava.setTimeScale(0); // expires_at is compared with the clock below
    const Reply page = http.get(authorizeUrl(strava, QStringLiteral("read,activity:read_all,profile:read_all")));
    const Reply redirect =
        submit(http, strava, page.body, {QStringLiteral("activity:read_all")}, QStringLiteral("authorize"));
    ASSERT_EQ(redirect.status, 302);
    const QUrl location(QString::fromUtf8(redirect.header("location")));
    EXPECT_EQ(location.host(), QStringLiteral("127.0.0.1"));
    EXPECT_EQ(location.path(), QStringLiteral("/callback"));
    const QUrlQuery query(location);
    EXPECT_EQ(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), QStringLiteral("xyz 42"));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("scope")), QStringLiteral("read,activity:read_all"));
    const QString code = query.queryItemValue(QStringLiteral("code"));
    ASSERT_FALSE(code.isEmpty());

    QUrlQuery form;
    form.addQueryItem(QStringLiteral("client_id"), QStringLiteral("54321"));
    form.addQueryItem(QStringLiteral("client_secret"), QStringLiteral("s3cret"));
    form.addQueryItem(QStringLiteral("code"), code);
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
    const Reply token = http.postForm(oauthUrl(strava, QStringLiteral("/oauth/token")), form);
    ASSERT_EQ(token.status, 200) << token.body.toStdString();
    const QJsonObject t = token.object();
    EXPECT_EQ(t[QStringLiteral("token_type")].toString(), QStringLiteral("Bearer"));
    EXPECT_EQ(t[QStringLiteral("expires_in")].toInt(), 21600);
    EXPECT_EQ(t[QStringLiteral("expires_at")].toInteger(), strava.virtualNow().toSecsSinceEpoch() + 21600);
    EXPECT_FALSE(t.contains(QStringLiteral("scope")));
    EXPECT_EQ(t[QStringLiteral("athlete")][QStringLiteral("id")].toInteger(), kAthlete);
    EXPECT_EQ(strava.counters().tokenExchanges, 1);

    // The code works once only.
    const Reply again = http.postForm(oauthUrl(strava, QStringLiteral("/oauth/token")), form);
    EXPECT_EQ(again.status, 400);
    EXPECT_EQ(again.object()[QStringLiteral("errors")][0][QStringLiteral("field")].toString(), QStringLiteral("code"));
}

TEST_F(OAuth, CancelRedirectsWithAccessDenied)
{
    const Reply page = http.get(authorizeUrl(strava, QStringLiteral("activity:read")));
    const Reply redirect = submit(http, strava, page.body, {QStringLiteral("activity:read")}, QStringLiteral("cancel"));
    ASSERT_EQ(redirect.status, 302);
    const QUrlQuery query{QUrl(QString::fromUtf8(redirect.header("location")))};
    EXPECT_EQ(query.queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));
    EXPECT_FALSE(query.hasQueryItem(QStringLiteral("code")));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), QStringLiteral("xyz 42"));
}

TEST_F(OAuth, HeadlessDecisionMatchesThePage)
{
    const QUrl approved =
        strava.authorizeDecision(authorizeUrl(strava, QStringLiteral("activity:read_all,activity:write")), true,
                                 {QStringLiteral("activity:write")});
    EXPECT_EQ(QUrlQuery(approved).queryItemValue(QStringLiteral("scope")), QStringLiteral("read,activity:read_all"));
    const QUrl cancelled = strava.authorizeDecision(authorizeUrl(strava, QStringLiteral("activity:read")), false);
    EXPECT_EQ(QUrlQuery(cancelled).queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));
}

TEST_F(OAuth, BadAuthorizeRequestsGetStravasErrors)
{
    QUrl unknownClient = authorizeUrl(strava, QStringLiteral("read"));
    QUrlQuery q(unknownClient);
    q.removeQueryItem(QStringLiteral("client_id"));
    q.addQueryItem(QStringLiteral("client_id"), QStringLiteral("999"));
    unknownClient.setQuery(q);
    Reply r = http.get(unknownClient);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.object()[QStringLiteral("errors")][0][QStringLiteral("field")].toString(), QStringLiteral("client_id"));

    QUrl foreign = authorizeUrl(strava, QStringLiteral("read"));
    q = QUrlQuery(foreign);
    q.removeQueryItem(QStringLiteral("redirect_uri"));
    q.addQueryItem(QStringLiteral("redirect_uri"), QStringLiteral("https://evil.example.com/cb"));
    foreign.setQuery(q);
    r = http.get(foreign);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.object()[QStringLiteral("errors")][0][QStringLiteral("field")].toString(),
              QStringLiteral("redirect_uri"));
    EXPECT_FALSE(strava.authorizeDecision(foreign, true).isValid());

    QUrl noType = authorizeUrl(strava, QStringLiteral("read"));
    q = QUrlQuery(noType);
    q.removeQueryItem(QStringLiteral("response_type"));
    noType.setQuery(q);
    EXPECT_EQ(http.get(noType).status, 400);
}

TEST_F(OAuth, ScopesAreCommaSeparatedAsStravaDocumentsThem)
{
    const Reply spaced = http.get(authorizeUrl(strava, QStringLiteral("read activity:read_all")));
    EXPECT_EQ(spaced.status, 400);
    EXPECT_EQ(spaced.object()[QStringLiteral("errors")][0][QStringLiteral("field")].toString(),
              QStringLiteral("scope"));
    EXPECT_EQ(http.get(authorizeUrl(strava, QStringLiteral("activity:read_everything"))).status, 400);
    // No scope at all asks for read only.
    const Reply page = http.get(authorizeUrl(strava, QString()));
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(page.body.contains("value=\"read\""));
    EXPECT_FALSE(page.body.contains("value=\"activity:"));
    // A browser's favicon request is neither an API call nor counted.
    EXPECT_EQ(http.get(oauthUrl(strava, QStringLiteral("/favicon.ico"))).status, 404);
    for (const FakeStrava::LoggedRequest& r : strava.requests())
        EXPECT_NE(r.path, QStringLiteral("/favicon.ico"));
}

TEST_F(OAuth, TokenEndpointTakesJsonBodiesQueriesAndTheApiPrefix)
{
    QUrl code(strava.authorizeDecision(authorizeUrl(strava, QStringLiteral("activity:read")), true));
    QJsonObject body{{QStringLiteral("client_id"), 54321},
                     {QStringLiteral("client_secret"), QStringLiteral("s3cret")},
                     {QStringLiteral("code"), QUrlQuery(code).queryItemValue(QStringLiteral("code"))},
                     {QStringLiteral("grant_type"), QStringLiteral("authorization_code")}};
    QUrl prefixed = strava.apiBase();
    prefixed.setPath(prefixed.path() + QStringLiteral("/oauth/token"));
    const Reply json = http.postJson(prefixed, body);
    ASSERT_EQ(json.status, 200) << json.body.toStdString();
    const QString refresh = json.object()[QStringLiteral("refresh_token")].toString();

    // Refresh with the parameters in the query string, no body.
    const QUrl byQuery = withQuery(oauthUrl(strava, QStringLiteral("/oauth/token")),
                                   {{QStringLiteral("client_id"), QStringLiteral("54321")},
                                    {QStringLiteral("client_secret"), QStringLiteral("s3cret")},
                                    {QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                                    {QStringLiteral("refresh_token"), refresh}});
    const Reply refreshed = http.send("POST", byQuery, {}, {}, {});
    EXPECT_EQ(refreshed.status, 200) << refreshed.body.toStdString();
    EXPECT_FALSE(refreshed.object().contains(QStringLiteral("athlete")));
}

TEST_F(OAuth, BadClientCredentialsAre401AndBadRefreshTokensAre400)
{
    const FakeStrava::TokenSet set = tokens();
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("client_id"), QStringLiteral("54321"));
    form.addQueryItem(QStringLiteral("client_secret"), QStringLiteral("wrong"));
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
    form.addQueryItem(QStringLiteral("refresh_token"), set.refreshToken);
    Reply r = http.postForm(oauthUrl(strava, QStringLiteral("/oauth/token")), form);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.object()[QStringLiteral("message")].toString(), QStringLiteral("Authorization Error"));
    EXPECT_EQ(r.object()[QStringLiteral("errors")][0][QStringLiteral("resource")].toString(),
              QStringLiteral("Application"));

    form.removeQueryItem(QStringLiteral("client_secret"));
    form.addQueryItem(QStringLiteral("client_secret"), QStringLiteral("s3cret"));
    form.removeQueryItem(QStringLiteral("refresh_token"));
    form.addQueryItem(QStringLiteral("refresh_token"), QStringLiteral("nonsense"));
    r = http.postForm(oauthUrl(strava, QStringLiteral("/oauth/token")), form);
    EXPECT_EQ(r.status, 400);
    const QJsonObject error = r.object()[QStringLiteral("errors")][0].toObject();
    EXPECT_EQ(error[QStringLiteral("resource")].toString(), QStringLiteral("RefreshToken"));
    EXPECT_EQ(error[QStringLiteral("field")].toString(), QStringLiteral("refresh_token"));
    EXPECT_EQ(error[QStringLiteral("code")].toString(), QStringLiteral("invalid"));
}

Reply refresh(Http& http, const FakeStrava& strava, const QString& refreshToken)
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("client_id"), QStringLiteral("54321"));
    form.addQueryItem(QStringLiteral("client_secret"), QStringLiteral("s3cret"));
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
    form.addQueryItem(QStringLiteral("refresh_token"), refreshToken);
    return http.postForm(oauthUrl(strava, QStringLiteral("/oauth/token")), form);
}

TEST_F(OAuth, RefreshKeepsTheTokenUntilTheLastHourThenRotates)
{
    const QDateTime start = QDateTime(QDate(2025, 3, 10), QTime(8, 0), Qt::UTC);
    strava.setVirtualNow(start);
    strava.setTimeScale(0); // the clock stands still unless moved
    const FakeStrava::TokenSet set = tokens();

    strava.setVirtualNow(start.addSecs(4 * 3600)); // 2 h left
    Reply same = refresh(http, strava, set.refreshToken);
    ASSERT_EQ(same.status, 200);
    EXPECT_EQ(same.object()[QStringLiteral("access_token")].toString(), set.accessToken);
    EXPECT_EQ(same.object()[QStringLiteral("refresh_token")].toString(), set.refreshToken);
    EXPECT_EQ(same.object()[QStringLiteral("expires_in")].toInt(), 2 * 3600);

    strava.setVirtualNow(start.addSecs(5 * 3600 + 1800)); // 30 min left
    Reply fresh = refresh(http, strava, set.refreshToken);
    ASSERT_EQ(fresh.status, 200);
    const QString newAccess = fresh.object()[QStringLiteral("access_token")].toString();
    const QString newRefresh = fresh.object()[QStringLiteral("refresh_token")].toString();
    EXPECT_NE(newAccess, set.accessToken);
    EXPECT_NE(newRefresh, set.refreshToken);
    EXPECT_EQ(fresh.object()[QStringLiteral("expires_at")].toInteger(),
              start.toSecsSinceEpoch() + 5 * 3600 + 1800 + 21600);

    // The old refresh token stopped working at once; the new access token works.
    EXPECT_EQ(refresh(http, strava, set.refreshToken).status, 400);
    EXPECT_EQ(http.get(apiUrl(strava, QStringLiteral("/athlete")), newAccess).status, 200);
    // The old access token dies when its 6 hours are over.
    strava.setVirtualNow(start.addSecs(6 * 3600 + 1));
    EXPECT_EQ(http.get(apiUrl(strava, QStringLiteral("/athlete")), set.accessToken).status, 401);
}

TEST_F(OAuth, WithoutRotationTheOldRefreshTokenStaysValid)
{
    strava.setRotateRefreshTokens(false);
    const QDateTime start = QDateTime(QDate(2025, 3, 10), QTime(8, 0), Qt::UTC);
    strava.setVirtualNow(start);
    strava.setTimeScale(0);
    const FakeStrava::TokenSet set = tokens();
    strava.setVirtualNow(start.addSecs(5 * 3600 + 1));
    const Reply fresh = refresh(http, strava, set.refreshToken);
    EXPECT_NE(fresh.object()[QStringLiteral("access_token")].toString(), set.accessToken);
    EXPECT_EQ(fresh.object()[QStringLiteral("refresh_token")].toString(), set.refreshToken);
    EXPECT_EQ(refresh(http, strava, set.refreshToken).status, 200);
}

TEST_F(OAuth, CodesExpireOnTheVirtualClock)
{
    strava.setTimeScale(0);
    const QUrl redirect = strava.authorizeDecision(authorizeUrl(strava, QStringLiteral("activity:read")), true);
    strava.setVirtualNow(strava.virtualNow().addSecs(30 * 60));
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("client_id"), QStringLiteral("54321"));
    form.addQueryItem(QStringLiteral("client_secret"), QStringLiteral("s3cret"));
    form.addQueryItem(QStringLiteral("code"), QUrlQuery(redirect).queryItemValue(QStringLiteral("code")));
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
    EXPECT_EQ(http.postForm(oauthUrl(strava, QStringLiteral("/oauth/token")), form).status, 400);
}

TEST_F(OAuth, DeauthorizeKillsEveryTokenOfTheAthlete)
{
    const FakeStrava::TokenSet first = tokens();
    const FakeStrava::TokenSet second = tokens();
    const Reply r =
        http.send("POST", oauthUrl(strava, QStringLiteral("/oauth/deauthorize")), first.accessToken, {}, {});
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.object()[QStringLiteral("access_token")].toString(), first.accessToken);
    EXPECT_EQ(http.get(apiUrl(strava, QStringLiteral("/athlete")), second.accessToken).status, 401);
    EXPECT_EQ(refresh(http, strava, first.refreshToken).status, 400);
    ASSERT_EQ(strava.revocations().size(), 1);
    EXPECT_EQ(strava.revocations()[0].how, QStringLiteral("deauthorize"));
    EXPECT_EQ(strava.revocations()[0].athleteId, kAthlete);
}

TEST_F(OAuth, RevokeTakesBasicAuthAndTheToken)
{
    const FakeStrava::TokenSet set = tokens();
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("token"), set.refreshToken);
    const QByteArray wrong = "Basic " + QByteArray("54321:nope").toBase64();
    Reply r = http.send("POST", oauthUrl(strava, QStringLiteral("/oauth/revoke")), {}, form.query().toLatin1(),
                        "application/x-www-form-urlencoded", {{"Authorization", wrong}});
    EXPECT_EQ(r.status, 401);
    const QByteArray basic = "Basic " + QByteArray("54321:s3cret").toBase64();
    r = http.send("POST", oauthUrl(strava, QStringLiteral("/oauth/revoke")), {}, form.query().toLatin1(),
                  "application/x-www-form-urlencoded", {{"Authorization", basic}});
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(http.get(apiUrl(strava, QStringLiteral("/athlete")), set.accessToken).status, 401);
    ASSERT_EQ(strava.revocations().size(), 1);
    EXPECT_EQ(strava.revocations()[0].how, QStringLiteral("revoke"));
}

TEST_F(OAuth, AthleteCapRefusesANewAthleteOnThePageAndAtTheExchange)
{
    tokens();
    strava.addAthlete(99, QStringLiteral("Ben"), QStringLiteral("Cole"));
    strava.setSignedInAthlete(99);
    // A code obtained while there was room, exchanged after the app filled up.
    const QUrl redirect = strava.authorizeDecision(authorizeUrl(strava, QStringLiteral("activity:read")), true);
    strava.setAthleteCap(1);
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("client_id"), QStringLiteral("54321"));
    form.addQueryItem(QStringLiteral("client_secret"), QStringLiteral("s3cret"));
    form.addQueryItem(QStringLiteral("code"), QUrlQuery(redirect).queryItemValue(QStringLiteral("code")));
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
    const Reply r = http.postForm(oauthUrl(strava, QStringLiteral("/oauth/token")), form);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.object()[QStringLiteral("message")].toString(), QStringLiteral("Forbidden"));
    EXPECT_EQ(r.object()[QStringLiteral("errors")][0][QStringLiteral("code")].toString(),
              QStringLiteral("limit of connected athletes exceeded"));

    // Pressing Authorize on the page shows Strava's error page instead of redirecting.
    const Reply page = http.get(authorizeUrl(strava, QStringLiteral("activity:read"), QStringLiteral("force")));
    const Reply refused =
        submit(http, strava, page.body, {QStringLiteral("activity:read")}, QStringLiteral("authorize"));
    EXPECT_EQ(refused.status, 403);
    EXPECT_TRUE(refused.body.contains("Limit of connected athletes exceeded"));
    EXPECT_FALSE(strava.authorizeDecision(authorizeUrl(strava, QStringLiteral("activity:read")), true).isValid());

    // The athlete already connected can still authorize again.
    strava.setSignedInAthlete(kAthlete);
    EXPECT_TRUE(
        strava.authorizeDecision(authorizeUrl(strava, QStringLiteral("activity:read"), QStringLiteral("force")), true)
            .isValid());
}

TEST_F(OAuth, AutoApprovalSkipsThePageWhenAlreadyGranted)
{
    tokens({QStringLiteral("activity:read_all")});
    const Reply skipped = http.get(authorizeUrl(strava, QStringLiteral("activity:read_all")));
    EXPECT_EQ(skipped.status, 302);
    EXPECT_TRUE(QUrlQuery(QUrl(QString::fromUtf8(skipped.header("location")))).hasQueryItem(QStringLiteral("code")));
    EXPECT_EQ(http.get(authorizeUrl(strava, QStringLiteral("activity:read_all"), QStringLiteral("force"))).status, 200);
    EXPECT_EQ(http.get(authorizeUrl(strava, QStringLiteral("activity:write"))).status, 200) << "a new scope asks";
}

} // namespace
} // namespace tricoach::fakes::testing
