// Setting thresholds as an athlete does: first values reach back to the start of the history, later ones keep
// their day, and every change says what it recomputed. Also the reader that streams recordings to the estimator.
#include "core/metrics/stress.h"
#include "core/store/thresholdreads.h"
#include "tests/unit/core/store/storetestsupport.h"

using namespace tricoach;
using namespace tricoach::test;

namespace {

class Thresholding : public StoreTest {};

const QDate kFirst(2019, 3, 4);

Activity powerRide(AthleteId athlete, const QDate& day, double watts = 200)
{
    Activity a = makeActivity(athlete, day, Sport::Bike);
    a.avgPower = watts;
    return a;
}

double expectedLoad(const Activity& a, const Thresholds& t)
{
    return computeLoad(a, t, LoadSettings::defaults()).load;
}

} // namespace

TEST_F(Thresholding, AFirstThresholdTakesEffectFromTheFirstActivityAndSaysWhatItRecomputed)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    const ActivityId first = add(powerRide(anna, kFirst));
    add(powerRide(anna, kFirst.addDays(30)));
    add(makeActivity(anna, kFirst.addDays(40), Sport::Run, 55)); // a load the athlete typed: recomputed, unchanged
    ASSERT_EQ(store->activity(first)->loadSource, LoadSource::Estimate);

    ThresholdChange change{kFirst.addDays(400), thresholds([](Thresholds& t) { t.ftpWatts = 250; })};
    auto update = store->setThresholds(anna, change);
    ASSERT_TRUE(update.ok()) << update.error().message.toStdString();
    ASSERT_EQ(update->stored.size(), 1u);
    EXPECT_EQ(update->stored[0].effectiveFrom, kFirst);
    EXPECT_EQ(update->from, kFirst);
    EXPECT_EQ(update->recomputed, 3);
    EXPECT_EQ(update->changed, 2);
    EXPECT_EQ(update->summary(),
              QStringLiteral("Loads of 3 activities from 2019-03-04 on were recomputed (2 changed)."));
    const auto stored = store->activity(first);
    EXPECT_EQ(stored->loadSource, LoadSource::Power);
    EXPECT_EQ(stored->load, expectedLoad(*stored, change.values));
    EXPECT_EQ(store->thresholdHistory(anna).changes().front().effectiveFrom, kFirst);
}

TEST_F(Thresholding, LaterChangesKeepTheirDayAndFirstValuesInThemMoveBack)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    const ActivityId early = add(powerRide(anna, kFirst));
    const ActivityId late = add(powerRide(anna, kFirst.addDays(100)));
    ASSERT_TRUE(store->setThresholds(anna, {kFirst.addDays(10), thresholds([](Thresholds& t) { t.ftpWatts = 250; })}));

    // FTP was set before: its change keeps day 50; the run threshold heart rate is new: it goes to the start.
    auto update = store->setThresholds(anna, {kFirst.addDays(50), thresholds([](Thresholds& t) {
                                                  t.ftpWatts = 300;
                                                  t.lthrRun = 170;
                                              })});
    ASSERT_TRUE(update.ok()) << update.error().message.toStdString();
    ASSERT_EQ(update->stored.size(), 2u);
    EXPECT_EQ(update->stored[0].effectiveFrom, kFirst);
    EXPECT_EQ(update->stored[0].values.lthrRun, 170);
    EXPECT_FALSE(update->stored[0].values.ftpWatts.has_value());
    EXPECT_EQ(update->stored[1].effectiveFrom, kFirst.addDays(50));
    EXPECT_EQ(update->stored[1].values.ftpWatts, 300);
    EXPECT_EQ(update->recomputed, 2);
    const ThresholdHistory history = store->thresholdHistory(anna);
    EXPECT_EQ(history.at(kFirst).ftpWatts, 250);
    EXPECT_EQ(history.at(kFirst).lthrRun, 170);
    EXPECT_EQ(history.at(kFirst.addDays(100)).ftpWatts, 300);
    EXPECT_EQ(store->activity(early)->load, expectedLoad(*store->activity(early), history.at(kFirst)));
    EXPECT_EQ(store->activity(late)->load, expectedLoad(*store->activity(late), history.at(kFirst.addDays(100))));

    // Only fields set before: one change on the day asked, loads recomputed from it on.
    update = store->setThresholds(anna, {kFirst.addDays(60), thresholds([](Thresholds& t) { t.ftpWatts = 310; })});
    ASSERT_TRUE(update.ok());
    ASSERT_EQ(update->stored.size(), 1u);
    EXPECT_EQ(update->from, kFirst.addDays(60));
    EXPECT_EQ(update->recomputed, 1);
    EXPECT_EQ(update->summary(),
              QStringLiteral("The load of 1 activity from 2019-05-03 on was recomputed (1 changed)."));
}

TEST_F(Thresholding, WithoutActivitiesAFirstThresholdKeepsItsDay)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    auto update = store->setThresholds(anna, {kFirst, thresholds([](Thresholds& t) { t.maxHr = 190; })});
    ASSERT_TRUE(update.ok());
    EXPECT_EQ(update->stored.front().effectiveFrom, kFirst);
    EXPECT_EQ(update->recomputed, 0);
    EXPECT_EQ(update->summary(), QStringLiteral("No stored activity needed its load recomputed."));
    // A first value given for a day before the history keeps that earlier day.
    add(powerRide(anna, kFirst.addDays(20)));
    update = store->setThresholds(anna, {kFirst.addDays(5), thresholds([](Thresholds& t) { t.ftpWatts = 240; })});
    ASSERT_TRUE(update.ok());
    EXPECT_EQ(update->stored.front().effectiveFrom, kFirst.addDays(5));
}

TEST_F(Thresholding, OlderActivitiesAddedLaterAreScoredWithTheFirstThresholds)
{
    // Thresholds set before any import, then the archive: the first values follow the start of the history back.
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    ASSERT_TRUE(store->setThresholds(anna, {kFirst, thresholds([](Thresholds& t) { t.ftpWatts = 250; })}));
    const ActivityId older = add(powerRide(anna, kFirst.addDays(-100)));
    EXPECT_EQ(store->thresholdHistory(anna).changes().front().effectiveFrom, kFirst.addDays(-100));
    EXPECT_EQ(store->activity(older)->loadSource, LoadSource::Power);
    std::vector<Activity> batch{powerRide(anna, kFirst.addDays(-150)), powerRide(anna, kFirst.addDays(-200))};
    ASSERT_TRUE(store->addActivities(batch));
    EXPECT_EQ(store->thresholdHistory(anna).changes().front().effectiveFrom, kFirst.addDays(-200));
    for (const Activity& a : store->activities(anna)) {
        EXPECT_EQ(a.loadSource, LoadSource::Power) << a.title.toStdString();
        EXPECT_EQ(a.load, expectedLoad(*store->activity(a.id), store->thresholdHistory(anna).at(a.localDate())));
    }

    // A first change dated after stored activities (set for that day on purpose) stays where it was put.
    const AthleteId ben = newAthlete(QStringLiteral("Ben"));
    add(powerRide(ben, kFirst));
    ASSERT_TRUE(
        store->addThresholdChange(ben, {kFirst.addDays(10), thresholds([](Thresholds& t) { t.ftpWatts = 250; })}));
    const ActivityId benOlder = add(powerRide(ben, kFirst.addDays(-5)));
    EXPECT_EQ(store->thresholdHistory(ben).changes().front().effectiveFrom, kFirst.addDays(10));
    EXPECT_EQ(store->activity(benOlder)->loadSource, LoadSource::Estimate);
}

TEST_F(Thresholding, ImplausibleThresholdsAreRefusedAndNothingIsStored)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    add(powerRide(anna, kFirst));
    for (const Thresholds& t :
         {thresholds([](Thresholds& x) { x.ftpWatts = 5000; }), thresholds([](Thresholds& x) { x.maxHr = 400; }),
          thresholds([](Thresholds& x) { x.cssSpeed = 9; })}) {
        auto r = store->setThresholds(anna, {kFirst, t});
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, QStringLiteral("store.invalid-threshold"));
        EXPECT_TRUE(r.error().message.contains(QStringLiteral("plausible"))) << r.error().message.toStdString();
    }
    EXPECT_TRUE(store->thresholdHistory(anna).changes().empty());
    EXPECT_FALSE(store->setThresholds(anna + 10, {kFirst, thresholds([](Thresholds& x) { x.ftpWatts = 250; })}).ok());
}

TEST_F(Thresholding, VisitingActivitiesHandsOverRecordingsOneAtATimeOldestFirst)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    for (int d : {20, 0, 10}) {
        Activity a = makeActivity(anna, kFirst.addDays(d), Sport::Bike);
        for (int t = 0; t < 100; ++t) {
            a.streams.time.push_back(t);
            a.streams.channels[Channel::Power].push_back(100 + d);
        }
        a.laps.push_back(Lap{0, 100, 100, 1000.0, {}, {}, {}, {}, {}, {}});
        add(a);
    }
    std::vector<QDate> days;
    ActivityQuery all;
    auto visited = store->visitActivities(anna, all, [&](const Activity& a) {
        days.push_back(a.localDate());
        EXPECT_EQ(a.streams.size(), 100u);
        const std::vector<double>* power = a.streams.get(Channel::Power);
        EXPECT_TRUE(power && !power->empty() &&
                    power->front() == 100.0 + static_cast<double>(kFirst.daysTo(a.localDate())));
        EXPECT_EQ(a.laps.size(), 1u);
        return true;
    });
    ASSERT_TRUE(visited.ok());
    EXPECT_EQ(*visited, 3);
    EXPECT_EQ(days, (std::vector<QDate>{kFirst, kFirst.addDays(10), kFirst.addDays(20)}));
    // Stopping early, and a window.
    ActivityQuery window;
    window.from = kFirst.addDays(5);
    days.clear();
    visited = store->visitActivities(anna, window, [&](const Activity& a) {
        days.push_back(a.localDate());
        return false;
    });
    EXPECT_EQ(*visited, 1);
    EXPECT_EQ(days, (std::vector<QDate>{kFirst.addDays(10)}));
}

TEST_F(Thresholding, EstimatesFromTheStoreMatchThoseFromTheSameActivities)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    std::vector<Activity> rides;
    for (int d = 0; d < 3; ++d) {
        Activity a = makeActivity(anna, kFirst.addDays(d * 40), Sport::Bike);
        for (int t = 0; t < 1500; ++t) {
            a.streams.time.push_back(t);
            a.streams.channels[Channel::Power].push_back(200 + 20 * d + (t % 60 < 30 ? 10 : -10));
            a.streams.channels[Channel::HeartRate].push_back(150 + 5 * d);
        }
        a.id = add(a);
        rides.push_back(a);
    }
    EstimateOptions options;
    options.asOf = kFirst.addDays(100);
    auto fromStore = estimateThresholds(*store, anna, options);
    ASSERT_TRUE(fromStore.ok()) << fromStore.error().message.toStdString();
    EXPECT_EQ(fromStore->activitiesRead, 3);
    const auto direct = estimateThresholds(rides, options);
    ASSERT_EQ(fromStore->estimates.size(), direct.size());
    for (std::size_t i = 0; i < direct.size(); ++i) {
        EXPECT_EQ(fromStore->estimates[i].value, direct[i].value) << thresholdFieldId(direct[i].field).toStdString();
        EXPECT_EQ(fromStore->estimates[i].basis, direct[i].basis);
    }
    // The 90-day window holds the last two rides: the best 20 minutes are the third ride's 240 W.
    EXPECT_NEAR(*fromStore->estimates.front().value, 0.95 * 240, 1e-9);
    EXPECT_EQ(defaultEstimateDay(*store, anna, QDate(2030, 1, 1)), kFirst.addDays(80));
    EXPECT_EQ(defaultEstimateDay(*store, anna, kFirst.addDays(50)), kFirst.addDays(40));
}
