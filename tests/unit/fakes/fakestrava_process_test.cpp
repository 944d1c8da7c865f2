// The standalone fake_strava executable: starts, prints its one JSON line, answers the API and its control API,
// and exits cleanly on SIGTERM.

#include "tests/unit/fakes/fakestravatestsupport.h"

#include <QProcess>

namespace tricoach::fakes::testing {
namespace {

TEST(FakeStravaProcess, PrintsItsAddressesAndServesUntilTerminated)
{
    QProcess process;
    process.start(QStringLiteral(FAKE_STRAVA_PATH),
                  {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--athletes"), QStringLiteral("2"),
                   QStringLiteral("--activities"), QStringLiteral("25"), QStringLiteral("--seed"), QStringLiteral("5"),
                   QStringLiteral("--client-id"), QStringLiteral("777"), QStringLiteral("--client-secret"),
                   QStringLiteral("pw"), QStringLiteral("--rate-limits"), QStringLiteral("50,500,40,400")});
    ASSERT_TRUE(process.waitForStarted(10000));
    while (!process.canReadLine())
        ASSERT_TRUE(process.waitForReadyRead(10000)) << process.readAllStandardError().toStdString();
    const QJsonObject hello = QJsonDocument::fromJson(process.readLine()).object();
    const QUrl api(hello[QStringLiteral("api_base")].toString());
    const QUrl oauth(hello[QStringLiteral("oauth_base")].toString());
    ASSERT_TRUE(api.path().endsWith(QStringLiteral("/api/v3")));
    const QJsonArray athletes = hello[QStringLiteral("athletes")].toArray();
    ASSERT_EQ(athletes.size(), 2);
    const qint64 athlete = athletes[1].toInteger();

    Http http;
    QUrl control = oauth;
    control.setPath(QStringLiteral("/_emulator/grant"));
    const Reply granted =
        http.postJson(control, {{QStringLiteral("client_id"), QStringLiteral("777")},
                                {QStringLiteral("athlete_id"), athlete},
                                {QStringLiteral("scopes"), QJsonArray{QStringLiteral("activity:read_all")}}});
    ASSERT_EQ(granted.status, 200) << granted.body.toStdString();
    const QString token = granted.object()[QStringLiteral("access_token")].toString();

    QUrl list = api;
    list.setPath(api.path() + QStringLiteral("/athlete/activities"));
    list.setQuery(QStringLiteral("per_page=100"));
    const Reply activities = http.get(list, token);
    EXPECT_EQ(activities.array().size(), 25);
    EXPECT_EQ(activities.header("x-ratelimit-limit"), "50,500");

    control.setPath(
        QStringLiteral("/_emulator/activities/%1").arg(activities.array()[0][QStringLiteral("id")].toInteger()));
    EXPECT_EQ(http.send("DELETE", control, {}, {}, {}).status, 200);
    control.setPath(QStringLiteral("/_emulator/faults"));
    EXPECT_EQ(http.postJson(control,
                            {{QStringLiteral("kind"), QStringLiteral("server_error")}, {QStringLiteral("status"), 502}})
                  .status,
              200);
    EXPECT_EQ(http.get(list, token).status, 502);
    EXPECT_EQ(http.get(list, token).array().size(), 24);
    control.setPath(QStringLiteral("/_emulator/stats"));
    EXPECT_EQ(http.get(control).object()[QStringLiteral("list_calls")].toInt(), 3);

    process.terminate();
    ASSERT_TRUE(process.waitForFinished(10000));
    EXPECT_EQ(process.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(process.exitCode(), 0);
}

} // namespace
} // namespace tricoach::fakes::testing
