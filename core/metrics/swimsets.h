#pragma once
// The sets of a pool swim, derived from its recorded lengths: what a swimmer writes on the whiteboard ("4 × 100
// free on 1:45, 20 s rest") rather than 94 rows of lengths.

#include "core/model/activity.h"

#include <QString>

#include <optional>
#include <vector>

namespace tricoach {

// Consecutive active lengths of one stroke between rests. A rest (one or more idle lengths) or a change of stroke
// ends a set; a change of stroke without a rest starts the next set with no rest between them.
struct SwimSet {
    int firstLength = 0;                    // index into Activity::lengths of its first length
    int lengthCount = 0;                    // active lengths in the set
    std::optional<double> distanceM;        // lengthCount × the pool length; unknown without a pool length
    double timeSec = 0;                     // the active lengths' times added up
    double restSec = 0;                     // idle time after the set, up to the next one (0 after the last set)
    QString strokeType;                     // as PoolLength::strokeType; empty when the device did not say
    std::optional<double> strokesPerLength; // average over the lengths that counted strokes (more than 0)

    // Seconds per 100 of the pool's unit (metres or yards, see swimUnitMetres); empty without a distance.
    std::optional<double> secondsPer100(double unitMetres) const;
};

std::vector<SwimSet> swimSets(const std::vector<PoolLength>& lengths, std::optional<double> poolLengthM);

// Whether a pool is measured in yards: its length is a whole number of yards (25 yd = 22.86 m) and not a whole
// number of metres. Devices store the length in metres; a yard pool's comes out at 22.86 m, 45.72 m, ...
bool isYardPool(std::optional<double> poolLengthM);

inline constexpr double kMetresPerYard = 0.9144;

// The length of the unit a swim's pace and distances are given in: 0.9144 in a yard pool, else 1 (metres).
double swimUnitMetres(const Activity& swim);

// The summary of a pool swim's lengths, for checks against the session totals.
struct SwimTotals {
    int activeLengths = 0;
    int idleLengths = 0;
    std::optional<double> activeDistanceM;
    double activeSec = 0;
    double restSec = 0;
};
SwimTotals swimTotals(const std::vector<PoolLength>& lengths, std::optional<double> poolLengthM);

} // namespace tricoach
