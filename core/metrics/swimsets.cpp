#include "core/metrics/swimsets.h"

#include <cmath>

namespace tricoach {

namespace {

std::optional<double> usablePool(std::optional<double> poolLengthM)
{
    if (!poolLengthM || !std::isfinite(*poolLengthM) || *poolLengthM <= 0)
        return std::nullopt;
    return poolLengthM;
}

double usableSeconds(double seconds)
{
    return std::isfinite(seconds) && seconds > 0 ? seconds : 0.0;
}

} // namespace

std::optional<double> SwimSet::secondsPer100(double unitMetres) const
{
    if (!distanceM || *distanceM <= 0 || !(unitMetres > 0))
        return std::nullopt;
    return timeSec / (*distanceM / unitMetres) * 100.0;
}

std::vector<SwimSet> swimSets(const std::vector<PoolLength>& lengths, std::optional<double> poolLengthM)
{
    const std::optional<double> pool = usablePool(poolLengthM);
    std::vector<SwimSet> sets;
    bool open = false; // the last set can still take lengths (no rest since)
    int strokeLengths = 0;
    double strokeSum = 0;
    auto close = [&] {
        if (!open)
            return;
        SwimSet& s = sets.back();
        if (pool)
            s.distanceM = s.lengthCount * *pool;
        if (strokeLengths > 0)
            s.strokesPerLength = strokeSum / strokeLengths;
        open = false;
    };
    for (std::size_t i = 0; i < lengths.size(); ++i) {
        const PoolLength& l = lengths[i];
        if (!l.active) {
            close();
            if (!sets.empty())
                sets.back().restSec += usableSeconds(l.durationSec);
            continue;
        }
        if (open && sets.back().strokeType != l.strokeType)
            close();
        if (!open) {
            SwimSet s;
            s.firstLength = static_cast<int>(i);
            s.strokeType = l.strokeType;
            sets.push_back(s);
            strokeLengths = 0;
            strokeSum = 0;
            open = true;
        }
        SwimSet& s = sets.back();
        ++s.lengthCount;
        s.timeSec += usableSeconds(l.durationSec);
        // Drill and kick lengths come with 0 strokes: the watch counted nothing, which is no stroke rate.
        if (l.strokes && *l.strokes > 0) {
            ++strokeLengths;
            strokeSum += *l.strokes;
        }
    }
    close();
    // Rest counts between sets; idle time after the last one is the watch still running at the end.
    if (!sets.empty())
        sets.back().restSec = 0;
    return sets;
}

bool isYardPool(std::optional<double> poolLengthM)
{
    const std::optional<double> pool = usablePool(poolLengthM);
    if (!pool)
        return false;
    // Lengths are stored to the centimetre or better: 25 yd = 22.86 m, 33⅓ m is not yards, 25 m is 27.34 yd.
    constexpr double kTolerance = 0.01;
    const double yards = *pool / kMetresPerYard;
    const bool wholeYards = std::abs(yards - std::round(yards)) < kTolerance;
    const bool wholeMetres = std::abs(*pool - std::round(*pool)) < kTolerance;
    return wholeYards && !wholeMetres;
}

double swimUnitMetres(const Activity& swim)
{
    return swim.sport == Sport::Swim && isYardPool(swim.poolLengthM) ? kMetresPerYard : 1.0;
}

SwimTotals swimTotals(const std::vector<PoolLength>& lengths, std::optional<double> poolLengthM)
{
    SwimTotals t;
    for (const PoolLength& l : lengths) {
        if (l.active) {
            ++t.activeLengths;
            t.activeSec += usableSeconds(l.durationSec);
        } else {
            ++t.idleLengths;
            t.restSec += usableSeconds(l.durationSec);
        }
    }
    if (const auto pool = usablePool(poolLengthM))
        t.activeDistanceM = t.activeLengths * *pool;
    return t;
}

} // namespace tricoach
