#include "core/coach/racestrategy.h"

#include "core/coach/workout.h"

#include <algorithm>
#include <cmath>

namespace tricoach {

namespace {

struct Intensity {
    double swimLow, swimHigh; // % CSS speed
    double bikeLow, bikeHigh; // % FTP (intensity factor × 100)
    double runLow, runHigh;   // % threshold speed
    double hrBike, hrRun;     // % LTHR when no power or pace threshold is known
};

// Race intensity by distance: the usual intensity-factor targets for triathlon bike legs (Sprint 0.90–0.97,
// Olympic 0.85–0.92, 70.3 0.75–0.82, Ironman 0.65–0.72; Friel/Coggan), and run and swim paces in proportion.
Intensity intensityFor(RaceDistance d)
{
    switch (d) {
    case RaceDistance::Sprint:
        return {98, 103, 90, 97, 97, 102, 95, 100};
    case RaceDistance::Olympic:
        return {95, 100, 85, 92, 92, 98, 92, 96};
    case RaceDistance::Half:
        return {90, 95, 75, 82, 84, 90, 85, 90};
    case RaceDistance::Full:
        return {86, 92, 65, 72, 76, 82, 78, 84};
    }
    return {95, 100, 85, 92, 92, 98, 92, 96};
}

// Speed on a flat road at `watts`: drag ½ρ·CdA·v³ plus rolling Crr·m·g·v over a 97 % drivetrain, solved by
// bisection (standard cycling power model, e.g. Martin et al. 1998).
double flatSpeed(double watts, double massKg)
{
    constexpr double rho = 1.2, cda = 0.30, crr = 0.004, g = 9.81, drivetrain = 0.97;
    double lo = 0, hi = 25;
    for (int i = 0; i < 60; ++i) {
        const double v = (lo + hi) / 2;
        const double needed = (0.5 * rho * cda * v * v * v + crr * massKg * g * v) / drivetrain;
        (needed > watts ? hi : lo) = v;
    }
    return (lo + hi) / 2;
}

} // namespace

std::optional<double> sweatRate(const SweatTest& t)
{
    if (!(t.hours > 0) || !(t.weightBeforeKg > 0) || !(t.weightAfterKg > 0) || t.drankLitres < 0 || t.urineLitres < 0)
        return std::nullopt;
    const double lost = t.weightBeforeKg - t.weightAfterKg + t.drankLitres - t.urineLitres; // 1 kg ≈ 1 l
    if (!(lost >= 0) || lost / t.hours > 4)
        return std::nullopt;
    return lost / t.hours;
}

RaceStrategy raceStrategy(const CoachProfile& profile, std::optional<double> sweatLitresPerHour)
{
    RaceStrategy s;
    s.race = profile.race;
    const RaceFormat format = raceFormat(profile.race.distance);
    const Intensity in = intensityFor(profile.race.distance);
    const Thresholds& t = profile.thresholds;
    const bool longRace = profile.race.distance == RaceDistance::Half || profile.race.distance == RaceDistance::Full;

    // Swim.
    LegPlan swim;
    swim.sport = Sport::Swim;
    swim.distanceM = format.swimM;
    if (t.cssSpeed) {
        const double fast = *t.cssSpeed * in.swimHigh / 100, slow = *t.cssSpeed * in.swimLow / 100;
        swim.target = QStringLiteral("%1–%2 /100 m (%3–%4% of CSS)")
                          .arg(clockText(100 / fast), clockText(100 / slow))
                          .arg(in.swimLow)
                          .arg(in.swimHigh);
        // Open water adds sighting and a less straight line: about 5 % over pool pace.
        swim.predictedMinutes = format.swimM / ((fast + slow) / 2) / 60 * 1.05;
        swim.basis = QStringLiteral("your CSS %1 /100 m at race effort, plus 5% for open water")
                         .arg(clockText(100 / *t.cssSpeed));
    } else {
        swim.target = QStringLiteral("controlled, breathing every 2–3 strokes");
        swim.predictedMinutes = format.typicalHours * 60 * (longRace ? 0.11 : 0.14);
        swim.basis = QStringLiteral("a typical age-group time: set your CSS for your own");
    }
    swim.execution = {QStringLiteral("Start at the side or back of your pace group; the first 400 m controlled."),
                      QStringLiteral("Find feet to draft and settle into your rhythm; sight every 6–8 strokes."),
                      QStringLiteral("The last 200 m a little harder, kicking more to wake the legs.")};

    // Bike.
    LegPlan bike;
    bike.sport = Sport::Bike;
    bike.distanceM = format.bikeM;
    const double weight = t.weightKg.value_or(72);
    if (t.ftpWatts) {
        const double lo = *t.ftpWatts * in.bikeLow / 100, hi = *t.ftpWatts * in.bikeHigh / 100;
        bike.target = QStringLiteral("%1–%2 W (%3–%4% FTP)")
                          .arg(std::lround(lo))
                          .arg(std::lround(hi))
                          .arg(in.bikeLow)
                          .arg(in.bikeHigh);
        const double speed = flatSpeed((lo + hi) / 2, weight + 9);
        bike.predictedMinutes = format.bikeM / speed / 60;
        bike.basis = QStringLiteral("%1 W on a flat course at a drag area of 0.30 m² and %2 kg with the bike")
                         .arg(std::lround((lo + hi) / 2))
                         .arg(std::lround(weight + 9));
    } else if (auto lthr = t.lthrFor(Sport::Bike)) {
        bike.target = QStringLiteral("%1–%2 bpm (%3% of threshold HR)")
                          .arg(std::lround(*lthr * (in.hrBike - 3) / 100))
                          .arg(std::lround(*lthr * in.hrBike / 100))
                          .arg(in.hrBike);
        bike.predictedMinutes = format.typicalHours * 60 * (longRace ? 0.53 : 0.50);
        bike.basis = QStringLiteral("a typical age-group time: set your FTP for your own");
    } else {
        bike.target = QStringLiteral("steady, able to speak in short sentences");
        bike.predictedMinutes = format.typicalHours * 60 * (longRace ? 0.53 : 0.50);
        bike.basis = QStringLiteral("a typical age-group time: set your FTP for your own");
    }
    bike.execution = {QStringLiteral("First 20 km: hold back at the bottom of the range, even if it feels easy."),
                      QStringLiteral("Then settle into the target; climbs at most 10% above it, descents easy."),
                      QStringLiteral("Eat and drink on schedule from minute 15, before you feel the need.")};

    // Run.
    LegPlan run;
    run.sport = Sport::Run;
    run.distanceM = format.runM;
    if (t.runThresholdSpeed) {
        const double fast = *t.runThresholdSpeed * in.runHigh / 100, slow = *t.runThresholdSpeed * in.runLow / 100;
        run.target = QStringLiteral("%1–%2 /km (%3–%4% of threshold pace)")
                         .arg(clockText(1000 / fast), clockText(1000 / slow))
                         .arg(in.runLow)
                         .arg(in.runHigh);
        run.predictedMinutes = format.runM / ((fast + slow) / 2) / 60;
        run.basis = QStringLiteral("your threshold pace %1 /km at race effort off the bike")
                        .arg(clockText(1000 / *t.runThresholdSpeed));
    } else if (auto lthr = t.lthrFor(Sport::Run)) {
        run.target = QStringLiteral("%1–%2 bpm (%3% of threshold HR)")
                         .arg(std::lround(*lthr * (in.hrRun - 3) / 100))
                         .arg(std::lround(*lthr * in.hrRun / 100))
                         .arg(in.hrRun);
        run.predictedMinutes = format.typicalHours * 60 - swim.predictedMinutes - bike.predictedMinutes;
        run.basis = QStringLiteral("a typical age-group time: set your threshold pace for your own");
    } else {
        run.target = QStringLiteral("even effort; the first kilometres slower than they feel");
        run.predictedMinutes = format.typicalHours * 60 - swim.predictedMinutes - bike.predictedMinutes;
        run.basis = QStringLiteral("a typical age-group time: set your threshold pace for your own");
    }
    run.predictedMinutes = std::max(run.predictedMinutes, format.runM / 5.5 / 60); // nobody runs faster than 3:02/km
    run.execution = {QStringLiteral("First 5 km: control the pace, even when it feels slow."),
                     QStringLiteral("Middle: hold rhythm and form; walk the aid stations if it keeps you steady."),
                     QStringLiteral("Last 5–10 km: push if you feel strong.")};
    s.legs = {swim, bike, run};
    s.transitionMinutes = longRace ? 8 : 4;
    s.predictedMinutes = swim.predictedMinutes + bike.predictedMinutes + run.predictedMinutes + s.transitionMinutes;

    // Fuel and fluid. 60–90 g carbohydrate an hour on the bike and 30–60 on the run (the roadmap's race brief);
    // a sprint under 75 minutes needs none beyond breakfast.
    s.carbsPerHourBike = profile.race.distance == RaceDistance::Sprint ? 0 : longRace ? 80 : 60;
    s.carbsPerHourRun = profile.race.distance == RaceDistance::Sprint ? 0 : longRace ? 50 : 30;
    if (sweatLitresPerHour) {
        // Replace most, not all, of what is sweated: 60–80 %, and never more than a litre an hour.
        s.fluidMlPerHour = std::clamp(*sweatLitresPerHour * 0.7 * 1000, 400.0, 1000.0);
        s.fluidBasis = QStringLiteral("70% of your sweat rate of %1 l/h").arg(*sweatLitresPerHour, 0, 'f', 2);
    } else {
        s.fluidMlPerHour = 600;
        s.fluidBasis = QStringLiteral("500–750 ml an hour by default: do a sweat test for your own");
    }
    const double bikeStart = swim.predictedMinutes + s.transitionMinutes / 2;
    const double runStart = bikeStart + bike.predictedMinutes + s.transitionMinutes / 2;
    const auto schedule = [&](Sport leg, double from, double minutes, double carbsPerHour, int every) {
        for (int m = 15; m < minutes - 5; m += every) {
            const double carbs = carbsPerHour * every / 60.0;
            const double fluid = s.fluidMlPerHour * every / 60.0;
            QString what = carbs > 0 ? QStringLiteral("%1 g carbohydrate (%2)")
                                           .arg(std::lround(carbs))
                                           .arg(carbs >= 40   ? QStringLiteral("gel and half a bar")
                                                : carbs >= 20 ? QStringLiteral("a gel")
                                                              : QStringLiteral("half a gel"))
                                     : QStringLiteral("a few sips");
            what += QStringLiteral(" with %1 ml fluid").arg(std::lround(fluid));
            s.fuelling.push_back(FuelEvent{static_cast<int>(std::lround(from + m)), leg, what, carbs, fluid});
        }
    };
    if (profile.race.distance != RaceDistance::Sprint) {
        schedule(Sport::Bike, bikeStart, bike.predictedMinutes, s.carbsPerHourBike, 20);
        schedule(Sport::Run, runStart, run.predictedMinutes, s.carbsPerHourRun, 20);
    }

    s.taperAndRaceWeek = {
        QStringLiteral("Two weeks out: volume down 40–60%, the intensity stays; the last hard session 10 days before."),
        QStringLiteral("Race week, Monday to Thursday: short sessions with a few race-pace efforts."),
        QStringLiteral("The day before: 20 minutes easy on the bike and 10 minutes running; rack the bike; "
                       "carbohydrate-rich meals, early night."),
        QStringLiteral("Travel and stress: arrive two days early for a long race; lay out kit the evening before.")};
    s.raceMorning = {QStringLiteral("Wake 3–4 hours before the start."),
                     QStringLiteral("Breakfast 400–600 kcal, low in fibre, foods you know (%1 g carbohydrate).")
                         .arg(std::lround(weight * (longRace ? 2.0 : 1.5))),
                     QStringLiteral("500–750 ml water by the start, sipped."),
                     QStringLiteral("Warm up: 10 minutes jogging with a few strides, 5 minutes swimming if allowed.")};
    s.transition1 = {QStringLiteral("Helmet on and fastened before the bike is touched"), QStringLiteral("Sunglasses"),
                     QStringLiteral("Bike shoes (or clipped in)"),
                     QStringLiteral("Race number belt if the rules want it on the bike"),
                     QStringLiteral("Bottles full, food taped to the top tube")};
    s.transition2 = {QStringLiteral("Rack the bike, then helmet off"), QStringLiteral("Run shoes with elastic laces"),
                     QStringLiteral("Race belt, number in front"), QStringLiteral("Cap or visor"),
                     QStringLiteral("Gels for the run")};
    s.mentalCues = {QStringLiteral("Swim: smooth and steady."), QStringLiteral("Bike: save the legs."),
                    QStringLiteral("Run: one kilometre at a time."), QStringLiteral("All day: trust your training.")};
    s.contingencies = {QStringLiteral("Feeling too good on the bike: still hold back to the target."),
                       QStringLiteral("Struggling early: slow down, eat, regroup; it often passes."),
                       QStringLiteral("Stomach trouble: slow down and take water only until it settles."),
                       QStringLiteral("Cramps: ease off, stretch, take salt, then build back gently."),
                       QStringLiteral("Flat tyre: stop safely, breathe, fix it as practised; the race is long.")};
    return s;
}

DayFuel dailyCarbohydrate(double minutes, double load)
{
    // IOC consensus (Burke et al. 2011): light 3–5, moderate (~1 h/day) 5–7, high (1–3 h) 6–10, very high (4–5 h+)
    // 8–12 g/kg/day. Load separates an easy hour from a hard one.
    if (minutes < 30 && load < 30)
        return {QStringLiteral("rest or light"), 3, 5};
    if (minutes < 75 && load < 80)
        return {QStringLiteral("moderate"), 5, 7};
    if (minutes < 240 && load < 250)
        return {QStringLiteral("high"), 6, 10};
    return {QStringLiteral("very high"), 8, 12};
}

} // namespace tricoach
