#include "core/metrics/stress.h"

#include "core/metrics/loadnote.h"
#include "core/metrics/recording.h"
#include "core/model/plausible.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace tricoach {

namespace {

// A power or heart-rate stream is believed when it recorded for at least this share of the session's moving time.
// Coasting takes 5–35 % of a road ride's moving time (7–31 % on the rides of the test corpus) and a heart-rate
// strap that slips now and then still records most of a session, while a meter that recorded only zeros, or a
// strap that lost contact after the warm-up, is far below it.
constexpr double kMinRecordedShare = 0.5;
// Laps carrying a value must cover this share of the session for their average to stand for it.
constexpr double kLapsCoverShare = 0.9;
// A heart rate holding one value for this share of its recorded seconds, over at least kFlatLineMinSec, is a strap
// reporting a constant, not a heart: a real one varies by a few beats every minute.
constexpr double kFlatLineShare = 0.8;
constexpr double kFlatLineMinSec = 5 * 60.0;
// A power sample more than kSpikeFactor times both its neighbours, and kSpikeMinExcessW above them, is a faulty
// meter's spike: a real surge builds over seconds, so its first and last samples are not that far from the next.
constexpr double kSpikeFactor = 3.0;
constexpr double kSpikeMinExcessW = 500.0;
// A heart rate this many beats above (or below) both its neighbours for one sample is a strap's static or a lost
// beat: a heart takes several seconds to change by that much, and does not change straight back.
constexpr double kHrSpikeBpm = 25.0;

bool positive(const std::optional<double>& v)
{
    return v && std::isfinite(*v) && *v > 0;
}

// A channel's samples with those outside `range` made missing: a reader's garbage is not a measurement.
std::vector<double> plausibleSamples(const std::vector<double>& values, PlausibleRange range)
{
    std::vector<double> out = values;
    for (double& v : out) {
        if (!isMissing(v) && !range.contains(v))
            v = kMissing;
    }
    return out;
}

// Isolated one-sample spikes replaced by the nearer of their neighbours: `spike(value, before, after)` says which.
template <typename IsSpike> void removeSpikes(std::vector<double>& values, IsSpike spike)
{
    for (std::size_t i = 1; i + 1 < values.size(); ++i) {
        const double before = values[i - 1], v = values[i], after = values[i + 1];
        if (isMissing(before) || isMissing(v) || isMissing(after) || !spike(v, before, after))
            continue;
        values[i] = std::abs(v - before) < std::abs(v - after) ? before : after;
    }
}

bool powerSpike(double v, double before, double after)
{
    const double around = std::max(before, after);
    return v > kSpikeFactor * around && v - around > kSpikeMinExcessW;
}

bool heartRateSpike(double v, double before, double after)
{
    return (v - before > kHrSpikeBpm && v - after > kHrSpikeBpm) ||
           (before - v > kHrSpikeBpm && after - v > kHrSpikeBpm);
}

bool recordedAnything(const std::vector<double>& values)
{
    return std::any_of(values.begin(), values.end(), [](double v) { return !isMissing(v); });
}

// A file whose samples carry no times (a track drawn on a map, a damaged export): how long each value held is
// unknown, so it cannot be scored.
QString withoutTimes()
{
    return loadNoteText(
        QT_TRANSLATE_NOOP("LoadNote", "the recording has no times, so how long each value held is unknown"));
}

// Banister's TRIMP weighting of one minute at heart-rate reserve fraction x.
double trimpPerMinute(double x, const LoadSettings& s)
{
    return x * s.trimpK * std::exp(s.trimpB * x);
}

// Normalized power of a power series already on the 1-second grid.
std::optional<double> normalizedPowerOf(const std::vector<double>& power)
{
    constexpr std::size_t kWindow = 30;
    if (power.size() < kWindow)
        return std::nullopt;
    double windowSum = 0;
    double sumFourth = 0;
    std::size_t count = 0;
    for (std::size_t i = 0; i < power.size(); ++i) {
        windowSum += isMissing(power[i]) ? 0.0 : power[i];
        if (i >= kWindow)
            windowSum -= isMissing(power[i - kWindow]) ? 0.0 : power[i - kWindow];
        if (i + 1 >= kWindow) {
            const double mean = windowSum / kWindow;
            sumFourth += mean * mean * mean * mean;
            ++count;
        }
    }
    return std::pow(sumFourth / static_cast<double>(count), 0.25);
}

// Sports whose power is running power.
bool isOnFoot(Sport sport)
{
    return sport == Sport::Run || sport == Sport::Walk || sport == Sport::Hike || sport == Sport::Transition;
}

// Why power recorded for `a` has nothing to be scored against.
QString noPowerThreshold(Sport sport)
{
    if (isOnFoot(sport)) {
        return loadNoteText(QT_TRANSLATE_NOOP("LoadNote", "power was recorded, but no running threshold power is set "
                                                          "(running power is not cycling power, so the FTP does not "
                                                          "apply)"));
    }
    if (sport == Sport::Bike || sport == Sport::Brick || sport == Sport::Other)
        return loadNoteText(QT_TRANSLATE_NOOP("LoadNote", "power was recorded, but no threshold power (FTP) is set"));
    return loadNoteText(QT_TRANSLATE_NOOP("LoadNote", "power is not scored for this sport: neither the FTP nor the "
                                                      "running threshold power applies to it"));
}

// A recorded stream whose recorded seconds cover too little of the session, in words; empty when enough.
QString tooLittle(const char* text, double recordedSec, double sessionSec)
{
    if (recordedSec >= kMinRecordedShare * sessionSec)
        return {};
    return loadNoteText(text).arg(partOfText(recordedSec, sessionSec));
}

// The device's own average of a lap value over the session, weighted by lap time: when the recorded samples cover
// too little of the session (a TCX whose track was cut to a few seconds while its laps summarise five hours), the
// laps still say what the whole session averaged. Nothing unless laps carrying the value cover most of it.
std::optional<double> lapAverage(const Activity& a, std::optional<double> Lap::*field, double sessionSec)
{
    double sum = 0, seconds = 0;
    for (const Lap& lap : a.laps) {
        const std::optional<double>& v = lap.*field;
        const double t = lap.movingSec > 0 ? lap.movingSec : lap.elapsedSec;
        if (v && std::isfinite(*v) && *v > 0 && t > 0) {
            sum += *v * t;
            seconds += t;
        }
    }
    if (seconds <= 0 || sessionSec <= 0 || seconds < kLapsCoverShare * sessionSec)
        return std::nullopt;
    return sum / seconds;
}

// The value a heart-rate series holds for most of its seconds, and that share.
std::pair<double, double> modalValue(const std::vector<double>& hr)
{
    std::map<long, double> seconds;
    double recorded = 0;
    for (double v : hr) {
        if (!isMissing(v)) {
            seconds[std::lround(v)] += 1;
            recorded += 1;
        }
    }
    if (seconds.empty())
        return {0, 0};
    const auto top = std::max_element(seconds.begin(), seconds.end(),
                                      [](const auto& a, const auto& b) { return a.second < b.second; });
    return {static_cast<double>(top->first), top->second / recorded};
}

// What computeLoad says of a source: "heart rate was used".
QString usedText(LoadSource source)
{
    switch (source) {
    case LoadSource::Power:
        return loadNoteText(QT_TRANSLATE_NOOP("LoadNote", "power was used"));
    case LoadSource::Pace:
        return loadNoteText(QT_TRANSLATE_NOOP("LoadNote", "pace was used"));
    case LoadSource::HeartRate:
        return loadNoteText(QT_TRANSLATE_NOOP("LoadNote", "heart rate was used"));
    case LoadSource::Rpe:
        return loadNoteText(QT_TRANSLATE_NOOP("LoadNote", "your effort rating (RPE) was used"));
    case LoadSource::Estimate:
        return loadNoteText(QT_TRANSLATE_NOOP("LoadNote", "the load was estimated from the duration"));
    case LoadSource::User:
    case LoadSource::None:
        break;
    }
    return {};
}

// The name of a source inside a sentence: "power gives a load of ...".
QString sourceText(LoadSource source)
{
    switch (source) {
    case LoadSource::Power:
        return loadNoteText(QT_TRANSLATE_NOOP("LoadNote", "power"));
    case LoadSource::Pace:
        return loadNoteText(QT_TRANSLATE_NOOP("LoadNote", "pace"));
    case LoadSource::HeartRate:
        return loadNoteText(QT_TRANSLATE_NOOP("LoadNote", "heart rate"));
    default:
        return loadNoteText(QT_TRANSLATE_NOOP("LoadNote", "the effort rating"));
    }
}

// Why a computed score is not believed; empty when it is.
QString implausible(const Activity& a, LoadSource source, const StressScore& score)
{
    // The longest the session can have lasted: a file whose summary lost its times still has its recording's span.
    const Streams& st = a.streams;
    const double span =
        st.time.size() > 1 && std::isfinite(st.time.back() - st.time.front()) ? st.time.back() - st.time.front() : 0.0;
    const double hours = std::max({a.movingSec, a.elapsedSec, span}) / 3600.0;
    if (!std::isfinite(score.load) || score.load < 0)
        return loadNoteText(QT_TRANSLATE_NOOP("LoadNote", "%1 gives a load that is not a number"))
            .arg(sourceText(source));
    if (score.load > plausible::kMaxLoadPerHour * hours)
        return loadNoteText(QT_TRANSLATE_NOOP("LoadNote", "%1 gives a load of %2 in %3, more than anyone can produce: "
                                                          "the data is bad, or its threshold is set far too low"))
            .arg(sourceText(source), QString::number(std::lround(score.load)), durationText(hours * 3600));
    return {};
}

// "The power meter recorded only zeros; heart rate was used."
QString noteFor(const QStringList& passedOver, LoadSource used)
{
    if (passedOver.isEmpty())
        return {};
    QString note = passedOver.join(QStringLiteral("; ")) + QStringLiteral("; ") + usedText(used) + QLatin1Char('.');
    note[0] = note[0].toUpper();
    return note;
}

} // namespace

StressScore quadraticStress(double seconds, double intensity)
{
    return StressScore{100.0 * seconds / 3600.0 * intensity * intensity, intensity};
}

std::optional<double> normalizedPower(const Streams& streams)
{
    return normalizedPowerOf(resample1Hz(streams, Channel::Power));
}

std::optional<double> thresholdPowerFor(Sport sport, const Thresholds& t)
{
    if (isOnFoot(sport))
        return t.runPowerWatts;
    if (sport == Sport::Bike || sport == Sport::Brick || sport == Sport::Other)
        return t.ftpWatts;
    return std::nullopt; // swimming, rowing, strength
}

SourceScore powerStress(const Activity& a, const Thresholds& t)
{
    const std::optional<double> threshold = thresholdPowerFor(a.sport, t);
    const double session = a.durationSec();
    std::vector<double> power;
    if (const std::vector<double>* raw = a.streams.get(Channel::Power)) {
        std::vector<double> samples = plausibleSamples(*raw, plausible::kPowerWatts);
        removeSpikes(samples, powerSpike);
        power = resample1Hz(a.streams.time, samples);
        const Coverage c = coverageOf(power);
        if (c.recordedSec == 0 && recordedAnything(samples))
            return {std::nullopt, withoutTimes()};
        if (c.positiveSec == 0) {
            return {std::nullopt,
                    c.recordedSec > 0
                        ? loadNoteText(QT_TRANSLATE_NOOP("LoadNote", "the power meter recorded only zeros"))
                        : loadNoteText(QT_TRANSLATE_NOOP("LoadNote", "the power meter recorded nothing"))};
        }
        if (QString why = tooLittle(QT_TRANSLATE_NOOP("LoadNote", "the power meter recorded power for only %1"),
                                    c.positiveSec, session);
            !why.isEmpty()) {
            // The laps' own average power stands for the session the samples do not cover.
            const std::optional<double> lapPower = lapAverage(a, &Lap::avgPower, session);
            if (!lapPower)
                return {std::nullopt, why};
            power.clear();
            if (positive(threshold))
                return {quadraticStress(session, *lapPower / *threshold), {}};
        }
    }
    const bool recorded = !power.empty() || positive(a.avgPower);
    if (!positive(threshold))
        return {std::nullopt, recorded ? noPowerThreshold(a.sport) : QString()};
    if (auto np = normalizedPowerOf(power))
        return {quadraticStress(static_cast<double>(power.size()), *np / *threshold), {}};
    if (positive(a.avgPower) && session > 0)
        return {quadraticStress(session, *a.avgPower / *threshold), {}};
    return {};
}

SourceScore heartRateStress(const Activity& a, const Thresholds& t, const LoadSettings& s)
{
    std::vector<double> hr;
    if (const std::vector<double>* raw = a.streams.get(Channel::HeartRate)) {
        std::vector<double> samples = plausibleSamples(*raw, plausible::kHeartRate);
        removeSpikes(samples, heartRateSpike);
        hr = resample1Hz(a.streams.time, samples);
    }
    const double session = a.durationSec();
    Coverage c = coverageOf(hr);
    std::optional<double> avgHr = a.avgHr;
    bool lapsSpeak = false;
    // Samples covering too little of the session, while the laps hold the device's average over all of it: the
    // laps speak for the session.
    if (const std::optional<double> lapHr = lapAverage(a, &Lap::avgHr, session);
        lapHr && c.recordedSec > 0 && c.recordedSec < kMinRecordedShare * session) {
        hr.clear();
        c = {};
        avgHr = lapHr;
        lapsSpeak = true;
    }
    if (a.streams.has(Channel::HeartRate) && !lapsSpeak) {
        if (c.recordedSec == 0) {
            return {std::nullopt,
                    recordedAnything(*a.streams.get(Channel::HeartRate))
                        ? withoutTimes()
                        : loadNoteText(QT_TRANSLATE_NOOP("LoadNote", "the heart-rate strap recorded nothing"))};
        }
        if (QString why = tooLittle(QT_TRANSLATE_NOOP("LoadNote", "the heart-rate strap recorded only %1"),
                                    c.recordedSec, session);
            !why.isEmpty())
            return {std::nullopt, why};
        if (const auto [bpm, share] = modalValue(hr); c.recordedSec >= kFlatLineMinSec && share >= kFlatLineShare) {
            return {
                std::nullopt,
                loadNoteText(QT_TRANSLATE_NOOP("LoadNote", "the heart-rate strap recorded a flat line (%1 bpm for %2)"))
                    .arg(QString::number(bpm), partOfText(share * c.recordedSec, c.recordedSec))};
        }
    }
    const bool recorded = c.recordedSec > 0 || positive(avgHr);
    const auto lthr = t.lthrFor(a.sport);
    if (!positive(lthr) || !positive(t.maxHr) || !t.restingHr || *t.maxHr <= *t.restingHr) {
        return {std::nullopt, recorded
                                  ? loadNoteText(QT_TRANSLATE_NOOP(
                                        "LoadNote", "heart rate was recorded, but the threshold, maximum and resting "
                                                    "heart rates are not all set"))
                                  : QString()};
    }
    const double rest = *t.restingHr;
    const double reserve = *t.maxHr - rest;
    auto fraction = [&](double bpm) { return std::clamp((bpm - rest) / reserve, 0.0, 1.0); };

    double trimp = 0;
    double seconds = c.recordedSec;
    for (double v : hr) {
        if (!isMissing(v))
            trimp += trimpPerMinute(fraction(v), s) / 60.0;
    }
    if (seconds > 0 && seconds < session) {
        // A strap that slipped for part of the session: the recorded part stands for the whole.
        trimp *= session / seconds;
        seconds = session;
    }
    if (seconds == 0) {
        if (!positive(avgHr) || session <= 0)
            return {};
        seconds = session;
        trimp = trimpPerMinute(fraction(*avgHr), s) * seconds / 60.0;
    }
    // Normalised so that 60 minutes at LTHR score 100, as a power-based score would at FTP.
    const double hourAtThreshold = 60.0 * trimpPerMinute(fraction(*lthr), s);
    if (hourAtThreshold <= 0)
        return {};
    const double load = 100.0 * trimp / hourAtThreshold;
    return {StressScore{load, std::sqrt(load / (100.0 * seconds / 3600.0))}, {}};
}

std::optional<StressScore> rpeStress(const Activity& a)
{
    if (!a.rpe || *a.rpe < 1 || *a.rpe > 10 || a.durationSec() <= 0)
        return std::nullopt;
    // Our calibration of Foster's CR-10 session RPE onto Coggan's intensity levels: 2 very easy (recovery),
    // 4 steady endurance, 6 tempo, 8 sweet spot, 9 an hour-long all-out effort (threshold).
    static constexpr std::array<double, 10> kIntensity{0.50, 0.55, 0.65, 0.70, 0.75, 0.80, 0.85, 0.92, 1.00, 1.05};
    return quadraticStress(a.durationSec(), kIntensity[static_cast<std::size_t>(*a.rpe - 1)]);
}

StressScore estimatedStress(const Activity& a, const LoadSettings& s)
{
    // A recording that tracked where it went and never moved (a GPS lying still, a parked bike logging all day)
    // had no training in its elapsed hours: its moving time, 0, is what is estimated. An entry typed in, or an
    // indoor recording that cannot tell, is estimated from its time.
    const bool trackedMovement = a.streams.has(Channel::Latitude) || a.streams.has(Channel::Distance);
    const bool neverMoved = a.source == ActivitySource::File && trackedMovement && a.movingSec <= 0;
    const double seconds = neverMoved ? 0.0 : std::max(0.0, a.durationSec());
    return StressScore{seconds / 3600.0 * s.estimateFor(a.sport), std::nullopt};
}

LoadResult computeLoad(const Activity& a, const Thresholds& t, const LoadSettings& s)
{
    QStringList passedOver;
    if (a.userLoad) {
        if (plausible::kUserLoad.contains(*a.userLoad))
            return LoadResult{*a.userLoad, LoadSource::User, std::nullopt, {}};
        // Typed in before values were checked (or by a bad import): not believed, and said so.
        passedOver << loadNoteText(QT_TRANSLATE_NOOP("LoadNote", "the load entered (%1) is not plausible"))
                          .arg(QString::number(*a.userLoad, 'g', 6));
    }
    for (LoadSource source : s.precedenceFor(a.sport)) {
        SourceScore tried;
        switch (source) {
        case LoadSource::Power:
            tried = powerStress(a, t);
            break;
        case LoadSource::Pace:
            tried = paceStress(a, t);
            break;
        case LoadSource::HeartRate:
            tried = heartRateStress(a, t, s);
            break;
        case LoadSource::Rpe:
            tried.score = rpeStress(a);
            break;
        case LoadSource::Estimate:
            tried.score = estimatedStress(a, s);
            break;
        case LoadSource::User:
        case LoadSource::None:
            break;
        }
        if (tried.score) {
            // The estimate is the athlete's own rate per hour: nothing to disbelieve.
            if (source != LoadSource::Estimate)
                tried.passedOver = implausible(a, source, *tried.score);
            if (tried.passedOver.isEmpty())
                return LoadResult{tried->load, source, tried->intensity, noteFor(passedOver, source)};
        }
        if (!tried.passedOver.isEmpty())
            passedOver << tried.passedOver;
    }
    // Nothing in the athlete's precedence applied: the estimate is always possible.
    const StressScore est = estimatedStress(a, s);
    return LoadResult{est.load, LoadSource::Estimate, std::nullopt, noteFor(passedOver, LoadSource::Estimate)};
}

} // namespace tricoach
