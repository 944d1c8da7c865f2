#include "core/coach/llmcoach.h"

#include "core/coach/planengine.h"
#include "core/coach/planjson.h"
#include "core/metrics/volume.h"
#include "core/store/activitystore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

#include <cmath>

namespace tricoach {

namespace {

QString statusMessage(int status, const QByteArray& body, const QNetworkReply& reply)
{
    // OpenAI-style error bodies: {"error": {"message": …, "type": …, "code": …}}.
    const QString detail = QJsonDocument::fromJson(body)
                               .object()
                               .value(QStringLiteral("error"))
                               .toObject()
                               .value(QStringLiteral("message"))
                               .toString();
    const QString tail = detail.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(detail);
    switch (status) {
    case 401:
    case 403:
        return QStringLiteral("The coach model's server refused the API key%1. Check the key in Settings.").arg(tail);
    case 404:
        return QStringLiteral("The coach model's server does not know that model or address%1.").arg(tail);
    case 429: {
        const QByteArray retry = reply.rawHeader("Retry-After");
        return retry.isEmpty()
                   ? QStringLiteral("The coach model's server is rate-limiting requests%1; try again later.").arg(tail)
                   : QStringLiteral("The coach model's server is rate-limiting requests%1; try again in %2 s.")
                         .arg(tail, QString::fromLatin1(retry));
    }
    default:
        if (status >= 500)
            return QStringLiteral("The coach model's server failed (HTTP %1)%2.").arg(status).arg(tail);
        return QStringLiteral("The coach model's server answered HTTP %1%2.").arg(status).arg(tail);
    }
}

// The JSON object in a model's answer: bare, or inside a ```json fence some models add anyway.
std::optional<QJsonObject> jsonIn(const QString& content, QString& error)
{
    QString text = content.trimmed();
    if (text.startsWith(QStringLiteral("```"))) {
        const qsizetype first = text.indexOf(QLatin1Char('\n'));
        const qsizetype last = text.lastIndexOf(QStringLiteral("```"));
        if (first > 0 && last > first)
            text = text.mid(first + 1, last - first - 1);
    }
    QJsonParseError parse{};
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parse);
    if (parse.error != QJsonParseError::NoError) {
        error = QStringLiteral("%1 at character %2").arg(parse.errorString()).arg(parse.offset);
        return std::nullopt;
    }
    if (!doc.isObject()) {
        error = QStringLiteral("the answer is not a JSON object");
        return std::nullopt;
    }
    return doc.object();
}

QJsonObject message(const QString& role, const QString& content)
{
    return QJsonObject{{QStringLiteral("role"), role}, {QStringLiteral("content"), content}};
}

} // namespace

LlmContext firstPartyContext(const ActivityStore& store, AthleteId athlete, const CoachProfile& p)
{
    LlmContext c;
    const QDate from = weekStartOf(p.today).addDays(-8 * 7);
    ActivityQuery q;
    q.from = from;
    q.to = p.today;
    std::vector<Activity> own;
    for (Activity& a : store.activities(athlete, q)) {
        if (!mayLeaveThisMachine(a)) {
            ++c.leftOut; // Strava's API agreement: never to an AI model
            continue;
        }
        own.push_back(std::move(a));
    }
    // Fitness, Fatigue and Form from first-party loads alone: the profile's values come from the whole chart,
    // Strava's activities included, and those must not reach the model even as a sum.
    const QDate eve = planStart(p.today).addDays(-1);
    std::map<QDate, double> byDay;
    ActivityQuery history;
    history.to = eve;
    for (const Activity& a : store.activities(athlete, history)) {
        if (mayLeaveThisMachine(a))
            byDay[a.localDate()] += a.load;
    }
    std::vector<DailyLoad> loads;
    for (const auto& [day, load] : byDay)
        loads.push_back(DailyLoad{day, load});
    PmcState fitness;
    if (!loads.empty()) {
        const auto chart = computePmc(loads, eve, eve, store.metricSettings(athlete).pmc);
        if (!chart.empty())
            fitness = PmcState{chart.back().ctl, chart.back().atl};
    }
    QJsonArray weeks;
    for (const WeeklyVolume& w : weeklyVolume(own, p.today, 8)) {
        QJsonObject sports;
        for (const auto& [sport, totals] : w.bySport)
            sports.insert(sportId(sport), QJsonObject{{QStringLiteral("sessions"), totals.count},
                                                      {QStringLiteral("hours"), std::round(totals.hours * 10) / 10}});
        weeks.append(QJsonObject{{QStringLiteral("week_start_date"), w.weekStart.toString(Qt::ISODate)},
                                 {QStringLiteral("hours"), std::round(w.total.hours * 10) / 10},
                                 {QStringLiteral("load"), std::round(w.total.load)},
                                 {QStringLiteral("by_sport"), sports}});
    }
    QJsonObject thresholds;
    const Thresholds& t = p.thresholds;
    if (t.ftpWatts)
        thresholds.insert(QStringLiteral("ftp_watts"), *t.ftpWatts);
    if (auto lthr = t.lthrFor(Sport::Run))
        thresholds.insert(QStringLiteral("threshold_hr_run"), *lthr);
    if (auto lthr = t.lthrFor(Sport::Bike))
        thresholds.insert(QStringLiteral("threshold_hr_bike"), *lthr);
    if (t.runThresholdSpeed)
        thresholds.insert(QStringLiteral("run_threshold_pace_sec_per_km"), std::round(1000 / *t.runThresholdSpeed));
    if (t.cssSpeed)
        thresholds.insert(QStringLiteral("css_sec_per_100m"), std::round(100 / *t.cssSpeed));
    QJsonArray hours;
    for (double h : p.hoursByWeekday)
        hours.append(h);
    c.json = QJsonObject{
        {QStringLiteral("race"), QJsonObject{{QStringLiteral("name"), p.race.name},
                                             {QStringLiteral("date"), p.race.date.toString(Qt::ISODate)},
                                             {QStringLiteral("distance"), raceDistanceId(p.race.distance)},
                                             {QStringLiteral("goal"), p.race.goal}}},
        {QStringLiteral("experience"), experienceId(p.level)},
        {QStringLiteral("hours_available_by_weekday_monday_first"), hours},
        {QStringLiteral("pool_access"), p.poolAccess},
        {QStringLiteral("indoor_trainer"), p.trainerAccess},
        {QStringLiteral("thresholds"), thresholds},
        {QStringLiteral("fitness"), std::round(fitness.ctl * 10) / 10},
        {QStringLiteral("fatigue"), std::round(fitness.atl * 10) / 10},
        {QStringLiteral("form"), std::round((fitness.ctl - fitness.atl) * 10) / 10},
        {QStringLiteral("recent_weeks"), weeks},
    };
    return c;
}

QString LlmCoach::trainerBrief()
{
    return QStringLiteral(
        "You are a world-class triathlon coach. Plan with linear, block or reverse periodization; raise volume 5-10% "
        "a week with a recovery week every 3-4 weeks; keep 80% of the time in Z1-Z2 and 20% in Z3-Z5; never two hard "
        "days in a row; every workout has a warm-up (10-15 min Z1), a main set and a cool-down (10 min Z1). Weekly "
        "structure: Monday recovery swim or rest; Tuesday bike intervals (Z3-Z4) plus a 15-20 min Z2 brick run; "
        "Wednesday run tempo or intervals; Thursday long swim; Friday easy or rest; Saturday long bike mostly Z2; "
        "Sunday long run progressing Z2 to Z3. Key workouts: bike 4x8min @ Z4 with 3min recovery; run tempo "
        "30-40min @ Z3; swim 10x100m @ Z4 with 15s rest; brick 45min bike Z3 then 15min run Z3.\n"
        "Be specific: 'Warm-up 15min Z1, then 4x8min @ Z4 (95-105% FTP) with 3min Z1 recovery, cool-down 10min Z1. "
        "Total: 67min'. Never plan more hours on a day than the athlete has. Never use the terms TSS, CTL, ATL or "
        "TSB; say Load, Fitness, Fatigue and Form.\n"
        "Answer with only one JSON object, exactly: {\"week_start_date\": \"YYYY-MM-DD\", \"total_planned_hours\": "
        "float, \"days\": [{\"date\": \"YYYY-MM-DD\", \"sport\": \"Run|Bike|Swim|Strength|Brick|Rest\", "
        "\"session_type\": string, \"duration_min\": int, \"intensity\": \"Z1..Z5 with zones\", \"description\": "
        "string, \"primary_goal\": string, \"priority\": \"low|medium|high\", \"warmup_min\": int, \"main_set_min\": "
        "int, \"cooldown_min\": int}], \"notes\": {\"overall_focus\": string, \"key_workouts\": [string], "
        "\"recovery_guidelines\": string, \"nutrition_tips\": string, \"gear_recommendations\": string}}. "
        "warmup_min + main_set_min + cooldown_min must equal duration_min.");
}

QString LlmCoach::raceStrategyBrief()
{
    return QStringLiteral(
        "You are a world-class triathlon coach writing a race-day strategy for this athlete. Cover: the taper and race "
        "week (volume down 40-60% over the last two weeks, short race-pace efforts Monday to Thursday, a 20-minute "
        "easy "
        "swim and transition practice on Friday, rest or a 20-minute bike and 10-minute run shake-out on Saturday); "
        "race morning (wake 3-4 hours before, 400-600 kcal low-fibre breakfast, 500-750 ml water, warm-up); the two "
        "transition checklists; how to race each leg (swim: start position, a controlled first 400 m, find feet, a "
        "little harder in the last 200 m; bike: hold back in the first 20 km, then settle at the target; run: control "
        "the first 5 km, hold form, push the last 5-10 km if strong); mental cues; contingencies (feeling too good, "
        "struggling early, stomach trouble, cramps). The athlete's pacing targets, predicted times and fuelling "
        "schedule are already computed: do not invent numbers for them. Never use the terms TSS, CTL, ATL or TSB.\n"
        "Answer with only one JSON object: {\"taper_and_race_week\": [string], \"race_morning\": [string], "
        "\"transition_1\": [string], \"transition_2\": [string], \"legs\": [{\"sport\": \"Swim|Bike|Run\", "
        "\"execution\": [string]}], \"mental_cues\": [string], \"contingencies\": [string]}. Every list has 2 to "
        "10 short sentences.");
}

void LlmCoach::proposeRaceStrategy(const CoachProfile& profile, const RaceStrategy& engineStrategy,
                                   const LlmContext& context)
{
    if (m_reply)
        return;
    m_profile = profile;
    m_engineStrategy = engineStrategy;
    m_strategyMode = true;
    m_round = 0;
    m_cancelled = false;
    QStringList legs;
    for (const LegPlan& l : engineStrategy.legs)
        legs << QStringLiteral("%1 %2 km at %3, about %4 min")
                    .arg(sportId(l.sport))
                    .arg(l.distanceM / 1000, 0, 'f', 1)
                    .arg(l.target)
                    .arg(std::lround(l.predictedMinutes));
    const QString request =
        QStringLiteral("Race: %1 on %2 (%3). Computed pacing: %4. Fuel: %5 g carbohydrate an hour on the bike, %6 on "
                       "the run, %7 ml fluid an hour. Athlete (first-party data only):\n%8")
            .arg(profile.race.name, profile.race.date.toString(Qt::ISODate), raceDistanceId(profile.race.distance),
                 legs.join(QStringLiteral("; ")))
            .arg(engineStrategy.carbsPerHourBike)
            .arg(engineStrategy.carbsPerHourRun)
            .arg(std::lround(engineStrategy.fluidMlPerHour))
            .arg(QString::fromUtf8(QJsonDocument(context.json).toJson(QJsonDocument::Compact)));
    m_messages =
        QJsonArray{message(QStringLiteral("system"), raceStrategyBrief()), message(QStringLiteral("user"), request)};
    Q_EMIT progressed(tr("Asking the coach model…"));
    send(m_messages);
}

std::optional<RaceStrategy> LlmCoach::strategyFrom(const QJsonObject& json, QString& problem) const
{
    QStringList wrong;
    const auto list = [&](const QJsonValue& v, const QString& key) {
        QStringList out;
        const QJsonArray a = v.toArray();
        for (const QJsonValue& item : a)
            if (item.isString() && !item.toString().trimmed().isEmpty())
                out << item.toString().trimmed();
        if (out.size() < 2 || out.size() > 10 || out.size() != a.size())
            wrong << QStringLiteral("\"%1\" needs 2 to 10 non-empty sentences").arg(key);
        for (const QString& sentence : out)
            for (const char* mark : {"TSS", "CTL", "ATL", "TSB"})
                if (sentence.contains(QLatin1String(mark)))
                    wrong << QStringLiteral("\"%1\" uses the term %2; say Load, Fitness, Fatigue or Form")
                                 .arg(key, QLatin1String(mark));
        return out;
    };
    RaceStrategy s = m_engineStrategy;
    s.taperAndRaceWeek = list(json.value(QStringLiteral("taper_and_race_week")), QStringLiteral("taper_and_race_week"));
    s.raceMorning = list(json.value(QStringLiteral("race_morning")), QStringLiteral("race_morning"));
    s.transition1 = list(json.value(QStringLiteral("transition_1")), QStringLiteral("transition_1"));
    s.transition2 = list(json.value(QStringLiteral("transition_2")), QStringLiteral("transition_2"));
    s.mentalCues = list(json.value(QStringLiteral("mental_cues")), QStringLiteral("mental_cues"));
    s.contingencies = list(json.value(QStringLiteral("contingencies")), QStringLiteral("contingencies"));
    for (LegPlan& leg : s.legs) {
        bool found = false;
        for (const QJsonValue& v : json.value(QStringLiteral("legs")).toArray()) {
            const QJsonObject o = v.toObject();
            if (sportFromString(o.value(QStringLiteral("sport")).toString()) == leg.sport) {
                leg.execution = list(o.value(QStringLiteral("execution")),
                                     QStringLiteral("legs.%1.execution").arg(sportId(leg.sport)));
                found = true;
            }
        }
        if (!found)
            wrong << QStringLiteral("\"legs\" has no %1 leg").arg(sportId(leg.sport));
    }
    if (!wrong.isEmpty()) {
        problem = QStringLiteral("- ") + wrong.join(QStringLiteral("\n- "));
        return std::nullopt;
    }
    return s;
}

void LlmCoach::handleStrategy(const QString& content)
{
    QString problem, jsonError;
    std::optional<RaceStrategy> strategy;
    if (const auto json = jsonIn(content, jsonError))
        strategy = strategyFrom(*json, problem);
    else
        problem = tr("The answer is not valid JSON: %1.").arg(jsonError);
    if (strategy) {
        m_timeout->stop();
        Q_EMIT strategyFinished(*strategy, true,
                                m_round > 0 ? tr("The coach model's race-day strategy, corrected once.")
                                            : tr("The coach model's race-day strategy, with your computed targets."));
        return;
    }
    if (m_round == 0) {
        ++m_round;
        m_messages.append(message(QStringLiteral("assistant"), content));
        m_messages.append(
            message(QStringLiteral("user"),
                    QStringLiteral("That answer cannot be used:\n%1\nReply with the corrected JSON object only.")
                        .arg(problem)));
        Q_EMIT progressed(tr("Asking the coach model to fix its plan…"));
        send(m_messages);
        return;
    }
    fallBack(tr("the model's race-day strategy was still unusable after one correction:\n%1").arg(problem));
}

LlmCoach::LlmCoach(LlmSettings settings, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_network(new QNetworkAccessManager(this))
    , m_timeout(new QTimer(this))
{
    qRegisterMetaType<tricoach::LlmOutcome>();
    qRegisterMetaType<tricoach::RaceStrategy>();
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        if (QNetworkReply* reply = m_reply.data())
            reply->abort();
    });
}

LlmCoach::~LlmCoach()
{
    if (QNetworkReply* reply = m_reply.data()) {
        reply->disconnect(this);
        reply->abort();
    }
}

void LlmCoach::proposeWeek(const CoachProfile& profile, const WeekPlan& engineWeek, const LlmContext& context)
{
    if (m_reply)
        return;
    m_profile = profile;
    m_engineWeek = engineWeek;
    m_strategyMode = false;
    m_round = 0;
    m_cancelled = false;
    const QString request =
        QStringLiteral("Plan the week starting %1 (a %2 week of the season, about %3 hours) for this athlete. Their "
                       "data (first-party only):\n%4")
            .arg(engineWeek.weekStart.toString(Qt::ISODate), phaseName(engineWeek.phase))
            .arg(engineWeek.hours(), 0, 'f', 1)
            .arg(QString::fromUtf8(QJsonDocument(context.json).toJson(QJsonDocument::Compact)));
    m_messages =
        QJsonArray{message(QStringLiteral("system"), trainerBrief()), message(QStringLiteral("user"), request)};
    Q_EMIT progressed(tr("Asking the coach model…"));
    send(m_messages);
}

void LlmCoach::cancel()
{
    m_cancelled = true;
    if (QNetworkReply* reply = m_reply.data())
        reply->abort();
}

QUrl chatCompletionsUrl(const LlmSettings& settings)
{
    QUrl url = settings.baseUrl;
    // ".../v1" and ".../v1/" are the same base: one slash before the endpoint either way.
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/chat/completions"));
    if (settings.azure) {
        // Azure routes by the query: keep what the base carries; an api-version there is the user's choice.
        QUrlQuery query(url);
        if (!query.hasQueryItem(QStringLiteral("api-version")))
            query.addQueryItem(QStringLiteral("api-version"), settings.azureApiVersion);
        url.setQuery(query);
    }
    return url;
}

void LlmCoach::send(const QJsonArray& messages)
{
    QNetworkRequest request(chatCompletionsUrl(m_settings));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!m_settings.apiKey.isEmpty()) {
        if (m_settings.azure)
            request.setRawHeader("api-key", m_settings.apiKey.toUtf8());
        else
            request.setRawHeader("Authorization", "Bearer " + m_settings.apiKey.toUtf8());
    }
    const QJsonObject body{
        {QStringLiteral("model"), m_settings.model},
        {QStringLiteral("messages"), messages},
        {QStringLiteral("temperature"), 0.3},
        {QStringLiteral("response_format"), QJsonObject{{QStringLiteral("type"), QStringLiteral("json_object")}}}};
    m_timedOut = false;
    QNetworkReply* reply = m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, &LlmCoach::onReply);
    m_timeout->start(m_settings.timeoutMs);
}

void LlmCoach::finish(LlmOutcome outcome)
{
    m_timeout->stop();
    Q_EMIT finished(outcome);
}

void LlmCoach::fallBack(const QString& why)
{
    if (m_strategyMode) {
        m_timeout->stop();
        Q_EMIT strategyFinished(m_engineStrategy, false, tr("Showing the built-in race-day strategy: %1").arg(why));
        return;
    }
    LlmOutcome out;
    out.week = m_engineWeek;
    out.note = tr("Showing the built-in coach's week: %1").arg(why);
    finish(std::move(out));
}

void LlmCoach::onReply()
{
    QNetworkReply* reply = qobject_cast<QNetworkReply*>(sender());
    m_reply = nullptr;
    m_timeout->stop();
    if (!reply)
        return fallBack(tr("the request was lost."));
    reply->deleteLater();
    if (m_cancelled)
        return fallBack(tr("the request was cancelled."));
    if (m_timedOut)
        return fallBack(tr("the coach model did not answer within %1 s.").arg(m_settings.timeoutMs / 1000));
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (status == 0)
        return fallBack(
            tr("could not reach the coach model at %1 (%2).").arg(m_settings.baseUrl.toString(), reply->errorString()));
    if (status != 200)
        return fallBack(statusMessage(status, body, *reply));
    if (reply->error() != QNetworkReply::NoError)
        return fallBack(tr("the connection broke off (%1).").arg(reply->errorString()));

    QJsonParseError parse{};
    const QJsonObject completion = QJsonDocument::fromJson(body, &parse).object();
    if (parse.error != QJsonParseError::NoError)
        return fallBack(tr("the server's answer was not a chat completion (%1).").arg(parse.errorString()));
    const QJsonObject choice = completion.value(QStringLiteral("choices")).toArray().first().toObject();
    const QJsonObject answer = choice.value(QStringLiteral("message")).toObject();
    const QString refusal = answer.value(QStringLiteral("refusal")).toString();
    if (!refusal.isEmpty())
        return fallBack(tr("the model declined: %1").arg(refusal));
    const QString content = answer.value(QStringLiteral("content")).toString();
    if (content.isEmpty())
        return fallBack(tr("the model's answer was empty (finish reason: %1).")
                            .arg(choice.value(QStringLiteral("finish_reason")).toString()));

    if (m_strategyMode)
        return handleStrategy(content);
    // Whatever is wrong with the answer goes back to the model once, in the validator's words.
    QString problem;
    std::vector<PlanIssue> issues;
    std::optional<WeekPlan> week;
    QString jsonError;
    if (const auto json = jsonIn(content, jsonError)) {
        auto parsed = weekFromJson(*json);
        if (!parsed) {
            problem = parsed.error().message;
        } else if (parsed->weekStart != m_engineWeek.weekStart) {
            problem = tr("The plan must start on %1.").arg(m_engineWeek.weekStart.toString(Qt::ISODate));
        } else {
            week = *parsed;
            issues = validateWeek(*week, m_profile);
            QStringList lines;
            for (const PlanIssue& i : issues)
                lines << QStringLiteral("- %1 (%2)").arg(i.message, i.rule);
            problem = lines.join(QLatin1Char('\n'));
        }
    } else {
        problem = tr("The answer is not valid JSON: %1.").arg(jsonError);
    }
    if (problem.isEmpty() && week) {
        week->notes = m_engineWeek.notes; // the session list is the model's; the notes stay the engine's
        LlmOutcome out;
        out.week = *week;
        out.fromLlm = true;
        out.repaired = m_round > 0;
        out.note = out.repaired ? tr("The coach model's week, corrected once to pass the coaching rules.")
                                : tr("The coach model's week; it passes the coaching rules.");
        return finish(std::move(out));
    }
    if (m_round == 0) {
        ++m_round;
        m_messages.append(message(QStringLiteral("assistant"), content));
        m_messages.append(message(
            QStringLiteral("user"),
            QStringLiteral("That plan cannot be used:\n%1\nReply with the corrected JSON object only.").arg(problem)));
        Q_EMIT progressed(tr("Asking the coach model to fix its plan…"));
        send(m_messages);
        return;
    }
    LlmOutcome out;
    out.week = m_engineWeek;
    out.issues = issues;
    out.note = tr("Showing the built-in coach's week: the model's plan still broke the coaching rules after one "
                  "correction:\n%1")
                   .arg(problem);
    finish(std::move(out));
}

} // namespace tricoach
