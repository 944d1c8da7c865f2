// Athletes, their thresholds and metric settings, and how changing them recomputes stored loads.
#include "core/metrics/stress.h"
#include "tests/unit/core/store/storetestsupport.h"

#include <QJsonObject>

using namespace tricoach;
using namespace tricoach::test;

namespace {

class Athletes : public StoreTest {};

const QDate kDay(2024, 6, 3);

// A ride whose load comes from average power once an FTP is known (an estimate before).
Activity powerRide(AthleteId athlete, const QDate& day)
{
    Activity a = makeActivity(athlete, day, Sport::Bike);
    a.avgPower = 200;
    return a;
}

} // namespace

TEST_F(Athletes, CreateListAndLookUp)
{
    const auto anna = store->createAthlete(QStringLiteral("  Anna  "));
    ASSERT_TRUE(anna.ok());
    EXPECT_EQ(anna->name, QStringLiteral("Anna")); // surrounding spaces are not part of a name
    const auto ben = store->createAthlete(QStringLiteral("Ben"));
    ASSERT_TRUE(ben.ok());
    EXPECT_NE(anna->id, ben->id);
    EXPECT_EQ(store->athletes(), (std::vector<Athlete>{*anna, *ben}));
    EXPECT_EQ(store->athlete(ben->id), *ben);
    EXPECT_FALSE(store->athlete(ben->id + 100).has_value());
    EXPECT_EQ(store->athleteByName(QStringLiteral("Ben")), *ben);
    EXPECT_FALSE(store->athleteByName(QStringLiteral("Carl")).has_value());
}

TEST_F(Athletes, EmptyNamesAreRejected)
{
    for (const QString& name : {QString(), QStringLiteral("   ")}) {
        auto r = store->createAthlete(name);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, QStringLiteral("store.invalid-name"));
        EXPECT_FALSE(r.error().message.isEmpty());
    }
    EXPECT_TRUE(store->athletes().empty());
}

TEST_F(Athletes, DuplicateNamesAreRejected)
{
    newAthlete(QStringLiteral("Anna"));
    for (const QString& name : {QStringLiteral("Anna"), QStringLiteral("anna")}) {
        auto r = store->createAthlete(name);
        ASSERT_FALSE(r.ok()) << name.toStdString();
        EXPECT_EQ(r.error().code, QStringLiteral("store.duplicate-name"));
        EXPECT_TRUE(r.error().message.contains(name));
    }
    EXPECT_EQ(store->athletes().size(), 1u);
}

TEST_F(Athletes, DefaultAthleteIsCreatedOnceThenTheFirstById)
{
    auto first = store->defaultAthlete();
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first->name, QStringLiteral("Athlete"));
    newAthlete(QStringLiteral("Ben"));
    auto again = store->defaultAthlete();
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *first);
    EXPECT_EQ(store->athletes().size(), 2u);
}

TEST_F(Athletes, Rename)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    newAthlete(QStringLiteral("Ben"));
    ASSERT_TRUE(store->renameAthlete(anna, QStringLiteral("Anna K")).ok());
    EXPECT_EQ(store->athlete(anna)->name, QStringLiteral("Anna K"));
    ASSERT_TRUE(store->renameAthlete(anna, QStringLiteral("anna k")).ok()); // a change of case is not a clash
    EXPECT_EQ(store->athlete(anna)->name, QStringLiteral("anna k"));

    auto clash = store->renameAthlete(anna, QStringLiteral("Ben"));
    ASSERT_FALSE(clash.ok());
    EXPECT_EQ(clash.error().code, QStringLiteral("store.duplicate-name"));
    auto empty = store->renameAthlete(anna, QStringLiteral(""));
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code, QStringLiteral("store.invalid-name"));
    auto missing = store->renameAthlete(anna + 100, QStringLiteral("Zed"));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, QStringLiteral("store.not-found"));
    EXPECT_EQ(store->athlete(anna)->name, QStringLiteral("anna k"));
}

TEST_F(Athletes, RemoveTakesAllOfTheAthletesDataAndNothingElse)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    const AthleteId ben = newAthlete(QStringLiteral("Ben"));
    Activity withDetail = makeActivity(anna, kDay, Sport::Run, 50);
    withDetail.streams.time = {0, 1, 2};
    withDetail.streams.channels[Channel::HeartRate] = {120, 121, 122};
    withDetail.laps.push_back(Lap{0, 3, 3, 10.0, {}, {}, {}, {}, {}, {}});
    add(withDetail);
    ASSERT_TRUE(
        store->addThresholdChange(anna, ThresholdChange{kDay, thresholds([](Thresholds& t) { t.ftpWatts = 250; })})
            .ok());
    MetricSettings custom;
    custom.pmc.fitnessDays = 30;
    ASSERT_TRUE(store->setMetricSettings(anna, custom).ok());
    add(makeActivity(ben, kDay, Sport::Run, 70));

    ASSERT_TRUE(store->removeAthlete(anna).ok());
    EXPECT_FALSE(store->athlete(anna).has_value());
    EXPECT_EQ(store->activityCount(anna), 0);
    EXPECT_TRUE(store->dailyLoads(anna).empty());
    EXPECT_TRUE(store->thresholdHistory(anna).changes().empty());
    RawDb raw(dbPath());
    for (const char* table : {"streams", "laps", "threshold_changes", "athlete_settings"})
        EXPECT_EQ(raw.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))).toInt(), 0) << table;
    EXPECT_EQ(raw.scalar(QStringLiteral("SELECT count(*) FROM pmc_cache WHERE athlete_id = %1").arg(anna)).toInt(), 0);
    // Ben is untouched.
    EXPECT_EQ(store->activityCount(ben), 1);
    EXPECT_EQ(store->dailyLoads(ben).size(), 1u);

    auto again = store->removeAthlete(anna);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, QStringLiteral("store.not-found"));
}

TEST_F(Athletes, ThresholdChangesOnTheSameDayMerge)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    ASSERT_TRUE(store
                    ->addThresholdChange(anna, {kDay, thresholds([](Thresholds& t) {
                                                    t.ftpWatts = 250;
                                                    t.lthrRun = 170;
                                                })})
                    .ok());
    ASSERT_TRUE(store
                    ->addThresholdChange(anna, {kDay, thresholds([](Thresholds& t) {
                                                    t.ftpWatts = 260;
                                                    t.maxHr = 190;
                                                })})
                    .ok());
    ASSERT_TRUE(
        store->addThresholdChange(anna, {kDay.addDays(10), thresholds([](Thresholds& t) { t.weightKg = 61; })}).ok());
    const auto changes = store->thresholdHistory(anna).changes();
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes[0].effectiveFrom, kDay);
    EXPECT_EQ(changes[0].values.ftpWatts, 260); // set again: the new value wins
    EXPECT_EQ(changes[0].values.lthrRun, 170);  // not in the second change: kept
    EXPECT_EQ(changes[0].values.maxHr, 190);    // new field: added
    EXPECT_FALSE(changes[0].values.weightKg.has_value());
    EXPECT_EQ(changes[1].values.weightKg, 61);
    EXPECT_FALSE(changes[1].values.ftpWatts.has_value());
}

TEST_F(Athletes, ThresholdChangeErrors)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    auto noDay = store->addThresholdChange(anna, {QDate(), thresholds([](Thresholds& t) { t.ftpWatts = 250; })});
    ASSERT_FALSE(noDay.ok());
    EXPECT_EQ(noDay.error().code, QStringLiteral("store.invalid-date"));
    auto negative = store->addThresholdChange(anna, {kDay, thresholds([](Thresholds& t) { t.ftpWatts = -5; })});
    ASSERT_FALSE(negative.ok());
    EXPECT_EQ(negative.error().code, QStringLiteral("store.invalid-threshold"));
    auto nobody = store->addThresholdChange(anna + 50, {kDay, thresholds([](Thresholds& t) { t.ftpWatts = 250; })});
    ASSERT_FALSE(nobody.ok());
    EXPECT_EQ(nobody.error().code, QStringLiteral("store.not-found"));
    EXPECT_TRUE(store->thresholdHistory(anna).changes().empty());
}

TEST_F(Athletes, AThresholdChangeRecomputesLoadsFromItsDayOn)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    ASSERT_TRUE(
        store->addThresholdChange(anna, {kDay.addDays(-100), thresholds([](Thresholds& t) { t.ftpWatts = 250; })})
            .ok());
    const ActivityId before = add(powerRide(anna, kDay.addDays(-1)));
    const ActivityId after = add(powerRide(anna, kDay.addDays(1)));
    const double oldLoad = store->activity(after)->load;
    const double beforeLoad = store->activity(before)->load;
    EXPECT_EQ(store->activity(after)->loadSource, LoadSource::Power);

    ASSERT_TRUE(store->addThresholdChange(anna, {kDay, thresholds([](Thresholds& t) { t.ftpWatts = 300; })}).ok());
    const auto recomputed = store->activity(after);
    ASSERT_TRUE(recomputed.ok());
    const double expected =
        computeLoad(*recomputed, thresholds([](Thresholds& t) { t.ftpWatts = 300; }), LoadSettings::defaults()).load;
    EXPECT_EQ(recomputed->load, expected);
    EXPECT_LT(recomputed->load, oldLoad); // a higher FTP makes the same ride easier
    EXPECT_EQ(store->activity(before)->load, beforeLoad);
    // The aggregates follow.
    const auto daily = store->dailyLoads(anna);
    ASSERT_EQ(daily.size(), 2u);
    EXPECT_EQ(daily[1].load, expected);
    const auto chart = store->pmc(anna, kDay.addDays(-5), kDay.addDays(5));
    const auto reference = computePmc(daily, kDay.addDays(-5), kDay.addDays(5), PmcSettings{});
    ASSERT_EQ(chart.size(), reference.size());
    for (std::size_t i = 0; i < chart.size(); ++i)
        EXPECT_EQ(chart[i].ctl, reference[i].ctl) << i;
}

TEST_F(Athletes, MetricSettingsRoundTripAndDefault)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    EXPECT_EQ(store->metricSettings(anna), MetricSettings{});
    MetricSettings s;
    s.pmc.fitnessDays = 35;
    s.load.estimatePerHour[Sport::Run] = 75;
    s.analysis.formHighRisk = -25;
    ASSERT_TRUE(store->setMetricSettings(anna, s).ok());
    EXPECT_EQ(store->metricSettings(anna), s);
    reopen();
    EXPECT_EQ(store->metricSettings(anna), s);
    auto nobody = store->setMetricSettings(anna + 9, s);
    ASSERT_FALSE(nobody.ok());
    EXPECT_EQ(nobody.error().code, QStringLiteral("store.not-found"));
}

TEST_F(Athletes, ChangingSettingsRecomputesEveryLoadAndTheChart)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    const ActivityId run = add(makeActivity(anna, kDay, Sport::Run)); // estimated from duration
    add(makeActivity(anna, kDay.addDays(3), Sport::Run, 90));
    const double before = store->activity(run)->load;
    EXPECT_EQ(store->activity(run)->loadSource, LoadSource::Estimate);

    MetricSettings s;
    s.load.estimatePerHour[Sport::Run] = 2 * LoadSettings::defaults().estimateFor(Sport::Run);
    s.pmc.fitnessDays = 20;
    s.pmc.fatigueDays = 5;
    ASSERT_TRUE(store->setMetricSettings(anna, s).ok());
    EXPECT_EQ(store->activity(run)->load, 2 * before);
    const QDate from = kDay.addDays(-2), to = kDay.addDays(40);
    const auto chart = store->pmc(anna, from, to);
    const auto reference = computePmc(store->dailyLoads(anna), from, to, s.pmc);
    ASSERT_EQ(chart.size(), reference.size());
    for (std::size_t i = 0; i < chart.size(); ++i) {
        EXPECT_EQ(chart[i].ctl, reference[i].ctl) << i;
        EXPECT_EQ(chart[i].atl, reference[i].atl) << i;
    }
    EXPECT_NE(chart.back().ctl, computePmc(store->dailyLoads(anna), from, to, PmcSettings{}).back().ctl);
}

TEST_F(Athletes, DataOfTwoAthletesNeverMixes)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    const AthleteId ben = newAthlete(QStringLiteral("Ben"));
    Activity annaRide = makeActivity(anna, kDay, Sport::Bike, 100);
    annaRide.externalId = 42;
    annaRide.source = ActivitySource::Strava;
    annaRide.contentHash = QStringLiteral("same-file");
    Activity benRide = annaRide; // same ids and hash, but another athlete: not a duplicate
    benRide.athleteId = ben;
    benRide.userLoad = 30;
    ASSERT_TRUE(store->addThresholdChange(anna, {kDay, thresholds([](Thresholds& t) { t.ftpWatts = 300; })}).ok());
    MetricSettings s;
    s.pmc.fitnessDays = 21;
    ASSERT_TRUE(store->setMetricSettings(ben, s).ok());
    auto a = store->addActivity(annaRide);
    auto b = store->addActivity(benRide);
    ASSERT_TRUE(a.ok());
    ASSERT_TRUE(b.ok());
    EXPECT_FALSE(b->duplicate);
    EXPECT_NE(a->id, b->id);

    ASSERT_EQ(store->activities(anna).size(), 1u);
    EXPECT_EQ(store->activities(anna)[0].load, 100);
    ASSERT_EQ(store->activities(ben).size(), 1u);
    EXPECT_EQ(store->activities(ben)[0].load, 30);
    EXPECT_EQ(store->dailyLoads(anna)[0].load, 100);
    EXPECT_EQ(store->dailyLoads(ben)[0].load, 30);
    EXPECT_TRUE(store->thresholdHistory(ben).changes().empty());
    EXPECT_EQ(store->metricSettings(anna), MetricSettings{});
    EXPECT_EQ(store->pmc(anna, kDay, kDay)[0].ctl, computePmc({{kDay, 100}}, kDay, kDay, PmcSettings{})[0].ctl);
    EXPECT_EQ(store->pmc(ben, kDay, kDay)[0].ctl, computePmc({{kDay, 30}}, kDay, kDay, s.pmc)[0].ctl);
}

TEST_F(Athletes, DocumentsAreKeptPerAthleteAcrossReopensAndGoWithTheAthlete)
{
    const AthleteId anna = newAthlete(QStringLiteral("Anna"));
    const AthleteId ben = newAthlete(QStringLiteral("Ben"));
    EXPECT_FALSE(store->document(anna, QStringLiteral("coach")));
    const QJsonObject race{{QStringLiteral("distance"), QStringLiteral("70.3")}, {QStringLiteral("hours"), 9.5}};
    ASSERT_TRUE(store->setDocument(anna, QStringLiteral("coach"), race));
    reopen();
    ASSERT_TRUE(store->document(anna, QStringLiteral("coach")));
    EXPECT_EQ(*store->document(anna, QStringLiteral("coach")), race);
    EXPECT_FALSE(store->document(ben, QStringLiteral("coach"))); // never mixes
    EXPECT_FALSE(store->document(anna, QStringLiteral("other")));
    // Replacing keeps one document.
    const QJsonObject changed{{QStringLiteral("distance"), QStringLiteral("full")}};
    ASSERT_TRUE(store->setDocument(anna, QStringLiteral("coach"), changed));
    EXPECT_EQ(*store->document(anna, QStringLiteral("coach")), changed);
    // An unknown athlete is an error, not a silent insert.
    const auto unknown = store->setDocument(9999, QStringLiteral("coach"), race);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, QStringLiteral("store.not-found"));
    ASSERT_TRUE(store->removeAthlete(anna));
    const AthleteId again = newAthlete(QStringLiteral("Anna"));
    EXPECT_FALSE(store->document(again, QStringLiteral("coach")));
}
