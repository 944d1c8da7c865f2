#include "core/metrics/analysis.h"

#include <gtest/gtest.h>

using namespace tricoach;

namespace {
const QDate kToday(2024, 6, 20);

// A two-point chart: what analysis reads is CTL a week ago and CTL/ATL/TSB today.
std::vector<PmcDay> chart(double ctlWeekAgo, double ctl, double atl, double tsb)
{
    return {PmcDay{kToday.addDays(-7), 0, ctlWeekAgo, 0, 0}, PmcDay{kToday, 0, ctl, atl, tsb}};
}

bool mentions(const QStringList& list, const QString& word)
{
    for (const auto& s : list)
        if (s.contains(word, Qt::CaseInsensitive))
            return true;
    return false;
}
} // namespace

TEST(Analysis, ReadsTheDayAndTheRampRate)
{
    const auto a = analyzeTrainingLoad(chart(78.7, 85.2, 92.1, -6.9), kToday, AnalysisThresholds{});
    EXPECT_EQ(a.date, kToday);
    EXPECT_NEAR(a.rampRate, 6.5, 1e-9);
    EXPECT_EQ(a.currentCtl, 85.2);
    EXPECT_EQ(a.currentAtl, 92.1);
    EXPECT_EQ(a.currentTsb, -6.9);
    EXPECT_EQ(a.riskLevel, RiskLevel::Low);
    EXPECT_EQ(a.formStatus, FormStatus::Maintaining);
    EXPECT_TRUE(mentions(a.recommendations, QStringLiteral("optimal")));
}

TEST(Analysis, HighRiskRules)
{
    const AnalysisThresholds t;
    EXPECT_EQ(analyzeTrainingLoad(chart(50, 58.5, 60, 0), kToday, t).riskLevel, RiskLevel::High); // ramp 8.5
    EXPECT_EQ(analyzeTrainingLoad(chart(50, 58, 60, 0), kToday, t).riskLevel, RiskLevel::Low);    // ramp 8: edge
    EXPECT_EQ(analyzeTrainingLoad(chart(60, 60, 70, -31), kToday, t).riskLevel, RiskLevel::High); // Form < −30
    EXPECT_EQ(analyzeTrainingLoad(chart(60, 60, 79, -5), kToday, t).riskLevel, RiskLevel::High);  // ATL/CTL 1.32
    EXPECT_EQ(analyzeTrainingLoad(chart(5, 5, 9, -5), kToday, t).riskLevel, RiskLevel::Low); // ratio ignored: tiny CTL
}

TEST(Analysis, MediumRiskRules)
{
    const AnalysisThresholds t;
    EXPECT_EQ(analyzeTrainingLoad(chart(60, 60, 65, -12), kToday, t).riskLevel, RiskLevel::Medium); // Form < −10
    EXPECT_EQ(analyzeTrainingLoad(chart(60, 60, 72, -5), kToday, t).riskLevel, RiskLevel::Medium);  // ratio 1.2
    AnalysisThresholds strict;
    strict.formMediumRisk = -5;
    EXPECT_EQ(analyzeTrainingLoad(chart(60, 60, 65, -6), kToday, strict).riskLevel, RiskLevel::Medium);
    EXPECT_EQ(analyzeTrainingLoad(chart(60, 60, 65, -6), kToday, t).riskLevel, RiskLevel::Low);
}

TEST(Analysis, FormBands)
{
    const AnalysisThresholds t;
    EXPECT_EQ(formStatusFor(30, t), FormStatus::Transition);
    EXPECT_EQ(formStatusFor(25, t), FormStatus::Fresh);
    EXPECT_EQ(formStatusFor(10, t), FormStatus::Fresh);
    EXPECT_EQ(formStatusFor(5, t), FormStatus::Maintaining);
    EXPECT_EQ(formStatusFor(-10, t), FormStatus::Maintaining);
    EXPECT_EQ(formStatusFor(-10.1, t), FormStatus::Productive);
    EXPECT_EQ(formStatusFor(-30, t), FormStatus::Productive);
    EXPECT_EQ(formStatusFor(-30.1, t), FormStatus::Overreaching);
    EXPECT_EQ(formStatusId(FormStatus::Overreaching), QStringLiteral("overreaching"));
    EXPECT_EQ(riskLevelId(RiskLevel::Medium), QStringLiteral("medium"));
}

TEST(Analysis, RecommendationsSpeakTheAthletesWords)
{
    const AnalysisThresholds t;
    const auto risky = analyzeTrainingLoad(chart(40, 52, 90, -35), kToday, t);
    EXPECT_TRUE(mentions(risky.recommendations, QStringLiteral("above the safe")));
    EXPECT_TRUE(mentions(risky.recommendations, QStringLiteral("deep fatigue")));
    EXPECT_TRUE(mentions(risky.recommendations, QStringLiteral("spike")));
    const auto falling = analyzeTrainingLoad(chart(50, 45, 20, 28), kToday, t);
    EXPECT_TRUE(mentions(falling.recommendations, QStringLiteral("falling")));
    EXPECT_TRUE(mentions(falling.recommendations, QStringLiteral("losing Fitness")));
    for (const auto& a : {risky, falling})
        for (const QString& s : a.recommendations)
            for (const char* mark : {"TSS", "CTL", "ATL", "TSB"})
                EXPECT_FALSE(s.contains(QLatin1String(mark))) << s.toStdString();
}

TEST(Analysis, EmptyHistorySaysSo)
{
    const auto a = analyzeTrainingLoad({}, kToday, AnalysisThresholds{});
    EXPECT_EQ(a.currentCtl, 0);
    EXPECT_EQ(a.riskLevel, RiskLevel::Low);
    ASSERT_EQ(a.recommendations.size(), 1);
    EXPECT_TRUE(a.recommendations.front().contains(QStringLiteral("No training load")));
}
