#pragma once
// Realistic synthetic recordings for the load tests: what watches and bike computers write (smart recording at
// irregular 1–8 s intervals, fixed 6 s recording, GPS and barometric altitude noise, stops with the timer running),
// with the truth they were made from kept alongside, so a test can compute the expected load on its own.

#include "core/model/activity.h"
#include "core/util/datetime.h"

#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

namespace tricoach::test {

// Deterministic noise: the standard library's distributions differ between implementations, and a test must see
// the same samples everywhere.
class Noise {
public:
    explicit Noise(std::uint64_t seed)
        : m_state(seed * 2862933555777941757ULL + 3037000493ULL)
    {
    }
    double uniform() // [0, 1)
    {
        m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(m_state >> 11) / 9007199254740992.0;
    }
    double normal() // Box–Muller
    {
        const double u = std::max(uniform(), 1e-12);
        return std::sqrt(-2 * std::log(u)) * std::cos(2 * std::numbers::pi * uniform());
    }

private:
    std::uint64_t m_state;
};

// Minetti et al. 2002 (J Appl Physiol 93:1039), energy cost of running at gradient i, J·kg⁻¹·m⁻¹, written out
// term by term here so the tests do not share the code's polynomial.
inline double minettiCostOfRunning(double i)
{
    return 155.4 * std::pow(i, 5) - 30.4 * std::pow(i, 4) - 43.3 * std::pow(i, 3) + 46.3 * i * i + 19.5 * i + 3.6;
}

struct RunRecipe {
    double runningSec = 3600;       // time spent running
    double speed = 3.0;             // mean running speed, m/s
    double surge = 0.05;            // speed varies ± this fraction over a few minutes
    std::vector<double> stopsAtSec; // running seconds at which the athlete stands still (timer running)
    double stopSec = 45;            // each stop's length
    double minIntervalSec = 1;      // recording interval: uniform in [min, max]
    double maxIntervalSec = 8;
    double hillHeightM = 0; // rolling terrain: altitude = hillHeight · sin(2π · distance / hillLengthM)
    double hillLengthM = 1000;
    double altitudeNoiseM = 0;   // per-sample altitude noise (barometric ~0.3 m, GPS ~3–5 m)
    bool gpsAltitude = false;    // GPS altitude: noise correlated over ~20 s, as receivers report it
    double distanceNoiseM = 0.5; // per-sample GPS distance jitter (the recorded distance stays cumulative)
    std::uint64_t seed = 1;
};

// A recorded run, and its truth: the load a perfect recording would give against `thresholdSpeed`.
struct SyntheticRun {
    Activity activity;
    double trueDistanceM = 0;
    double trueRunningSec = 0;
    double trueFlatEquivalentM = 0; // Σ true speed · Minetti cost ratio over each true second
    double trueLoad(double thresholdSpeed) const
    {
        const double intensity = trueFlatEquivalentM / trueRunningSec / thresholdSpeed;
        return 100.0 * trueRunningSec / 3600.0 * intensity * intensity;
    }
};

inline SyntheticRun makeRun(const RunRecipe& r)
{
    Noise noise(r.seed);
    constexpr double kTwoPi = 2 * std::numbers::pi;
    const auto terrain = [&](double d) { return 100.0 + r.hillHeightM * std::sin(kTwoPi * d / r.hillLengthM); };
    const auto grade = [&](double d) {
        return r.hillHeightM * kTwoPi / r.hillLengthM * std::cos(kTwoPi * d / r.hillLengthM);
    };

    // The truth, one second at a time.
    SyntheticRun out;
    std::vector<double> trueDistanceAt{0.0}; // by elapsed second
    double running = 0;
    std::size_t nextStop = 0;
    double stopLeft = 0;
    while (running < r.runningSec) {
        double v = 0;
        if (stopLeft > 0) {
            stopLeft -= 1;
        } else if (nextStop < r.stopsAtSec.size() && running >= r.stopsAtSec[nextStop]) {
            ++nextStop;
            stopLeft = r.stopSec - 1;
        } else {
            v = r.speed * (1 + r.surge * std::sin(kTwoPi * running / 240.0));
            const double d = out.trueDistanceM + v / 2;
            out.trueFlatEquivalentM += v * minettiCostOfRunning(grade(d)) / minettiCostOfRunning(0);
            out.trueDistanceM += v;
            running += 1;
        }
        trueDistanceAt.push_back(out.trueDistanceM);
    }
    out.trueRunningSec = r.runningSec;

    // The recording: samples at irregular intervals, distance and altitude with the device's noise.
    Activity& a = out.activity;
    a.sport = Sport::Run;
    a.startUtc = utcDateTime(QDate(2024, 6, 2), QTime(7, 0));
    const double last = static_cast<double>(trueDistanceAt.size() - 1);
    a.movingSec = a.elapsedSec = last; // the timer ran through the stops
    a.distanceM = out.trueDistanceM;
    std::vector<double> time, dist, alt;
    double gpsError = 0;
    double recordedDistance = 0;
    for (double t = 0;;) {
        const double trueD = trueDistanceAt[static_cast<std::size_t>(t)];
        recordedDistance = std::max(recordedDistance, trueD + r.distanceNoiseM * noise.normal());
        time.push_back(t);
        dist.push_back(recordedDistance);
        gpsError = r.gpsAltitude ? 0.8 * gpsError + 0.6 * r.altitudeNoiseM * noise.normal()
                                 : r.altitudeNoiseM * noise.normal();
        alt.push_back(std::round((terrain(trueD) + gpsError) * 5) / 5); // devices store altitude in 0.2 m steps
        if (t >= last)
            break;
        const double step = std::round(r.minIntervalSec + (r.maxIntervalSec - r.minIntervalSec) * noise.uniform());
        t = std::min(last, t + std::max(1.0, step));
    }
    a.streams.time = time;
    a.streams.channels[Channel::Distance] = dist;
    a.streams.channels[Channel::Altitude] = alt;
    return out;
}

// A steady ride recorded every second: power, heart rate and distance; heart rate drifts up over the hours.
inline Activity makeRide(double seconds, double watts, double heartRate, std::uint64_t seed = 7)
{
    Noise noise(seed);
    Activity a;
    a.sport = Sport::Bike;
    a.startUtc = utcDateTime(QDate(2024, 6, 1), QTime(8, 0));
    a.movingSec = a.elapsedSec = seconds;
    std::vector<double> time, power, hr, dist;
    double d = 0;
    for (int i = 0; i < static_cast<int>(seconds); ++i) {
        time.push_back(i);
        power.push_back(std::max(0.0, std::round(watts * (1 + 0.15 * noise.normal()))));
        hr.push_back(std::round(heartRate + 6 * i / seconds + 2 * noise.normal()));
        d += 8.0;
        dist.push_back(d);
    }
    a.streams.time = time;
    a.streams.channels[Channel::Power] = power;
    a.streams.channels[Channel::HeartRate] = hr;
    a.streams.channels[Channel::Distance] = dist;
    a.distanceM = d;
    return a;
}

} // namespace tricoach::test
