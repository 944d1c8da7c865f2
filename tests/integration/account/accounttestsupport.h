#pragma once
// The desktop's TriCoach account against the real tricoach-sync and the Strava emulator (tests/support/
// accountworld.h), with desktops that each have their own store and secrets.

#include "core/account/tricoachaccount.h"
#include "core/secrets/secretstore.h"
#include "core/store/activitystore.h"
#include "core/strava/stravaaccount.h"
#include "tests/support/accountworld.h"
#include "tests/support/tempdir.h"

namespace tricoach::test {

// One computer with TriCoach: its own database and secrets.
struct Desktop {
    std::unique_ptr<ActivityStore> store;
    MemorySecrets secrets;
    AthleteId athlete = 0;
    strava::StravaEndpoints endpoints;

    account::TriCoachAccount account() { return account::TriCoachAccount(*store, athlete, secrets); }
    strava::StravaAccount strava() { return strava::StravaAccount(*store, athlete, secrets, endpoints); }
    int activities() const { return static_cast<int>(store->stravaEntries(athlete).size()); }
};

class AccountTest : public TempDirTest, public AccountWorld {
protected:
    void SetUp() override { startWorld(pathFor(QStringLiteral("sync.sqlite"))); }
    void TearDown() override { stopWorld(); }

    std::unique_ptr<Desktop> desktop(const QString& name)
    {
        auto d = std::make_unique<Desktop>();
        auto opened = ActivityStore::open(pathFor(name + QStringLiteral(".sqlite")));
        EXPECT_TRUE(opened.ok()) << opened.error().message.toStdString();
        if (!opened)
            return d;
        d->store = std::move(*opened);
        d->athlete = d->store->defaultAthlete()->id;
        d->endpoints = {strava.apiBase(), strava.oauthBase()};
        EXPECT_TRUE(d->account().setServer(QString::fromStdString(server->baseUrl())).ok());
        return d;
    }

    Result<account::AccountState> signIn(Desktop& d, const Steps& steps)
    {
        auto result = d.account().signIn(browse(steps), 20'000);
        finishBrowsing();
        return result;
    }
};

} // namespace tricoach::test
