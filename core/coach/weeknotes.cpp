#include "core/coach/weeknotes.h"

#include <set>

namespace tricoach {

namespace {

QString focusOf(const WeekPlan& week, const CoachProfile& profile)
{
    if (week.hasRace())
        return QStringLiteral("Race week: stay sharp and rested. Short sessions with a few race-pace efforts; sleep, "
                              "fuel and arrive at the start fresh for %1.")
            .arg(profile.race.name.isEmpty() ? QStringLiteral("your race") : profile.race.name);
    if (week.recoveryWeek)
        return QStringLiteral("Recovery week: about 40% less volume so the last weeks' work turns into fitness. Keep "
                              "the short efforts, drop the long ones.");
    switch (week.phase) {
    case Phase::Base:
    case Phase::Accumulation:
    case Phase::Endurance:
        return QStringLiteral("Aerobic base: long, easy Z2 sessions build endurance; one quality session per sport "
                              "keeps you sharp.");
    case Phase::Build:
    case Phase::Intensification:
        return QStringLiteral("Build: threshold work on the bike and run, longer long sessions, bricks to practise "
                              "running off the bike.");
    case Phase::Peak:
    case Phase::Realization:
        return QStringLiteral("Peak: race-specific intensity and race-pace practice; volume at its highest.");
    case Phase::Speed:
        return QStringLiteral("Speed first: short, sharp intervals while volume is still low; the volume comes "
                              "closer to the race.");
    case Phase::Taper:
        return QStringLiteral("Taper: volume falls 40–60% while the intensity stays, so you start fresh and fast.");
    case Phase::Recovery:
        return QStringLiteral("Recovery: easy volume only.");
    }
    return QString();
}

QString nutritionOf(const WeekPlan& week, const CoachProfile& profile)
{
    const bool longRace = profile.race.distance == RaceDistance::Half || profile.race.distance == RaceDistance::Full;
    if (week.hasRace())
        return QStringLiteral("Carbohydrate 8–10 g/kg a day for the last two days; breakfast 3–4 hours before the "
                              "start. Race: 60–90 g carbohydrate an hour on the bike, 30–60 g on the run.");
    if (longRace)
        return QStringLiteral("Practise race fuelling on the long ride: 60–90 g carbohydrate and 500–750 ml fluid an "
                              "hour. Carbohydrate 6–8 g/kg on long days, 4–5 g/kg on easy days.");
    return QStringLiteral("Carbohydrate 5–7 g/kg on key-session days, 3–5 g/kg on easy days; protein 1.6 g/kg "
                          "spread over the day; a carbohydrate drink on rides over 75 minutes.");
}

QString gearOf(const WeekPlan& week, const CoachProfile& profile)
{
    std::set<QString> items;
    for (const PlannedDay& d : week.days) {
        for (const Workout& w : d.workouts) {
            if (w.sessionType.contains(QStringLiteral("trainer")))
                items.insert(QStringLiteral("smart trainer and fan"));
            if (w.sessionType == QStringLiteral("Brick run"))
                items.insert(QStringLiteral("run kit laid out next to the bike for a quick change"));
            if (w.sport == Sport::Swim && w.sessionType.contains(QStringLiteral("Open-water")))
                items.insert(QStringLiteral("wetsuit and a bright swim cap"));
            else if (w.sport == Sport::Swim)
                items.insert(QStringLiteral("pull buoy and fins for drills"));
            if (w.sessionType == QStringLiteral("Long ride"))
                items.insert(QStringLiteral("bottles and food for the long ride"));
        }
    }
    if (week.hasRace())
        items.insert(QStringLiteral("race belt, elastic laces, race-day nutrition checked"));
    if (!profile.trainerAccess)
        items.insert(QStringLiteral("a flat, safe road loop for the intervals"));
    return QStringList(items.begin(), items.end()).join(QStringLiteral("; "));
}

} // namespace

WeekNotes weekNotes(const CoachProfile& profile, const WeekPlan& week)
{
    WeekNotes notes;
    notes.overallFocus = focusOf(week, profile);
    for (const PlannedDay& d : week.days)
        for (const Workout& w : d.workouts)
            if (w.race || w.hardMinutes() >= 15 || w.sessionType == QStringLiteral("Long ride") ||
                w.sessionType == QStringLiteral("Long run"))
                notes.keyWorkouts << QStringLiteral("%1 %2").arg(d.date.toString(QStringLiteral("ddd")), w.sessionType);
    notes.recoveryGuidelines =
        week.recoveryWeek || week.phase == Phase::Taper
            ? QStringLiteral("Sleep 8+ hours; keep easy days truly easy; no extra sessions.")
            : QStringLiteral("Easy days stay in Z1–Z2; after the key sessions eat within 30 minutes; sleep 7–9 hours; "
                             "a day with unusual fatigue becomes a rest day.");
    notes.nutritionTips = nutritionOf(week, profile);
    notes.gearRecommendations = gearOf(week, profile);
    return notes;
}

} // namespace tricoach
