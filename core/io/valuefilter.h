#pragma once

#include "core/io/trackpoints.h"
#include "core/model/plausible.h"

#include <QStringList>

#include <array>
#include <optional>

namespace tricoach::xml {

// What a value read from a file measures, for judging whether it is believable.
enum class Quantity {
    HeartRate,   // bpm; 0 means "no strap" and is not a value
    Cadence,     // per minute
    Power,       // W
    Speed,       // m/s
    Distance,    // m, cumulative or per lap
    Altitude,    // m
    Temperature, // °C
    Duration,    // s, a lap's timer time
    Calories,    // kcal
    Steps,       // a lap's step or stroke count
};
inline constexpr std::size_t kQuantityCount = 10;

// The XML readers' filter for values no sensor records (a broken or fuzzed file, a sensor glitch): each is
// dropped, so that one wild sample cannot poison an average or make the activity unstorable, and counted, so that
// the file's warnings say what was dropped ("12 heart-rate values above 250 bpm were dropped as implausible")
// instead of losing it silently. The ranges are those of core/model/plausible.h, the store's own.
class ValueFilter {
public:
    // Sets every channel value of `point` outside its range to NaN, counting each.
    void apply(TrackPoint& point);
    // `value` when it lies in the quantity's range; nullopt (counted) when it does not.
    std::optional<double> check(std::optional<double> value, Quantity quantity);
    // A position given with a latitude or longitude that is no number or off the globe.
    void rejectPosition() { ++m_badPositions; }

    int rejected() const;
    // One sentence per quantity and side, in a stable order; empty when nothing was dropped.
    QStringList warnings() const;

private:
    struct Count {
        int below = 0, above = 0;
    };
    std::array<Count, kQuantityCount> m_counts{};
    int m_badPositions = 0;
};

// The believable range of a quantity.
PlausibleRange rangeOf(Quantity quantity);

} // namespace tricoach::xml
