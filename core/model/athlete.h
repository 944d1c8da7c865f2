#pragma once

#include "core/model/activity.h"

#include <QDate>
#include <QString>

#include <optional>
#include <vector>

namespace tricoach {

// One athlete profile; an install may hold several, and their data never mixes.
struct Athlete {
    AthleteId id = 0;
    QString name;
    bool operator==(const Athlete&) const = default;
};

// The physiological anchors every stress score is computed against. Each field is optional: a threshold the
// athlete never gave is unknown, not zero.
struct Thresholds {
    std::optional<double> ftpWatts;      // cycling functional threshold power, W
    std::optional<double> runPowerWatts; // running threshold (critical) power, W: running power is not cycling power
    std::optional<double> lthrBike, lthrRun, lthrSwim; // lactate-threshold heart rate per sport, bpm
    std::optional<double> maxHr, restingHr;            // bpm
    std::optional<double> runThresholdSpeed;           // m/s (threshold pace as speed)
    std::optional<double> cssSpeed;                    // critical swim speed, m/s
    std::optional<double> weightKg;

    // LTHR for a sport; Brick and other sports fall back to the run value, then the bike value.
    std::optional<double> lthrFor(Sport sport) const;
    bool operator==(const Thresholds&) const = default;
};

// A dated change: the fields set here take effect on `effectiveFrom`; fields left empty keep their earlier value.
struct ThresholdChange {
    QDate effectiveFrom;
    Thresholds values;
    bool operator==(const ThresholdChange&) const = default;
};

// All threshold changes of one athlete, answering "what was in force on day d".
class ThresholdHistory {
public:
    ThresholdHistory() = default;
    explicit ThresholdHistory(std::vector<ThresholdChange> changes);

    // Values in force on `day`: each field from the latest change on or before `day` that set it.
    Thresholds at(const QDate& day) const;
    const std::vector<ThresholdChange>& changes() const { return m_changes; }
    void add(ThresholdChange change);
    bool operator==(const ThresholdHistory&) const = default;

private:
    std::vector<ThresholdChange> m_changes; // sorted by effectiveFrom
};

} // namespace tricoach
