// Pace-based stress: grade-adjusted running pace against threshold pace, swimming speed against CSS.
#include "core/metrics/loadnote.h"
#include "core/metrics/runpace.h"
#include "core/metrics/stress.h"
#include "core/model/plausible.h"

#include <cmath>

namespace tricoach {

namespace {

// A recorded distance stream is the session when it covers at least this share of the moving time; a watch that
// lost most of its samples (a damaged file, a recording that stopped early) is not, and then the device's own
// distance and time are used.
constexpr double kMinRecordedShare = 0.5;

bool positive(const std::optional<double>& v)
{
    return v && std::isfinite(*v) && *v > 0;
}

QString kmPerHour(double speed)
{
    return QString::number(speed * 3.6, 'f', 0);
}

SourceScore runPaceStress(const Activity& a, const Thresholds& t)
{
    const std::optional<GradedRun> run = gradeAdjustedRun(a.streams);
    const bool recorded = (run && run->distanceM > 0) || positive(a.distanceM);
    if (!positive(t.runThresholdSpeed)) {
        return {std::nullopt, recorded ? loadNoteText(QT_TRANSLATE_NOOP(
                                             "LoadNote", "a distance was recorded, but no threshold pace is set"))
                                       : QString()};
    }
    const double threshold = *t.runThresholdSpeed;
    const double session = a.durationSec();
    if (run && run->runningSec > 0 && run->recordedSec >= kMinRecordedShare * session)
        return {quadraticStress(run->runningSec, run->flatEquivalentM / run->runningSec / threshold), {}};

    // The device's distance and time: flat pace over the whole moving time.
    if (!positive(a.distanceM) || session <= 0)
        return {};
    const double speed = *a.distanceM / session;
    if (speed > plausible::kMaxRunningSpeed) {
        return {
            std::nullopt,
            loadNoteText(QT_TRANSLATE_NOOP("LoadNote", "the distance and time give %1 km/h, faster than anyone runs"))
                .arg(kmPerHour(speed))};
    }
    return {quadraticStress(session, speed / threshold), {}};
}

SourceScore swimPaceStress(const Activity& a, const Thresholds& t)
{
    const bool recorded = !a.lengths.empty() || positive(a.distanceM);
    if (!positive(t.cssSpeed)) {
        return {std::nullopt, recorded
                                  ? loadNoteText(QT_TRANSLATE_NOOP(
                                        "LoadNote", "a distance was recorded, but no critical swim speed (CSS) is set"))
                                  : QString()};
    }
    double activeSec = 0;
    double distance = 0;
    if (positive(a.poolLengthM)) {
        for (const PoolLength& len : a.lengths) {
            // Rest at the wall is excluded; a length faster than anyone swims is a turn counted twice.
            if (len.active && len.durationSec > 0 && *a.poolLengthM / len.durationSec <= plausible::kMaxSwimSpeed) {
                activeSec += len.durationSec;
                distance += *a.poolLengthM;
            }
        }
    }
    if (activeSec <= 0 && positive(a.distanceM)) {
        distance = *a.distanceM;
        activeSec = a.durationSec(); // moving time excludes rest when the device recorded it
        if (activeSec > 0 && distance / activeSec > plausible::kMaxSwimSpeed) {
            return {std::nullopt,
                    loadNoteText(
                        QT_TRANSLATE_NOOP("LoadNote", "the distance and time give %1 km/h, faster than anyone swims"))
                        .arg(QString::number(distance / activeSec * 3.6, 'f', 1))};
        }
    }
    if (activeSec <= 0 || distance <= 0)
        return {};
    // Swim stress is cubic in intensity: drag rises with the square of speed, power with its cube.
    const double intensity = distance / activeSec / *t.cssSpeed;
    return {StressScore{100.0 * activeSec / 3600.0 * intensity * intensity * intensity, intensity}, {}};
}

} // namespace

SourceScore paceStress(const Activity& a, const Thresholds& t)
{
    switch (a.sport) {
    case Sport::Run:
        return runPaceStress(a, t);
    case Sport::Swim:
        return swimPaceStress(a, t);
    default:
        return {};
    }
}

} // namespace tricoach
