// Two recordings of one session from two files: the more complete one is kept, with what the athlete edited.
#include "tests/unit/core/store/storetestsupport.h"

#include <QLocale>

using namespace tricoach;
using namespace tricoach::test;

namespace {

class SameSession : public StoreTest {
protected:
    void SetUp() override
    {
        StoreTest::SetUp();
        anna = newAthlete(QStringLiteral("Anna"));
    }
    AthleteId anna = 0;
};

const QDate kDay(2024, 7, 14);

// `seconds` samples at 1 Hz, recording `channels` (made-up but plausible values).
Streams recordedAt1Hz(int seconds, std::initializer_list<Channel> channels)
{
    Streams s;
    for (int i = 0; i < seconds; ++i)
        s.time.push_back(i);
    for (Channel c : channels) {
        std::vector<double>& series = s.channels[c];
        for (int i = 0; i < seconds; ++i)
            series.push_back(c == Channel::Distance ? i * 3.0 : 100.0 + i % 50);
    }
    return s;
}

TEST_F(SameSession, AMoreCompleteRecordingOfASessionReplacesTheStoredOneKeepingEdits)
{
    // A copy cut short after 20 minutes (its summary, written first, still says an hour), then the whole hour.
    Activity cut = makeActivity(anna, kDay, Sport::Run);
    cut.source = ActivitySource::File;
    cut.contentHash = QStringLiteral("cut");
    cut.title.clear(); // a FIT or TCX file names nothing
    cut.streams = recordedAt1Hz(1200, {Channel::HeartRate, Channel::Distance});
    cut.distanceM = 3600;
    const auto first = store->addActivity(cut);
    ASSERT_TRUE(first.ok());
    Activity edited = *store->activity(first->id, false);
    edited.title = QStringLiteral("Tempo by the river");
    edited.notes = QStringLiteral("felt strong");
    edited.rpe = 8;
    edited.userLoad = 77;
    ASSERT_TRUE(store->updateActivity(edited));

    Activity whole = cut;
    whole.contentHash = QStringLiteral("whole");
    whole.startUtc = cut.startUtc.addSecs(2); // another export rounds the start differently
    whole.streams = recordedAt1Hz(3600, {Channel::HeartRate, Channel::Distance});
    whole.distanceM = 10800;
    whole.laps = {Lap{0, 3600, 3600, 10800, {}, {}, {}, {}, {}, {}}};
    const auto second = store->addActivity(whole);
    ASSERT_TRUE(second.ok());
    EXPECT_TRUE(second->replaced);
    EXPECT_FALSE(second->duplicate);
    EXPECT_EQ(second->id, first->id);
    EXPECT_EQ(store->activityCount(anna), 1);

    const Activity stored = *store->activity(first->id);
    EXPECT_EQ(stored.streams, whole.streams);
    EXPECT_EQ(stored.laps, whole.laps);
    EXPECT_EQ(stored.distanceM, 10800);
    EXPECT_EQ(stored.startUtc, whole.startUtc);
    EXPECT_EQ(stored.contentHash, QLatin1String("whole"));
    EXPECT_EQ(stored.title, QLatin1String("Tempo by the river"));
    EXPECT_EQ(stored.notes, QLatin1String("felt strong"));
    EXPECT_EQ(stored.rpe, 8);
    EXPECT_EQ(stored.userLoad, 77);
    EXPECT_EQ(stored.load, 77); // the athlete's load still wins
    EXPECT_EQ(store->dailyLoads(anna, kDay, kDay).front().load, 77);

    // The cut copy again, under other bytes: the stored recording is the more complete, so it stays.
    Activity cutAgain = cut;
    cutAgain.contentHash = QStringLiteral("cut-again");
    const auto third = store->addActivity(cutAgain);
    EXPECT_TRUE(third->duplicate);
    EXPECT_FALSE(third->replaced);
    EXPECT_EQ(store->activity(first->id)->streams.size(), 3600U);

    // As long, but with power besides heart rate: more recorded values, so more complete; the athlete's title
    // stays.
    Activity richer = whole;
    richer.contentHash = QStringLiteral("richer");
    richer.streams = recordedAt1Hz(3600, {Channel::HeartRate, Channel::Distance, Channel::Power});
    EXPECT_TRUE(store->addActivity(richer)->replaced);
    EXPECT_TRUE(store->activity(first->id)->streams.has(Channel::Power));
    EXPECT_EQ(store->activity(first->id, false)->title, QLatin1String("Tempo by the river"));

    // A minute and more longer beats more values: the richer recording stopped early.
    Activity longer = whole;
    longer.contentHash = QStringLiteral("longer");
    longer.streams = recordedAt1Hz(3600 + 61, {Channel::Distance});
    EXPECT_TRUE(store->addActivity(longer)->replaced);
    Activity richButShort = richer;
    richButShort.contentHash = QStringLiteral("rich-short");
    EXPECT_TRUE(store->addActivity(richButShort)->duplicate);
    EXPECT_EQ(store->activity(first->id)->streams.size(), 3661U);
    EXPECT_EQ(store->activityCount(anna), 1);
}

TEST_F(SameSession, AReplacementTakesTheFilesTitleAndNotesWhenTheAthleteWroteNone)
{
    Activity cut = makeActivity(anna, kDay, Sport::Hike);
    cut.source = ActivitySource::File;
    cut.contentHash = QStringLiteral("cut");
    cut.title.clear(); // the cut copy lost the name at its end
    cut.streams = recordedAt1Hz(600, {Channel::Altitude});
    const auto first = store->addActivity(cut);
    Activity whole = cut;
    whole.contentHash = QStringLiteral("whole");
    whole.title = QStringLiteral("Ridge walk");
    whole.notes = QStringLiteral("From the device");
    whole.streams = recordedAt1Hz(3600, {Channel::Altitude});
    ASSERT_TRUE(store->addActivity(whole)->replaced);
    const Activity stored = *store->activity(first->id, false);
    EXPECT_EQ(stored.title, QLatin1String("Ridge walk"));
    EXPECT_EQ(stored.notes, QLatin1String("From the device"));
    EXPECT_FALSE(stored.rpe.has_value());
    EXPECT_FALSE(stored.userLoad.has_value());
    EXPECT_NE(stored.loadSource, LoadSource::User);
}

TEST_F(SameSession, AFileReplacesStravasCopyEvenWhenShorter)
{
    // The device's own file wins over Strava's copy of the session (issue 11), whatever their lengths; the stored id
    // and Strava's id stay, so the sync still finds the activity and leaves the file's recording alone.
    Activity strava = makeActivity(anna, kDay, Sport::Bike);
    strava.source = ActivitySource::Strava;
    strava.externalId = 4242;
    strava.streams = recordedAt1Hz(3600, {Channel::Power});
    const auto first = store->addActivity(strava);
    Activity file = strava;
    file.source = ActivitySource::File;
    file.externalId.reset();
    file.contentHash = QStringLiteral("file");
    file.streams = recordedAt1Hz(600, {Channel::Power});
    const auto second = store->addActivity(file);
    ASSERT_TRUE(second.ok());
    EXPECT_TRUE(second->replaced);
    EXPECT_EQ(second->id, first->id);
    EXPECT_EQ(store->activity(first->id)->streams.size(), 600U);
    EXPECT_EQ(store->activity(first->id, false)->source, ActivitySource::File);
    EXPECT_EQ(store->activity(first->id, false)->externalId, std::optional<std::int64_t>(4242));
}

// A device's FIT swim against its TCX export: the export may carry more values (a position on every point), but it
// lost the pool lengths and says Other; the recording with the lengths and the sport stays, whichever came first.
TEST_F(SameSession, PoolLengthsAndANamedSportOutweighMoreValues)
{
    Activity fit = makeActivity(anna, kDay, Sport::Swim);
    fit.source = ActivitySource::File;
    fit.contentHash = QStringLiteral("fit");
    fit.streams = recordedAt1Hz(1800, {Channel::HeartRate});
    for (int i = 0; i < 60; ++i)
        fit.lengths.push_back(PoolLength{i * 30.0, 28.0, true, 14, QStringLiteral("freestyle")});
    Activity tcx = fit;
    tcx.contentHash = QStringLiteral("tcx");
    tcx.sport = Sport::Other;
    tcx.lengths.clear();
    tcx.streams = recordedAt1Hz(1800, {Channel::HeartRate, Channel::Latitude, Channel::Longitude});

    const auto first = store->addActivity(fit);
    ASSERT_TRUE(first.ok());
    EXPECT_TRUE(store->addActivity(tcx)->duplicate);
    EXPECT_EQ(store->activity(first->id)->lengths.size(), 60U);

    // The other order: the export first, then the FIT replaces it.
    const AthleteId ben = newAthlete(QStringLiteral("Ben"));
    tcx.athleteId = fit.athleteId = ben;
    const auto exported = store->addActivity(tcx);
    ASSERT_TRUE(exported.ok());
    EXPECT_TRUE(store->addActivity(fit)->replaced);
    const Activity kept = *store->activity(exported->id);
    EXPECT_EQ(kept.sport, Sport::Swim);
    EXPECT_EQ(kept.lengths.size(), 60U);
}

} // namespace

// A file without a title gets one from its sport and start ("Hike – 14 Jul 2024 07:00", core/model/
// activitytitle.h). That title is no edit of the athlete's: a replacement that names the session brings its name,
// even when the athlete changed the sport since; a title the athlete typed stays.
TEST_F(SameSession, AGeneratedTitleIsNoEdit)
{
    Activity cut = makeActivity(anna, kDay, Sport::Hike);
    cut.source = ActivitySource::File;
    cut.contentHash = QStringLiteral("cut");
    cut.title = QStringLiteral("Hike – %1 %2")
                    .arg(QLocale::c().toString(kDay, QStringLiteral("d MMM yyyy")),
                         cut.startUtc.addSecs(cut.utcOffsetSec).toString(u"HH:mm"));
    cut.streams = recordedAt1Hz(600, {Channel::Altitude});
    const auto first = store->addActivity(cut);
    ASSERT_TRUE(first.ok());
    Activity whole = cut;
    whole.contentHash = QStringLiteral("whole");
    whole.title = QStringLiteral("Ridge walk");
    whole.streams = recordedAt1Hz(3600, {Channel::Altitude});
    ASSERT_TRUE(store->addActivity(whole)->replaced);
    EXPECT_EQ(store->activity(first->id, false)->title, QLatin1String("Ridge walk"));

    // The athlete's own title stays.
    Activity mine = *store->activity(first->id, false);
    mine.title = QStringLiteral("With Jo");
    ASSERT_TRUE(store->updateActivity(mine));
    Activity longer = whole;
    longer.contentHash = QStringLiteral("longer");
    longer.streams = recordedAt1Hz(5400, {Channel::Altitude});
    ASSERT_TRUE(store->addActivity(longer)->replaced);
    EXPECT_EQ(store->activity(first->id, false)->title, QLatin1String("With Jo"));
}
