// Sessions: the legs of a multisport file (real triathlon and multisport recordings) come back together, in race
// order, whatever order the store lists them in and whatever else lies around them.
#include "core/io/formatregistry.h"
#include "core/model/session.h"
#include "core/util/datetime.h"

#include <QFile>

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <random>

using namespace tricoach;

namespace {

std::vector<Activity> decodeCorpus(const QString& rel)
{
    QFile f(QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/") + rel);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << rel.toStdString();
    const FormatRegistry formats;
    DecodedFile d = formats.decode(rel, f.readAll());
    EXPECT_FALSE(d.activities.empty()) << rel.toStdString();
    // As the store hands them out: ids, an athlete, summaries.
    ActivityId id = 100;
    for (Activity& a : d.activities) {
        a.id = id++;
        a.athleteId = 1;
        a.load = 10.0 + static_cast<double>(a.id % 7);
        a.streams = {};
    }
    return d.activities;
}

Activity plain(ActivityId id, const QDate& day, Sport sport, const QString& title = {})
{
    Activity a;
    a.id = id;
    a.athleteId = 1;
    a.sport = sport;
    a.title = title;
    a.startUtc = utcDateTime(day, QTime(18, 0));
    a.movingSec = a.elapsedSec = 3600;
    a.load = 50;
    return a;
}

class TriathlonFiles : public ::testing::TestWithParam<const char*> {};

TEST_P(TriathlonFiles, FiveLegsBecomeOneTriathlonWithT1AndT2)
{
    const std::vector<Activity> legs = decodeCorpus(QString::fromLatin1(GetParam()));
    ASSERT_EQ(legs.size(), 5u);
    // The store lists by start time and other training lies around the race: shuffle and surround the legs.
    std::vector<Activity> listed = legs;
    const QDate day = legs.front().localDate();
    listed.push_back(plain(1, day.addDays(-1), Sport::Run, QStringLiteral("Shakeout")));
    listed.push_back(plain(2, day, Sport::Bike, QStringLiteral("Spin after")));
    listed.push_back(plain(3, day.addDays(2), Sport::Swim));
    std::mt19937 random(7);
    std::shuffle(listed.begin(), listed.end(), random);

    const std::vector<TrainingSession> sessions = groupSessions(listed);
    ASSERT_EQ(sessions.size(), 4u); // the race and the three others
    for (std::size_t i = 1; i < sessions.size(); ++i)
        EXPECT_LE(sessions[i - 1].startUtc(), sessions[i].startUtc());
    const auto race = std::find_if(sessions.begin(), sessions.end(), [](const auto& s) { return s.isMultisport(); });
    ASSERT_NE(race, sessions.end());
    EXPECT_EQ(race->kind, SessionKind::Triathlon);
    EXPECT_EQ(sessionKindId(race->kind), QStringLiteral("Triathlon"));
    EXPECT_EQ(race->key, legs.front().multisportKey);
    ASSERT_EQ(race->legs.size(), 5u);
    const Sport order[] = {Sport::Swim, Sport::Transition, Sport::Bike, Sport::Transition, Sport::Run};
    for (std::size_t i = 0; i < 5; ++i) {
        EXPECT_EQ(race->legs[i].sport, order[i]) << i;
        EXPECT_EQ(race->legs[i].id, legs[i].id) << i; // the file's own order
    }
    EXPECT_EQ(race->transitionNumber(0), 0);
    EXPECT_EQ(race->transitionNumber(1), 1);
    EXPECT_EQ(race->transitionNumber(2), 0);
    EXPECT_EQ(race->transitionNumber(3), 2);
    EXPECT_EQ(race->transitionNumber(4), 0);

    // Totals, against sums written out here: time includes the transitions, distance leaves them out.
    const double time = legs[0].durationSec() + legs[1].durationSec() + legs[2].durationSec() + legs[3].durationSec() +
                        legs[4].durationSec();
    EXPECT_NEAR(race->durationSec(), time, 1e-9);
    EXPECT_NEAR(race->transitionSec(), legs[1].durationSec() + legs[3].durationSec(), 1e-9);
    EXPECT_NEAR(race->load(), legs[0].load + legs[1].load + legs[2].load + legs[3].load + legs[4].load, 1e-9);
    double moving = 0;
    for (int i : {0, 2, 4})
        moving += legs[static_cast<std::size_t>(i)].distanceM.value_or(0);
    ASSERT_TRUE(race->distanceM());
    EXPECT_NEAR(*race->distanceM(), moving, 1e-6);
    // A race's legs follow each other: the time added up is the race clock, from the swim start to the finish.
    const double clock = static_cast<double>(legs[0].startUtc.secsTo(legs[4].startUtc)) + legs[4].elapsedSec;
    EXPECT_NEAR(race->durationSec(), clock, clock * 0.02);

    EXPECT_TRUE(race->matches(Sport::Swim, {}));
    EXPECT_TRUE(race->matches(Sport::Transition, {}));
    EXPECT_FALSE(race->matches(Sport::Strength, {}));
}

INSTANTIATE_TEST_SUITE_P(Corpus, TriathlonFiles,
                         ::testing::Values("fit/triathlon-garmin-fr920xt-chained.fit",
                                           "fit/triathlon-garmin-fr255-summary-first.fit"));

TEST(Sessions, LegsWithoutASwimBikeRunAreMultisport)
{
    const std::vector<Activity> legs = decodeCorpus(QStringLiteral("fit/multisport-garmin-fr945-bike-trailrun.fit"));
    ASSERT_EQ(legs.size(), 2u);
    const auto sessions = groupSessions(legs);
    ASSERT_EQ(sessions.size(), 1u);
    EXPECT_EQ(sessions[0].kind, SessionKind::Multisport);
    EXPECT_EQ(sessionKindId(sessions[0].kind), QStringLiteral("Multisport"));
    ASSERT_EQ(sessions[0].legs.size(), 2u);
    EXPECT_EQ(sessions[0].legs[0].sport, Sport::Bike);
    EXPECT_EQ(sessions[0].legs[1].sport, Sport::Run);
    EXPECT_EQ(sessions[0].transitionNumber(0), 0);
    EXPECT_EQ(sessions[0].transitionNumber(1), 0);
}

TEST(Sessions, AMultisportWrapperAroundDaysApartIsNoRace)
{
    // Garmin's Communicator plug-in wrapped four workouts of a week (29 Nov, 1, 4 and 7 Dec 2011) in one
    // <MultiSportSession>: they share a key but no race lasts a week.
    const std::vector<Activity> legs = decodeCorpus(QStringLiteral("tcx/multisport-garmin-fr305-multi-activity.tcx"));
    ASSERT_EQ(legs.size(), 4u);
    EXPECT_FALSE(legs[0].multisportKey.isEmpty());
    const auto sessions = groupSessions(legs);
    ASSERT_EQ(sessions.size(), 4u);
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        EXPECT_FALSE(sessions[i].isMultisport()) << i;
        EXPECT_EQ(sessions[i].first().id, legs[i].id) << i;
    }
}

TEST(Sessions, KindFollowsTheMovingLegsInOrder)
{
    const QDate day(2024, 6, 1);
    auto legs = [&](std::initializer_list<Sport> sports) {
        std::vector<Activity> out;
        for (Sport s : sports)
            out.push_back(plain(static_cast<ActivityId>(out.size() + 1), day, s));
        return out;
    };
    EXPECT_EQ(multisportKind(legs({Sport::Swim, Sport::Bike, Sport::Run})), SessionKind::Triathlon);
    EXPECT_EQ(multisportKind(legs({Sport::Swim, Sport::Transition, Sport::Bike, Sport::Transition, Sport::Run})),
              SessionKind::Triathlon);
    EXPECT_EQ(multisportKind(legs({Sport::Run, Sport::Bike, Sport::Run})), SessionKind::Multisport);
    EXPECT_EQ(multisportKind(legs({Sport::Bike, Sport::Swim, Sport::Run})), SessionKind::Multisport);
    EXPECT_EQ(multisportKind(legs({Sport::Swim})), SessionKind::Single);
}

TEST(Sessions, OneKeyIsGroupedPerAthleteAndPerEvent)
{
    std::vector<Activity> legs = decodeCorpus(QStringLiteral("fit/triathlon-garmin-fr920xt-chained.fit"));
    // The same file imported by another athlete: two races, one each.
    std::vector<Activity> both = legs;
    for (Activity a : legs) {
        a.athleteId = 2;
        a.id += 1000;
        both.push_back(a);
    }
    auto sessions = groupSessions(both);
    ASSERT_EQ(sessions.size(), 2u);
    EXPECT_EQ(sessions[0].legs.size(), 5u);
    EXPECT_EQ(sessions[1].legs.size(), 5u);
    EXPECT_NE(sessions[0].first().athleteId, sessions[1].first().athleteId);

    // A key reused days later (a device that names files by a reset clock) is another event, not ten legs.
    std::vector<Activity> twice = legs;
    for (Activity a : legs) {
        a.id += 2000;
        a.startUtc = a.startUtc.addDays(3);
        twice.push_back(a);
    }
    sessions = groupSessions(twice);
    ASSERT_EQ(sessions.size(), 2u);
    EXPECT_EQ(sessions[0].legs.size(), 5u);
    EXPECT_EQ(sessions[1].legs.size(), 5u);
    EXPECT_EQ(sessions[1].kind, SessionKind::Triathlon);
}

TEST(Sessions, ALegLeftAloneIsAnOrdinaryActivity)
{
    std::vector<Activity> legs = decodeCorpus(QStringLiteral("fit/triathlon-garmin-fr920xt-chained.fit"));
    const std::vector<Activity> run{legs.back()};
    const auto sessions = groupSessions(run);
    ASSERT_EQ(sessions.size(), 1u);
    EXPECT_FALSE(sessions[0].isMultisport());
    EXPECT_TRUE(sessions[0].key.isEmpty());
    EXPECT_EQ(sessions[0].first().id, legs.back().id);
}

TEST(Sessions, TitleAndTextSearchLookAtEveryLeg)
{
    std::vector<Activity> legs = decodeCorpus(QStringLiteral("fit/triathlon-garmin-fr920xt-chained.fit"));
    for (Activity& a : legs)
        a.title = QStringLiteral("Lake race");
    legs[2].notes = QStringLiteral("Flat tyre at km 30");
    auto sessions = groupSessions(legs);
    ASSERT_EQ(sessions.size(), 1u);
    EXPECT_EQ(sessions[0].title(), QStringLiteral("Lake race"));
    EXPECT_TRUE(sessions[0].matches(std::nullopt, QStringLiteral("flat TYRE")));
    EXPECT_TRUE(sessions[0].matches(Sport::Bike, QStringLiteral("lake")));
    EXPECT_FALSE(sessions[0].matches(Sport::Bike, QStringLiteral("puncture")));
    legs[4].title = QStringLiteral("Run");
    sessions = groupSessions(legs);
    EXPECT_TRUE(sessions[0].title().isEmpty()); // titles differ: the session has none of its own
}

TEST(Sessions, NothingInNothingOut)
{
    EXPECT_TRUE(groupSessions({}).empty());
    EXPECT_TRUE(joinLegStreams({}).empty());
}

TEST(Sessions, TheLegsRecordingsJoinOnTheRaceClock)
{
    QFile f(QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/fit/triathlon-garmin-fr920xt-chained.fit"));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const std::vector<Activity> legs = FormatRegistry().decode(f.fileName(), f.readAll()).activities;
    ASSERT_EQ(legs.size(), 5u);
    const Streams joined = joinLegStreams(legs);
    std::size_t samples = 0;
    for (const Activity& leg : legs)
        samples += leg.streams.size();
    ASSERT_GT(samples, 0u);
    EXPECT_LE(joined.size(), samples);
    EXPECT_GE(joined.size(), samples * 95 / 100); // legs follow each other: next to nothing overlaps
    for (const auto& [channel, values] : joined.channels)
        EXPECT_EQ(values.size(), joined.size()) << static_cast<int>(channel);
    for (std::size_t i = 1; i < joined.size(); ++i)
        ASSERT_GT(joined.time[i], joined.time[i - 1]) << i;
    // The run's last heart rate is the race's last, at the run's start plus its own last time.
    const Activity& run = legs.back();
    ASSERT_TRUE(run.streams.has(Channel::HeartRate));
    const double runStart = static_cast<double>(legs.front().startUtc.secsTo(run.startUtc));
    EXPECT_NEAR(joined.time.back(), runStart + run.streams.time.back(), 1.0);
    const std::vector<double>* runHr = run.streams.get(Channel::HeartRate);
    const std::vector<double>* joinedHr = joined.get(Channel::HeartRate);
    ASSERT_TRUE(runHr && joinedHr && !runHr->empty() && !joinedHr->empty());
    const double last = runHr->back();
    const double joinedLast = joinedHr->back();
    EXPECT_TRUE((std::isnan(last) && std::isnan(joinedLast)) || last == joinedLast);
}

} // namespace
