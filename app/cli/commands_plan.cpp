// race set|show and plan week|season: the athlete's race and the coach's plan to it.
#include "app/cli/commands.h"
#include "app/cli/context.h"
#include "app/cli/output.h"
#include "core/coach/coachsettings.h"
#include "core/coach/fitworkout.h"
#include "core/coach/llmcoach.h"
#include "core/coach/planengine.h"
#include "core/coach/planjson.h"
#include "core/coach/planvalidator.h"
#include "core/coach/racestrategy.h"
#include "core/coach/workoutexport.h"
#include "core/metrics/volume.h"
#include "core/model/plausible.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QSaveFile>

namespace tricoach::cli {

namespace {

Error noRace()
{
    return makeError(QStringLiteral("No race is set for this athlete. Set one first: tricoach-cli race set --date "
                                    "YYYY-MM-DD --distance sprint|olympic|70.3|full"),
                     QStringLiteral("coach.no-race"));
}

// "mon,fri" → weekday numbers (Monday = 0).
std::optional<std::vector<int>> parseDaysOff(OptionReader& r, const QString& text)
{
    static const QStringList names{QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"),
                                   QStringLiteral("thu"), QStringLiteral("fri"), QStringLiteral("sat"),
                                   QStringLiteral("sun")};
    std::vector<int> days;
    for (const QString& item : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype d = names.indexOf(item.trimmed().left(3).toLower());
        if (d < 0) {
            r.fail(QStringLiteral("--days-off: \"%1\" is not a weekday (mon, tue, …, sun)").arg(item));
            return std::nullopt;
        }
        days.push_back(static_cast<int>(d));
    }
    return days;
}

void writeRace(const Invocation& inv, Io& io, const CoachSettings& s)
{
    if (inv.global.json) {
        writeJson(io.out, s.toJson());
        return;
    }
    static const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    io.out << "race          " << (s.race.name.isEmpty() ? QStringLiteral("(unnamed)") : s.race.name) << '\n'
           << "date          " << isoDate(s.race.date) << '\n'
           << "distance      " << raceDistanceId(s.race.distance) << '\n'
           << "level         " << experienceId(s.level) << '\n'
           << "periodization " << periodizationId(s.model) << '\n'
           << "pool, trainer " << (s.poolAccess ? "yes" : "no") << ", " << (s.trainerAccess ? "yes" : "no") << '\n'
           << "hours         ";
    double total = 0;
    for (int d = 0; d < 7; ++d) {
        io.out << kDays[d] << ' ' << fixed(s.hoursByWeekday[static_cast<std::size_t>(d)], 2) << (d < 6 ? "  " : "");
        total += s.hoursByWeekday[static_cast<std::size_t>(d)];
    }
    io.out << "  (" << fixed(total, 1) << " h a week)\n";
    io.out.flush();
}

int runRaceSet(const Invocation& inv, Io& io)
{
    OptionReader r(inv);
    r.require(QStringLiteral("date"));
    r.require(QStringLiteral("distance"));
    const auto date = r.date(QStringLiteral("date"));
    const auto distanceText = r.text(QStringLiteral("distance"));
    std::optional<RaceDistance> distance;
    if (distanceText && !(distance = raceDistanceFromString(*distanceText)))
        r.fail(QStringLiteral("--distance: \"%1\" is not sprint, olympic, 70.3 or full").arg(*distanceText));
    const auto hours = r.number(QStringLiteral("hours-per-week"), 0, true);
    if (hours && *hours > 40)
        r.fail(QStringLiteral("--hours-per-week: %1 is more than anyone trains").arg(*hours));
    std::optional<Experience> level;
    if (auto text = r.text(QStringLiteral("level")); text && !(level = experienceFromString(*text)))
        r.fail(QStringLiteral("--level: \"%1\" is not beginner, intermediate or advanced").arg(*text));
    std::optional<Periodization> model;
    if (auto text = r.text(QStringLiteral("periodization")); text && !(model = periodizationFromString(*text)))
        r.fail(QStringLiteral("--periodization: \"%1\" is not linear, block or reverse").arg(*text));
    std::vector<int> daysOff;
    if (auto text = r.text(QStringLiteral("days-off"))) {
        if (auto parsed = parseDaysOff(r, *text))
            daysOff = *parsed;
    }
    if (date && *date < today())
        r.fail(QStringLiteral("--date: %1 has passed; give the date of a race to come").arg(isoDate(*date)));
    if (!r.ok())
        return report(io, inv, r.error());

    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    CoachSettings s = loadCoachSettings(*session->store, session->athlete.id).value_or(CoachSettings{});
    s.race.date = *date;
    s.race.distance = *distance;
    if (auto name = r.text(QStringLiteral("name")))
        s.race.name = *name;
    if (level)
        s.level = *level;
    if (model)
        s.model = *model;
    if (hours || !daysOff.empty()) {
        double weekly = hours.value_or(0);
        if (!hours)
            for (double h : s.hoursByWeekday)
                weekly += h;
        s.hoursByWeekday = spreadHours(weekly, daysOff);
    }
    if (inv.has(QStringLiteral("no-pool")))
        s.poolAccess = false;
    if (inv.has(QStringLiteral("no-trainer")))
        s.trainerAccess = false;
    if (auto saved = saveCoachSettings(*session->store, session->athlete.id, s); !saved)
        return report(io, inv, saved.error());
    writeRace(inv, io, s);
    return kExitOk;
}

int runRaceShow(const Invocation& inv, Io& io)
{
    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    const auto s = loadCoachSettings(*session->store, session->athlete.id);
    if (!s)
        return report(io, inv, noRace());
    writeRace(inv, io, *s);
    return kExitOk;
}

// --llm-url/--llm-model/--llm-azure; the key comes from the environment, never the command line (shell history,
// process lists).
Result<LlmSettings> llmOptions(const Invocation& inv, const QString& url)
{
    LlmSettings llm;
    llm.baseUrl = QUrl(url);
    llm.model = inv.value(QStringLiteral("llm-model"));
    llm.apiKey = qEnvironmentVariable("TRICOACH_LLM_API_KEY");
    llm.azure = inv.has(QStringLiteral("llm-azure"));
    if (llm.model.isEmpty())
        return usageError(QStringLiteral("--llm-url needs --llm-model"));
    return llm;
}

// The season for the session's athlete, planned from today.
Result<SeasonPlan> season(const Session& session)
{
    const auto settings = loadCoachSettings(*session.store, session.athlete.id);
    if (!settings)
        return noRace();
    const CoachProfile profile = coachProfile(*session.store, session.athlete.id, *settings, today());
    if (settings->race.date < planStart(today()) && weekStartOf(settings->race.date) < weekStartOf(today()))
        return makeError(QStringLiteral("The race on %1 has passed; set the next one with tricoach-cli race set.")
                             .arg(isoDate(settings->race.date)),
                         QStringLiteral("coach.race-passed"));
    EngineSettings engine;
    engine.pmc = session.store->metricSettings(session.athlete.id).pmc;
    return planSeason(profile, engine);
}

int runPlanWeek(const Invocation& inv, Io& io)
{
    OptionReader r(inv);
    const auto start = r.date(QStringLiteral("week-start"));
    if (!r.ok())
        return report(io, inv, r.error());
    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    auto plan = season(*session);
    if (!plan)
        return report(io, inv, plan.error());
    const QDate wanted = start ? *start : plan->weeks.front().weekStart;
    const WeekPlan* week = plan->week(wanted);
    if (!week)
        return report(io, inv,
                      usageError(QStringLiteral("--week-start: %1 is not in the plan (%2 to %3)")
                                     .arg(isoDate(wanted), isoDate(plan->weeks.front().weekStart),
                                          isoDate(plan->weeks.back().days.back().date))));
    std::optional<WeekPlan> fromModel;
    if (const QString url = inv.value(QStringLiteral("llm-url")); !url.isEmpty()) {
        auto llm = llmOptions(inv, url);
        if (!llm)
            return report(io, inv, llm.error());
        const LlmContext context = firstPartyContext(*session->store, session->athlete.id, plan->profile);
        LlmCoach coach(*llm);
        QEventLoop loop;
        LlmOutcome outcome;
        QObject::connect(&coach, &LlmCoach::finished, &loop, [&](const LlmOutcome& o) {
            outcome = o;
            loop.quit();
        });
        coach.proposeWeek(plan->profile, *week, context);
        loop.exec();
        io.err << outcome.note << '\n';
        if (context.leftOut > 0)
            io.err << context.leftOut
                   << " Strava activities were left out: Strava's terms do not allow their data in AI models.\n";
        io.err.flush();
        fromModel = outcome.week;
        week = &*fromModel;
    }
    if (inv.global.json) {
        writeJson(io.out, weekToJson(*week, plan->profile.thresholds));
        return kExitOk;
    }
    io.out << "Week of " << isoDate(week->weekStart) << " — " << phaseName(week->phase)
           << (week->recoveryWeek ? " (recovery week)" : "") << ", " << fixed(week->hours(), 1) << " h, load "
           << fixed(week->plannedLoad(), 0) << '\n'
           << week->notes.overallFocus << "\n\n";
    for (const PlannedDay& d : week->days) {
        const DayFuel fuel = dailyCarbohydrate(d.minutes(), d.plannedLoad());
        io.out << d.date.toString(QStringLiteral("ddd yyyy-MM-dd")) << "  (fuel " << fuel.carbsLowGPerKg << "–"
               << fuel.carbsHighGPerKg << " g carbohydrate/kg, " << fuel.dayType << " day)\n";
        if (d.workouts.empty())
            io.out << "  Rest\n";
        for (const Workout& w : d.workouts)
            io.out << "  " << sportId(w.sport) << " · " << w.sessionType << " · " << fixed(w.minutes(), 0)
                   << " min · load " << fixed(w.plannedLoad(), 0) << "\n    " << w.description(plan->profile.thresholds)
                   << '\n';
    }
    io.out.flush();
    return kExitOk;
}

int runPlanSeason(const Invocation& inv, Io& io)
{
    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    auto plan = season(*session);
    if (!plan)
        return report(io, inv, plan.error());
    const PmcSettings pmc = session->store->metricSettings(session->athlete.id).pmc;
    const auto issues = validatePlan(*plan, pmc);
    const QJsonObject json = seasonToJson(*plan, issues, pmc);
    if (inv.global.json) {
        writeJson(io.out, json);
        return kExitOk;
    }
    TextTable t;
    t.addColumn(QStringLiteral("Week"), TextTable::Align::Left);
    t.addColumn(QStringLiteral("Phase"), TextTable::Align::Left);
    t.addColumn(QStringLiteral("Hours"));
    t.addColumn(QStringLiteral("Load"));
    t.addColumn(QStringLiteral("Fitness"));
    t.addColumn(QStringLiteral("Form"));
    for (const QJsonValue& v : json.value(QStringLiteral("weeks")).toArray()) {
        const QJsonObject w = v.toObject();
        t.addRow({w.value(QStringLiteral("week_start_date")).toString(),
                  w.value(QStringLiteral("phase")).toString() +
                      (w.value(QStringLiteral("recovery_week")).toBool() ? QStringLiteral(" (recovery)") : QString()),
                  fixed(w.value(QStringLiteral("total_planned_hours")).toDouble(), 1),
                  fixed(w.value(QStringLiteral("planned_load")).toDouble(), 0),
                  fixed(w.value(QStringLiteral("projected_ctl")).toDouble(), 1),
                  fixed(w.value(QStringLiteral("projected_tsb")).toDouble(), 1)});
    }
    t.write(io.out);
    io.out << "Race day " << isoDate(plan->profile.race.date) << ": Form "
           << fixed(json.value(QStringLiteral("race_day_tsb")).toDouble(), 1) << '\n';
    for (const PlanIssue& i : issues)
        io.out << "warning: " << i.message << '\n';
    io.out.flush();
    return kExitOk;
}

int runPlanRace(const Invocation& inv, Io& io)
{
    OptionReader r(inv);
    const auto before =
        r.number(QStringLiteral("sweat-before"), plausible::kWeightKg.min, false, plausible::kWeightKg.max);
    const auto after =
        r.number(QStringLiteral("sweat-after"), plausible::kWeightKg.min, false, plausible::kWeightKg.max);
    const auto drank = r.number(QStringLiteral("sweat-drank"), 0, false, 20);
    const auto hours = r.number(QStringLiteral("sweat-hours"), 0, true, 48);
    std::optional<double> rate;
    const int given = (before ? 1 : 0) + (after ? 1 : 0) + (hours ? 1 : 0);
    if (given > 0 && given < 3)
        r.fail(
            QStringLiteral("a sweat test needs --sweat-before, --sweat-after and --sweat-hours (and --sweat-drank)"));
    if (given == 3 && r.ok()) {
        rate = sweatRate(SweatTest{*before, *after, drank.value_or(0), 0, *hours});
        if (!rate)
            r.fail(QStringLiteral("that sweat test is not possible (more weight gained than drunk, or over 4 l/h)"));
    }
    if (!r.ok())
        return report(io, inv, r.error());
    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    const auto settings = loadCoachSettings(*session->store, session->athlete.id);
    if (!settings)
        return report(io, inv, noRace());
    const CoachProfile profile = coachProfile(*session->store, session->athlete.id, *settings, today());
    RaceStrategy strategy = raceStrategy(profile, rate);
    if (const QString url = inv.value(QStringLiteral("llm-url")); !url.isEmpty()) {
        auto llm = llmOptions(inv, url);
        if (!llm)
            return report(io, inv, llm.error());
        const LlmContext context = firstPartyContext(*session->store, session->athlete.id, profile);
        LlmCoach coach(*llm);
        QEventLoop loop;
        QObject::connect(&coach, &LlmCoach::strategyFinished, &loop,
                         [&](const RaceStrategy& s, bool, const QString& note) {
                             strategy = s;
                             io.err << note << '\n';
                             loop.quit();
                         });
        coach.proposeRaceStrategy(profile, strategy, context);
        loop.exec();
        if (context.leftOut > 0)
            io.err << context.leftOut
                   << " Strava activities were left out: Strava's terms do not allow their data in AI models.\n";
        io.err.flush();
    }
    if (inv.global.json) {
        writeJson(io.out, raceStrategyToJson(strategy));
        return kExitOk;
    }
    const auto minutesText = [](double m) {
        const auto total = static_cast<long long>(std::llround(m));
        return QStringLiteral("%1:%2").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
    };
    io.out << (strategy.race.name.isEmpty() ? QStringLiteral("Race") : strategy.race.name) << ", "
           << isoDate(strategy.race.date) << " (" << raceDistanceId(strategy.race.distance) << ")\n"
           << "Predicted finish " << minutesText(strategy.predictedMinutes) << " (h:mm)\n\n";
    for (const LegPlan& l : strategy.legs) {
        io.out << sportId(l.sport) << " " << fixed(l.distanceM / 1000, 1) << " km: " << l.target << " — "
               << minutesText(l.predictedMinutes) << " (" << l.basis << ")\n";
        for (const QString& e : l.execution)
            io.out << "  - " << e << '\n';
    }
    io.out << "\nFuel: " << fixed(strategy.carbsPerHourBike, 0) << " g/h on the bike, "
           << fixed(strategy.carbsPerHourRun, 0) << " g/h on the run, " << fixed(strategy.fluidMlPerHour, 0)
           << " ml/h (" << strategy.fluidBasis << ")\n";
    for (const FuelEvent& f : strategy.fuelling)
        io.out << "  " << minutesText(f.minute) << "  " << sportId(f.leg) << ": " << f.what << '\n';
    const std::pair<const char*, const QStringList*> lists[] = {{"Taper and race week", &strategy.taperAndRaceWeek},
                                                                {"Race morning", &strategy.raceMorning},
                                                                {"T1", &strategy.transition1},
                                                                {"T2", &strategy.transition2},
                                                                {"Mental cues", &strategy.mentalCues},
                                                                {"If things go wrong", &strategy.contingencies}};
    for (const auto& [title, items] : lists) {
        io.out << '\n' << title << '\n';
        for (const QString& item : *items)
            io.out << "  - " << item << '\n';
    }
    io.out.flush();
    return kExitOk;
}

// Writes `bytes` to `folder/name` whole or not at all.
Result<QString> writeFile(const QString& folder, const QString& name, const QByteArray& bytes)
{
    const QString path = QDir(folder).filePath(name);
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return makeError(QStringLiteral("Could not write %1: %2").arg(path, f.errorString()),
                         QStringLiteral("cli.write-failed"));
    return path;
}

int runPlanExport(const Invocation& inv, Io& io)
{
    OptionReader r(inv);
    r.require(QStringLiteral("format"));
    r.require(QStringLiteral("out"));
    const auto format = r.text(QStringLiteral("format"));
    const auto out = r.text(QStringLiteral("out"));
    const auto start = r.date(QStringLiteral("week-start"));
    static const QStringList formats{QStringLiteral("zwo"), QStringLiteral("erg"), QStringLiteral("mrc"),
                                     QStringLiteral("fit"), QStringLiteral("ics")};
    if (format && !formats.contains(*format))
        r.fail(QStringLiteral("--format: \"%1\" is not one of zwo, erg, mrc, fit, ics").arg(*format));
    if (!r.ok())
        return report(io, inv, r.error());
    if (!QDir().mkpath(*out))
        return report(
            io, inv,
            makeError(QStringLiteral("Could not create the folder %1.").arg(*out), QStringLiteral("cli.write-failed")));
    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());
    auto plan = season(*session);
    if (!plan)
        return report(io, inv, plan.error());
    const Thresholds& t = plan->profile.thresholds;
    QStringList written, skipped;
    if (*format == QStringLiteral("ics")) {
        auto path = writeFile(*out, QStringLiteral("tricoach-plan.ics"), toIcs(*plan, t));
        if (!path)
            return report(io, inv, path.error());
        written << *path;
    } else {
        const WeekPlan* week = plan->week(start ? *start : plan->weeks.front().weekStart);
        if (!week)
            return report(io, inv, usageError(QStringLiteral("--week-start: that week is not in the plan")));
        for (const PlannedDay& d : week->days) {
            for (const Workout& w : d.workouts) {
                if (w.race)
                    continue;
                const QString base = exportBaseName(d.date, w);
                QByteArray bytes;
                if (*format == QStringLiteral("zwo") && (w.sport == Sport::Bike || w.sport == Sport::Run))
                    bytes = toZwo(w, base);
                else if (*format == QStringLiteral("erg"))
                    bytes = toErg(w, base, t.ftpWatts.value_or(0));
                else if (*format == QStringLiteral("mrc"))
                    bytes = toMrc(w, base);
                else if (*format == QStringLiteral("fit"))
                    bytes = toFitWorkout(w, w.sessionType, t);
                if (bytes.isEmpty()) {
                    skipped << base;
                    continue;
                }
                auto path = writeFile(*out, base + QLatin1Char('.') + *format, bytes);
                if (!path)
                    return report(io, inv, path.error());
                written << *path;
            }
        }
    }
    if (inv.global.json) {
        QJsonArray files, left;
        for (const QString& f : written)
            files.append(f);
        for (const QString& f : skipped)
            left.append(f);
        writeJson(io.out, QJsonObject{{QStringLiteral("written"), files}, {QStringLiteral("skipped"), left}});
        return kExitOk;
    }
    for (const QString& f : written)
        io.out << f << '\n';
    if (!skipped.isEmpty())
        io.err << "not in this format (" << *format << "): " << skipped.join(QStringLiteral(", "))
               << (*format == QStringLiteral("erg") && !t.ftpWatts ? " — ERG needs an FTP (athlete set --ftp)" : "")
               << '\n';
    io.out.flush();
    io.err.flush();
    return kExitOk;
}

} // namespace

std::vector<CommandSpec> planCommands()
{
    const QString race = QStringLiteral("race");
    const QString plan = QStringLiteral("plan");
    return {
        {race,
         QStringLiteral("set"),
         QStringLiteral("set the race the coach plans for, and the time you have"),
         {},
         0,
         0,
         {
             {QStringLiteral("date"), QStringLiteral("YYYY-MM-DD"), QStringLiteral("race day")},
             {QStringLiteral("distance"), QStringLiteral("sprint|olympic|70.3|full"), QStringLiteral("race distance")},
             {QStringLiteral("name"), QStringLiteral("TEXT"), QStringLiteral("the race's name")},
             {QStringLiteral("hours-per-week"), QStringLiteral("H"),
              QStringLiteral("training time a week, spread over the days (more at the weekend)")},
             {QStringLiteral("days-off"), QStringLiteral("mon,fri"), QStringLiteral("days without training")},
             {QStringLiteral("level"), QStringLiteral("beginner|intermediate|advanced"), QStringLiteral("experience")},
             {QStringLiteral("periodization"), QStringLiteral("linear|block|reverse"),
              QStringLiteral("how the weeks are organised (linear)")},
             {QStringLiteral("no-pool"), QString(), QStringLiteral("no pool: open-water swims only")},
             {QStringLiteral("no-trainer"), QString(), QStringLiteral("no indoor trainer")},
         },
         runRaceSet},
        {race,
         QStringLiteral("show"),
         QStringLiteral("the race and availability the coach plans with"),
         {},
         0,
         0,
         {},
         runRaceShow},
        {plan,
         QStringLiteral("week"),
         QStringLiteral("the plan of one week, each session structured (roadmap JSON with --json)"),
         {},
         0,
         0,
         {{QStringLiteral("week-start"), QStringLiteral("YYYY-MM-DD"),
           QStringLiteral("any day of the week (next week)")},
          {QStringLiteral("llm-url"), QStringLiteral("URL"),
           QStringLiteral("ask an OpenAI-compatible model (base URL, e.g. http://localhost:11434/v1); key in "
                          "TRICOACH_LLM_API_KEY")},
          {QStringLiteral("llm-model"), QStringLiteral("NAME"), QStringLiteral("the model to ask")},
          {QStringLiteral("llm-azure"), QString(), QStringLiteral("the URL is an Azure OpenAI deployment")}},
         runPlanWeek},
        {plan,
         QStringLiteral("season"),
         QStringLiteral("every week to race day: phase, hours, load, Fitness and Form"),
         {},
         0,
         0,
         {},
         runPlanSeason},
        {plan,
         QStringLiteral("export"),
         QStringLiteral("a week's workouts as Zwift/ERG/MRC/FIT files, or the plan as a calendar (ics)"),
         {},
         0,
         0,
         {{QStringLiteral("format"), QStringLiteral("zwo|erg|mrc|fit|ics"), QStringLiteral("file format")},
          {QStringLiteral("out"), QStringLiteral("DIR"), QStringLiteral("folder for the files (created)")},
          {QStringLiteral("week-start"), QStringLiteral("YYYY-MM-DD"),
           QStringLiteral("any day of the week (next week)")}},
         runPlanExport},
        {plan,
         QStringLiteral("race"),
         QStringLiteral("race-day strategy: pacing per leg, fuelling schedule, checklists, predicted finish"),
         {},
         0,
         0,
         {{QStringLiteral("sweat-before"), QStringLiteral("KG"), QStringLiteral("sweat test: weight before a session")},
          {QStringLiteral("sweat-after"), QStringLiteral("KG"), QStringLiteral("sweat test: weight after it")},
          {QStringLiteral("sweat-drank"), QStringLiteral("L"), QStringLiteral("sweat test: litres drunk during it")},
          {QStringLiteral("sweat-hours"), QStringLiteral("H"), QStringLiteral("sweat test: its length in hours")},
          {QStringLiteral("llm-url"), QStringLiteral("URL"), QStringLiteral("let an OpenAI-compatible model write it")},
          {QStringLiteral("llm-model"), QStringLiteral("NAME"), QStringLiteral("the model to ask")},
          {QStringLiteral("llm-azure"), QString(), QStringLiteral("the URL is an Azure OpenAI deployment")}},
         runPlanRace},
    };
}

} // namespace tricoach::cli
