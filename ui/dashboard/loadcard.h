#pragma once
// The training-load card: today's Fitness, Fatigue and Form, the ramp rate, the risk level and form status in
// colour, and what to do about it; or, when there is no recent training, when it last was and what to do.

#include "core/metrics/analysis.h"
#include "core/metrics/settings.h"

#include <QFrame>

class QLabel;

namespace tricoach {

class LoadCard : public QFrame {
    Q_OBJECT
public:
    explicit LoadCard(QWidget* parent = nullptr);
    void setAnalysis(const TrainingLoadAnalysis& analysis, const PmcSettings& settings);

    static QString riskName(RiskLevel level);
    static QString formName(FormStatus status);
    static QColor riskColor(RiskLevel level);
    static QColor formColor(FormStatus status);

private:
    QLabel* m_fitness = nullptr;
    QLabel* m_fatigue = nullptr;
    QLabel* m_form = nullptr;
    QLabel* m_ramp = nullptr;
    QLabel* m_risk = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_advice = nullptr;
};

} // namespace tricoach
