#pragma once

#include "core/model/activity.h"

#include <QJsonObject>

#include <map>
#include <vector>

namespace tricoach {

// How an activity's load is chosen and estimated. Passed in; never read from a global.
struct LoadSettings {
    // Order in which inputs are tried, per sport. A user-entered load always wins and is not listed here.
    std::map<Sport, std::vector<LoadSource>> precedence;
    // Load per hour assumed when nothing but the duration is known ("estimate"), per sport.
    std::map<Sport, double> estimatePerHour;
    // Banister TRIMP weighting k·e^(b·x); 0.64/1.92 is Banister's male curve, 0.86/1.67 the female one.
    double trimpK = 0.64;
    double trimpB = 1.92;

    static LoadSettings defaults();
    const std::vector<LoadSource>& precedenceFor(Sport sport) const;
    double estimateFor(Sport sport) const;
    bool operator==(const LoadSettings&) const = default;
};

// Time constants of the Performance Management Chart, in days.
struct PmcSettings {
    double fitnessDays = 42; // Fitness (CTL)
    double fatigueDays = 7;  // Fatigue (ATL)
    bool operator==(const PmcSettings&) const = default;
};

// Where the training-load analysis draws its lines. Defaults are written in README.md ("Training-load analysis").
struct AnalysisThresholds {
    double rampOptimalMin = 5;     // Fitness gain per week considered productive
    double rampOptimalMax = 8;     // above this the ramp is high risk
    double formHighRisk = -30;     // Form below this is high risk
    double formMediumRisk = -10;   // Form below this is medium risk
    double fatigueRatioHigh = 1.3; // Fatigue / Fitness above this is high risk
    double fatigueRatioMedium = 1.15;
    double minFitnessForRatio = 10; // below this Fitness the ratio is too noisy to judge
    // Below this Fitness the ramp rate and the Form bands are noise (a few points either way), so the advice says
    // so instead of calling a drift of 0.1 "falling".
    double minFitnessForTrend = 5;
    // This many days without any load make a break: the ramp and taper advice no longer apply.
    double breakDays = 28;
    // Form status bands: above formFresh "fresh", above formTransition "transition" (losing fitness),
    // below formProductive "productive", below formHighRisk "overreaching", otherwise "maintaining".
    double formTransition = 25;
    double formFresh = 5;
    double formProductive = -10;
    bool operator==(const AnalysisThresholds&) const = default;
};

// Everything an athlete can tune about the metrics; stored per athlete.
// Where training zones start, as fractions of the threshold behind them: the lower edges of zones 2–7. An empty
// list means the published table (core/metrics/zones.cpp names the sources).
struct ZoneSettings {
    std::vector<double> power;         // of FTP
    std::vector<double> heartRateBike; // of the bike LTHR
    std::vector<double> heartRateRun;  // of the LTHR of run, swim and other sports
    std::vector<double> pace;          // of threshold speed (run) or CSS (swim)
    bool operator==(const ZoneSettings&) const = default;
};

// Six rising fractions within 0.2–3: edges a zone table can be built from.
bool validZoneBounds(const std::vector<double>& bounds);

struct MetricSettings {
    LoadSettings load = LoadSettings::defaults();
    PmcSettings pmc;
    AnalysisThresholds analysis;
    ZoneSettings zones;

    QJsonObject toJson() const;
    // Missing keys keep their defaults; unknown keys are ignored so older builds read newer settings.
    static MetricSettings fromJson(const QJsonObject& json);
    bool operator==(const MetricSettings&) const = default;
};

} // namespace tricoach
