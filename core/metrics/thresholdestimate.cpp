#include "core/metrics/thresholdestimate.h"

#include "core/metrics/efforts.h"
#include "core/model/plausible.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace tricoach {

namespace {

// Durations of the best efforts kept, in seconds: 3, 5, 8, 12 and 20 minutes for power, up to 30 for pace.
constexpr std::array kPowerDurations{180, 300, 480, 720, 1200};
constexpr std::array kPaceDurations{180, 300, 480, 720, 1200, 1800};
constexpr int kTwentyMinutes = 1200;
// Coggan's FTP from a 20-min test: 95% of its mean power (Allen & Coggan, "Training and Racing with a Power
// Meter", 2nd ed., ch. 3); GoldenCheetah and intervals.icu apply the same factor to a best 20-min power.
constexpr double kTwentyMinuteFactor = 0.95;
// A critical-power or critical-speed fit needs efforts of at least three durations, the longest this long: Jones &
// Vanhatalo (2017, Sports Med 47:65) and Poole et al. (2016, Med Sci Sports Exerc 48:2320) ask for trials spanning
// ~2–15 min.
constexpr std::size_t kMinFitPoints = 3;
constexpr int kMinLongestFitEffort = 480;
// W′ and D′ of trained and untrained people (same sources): a fit outside these did not come from all-out efforts.
constexpr PlausibleRange kWPrimeJoules{4000, 50000};
constexpr PlausibleRange kDPrimeMetres{20, 600};
// No one runs 3 minutes faster than this (m/s); a faster step is a GPS jump.
constexpr double kMaxRunSpeed = 12.0;
// A threshold effort holds at least this share of the maximum heart rate; below it the effort was endurance pace
// and says nothing about the threshold (Friel's zones put LTHR near 85–92% of the maximum).
constexpr double kHardShareOfMax = 0.85;
// The longest effort's mean heart rate counts when this much of it was recorded (sensor dropouts).
constexpr double kMinHrCoverage = 0.9;
// A maximum must be held this long to be a maximum and not a spike.
constexpr std::size_t kMaxHrHoldSec = 5;
// Riegel's endurance exponent (Riegel 1981, "Athletic Records and Human Endurance", American Scientist 69:285):
// T2 = T1 · (D2/D1)^1.06, so the speed held for T2 is v1 · (T1/T2)^(0.06/1.06).
constexpr double kRiegelExponent = 1.06;

QString day(const QDate& d)
{
    return d.toString(Qt::ISODate);
}

QString clock(double seconds)
{
    const auto s = static_cast<long long>(std::llround(seconds));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString minutes(int seconds)
{
    return QString::number(seconds / 60);
}

QString windowText(const EstimateOptions& o, int days)
{
    return QStringLiteral("in the %1 days to %2").arg(days).arg(day(o.asOf));
}

ThresholdEstimate missing(ThresholdField field, MissingReason reason, QString why)
{
    ThresholdEstimate e;
    e.field = field;
    e.missing = reason;
    e.basis = std::move(why);
    return e;
}

// The efforts of a fit, shortest first, and the span of their days.
QString fitDays(const std::vector<Effort>& efforts)
{
    QDate first, last;
    for (const Effort& e : efforts) {
        first = first.isValid() ? std::min(first, e.day) : e.day;
        last = last.isValid() ? std::max(last, e.day) : e.day;
    }
    return first == last ? QStringLiteral("on %1").arg(day(first))
                         : QStringLiteral("of %1 to %2").arg(day(first), day(last));
}

struct PowerSport {
    ThresholdField field;
    const char* activity; // "ride", "run"
    PlausibleRange range;
};

// FTP or running threshold power from the best efforts of one sport.
ThresholdEstimate powerEstimate(const PowerSport& sport, const ThresholdEstimator::Bests& bests,
                                const EstimateOptions& o)
{
    const QString name = QLatin1String(sport.activity);
    const QString window = windowText(o, o.windowDays);
    if (bests.activities == 0)
        return missing(sport.field, MissingReason::NoActivities, QStringLiteral("no %1 %2").arg(name, window));
    if (bests.recorded == 0)
        return missing(sport.field, MissingReason::NoRecording,
                       QStringLiteral("no %1 with power %2").arg(name, window));
    ThresholdEstimate e;
    e.field = sport.field;
    if (auto twenty = bests.byDuration.find(kTwentyMinutes); twenty != bests.byDuration.end()) {
        const Effort& best = twenty->second;
        e.value = best.value * kTwentyMinuteFactor;
        e.method = EstimateMethod::Best20MinPower;
        e.efforts = {best};
        e.basis = QStringLiteral("best 20-min power %1 W on %2 × 0.95").arg(std::lround(best.value)).arg(day(best.day));
    } else {
        std::vector<std::pair<double, double>> work; // (seconds, joules)
        for (const auto& [seconds, effort] : bests.byDuration) {
            work.emplace_back(seconds, effort.value * seconds);
            e.efforts.push_back(effort);
        }
        const int longest = bests.byDuration.empty() ? 0 : bests.byDuration.rbegin()->first;
        if (work.size() < kMinFitPoints || longest < kMinLongestFitEffort)
            return missing(sport.field, MissingReason::TooShort,
                           QStringLiteral("no %1 with power of %2 minutes or more %3")
                               .arg(name, minutes(kMinLongestFitEffort), window));
        // Monod & Scherrer (1965, Ergonomics 8:329): work done to exhaustion = W′ + CP · t; CP serves as the
        // threshold power, as GoldenCheetah's zones and Stryd's running power use it.
        const auto fit = fitLine(work);
        if (!fit || !kWPrimeJoules.contains(fit->intercept))
            return missing(sport.field, MissingReason::NotHard,
                           QStringLiteral("the best efforts of 3 to %1 minutes %2 do not fit the critical-power "
                                          "model (W′ %3 kJ): they were not all-out")
                               .arg(minutes(longest), window)
                               .arg(fit ? fit->intercept / 1000 : 0.0, 0, 'f', 1));
        e.value = fit->slope;
        e.reserve = fit->intercept;
        e.method = EstimateMethod::CriticalPower;
        QStringList durations;
        for (const auto& entry : bests.byDuration)
            durations << minutes(entry.first);
        e.basis = QStringLiteral("critical power of the best %1-min efforts %2 (W′ %3 kJ)")
                      .arg(durations.join(QLatin1Char('/')), fitDays(e.efforts))
                      .arg(*e.reserve / 1000, 0, 'f', 1);
    }
    if (!sport.range.contains(*e.value))
        return missing(sport.field, MissingReason::Implausible,
                       QStringLiteral("%1 gives %2 W, outside the plausible %3–%4 W: check the power meter")
                           .arg(e.basis)
                           .arg(std::lround(*e.value))
                           .arg(sport.range.min)
                           .arg(sport.range.max));
    return e;
}

ThresholdEstimate paceEstimate(const ThresholdEstimator::Bests& bests, const EstimateOptions& o)
{
    const ThresholdField field = ThresholdField::RunPace;
    const QString window = windowText(o, o.windowDays);
    if (bests.activities == 0)
        return missing(field, MissingReason::NoActivities, QStringLiteral("no run %1").arg(window));
    if (bests.recorded == 0)
        return missing(field, MissingReason::NoRecording,
                       QStringLiteral("no run with distance, speed or positions %1").arg(window));
    if (bests.byDuration.empty())
        return missing(field, MissingReason::TooShort, QStringLiteral("no run of 3 minutes or more %1").arg(window));
    ThresholdEstimate e;
    e.field = field;
    std::vector<std::pair<double, double>> distance; // (seconds, metres)
    for (const auto& [seconds, effort] : bests.byDuration) {
        distance.emplace_back(seconds, effort.value * seconds);
        e.efforts.push_back(effort);
    }
    const int longest = bests.byDuration.rbegin()->first;
    // Critical speed: distance = D′ + CS · t over the best efforts (Hughson, Orok & Staudt 1984, J Appl Physiol
    // 57:1524; Jones & Vanhatalo 2017).
    const auto fit =
        distance.size() >= kMinFitPoints && longest >= kMinLongestFitEffort ? fitLine(distance) : std::nullopt;
    if (fit && kDPrimeMetres.contains(fit->intercept)) {
        e.value = fit->slope;
        e.reserve = fit->intercept;
        e.method = EstimateMethod::CriticalSpeed;
        e.basis = QStringLiteral("critical speed of the best 3- to %1-min efforts %2 (D′ %3 m)")
                      .arg(minutes(longest), fitDays(e.efforts))
                      .arg(std::lround(*e.reserve));
    } else {
        // Fallback: the effort that promises the fastest hour by Riegel's formula.
        std::optional<Effort> chosen;
        double hourSpeed = 0;
        for (const Effort& effort : e.efforts) {
            const double v = effort.value * std::pow(effort.seconds / 3600.0, (kRiegelExponent - 1) / kRiegelExponent);
            if (v > hourSpeed) {
                hourSpeed = v;
                chosen = effort;
            }
        }
        if (!chosen)
            return missing(field, MissingReason::TooShort,
                           QStringLiteral("no run of 3 minutes or more %1").arg(window));
        e.value = hourSpeed;
        e.method = EstimateMethod::RiegelHour;
        e.efforts = {*chosen};
        e.basis = QStringLiteral("best %1-min effort at %2/km on %3, carried to an hour (Riegel)")
                      .arg(minutes(static_cast<int>(chosen->seconds)), clock(1000 / chosen->value), day(chosen->day));
    }
    if (!plausible::kRunThresholdSpeed.contains(*e.value))
        return missing(field, MissingReason::Implausible,
                       QStringLiteral("%1 gives %2/km, outside the plausible 2:00–20:00/km")
                           .arg(e.basis, clock(1000 / std::max(*e.value, 1e-6))));
    return e;
}

ThresholdEstimate lthrEstimate(ThresholdField field, const char* activity, const ThresholdEstimator::Bests& bests,
                               std::optional<double> maxHr, const EstimateOptions& o)
{
    const QString name = QLatin1String(activity);
    const QString window = windowText(o, o.windowDays);
    if (bests.activities == 0)
        return missing(field, MissingReason::NoActivities, QStringLiteral("no %1 %2").arg(name, window));
    if (bests.recorded == 0)
        return missing(field, MissingReason::NoRecording, QStringLiteral("no %1 with heart rate %2").arg(name, window));
    const auto it = bests.byDuration.find(kTwentyMinutes);
    if (it == bests.byDuration.end())
        return missing(field, MissingReason::TooShort,
                       QStringLiteral("no %1 with 20 minutes of heart rate %2").arg(name, window));
    const Effort& best = it->second;
    ThresholdEstimate e;
    e.field = field;
    e.efforts = {best};
    e.method = EstimateMethod::Best20MinHr;
    e.basis =
        QStringLiteral("best 20-min average heart rate %1 bpm on %2").arg(std::lround(best.value)).arg(day(best.day));
    // Friel's field test: LTHR is the mean heart rate of the last 20 minutes of a 30-minute solo effort (J. Friel,
    // "The Triathlete's Training Bible"); the best 20 minutes of a hard effort are that.
    if (!maxHr || best.value < kHardShareOfMax * *maxHr) {
        e.missing = MissingReason::NotHard;
        e.basis += maxHr ? QStringLiteral(", below 85% of the maximum heart rate (%1 bpm): no hard effort %2")
                               .arg(std::lround(*maxHr))
                               .arg(window)
                         : QStringLiteral(", but no maximum heart rate to judge how hard it was");
        return e;
    }
    e.value = best.value;
    if (!plausible::kThresholdHr.contains(*e.value)) {
        e.value.reset();
        e.missing = MissingReason::Implausible;
        e.basis += QStringLiteral(", outside the plausible 60–230 bpm");
    }
    return e;
}

ThresholdEstimate cssEstimate(const ThresholdEstimator::Bests& swims, const EstimateOptions& o)
{
    const ThresholdField field = ThresholdField::Css;
    const QString window = windowText(o, o.windowDays);
    if (swims.activities == 0)
        return missing(field, MissingReason::NoActivities, QStringLiteral("no swim %1").arg(window));
    if (swims.recorded == 0)
        return missing(field, MissingReason::NoRecording,
                       QStringLiteral("no pool swim with recorded lengths %1").arg(window));
    const auto t200 = swims.byDuration.find(200);
    const auto t400 = swims.byDuration.find(400);
    if (t200 == swims.byDuration.end() || t400 == swims.byDuration.end())
        return missing(field, MissingReason::TooShort,
                       QStringLiteral("no continuous 400 m of freestyle in a pool %1").arg(window));
    ThresholdEstimate e;
    e.field = field;
    e.efforts = {t200->second, t400->second};
    e.method = EstimateMethod::CriticalSwimSpeed;
    const double s200 = t200->second.seconds, s400 = t400->second.seconds;
    // Wakayoshi et al. (1992, Eur J Appl Physiol 64:153): critical swimming speed is the slope of distance over
    // time; with two trials, CSS = (400 − 200) m / (t400 − t200) (Ginn 1993, the usual pool test).
    e.basis = QStringLiteral("best 400 m %1 and best 200 m %2: 200 m / (%1 − %2)").arg(clock(s400), clock(s200));
    const double css = s400 > s200 ? 200.0 / (s400 - s200) : 0.0;
    if (!plausible::kCssSpeed.contains(css)) {
        e.missing = MissingReason::Implausible;
        e.basis += QStringLiteral(" is outside the plausible 0:50–5:00/100 m");
        return e;
    }
    e.value = css;
    return e;
}

} // namespace

void ThresholdEstimator::Bests::offer(int seconds, const Effort& effort)
{
    auto it = byDuration.find(seconds);
    if (it == byDuration.end())
        byDuration.emplace(seconds, effort);
    else if (effort.value > it->second.value)
        it->second = effort;
}

ThresholdEstimator::ThresholdEstimator(EstimateOptions options)
    : m_options(std::move(options))
{
}

namespace {

bool hasFinite(const Streams& s, Channel c)
{
    const std::vector<double>* v = s.get(c);
    return v && std::any_of(v->begin(), v->end(), [](double x) { return std::isfinite(x); });
}

bool isPoolSwim(const Activity& a)
{
    return !a.subSport.contains(QLatin1String("OpenWater"), Qt::CaseInsensitive) &&
           (a.poolLengthM.has_value() || !a.lengths.empty());
}

} // namespace

void ThresholdEstimator::add(const Activity& a)
{
    const QDate d = a.localDate();
    if (!d.isValid() || !m_options.asOf.isValid() || d > m_options.asOf)
        return;
    const bool inWindow = d >= m_options.windowStart();
    const bool inMaxHrWindow = d >= m_options.asOf.addDays(1 - m_options.maxHrWindowDays);
    if (!inWindow && !inMaxHrWindow)
        return;
    ++m_used;
    const auto effort = [&](double seconds, double value) { return Effort{a.id, d, a.title, seconds, value}; };
    const bool hasHr = hasFinite(a.streams, Channel::HeartRate);
    const std::vector<double> hr = hasHr ? heartRatePerSecond(a.streams) : std::vector<double>{};
    if (inMaxHrWindow) {
        ++m_maxHrActivities;
        m_maxHrRecorded += hasHr ? 1 : 0;
        if (const auto peak = highestHeld(hr, kMaxHrHoldSec); peak && (!m_maxHr || *peak > m_maxHr->value))
            m_maxHr = effort(static_cast<double>(kMaxHrHoldSec), *peak);
    }
    if (!inWindow)
        return;

    const auto powerAndHr = [&](Bests& power, Bests& heart) {
        ++power.activities;
        ++heart.activities;
        if (hasFinite(a.streams, Channel::Power)) {
            ++power.recorded;
            const std::vector<double> watts = powerPerSecond(a.streams);
            for (int seconds : kPowerDurations) {
                if (const auto w = bestMean(watts, static_cast<std::size_t>(seconds)))
                    power.offer(seconds, effort(seconds, w->mean));
            }
        }
        if (hasHr) {
            ++heart.recorded;
            if (const auto w = bestKnownMean(hr, kTwentyMinutes, kMinHrCoverage))
                heart.offer(kTwentyMinutes, effort(kTwentyMinutes, w->mean));
        }
    };
    switch (a.sport) {
    case Sport::Bike:
        powerAndHr(m_bikePower, m_bikeHr);
        break;
    case Sport::Run: {
        powerAndHr(m_runPower, m_runHr);
        ++m_runSpeed.activities;
        const std::vector<double> metres = metresPerSecond(a.streams, kMaxRunSpeed);
        if (std::any_of(metres.begin(), metres.end(), [](double m) { return m > 0; })) {
            ++m_runSpeed.recorded;
            for (int seconds : kPaceDurations) {
                if (const auto w = bestMean(metres, static_cast<std::size_t>(seconds)); w && w->mean > 0)
                    m_runSpeed.offer(seconds, effort(seconds, w->mean));
            }
        }
        break;
    }
    case Sport::Swim:
        ++m_swims.activities;
        if (isPoolSwim(a) && !a.lengths.empty()) {
            ++m_swims.recorded;
            // Swims are kept by distance (metres), and their value is the speed: faster is better.
            for (int metres : {200, 400}) {
                if (const auto swim = fastestPoolSwim(a, metres))
                    m_swims.offer(metres, effort(swim->seconds, metres / swim->seconds));
            }
        }
        break;
    default:
        break;
    }
}

std::vector<ThresholdEstimate> ThresholdEstimator::estimates() const
{
    const EstimateOptions& o = m_options;
    ThresholdEstimate maxHr;
    if (m_maxHr && plausible::kMaxHr.contains(m_maxHr->value)) {
        maxHr.field = ThresholdField::MaxHr;
        maxHr.value = m_maxHr->value;
        maxHr.method = EstimateMethod::HighestHeldHr;
        maxHr.efforts = {*m_maxHr};
        maxHr.basis = QStringLiteral("highest heart rate held for 5 s: %1 bpm on %2")
                          .arg(std::lround(m_maxHr->value))
                          .arg(day(m_maxHr->day));
    } else if (m_maxHr) {
        maxHr = missing(ThresholdField::MaxHr, MissingReason::Implausible,
                        QStringLiteral("the highest heart rate held for 5 s, %1 bpm, is outside the plausible 80–250")
                            .arg(std::lround(m_maxHr->value)));
    } else {
        maxHr = missing(ThresholdField::MaxHr,
                        m_maxHrActivities == 0 ? MissingReason::NoActivities : MissingReason::NoRecording,
                        m_maxHrActivities == 0
                            ? QStringLiteral("no activity %1").arg(windowText(o, o.maxHrWindowDays))
                            : QStringLiteral("no activity with heart rate %1").arg(windowText(o, o.maxHrWindowDays)));
    }
    const std::optional<double> hardReference = o.knownMaxHr ? o.knownMaxHr : maxHr.value;
    return {
        powerEstimate({ThresholdField::Ftp, "ride", plausible::kFtpWatts}, m_bikePower, o),
        powerEstimate({ThresholdField::RunPower, "run", plausible::kRunPowerWatts}, m_runPower, o),
        paceEstimate(m_runSpeed, o),
        lthrEstimate(ThresholdField::LthrBike, "ride", m_bikeHr, hardReference, o),
        lthrEstimate(ThresholdField::LthrRun, "run", m_runHr, hardReference, o),
        maxHr,
        cssEstimate(m_swims, o),
    };
}

std::vector<ThresholdEstimate> estimateThresholds(const std::vector<Activity>& activities,
                                                  const EstimateOptions& options)
{
    ThresholdEstimator estimator(options);
    for (const Activity& a : activities)
        estimator.add(a);
    return estimator.estimates();
}

Thresholds estimatedValues(const std::vector<ThresholdEstimate>& estimates)
{
    Thresholds t;
    for (const ThresholdEstimate& e : estimates) {
        if (e.value)
            t.*(thresholdMember(e.field)) = roundedThreshold(e.field, *e.value);
    }
    return t;
}

} // namespace tricoach
