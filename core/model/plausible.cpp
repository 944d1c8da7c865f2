#include "core/model/plausible.h"

#include <algorithm>
#include <iterator>
#include <optional>

namespace tricoach {

namespace {

QString number(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 10) : QStringLiteral("not a finite number");
}

Error outOfRange(const QString& what, double value, PlausibleRange range, const QString& code)
{
    return makeError(QStringLiteral("%1 of %2 is not plausible: it must be between %3 and %4.")
                         .arg(what, number(value), number(range.min), number(range.max)),
                     code);
}

// "an elapsed time", "a moving time": the article English puts before `what`.
QString withArticle(const QString& what)
{
    const QChar first = what.isEmpty() ? QChar() : what.front().toLower();
    return (QStringLiteral("aeiou").contains(first) ? QStringLiteral("an ") : QStringLiteral("a ")) + what;
}

// A duration in the largest units a person reads it in: "6 years 3 months", "9 days 4 hours", "2 hours",
// "42 seconds": the largest whole unit and, when it is not 0, the next one.
QString durationInWords(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return number(seconds);
    struct Unit {
        const char* one;
        const char* many;
        double seconds;
    };
    static constexpr double kYear = 365.2425 * 86400;
    static constexpr Unit kUnits[] = {{"year", "years", kYear},  {"month", "months", kYear / 12},
                                      {"day", "days", 86400},    {"hour", "hours", 3600},
                                      {"minute", "minutes", 60}, {"second", "seconds", 1}};
    const auto count = [](const Unit& u, double n) {
        const auto whole = static_cast<long long>(n);
        return QStringLiteral("%1 %2").arg(whole).arg(QLatin1String(whole == 1 ? u.one : u.many));
    };
    const std::size_t units = std::size(kUnits);
    for (std::size_t i = 0; i + 1 < units; ++i) {
        const double n = std::floor(seconds / kUnits[i].seconds);
        if (n < 1)
            continue;
        const double next = std::floor((seconds - n * kUnits[i].seconds) / kUnits[i + 1].seconds);
        return next >= 1 ? count(kUnits[i], n) + QLatin1Char(' ') + count(kUnits[i + 1], next) : count(kUnits[i], n);
    }
    return count(kUnits[units - 1], std::round(seconds));
}

} // namespace

Result<void> checkThresholds(const Thresholds& t)
{
    const QString code = QStringLiteral("store.invalid-threshold");
    struct Check {
        const char* what;
        const std::optional<double>& value;
        PlausibleRange range;
    };
    const Check checks[] = {
        {"An FTP", t.ftpWatts, plausible::kFtpWatts},
        {"A running threshold power", t.runPowerWatts, plausible::kRunPowerWatts},
        {"A bike threshold heart rate", t.lthrBike, plausible::kThresholdHr},
        {"A run threshold heart rate", t.lthrRun, plausible::kThresholdHr},
        {"A swim threshold heart rate", t.lthrSwim, plausible::kThresholdHr},
        {"A maximum heart rate", t.maxHr, plausible::kMaxHr},
        {"A resting heart rate", t.restingHr, plausible::kRestingHr},
        {"A weight", t.weightKg, plausible::kWeightKg},
    };
    for (const Check& c : checks) {
        if (c.value && !c.range.contains(*c.value))
            return outOfRange(QLatin1String(c.what), *c.value, c.range, code);
    }
    // Paces are judged as the athlete typed them, per km and per 100 m.
    const auto paceError = [&](const char* what, double speed, double metres, PlausibleRange range) {
        const auto clock = [](double seconds) {
            if (!std::isfinite(seconds) || seconds <= 0 || seconds > 86400)
                return number(seconds);
            const auto s = static_cast<long long>(std::llround(seconds));
            return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
        };
        return makeError(
            QStringLiteral("%1 of %2 is not plausible: it must be between %3 and %4.")
                .arg(QLatin1String(what), clock(metres / speed), clock(metres / range.max), clock(metres / range.min)),
            code);
    };
    if (t.runThresholdSpeed && !plausible::kRunThresholdSpeed.contains(*t.runThresholdSpeed))
        return paceError("A threshold pace per km", *t.runThresholdSpeed, 1000, plausible::kRunThresholdSpeed);
    if (t.cssSpeed && !plausible::kCssSpeed.contains(*t.cssSpeed))
        return paceError("A CSS pace per 100 m", *t.cssSpeed, 100, plausible::kCssSpeed);
    if (t.maxHr && t.restingHr && *t.maxHr <= *t.restingHr)
        return makeError(QStringLiteral("The maximum heart rate (%1) must be above the resting heart rate (%2).")
                             .arg(number(*t.maxHr), number(*t.restingHr)),
                         code);
    return {};
}

namespace {

// Calls f(what, value, range) for each optional summary value of `a` (an Activity or a const one): one list for
// the check that refuses and the import that leaves out.
template <typename A, typename F> void forEachOptionalValue(A& a, F f)
{
    f("distance (m)", a.distanceM, plausible::kDistanceM);
    f("elevation gain (m)", a.elevationGainM, plausible::kElevationGainM);
    f("average heart rate", a.avgHr, plausible::kHeartRate);
    f("maximum heart rate", a.maxHr, plausible::kHeartRate);
    f("average power (W)", a.avgPower, plausible::kPowerWatts);
    f("maximum power (W)", a.maxPower, plausible::kPowerWatts);
    f("average cadence", a.avgCadence, plausible::kCadence);
    f("maximum cadence", a.maxCadence, plausible::kCadence);
    f("average speed (m/s)", a.avgSpeed, plausible::kSpeed);
    f("maximum speed (m/s)", a.maxSpeed, plausible::kSpeed);
    f("calorie count", a.calories, plausible::kCalories);
    f("pool length (m)", a.poolLengthM, plausible::kPoolLengthM);
    f("load", a.userLoad, plausible::kUserLoad);
}

} // namespace

Result<void> checkActivitySummary(const Activity& a)
{
    const QString code = QStringLiteral("store.invalid-activity");
    const QString name = a.title.isEmpty() ? QStringLiteral("The activity") : QStringLiteral("\"%1\"").arg(a.title);
    if (!a.startUtc.isValid())
        return makeError(
            QStringLiteral("%1 has no start time: the file or entry gives no date and time for it.").arg(name), code);
    const auto field = [&](const char* what, double value, PlausibleRange range) -> Result<void> {
        if (range.contains(value))
            return {};
        return outOfRange(QStringLiteral("%1: %2").arg(name, withArticle(QLatin1String(what))), value, range, code);
    };
    // Durations in the units a person reads them in; one that spans years usually means several recordings in one
    // file (a track log), which is worth saying.
    const auto duration = [&](const char* what, double value) -> Result<void> {
        if (plausible::kDurationSec.contains(value))
            return {};
        QString text = QStringLiteral("%1: %2 of %3 is not plausible: it must be at most %4.")
                           .arg(name, withArticle(QLatin1String(what)), durationInWords(value),
                                durationInWords(plausible::kDurationSec.max));
        if (std::isfinite(value) && value > plausible::kDurationSec.max)
            text += QStringLiteral(" The file may hold several recordings made on different days; export each "
                                   "activity as a file of its own and import those.");
        return makeError(text, code);
    };
    if (auto r = duration("moving time", a.movingSec); !r)
        return r;
    if (auto r = duration("elapsed time", a.elapsedSec); !r)
        return r;
    Result<void> outcome;
    forEachOptionalValue(a, [&](const char* what, const std::optional<double>& value, PlausibleRange range) {
        if (outcome && value)
            outcome = field(what, *value, range);
    });
    if (!outcome)
        return outcome;
    if (a.rpe) {
        if (auto r = field("RPE", *a.rpe, plausible::kRpe); !r)
            return r;
    }
    return {};
}

bool believableLoad(double load, LoadSource source, double seconds)
{
    switch (source) {
    case LoadSource::User:
        return plausible::kUserLoad.contains(load);
    case LoadSource::Estimate:
    case LoadSource::None:
        return plausible::kActivityLoad.contains(load);
    default:
        break;
    }
    const double hours = std::isfinite(seconds) ? std::max(0.0, seconds) / 3600.0 : 0.0;
    // A hair of slack: the limit is computed again here from rounded stored times.
    return std::isfinite(load) && load >= 0 && load <= plausible::kMaxLoadPerHour * hours * (1 + 1e-9) + 1e-9;
}

QStringList dropImplausibleValues(Activity& a)
{
    QStringList dropped;
    forEachOptionalValue(a, [&](const char* what, std::optional<double>& value, PlausibleRange range) {
        if (value && !range.contains(*value)) {
            dropped << QStringLiteral("The %1 of %2 is not plausible (%3 to %4) and was left out.")
                           .arg(QLatin1String(what), number(*value), number(range.min), number(range.max));
            value.reset();
        }
    });
    if (a.rpe && !plausible::kRpe.contains(*a.rpe)) {
        dropped << QStringLiteral("The RPE of %1 is not on the 1–10 scale and was left out.").arg(*a.rpe);
        a.rpe.reset();
    }
    for (double* seconds : {&a.movingSec, &a.elapsedSec}) {
        if (!std::isfinite(*seconds) || *seconds < 0) {
            dropped << QStringLiteral("A duration of %1 s is not a time and was left out.").arg(number(*seconds));
            *seconds = 0;
        }
    }
    return dropped;
}

} // namespace tricoach
