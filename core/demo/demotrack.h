#pragma once
// Pieces shared by the sample season's recordings: where a session goes, how high the road is, how the heart
// answers effort, and the summary a device writes at the end.

#include "core/demo/demorandom.h"
#include "core/model/activity.h"

#include <array>
#include <cmath>
#include <vector>

namespace tricoach::demo {

inline constexpr double kPi = 3.14159265358979323846;

// Values rounded to a device's resolution, so that the store keeps them as small integers
// (core/store/streamcodec.h) instead of compressed doubles: whole bpm/W/rpm, mm/s, cm, dm.
inline double quantize(double value, double perUnit)
{
    return std::round(value * perUnit) / perUnit;
}
// Positions on FIT's semicircle grid (2^31 per 180°), which the store encodes exactly.
inline double toSemicircles(double degrees)
{
    constexpr double kPerDegree = 2147483648.0 / 180.0;
    return std::round(degrees * kPerDegree) / kPerDegree;
}

// A closed route from home and back, followed by distance; longer sessions ride it again (laps).
class Loop {
public:
    // `headingMin`/`headingMax` (radians, 0 = east, counter-clockwise) bound the direction the loop heads out in.
    Loop(double homeLat, double homeLon, double lengthM, double headingMin, double headingMax, DemoRandom& rng);

    double length() const { return m_length; }
    // Position after `distanceM` along the route, wrapping at each lap. Fastest when distances only grow.
    void position(double distanceM, double& lat, double& lon);

private:
    std::vector<double> m_x, m_y, m_s; // metres east and north of home; distance along the route
    double m_lat0, m_lon0, m_length;
    std::size_t m_cursor = 0;
};

// Rolling terrain along a loop: three sine waves whose wavelengths divide the loop, so every lap climbs the
// same hills.
class Terrain {
public:
    Terrain(double baseM, double loopM, std::array<double, 3> amplitudesM, std::array<double, 3> wavelengthsM,
            DemoRandom& rng);
    double altitude(double distanceM) const;
    double grade(double distanceM) const; // rise over run

private:
    double m_base;
    std::array<double, 3> m_amp{}, m_k{}, m_phase{};
};

// Heart rate answering effort: a first-order lag (quicker up than down), a slow upward drift over long
// sessions (cardiac drift), a little sensor noise.
class HeartModel {
public:
    HeartModel(double startBpm, double restBpm, double maxBpm);
    // One second towards `steadyBpm`, `elapsedSec` into the session; returns the recorded (whole) bpm.
    double step(double steadyBpm, double elapsedSec, DemoRandom& rng);
    // A pause of `seconds` without recording (auto-pause): the heart settles towards an easy level.
    void pause(double seconds);
    double current() const { return m_bpm; }

private:
    double m_bpm, m_rest, m_max;
};

// Running's energy cost on gradient `grade` (Minetti et al. 2002), as the load computation uses it: runners hold
// effort, not pace, on hills.
double runningCost(double grade);

// The summary values of `a` (distance, moving and elapsed time, averages and maxima, elevation gain) from its
// streams; samples slower than `movingSpeed` (m/s) do not count as moving.
void summarize(Activity& a, double movingSpeed);
// A lap over the samples [begin, end) of `s`.
Lap lapOf(const Streams& s, std::size_t begin, std::size_t end, double movingSpeed);
// Laps from the sample indices where each one starts (the first is 0).
std::vector<Lap> lapsAt(const Streams& s, const std::vector<std::size_t>& starts, double movingSpeed);

} // namespace tricoach::demo
