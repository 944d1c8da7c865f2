// The LLM coach against a chat-completions emulator on a real loopback socket: good answers, answers that need
// the repair round, and every way a server or a model can fail.
#include "core/coach/llmcoach.h"
#include "core/coach/planengine.h"
#include "core/coach/planjson.h"
#include "core/coach/racestrategy.h"
#include "core/store/activitystore.h"
#include "core/util/datetime.h"
#include "tests/fakes/fakechatserver.h"
#include "tests/support/tempdir.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

#include <functional>
#include <gtest/gtest.h>

using namespace tricoach;
using namespace tricoach::fakes;

namespace {

class LlmCoachTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(server.start());
        profile.today = QDate(2027, 1, 6);
        profile.race.date = QDate(2027, 6, 20);
        profile.race.distance = RaceDistance::Olympic;
        profile.hoursByWeekday = {0, 1.5, 1, 1.5, 1, 2.5, 2};
        profile.thresholds.ftpWatts = 240;
        profile.fitness = {45, 45};
        profile.recentWeeklyHours = 7;
        engineWeek = planSeason(profile).weeks[2];
        goodJson = QString::fromUtf8(QJsonDocument(weekToJson(engineWeek, profile.thresholds)).toJson());
    }

    LlmOutcome ask(int timeoutMs = 10'000, const std::function<void(LlmSettings&)>& adjust = {})
    {
        LlmSettings s;
        s.baseUrl = server.baseUrl();
        s.model = QStringLiteral("coach-model");
        s.apiKey = QStringLiteral("sk-test");
        s.timeoutMs = timeoutMs;
        if (adjust)
            adjust(s);
        LlmCoach coach(s);
        std::optional<LlmOutcome> outcome;
        QObject::connect(&coach, &LlmCoach::finished, [&](const LlmOutcome& o) { outcome = o; });
        coach.proposeWeek(profile, engineWeek, LlmContext{QJsonObject{{QStringLiteral("fitness"), 45}}, 0});
        QElapsedTimer t;
        t.start();
        while (!outcome && t.elapsed() < 30'000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        EXPECT_TRUE(outcome.has_value());
        return outcome.value_or(LlmOutcome{});
    }

    // The good week with every session at Z4: fails 80/20.
    QString allHard() const
    {
        QString s = goodJson;
        s.replace(QStringLiteral("\"intensity\": \"Z1"), QStringLiteral("\"intensity\": \"Z4"));
        s.replace(QStringLiteral("\"intensity\": \"Z2"), QStringLiteral("\"intensity\": \"Z4"));
        s.replace(QStringLiteral("\"intensity\": \"Z3"), QStringLiteral("\"intensity\": \"Z4"));
        return s;
    }

    FakeChatServer server;
    CoachProfile profile;
    WeekPlan engineWeek;
    QString goodJson;
};

TEST_F(LlmCoachTest, AValidAnswerIsUsedAndTheRequestFollowsTheContract)
{
    server.enqueue(FakeResponse::completion(goodJson));
    const LlmOutcome out = ask();
    EXPECT_TRUE(out.fromLlm) << out.note.toStdString();
    EXPECT_FALSE(out.repaired);
    EXPECT_EQ(out.week.weekStart, engineWeek.weekStart);
    EXPECT_NEAR(out.week.hours(), engineWeek.hours(), 0.2);
    ASSERT_EQ(server.requests().size(), 1);
    const ReceivedRequest& r = server.requests().front();
    EXPECT_EQ(r.method, QByteArray("POST"));
    EXPECT_EQ(r.path, QByteArray("/v1/chat/completions"));
    EXPECT_EQ(r.headers.value("authorization"), QByteArray("Bearer sk-test"));
    EXPECT_EQ(r.body.value(QStringLiteral("model")).toString(), QStringLiteral("coach-model"));
    EXPECT_EQ(r.body.value(QStringLiteral("response_format")).toObject().value(QStringLiteral("type")).toString(),
              QStringLiteral("json_object"));
    const QJsonArray messages = r.body.value(QStringLiteral("messages")).toArray();
    ASSERT_EQ(messages.size(), 2);
    EXPECT_TRUE(
        messages[0].toObject().value(QStringLiteral("content")).toString().contains(QStringLiteral("week_start_date")));
    EXPECT_TRUE(
        messages[1].toObject().value(QStringLiteral("content")).toString().contains(QStringLiteral("first-party")));
}

TEST_F(LlmCoachTest, MalformedJsonGetsOneRepairRoundWithTheReason)
{
    server.enqueue(FakeResponse::completion(goodJson.left(goodJson.size() / 2))); // cut off mid-object
    server.enqueue(FakeResponse::completion(QStringLiteral("```json\n") + goodJson + QStringLiteral("\n```")));
    const LlmOutcome out = ask();
    EXPECT_TRUE(out.fromLlm);
    EXPECT_TRUE(out.repaired);
    ASSERT_EQ(server.requests().size(), 2);
    const QJsonArray messages = server.requests()[1].body.value(QStringLiteral("messages")).toArray();
    ASSERT_EQ(messages.size(), 4); // system, user, the bad answer, the correction request
    EXPECT_TRUE(
        messages[3].toObject().value(QStringLiteral("content")).toString().contains(QStringLiteral("not valid JSON")));
}

TEST_F(LlmCoachTest, APlanTheValidatorRejectsTwiceFallsBackToTheEngineSayingWhy)
{
    server.enqueue(FakeResponse::completion(allHard()));
    server.enqueue(FakeResponse::completion(allHard()));
    const LlmOutcome out = ask();
    EXPECT_FALSE(out.fromLlm);
    EXPECT_EQ(out.week.hours(), engineWeek.hours());
    ASSERT_FALSE(out.issues.empty());
    EXPECT_TRUE(out.note.contains(QStringLiteral("intensity-distribution"))) << out.note.toStdString();
    ASSERT_EQ(server.requests().size(), 2);
    const QJsonArray messages = server.requests()[1].body.value(QStringLiteral("messages")).toArray();
    EXPECT_TRUE(
        messages.last().toObject().value(QStringLiteral("content")).toString().contains(QStringLiteral("80/20")));
}

TEST_F(LlmCoachTest, ARefusalIsReportedAsSuch)
{
    server.enqueue(FakeResponse::refusal(QStringLiteral("I can't help with that.")));
    const LlmOutcome out = ask();
    EXPECT_FALSE(out.fromLlm);
    EXPECT_TRUE(out.note.contains(QStringLiteral("declined"))) << out.note.toStdString();
    EXPECT_TRUE(out.note.contains(QStringLiteral("I can't help with that.")));
}

TEST_F(LlmCoachTest, ServerErrorsBecomeClearNotes)
{
    server.enqueue(FakeResponse::error(401, QStringLiteral("invalid_request_error"),
                                       QStringLiteral("Incorrect API key provided"),
                                       QStringLiteral("invalid_api_key")));
    EXPECT_TRUE(ask().note.contains(QStringLiteral("API key")));
    FakeResponse limited =
        FakeResponse::error(429, QStringLiteral("rate_limit_error"), QStringLiteral("Rate limit reached"));
    limited.headers.insert("Retry-After", "20");
    server.enqueue(limited);
    const LlmOutcome rate = ask();
    EXPECT_TRUE(rate.note.contains(QStringLiteral("rate-limiting"))) << rate.note.toStdString();
    EXPECT_TRUE(rate.note.contains(QStringLiteral("20 s")));
    server.enqueue(FakeResponse::error(503, QStringLiteral("server_error"), QStringLiteral("overloaded")));
    EXPECT_TRUE(ask().note.contains(QStringLiteral("HTTP 503")));
    server.enqueue(
        FakeResponse::error(404, QStringLiteral("invalid_request_error"), QStringLiteral("The model does not exist")));
    EXPECT_TRUE(ask().note.contains(QStringLiteral("model")));
}

TEST_F(LlmCoachTest, SlowTruncatedAndDroppedAnswersFallBack)
{
    FakeResponse slow = FakeResponse::completion(goodJson);
    slow.delayMs = 3000;
    server.enqueue(slow);
    const LlmOutcome late = ask(500);
    EXPECT_FALSE(late.fromLlm);
    EXPECT_TRUE(late.note.contains(QStringLiteral("did not answer"))) << late.note.toStdString();

    FakeResponse cut = FakeResponse::completion(goodJson);
    cut.truncate = true;
    server.enqueue(cut);
    const LlmOutcome truncated = ask();
    EXPECT_FALSE(truncated.fromLlm);
    EXPECT_FALSE(truncated.note.isEmpty());

    FakeResponse drop;
    drop.dropConnection = true;
    server.enqueue(drop);
    const LlmOutcome dropped = ask();
    EXPECT_FALSE(dropped.fromLlm);
    EXPECT_FALSE(dropped.note.isEmpty());
    EXPECT_EQ(dropped.week.hours(), engineWeek.hours()); // the athlete still gets a week
}

TEST_F(LlmCoachTest, ABaseWithOrWithoutATrailingSlashReachesOneEndpoint)
{
    const QString base = server.baseUrl().toString();
    ASSERT_TRUE(base.endsWith(QStringLiteral("/v1"))) << base.toStdString();
    for (const QString& written : {base, base + QLatin1Char('/'), base + QStringLiteral("//")}) {
        server.enqueue(FakeResponse::completion(goodJson));
        const LlmOutcome out = ask(10'000, [&](LlmSettings& s) { s.baseUrl = QUrl(written); });
        EXPECT_TRUE(out.fromLlm) << written.toStdString() << ": " << out.note.toStdString();
        const ReceivedRequest& r = server.requests().back();
        EXPECT_EQ(r.path, QByteArray("/v1/chat/completions")) << written.toStdString();
        EXPECT_TRUE(r.query.isEmpty()) << r.query.toStdString();
    }
}

TEST_F(LlmCoachTest, AzureAddsItsApiVersionToTheQueryTheBaseCarries)
{
    // An Azure-style base whose query already routes the request: it stays, api-version joins it.
    server.enqueue(FakeResponse::completion(goodJson));
    LlmOutcome out = ask(10'000, [&](LlmSettings& s) {
        s.baseUrl = QUrl(server.baseUrl().toString() + QStringLiteral("/?deployment=coach&region=westeurope"));
        s.azure = true;
        s.azureApiVersion = QStringLiteral("2024-06-01");
    });
    EXPECT_TRUE(out.fromLlm) << out.note.toStdString();
    ReceivedRequest r = server.requests().back();
    EXPECT_EQ(r.path, QByteArray("/v1/chat/completions"));
    QUrlQuery query(QString::fromLatin1(r.query));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("deployment")), QStringLiteral("coach"));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("region")), QStringLiteral("westeurope"));
    EXPECT_EQ(query.allQueryItemValues(QStringLiteral("api-version")), QStringList{QStringLiteral("2024-06-01")});
    EXPECT_EQ(r.headers.value("api-key"), QByteArray("sk-test"));
    EXPECT_FALSE(r.headers.contains("authorization"));

    // A base that names its own api-version keeps it, once.
    server.enqueue(FakeResponse::completion(goodJson));
    out = ask(10'000, [&](LlmSettings& s) {
        s.baseUrl = QUrl(server.baseUrl().toString() + QStringLiteral("?api-version=2025-01-01-preview"));
        s.azure = true;
    });
    EXPECT_TRUE(out.fromLlm) << out.note.toStdString();
    r = server.requests().back();
    EXPECT_EQ(r.path, QByteArray("/v1/chat/completions"));
    EXPECT_EQ(QUrlQuery(QString::fromLatin1(r.query)).allQueryItemValues(QStringLiteral("api-version")),
              QStringList{QStringLiteral("2025-01-01-preview")});
}

TEST_F(LlmCoachTest, NoServerAtAllIsSaidPlainly)
{
    LlmSettings s;
    s.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1/v1")); // nothing listens on port 1
    s.model = QStringLiteral("m");
    LlmCoach coach(s);
    std::optional<LlmOutcome> outcome;
    QObject::connect(&coach, &LlmCoach::finished, [&](const LlmOutcome& o) { outcome = o; });
    coach.proposeWeek(profile, engineWeek, {});
    QElapsedTimer t;
    t.start();
    while (!outcome && t.elapsed() < 10'000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    ASSERT_TRUE(outcome);
    EXPECT_TRUE(outcome->note.contains(QStringLiteral("could not reach"))) << outcome->note.toStdString();
}

class FirstPartyContext : public test::TempDirTest {};

TEST_F(FirstPartyContext, StravaActivitiesNeverReachTheModel)
{
    auto store = std::move(*ActivityStore::open(pathFor(QStringLiteral("ctx.sqlite"))));
    const AthleteId athlete = store->defaultAthlete()->id;
    const QDate today(2027, 3, 10);
    for (int i = 0; i < 6; ++i) {
        Activity a;
        a.athleteId = athlete;
        a.sport = Sport::Run;
        a.startUtc = utcDateTime(today.addDays(-2 - i * 3), QTime(7, 0));
        a.movingSec = a.elapsedSec = 3600;
        a.title = i % 2 ? QStringLiteral("Strava run %1").arg(i) : QStringLiteral("Watch run %1").arg(i);
        a.source = i % 2 ? ActivitySource::Strava : ActivitySource::File;
        if (i % 2)
            a.externalId = 9'000'000'000LL + i;
        else
            a.contentHash = QStringLiteral("file-%1").arg(i);
        ASSERT_TRUE(store->addActivity(a));
    }
    CoachProfile p;
    p.today = today;
    p.race.date = today.addDays(100);
    const LlmContext c = firstPartyContext(*store, athlete, p);
    EXPECT_EQ(c.leftOut, 3);
    double hours = 0;
    for (const QJsonValue& w : c.json.value(QStringLiteral("recent_weeks")).toArray())
        hours += w.toObject().value(QStringLiteral("hours")).toDouble();
    EXPECT_NEAR(hours, 3, 1e-9); // the three file runs only
    const QByteArray text = QJsonDocument(c.json).toJson();
    EXPECT_FALSE(text.contains("Strava"));
    EXPECT_FALSE(text.contains("9000000001"));
}

TEST_F(FirstPartyContext, FitnessFatigueAndFormComeFromFirstPartyActivitiesOnly)
{
    // Two stores: one with file and Strava runs, one with the file runs alone. The model's Fitness, Fatigue and Form
    // must be the second store's chart (computed by the store's own chart path, not by the code under test).
    auto mixed = std::move(*ActivityStore::open(pathFor(QStringLiteral("mixed.sqlite"))));
    auto own = std::move(*ActivityStore::open(pathFor(QStringLiteral("own.sqlite"))));
    const AthleteId m = mixed->defaultAthlete()->id;
    const AthleteId o = own->defaultAthlete()->id;
    const QDate today(2027, 3, 10);
    for (int i = 0; i < 40; ++i) {
        Activity a;
        a.sport = Sport::Run;
        a.startUtc = utcDateTime(today.addDays(-1 - i), QTime(7, 0));
        a.movingSec = a.elapsedSec = 2400 + 60 * (i % 7);
        a.rpe = 4 + i % 5;
        const bool strava = i % 3 == 0;
        a.source = strava ? ActivitySource::Strava : ActivitySource::File;
        if (strava)
            a.externalId = 9'100'000'000LL + i;
        else
            a.contentHash = QStringLiteral("own-%1").arg(i);
        a.athleteId = m;
        ASSERT_TRUE(mixed->addActivity(a));
        if (!strava) {
            a.athleteId = o;
            ASSERT_TRUE(own->addActivity(a));
        }
    }
    CoachProfile p;
    p.today = today;
    p.race.date = today.addDays(100);
    // The profile as the plan builds it holds the whole chart, Strava runs included.
    const QDate eve = planStart(today).addDays(-1);
    const auto whole = mixed->pmc(m, eve, eve);
    ASSERT_FALSE(whole.empty());
    p.fitness = PmcState{whole.back().ctl, whole.back().atl};
    const LlmContext c = firstPartyContext(*mixed, m, p);
    const auto expected = own->pmc(o, eve, eve);
    ASSERT_FALSE(expected.empty());
    EXPECT_LT(expected.back().ctl, whole.back().ctl - 1); // the Strava runs did count in the whole chart
    const auto round1 = [](double v) { return std::round(v * 10) / 10; };
    EXPECT_DOUBLE_EQ(c.json.value(QStringLiteral("fitness")).toDouble(), round1(expected.back().ctl));
    EXPECT_DOUBLE_EQ(c.json.value(QStringLiteral("fatigue")).toDouble(), round1(expected.back().atl));
    EXPECT_DOUBLE_EQ(c.json.value(QStringLiteral("form")).toDouble(),
                     round1(expected.back().ctl - expected.back().atl));
}

} // namespace

namespace {

QString strategyJson(bool complete)
{
    QJsonObject o{
        {QStringLiteral("taper_and_race_week"),
         QJsonArray{QStringLiteral("Cut volume by half."), QStringLiteral("Sleep well.")}},
        {QStringLiteral("race_morning"), QJsonArray{QStringLiteral("Wake at 5."), QStringLiteral("Eat oats.")}},
        {QStringLiteral("transition_1"), QJsonArray{QStringLiteral("Helmet first."), QStringLiteral("Shoes.")}},
        {QStringLiteral("transition_2"), QJsonArray{QStringLiteral("Rack the bike."), QStringLiteral("Run shoes.")}},
        {QStringLiteral("mental_cues"), QJsonArray{QStringLiteral("Smooth."), QStringLiteral("Patient.")}},
        {QStringLiteral("contingencies"), QJsonArray{QStringLiteral("Slow down."), QStringLiteral("Drink.")}}};
    QJsonArray legs;
    for (const char* sport : {"Swim", "Bike", "Run"})
        legs.append(QJsonObject{{QStringLiteral("sport"), QLatin1String(sport)},
                                {QStringLiteral("execution"), QJsonArray{QStringLiteral("Start easy, model's words."),
                                                                         QStringLiteral("Finish strong.")}}});
    if (complete)
        o.insert(QStringLiteral("legs"), legs);
    return QString::fromUtf8(QJsonDocument(o).toJson());
}

TEST_F(LlmCoachTest, TheRaceStrategyKeepsTheComputedNumbersAndTakesTheModelsWords)
{
    profile.thresholds.runThresholdSpeed = 4.0;
    const RaceStrategy engine = raceStrategy(profile);
    server.enqueue(FakeResponse::completion(strategyJson(false))); // no legs: one repair round
    server.enqueue(FakeResponse::completion(strategyJson(true)));
    LlmSettings s;
    s.baseUrl = server.baseUrl();
    s.model = QStringLiteral("coach-model");
    LlmCoach coach(s);
    std::optional<std::tuple<RaceStrategy, bool, QString>> result;
    QObject::connect(&coach, &LlmCoach::strategyFinished,
                     [&](const RaceStrategy& r, bool fromLlm, const QString& note) {
                         result = {r, fromLlm, note};
                     });
    coach.proposeRaceStrategy(profile, engine, LlmContext{});
    QElapsedTimer t;
    t.start();
    while (!result && t.elapsed() < 30'000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    ASSERT_TRUE(result);
    const auto& [strategy, fromLlm, note] = *result;
    EXPECT_TRUE(fromLlm) << note.toStdString();
    EXPECT_TRUE(note.contains(QStringLiteral("corrected once")));
    EXPECT_EQ(strategy.raceMorning.front(), QStringLiteral("Wake at 5."));
    ASSERT_EQ(strategy.legs.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(strategy.legs[i].target, engine.legs[i].target); // numbers are the engine's
        EXPECT_DOUBLE_EQ(strategy.legs[i].predictedMinutes, engine.legs[i].predictedMinutes);
        EXPECT_EQ(strategy.legs[i].execution.front(), QStringLiteral("Start easy, model's words."));
    }
    EXPECT_EQ(strategy.fuelling.size(), engine.fuelling.size());
    ASSERT_EQ(server.requests().size(), 2);
    const QString system = server.requests()[0]
                               .body.value(QStringLiteral("messages"))
                               .toArray()[0]
                               .toObject()
                               .value(QStringLiteral("content"))
                               .toString();
    EXPECT_TRUE(system.contains(QStringLiteral("race-day strategy")));
    EXPECT_TRUE(server.requests()[1]
                    .body.value(QStringLiteral("messages"))
                    .toArray()
                    .last()
                    .toObject()
                    .value(QStringLiteral("content"))
                    .toString()
                    .contains(QStringLiteral("no Swim leg")));

    // Unusable twice: the engine's strategy, and why.
    server.enqueue(FakeResponse::completion(QStringLiteral("{}")));
    server.enqueue(FakeResponse::completion(QStringLiteral("{}")));
    result.reset();
    coach.proposeRaceStrategy(profile, engine, LlmContext{});
    t.restart();
    while (!result && t.elapsed() < 30'000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    ASSERT_TRUE(result);
    EXPECT_FALSE(std::get<1>(*result));
    EXPECT_TRUE(std::get<2>(*result).contains(QStringLiteral("built-in race-day strategy")));
    EXPECT_EQ(std::get<0>(*result).raceMorning, engine.raceMorning);
}

} // namespace
