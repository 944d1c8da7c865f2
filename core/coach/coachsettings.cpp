#include "core/coach/coachsettings.h"

#include "core/coach/planengine.h"
#include "core/coach/planmoves.h"
#include "core/store/activitystore.h"

#include <QJsonArray>

#include <numeric>

namespace tricoach {

namespace {
Error badSetting(const QString& key, const QString& why)
{
    return makeError(QStringLiteral("The coach setting \"%1\" %2.").arg(key, why), QStringLiteral("coach.bad-setting"));
}
} // namespace

QJsonObject CoachSettings::toJson() const
{
    QJsonArray hours;
    for (double h : hoursByWeekday)
        hours.append(h);
    return QJsonObject{
        {QStringLiteral("race"),
         QJsonObject{{QStringLiteral("name"), race.name},
                     {QStringLiteral("date"), race.date.toString(Qt::ISODate)},
                     {QStringLiteral("distance"), raceDistanceId(race.distance)},
                     {QStringLiteral("priority"), QString(QLatin1Char("ABC"[static_cast<int>(race.priority)]))},
                     {QStringLiteral("goal"), race.goal}}},
        {QStringLiteral("level"), experienceId(level)},
        {QStringLiteral("periodization"), periodizationId(model)},
        {QStringLiteral("hours_by_weekday"), hours},
        {QStringLiteral("pool_access"), poolAccess},
        {QStringLiteral("trainer_access"), trainerAccess},
        {QStringLiteral("moves"),
         [this] {
             QJsonArray list;
             for (const WorkoutMove& m : moves)
                 list.append(QJsonObject{{QStringLiteral("from"), m.from.toString(Qt::ISODate)},
                                         {QStringLiteral("session_type"), m.sessionType},
                                         {QStringLiteral("to"), m.to.toString(Qt::ISODate)}});
             return list;
         }()},
    };
}

Result<CoachSettings> CoachSettings::fromJson(const QJsonObject& json)
{
    CoachSettings s;
    const QJsonObject race = json.value(QStringLiteral("race")).toObject();
    s.race.name = race.value(QStringLiteral("name")).toString();
    s.race.goal = race.value(QStringLiteral("goal")).toString();
    s.race.date = QDate::fromString(race.value(QStringLiteral("date")).toString(), Qt::ISODate);
    if (!s.race.date.isValid())
        return badSetting(QStringLiteral("race.date"), QStringLiteral("is not a date (YYYY-MM-DD)"));
    const auto distance = raceDistanceFromString(race.value(QStringLiteral("distance")).toString());
    if (!distance)
        return badSetting(QStringLiteral("race.distance"), QStringLiteral("is not sprint, olympic, 70.3 or full"));
    s.race.distance = *distance;
    const QString priority = race.value(QStringLiteral("priority")).toString(QStringLiteral("A")).toUpper();
    if (priority == QStringLiteral("B"))
        s.race.priority = RacePriority::B;
    else if (priority == QStringLiteral("C"))
        s.race.priority = RacePriority::C;
    if (json.contains(QStringLiteral("level"))) {
        const auto level = experienceFromString(json.value(QStringLiteral("level")).toString());
        if (!level)
            return badSetting(QStringLiteral("level"), QStringLiteral("is not beginner, intermediate or advanced"));
        s.level = *level;
    }
    if (json.contains(QStringLiteral("periodization"))) {
        const auto model = periodizationFromString(json.value(QStringLiteral("periodization")).toString());
        if (!model)
            return badSetting(QStringLiteral("periodization"), QStringLiteral("is not linear, block or reverse"));
        s.model = *model;
    }
    const QJsonArray hours = json.value(QStringLiteral("hours_by_weekday")).toArray();
    if (!hours.isEmpty()) {
        if (hours.size() != 7)
            return badSetting(QStringLiteral("hours_by_weekday"), QStringLiteral("needs seven values, Monday first"));
        for (int d = 0; d < 7; ++d) {
            const double h = hours.at(d).toDouble(-1);
            if (!(h >= 0 && h <= 16))
                return badSetting(QStringLiteral("hours_by_weekday"), QStringLiteral("needs hours from 0 to 16"));
            s.hoursByWeekday[static_cast<std::size_t>(d)] = h;
        }
    }
    s.poolAccess = json.value(QStringLiteral("pool_access")).toBool(true);
    s.trainerAccess = json.value(QStringLiteral("trainer_access")).toBool(true);
    for (const QJsonValue& v : json.value(QStringLiteral("moves")).toArray()) {
        const QJsonObject o = v.toObject();
        WorkoutMove m{QDate::fromString(o.value(QStringLiteral("from")).toString(), Qt::ISODate),
                      o.value(QStringLiteral("session_type")).toString(),
                      QDate::fromString(o.value(QStringLiteral("to")).toString(), Qt::ISODate)};
        if (m.from.isValid() && m.to.isValid() && !m.sessionType.isEmpty())
            s.moves.push_back(m);
    }
    return s;
}

WeekPlan applyMoves(WeekPlan week, const std::vector<WorkoutMove>& moves)
{
    const auto dayOf = [&](const QDate& date) -> PlannedDay* {
        for (PlannedDay& d : week.days)
            if (d.date == date)
                return &d;
        return nullptr;
    };
    for (const WorkoutMove& m : moves) {
        PlannedDay* from = dayOf(m.from);
        PlannedDay* to = dayOf(m.to);
        if (!from || !to || from == to)
            continue;
        auto it = std::find_if(from->workouts.begin(), from->workouts.end(),
                               [&](const Workout& w) { return w.sessionType == m.sessionType && !w.race; });
        if (it == from->workouts.end())
            continue;
        to->workouts.push_back(*it);
        from->workouts.erase(it);
    }
    return week;
}

std::array<double, 7> spreadHours(double hoursPerWeek, const std::vector<int>& daysOff)
{
    constexpr std::array<double, 7> kWeights{0.6, 1.0, 1.0, 1.0, 0.6, 1.9, 1.6};
    std::array<double, 7> out{};
    double sum = 0;
    for (int d = 0; d < 7; ++d)
        if (std::find(daysOff.begin(), daysOff.end(), d) == daysOff.end())
            sum += kWeights[static_cast<std::size_t>(d)];
    if (sum <= 0)
        return out;
    for (int d = 0; d < 7; ++d) {
        if (std::find(daysOff.begin(), daysOff.end(), d) != daysOff.end())
            continue;
        // Quarter hours: what a person would write in a diary.
        out[static_cast<std::size_t>(d)] =
            std::round(hoursPerWeek * kWeights[static_cast<std::size_t>(d)] / sum * 4) / 4;
    }
    return out;
}

std::optional<CoachSettings> loadCoachSettings(const ActivityStore& store, AthleteId athlete)
{
    const auto json = store.document(athlete, QString::fromLatin1(kCoachDocument));
    if (!json)
        return std::nullopt;
    auto settings = CoachSettings::fromJson(*json);
    if (!settings)
        return std::nullopt;
    return *settings;
}

Result<void> saveCoachSettings(ActivityStore& store, AthleteId athlete, const CoachSettings& settings)
{
    return store.setDocument(athlete, QString::fromLatin1(kCoachDocument), settings.toJson());
}

CoachProfile coachProfile(const ActivityStore& store, AthleteId athlete, const CoachSettings& settings,
                          const QDate& today)
{
    CoachProfile p;
    p.race = settings.race;
    p.level = settings.level;
    p.model = settings.model;
    p.hoursByWeekday = settings.hoursByWeekday;
    p.poolAccess = settings.poolAccess;
    p.trainerAccess = settings.trainerAccess;
    p.today = today;
    p.thresholds = store.thresholdHistory(athlete).at(today);
    // The chart continues with zero load past the last activity: the state on the eve of the plan's first day.
    const QDate eve = planStart(today).addDays(-1);
    const auto chart = store.pmc(athlete, eve, eve);
    if (!chart.empty())
        p.fitness = PmcState{chart.back().ctl, chart.back().atl};
    double seconds = 0;
    ActivityQuery last4;
    last4.from = today.addDays(-28);
    last4.to = today;
    for (const Activity& a : store.activities(athlete, last4))
        seconds += a.durationSec();
    p.recentWeeklyHours = seconds / 3600 / 4;
    return p;
}

} // namespace tricoach
