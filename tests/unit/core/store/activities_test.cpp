// Storing, deduplicating, editing, removing and listing activities.
#include "core/metrics/stress.h"
#include "tests/unit/core/store/storetestsupport.h"

#include <QTimeZone>

#include <cmath>

using namespace tricoach;

namespace {
// Mirrors store::kSameSessionWindowSec (core/store/activityrows.h, private to the store).
constexpr qint64 kSameSessionWindowSecForTest = 60;
} // namespace
using namespace tricoach::test;

namespace {

class Activities : public StoreTest {
protected:
    void SetUp() override
    {
        StoreTest::SetUp();
        anna = newAthlete(QStringLiteral("Anna"));
    }
    AthleteId anna = 0;
};

const QDate kDay(2024, 7, 14);

// Every summary field set to a distinct value.
Activity fullActivity(AthleteId athlete)
{
    Activity a = makeActivity(athlete, kDay, Sport::Bike);
    a.subSport = QStringLiteral("VirtualRide");
    a.title = QStringLiteral("Zwift – Watopia");
    a.notes = QStringLiteral("Legs felt heavy");
    a.utcOffsetSec = -5 * 3600;
    a.startUtc = utcDateTime(kDay, QTime(3, 30, 15, 250)); // 22:30 local the day before
    a.movingSec = 3500.5;
    a.elapsedSec = 3720;
    a.distanceM = 35123.4;
    a.elevationGainM = 420;
    a.avgHr = 141.5;
    a.maxHr = 171;
    a.avgPower = 201.25;
    a.maxPower = 650;
    a.avgCadence = 88;
    a.maxCadence = 120;
    a.avgSpeed = 10.03;
    a.maxSpeed = 17.5;
    a.calories = 812;
    a.rpe = 6;
    a.poolLengthM = std::nullopt;
    a.source = ActivitySource::Strava;
    a.externalId = 12345678901LL; // above 2^32, as Strava ids are
    a.contentHash = QStringLiteral("sha256:abcdef");
    a.multisportKey = QStringLiteral("race-1");
    a.multisportLeg = 2;
    return a;
}

void expectSameSummary(const Activity& got, const Activity& want)
{
    EXPECT_EQ(got.athleteId, want.athleteId);
    EXPECT_EQ(got.sport, want.sport);
    EXPECT_EQ(got.subSport, want.subSport);
    EXPECT_EQ(got.title, want.title);
    EXPECT_EQ(got.notes, want.notes);
    EXPECT_EQ(got.startUtc, want.startUtc);
    EXPECT_EQ(got.startUtc.toMSecsSinceEpoch(), want.startUtc.toMSecsSinceEpoch());
    EXPECT_EQ(got.utcOffsetSec, want.utcOffsetSec);
    EXPECT_EQ(got.localDate(), want.localDate());
    EXPECT_EQ(got.movingSec, want.movingSec);
    EXPECT_EQ(got.elapsedSec, want.elapsedSec);
    EXPECT_EQ(got.distanceM, want.distanceM);
    EXPECT_EQ(got.elevationGainM, want.elevationGainM);
    EXPECT_EQ(got.avgHr, want.avgHr);
    EXPECT_EQ(got.maxHr, want.maxHr);
    EXPECT_EQ(got.avgPower, want.avgPower);
    EXPECT_EQ(got.maxPower, want.maxPower);
    EXPECT_EQ(got.avgCadence, want.avgCadence);
    EXPECT_EQ(got.maxCadence, want.maxCadence);
    EXPECT_EQ(got.avgSpeed, want.avgSpeed);
    EXPECT_EQ(got.maxSpeed, want.maxSpeed);
    EXPECT_EQ(got.calories, want.calories);
    EXPECT_EQ(got.rpe, want.rpe);
    EXPECT_EQ(got.poolLengthM, want.poolLengthM);
    EXPECT_EQ(got.source, want.source);
    EXPECT_EQ(got.externalId, want.externalId);
    EXPECT_EQ(got.contentHash, want.contentHash);
    EXPECT_EQ(got.userLoad, want.userLoad);
    EXPECT_EQ(got.multisportKey, want.multisportKey);
    EXPECT_EQ(got.multisportLeg, want.multisportLeg);
}

} // namespace

TEST_F(Activities, EverySummaryFieldRoundTrips)
{
    const Activity a = fullActivity(anna);
    const ActivityId id = add(a);
    ASSERT_GT(id, 0);
    reopen();
    auto stored = store->activity(id, false);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->id, id);
    expectSameSummary(*stored, a);
    EXPECT_EQ(stored->localDate(), kDay.addDays(-1));
    const auto listed = store->activities(anna);
    ASSERT_EQ(listed.size(), 1u);
    expectSameSummary(listed[0], a);
}

TEST_F(Activities, ExternalIdAbove32BitsRoundTrips)
{
    Activity a = makeActivity(anna, kDay);
    a.source = ActivitySource::Strava;
    a.externalId = 12345678901LL;
    const ActivityId id = add(a);
    auto stored = store->activity(id);
    ASSERT_TRUE(stored.ok());
    ASSERT_TRUE(stored->externalId.has_value());
    EXPECT_EQ(*stored->externalId, 12345678901LL);
    // And it still identifies the activity for deduplication.
    auto again = store->addActivity(a);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->duplicate);
    EXPECT_EQ(again->id, id);
}

TEST_F(Activities, StreamsLapsAndLengthsRoundTripWithMissingSamples)
{
    Activity a = makeActivity(anna, kDay, Sport::Swim);
    const double nan = kMissing;
    a.streams.time = {0, 1, 2.5, 86399.125, 90000.001};
    a.streams.channels[Channel::Distance] = {0, 1.000001, nan, 1234.56789, 1500.25};
    a.streams.channels[Channel::Latitude] = {47.3769123456789, 47.3769223456789, nan, nan, 47.38};
    a.streams.channels[Channel::Longitude] = {8.5417123456789, 8.5417323456789, nan, nan, 8.55};
    a.streams.channels[Channel::HeartRate] = {120, nan, 130, 131, 129};
    a.streams.channels[Channel::Power] = {nan, nan, nan, nan, nan};
    a.streams.channels[Channel::Speed] = {1.25, 1.5, 0.75, nan, 2};
    a.laps = {Lap{0, 600, 590, 500.0, 140.0, 160.0, {}, {}, 30.0, 0.85},
              Lap{600, 700, 650, {}, {}, {}, {}, {}, {}, {}}};
    a.lengths = {PoolLength{0, 30, true, 18, QStringLiteral("freestyle")},
                 PoolLength{30, 20, false, std::nullopt, QString()},
                 PoolLength{50, 35, true, 12, QStringLiteral("breaststroke")}};
    const ActivityId id = add(a);
    reopen();
    auto stored = store->activity(id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->streams.time, a.streams.time);
    ASSERT_EQ(stored->streams.channels.size(), a.streams.channels.size());
    for (const auto& [channel, want] : a.streams.channels) {
        const auto* got = stored->streams.get(channel);
        ASSERT_NE(got, nullptr);
        ASSERT_EQ(got->size(), want.size());
        for (std::size_t i = 0; i < want.size(); ++i) {
            if (std::isnan(want[i]))
                EXPECT_TRUE(std::isnan((*got)[i])) << int(channel) << " " << i;
            else // time, distance and position in float64, the rest in float32 (all values above are exact)
                EXPECT_EQ((*got)[i], want[i]) << int(channel) << " " << i;
        }
    }
    EXPECT_EQ(stored->laps, a.laps);
    EXPECT_EQ(stored->lengths, a.lengths);

    // A summary carries no detail.
    auto summary = store->activity(id, false);
    ASSERT_TRUE(summary.ok());
    EXPECT_TRUE(summary->streams.empty());
    EXPECT_TRUE(summary->laps.empty());
    EXPECT_TRUE(summary->lengths.empty());
    EXPECT_TRUE(store->activities(anna).front().streams.empty());
}

TEST_F(Activities, MissingIdsReportNotFound)
{
    auto missing = store->activity(999);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, QStringLiteral("store.not-found"));
    EXPECT_TRUE(missing.error().message.contains(QStringLiteral("999")));
    Activity a = makeActivity(anna, kDay);
    a.id = 999;
    auto update = store->updateActivity(a);
    ASSERT_FALSE(update.ok());
    EXPECT_EQ(update.error().code, QStringLiteral("store.not-found"));
    auto remove = store->removeActivity(999);
    ASSERT_FALSE(remove.ok());
    EXPECT_EQ(remove.error().code, QStringLiteral("store.not-found"));
}

TEST_F(Activities, AnActivityWithoutStartTimeIsRejected)
{
    Activity a = makeActivity(anna, kDay);
    a.startUtc = QDateTime();
    auto r = store->addActivity(a);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("store.invalid-activity"));
    EXPECT_EQ(store->activityCount(anna), 0);
}

TEST_F(Activities, DuplicatesBySourceAndExternalIdOrContentHash)
{
    Activity strava = makeActivity(anna, kDay, Sport::Run, 40);
    strava.source = ActivitySource::Strava;
    strava.externalId = 777;
    auto first = store->addActivity(strava);
    ASSERT_TRUE(first.ok());
    EXPECT_FALSE(first->duplicate);

    Activity sameId = strava;
    sameId.title = QStringLiteral("renamed on Strava");
    auto second = store->addActivity(sameId);
    ASSERT_TRUE(second.ok());
    EXPECT_TRUE(second->duplicate);
    EXPECT_EQ(second->id, first->id);

    Activity otherSource = strava; // the same number from another source, at another time, is another activity
    otherSource.source = ActivitySource::File;
    otherSource.startUtc = otherSource.startUtc.addSecs(2 * 3600);
    auto third = store->addActivity(otherSource);
    ASSERT_TRUE(third.ok());
    EXPECT_FALSE(third->duplicate);

    Activity file = makeActivity(anna, kDay.addDays(1));
    file.source = ActivitySource::File;
    file.contentHash = QStringLiteral("hash-1");
    auto fromFile = store->addActivity(file);
    ASSERT_TRUE(fromFile.ok());
    Activity sameFile = file;
    sameFile.startUtc = sameFile.startUtc.addSecs(60);
    auto again = store->addActivity(sameFile);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->duplicate);
    EXPECT_EQ(again->id, fromFile->id);

    // Manual entries have no hash: two identical ones are both kept.
    EXPECT_FALSE(store->addActivity(makeActivity(anna, kDay.addDays(2))).value().duplicate);
    EXPECT_FALSE(store->addActivity(makeActivity(anna, kDay.addDays(2))).value().duplicate);
    EXPECT_EQ(store->activityCount(anna), 5);
    // A duplicate adds no load.
    EXPECT_EQ(store->dailyLoads(anna, kDay, kDay).front().load, 80);
}

TEST_F(Activities, TheSameSessionFromTwoSourcesIsOneActivity)
{
    Activity fit = makeActivity(anna, kDay, Sport::Bike);
    fit.source = ActivitySource::File;
    fit.contentHash = QStringLiteral("fit-bytes");
    const auto stored = store->addActivity(fit);
    ASSERT_TRUE(stored.ok());

    Activity strava = fit; // Strava rounds the start differently and knows nothing of the file
    strava.source = ActivitySource::Strava;
    strava.contentHash.clear();
    strava.externalId = 12345678901;
    strava.startUtc = fit.startUtc.addSecs(kSameSessionWindowSecForTest - 1);
    auto same = store->addActivity(strava);
    ASSERT_TRUE(same.ok());
    EXPECT_TRUE(same->duplicate);
    EXPECT_EQ(same->id, stored->id);

    Activity tcx = fit; // the same ride exported as TCX: other bytes, same session
    tcx.contentHash = QStringLiteral("tcx-bytes");
    tcx.startUtc = fit.startUtc.addSecs(-(kSameSessionWindowSecForTest - 1));
    EXPECT_TRUE(store->addActivity(tcx)->duplicate);

    Activity later = tcx; // just outside the window: another session
    later.contentHash = QStringLiteral("later");
    later.startUtc = fit.startUtc.addSecs(kSameSessionWindowSecForTest + 1);
    EXPECT_FALSE(store->addActivity(later)->duplicate);

    Activity run = fit; // another sport at the same time (a brick's run leg) is another activity
    run.sport = Sport::Run;
    run.contentHash = QStringLiteral("run");
    EXPECT_FALSE(store->addActivity(run)->duplicate);

    Activity manual = fit; // a typed-in session never matches a recording
    manual.source = ActivitySource::Manual;
    manual.contentHash.clear();
    EXPECT_FALSE(store->addActivity(manual)->duplicate);
    EXPECT_EQ(store->activityCount(anna), 4);
}

TEST_F(Activities, TheDatabaseItselfRefusesDuplicates)
{
    Activity a = makeActivity(anna, kDay);
    a.source = ActivitySource::Strava;
    a.externalId = 5;
    a.contentHash = QStringLiteral("h");
    add(a);
    RawDb raw(dbPath());
    const QString insert = QStringLiteral(
        "INSERT INTO activities (athlete_id, sport, start_utc, local_date, source, external_id, content_hash) "
        "VALUES (%1, 'Run', 0, 0, %2, %3, %4)");
    EXPECT_FALSE(
        raw.exec(insert.arg(anna).arg(QStringLiteral("'strava'"), QStringLiteral("5"), QStringLiteral("NULL"))));
    EXPECT_FALSE(
        raw.exec(insert.arg(anna).arg(QStringLiteral("'file'"), QStringLiteral("NULL"), QStringLiteral("'h'"))));
    EXPECT_TRUE(raw.exec(insert.arg(anna).arg(QStringLiteral("'file'"), QStringLiteral("5"), QStringLiteral("NULL"))));
}

TEST_F(Activities, BatchIsAllOrNothing)
{
    add(makeActivity(anna, kDay, Sport::Run, 10));
    std::vector<Activity> batch{makeActivity(anna, kDay, Sport::Run, 20), makeActivity(anna, kDay.addDays(1)),
                                makeActivity(anna + 1000, kDay.addDays(2)), makeActivity(anna, kDay.addDays(3))};
    auto r = store->addActivities(batch);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("store.not-found"));
    EXPECT_TRUE(r.error().message.contains(QString::number(anna + 1000)));
    EXPECT_EQ(store->activityCount(anna), 1);
    ASSERT_EQ(store->dailyLoads(anna).size(), 1u);
    EXPECT_EQ(store->dailyLoads(anna)[0].load, 10);
    EXPECT_EQ(store->pmc(anna, kDay.addDays(1), kDay.addDays(1))[0].load, 0);
    // The same batch without the stranger goes in whole, duplicates within it reported.
    batch.erase(batch.begin() + 2);
    batch.push_back(batch.front());
    batch.back().contentHash = batch.front().contentHash = QStringLiteral("same");
    auto ok = store->addActivities(batch);
    ASSERT_TRUE(ok.ok()) << ok.error().message.toStdString();
    ASSERT_EQ(ok->size(), 4u);
    EXPECT_FALSE((*ok)[0].duplicate);
    EXPECT_TRUE((*ok)[3].duplicate);
    EXPECT_EQ((*ok)[3].id, (*ok)[0].id);
    EXPECT_EQ(store->activityCount(anna), 4);
    EXPECT_EQ(store->dailyLoads(anna)[0].load, 30);
}

TEST_F(Activities, TheLoadIsComputedAndAUserLoadWins)
{
    ASSERT_TRUE(
        store->addThresholdChange(anna, {kDay.addDays(-10), thresholds([](Thresholds& t) { t.ftpWatts = 250; })}).ok());
    Activity ride = makeActivity(anna, kDay, Sport::Bike);
    ride.avgPower = 200;
    const ActivityId computed = add(ride);
    auto stored = store->activity(computed);
    ASSERT_TRUE(stored.ok());
    const LoadResult expected =
        computeLoad(ride, thresholds([](Thresholds& t) { t.ftpWatts = 250; }), LoadSettings::defaults());
    EXPECT_EQ(stored->load, expected.load);
    EXPECT_EQ(stored->loadSource, LoadSource::Power);
    EXPECT_EQ(stored->intensity, expected.intensity);

    ride.userLoad = 123;
    ride.startUtc = ride.startUtc.addDays(1);
    const ActivityId typed = add(ride);
    EXPECT_EQ(store->activity(typed)->load, 123);
    EXPECT_EQ(store->activity(typed)->loadSource, LoadSource::User);
    RawDb raw(dbPath());
    EXPECT_EQ(raw.scalar(QStringLiteral("SELECT min(metrics_version) FROM activities")).toInt(), kMetricsVersion);
}

TEST_F(Activities, UpdateChangesEditableFieldsKeepsDetailAndRecomputes)
{
    Activity a = makeActivity(anna, kDay, Sport::Run);
    a.streams.time = {0, 1};
    a.streams.channels[Channel::HeartRate] = {100, 101};
    a.source = ActivitySource::File;
    a.contentHash = QStringLiteral("file-hash");
    const ActivityId id = add(a);
    const double estimated = store->activity(id)->load;

    Activity edit = store->activities(anna).front(); // a summary: no streams
    edit.title = QStringLiteral("Tempo run");
    edit.notes = QStringLiteral("windy");
    edit.sport = Sport::Bike;
    edit.subSport = QStringLiteral("Gravel");
    edit.rpe = 7;
    edit.userLoad = 95;
    edit.distanceM = 10000;
    edit.contentHash = QStringLiteral("attempt to change identity");
    ASSERT_TRUE(store->updateActivity(edit).ok());
    auto stored = store->activity(id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->title, QStringLiteral("Tempo run"));
    EXPECT_EQ(stored->notes, QStringLiteral("windy"));
    EXPECT_EQ(stored->sport, Sport::Bike);
    EXPECT_EQ(stored->subSport, QStringLiteral("Gravel"));
    EXPECT_EQ(stored->rpe, 7);
    EXPECT_EQ(stored->distanceM, 10000);
    EXPECT_EQ(stored->load, 95);
    EXPECT_EQ(stored->loadSource, LoadSource::User);
    EXPECT_EQ(stored->contentHash, QStringLiteral("file-hash"));
    EXPECT_EQ(stored->streams.size(), 2u);
    EXPECT_EQ(store->dailyLoads(anna)[0].load, 95);

    // Clearing the user load goes back to the computed value.
    edit.userLoad.reset();
    edit.sport = Sport::Run;
    edit.rpe.reset();
    ASSERT_TRUE(store->updateActivity(edit).ok());
    EXPECT_EQ(store->activity(id)->load, estimated);
}

TEST_F(Activities, MovingAnActivityToAnotherDayUpdatesBothDays)
{
    const ActivityId id = add(makeActivity(anna, kDay, Sport::Run, 60));
    add(makeActivity(anna, kDay, Sport::Bike, 40));
    Activity moved = store->activity(id, false).value();
    moved.startUtc = moved.startUtc.addDays(5);
    ASSERT_TRUE(store->updateActivity(moved).ok());
    const auto daily = store->dailyLoads(anna);
    ASSERT_EQ(daily.size(), 2u);
    EXPECT_EQ(daily[0].date, kDay);
    EXPECT_EQ(daily[0].load, 40);
    EXPECT_EQ(daily[1].date, kDay.addDays(5));
    EXPECT_EQ(daily[1].load, 60);
    const auto chart = store->pmc(anna, kDay, kDay.addDays(10));
    const auto reference = computePmc(daily, kDay, kDay.addDays(10), PmcSettings{});
    ASSERT_EQ(chart.size(), reference.size());
    for (std::size_t i = 0; i < chart.size(); ++i)
        EXPECT_EQ(chart[i].ctl, reference[i].ctl) << i;
}

TEST_F(Activities, DamagedRecordedDataIsReportedAndTheRestStaysReadable)
{
    Activity a = makeActivity(anna, kDay, Sport::Bike);
    a.title = QStringLiteral("Tempo ride");
    a.streams.time = {0, 1, 2};
    a.streams.channels[Channel::Power] = {200, 210, 220};
    const ActivityId id = add(a);
    add(makeActivity(anna, kDay.addDays(1), Sport::Run, 30));
    {
        RawDb raw(dbPath());
        // Cut the blob short, as a damaged disk sector would.
        ASSERT_TRUE(
            raw.exec(QStringLiteral("UPDATE activity_streams SET encoded = substr(encoded, 1, length(encoded) - 2)")));
    }
    auto damaged = store->activity(id);
    ASSERT_FALSE(damaged.ok());
    EXPECT_EQ(damaged.error().code, QStringLiteral("store.corrupt"));
    EXPECT_TRUE(damaged.error().message.contains(QStringLiteral("Tempo ride")));
    EXPECT_TRUE(store->activity(id, false).ok());
    EXPECT_EQ(store->activities(anna).size(), 2u);
}

TEST_F(Activities, RemoveDeletesTheActivityAndItsLoad)
{
    Activity a = makeActivity(anna, kDay, Sport::Run, 60);
    a.streams.time = {0, 1};
    const ActivityId id = add(a);
    add(makeActivity(anna, kDay.addDays(1), Sport::Run, 30));
    RawDb raw(dbPath());
    ASSERT_EQ(raw.scalar(QStringLiteral("SELECT count(*) FROM activity_streams")).toInt(), 1);
    ASSERT_TRUE(store->removeActivity(id).ok());
    EXPECT_FALSE(store->activity(id).ok());
    EXPECT_EQ(store->activityCount(anna), 1);
    ASSERT_EQ(store->dailyLoads(anna).size(), 1u);
    EXPECT_EQ(store->dailyLoads(anna)[0].date, kDay.addDays(1));
    EXPECT_EQ(store->firstActivityDate(anna), kDay.addDays(1));
    EXPECT_EQ(store->pmc(anna, kDay, kDay)[0].ctl, 0);
    EXPECT_EQ(raw.scalar(QStringLiteral("SELECT count(*) FROM activity_streams")).toInt(), 0);
}

TEST_F(Activities, ListingFiltersAndOrder)
{
    auto titled = [this](int dayOffset, Sport sport, const QString& title, const QString& notes, int hour) {
        Activity a = makeActivity(anna, kDay.addDays(dayOffset), sport, 10);
        a.title = title;
        a.notes = notes;
        a.startUtc = utcDateTime(kDay.addDays(dayOffset), QTime(hour, 0));
        return add(a);
    };
    const ActivityId late = titled(0, Sport::Run, QStringLiteral("Evening run"), QString(), 18);
    const ActivityId early = titled(0, Sport::Swim, QStringLiteral("Masters"), QStringLiteral("Über drills"), 5);
    const ActivityId before = titled(-3, Sport::Bike, QStringLiteral("Long ride"), QStringLiteral("hilly"), 8);
    const ActivityId after = titled(4, Sport::Run, QStringLiteral("Intervals"), QStringLiteral("6x800 RUN"), 7);
    const AthleteId ben = newAthlete(QStringLiteral("Ben"));
    add(makeActivity(ben, kDay, Sport::Run, 10));

    const auto ids = [this](auto fill) {
        ActivityQuery q;
        fill(q);
        std::vector<ActivityId> out;
        for (const Activity& a : store->activities(anna, q))
            out.push_back(a.id);
        return out;
    };
    using Ids = std::vector<ActivityId>;
    EXPECT_EQ(ids([](ActivityQuery&) {}), (Ids{before, early, late, after}));
    EXPECT_EQ(ids([](ActivityQuery& q) {
                  q.from = kDay;
                  q.to = kDay;
              }),
              (Ids{early, late}));
    EXPECT_EQ(ids([](ActivityQuery& q) { q.from = kDay.addDays(-3); }), (Ids{before, early, late, after}));
    EXPECT_EQ(ids([](ActivityQuery& q) { q.to = kDay.addDays(-1); }), (Ids{before}));
    EXPECT_EQ(ids([](ActivityQuery& q) { q.sport = Sport::Run; }), (Ids{late, after}));
    EXPECT_EQ(ids([](ActivityQuery& q) { q.text = QStringLiteral("run"); }),
              (Ids{late, after}));                                                           // title or notes, any case
    EXPECT_EQ(ids([](ActivityQuery& q) { q.text = QStringLiteral("über"); }), (Ids{early})); // beyond ASCII too
    EXPECT_EQ(ids([](ActivityQuery& q) { q.text = QStringLiteral("nothing like this"); }), Ids{});
    EXPECT_EQ(ids([](ActivityQuery& q) { q.limit = 2; }), (Ids{late, after})); // the latest two, in start order
    EXPECT_EQ(ids([](ActivityQuery& q) {
                  q.text = QStringLiteral("RUN");
                  q.limit = 1;
              }),
              (Ids{after})); // the limit counts matches
    EXPECT_EQ(ids([](ActivityQuery& q) {
                  q.from = kDay;
                  q.sport = Sport::Run;
                  q.text = QStringLiteral("interval");
              }),
              (Ids{after}));
    EXPECT_EQ(store->activityCount(anna), 4);
    EXPECT_EQ(store->firstActivityDate(anna), kDay.addDays(-3));
    EXPECT_FALSE(store->firstActivityDate(ben + 1).has_value());
    // From a day on: the dashboard's first believable day skips a clockless device's 1990 dates.
    EXPECT_EQ(store->firstActivityDate(anna, kDay.addDays(-2)), kDay);
    EXPECT_EQ(store->firstActivityDate(anna, kDay.addDays(-3)), kDay.addDays(-3));
    EXPECT_FALSE(store->firstActivityDate(anna, kDay.addDays(400)).has_value());
}

TEST_F(Activities, StartTimesAreStoredAsUtcInstants)
{
    Activity a = makeActivity(anna, kDay, Sport::Run, 20);
    a.utcOffsetSec = 0;
    a.startUtc = QDateTime(kDay, QTime(1, 0), QTimeZone(2 * 3600)); // 23:00 UTC the day before
    const ActivityId id = add(a);
    auto stored = store->activity(id, false);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->startUtc, a.startUtc);
    EXPECT_EQ(stored->startUtc.timeSpec(), Qt::UTC);
    EXPECT_EQ(stored->localDate(), kDay.addDays(-1));
    ASSERT_EQ(store->dailyLoads(anna).size(), 1u);
    EXPECT_EQ(store->dailyLoads(anna)[0].date, kDay.addDays(-1));
}
