// The sync against the emulator: the store ends with exactly Strava's activities (no loss, no duplicate, 64-bit ids
// intact) in the number of requests Strava's limits reward, through faults, rate limits, edits and deletions.
#include "core/strava/errors.h"
#include "core/util/datetime.h"
#include "tests/integration/strava/stravatestsupport.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <map>
#include <set>

using namespace tricoach;
using namespace tricoach::test;

namespace {

// Strava's truth for an athlete as the sync may see it: every activity (private ones only with read_all).
std::map<qint64, QJsonObject> truth(const fakes::FakeStrava& strava, qint64 athlete, bool withPrivate = true)
{
    std::map<qint64, QJsonObject> out;
    for (const QJsonObject& a : strava.activities(athlete)) {
        const bool isPrivate = a.value(QStringLiteral("private")).toBool() ||
                               a.value(QStringLiteral("visibility")).toString() == QLatin1String("only_me");
        if (withPrivate || !isPrivate)
            out.emplace(a.value(QStringLiteral("id")).toInteger(), a);
    }
    return out;
}

// What the store holds from Strava: every linked id, checked to be linked once.
std::set<qint64> linkedIds(const ActivityStore& store, AthleteId athlete)
{
    std::set<qint64> ids;
    for (const StravaEntry& e : store.stravaEntries(athlete))
        EXPECT_TRUE(ids.insert(e.link.stravaId).second) << "linked twice: " << e.link.stravaId;
    return ids;
}

std::set<qint64> keys(const std::map<qint64, QJsonObject>& m)
{
    std::set<qint64> out;
    for (const auto& [id, json] : m)
        out.insert(id);
    return out;
}

int listPages(int n)
{
    return (n + 199) / 200 + 1; // ceil(N/200) pages with activities, then the empty one
}

} // namespace

class StravaSync : public StravaTest {};

TEST_F(StravaSync, TheFirstSyncBackFillsTheWholeHistoryInCeilNOver200PlusOneListCalls)
{
    // 450: two full pages and a partial one (the benchmark syncs 1,000 and 5,000).
    strava.seed(kAnna, 450, 11);
    connect(athlete, kAnna);
    const auto expected = truth(strava, kAnna);
    strava::SyncOptions options;
    options.waitForRateLimit = true;
    auto summary = account().sync(options);
    ASSERT_TRUE(summary.ok()) << summary.error().message.toStdString();
    EXPECT_EQ(strava.counters().listCalls, listPages(450));
    EXPECT_EQ(summary->listCalls, listPages(450));
    EXPECT_EQ(linkedIds(*store, athlete), keys(expected));
    EXPECT_EQ(store->activityCount(athlete), static_cast<int>(expected.size()));
    EXPECT_EQ(summary->added, static_cast<int>(expected.size()));
    // Ids beyond 2^32 arrive exactly; every activity is marked as Strava's, which never leaves the machine.
    for (const Activity& a : store->activities(athlete)) {
        EXPECT_EQ(a.source, ActivitySource::Strava);
        EXPECT_FALSE(mayLeaveThisMachine(a));
        ASSERT_TRUE(a.externalId.has_value());
        EXPECT_GT(*a.externalId, 1LL << 32);
        EXPECT_EQ(expected.count(*a.externalId), 1u);
    }
    EXPECT_EQ(strava.counters().tooManyRequests, 0);
}

TEST_F(StravaSync, ASyncWithinTheHourAsksNothingAndALaterOneAsksForTheNewestOnly)
{
    strava.seed(kAnna, 150, 12);
    connect(athlete, kAnna);
    strava::SyncOptions options;
    options.waitForRateLimit = true;
    ASSERT_TRUE(account().sync(options).ok());
    const int before = static_cast<int>(strava.requests().size());
    auto again = account().sync(options);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->fromCache);
    EXPECT_EQ(static_cast<int>(strava.requests().size()), before);

    // An hour later, one new activity: a normal sync lists with `after` in at most two calls.
    strava.setVirtualNow(strava.virtualNow().addSecs(3700));
    const qint64 fresh = strava.addActivity(kAnna);
    strava::SyncOptions later = options;
    later.freshForSec = 0;
    const int listsBefore = strava.counters().listCalls;
    auto next = account().sync(later);
    ASSERT_TRUE(next.ok()) << next.error().message.toStdString();
    EXPECT_LE(strava.counters().listCalls - listsBefore, 2);
    EXPECT_EQ(next->added, 1);
    EXPECT_EQ(linkedIds(*store, athlete).count(fresh), 1u);
    bool usedAfter = false;
    for (const auto& r : strava.requests())
        usedAfter |= r.path == QLatin1String("/athlete/activities") && r.query.contains(QLatin1String("after="));
    EXPECT_TRUE(usedAfter);
}

TEST_F(StravaSync, ForceAppliesEditsAndRemovesWhatWasDeletedOnStrava)
{
    strava.seed(kAnna, 250, 13);
    connect(athlete, kAnna);
    strava::SyncOptions options;
    options.waitForRateLimit = true;
    ASSERT_TRUE(account().sync(options).ok());
    const QList<QJsonObject> all = strava.activities(kAnna);
    const qint64 renamed = all[3].value(QStringLiteral("id")).toInteger();
    const qint64 old = all[240].value(QStringLiteral("id")).toInteger(); // far older than any `after` margin
    const qint64 deleted = all[120].value(QStringLiteral("id")).toInteger();
    ASSERT_TRUE(strava.editActivity(renamed, {{QStringLiteral("name"), QStringLiteral("Renamed on Strava")}}));
    ASSERT_TRUE(strava.editActivity(old, {{QStringLiteral("sport_type"), QStringLiteral("GravelRide")},
                                          {QStringLiteral("name"), QStringLiteral("Old gravel")}}));
    ASSERT_TRUE(strava.deleteActivity(deleted));

    strava::SyncOptions force = options;
    force.force = true;
    const int listsBefore = strava.counters().listCalls;
    auto summary = account().sync(force);
    ASSERT_TRUE(summary.ok()) << summary.error().message.toStdString();
    EXPECT_EQ(strava.counters().listCalls - listsBefore, listPages(249));
    EXPECT_EQ(summary->deleted, 1);
    EXPECT_GE(summary->updated, 2);
    EXPECT_EQ(linkedIds(*store, athlete), keys(truth(strava, kAnna)));
    for (const Activity& a : store->activities(athlete)) {
        if (a.externalId == renamed) {
            EXPECT_EQ(a.title, QStringLiteral("Renamed on Strava"));
        }
        if (a.externalId == old) {
            EXPECT_EQ(a.title, QStringLiteral("Old gravel"));
            EXPECT_EQ(a.sport, Sport::Bike);
            EXPECT_EQ(a.subSport, QStringLiteral("GravelRide"));
        }
        EXPECT_NE(a.externalId, std::optional<std::int64_t>(deleted));
    }
}

TEST_F(StravaSync, RecordingsArriveNewestFirstAndMoveTheLoadToItsRealSource)
{
    strava.seed(kAnna, 40, 14);
    connect(athlete, kAnna);
    ThresholdChange t;
    t.effectiveFrom = QDate(2000, 1, 1);
    t.values.lthrRun = 168;
    t.values.lthrBike = 160;
    t.values.maxHr = 190;
    t.values.restingHr = 50;
    t.values.ftpWatts = 250;
    ASSERT_TRUE(store->setThresholds(athlete, t).ok());
    strava::SyncOptions options;
    options.waitForRateLimit = true;
    auto summary = account().sync(options);
    ASSERT_TRUE(summary.ok()) << summary.error().message.toStdString();
    EXPECT_TRUE(summary->complete);
    EXPECT_EQ(summary->streamsLeft, 0);
    // Stream calls in newest-first order.
    QDateTime previous;
    std::map<qint64, QDateTime> starts;
    for (const Activity& a : store->activities(athlete))
        starts[*a.externalId] = a.startUtc;
    for (const auto& r : strava.requests()) {
        if (!r.path.endsWith(QLatin1String("/streams")))
            continue;
        const qint64 id = r.path.section(QLatin1Char('/'), 2, 2).toLongLong();
        ASSERT_TRUE(starts.count(id)) << r.path.toStdString();
        if (previous.isValid()) {
            EXPECT_LE(starts[id], previous);
        }
        previous = starts[id];
    }
    int recorded = 0;
    for (const StravaEntry& e : store->stravaEntries(athlete)) {
        const Activity a = *store->activity(e.activityId);
        if (e.link.manual) {
            EXPECT_TRUE(a.streams.empty()); // a manual entry has no recording: never zeros
            EXPECT_EQ(e.link.streams, StravaStreams::None);
            continue;
        }
        EXPECT_EQ(e.link.streams, StravaStreams::Stored);
        ASSERT_FALSE(a.streams.empty());
        ++recorded;
        // The recording agrees with the summary Strava listed: its time span and, when there is one, the distance.
        EXPECT_NEAR(a.streams.time.back() - a.streams.time.front(), a.elapsedSec, a.elapsedSec * 0.02 + 2);
        if (const auto* d = a.streams.get(Channel::Distance); d && a.distanceM) {
            double last = kMissing;
            for (double v : *d) {
                if (!isMissing(v))
                    last = v;
            }
            EXPECT_NEAR(last, *a.distanceM, 2.0);
        }
        if (a.avgHr && a.sport == Sport::Run) {
            EXPECT_NE(a.loadSource, LoadSource::Estimate) << a.title.toStdString();
        }
    }
    EXPECT_GT(recorded, 20);
}

TEST_F(StravaSync, FaultsOnEveryKindOfCallStillEndWithExactlyStravasActivities)
{
    strava.seed(kAnna, 250, 15);
    connect(athlete, kAnna);
    qputenv("TRICOACH_STRAVA_TIME_SCALE", "600"); // back-off waits pass quickly
    strava.setTimeScale(600);
    strava.setRandomFaults(0.15, 99);
    strava::SyncOptions options;
    options.waitForRateLimit = true;
    // A run may still give up when Strava keeps failing; each later run goes on from where it stopped.
    for (int run = 0; run < 10; ++run) {
        auto summary = account().sync(options);
        if (summary.ok() && summary->complete)
            break;
        if (!summary.ok()) {
            EXPECT_EQ(summary.error().code, strava::code::kUnavailable) << summary.error().message.toStdString();
        }
        options.freshForSec = 0;
    }
    strava.clearFaults();
    options.force = true;
    auto last = account().sync(options);
    ASSERT_TRUE(last.ok()) << last.error().message.toStdString();
    EXPECT_EQ(linkedIds(*store, athlete), keys(truth(strava, kAnna)));
    EXPECT_EQ(store->activityCount(athlete), static_cast<int>(truth(strava, kAnna).size()));
    EXPECT_EQ(strava.counters().tooManyRequests, 0);
}

TEST_F(StravaSync, RateLimitsAreRespectedWithoutA429AndAStoppedSyncResumesThere)
{
    strava.seed(kAnna, 100, 16);
    connect(athlete, kAnna);
    // 30 reads a quarter hour, 60 a day: with max(2, a tenth) and max(10, a tenth) kept back, 27 and 50. Two virtual
    // hours pass each real second.
    strava.setRateLimits(60, 120, 30, 60);
    // The run starts just after UTC midnight, so the day's budget (not a new day's) is what stops it however slow
    // the build (a sanitized one included): a virtual day is twelve real seconds.
    const QDateTime now = strava.virtualNow().toUTC();
    strava.setVirtualNow(utcDateTime(now.date().addDays(1), QTime(0, 0, 30)));
    qputenv("TRICOACH_STRAVA_TIME_SCALE", "7200");
    strava.setTimeScale(7200);
    // Without waiting: the run stops when the day's budget is spent and says when it resumes.
    auto first = account().sync({});
    ASSERT_TRUE(first.ok()) << first.error().message.toStdString();
    EXPECT_TRUE(first->resumeAt.isValid());
    EXPECT_FALSE(first->complete);
    EXPECT_GT(first->streamsLeft, 0);
    EXPECT_TRUE(first->text().contains(QStringLiteral("resumes at")));
    EXPECT_LE(first->requests, 50); // ten of the day's calls left for the desktop's others
    EXPECT_EQ(account().status().resumeAt, first->resumeAt);
    // A run before that time asks nothing.
    const int before = static_cast<int>(strava.requests().size());
    auto early = account().sync({});

    ASSERT_TRUE(early.ok());
    if (strava.virtualNow() < first->resumeAt) {
        EXPECT_EQ(static_cast<int>(strava.requests().size()), before);
        EXPECT_TRUE(early->resumeAt.isValid());
    }
    // Waiting through the windows, the next run finishes with every recording and never a 429.
    strava::SyncOptions wait;
    wait.waitForRateLimit = true;
    auto rest = account().sync(wait);
    ASSERT_TRUE(rest.ok()) << rest.error().message.toStdString();
    EXPECT_TRUE(rest->complete);
    EXPECT_EQ(rest->streamsLeft, 0);
    EXPECT_EQ(strava.counters().tooManyRequests, 0);
    EXPECT_EQ(linkedIds(*store, athlete), keys(truth(strava, kAnna)));
    // Over both runs, no quarter hour and no UTC day asked more than its budget less the tenth kept back.
    std::map<qint64, int> perQuarter;
    std::map<QDate, int> perDay;
    for (const auto& r : strava.requests()) {
        // As the emulator counts: every API call, also one refused for the expired token the jump to midnight left
        // behind; the token endpoint is not part of the API.
        if (r.path.startsWith(QLatin1String("/oauth")))
            continue;
        ++perQuarter[r.at.toSecsSinceEpoch() / 900];
        ++perDay[r.at.toUTC().date()];
    }
    for (const auto& [quarter, n] : perQuarter)
        EXPECT_LE(n, 27) << "quarter hour " << quarter;
    for (const auto& [day, n] : perDay)
        EXPECT_LE(n, 50) << day.toString(Qt::ISODate).toStdString();
    EXPECT_GE(perDay.size(), 2u); // the back-fill needed a second day
}

TEST_F(StravaSync, TokensAreRefreshedAndTheNewPairIsStoredBeforeItIsUsed)
{
    strava.seed(kAnna, 50, 17);
    connect(athlete, kAnna);
    // Seven virtual hours pass: the six-hour token has expired.
    strava.setVirtualNow(strava.virtualNow().addSecs(7 * 3600));
    qputenv("TRICOACH_STRAVA_TIME_SCALE", "1");
    auto a = account();
    const QString key = strava::tokenSecretKey(a.state().profileKey);
    const auto before = strava::StravaTokens::fromJson(
        QJsonDocument::fromJson(secrets.read(key)->value_or(QString()).toUtf8()).object());
    ASSERT_TRUE(before.has_value());
    strava::SyncOptions options;
    options.waitForRateLimit = true;
    auto summary = a.sync(options);
    ASSERT_TRUE(summary.ok()) << summary.error().message.toStdString();
    EXPECT_GE(strava.counters().refreshes, 1);
    const auto after = strava::StravaTokens::fromJson(
        QJsonDocument::fromJson(secrets.read(key)->value_or(QString()).toUtf8()).object());
    ASSERT_TRUE(after.has_value());
    EXPECT_NE(after->refreshToken, before->refreshToken); // rotated, and the new one kept
    // Every API call after the refresh carried the stored access token.
    bool sawNew = false;
    for (const auto& r : strava.requests())
        sawNew |= r.accessToken == after->accessToken;
    EXPECT_TRUE(sawNew);
}

TEST_F(StravaSync, RevokedAccessKeepsEveryActivityAndAsksToReconnect)
{
    strava.seed(kAnna, 60, 18);
    connect(athlete, kAnna);
    strava::SyncOptions options;
    options.waitForRateLimit = true;
    ASSERT_TRUE(account().sync(options).ok());
    const int kept = store->activityCount(athlete);
    fakes::FakeStrava::Fault revoked;
    revoked.kind = fakes::FakeStrava::Fault::Kind::RevokedAccess;
    strava.injectFault(revoked);
    options.force = true;
    auto summary = account().sync(options);
    ASSERT_FALSE(summary.ok());
    EXPECT_EQ(summary.error().code, strava::code::kUnauthorized) << summary.error().message.toStdString();
    EXPECT_TRUE(summary.error().message.contains(QStringLiteral("reconnect")));
    EXPECT_EQ(store->activityCount(athlete), kept);
    EXPECT_FALSE(account().status().problem.isEmpty());
}

TEST_F(StravaSync, WithoutPrivateAccessPrivateActivitiesAreLeftOutAndNeverDeleted)
{
    strava.seed(kAnna, 200, 19);
    strava.setSignedInAthlete(kAnna);
    auto a = account();
    ASSERT_TRUE(a.setApp({kClientId, kClientSecret}).ok());
    ASSERT_TRUE(a.connect(browser(true, {QStringLiteral("activity:read_all")}), 20'000).ok());
    strava::SyncOptions options;
    options.waitForRateLimit = true;
    ASSERT_TRUE(account().sync(options).ok());
    const auto visible = truth(strava, kAnna, false);
    ASSERT_LT(visible.size(), truth(strava, kAnna).size()) << "the seed should hold private activities";
    EXPECT_EQ(linkedIds(*store, athlete), keys(visible));
}

TEST_F(StravaSync, TwoProfilesSyncTheirOwnAthletesApart)
{
    strava.seed(kAnna, 80, 20);
    strava.seed(kBen, 50, 21);
    const AthleteId ben = store->createAthlete(QStringLiteral("Ben"))->id;
    connect(athlete, kAnna);
    connect(ben, kBen);
    strava::SyncOptions options;
    options.waitForRateLimit = true;
    ASSERT_TRUE(account(athlete).sync(options).ok());
    ASSERT_TRUE(account(ben).sync(options).ok());
    EXPECT_EQ(linkedIds(*store, athlete), keys(truth(strava, kAnna)));
    EXPECT_EQ(linkedIds(*store, ben), keys(truth(strava, kBen)));
}
