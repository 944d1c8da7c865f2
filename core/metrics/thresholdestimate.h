#pragma once
// Thresholds estimated from what the athlete recorded, each with its basis (the value, the method, and the
// activity, day and effort it came from) or the reason the data cannot support it:
//   FTP, and running threshold power from run power: the best 20-min power of the window × 0.95, or, without a
//     20-min effort, the critical power of a fit over best efforts of 3 to 12 minutes;
//   threshold pace: the critical speed of a distance–time fit over best efforts of 3 to 30 minutes, or, with too
//     few of them, the best effort's speed carried to an hour by Riegel's formula;
//   threshold heart rate, bike and run separately: the best 20-minute average heart rate of a hard effort;
//   maximum heart rate: the highest heart rate held for 5 seconds;
//   CSS: 200 m / (t400 − t200) from the best 400 m and 200 m of pool swims.
// An estimate outside its plausible range (core/model/plausible.h) is never offered.
//
// Threading: a ThresholdEstimator is a plain value: one thread feeds it at a time, estimators on different threads
// share nothing. It reads no store; core/store/thresholdreads.h streams a window's activities into it on the
// thread that owns the store.

#include "core/model/activity.h"
#include "core/model/athlete.h"

#include <QDate>
#include <QString>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <vector>

namespace tricoach {

// The thresholds the estimator offers; ids are stable (JSON, stored dismissals), never shown.
enum class ThresholdField { Ftp, RunPower, RunPace, LthrBike, LthrRun, MaxHr, Css };
inline constexpr std::array kEstimatedFields{
    ThresholdField::Ftp,     ThresholdField::RunPower, ThresholdField::RunPace, ThresholdField::LthrBike,
    ThresholdField::LthrRun, ThresholdField::MaxHr,    ThresholdField::Css};
QString thresholdFieldId(ThresholdField field); // "ftp", "run_power", "threshold_pace", ...
std::optional<ThresholdField> thresholdFieldFromId(QStringView id);
// The member of Thresholds a field estimates.
std::optional<double> Thresholds::*thresholdMember(ThresholdField field);

enum class EstimateMethod {
    Best20MinPower,   // best 20-min mean power × 0.95
    CriticalPower,    // work = W′ + CP · t over 3–12-min efforts
    CriticalSpeed,    // distance = D′ + CS · t over 3–30-min efforts
    RiegelHour,       // the best effort's speed carried to one hour
    Best20MinHr,      // best 20-min mean heart rate of a hard effort
    HighestHeldHr,    // highest heart rate held for 5 s
    CriticalSwimSpeed // 200 m / (t400 − t200)
};
QString estimateMethodId(EstimateMethod method); // "best-20min-power", "critical-power", ...

// Why a threshold could not be estimated.
enum class MissingReason {
    NoActivities, // no activity of the sport in the window
    NoRecording,  // activities, but none recorded the channel (power, heart rate, distance, pool lengths)
    TooShort,     // no effort long enough (20 min, 3 min, a continuous 400 m)
    NotHard,      // efforts long enough, but none hard enough to say anything about the threshold
    Implausible   // the estimate fell outside the plausible range
};
QString missingReasonId(MissingReason reason); // "no-activities", "no-recording", ...

// One best effort: where it was done and what it was.
struct Effort {
    ActivityId activity = 0;
    QDate day;
    QString title;
    double seconds = 0; // how long it lasted
    double value = 0;   // its mean: W for power, bpm for heart rate, m/s for pace and swims
};

struct ThresholdEstimate {
    ThresholdField field = ThresholdField::Ftp;
    std::optional<double> value; // in the unit Thresholds stores; empty when not offered
    std::optional<EstimateMethod> method;
    std::vector<Effort> efforts;   // what it came from: the effort, or the points of a fit, shortest first
    std::optional<double> reserve; // a fit's W′ (J) or D′ (m)
    std::optional<MissingReason> missing;
    QString basis; // in words (English, for the command line): "best 20-min power 263 W on 2026-11-02 × 0.95"

    bool offered() const { return value.has_value(); }
};

struct EstimateOptions {
    QDate asOf;                // the last day of the window
    int windowDays = 90;       // power, pace, threshold heart rates and CSS: the asOf day and the days before it
    int maxHrWindowDays = 365; // the maximum is rarely reached, so it is looked for over a longer window
    // The athlete's maximum heart rate, when set: hard efforts are judged against it (else against the estimate).
    std::optional<double> knownMaxHr;

    QDate windowStart() const { return asOf.addDays(1 - windowDays); }
    // The earliest day any estimate needs.
    QDate firstDayNeeded() const { return asOf.addDays(1 - std::max(windowDays, maxHrWindowDays)); }
};

// Collects best efforts from activities handed to it one at a time (with their streams and lengths), keeping
// only the bests, so a window of any length is estimated in little memory.
class ThresholdEstimator {
public:
    explicit ThresholdEstimator(EstimateOptions options);

    // Activities outside the windows are ignored; so is an activity's missing or damaged data.
    void add(const Activity& activity);
    // Activities that fell inside a window.
    int activitiesUsed() const { return m_used; }
    const EstimateOptions& options() const { return m_options; }
    // One estimate per field of kEstimatedFields, in that order.
    std::vector<ThresholdEstimate> estimates() const;

    // The best efforts of one sport's channel, per duration (seconds).
    struct Bests {
        std::map<int, Effort> byDuration;
        int activities = 0; // of the sport in the window
        int recorded = 0;   // of those, with the channel
        void offer(int seconds, const Effort& effort);
    };

private:
    EstimateOptions m_options;
    int m_used = 0;
    Bests m_bikePower, m_runPower, m_runSpeed, m_bikeHr, m_runHr, m_swims;
    std::optional<Effort> m_maxHr;
    int m_maxHrActivities = 0, m_maxHrRecorded = 0;
};

// Estimates from a list of activities (tests, small histories).
std::vector<ThresholdEstimate> estimateThresholds(const std::vector<Activity>& activities,
                                                  const EstimateOptions& options);
// A value as an athlete would type it: whole watts and beats per minute, paces in whole seconds per km or per
// 100 m (stored as the speed they give).
double roundedThreshold(ThresholdField field, double value);
// The offered values as one Thresholds (the others stay unset), rounded as roundedThreshold does.
Thresholds estimatedValues(const std::vector<ThresholdEstimate>& estimates);

} // namespace tricoach
