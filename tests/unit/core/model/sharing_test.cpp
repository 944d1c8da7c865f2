// One rule for every door that sends data out (the LLM coach today, the sync server and the social feed next):
// Strava's activities never leave the machine; first-party ones (files, manual entries) may.
#include "core/model/activity.h"

#include <gtest/gtest.h>

using namespace tricoach;

TEST(Sharing, StravaActivitiesNeverLeaveTheMachineAndFirstPartyOnesMay)
{
    Activity a;
    a.source = ActivitySource::Strava;
    a.externalId = 12'345'678'901LL;
    EXPECT_FALSE(mayLeaveThisMachine(a));
    a.source = ActivitySource::File; // the device's own file of a session also on Strava: first-party
    EXPECT_TRUE(mayLeaveThisMachine(a));
    a.source = ActivitySource::Manual;
    a.externalId.reset();
    EXPECT_TRUE(mayLeaveThisMachine(a));
}
