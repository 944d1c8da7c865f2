#include "core/metrics/analysis.h"

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

namespace {

QString number(double v)
{
    return QString::number(v, 'f', 1);
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

QStringList recommendationsFor(const TrainingLoadAnalysis& a, const AnalysisThresholds& t)
{
    QStringList out;
    if (a.currentCtl == 0 && a.currentAtl == 0) {
        out << QCoreApplication::translate(
            "TrainingLoadAnalysis",
            "No training load yet: add or import activities to see your Fitness, Fatigue and Form.");
        return out;
    }
    const QString band = QStringLiteral("%1–%2").arg(number(t.rampOptimalMin), number(t.rampOptimalMax));
    if (a.rampRate > t.rampOptimalMax) {
        out << QCoreApplication::translate(
                   "TrainingLoadAnalysis",
                   "Fitness is rising %1 points a week, above the safe %2: hold this week's load below "
                   "last week's or add a recovery day.")
                   .arg(number(a.rampRate), number(t.rampOptimalMax));
    } else if (a.rampRate >= t.rampOptimalMin) {
        out << QCoreApplication::translate(
                   "TrainingLoadAnalysis",
                   "Ramp rate is optimal (%1 Fitness points a week): keep the current progression.")
                   .arg(band);
    } else if (a.rampRate >= 0) {
        out << QCoreApplication::translate(
                   "TrainingLoadAnalysis",
                   "Fitness is rising slowly (%1 a week): when building for a race, add 5–10% load a week "
                   "to reach %2.")
                   .arg(number(a.rampRate), band);
    } else {
        out << QCoreApplication::translate(
                   "TrainingLoadAnalysis",
                   "Fitness is falling (%1 a week): right for recovery or a taper; otherwise return to "
                   "regular training.")
                   .arg(number(a.rampRate));
    }

    const double ratio = a.currentCtl >= t.minFitnessForRatio ? a.currentAtl / a.currentCtl : 0.0;
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
    auto it =
        std::lower_bound(series.begin(), series.end(), day, [](const PmcDay& p, const QDate& d) { return p.date < d; });
    if (it != series.end() && it->date == day) {
        a.currentCtl = it->ctl;
        a.currentAtl = it->atl;
        a.currentTsb = it->tsb;
    }
    a.rampRate = rampRate(series, day);
    a.riskLevel = riskFor(a.rampRate, a.currentCtl, a.currentAtl, a.currentTsb, thresholds);
    a.formStatus = formStatusFor(a.currentTsb, thresholds);
    a.recommendations = recommendationsFor(a, thresholds);
    return a;
}

} // namespace tricoach
