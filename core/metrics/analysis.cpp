#include "core/metrics/analysis.h"

#include "core/util/numberformat.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace tricoach {

QString riskLevelId(RiskLevel level)
{
    switch (level) {
    case RiskLevel::Low:
        return QStringLiteral("low");
    case RiskLevel::Medium:
        return QStringLiteral("medium");
    case RiskLevel::High:
        return QStringLiteral("high");
    }
    return QStringLiteral("low");
}

QString formStatusId(FormStatus status)
{
    switch (status) {
    case FormStatus::Transition:
        return QStringLiteral("transition");
    case FormStatus::Fresh:
        return QStringLiteral("fresh");
    case FormStatus::Maintaining:
        return QStringLiteral("maintaining");
    case FormStatus::Productive:
        return QStringLiteral("productive");
    case FormStatus::Overreaching:
        return QStringLiteral("overreaching");
    }
    return QStringLiteral("maintaining");
}

FormStatus formStatusFor(double tsb, const AnalysisThresholds& t)
{
    if (tsb < t.formHighRisk)
        return FormStatus::Overreaching;
    if (tsb < t.formProductive)
        return FormStatus::Productive;
    if (tsb <= t.formFresh)
        return FormStatus::Maintaining;
    if (tsb <= t.formTransition)
        return FormStatus::Fresh;
    return FormStatus::Transition;
}

QString trainingStateId(TrainingState state)
{
    switch (state) {
    case TrainingState::NoHistory:
        return QStringLiteral("no_history");
    case TrainingState::Break:
        return QStringLiteral("break");
    case TrainingState::LowFitness:
        return QStringLiteral("low_fitness");
    case TrainingState::Training:
        return QStringLiteral("training");
    }
    return QStringLiteral("training");
}

namespace {

// A change of less than this a week reads as steady: it shows as 0.x and is within a day's rounding.
constexpr double kSteadyRamp = 0.5;

QString number(double v)
{
    return fixedNumber(v, 1);
}

RiskLevel riskFor(double ramp, double ctl, double atl, double tsb, const AnalysisThresholds& t)
{
    const bool ratioMeaningful = ctl >= t.minFitnessForRatio;
    const double ratio = ratioMeaningful ? atl / ctl : 0.0;
    if (ramp > t.rampOptimalMax || tsb < t.formHighRisk || (ratioMeaningful && ratio > t.fatigueRatioHigh))
        return RiskLevel::High;
    if (tsb < t.formMediumRisk || (ratioMeaningful && ratio > t.fatigueRatioMedium))
        return RiskLevel::Medium;
    return RiskLevel::Low;
}

TrainingState stateFor(const TrainingLoadAnalysis& a, const AnalysisThresholds& t)
{
    if (!a.lastTraining && a.currentCtl <= 0 && a.currentAtl <= 0)
        return TrainingState::NoHistory;
    if (a.daysWithoutTraining >= t.breakDays)
        return TrainingState::Break;
    if (a.currentCtl < t.minFitnessForTrend)
        return TrainingState::LowFitness;
    return TrainingState::Training;
}

QString rampAdvice(const TrainingLoadAnalysis& a, const AnalysisThresholds& t)
{
    const QString band = QStringLiteral("%1–%2").arg(number(t.rampOptimalMin), number(t.rampOptimalMax));
    if (a.rampRate > t.rampOptimalMax)
        return QCoreApplication::translate(
                   "TrainingLoadAnalysis",
                   "Fitness is rising %1 points a week, above the safe %2: hold this week's load below "
                   "last week's or add a recovery day.")
            .arg(number(a.rampRate), number(t.rampOptimalMax));
    if (a.rampRate >= t.rampOptimalMin)
        return QCoreApplication::translate(
                   "TrainingLoadAnalysis",
                   "Ramp rate is optimal (%1 Fitness points a week): keep the current progression.")
            .arg(band);
    if (std::abs(a.rampRate) < kSteadyRamp)
        return QCoreApplication::translate(
                   "TrainingLoadAnalysis",
                   "Fitness is holding steady: when building for a race, add 5–10% load a week to reach %1 a week.")
            .arg(band);
    if (a.rampRate > 0)
        return QCoreApplication::translate(
                   "TrainingLoadAnalysis",
                   "Fitness is rising slowly (%1 a week): when building for a race, add 5–10% load a week "
                   "to reach %2.")
            .arg(number(a.rampRate), band);
    return QCoreApplication::translate(
               "TrainingLoadAnalysis",
               "Fitness is falling (%1 a week): right for recovery or a taper; otherwise return to "
               "regular training.")
        .arg(number(a.rampRate));
}

// A break, in days when short (a small `breakDays` setting), in weeks otherwise.
QString breakAdvice(const TrainingLoadAnalysis& a)
{
    const int weeks = a.daysWithoutTraining / 7; // a variable: lupdate misreads a division among the arguments
    QString text;
    if (a.daysWithoutTraining < 14)
        text = QCoreApplication::translate(
            "TrainingLoadAnalysis",
            "No training in the last %n days: Fitness has decayed to %1. Import recent activities, or "
            "start again with easy sessions.",
            nullptr, a.daysWithoutTraining);
    else
        text = QCoreApplication::translate(
            "TrainingLoadAnalysis",
            "No training in the last %n weeks: Fitness has decayed to %1. Import recent activities, or "
            "start again with easy sessions.",
            nullptr, weeks);
    return text.arg(number(a.currentCtl));
}

QStringList recommendationsFor(const TrainingLoadAnalysis& a, const AnalysisThresholds& t)
{
    QStringList out;
    switch (a.state) {
    case TrainingState::NoHistory:
        out << QCoreApplication::translate(
            "TrainingLoadAnalysis",
            "No training load yet: add or import activities to see your Fitness, Fatigue and Form.");
        return out;
    case TrainingState::Break:
        out << breakAdvice(a);
        return out;
    case TrainingState::LowFitness:
        out << QCoreApplication::translate(
                   "TrainingLoadAnalysis",
                   "Fitness is %1, too low for the ramp rate and Form to say much yet: regular sessions will "
                   "build it.")
                   .arg(number(a.currentCtl));
        break;
    case TrainingState::Training:
        out << rampAdvice(a, t);
        break;
    }

    if (a.currentTsb < t.formHighRisk) {
        out << QCoreApplication::translate(
                   "TrainingLoadAnalysis",
                   "Form is %1, deep fatigue: take two or three easy days or rest before the next hard "
                   "session.")
                   .arg(number(a.currentTsb));
    } else if (a.currentTsb < t.formMediumRisk) {
        out << QCoreApplication::translate(
                   "TrainingLoadAnalysis",
                   "Form is %1: consider reducing volume this week and keep intensity for key sessions.")
                   .arg(number(a.currentTsb));
    } else if (a.state != TrainingState::Training) {
        // With little Fitness, a positive Form is only the absence of fatigue.
    } else if (a.currentTsb > t.formTransition) {
        out << QCoreApplication::translate(
                   "TrainingLoadAnalysis",
                   "Form is %1: very fresh and losing Fitness; start building again unless you are "
                   "tapering for a race.")
                   .arg(number(a.currentTsb));
    } else if (a.currentTsb > t.formFresh) {
        out << QCoreApplication::translate("TrainingLoadAnalysis",
                                           "Form is %1: fresh, a good day for a key workout or a race.")
                   .arg(number(a.currentTsb));
    }
    const double ratio = a.currentCtl >= t.minFitnessForRatio ? a.currentAtl / a.currentCtl : 0.0;
    if (ratio > t.fatigueRatioHigh) {
        out << QCoreApplication::translate(
                   "TrainingLoadAnalysis",
                   "Fatigue is %1 times Fitness: the recent load is a spike; plan recovery before adding "
                   "more.")
                   .arg(QString::number(ratio, 'f', 2));
    }
    return out;
}

} // namespace

TrainingLoadAnalysis analyzeTrainingLoad(const std::vector<PmcDay>& series, const QDate& day,
                                         const AnalysisThresholds& thresholds)
{
    TrainingLoadAnalysis a;
    a.date = day;
    const auto byDate = [](const PmcDay& p, const QDate& d) { return p.date < d; };
    auto it = std::lower_bound(series.begin(), series.end(), day, byDate);
    if (it != series.end() && it->date == day) {
        a.currentCtl = it->ctl;
        a.currentAtl = it->atl;
        a.currentTsb = it->tsb;
    }
    // The last day with load on or before `day`.
    const auto end = it != series.end() && it->date == day ? it + 1 : it;
    for (auto p = end; p != series.begin();) {
        --p;
        if (p->load > 0) {
            a.lastTraining = p->date;
            break;
        }
    }
    if (a.lastTraining)
        a.daysWithoutTraining = static_cast<int>(a.lastTraining->daysTo(day));
    else if (end != series.begin())
        a.daysWithoutTraining = static_cast<int>(series.front().date.daysTo(day)) + 1;
    a.rampRate = rampRate(series, day);
    a.state = stateFor(a, thresholds);
    a.riskLevel = riskFor(a.rampRate, a.currentCtl, a.currentAtl, a.currentTsb, thresholds);
    a.formStatus = formStatusFor(a.currentTsb, thresholds);
    a.recommendations = recommendationsFor(a, thresholds);
    return a;
}

} // namespace tricoach
