#include "core/metrics/analysis.h"
namespace tricoach {
QString riskLevelId(RiskLevel) { return QStringLiteral("low"); }
QString formStatusId(FormStatus) { return QStringLiteral("maintaining"); }
FormStatus formStatusFor(double, const AnalysisThresholds&) { return FormStatus::Maintaining; }
TrainingLoadAnalysis analyzeTrainingLoad(const std::vector<PmcDay>&, const QDate& day, const AnalysisThresholds&)
{
    TrainingLoadAnalysis a;
    a.date = day;
    return a;
}
} // namespace tricoach
