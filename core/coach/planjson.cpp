#include "core/coach/planjson.h"

#include <QRegularExpression>

#include <cmath>

namespace tricoach {

namespace {

QString sportText(const Workout& w)
{
    if (w.sessionType == QStringLiteral("Brick run"))
        return QStringLiteral("Brick");
    return sportId(w.sport);
}

QJsonObject sessionJson(const PlannedDay& day, const Workout& w, const Thresholds& t)
{
    return QJsonObject{
        {QStringLiteral("date"), day.date.toString(Qt::ISODate)},
        {QStringLiteral("sport"), sportText(w)},
        {QStringLiteral("session_type"), w.sessionType},
        {QStringLiteral("duration_min"), static_cast<int>(std::lround(w.minutes()))},
        {QStringLiteral("intensity"), w.intensity(t)},
        {QStringLiteral("description"), w.description(t)},
        {QStringLiteral("primary_goal"), w.primaryGoal},
        {QStringLiteral("priority"), workoutPriorityId(w.priority)},
        {QStringLiteral("warmup_min"), static_cast<int>(std::lround(w.warmupMinutes()))},
        {QStringLiteral("main_set_min"), static_cast<int>(std::lround(w.minutes()) - std::lround(w.warmupMinutes()) -
                                                          std::lround(w.cooldownMinutes()))},
        {QStringLiteral("cooldown_min"), static_cast<int>(std::lround(w.cooldownMinutes()))},
    };
}

QJsonArray strings(const QStringList& list)
{
    QJsonArray out;
    for (const QString& s : list)
        out.append(s);
    return out;
}

Error badField(const QString& field, const QString& why)
{
    return makeError(QStringLiteral("The plan's %1 %2.").arg(field, why), QStringLiteral("coach.bad-plan"));
}

} // namespace

QJsonObject weekToJson(const WeekPlan& week, const Thresholds& t)
{
    QJsonArray days;
    for (const PlannedDay& d : week.days) {
        if (d.workouts.empty()) {
            days.append(QJsonObject{{QStringLiteral("date"), d.date.toString(Qt::ISODate)},
                                    {QStringLiteral("sport"), QStringLiteral("Rest")},
                                    {QStringLiteral("session_type"), QStringLiteral("Rest day")},
                                    {QStringLiteral("duration_min"), 0},
                                    {QStringLiteral("intensity"), QStringLiteral("Z1")},
                                    {QStringLiteral("description"), QStringLiteral("Rest: sleep, eat well, stretch.")},
                                    {QStringLiteral("primary_goal"), QStringLiteral("recovery")},
                                    {QStringLiteral("priority"), QStringLiteral("low")},
                                    {QStringLiteral("warmup_min"), 0},
                                    {QStringLiteral("main_set_min"), 0},
                                    {QStringLiteral("cooldown_min"), 0}});
            continue;
        }
        for (const Workout& w : d.workouts)
            days.append(sessionJson(d, w, t));
    }
    const WeekNotes& n = week.notes;
    return QJsonObject{
        {QStringLiteral("week_start_date"), week.weekStart.toString(Qt::ISODate)},
        {QStringLiteral("total_planned_hours"), std::round(week.hours() * 100) / 100},
        {QStringLiteral("days"), days},
        {QStringLiteral("notes"), QJsonObject{{QStringLiteral("overall_focus"), n.overallFocus},
                                              {QStringLiteral("key_workouts"), strings(n.keyWorkouts)},
                                              {QStringLiteral("recovery_guidelines"), n.recoveryGuidelines},
                                              {QStringLiteral("nutrition_tips"), n.nutritionTips},
                                              {QStringLiteral("gear_recommendations"), n.gearRecommendations}}},
    };
}

QJsonObject seasonToJson(const SeasonPlan& plan, const std::vector<PlanIssue>& issues, const PmcSettings& pmc)
{
    const std::vector<PmcDay> chart = plan.projection(pmc);
    QJsonArray weeks;
    std::size_t day = 0;
    double raceForm = 0;
    for (const PmcDay& d : chart)
        if (d.date == plan.profile.race.date)
            raceForm = d.tsb;
    for (const WeekPlan& w : plan.weeks) {
        day += w.days.size();
        const PmcDay& end = chart[std::min(day, chart.size()) - 1];
        weeks.append(QJsonObject{
            {QStringLiteral("week_start_date"), w.weekStart.toString(Qt::ISODate)},
            {QStringLiteral("phase"), phaseName(w.phase)},
            {QStringLiteral("recovery_week"), w.recoveryWeek},
            {QStringLiteral("total_planned_hours"), std::round(w.hours() * 100) / 100},
            {QStringLiteral("planned_load"), std::round(w.plannedLoad())},
            {QStringLiteral("projected_ctl"), std::round(end.ctl * 10) / 10},
            {QStringLiteral("projected_atl"), std::round(end.atl * 10) / 10},
            {QStringLiteral("projected_tsb"), std::round((end.ctl - end.atl) * 10) / 10},
            {QStringLiteral("focus"), w.notes.overallFocus},
        });
    }
    QJsonArray problems;
    for (const PlanIssue& i : issues)
        problems.append(QJsonObject{{QStringLiteral("rule"), i.rule},
                                    {QStringLiteral("date"), i.date.toString(Qt::ISODate)},
                                    {QStringLiteral("message"), i.message}});
    const RaceGoal& race = plan.profile.race;
    return QJsonObject{
        {QStringLiteral("race"), QJsonObject{{QStringLiteral("name"), race.name},
                                             {QStringLiteral("date"), race.date.toString(Qt::ISODate)},
                                             {QStringLiteral("distance"), raceDistanceId(race.distance)}}},
        {QStringLiteral("periodization"), periodizationId(plan.profile.model)},
        {QStringLiteral("weeks"), weeks},
        {QStringLiteral("race_day_tsb"), std::round(raceForm * 10) / 10},
        {QStringLiteral("valid"), issues.empty()},
        {QStringLiteral("issues"), problems},
    };
}

QJsonObject raceStrategyToJson(const RaceStrategy& s)
{
    QJsonArray legs;
    for (const LegPlan& l : s.legs)
        legs.append(QJsonObject{{QStringLiteral("sport"), sportId(l.sport)},
                                {QStringLiteral("distance_m"), l.distanceM},
                                {QStringLiteral("target"), l.target},
                                {QStringLiteral("predicted_min"), std::round(l.predictedMinutes * 10) / 10},
                                {QStringLiteral("basis"), l.basis},
                                {QStringLiteral("execution"), strings(l.execution)}});
    QJsonArray fuel;
    for (const FuelEvent& f : s.fuelling)
        fuel.append(QJsonObject{{QStringLiteral("minute"), f.minute},
                                {QStringLiteral("leg"), sportId(f.leg)},
                                {QStringLiteral("what"), f.what},
                                {QStringLiteral("carbs_g"), std::round(f.carbsG)},
                                {QStringLiteral("fluid_ml"), std::round(f.fluidMl)}});
    return QJsonObject{
        {QStringLiteral("race"), QJsonObject{{QStringLiteral("name"), s.race.name},
                                             {QStringLiteral("date"), s.race.date.toString(Qt::ISODate)},
                                             {QStringLiteral("distance"), raceDistanceId(s.race.distance)}}},
        {QStringLiteral("taper_and_race_week"), strings(s.taperAndRaceWeek)},
        {QStringLiteral("race_morning"), strings(s.raceMorning)},
        {QStringLiteral("transition_1"), strings(s.transition1)},
        {QStringLiteral("transition_2"), strings(s.transition2)},
        {QStringLiteral("legs"), legs},
        {QStringLiteral("transition_min"), s.transitionMinutes},
        {QStringLiteral("predicted_finish_min"), std::round(s.predictedMinutes * 10) / 10},
        {QStringLiteral("nutrition"), QJsonObject{{QStringLiteral("carbs_g_per_hour_bike"), s.carbsPerHourBike},
                                                  {QStringLiteral("carbs_g_per_hour_run"), s.carbsPerHourRun},
                                                  {QStringLiteral("fluid_ml_per_hour"), std::round(s.fluidMlPerHour)},
                                                  {QStringLiteral("fluid_basis"), s.fluidBasis},
                                                  {QStringLiteral("schedule"), fuel}}},
        {QStringLiteral("mental_cues"), strings(s.mentalCues)},
        {QStringLiteral("contingencies"), strings(s.contingencies)},
    };
}

Result<WeekPlan> weekFromJson(const QJsonObject& json)
{
    WeekPlan week;
    week.weekStart = QDate::fromString(json.value(QStringLiteral("week_start_date")).toString(), Qt::ISODate);
    if (!week.weekStart.isValid())
        return badField(QStringLiteral("week_start_date"), QStringLiteral("is not a date (YYYY-MM-DD)"));
    for (int d = 0; d < 7; ++d)
        week.days.push_back(PlannedDay{week.weekStart.addDays(d), {}});
    const QJsonValue days = json.value(QStringLiteral("days"));
    if (!days.isArray())
        return badField(QStringLiteral("days"), QStringLiteral("are missing"));
    static const QRegularExpression zoneRe(QStringLiteral("Z([1-5])"));
    int index = 0;
    for (const QJsonValue& v : days.toArray()) {
        const QString where = QStringLiteral("days[%1]").arg(index++);
        const QJsonObject o = v.toObject();
        const QDate date = QDate::fromString(o.value(QStringLiteral("date")).toString(), Qt::ISODate);
        const qint64 offset = date.isValid() ? week.weekStart.daysTo(date) : -1;
        if (offset < 0 || offset > 6)
            return badField(where + QStringLiteral(".date"), QStringLiteral("is not a day of that week"));
        const QString sport = o.value(QStringLiteral("sport")).toString();
        if (sport.compare(QStringLiteral("Rest"), Qt::CaseInsensitive) == 0)
            continue;
        const auto parsed = sportFromString(sport);
        if (!parsed)
            return badField(where + QStringLiteral(".sport"), QStringLiteral("\"%1\" is not a sport").arg(sport));
        const double minutes = o.value(QStringLiteral("duration_min")).toDouble(-1);
        if (!(minutes > 0 && minutes <= 16 * 60))
            return badField(where + QStringLiteral(".duration_min"), QStringLiteral("is not a number of minutes"));
        int zone = 2;
        if (auto m = zoneRe.match(o.value(QStringLiteral("intensity")).toString()); m.hasMatch())
            zone = m.captured(1).toInt();
        Workout w;
        w.sport = *parsed == Sport::Brick ? Sport::Run : *parsed;
        w.sessionType = o.value(QStringLiteral("session_type")).toString();
        w.primaryGoal = o.value(QStringLiteral("primary_goal")).toString();
        w.declaredMinutes = minutes;
        w.givenDescription = o.value(QStringLiteral("description")).toString();
        const double warm = std::max(0.0, o.value(QStringLiteral("warmup_min")).toDouble(0));
        const double cool = std::max(0.0, o.value(QStringLiteral("cooldown_min")).toDouble(0));
        const double main = o.contains(QStringLiteral("main_set_min"))
                                ? o.value(QStringLiteral("main_set_min")).toDouble(0)
                                : minutes - warm - cool;
        if (warm > 0)
            w.groups.push_back(StepGroup{1, {WorkoutStep{StepKind::WarmUp, warm, 1, 0, 0}}});
        // The main set's work as the description spells it ("4x8min @ Z4", "20min @ Z3"); the rest of the main
        // set easy. Without such a description the whole main set is at the stated intensity.
        static const QRegularExpression workRe(
            QStringLiteral("(?:(\\d+)\\s*x\\s*)?(\\d+(?:\\.\\d+)?)\\s*(min|s)\\b[^,;@]*@\\s*Z([1-5])"));
        double work = 0;
        std::vector<StepGroup> blocks;
        for (auto it = workRe.globalMatch(w.givenDescription); it.hasNext();) {
            const auto m = it.next();
            const int repeats = m.captured(1).isEmpty() ? 1 : m.captured(1).toInt();
            const double each = m.captured(2).toDouble() / (m.captured(3) == QStringLiteral("s") ? 60.0 : 1.0);
            if (repeats < 1 || repeats > 50 || !(each > 0) || work + repeats * each > main + 1e-9)
                continue;
            blocks.push_back(StepGroup{repeats, {WorkoutStep{StepKind::Work, each, m.captured(4).toInt(), 0, 0}}});
            work += repeats * each;
        }
        if (blocks.empty() && main > 0) {
            w.groups.push_back(StepGroup{1, {WorkoutStep{StepKind::Steady, main, zone, 0, 0}}});
        } else {
            w.groups.insert(w.groups.end(), blocks.begin(), blocks.end());
            if (main - work > 1e-9)
                w.groups.push_back(StepGroup{1, {WorkoutStep{StepKind::Steady, main - work, std::min(zone, 2), 0, 0}}});
        }
        if (cool > 0)
            w.groups.push_back(StepGroup{1, {WorkoutStep{StepKind::CoolDown, cool, 1, 0, 0}}});
        week.days[static_cast<std::size_t>(offset)].workouts.push_back(w);
    }
    return week;
}

} // namespace tricoach
