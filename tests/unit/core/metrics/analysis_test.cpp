#include "core/metrics/analysis.h"

#include <cmath>
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

// Fitness by its definition, day by day, written out here rather than taken from core/metrics/pmc.cpp.
double fitnessAfter(const std::vector<double>& dailyLoads)
{
    double ctl = 0;
    for (double load : dailyLoads)
        ctl += (load - ctl) * (1 - std::exp(-1.0 / 42));
    return ctl;
}

// A real chart from `from` to kToday with the given loads by day (days without an entry rest).
std::vector<PmcDay> history(const QDate& from, const std::map<QDate, double>& loads)
{
    std::vector<DailyLoad> daily;
    for (const auto& [d, l] : loads)
        daily.push_back({d, l});
    return computePmc(daily, from, kToday, PmcSettings{});
}

// Training every day at `load` from `first` through `last`.
std::map<QDate, double> steady(const QDate& first, const QDate& last, double load)
{
    std::map<QDate, double> out;
    for (QDate d = first; d <= last; d = d.addDays(1))
        out[d] = load;
    return out;
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
    EXPECT_EQ(a.state, TrainingState::NoHistory);
    EXPECT_EQ(a.currentCtl, 0);
    EXPECT_EQ(a.riskLevel, RiskLevel::Low);
    ASSERT_EQ(a.recommendations.size(), 1);
    EXPECT_TRUE(a.recommendations.front().contains(QStringLiteral("No training load")));
}

TEST(Analysis, AHistoryThatEndedMonthsAgoIsABreakNotAFall)
{
    // Half a year of 60 a day that ended 13 weeks (91 days) ago: nothing since.
    const QDate last = kToday.addDays(-91);
    const auto chart = history(last.addDays(-200), steady(last.addDays(-180), last, 60));
    const auto a = analyzeTrainingLoad(chart, kToday, AnalysisThresholds{});
    EXPECT_EQ(a.state, TrainingState::Break);
    ASSERT_TRUE(a.lastTraining.has_value());
    EXPECT_EQ(*a.lastTraining, last);
    EXPECT_EQ(a.daysWithoutTraining, 91);
    std::vector<double> loads(181, 60.0);
    loads.resize(181 + 91, 0.0);
    const double fitness = fitnessAfter(loads);
    EXPECT_NEAR(a.currentCtl, fitness, 1e-9);
    ASSERT_EQ(a.recommendations.size(), 1);
    const QString said = a.recommendations.front();
    EXPECT_TRUE(said.contains(QStringLiteral("No training in the last 13 weeks"))) << said.toStdString();
    EXPECT_TRUE(said.contains(QStringLiteral("decayed to %1").arg(fitness, 0, 'f', 1))) << said.toStdString();
    EXPECT_FALSE(mentions(a.recommendations, QStringLiteral("falling")));
    EXPECT_FALSE(mentions(a.recommendations, QStringLiteral("taper")));
    EXPECT_EQ(trainingStateId(a.state), QStringLiteral("break"));
}

TEST(Analysis, FitnessThatRoundsToZeroNeverReadsMinusZero)
{
    // One ride five years ago: Fitness and the ramp are tiny and negative-going.
    const QDate ride = kToday.addDays(-5 * 365);
    const auto chart = history(ride.addDays(-1), {{ride, 80}});
    const auto a = analyzeTrainingLoad(chart, kToday, AnalysisThresholds{});
    EXPECT_LT(a.rampRate, 0);
    EXPECT_GT(a.rampRate, -0.05);
    EXPECT_EQ(a.state, TrainingState::Break);
    for (const QString& s : a.recommendations) {
        EXPECT_FALSE(s.contains(QStringLiteral("-0.0"))) << s.toStdString();
        EXPECT_FALSE(s.contains(QStringLiteral("falling"))) << s.toStdString();
    }
    EXPECT_TRUE(mentions(a.recommendations, QStringLiteral("decayed to 0.0")));
}

TEST(Analysis, ABreakCountsTheDaysOfAShortSetting)
{
    AnalysisThresholds t;
    t.breakDays = 10;
    const auto chart = history(kToday.addDays(-100), steady(kToday.addDays(-90), kToday.addDays(-12), 50));
    const auto a = analyzeTrainingLoad(chart, kToday, t);
    EXPECT_EQ(a.state, TrainingState::Break);
    EXPECT_TRUE(mentions(a.recommendations, QStringLiteral("No training in the last 12 days")));
    // With the default four weeks, twelve days off is still training: Fitness falls, and that is said.
    const auto b = analyzeTrainingLoad(chart, kToday, AnalysisThresholds{});
    EXPECT_EQ(b.state, TrainingState::Training);
    EXPECT_TRUE(mentions(b.recommendations, QStringLiteral("falling")));
}

TEST(Analysis, FitnessBelowTheFloorSaysTheTrendMeansLittle)
{
    // A single easy walk ten days ago: trained recently, but Fitness is a fraction of a point.
    const auto chart = history(kToday.addDays(-60), {{kToday.addDays(-10), 20}});
    const auto a = analyzeTrainingLoad(chart, kToday, AnalysisThresholds{});
    EXPECT_EQ(a.state, TrainingState::LowFitness);
    EXPECT_EQ(a.daysWithoutTraining, 10);
    EXPECT_LT(a.currentCtl, 1);
    EXPECT_TRUE(mentions(a.recommendations, QStringLiteral("too low")));
    EXPECT_FALSE(mentions(a.recommendations, QStringLiteral("falling")));
    EXPECT_FALSE(mentions(a.recommendations, QStringLiteral("-0.")));
    // Fatigue is real whatever the Fitness: one big first day, yesterday.
    const auto spike = history(kToday.addDays(-60), {{kToday.addDays(-1), 200}});
    const auto s = analyzeTrainingLoad(spike, kToday, AnalysisThresholds{});
    EXPECT_EQ(s.state, TrainingState::LowFitness);
    EXPECT_LT(s.currentTsb, -10);
    EXPECT_TRUE(mentions(s.recommendations, QStringLiteral("reducing volume")));
}

TEST(Analysis, AFlatRampIsSteadyNotRising)
{
    const auto a = analyzeTrainingLoad(chart(50, 50.2, 50, 0), kToday, AnalysisThresholds{});
    EXPECT_EQ(a.state, TrainingState::Training);
    EXPECT_TRUE(mentions(a.recommendations, QStringLiteral("steady")));
    const auto b = analyzeTrainingLoad(chart(50, 49.97, 50, 0), kToday, AnalysisThresholds{});
    EXPECT_FALSE(mentions(b.recommendations, QStringLiteral("falling")));
    EXPECT_FALSE(mentions(b.recommendations, QStringLiteral("-0.0")));
}
