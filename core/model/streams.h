#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <vector>

namespace tricoach {

// The per-second channels a device may record. Values are stable: they are stored in the database.
enum class Channel : std::uint8_t {
    Distance = 1,    // metres from start
    HeartRate = 2,   // beats per minute
    Power = 3,       // watts
    Cadence = 4,     // rpm (bike) or steps/strokes per minute (run/swim)
    Speed = 5,       // metres per second
    Altitude = 6,    // metres
    Latitude = 7,    // degrees WGS84
    Longitude = 8,   // degrees WGS84
    Temperature = 9, // degrees Celsius
};

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
inline bool isMissing(double v)
{
    return std::isnan(v);
}

// Recorded samples of one activity, one series per channel (never a struct of all channels per sample).
// `time` holds seconds since the activity start; every channel has the same length as `time`, and a sample
// the device did not record is NaN (kMissing), never 0. A channel the device never recorded is absent.
struct Streams {
    std::vector<double> time;
    std::map<Channel, std::vector<double>> channels;

    bool empty() const { return time.empty(); }
    std::size_t size() const { return time.size(); }
    bool has(Channel c) const { return channels.count(c) != 0; }
    const std::vector<double>* get(Channel c) const
    {
        auto it = channels.find(c);
        return it == channels.end() ? nullptr : &it->second;
    }
    bool operator==(const Streams&) const = default;
};

} // namespace tricoach
