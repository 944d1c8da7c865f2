// The store's side of the Strava sync: pages merged idempotently, edits applied, the same session never stored twice
// (a file's recording wins over Strava's copy), deletions, and fetched recordings moving a load off its estimate.
#include "tests/unit/core/store/storetestsupport.h"

using namespace tricoach;
using namespace tricoach::test;

namespace {

const QDate kDay(2025, 4, 12);

StravaItem stravaRide(std::int64_t stravaId, const QDate& day, int minuteOffset = 0)
{
    StravaItem item;
    Activity& a = item.activity;
    a.sport = Sport::Bike;
    a.subSport = QStringLiteral("Ride");
    a.title = QStringLiteral("Saturday ride");
    a.source = ActivitySource::Strava;
    a.externalId = stravaId;
    a.utcOffsetSec = 3600;
    a.startUtc = utcDateTime(day, QTime(6, 0)).addSecs(minuteOffset * 60);
    a.movingSec = 3600;
    a.elapsedSec = 3700;
    a.distanceM = 30'000;
    item.link.stravaId = stravaId;
    item.link.sportType = QStringLiteral("Ride");
    return item;
}

Streams steadyPower(double watts, int seconds)
{
    Streams s;
    std::vector<double> power;
    for (int t = 0; t < seconds; ++t) {
        s.time.push_back(t);
        power.push_back(watts);
    }
    s.channels.emplace(Channel::Power, std::move(power));
    return s;
}

} // namespace

class StravaStore : public StoreTest {};

TEST_F(StravaStore, APageMergedTwiceStoresEachActivityOnce)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    const std::int64_t big = 12'000'000'001LL; // beyond 2^32
    const std::vector<StravaItem> page{stravaRide(big, kDay), stravaRide(big + 7, kDay.addDays(1))};
    auto first = store->mergeStrava(anna, page);
    ASSERT_TRUE(first.ok()) << first.error().message.toStdString();
    EXPECT_EQ(first->added, 2);
    auto again = store->mergeStrava(anna, page);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->added, 0);
    EXPECT_EQ(again->unchanged, 2);
    EXPECT_EQ(store->activityCount(anna), 2);
    const auto entries = store->stravaEntries(anna);
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].link.stravaId, big + 7); // newest first
    EXPECT_EQ(entries[1].link.stravaId, big);
    EXPECT_EQ(store->activity(entries[1].activityId)->externalId, std::optional<std::int64_t>(big));
}

TEST_F(StravaStore, EditsOnStravaAreAppliedAndTheAthletesOwnNotesStay)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    ASSERT_TRUE(store->mergeStrava(anna, {stravaRide(5'000'000'000LL, kDay)}).ok());
    const ActivityId id = store->stravaEntries(anna).front().activityId;
    Activity mine = *store->activity(id);
    mine.notes = QStringLiteral("legs heavy");
    ASSERT_TRUE(store->updateActivity(mine).ok());

    StravaItem edited = stravaRide(5'000'000'000LL, kDay);
    edited.activity.title = QStringLiteral("Gravel loop");
    edited.activity.sport = Sport::Bike;
    edited.activity.subSport = QStringLiteral("GravelRide");
    edited.link.isPrivate = true;
    auto merged = store->mergeStrava(anna, {edited});
    ASSERT_TRUE(merged.ok());
    EXPECT_EQ(merged->updated, 1);
    const Activity after = *store->activity(id);
    EXPECT_EQ(after.title, QStringLiteral("Gravel loop"));
    EXPECT_EQ(after.subSport, QStringLiteral("GravelRide"));
    EXPECT_EQ(after.notes, QStringLiteral("legs heavy"));
    EXPECT_TRUE(store->stravaEntries(anna).front().link.isPrivate);
}

TEST_F(StravaStore, ASessionImportedFromAFileIsLinkedNotStoredTwice)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    Activity file = stravaRide(0, kDay).activity;
    file.athleteId = anna;
    file.source = ActivitySource::File;
    file.externalId.reset();
    file.contentHash = QStringLiteral("abc");
    file.streams = steadyPower(180, 3600);
    const ActivityId fileId = add(file);

    // Strava's copy starts 40 s later (the upload's clock): the same session.
    auto merged = store->mergeStrava(anna, {stravaRide(9'100'000'000LL, kDay, 0)});
    ASSERT_TRUE(merged.ok());
    EXPECT_EQ(merged->attached, 1);
    EXPECT_EQ(store->activityCount(anna), 1);
    const Activity kept = *store->activity(fileId);
    EXPECT_EQ(kept.source, ActivitySource::File);
    EXPECT_EQ(kept.externalId, std::optional<std::int64_t>(9'100'000'000LL));
    EXPECT_EQ(kept.streams, file.streams);
    EXPECT_EQ(store->stravaEntries(anna).front().link.streams, StravaStreams::File);
}

TEST_F(StravaStore, AFileImportedAfterTheSyncReplacesStravasCopy)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    StravaItem strava = stravaRide(9'200'000'000LL, kDay);
    strava.activity.title = QStringLiteral("Named on Strava");
    ASSERT_TRUE(store->mergeStrava(anna, {strava}).ok());
    const ActivityId id = store->stravaEntries(anna).front().activityId;

    Activity file = stravaRide(0, kDay).activity;
    file.athleteId = anna;
    file.source = ActivitySource::File;
    file.externalId.reset();
    file.contentHash = QStringLiteral("f1");
    file.startUtc = file.startUtc.addSecs(30);
    file.streams = steadyPower(150, 1800); // shorter than Strava's summary says: the file still wins
    file.movingSec = file.elapsedSec = 1800;
    auto added = store->addActivity(file);
    ASSERT_TRUE(added.ok()) << added.error().message.toStdString();
    EXPECT_TRUE(added->replaced);
    EXPECT_EQ(added->id, id);
    EXPECT_EQ(store->activityCount(anna), 1);
    const Activity now = *store->activity(id);
    EXPECT_EQ(now.source, ActivitySource::File);
    EXPECT_EQ(now.streams, file.streams);
    EXPECT_EQ(now.externalId, std::optional<std::int64_t>(9'200'000'000LL));
    EXPECT_EQ(now.title, QStringLiteral("Named on Strava")); // the athlete's name for it stays
    EXPECT_EQ(store->stravaEntries(anna).front().link.streams, StravaStreams::File);
    // A later sync leaves the file's recording alone.
    auto merged = store->mergeStrava(anna, {strava});
    ASSERT_TRUE(merged.ok());
    EXPECT_EQ(merged->updated, 0);
    EXPECT_EQ(store->activity(id)->streams, file.streams);
}

TEST_F(StravaStore, TwoUploadsOfOneSessionCountOnce)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    auto merged = store->mergeStrava(anna, {stravaRide(7'000'000'001LL, kDay), stravaRide(7'000'000'002LL, kDay)});
    ASSERT_TRUE(merged.ok());
    EXPECT_EQ(merged->added, 1);
    EXPECT_EQ(merged->attached, 1);
    EXPECT_EQ(store->activityCount(anna), 1);
    // Deleting the first upload on Strava keeps the session: the second still links to it.
    auto removed = store->forgetStrava(anna, {7'000'000'001LL});
    ASSERT_TRUE(removed.ok());
    EXPECT_EQ(*removed, 0);
    ASSERT_EQ(store->activityCount(anna), 1);
    EXPECT_EQ(store->activities(anna).front().externalId, std::optional<std::int64_t>(7'000'000'002LL));
    ASSERT_TRUE(store->forgetStrava(anna, {7'000'000'002LL}).ok());
    EXPECT_EQ(store->activityCount(anna), 0);
}

TEST_F(StravaStore, DeletedOnStravaRemovesStravasCopyButNeverAFile)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    Activity file = stravaRide(0, kDay.addDays(3)).activity;
    file.athleteId = anna;
    file.source = ActivitySource::File;
    file.externalId.reset();
    file.contentHash = QStringLiteral("f2");
    const ActivityId fileId = add(file);
    ASSERT_TRUE(store
                    ->mergeStrava(
                        anna, {stravaRide(1'000'000'000'001LL, kDay), stravaRide(1'000'000'000'002LL, kDay.addDays(3))})
                    .ok());
    ASSERT_EQ(store->activityCount(anna), 2);
    auto removed = store->forgetStrava(anna, {1'000'000'000'001LL, 1'000'000'000'002LL});
    ASSERT_TRUE(removed.ok());
    EXPECT_EQ(*removed, 1);
    ASSERT_EQ(store->activityCount(anna), 1);
    const Activity kept = *store->activity(fileId);
    EXPECT_FALSE(kept.externalId.has_value());
    EXPECT_TRUE(store->stravaEntries(anna).empty());
}

TEST_F(StravaStore, AFetchedRecordingMovesTheLoadOffItsEstimate)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    ASSERT_TRUE(
        store->setThresholds(anna, {kDay.addDays(-30), thresholds([](Thresholds& t) { t.ftpWatts = 250; })}).ok());
    ASSERT_TRUE(store->mergeStrava(anna, {stravaRide(3'000'000'000LL, kDay)}).ok());
    const ActivityId id = store->stravaEntries(anna).front().activityId;
    EXPECT_EQ(store->activity(id)->loadSource, LoadSource::Estimate);

    ASSERT_TRUE(store->storeStravaStreams(anna, 3'000'000'000LL, steadyPower(200, 3600)).ok());
    const Activity a = *store->activity(id);
    EXPECT_EQ(a.loadSource, LoadSource::Power);
    // An hour at 200 W against an FTP of 250 W: intensity 0.8, load = hours x intensity^2 x 100 = 64.
    EXPECT_NEAR(a.load, 1.0 * 0.8 * 0.8 * 100, 1.0);
    EXPECT_EQ(a.streams.size(), 3600u);
    EXPECT_EQ(store->stravaEntries(anna).front().link.streams, StravaStreams::Stored);
    // The day's total follows.
    const auto days = store->dailyLoads(anna, kDay, kDay);
    ASSERT_EQ(days.size(), 1u);
    EXPECT_NEAR(days.front().load, a.load, 1e-9);
}

TEST_F(StravaStore, AnActivityWithoutRecordingIsMarkedSoItIsNotAskedForAgain)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    ASSERT_TRUE(store->mergeStrava(anna, {stravaRide(3'000'000'001LL, kDay)}).ok());
    ASSERT_TRUE(store->storeStravaStreams(anna, 3'000'000'001LL, Streams{}).ok());
    EXPECT_EQ(store->stravaEntries(anna).front().link.streams, StravaStreams::None);
    EXPECT_EQ(store->activity(store->stravaEntries(anna).front().activityId)->loadSource, LoadSource::Estimate);
}

TEST_F(StravaStore, TwoAthletesNeverShareALink)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    const AthleteId ben = newAthlete(QStringLiteral("Ben"));
    ASSERT_TRUE(store->mergeStrava(anna, {stravaRide(4'000'000'000LL, kDay)}).ok());
    auto forBen = store->mergeStrava(ben, {stravaRide(4'000'000'000LL, kDay)});
    ASSERT_TRUE(forBen.ok());
    EXPECT_EQ(forBen->added, 1);
    EXPECT_EQ(store->activityCount(anna), 1);
    EXPECT_EQ(store->activityCount(ben), 1);
    ASSERT_TRUE(store->removeAthlete(ben).ok());
    EXPECT_EQ(store->stravaEntries(anna).size(), 1u);
}
