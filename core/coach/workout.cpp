#include "core/coach/workout.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace tricoach {

namespace {

// Zone ranges of the coach's five-zone scale, in % of the sport's threshold. Bike: % of FTP (Coggan's levels, Z4
// as the roadmap writes it, 95–105 %). Run: % of threshold speed and swim: % of CSS speed (Friel's pace zones
// folded into five). Heart rate when the sport's speed threshold is unknown: % of LTHR (Friel).
struct Range {
    double low, high;
};
constexpr Range kBike[6] = {{0, 0}, {45, 55}, {56, 75}, {76, 90}, {95, 105}, {106, 120}};
constexpr Range kRun[6] = {{0, 0}, {70, 78}, {78, 88}, {88, 95}, {95, 102}, {102, 110}};
constexpr Range kSwim[6] = {{0, 0}, {80, 85}, {85, 92}, {92, 97}, {97, 102}, {102, 108}};
constexpr Range kHr[6] = {{0, 0}, {65, 80}, {81, 89}, {90, 94}, {95, 100}, {101, 106}};

int clampZone(int z)
{
    return std::clamp(z, 1, 5);
}

QString minutesText(double minutes)
{
    if (minutes < 1)
        return QStringLiteral("%1s").arg(std::llround(minutes * 60));
    if (std::abs(minutes - std::round(minutes)) < 1e-6)
        return QStringLiteral("%1min").arg(std::llround(minutes));
    return QStringLiteral("%1min").arg(minutes, 0, 'f', 1);
}

QString zoneName(const WorkoutStep& s)
{
    if (s.zoneTo > s.zone)
        return QStringLiteral("Z%1 → Z%2").arg(s.zone).arg(s.zoneTo);
    return QStringLiteral("Z%1").arg(s.zone);
}

} // namespace

QString workoutPriorityId(WorkoutPriority p)
{
    switch (p) {
    case WorkoutPriority::Low:
        return QStringLiteral("low");
    case WorkoutPriority::Medium:
        return QStringLiteral("medium");
    case WorkoutPriority::High:
        return QStringLiteral("high");
    }
    return QStringLiteral("medium");
}

std::pair<double, double> zoneRange(Sport sport, int zone)
{
    zone = clampZone(zone);
    const Range r = sport == Sport::Bike   ? kBike[zone]
                    : sport == Sport::Run  ? kRun[zone]
                    : sport == Sport::Swim ? kSwim[zone]
                                           : kHr[zone];
    return {r.low, r.high};
}

QString clockText(double seconds)
{
    const auto s = static_cast<long long>(std::llround(seconds));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

double zoneIntensityFactor(int zone)
{
    constexpr double kIf[6] = {0, 0.55, 0.68, 0.83, 0.98, 1.08};
    return kIf[clampZone(zone)];
}

QString zoneTarget(Sport sport, int zone, const Thresholds& t)
{
    zone = clampZone(zone);
    if (sport == Sport::Bike) {
        const Range r = kBike[zone];
        QString text = QStringLiteral("%1-%2% FTP").arg(r.low).arg(r.high);
        if (t.ftpWatts)
            text += QStringLiteral(", %1-%2 W")
                        .arg(std::llround(*t.ftpWatts * r.low / 100))
                        .arg(std::llround(*t.ftpWatts * r.high / 100));
        return text;
    }
    if (sport == Sport::Run && t.runThresholdSpeed) {
        const Range r = kRun[zone];
        // Faster pace first: the high speed is the low time.
        return QStringLiteral("%1-%2% threshold pace, %3-%4/km")
            .arg(r.low)
            .arg(r.high)
            .arg(clockText(1000 / (*t.runThresholdSpeed * r.high / 100)),
                 clockText(1000 / (*t.runThresholdSpeed * r.low / 100)));
    }
    if (sport == Sport::Swim && t.cssSpeed) {
        const Range r = kSwim[zone];
        return QStringLiteral("%1-%2% CSS, %3-%4/100m")
            .arg(r.low)
            .arg(r.high)
            .arg(clockText(100 / (*t.cssSpeed * r.high / 100)), clockText(100 / (*t.cssSpeed * r.low / 100)));
    }
    if (sport == Sport::Run)
        return QStringLiteral("%1-%2% threshold pace").arg(kRun[zone].low).arg(kRun[zone].high);
    if (sport == Sport::Swim)
        return QStringLiteral("%1-%2% CSS").arg(kSwim[zone].low).arg(kSwim[zone].high);
    const Range r = kHr[zone];
    QString text = QStringLiteral("%1-%2% threshold HR").arg(r.low).arg(r.high);
    if (auto lthr = t.lthrFor(sport))
        text += QStringLiteral(", %1-%2 bpm")
                    .arg(std::llround(*lthr * r.low / 100))
                    .arg(std::llround(*lthr * r.high / 100));
    return text;
}

double Workout::minutes() const
{
    double m = 0;
    for (const StepGroup& g : groups)
        for (const WorkoutStep& s : g.steps)
            m += g.repeats * s.minutes;
    return m;
}

double Workout::warmupMinutes() const
{
    double m = 0;
    for (const StepGroup& g : groups)
        for (const WorkoutStep& s : g.steps)
            m += s.kind == StepKind::WarmUp ? g.repeats * s.minutes : 0;
    return m;
}

double Workout::cooldownMinutes() const
{
    double m = 0;
    for (const StepGroup& g : groups)
        for (const WorkoutStep& s : g.steps)
            m += s.kind == StepKind::CoolDown ? g.repeats * s.minutes : 0;
    return m;
}

double Workout::hardMinutes() const
{
    double m = 0;
    for (const StepGroup& g : groups) {
        for (const WorkoutStep& s : g.steps) {
            if (s.zoneTo > s.zone) {
                // A progression spends equal time in each zone it passes through.
                const int zones = s.zoneTo - s.zone + 1;
                const int hard = std::max(0, s.zoneTo - std::max(s.zone, 3) + 1);
                m += g.repeats * s.minutes * hard / zones;
            } else if (s.zone >= 3) {
                m += g.repeats * s.minutes;
            }
        }
    }
    return m;
}

int Workout::topZone() const
{
    int z = 1;
    for (const StepGroup& g : groups)
        for (const WorkoutStep& s : g.steps)
            z = std::max({z, s.zone, s.zoneTo});
    return z;
}

double Workout::plannedLoad() const
{
    const double exponent = sport == Sport::Swim ? 3 : 2;
    double load = 0;
    for (const StepGroup& g : groups) {
        for (const WorkoutStep& s : g.steps) {
            double factor = 0;
            if (s.zoneTo > s.zone) {
                for (int z = s.zone; z <= s.zoneTo; ++z)
                    factor += std::pow(zoneIntensityFactor(z), exponent);
                factor /= (s.zoneTo - s.zone + 1);
            } else {
                factor = std::pow(zoneIntensityFactor(s.zone), exponent);
            }
            load += g.repeats * s.minutes / 60.0 * 100.0 * factor;
        }
    }
    return load;
}

QString Workout::intensity(const Thresholds& t) const
{
    const int z = topZone();
    return QStringLiteral("Z%1 (%2)").arg(z).arg(zoneTarget(sport, z, t));
}

QString Workout::description(const Thresholds& t) const
{
    if (!givenDescription.isEmpty())
        return givenDescription;
    QStringList parts;
    QString warm, cool;
    for (const StepGroup& g : groups) {
        if (g.steps.empty())
            continue;
        const WorkoutStep& first = g.steps.front();
        if (first.kind == StepKind::WarmUp) {
            warm = QStringLiteral("Warm-up %1 %2").arg(minutesText(first.minutes), zoneName(first));
            continue;
        }
        if (first.kind == StepKind::CoolDown) {
            cool = QStringLiteral("cool-down %1 %2").arg(minutesText(first.minutes), zoneName(first));
            continue;
        }
        const auto what = [&](const WorkoutStep& s) {
            const QString amount =
                s.distanceM > 0 ? QStringLiteral("%1m").arg(std::llround(s.distanceM)) : minutesText(s.minutes);
            if (s.zone >= 3 || s.zoneTo >= 3)
                return QStringLiteral("%1 @ %2 (%3)")
                    .arg(amount, zoneName(s), zoneTarget(sport, std::max(s.zone, s.zoneTo), t));
            return QStringLiteral("%1 %2").arg(amount, zoneName(s));
        };
        if (g.repeats > 1) {
            QString text = QStringLiteral("%1x%2").arg(g.repeats).arg(what(first));
            if (g.steps.size() > 1) {
                const WorkoutStep& rest = g.steps[1];
                text += rest.minutes < 1
                            ? QStringLiteral(" with %1 rest").arg(minutesText(rest.minutes))
                            : QStringLiteral(" with %1 %2 recovery").arg(minutesText(rest.minutes), zoneName(rest));
            }
            parts << text;
        } else {
            for (const WorkoutStep& s : g.steps)
                parts << what(s);
        }
    }
    QString text = warm.isEmpty() ? QString() : warm + QStringLiteral(", then ");
    text += parts.join(QStringLiteral(", then "));
    if (!cool.isEmpty())
        text += QStringLiteral(", ") + cool;
    return text + QStringLiteral(". Total: %1").arg(minutesText(minutes()));
}

} // namespace tricoach
