#pragma once
// A synthetic ride as an Edge would record it, for benchmarks: 1 Hz records with position, altitude, HR,
// cadence, power, speed, distance and temperature, a lap every 10 minutes, the session and the activity.

#include "tests/unit/core/io/fit/fittestwriter.h"

#include <cmath>

namespace tricoach::fittest {

// `records` seconds from `start` (FIT time); `seed` varies the signals so files differ.
inline QByteArray syntheticRide(std::uint32_t start, int records, int seed = 0)
{
    constexpr int kLapSeconds = 600;
    FitWriter w;
    w.define(0, fit::mesg::FileId, {{0, 1, bt::Enum}, {1, 2, bt::UInt16}, {2, 2, bt::UInt16}, {4, 4, bt::UInt32}});
    w.data(0, {4, 1, 3843, start});
    w.define(1, fit::mesg::Record,
             {{253, 4, bt::UInt32},
              {0, 4, bt::SInt32},
              {1, 4, bt::SInt32},
              {5, 4, bt::UInt32},
              {73, 4, bt::UInt32},
              {78, 4, bt::UInt32},
              {7, 2, bt::UInt16},
              {3, 1, bt::UInt8},
              {4, 1, bt::UInt8},
              {13, 1, bt::SInt8}});
    w.define(2, fit::mesg::Lap,
             {{253, 4, bt::UInt32}, {2, 4, bt::UInt32}, {7, 4, bt::UInt32}, {8, 4, bt::UInt32}, {9, 4, bt::UInt32}});
    double distance = 0;
    for (int i = 0; i < records; ++i) {
        const double speed = 8 + 2 * std::sin((i + seed) / 300.0);
        distance += speed;
        const double lat = 47.0 + i * 1e-5, lon = 8.0 + std::sin((i + seed) / 1000.0) * 0.01;
        const auto t = start + static_cast<std::uint32_t>(i);
        w.data(1, {t, static_cast<std::int32_t>(lat / fit::kDegreesPerSemicircle),
                   static_cast<std::int32_t>(lon / fit::kDegreesPerSemicircle),
                   static_cast<std::uint32_t>(distance * 100), static_cast<std::uint32_t>(speed * 1000),
                   static_cast<std::uint32_t>((400 + 50 * std::sin(i / 900.0) + 500) * 5), 200 + (i + seed) % 80,
                   120 + i % 50, 85 + i % 10, 18});
        if ((i + 1) % kLapSeconds == 0)
            w.data(2, {t, t + 1 - kLapSeconds, kLapSeconds * 1000, kLapSeconds * 1000, 0});
    }
    w.define(3, fit::mesg::Session,
             {{253, 4, bt::UInt32},
              {2, 4, bt::UInt32},
              {5, 1, bt::Enum},
              {7, 4, bt::UInt32},
              {8, 4, bt::UInt32},
              {9, 4, bt::UInt32}});
    const auto duration = static_cast<std::uint32_t>(records);
    w.data(3, {start + duration - 1, start, 2, duration * 1000, duration * 1000,
               static_cast<std::uint32_t>(distance * 100)});
    w.define(4, fit::mesg::Activity, {{253, 4, bt::UInt32}, {5, 4, bt::UInt32}});
    w.data(4, {start + duration, start + duration + 3600});
    return w.finish();
}

} // namespace tricoach::fittest
