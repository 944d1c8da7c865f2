#pragma once

#include <cmath>
#include <cstdint>
#include <random>

namespace tricoach::demo {

// Seeded randomness for the sample season that gives the same numbers on every platform: std::mt19937's
// sequence is fixed by the standard, but the std:: distributions are not (libstdc++, libc++ and MSVC differ),
// so the few distributions we need are written out here.
class DemoRandom {
public:
    explicit DemoRandom(std::uint64_t seed)
        : m_engine(static_cast<std::uint32_t>(mix(seed)))
    {
    }

    // A well-spread 64-bit value from `x` (SplitMix64), so that nearby seeds start unrelated sequences.
    static std::uint64_t mix(std::uint64_t x)
    {
        x += 0x9E3779B97F4A7C15ULL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
        return x ^ (x >> 31);
    }

    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(m_engine()) * (1.0 / 4294967296.0); }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    // Uniform integer in [lo, hi].
    int between(int lo, int hi) { return lo + static_cast<int>(uniform() * (hi - lo + 1)); }
    bool chance(double p) { return uniform() < p; }

    // Standard normal (Box–Muller; the second value of each pair is kept for the next call).
    double normal()
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        const double u1 = 1.0 - uniform(); // (0, 1]: log(0) never happens
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        constexpr double kTwoPi = 6.283185307179586;
        m_spare = r * std::sin(kTwoPi * u2);
        m_hasSpare = true;
        return r * std::cos(kTwoPi * u2);
    }
    double normal(double mean, double sd) { return mean + sd * normal(); }

private:
    std::mt19937 m_engine;
    double m_spare = 0;
    bool m_hasSpare = false;
};

} // namespace tricoach::demo
