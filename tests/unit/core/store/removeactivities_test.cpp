// Removing several activities at once (the legs of a race): all of them or, when one is missing, none.
#include "tests/unit/core/store/storetestsupport.h"

using namespace tricoach;
using namespace tricoach::test;

namespace {

class RemoveActivities : public StoreTest {};

const QDate kRaceDay(2024, 6, 9);

TEST_F(RemoveActivities, EveryLegGoesWithItsLoadInOneStep)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    std::vector<ActivityId> legs;
    for (Sport s : {Sport::Swim, Sport::Transition, Sport::Bike, Sport::Transition, Sport::Run}) {
        Activity a = makeActivity(anna, kRaceDay, s, 20);
        a.multisportKey = QStringLiteral("race");
        a.multisportLeg = static_cast<int>(legs.size());
        a.streams.time = {0, 1};
        legs.push_back(add(a));
    }
    const ActivityId other = add(makeActivity(anna, kRaceDay.addDays(1), Sport::Run, 30));
    ASSERT_TRUE(store->removeActivities(legs).ok());
    EXPECT_EQ(store->activityCount(anna), 1);
    EXPECT_TRUE(store->activity(other).ok());
    for (ActivityId id : legs)
        EXPECT_FALSE(store->activity(id).ok());
    ASSERT_EQ(store->dailyLoads(anna).size(), 1u);
    EXPECT_EQ(store->dailyLoads(anna)[0].date, kRaceDay.addDays(1));
    RawDb raw(dbPath());
    EXPECT_EQ(raw.scalar(QStringLiteral("SELECT count(*) FROM activity_streams")).toInt(), 0);
}

TEST_F(RemoveActivities, OneMissingIdRemovesNothing)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    const ActivityId a = add(makeActivity(anna, kRaceDay, Sport::Swim, 20));
    const ActivityId b = add(makeActivity(anna, kRaceDay, Sport::Run, 30));
    const auto removed = store->removeActivities({a, 999, b});
    ASSERT_FALSE(removed.ok());
    EXPECT_TRUE(removed.error().message.contains(QStringLiteral("999"))) << removed.error().message.toStdString();
    EXPECT_EQ(store->activityCount(anna), 2);
    ASSERT_EQ(store->dailyLoads(anna).size(), 1u);
    EXPECT_DOUBLE_EQ(store->dailyLoads(anna)[0].load, 50);
    EXPECT_TRUE(store->removeActivities({}).ok());
}

} // namespace
