// Signing in to Strava through the "system browser" (the emulator's authorize page, its buttons played over HTTP):
// tokens land in the secret store only when everything succeeded; denial, unticked permissions, a foreign redirect
// and a closed browser are said plainly and store nothing.
#include "core/strava/errors.h"
#include "core/strava/login.h"
#include "core/strava/tokens.h"
#include "tests/integration/strava/stravatestsupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QNetworkInterface>
#include <QTcpSocket>
#include <QUrlQuery>

using namespace tricoach;
using namespace tricoach::test;

namespace {

// The secret store's entries that hold Strava tokens.
int tokenEntries(SecretStore& secrets, const strava::StravaAccount& account)
{
    const QString key = strava::tokenSecretKey(account.state().profileKey);
    auto read = secrets.read(key);
    return read.ok() && read->has_value() ? 1 : 0;
}

} // namespace

class StravaLogin : public StravaTest {};

TEST_F(StravaLogin, AuthorizingLinksTheProfileAndKeepsTheTokensInTheSecretStore)
{
    auto a = account();
    ASSERT_TRUE(a.setApp({kClientId, kClientSecret}).ok());
    QUrl opened;
    auto outcome = a.connect(
        [&](const QUrl& url) {
            opened = url;
            return browser()(url);
        },
        20'000);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message.toStdString();
    // The authorize URL: Strava's parameters, a redirect to 127.0.0.1 and a random state.
    const QUrlQuery q(opened);
    EXPECT_EQ(q.queryItemValue(QStringLiteral("client_id")), kClientId);
    EXPECT_EQ(q.queryItemValue(QStringLiteral("response_type")), QStringLiteral("code"));
    EXPECT_TRUE(q.queryItemValue(QStringLiteral("scope")).contains(QStringLiteral("activity:read_all")));
    EXPECT_GE(q.queryItemValue(QStringLiteral("state")).size(), 16);
    const QUrl redirect(q.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    EXPECT_EQ(redirect.host(), QStringLiteral("127.0.0.1"));

    EXPECT_EQ(outcome->tokens.athleteId, kAnna);
    EXPECT_TRUE(outcome->missingScopes.isEmpty());
    const strava::StravaStatus st = a.status();
    EXPECT_TRUE(st.connected);
    EXPECT_EQ(st.athleteId, kAnna);
    EXPECT_EQ(st.athleteName, QStringLiteral("Anna Berg"));
    // The tokens are in the secret store, never in the database.
    auto stored = secrets.read(strava::tokenSecretKey(a.state().profileKey));
    ASSERT_TRUE(stored.ok());
    ASSERT_TRUE(stored->has_value());
    const auto tokens = strava::StravaTokens::fromJson(QJsonDocument::fromJson((*stored)->toUtf8()).object());
    ASSERT_TRUE(tokens.has_value());
    EXPECT_FALSE(tokens->refreshToken.isEmpty());
    const QByteArray db = [&] {
        QFile f(store->path());
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    EXPECT_FALSE(db.contains(tokens->refreshToken.toUtf8()));
    EXPECT_FALSE(db.contains(kClientSecret.toUtf8()));
    EXPECT_EQ(strava.counters().tokenExchanges, 1);
}

TEST_F(StravaLogin, TheRedirectListenerAnswersOnLoopbackOnly)
{
    strava::LoopbackRedirect redirect;
    QString error;
    ASSERT_TRUE(redirect.listen(&error)) << error.toStdString();
    const QUrl uri = redirect.redirectUri();
    EXPECT_EQ(uri.host(), QStringLiteral("127.0.0.1"));
    // Reachable on 127.0.0.1 ...
    QTcpSocket local;
    local.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(uri.port()));
    EXPECT_TRUE(local.waitForConnected(3000));
    // ... and not on any other address of this machine.
    for (const QHostAddress& address : QNetworkInterface::allAddresses()) {
        if (address.isLoopback() || address.protocol() != QAbstractSocket::IPv4Protocol)
            continue;
        QTcpSocket other;
        other.connectToHost(address, static_cast<quint16>(uri.port()));
        EXPECT_FALSE(other.waitForConnected(1000)) << address.toString().toStdString();
    }
}

TEST_F(StravaLogin, CancelOnStravasPageStoresNothing)
{
    auto a = account();
    ASSERT_TRUE(a.setApp({kClientId, kClientSecret}).ok());
    auto outcome = a.connect(browser(false), 20'000);
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error().code, strava::code::kDenied);
    EXPECT_TRUE(outcome.error().message.contains(QStringLiteral("denied")));
    EXPECT_FALSE(a.status().connected);
    EXPECT_EQ(tokenEntries(secrets, a), 0);
    EXPECT_EQ(strava.counters().tokenExchanges, 0);
}

TEST_F(StravaLogin, UntickingPrivateActivitiesConnectsAndSaysWhatIsMissing)
{
    auto a = account();
    ASSERT_TRUE(a.setApp({kClientId, kClientSecret}).ok());
    auto outcome = a.connect(browser(true, {QStringLiteral("activity:read_all")}), 20'000);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message.toStdString();
    EXPECT_EQ(outcome->missingScopes, QStringList{QStringLiteral("activity:read_all")});
    EXPECT_EQ(a.status().missingScopes, QStringList{QStringLiteral("activity:read_all")});
}

TEST_F(StravaLogin, UntickingActivitiesAltogetherStoresNothingAndSaysWhy)
{
    auto a = account();
    ASSERT_TRUE(a.setApp({kClientId, kClientSecret}).ok());
    auto outcome =
        a.connect(browser(true, {QStringLiteral("activity:read_all"), QStringLiteral("activity:read")}), 20'000);
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error().code, strava::code::kScope);
    EXPECT_TRUE(outcome.error().message.contains(QStringLiteral("View data about your activities")));
    EXPECT_FALSE(a.status().connected);
    EXPECT_EQ(strava.counters().tokenExchanges, 0);
}

TEST_F(StravaLogin, ARedirectWithAnotherStateIsRefused)
{
    auto a = account();
    ASSERT_TRUE(a.setApp({kClientId, kClientSecret}).ok());
    QNetworkAccessManager nam;
    auto outcome = a.connect(
        [&](const QUrl& url) {
            QUrl forged = strava.authorizeDecision(url, true);
            QUrlQuery q(forged);
            q.removeAllQueryItems(QStringLiteral("state"));
            q.addQueryItem(QStringLiteral("state"), QStringLiteral("not-ours"));
            forged.setQuery(q);
            QNetworkReply* reply = nam.get(QNetworkRequest(forged));
            QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
            return true;
        },
        20'000);
    ASSERT_FALSE(outcome.ok());
    EXPECT_TRUE(outcome.error().message.contains(QStringLiteral("state")));
    EXPECT_FALSE(a.status().connected);
    EXPECT_EQ(strava.counters().tokenExchanges, 0);
}

TEST_F(StravaLogin, AClosedBrowserTimesOutWithAClearMessage)
{
    auto a = account();
    ASSERT_TRUE(a.setApp({kClientId, kClientSecret}).ok());
    auto outcome = a.connect([](const QUrl&) { return true; }, 1500);
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error().code, strava::code::kTimeout);
    EXPECT_TRUE(outcome.error().message.contains(QStringLiteral("Nothing was stored")));
    EXPECT_FALSE(a.status().connected);
}

TEST_F(StravaLogin, AWrongClientSecretIsNamed)
{
    auto a = account();
    ASSERT_TRUE(a.setApp({kClientId, QStringLiteral("wrong")}).ok());
    auto outcome = a.connect(browser(), 20'000);
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error().code, strava::code::kAppCredentials);
    EXPECT_FALSE(a.status().connected);
}

TEST_F(StravaLogin, TwoProfilesLinkTwoStravaAthletesAndNeverTheSameOne)
{
    const AthleteId ben = store->createAthlete(QStringLiteral("Ben"))->id;
    connect(athlete, kAnna);
    connect(ben, kBen);
    EXPECT_EQ(account(athlete).status().athleteId, kAnna);
    EXPECT_EQ(account(ben).status().athleteId, kBen);
    EXPECT_NE(account(athlete).state().profileKey, account(ben).state().profileKey);

    // Anna's Strava account cannot be linked to Ben's profile too.
    strava.setSignedInAthlete(kAnna);
    const AthleteId third = store->createAthlete(QStringLiteral("Carla"))->id;
    auto c = account(third);
    ASSERT_TRUE(c.setApp({kClientId, kClientSecret}).ok());
    auto outcome = c.connect(browser(), 20'000);
    ASSERT_FALSE(outcome.ok());
    EXPECT_TRUE(outcome.error().message.contains(QStringLiteral("already connected")));
    EXPECT_FALSE(c.status().connected);
}

TEST_F(StravaLogin, DisconnectRevokesOnStravaDeletesTheTokensAndKeepsTheActivities)
{
    strava.seed(kAnna, 30, 5);
    connect(athlete, kAnna);
    auto a = account();
    ASSERT_TRUE(a.sync({}).ok());
    const int activities = store->activityCount(athlete);
    ASSERT_GT(activities, 0);
    const QString key = strava::tokenSecretKey(a.state().profileKey);
    auto note = a.disconnect();
    ASSERT_TRUE(note.ok()) << note.error().message.toStdString();
    ASSERT_FALSE(strava.revocations().isEmpty());
    EXPECT_EQ(strava.revocations().front().how, QStringLiteral("revoke"));
    EXPECT_EQ(strava.revocations().front().athleteId, kAnna);
    auto left = secrets.read(key);
    ASSERT_TRUE(left.ok());
    EXPECT_FALSE(left->has_value());
    EXPECT_FALSE(a.status().connected);
    EXPECT_EQ(store->activityCount(athlete), activities);
}
