// Strava through the TriCoach account: the server's broker hands out Strava tokens, Strava's webhooks reach the
// right desktop's store within a second through the event stream, and what came while a desktop was away is
// applied when it returns.
#include "core/account/accountevents.h"
#include "tests/integration/account/accounttestsupport.h"

#include <QJsonArray>

using namespace tricoach;
using namespace tricoach::test;

namespace {

std::optional<StravaEntry> entry(Desktop& d, qint64 stravaId)
{
    for (const StravaEntry& e : d.store->stravaEntries(d.athlete)) {
        if (e.link.stravaId == stravaId)
            return e;
    }
    return std::nullopt;
}

QString nameOf(Desktop& d, qint64 stravaId)
{
    const auto e = entry(d, stravaId);
    if (!e)
        return {};
    const auto a = d.store->activity(e->activityId);
    return a ? a->title : QString();
}

} // namespace

class AccountEventsTest : public AccountTest {
protected:
    // A desktop signed in with Strava as `stravaAthlete`, its Strava synced through the account.
    std::unique_ptr<Desktop> linked(const QString& name, qint64 stravaAthlete)
    {
        auto d = desktop(name);
        strava.setSignedInAthlete(stravaAthlete);
        auto signedIn = signIn(*d, withStrava());
        EXPECT_TRUE(signedIn.ok()) << signedIn.error().message.toStdString();
        auto stravaLink = d->strava();
        auto connected = d->account().connectStrava(stravaLink);
        EXPECT_TRUE(connected.ok()) << connected.error().message.toStdString();
        strava::HttpClient http;
        auto access = d->account().stravaAccess(http);
        auto synced = stravaLink.sync({}, {}, nullptr, access.get());
        EXPECT_TRUE(synced.ok()) << synced.error().message.toStdString();
        return d;
    }

    // The desktop app's wiring: the stream wakes a catch-up.
    std::unique_ptr<account::AccountEvents> listen(Desktop& d, int* catchUps = nullptr)
    {
        auto account = d.account();
        auto events = std::make_unique<account::AccountEvents>(*account.server(), [&d]() -> Result<QString> {
            strava::HttpClient http;
            return d.account().client(http)->accessToken();
        });
        QObject::connect(events.get(), &account::AccountEvents::eventsWaiting, [&d, catchUps] {
            auto stravaLink = d.strava();
            auto done = d.account().catchUp(stravaLink);
            EXPECT_TRUE(done.ok()) << done.error().message.toStdString();
            if (catchUps)
                ++*catchUps;
        });
        events->start();
        EXPECT_TRUE(waitFor([&] { return events->isConnected(); }));
        return events;
    }
};

TEST_F(AccountEventsTest, StravaSyncsThroughTheAccountWithoutAStravaSecretHere)
{
    auto anna = linked(QStringLiteral("anna"), kAnnaStrava);
    EXPECT_EQ(anna->activities(), static_cast<int>(strava.activities(kAnnaStrava).size()));
    const strava::SyncState link = anna->strava().state();
    EXPECT_TRUE(link.viaAccount);
    EXPECT_EQ(link.athleteId, kAnnaStrava);
    EXPECT_TRUE(link.clientId.isEmpty());
    auto read = anna->secrets.read(strava::tokenSecretKey(link.profileKey));
    ASSERT_TRUE(read.ok());
    EXPECT_FALSE(read->has_value()) << "Strava tokens on the desktop";
    // Without the account's session the sync says what to do.
    ASSERT_TRUE(anna->account().signOut().ok());
    auto again = anna->strava().sync({});
    ASSERT_FALSE(again.ok());
    EXPECT_TRUE(again.error().message.contains(QStringLiteral("TriCoach account")))
        << again.error().message.toStdString();
}

TEST_F(AccountEventsTest, AWebhookEventReachesTheRightDesktopWithinASecond)
{
    auto anna = linked(QStringLiteral("anna"), kAnnaStrava);
    auto boris = linked(QStringLiteral("boris"), kBorisStrava);
    int borisCatchUps = 0;
    auto annaEvents = listen(*anna);
    auto borisEvents = listen(*boris, &borisCatchUps);
    ASSERT_TRUE(waitFor([&] { return borisCatchUps > 0; })); // the catch-up on connecting
    const int annaBefore = anna->activities(), borisBefore = boris->activities();
    const int borisCatchUpsBefore = borisCatchUps;

    // Anna uploads a ride; Strava tells the server; Anna's desktop has it within a second.
    const qint64 ride = strava.addActivity(kAnnaStrava, {{QStringLiteral("name"), QStringLiteral("Lunch ride")},
                                                         {QStringLiteral("sport_type"), QStringLiteral("Ride")}});
    QElapsedTimer sincePush;
    push(QStringLiteral("activity"), ride, QStringLiteral("create"), kAnnaStrava);
    sincePush.start();
    ASSERT_TRUE(waitFor([&] { return entry(*anna, ride).has_value(); }, 5000));
    EXPECT_LT(sincePush.elapsed(), 1000);
    EXPECT_EQ(anna->activities(), annaBefore + 1);
    EXPECT_EQ(nameOf(*anna, ride), QStringLiteral("Lunch ride"));
    // Boris's desktop heard nothing and holds nothing of Anna's.
    waitFor([] { return false; }, 300);
    EXPECT_EQ(boris->activities(), borisBefore);
    EXPECT_EQ(borisCatchUps, borisCatchUpsBefore);
    EXPECT_FALSE(entry(*boris, ride));

    // Renamed on Strava: renamed here.
    ASSERT_TRUE(strava.editActivity(ride, {{QStringLiteral("name"), QStringLiteral("Lunch ride, windy")}}));
    push(QStringLiteral("activity"), ride, QStringLiteral("update"), kAnnaStrava,
         {{QStringLiteral("title"), QStringLiteral("Lunch ride, windy")}});
    EXPECT_TRUE(waitFor([&] { return nameOf(*anna, ride) == QStringLiteral("Lunch ride, windy"); }, 2000));

    // Deleted on Strava: gone here.
    ASSERT_TRUE(strava.deleteActivity(ride));
    push(QStringLiteral("activity"), ride, QStringLiteral("delete"), kAnnaStrava);
    EXPECT_TRUE(waitFor([&] { return !entry(*anna, ride).has_value(); }, 2000));
    EXPECT_EQ(anna->activities(), annaBefore);
}

TEST_F(AccountEventsTest, WhatCameWhileTheDesktopWasAwayIsAppliedOnReturnOnce)
{
    auto anna = linked(QStringLiteral("anna"), kAnnaStrava);
    const int before = anna->activities();
    const qint64 run = strava.addActivity(kAnnaStrava, {{QStringLiteral("sport_type"), QStringLiteral("Run")}});
    const qint64 swim = strava.addActivity(kAnnaStrava, {{QStringLiteral("sport_type"), QStringLiteral("Swim")}});
    const qint64 old = strava.activities(kAnnaStrava).last().value(QLatin1String("id")).toInteger();
    ASSERT_TRUE(strava.deleteActivity(old));
    push(QStringLiteral("activity"), run, QStringLiteral("create"), kAnnaStrava);
    push(QStringLiteral("activity"), swim, QStringLiteral("create"), kAnnaStrava);
    push(QStringLiteral("activity"), old, QStringLiteral("delete"), kAnnaStrava);
    // An event of another athlete's never reaches this account (the server routes by owner).
    push(QStringLiteral("activity"), 77, QStringLiteral("create"), kBorisStrava);

    auto stravaLink = anna->strava();
    auto caught = anna->account().catchUp(stravaLink);
    ASSERT_TRUE(caught.ok()) << caught.error().message.toStdString();
    EXPECT_EQ(caught->events, 3);
    EXPECT_TRUE(caught->complete);
    EXPECT_TRUE(entry(*anna, run));
    EXPECT_TRUE(entry(*anna, swim));
    EXPECT_FALSE(entry(*anna, old));
    EXPECT_EQ(anna->activities(), before + 1);
    // The new sessions came with their recordings.
    EXPECT_EQ(entry(*anna, run)->link.streams, StravaStreams::Stored);
    // Once: the cursor moved past them.
    auto again = anna->account().catchUp(stravaLink);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->events, 0);
}

TEST_F(AccountEventsTest, RevokingTheServerOnStravaIsSaidOnTheProfile)
{
    auto anna = linked(QStringLiteral("anna"), kAnnaStrava);
    push(QStringLiteral("athlete"), kAnnaStrava, QStringLiteral("update"), kAnnaStrava,
         {{QStringLiteral("authorized"), QStringLiteral("false")}});
    auto stravaLink = anna->strava();
    auto caught = anna->account().catchUp(stravaLink);
    ASSERT_TRUE(caught.ok()) << caught.error().message.toStdString();
    EXPECT_TRUE(caught->deauthorized);
    EXPECT_FALSE(anna->strava().status().problem.isEmpty());
    // Every activity stays.
    EXPECT_EQ(anna->activities(), static_cast<int>(strava.activities(kAnnaStrava).size()));
}
