#pragma once

#include "core/metrics/pmc.h"
#include "core/metrics/settings.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace tricoach {

enum class RiskLevel { Low, Medium, High };
QString riskLevelId(RiskLevel level); // "low", "medium", "high"

// Form bands, from freshest to most fatigued; ids are stable JSON values.
enum class FormStatus { Transition, Fresh, Maintaining, Productive, Overreaching };
QString formStatusId(FormStatus status); // "transition", "fresh", "maintaining", "productive", "overreaching"

// What can honestly be said about the training up to a day. The ramp rate and the risk and Form bands assume an
// athlete who trains and has a Fitness worth measuring; the other states say why they do not apply.
enum class TrainingState {
    NoHistory,  // no load on or before the day
    Break,      // loads before, but none in the last `breakDays` days
    LowFitness, // training, but Fitness below `minFitnessForTrend`: the ramp and the bands are noise
    Training,   // the ramp, risk and Form bands apply
};
QString trainingStateId(TrainingState state); // "no_history", "break", "low_fitness", "training"

// The roadmap's training-load analysis of one day: where the athlete stands and what to do about it.
struct TrainingLoadAnalysis {
    QDate date;
    TrainingState state = TrainingState::NoHistory;
    // The last day with load on or before `date`, when the series reaches back to it.
    std::optional<QDate> lastTraining;
    // Days since the last load (0 when `date` has load); without `lastTraining`, at least this many.
    int daysWithoutTraining = 0;
    double rampRate = 0; // Fitness gained over the last 7 days
    RiskLevel riskLevel = RiskLevel::Low;
    double currentCtl = 0;
    double currentAtl = 0;
    double currentTsb = 0;
    FormStatus formStatus = FormStatus::Maintaining;
    QStringList recommendations; // plain sentences in the athlete's words (Fitness, Fatigue, Form, Load)
};

// Analyses `day` of a chart. `series` must contain `day` and should contain `day − 7` (earlier days count as 0);
// a break is recognised only as far back as the series reaches, so pass at least `breakDays` before `day` (the
// dashboard and the CLI pass the chart from the first activity).
TrainingLoadAnalysis analyzeTrainingLoad(const std::vector<PmcDay>& series, const QDate& day,
                                         const AnalysisThresholds& thresholds);

FormStatus formStatusFor(double tsb, const AnalysisThresholds& thresholds);

} // namespace tricoach
