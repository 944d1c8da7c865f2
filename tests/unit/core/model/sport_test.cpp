#include "core/model/activity.h"
#include "core/model/sport.h"
#include "core/util/datetime.h"

#include <gtest/gtest.h>

using namespace tricoach;

TEST(Sport, IdsRoundTrip)
{
    for (Sport s : kAllSports)
        EXPECT_EQ(sportFromString(sportId(s)), s);
}

TEST(Sport, AcceptsSynonymsCaseInsensitively)
{
    EXPECT_EQ(sportFromString(u"ride"), Sport::Bike);
    EXPECT_EQ(sportFromString(u"RUN"), Sport::Run);
    EXPECT_EQ(sportFromString(u"VirtualRide"), Sport::Bike);
    EXPECT_EQ(sportFromString(u" swimming "), Sport::Swim);
    EXPECT_EQ(sportFromString(u"juggling"), std::nullopt);
}

TEST(Activity, LocalDateUsesTheOffset)
{
    Activity a;
    a.startUtc = utcDateTime(QDate(2024, 3, 1), QTime(23, 30));
    a.utcOffsetSec = 2 * 3600;
    EXPECT_EQ(a.localDate(), QDate(2024, 3, 2));
    a.utcOffsetSec = -8 * 3600;
    EXPECT_EQ(a.localDate(), QDate(2024, 3, 1));
}

TEST(Activity, SourceAndLoadSourceIdsRoundTrip)
{
    for (auto s : {ActivitySource::Manual, ActivitySource::File, ActivitySource::Strava})
        EXPECT_EQ(sourceFromString(sourceId(s)), s);
    for (auto s : {LoadSource::User, LoadSource::Power, LoadSource::Pace, LoadSource::HeartRate, LoadSource::Rpe,
                   LoadSource::Estimate})
        EXPECT_EQ(loadSourceFromString(loadSourceId(s)), s);
}
