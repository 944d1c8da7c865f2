#include "core/metrics/settings.h"

#include <QJsonArray>

#include <gtest/gtest.h>

using namespace tricoach;

TEST(MetricSettings, DefaultsFollowTheDocumentedConvention)
{
    const MetricSettings s;
    EXPECT_EQ(s.pmc.fitnessDays, 42);
    EXPECT_EQ(s.pmc.fatigueDays, 7);
    const std::vector<LoadSource> expected{LoadSource::Power, LoadSource::Pace, LoadSource::HeartRate, LoadSource::Rpe,
                                           LoadSource::Estimate};
    for (Sport sport : kAllSports)
        EXPECT_EQ(s.load.precedenceFor(sport), expected);
    EXPECT_EQ(s.analysis.rampOptimalMax, 8);
    EXPECT_EQ(s.analysis.formHighRisk, -30);
    EXPECT_EQ(s.analysis.fatigueRatioHigh, 1.3);
}

TEST(MetricSettings, JsonRoundTrip)
{
    MetricSettings s;
    s.pmc = PmcSettings{28, 5};
    s.load.precedence[Sport::Run] = {LoadSource::HeartRate, LoadSource::Pace};
    s.load.estimatePerHour[Sport::Strength] = 33;
    s.load.trimpK = 0.86;
    s.analysis.formHighRisk = -25;
    s.analysis.breakDays = 21;
    s.analysis.minFitnessForTrend = 3;
    EXPECT_EQ(MetricSettings::fromJson(s.toJson()), s);
}

TEST(MetricSettings, MissingOrBadValuesKeepDefaults)
{
    EXPECT_EQ(MetricSettings::fromJson(QJsonObject{}), MetricSettings{});
    QJsonObject bad{{QStringLiteral("pmc"), QJsonObject{{QStringLiteral("fitness_days"), -3},
                                                        {QStringLiteral("fatigue_days"), QStringLiteral("x")}}},
                    {QStringLiteral("load"),
                     QJsonObject{{QStringLiteral("precedence"),
                                  QJsonObject{{QStringLiteral("Run"),
                                               QJsonArray{QStringLiteral("user"), QStringLiteral("bogus")}}}}}}};
    const MetricSettings s = MetricSettings::fromJson(bad);
    EXPECT_EQ(s.pmc, PmcSettings{});
    EXPECT_EQ(s.load.precedenceFor(Sport::Run), LoadSettings::defaults().precedenceFor(Sport::Run));
}
