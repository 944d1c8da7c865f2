// Activities prepared off the writer's thread, as an import's decoding threads do: streams encoded and loads
// computed there, stored by the writer like any other activity.
#include "core/metrics/stress.h"
#include "tests/unit/core/store/storetestsupport.h"

#include <QTimeZone>

#include <memory>
#include <thread>

using namespace tricoach;
using namespace tricoach::test;

namespace {

class PreparedActivities : public StoreTest {
protected:
    void SetUp() override
    {
        StoreTest::SetUp();
        anna = newAthlete(QStringLiteral("Anna"));
    }
    AthleteId anna = 0;
};

const QDate kDay(2024, 7, 14);

// A ride with power for 30 minutes: its load comes from the power stream and the FTP in force.
Activity powerRide(AthleteId athlete, const QDate& day)
{
    Activity a = makeActivity(athlete, day, Sport::Bike);
    a.contentHash = QStringLiteral("ride on %1").arg(day.toString(Qt::ISODate));
    for (int i = 0; i < 1800; ++i) {
        a.streams.time.push_back(i);
        a.streams.channels[Channel::Power].push_back(180 + (i % 120));
    }
    a.movingSec = a.elapsedSec = 1800;
    return a;
}

// FTP 250 W from ten days before kDay, then `ride` prepared as the importer does, against the store's basis.
PreparedActivity prepareAtFtp250(ActivityStore& store, AthleteId athlete, const Activity& ride)
{
    EXPECT_TRUE(
        store.addThresholdChange(athlete, {kDay.addDays(-10), thresholds([](Thresholds& t) { t.ftpWatts = 250; })})
            .ok());
    auto basis = store.loadBasis(athlete);
    EXPECT_TRUE(basis.ok());
    return PreparedActivity::from(ride, basis.ok() ? std::make_shared<const LoadBasis>(std::move(*basis)) : nullptr);
}

TEST_F(PreparedActivities, LoadsComputedWhilePreparingAreStoredAndTheStreamsReleased)
{
    const Activity ride = powerRide(anna, kDay);
    const PreparedActivity prepared = prepareAtFtp250(*store, anna, ride);
    EXPECT_TRUE(prepared.activity().streams.time.empty()); // released on the preparing thread
    ASSERT_TRUE(prepared.load().has_value());
    EXPECT_EQ(prepared.load()->source, LoadSource::Power);

    auto added = store->addActivities(std::vector<PreparedActivity>{prepared});
    ASSERT_TRUE(added.ok()) << added.error().message.toStdString();
    auto stored = store->activity(added->front().id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->load, prepared.load()->load);
    EXPECT_EQ(stored->streams.channels.at(Channel::Power), ride.streams.channels.at(Channel::Power));
    EXPECT_EQ(stored->load, computeLoad(ride, store->thresholdHistory(anna).at(kDay), LoadSettings::defaults()).load);
}

TEST_F(PreparedActivities, ALoadPreparedAgainstOldThresholdsIsComputedAgainByTheWriter)
{
    const Activity ride = powerRide(anna, kDay);
    const PreparedActivity prepared = prepareAtFtp250(*store, anna, ride);
    // The athlete enters a new FTP while the import is running.
    ASSERT_TRUE(
        store->addThresholdChange(anna, {kDay.addDays(-5), thresholds([](Thresholds& t) { t.ftpWatts = 300; })}).ok());
    auto added = store->addActivities(std::vector<PreparedActivity>{prepared});
    ASSERT_TRUE(added.ok()) << added.error().message.toStdString();
    auto stored = store->activity(added->front().id, false);
    ASSERT_TRUE(stored.ok());
    const double expected = computeLoad(ride, store->thresholdHistory(anna).at(kDay), LoadSettings::defaults()).load;
    EXPECT_EQ(stored->load, expected);
    EXPECT_LT(stored->load, prepared.load()->load); // a higher FTP makes the same ride lighter
}

TEST_F(PreparedActivities, ActivitiesPreparedOnAnotherThreadStoreLikeOthers)
{
    Activity a = makeActivity(anna, kDay, Sport::Bike);
    a.utcOffsetSec = 0;
    a.startUtc = QDateTime(kDay, QTime(1, 0), QTimeZone(2 * 3600)); // prepared into UTC: the day before
    a.streams.time = {0, 1, 2, 3};
    a.streams.channels[Channel::Power] = {200, kMissing, 250.5, 3000};
    a.streams.channels[Channel::Latitude] = {47.3769123456789, 47.37692, 47.37693, 47.3769423456789};
    Activity b = makeActivity(anna, kDay.addDays(1), Sport::Run, 30);
    b.contentHash = QStringLiteral("file b");

    // The importer's decoding threads prepare; the writer only stores.
    std::vector<PreparedActivity> prepared;
    std::thread([&] {
        prepared.push_back(PreparedActivity::from(a));
        prepared.push_back(PreparedActivity::from(b));
    }).join();
    ASSERT_EQ(prepared.size(), 2u);
    EXPECT_EQ(prepared[0].activity().startUtc.timeSpec(), Qt::UTC);
    EXPECT_FALSE(prepared[0].encodedStreams().isEmpty());
    EXPECT_TRUE(prepared[1].encodedStreams().isEmpty()); // nothing recorded, nothing stored

    auto added = store->addActivities(prepared);
    ASSERT_TRUE(added.ok()) << added.error().message.toStdString();
    ASSERT_EQ(added->size(), 2u);
    auto stored = store->activity((*added)[0].id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->localDate(), kDay.addDays(-1));
    EXPECT_EQ(stored->streams.time, a.streams.time);
    const auto* power = stored->streams.get(Channel::Power);
    ASSERT_NE(power, nullptr);
    EXPECT_EQ((*power)[0], 200);
    EXPECT_TRUE(std::isnan((*power)[1]));
    EXPECT_EQ((*power)[3], 3000);
    EXPECT_EQ(*stored->streams.get(Channel::Latitude), a.streams.channels[Channel::Latitude]);
    // The same load as an activity added directly: the writer computes it from the kept streams.
    Activity direct = a;
    direct.startUtc = a.startUtc.addDays(7);
    const ActivityId directId = add(direct);
    EXPECT_GT(stored->load, 0);
    EXPECT_DOUBLE_EQ(store->activity(directId, false)->load, stored->load);
    // A prepared duplicate is reported, not stored twice.
    auto again = store->addActivities(std::vector<PreparedActivity>{PreparedActivity::from(b)});
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->front().duplicate);
    EXPECT_EQ(again->front().id, (*added)[1].id);
}

} // namespace
