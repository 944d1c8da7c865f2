// FakeStrava's rate limits (developers.strava.com/docs/rate-limits) on its virtual clock, and its faults.

#include "tests/unit/fakes/fakestravatestsupport.h"

#include <QElapsedTimer>

namespace tricoach::fakes::testing {
namespace {

using Limits = StravaFixture;
using Faults = StravaFixture;

TEST_F(Limits, EveryApiAnswerCarriesTheUsageHeaders)
{
    const QString token = tokens().accessToken;
    strava.setVirtualNow(QDateTime(QDate(2025, 6, 1), QTime(10, 1), Qt::UTC));
    for (int i = 1; i <= 3; ++i) {
        const Reply r = http.get(apiUrl(strava, QStringLiteral("/athlete")), token);
        EXPECT_EQ(r.header("x-ratelimit-limit"), "200,2000");
        EXPECT_EQ(r.header("x-ratelimit-usage"), QByteArray::number(i) + ',' + QByteArray::number(i));
        EXPECT_EQ(r.header("x-readratelimit-limit"), "100,1000");
        EXPECT_EQ(r.header("x-readratelimit-usage"), QByteArray::number(i) + ',' + QByteArray::number(i));
    }
    const Reply notFound = http.get(apiUrl(strava, QStringLiteral("/activities/1")), token);
    EXPECT_EQ(notFound.status, 404);
    EXPECT_EQ(notFound.header("x-ratelimit-usage"), "4,4");
    // OAuth does not count.
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("client_id"), QStringLiteral("54321"));
    http.postForm(oauthUrl(strava, QStringLiteral("/oauth/token")), form);
    EXPECT_EQ(http.get(apiUrl(strava, QStringLiteral("/athlete")), token).header("x-ratelimit-usage"), "5,5");
    EXPECT_EQ(strava.counters().perToken.value(token), 5);
}

TEST_F(Limits, Over15MinuteLimitIs429UntilTheQuarterHourTurns)
{
    strava.setRateLimits(10, 100, 5, 50);
    const QString token = tokens().accessToken;
    // 10:13 virtual; 60 virtual seconds pass each real second, so 10:15 is two real seconds away.
    strava.setVirtualNow(QDateTime(QDate(2025, 6, 1), QTime(10, 13, 0), Qt::UTC));
    strava.setTimeScale(0);
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(http.get(apiUrl(strava, QStringLiteral("/athlete")), token).status, 200);
    const Reply refused = http.get(apiUrl(strava, QStringLiteral("/athlete")), token);
    EXPECT_EQ(refused.status, 429);
    EXPECT_EQ(refused.object()[QStringLiteral("message")].toString(), QStringLiteral("Rate Limit Exceeded"));
    EXPECT_EQ(refused.object()[QStringLiteral("errors")][0][QStringLiteral("field")].toString(),
              QStringLiteral("rate limit"));
    EXPECT_EQ(refused.header("x-readratelimit-usage"), "6,6") << "refused calls count too";
    EXPECT_EQ(strava.counters().tooManyRequests, 1);

    strava.setTimeScale(60);
    QElapsedTimer real;
    real.start();
    while (strava.virtualNow().time() < QTime(10, 15) && real.elapsed() < 10000)
        waitMs(50);
    const Reply again = http.get(apiUrl(strava, QStringLiteral("/athlete")), token);
    EXPECT_EQ(again.status, 200);
    EXPECT_EQ(again.header("x-readratelimit-usage"), "1,7");
}

TEST_F(Limits, TheDailyLimitResetsAtMidnightUtc)
{
    strava.setRateLimits(100, 4, 100, 1000);
    const QString token = tokens().accessToken;
    strava.setTimeScale(0);
    strava.setVirtualNow(QDateTime(QDate(2025, 6, 1), QTime(23, 50), Qt::UTC));
    for (int i = 0; i < 4; ++i)
        http.get(apiUrl(strava, QStringLiteral("/athlete")), token);
    strava.setVirtualNow(QDateTime(QDate(2025, 6, 1), QTime(23, 59), Qt::UTC));
    EXPECT_EQ(http.get(apiUrl(strava, QStringLiteral("/athlete")), token).status, 429) << "new quarter, same day";
    strava.setVirtualNow(QDateTime(QDate(2025, 6, 2), QTime(0, 0, 1), Qt::UTC));
    EXPECT_EQ(http.get(apiUrl(strava, QStringLiteral("/athlete")), token).status, 200);
}

TEST_F(Faults, ServerErrorsHitTheGivenPathAndCount)
{
    const QString token = tokens().accessToken;
    strava.injectFault({FakeStrava::Fault::Kind::ServerError, 503, 0, QStringLiteral("/athlete/activities"), 2});
    EXPECT_EQ(http.get(apiUrl(strava, QStringLiteral("/athlete")), token).status, 200);
    const Reply first = http.get(apiUrl(strava, QStringLiteral("/athlete/activities")), token);
    EXPECT_EQ(first.status, 503);
    EXPECT_FALSE(first.header("x-ratelimit-usage").isEmpty());
    EXPECT_EQ(http.get(apiUrl(strava, QStringLiteral("/athlete/activities")), token).status, 503);
    EXPECT_EQ(http.get(apiUrl(strava, QStringLiteral("/athlete/activities")), token).status, 200);
}

TEST_F(Faults, SlowAnswersArriveLate)
{
    const QString token = tokens().accessToken;
    strava.injectFault({FakeStrava::Fault::Kind::Slow, 0, 600, {}, 1});
    QElapsedTimer timer;
    timer.start();
    EXPECT_EQ(http.get(apiUrl(strava, QStringLiteral("/athlete")), token).status, 200);
    EXPECT_GE(timer.elapsed(), 550);
}

TEST_F(Faults, TruncatedBodiesAndResetsAreNetworkErrors)
{
    strava.seed(kAthlete, 50, 1);
    const QString token = tokens().accessToken;
    strava.injectFault({FakeStrava::Fault::Kind::TruncatedBody, 0, 0, {}, 1});
    const Reply truncated = http.get(apiUrl(strava, QStringLiteral("/athlete/activities")), token);
    EXPECT_NE(truncated.error, QNetworkReply::NoError);
    // QNetworkAccessManager resends a request whose connection closed unanswered, so the reset must persist.
    strava.injectFault({FakeStrava::Fault::Kind::ConnectionReset, 0, 0, {}, -1});
    const Reply reset = http.get(apiUrl(strava, QStringLiteral("/athlete/activities")), token);
    EXPECT_NE(reset.error, QNetworkReply::NoError);
    EXPECT_EQ(reset.status, 0);
    EXPECT_EQ(strava.requests().last().status, 0);
    strava.clearFaults();
    EXPECT_EQ(http.get(apiUrl(strava, QStringLiteral("/athlete/activities")), token).array().size(), 30);
}

TEST_F(Faults, ExpiredTokenForcesARefreshThatWorks)
{
    const FakeStrava::TokenSet set = tokens();
    strava.injectFault({FakeStrava::Fault::Kind::ExpiredToken, 0, 0, {}, 1});
    const Reply r = http.get(apiUrl(strava, QStringLiteral("/athlete")), set.accessToken);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.object()[QStringLiteral("errors")][0][QStringLiteral("field")].toString(),
              QStringLiteral("access_token"));
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("client_id"), QStringLiteral("54321"));
    form.addQueryItem(QStringLiteral("client_secret"), QStringLiteral("s3cret"));
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
    form.addQueryItem(QStringLiteral("refresh_token"), set.refreshToken);
    const Reply refreshed = http.postForm(oauthUrl(strava, QStringLiteral("/oauth/token")), form);
    ASSERT_EQ(refreshed.status, 200);
    const QString fresh = refreshed.object()[QStringLiteral("access_token")].toString();
    EXPECT_NE(fresh, set.accessToken);
    EXPECT_EQ(http.get(apiUrl(strava, QStringLiteral("/athlete")), fresh).status, 200);
}

TEST_F(Faults, RevokedAccessKillsEveryToken)
{
    const FakeStrava::TokenSet set = tokens();
    strava.injectFault({FakeStrava::Fault::Kind::RevokedAccess, 0, 0, {}, 1});
    EXPECT_EQ(http.get(apiUrl(strava, QStringLiteral("/athlete")), set.accessToken).status, 401);
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("client_id"), QStringLiteral("54321"));
    form.addQueryItem(QStringLiteral("client_secret"), QStringLiteral("s3cret"));
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
    form.addQueryItem(QStringLiteral("refresh_token"), set.refreshToken);
    EXPECT_EQ(http.postForm(oauthUrl(strava, QStringLiteral("/oauth/token")), form).status, 400);
    ASSERT_EQ(strava.revocations().size(), 1);
    EXPECT_EQ(strava.revocations()[0].how, QStringLiteral("site"));
}

TEST_F(Faults, RandomFaultsHitSomeCallsAndLeaveOthers)
{
    const QString token = tokens().accessToken;
    strava.setRandomFaults(0.5, 1234);
    int ok = 0, failed = 0;
    for (int i = 0; i < 30; ++i) {
        const Reply r = http.get(apiUrl(strava, QStringLiteral("/athlete")), token);
        (r.status == 200 && r.error == QNetworkReply::NoError ? ok : failed) += 1;
    }
    EXPECT_GT(ok, 3);
    EXPECT_GT(failed, 3);
}

} // namespace
} // namespace tricoach::fakes::testing
