#pragma once

#include "core/metrics/pmc.h"
#include "core/metrics/settings.h"

#include <QString>
#include <QStringList>

namespace tricoach {

enum class RiskLevel { Low, Medium, High };
QString riskLevelId(RiskLevel level); // "low", "medium", "high"

// Form bands, from freshest to most fatigued; ids are stable JSON values.
enum class FormStatus { Transition, Fresh, Maintaining, Productive, Overreaching };
QString formStatusId(FormStatus status); // "transition", "fresh", "maintaining", "productive", "overreaching"

// The roadmap's training-load analysis of one day: where the athlete stands and what to do about it.
struct TrainingLoadAnalysis {
    QDate date;
    double rampRate = 0; // Fitness gained over the last 7 days
    RiskLevel riskLevel = RiskLevel::Low;
    double currentCtl = 0;
    double currentAtl = 0;
    double currentTsb = 0;
    FormStatus formStatus = FormStatus::Maintaining;
    QStringList recommendations; // plain sentences in the athlete's words (Fitness, Fatigue, Form, Load)
};

// Analyses `day` of a chart. `series` must contain `day` and should contain `day − 7` (earlier days count as 0).
TrainingLoadAnalysis analyzeTrainingLoad(const std::vector<PmcDay>& series, const QDate& day,
                                         const AnalysisThresholds& thresholds);

FormStatus formStatusFor(double tsb, const AnalysisThresholds& thresholds);

} // namespace tricoach
