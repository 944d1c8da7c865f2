#include "core/metrics/zones.h"

#include <limits>

namespace tricoach {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

// Builds zones from fractions of a threshold: `bounds` are the lower edges of zones 2..n.
std::vector<Zone> fromFractions(double threshold, const std::vector<const char*>& names,
                                const std::vector<const char*>& labels, const std::vector<double>& bounds)
{
    std::vector<Zone> zones;
    for (std::size_t i = 0; i < names.size(); ++i) {
        Zone z;
        z.name = QString::fromLatin1(names[i]);
        z.label = QString::fromLatin1(labels[i]);
        z.low = i == 0 ? 0 : bounds[i - 1] * threshold;
        z.high = i + 1 < names.size() ? bounds[i] * threshold : kInf;
        zones.push_back(z);
    }
    return zones;
}
} // namespace

std::vector<double> defaultZoneBounds(ZoneKind kind, Sport sport)
{
    switch (kind) {
    case ZoneKind::Power:
        // Coggan levels: ≤55 %, 56–75, 76–90, 91–105, 106–120, 121–150, >150 % of FTP.
        return {0.56, 0.76, 0.91, 1.06, 1.21, 1.51};
    case ZoneKind::HeartRate:
        // Friel: bike Z2 starts at 81 %, run at 85 % of LTHR.
        if (sport == Sport::Bike)
            return {0.81, 0.90, 0.94, 1.00, 1.03, 1.06};
        return {0.85, 0.90, 0.95, 1.00, 1.03, 1.07};
    case ZoneKind::Pace:
        // Friel's run pace zones, converted from pace to speed.
        return {0.78, 0.88, 0.94, 0.99, 1.02, 1.06};
    }
    return {};
}

std::vector<double> zoneBounds(ZoneKind kind, Sport sport, const ZoneSettings& custom)
{
    const std::vector<double>* own = nullptr;
    switch (kind) {
    case ZoneKind::Power:
        own = &custom.power;
        break;
    case ZoneKind::HeartRate:
        own = sport == Sport::Bike ? &custom.heartRateBike : &custom.heartRateRun;
        break;
    case ZoneKind::Pace:
        own = &custom.pace;
        break;
    }
    return own && validZoneBounds(*own) ? *own : defaultZoneBounds(kind, sport);
}

namespace {
const std::vector<const char*> kHrNames{"Z1", "Z2", "Z3", "Z4", "Z5a", "Z5b", "Z5c"};
const std::vector<const char*> kHrLabels{"Recovery",  "Aerobic",          "Tempo",    "Sub-threshold",
                                         "Threshold", "Aerobic capacity", "Anaerobic"};

const std::vector<double>& orDefault(const std::vector<double>& bounds, const std::vector<double>& fallback)
{
    return validZoneBounds(bounds) ? bounds : fallback;
}
} // namespace

std::vector<Zone> powerZones(double ftp, const std::vector<double>& bounds)
{
    static const std::vector<double> kDefault = defaultZoneBounds(ZoneKind::Power, Sport::Bike);
    return fromFractions(
        ftp, {"Z1", "Z2", "Z3", "Z4", "Z5", "Z6", "Z7"},
        {"Active recovery", "Endurance", "Tempo", "Threshold", "VO2max", "Anaerobic capacity", "Neuromuscular"},
        orDefault(bounds, kDefault));
}

std::vector<Zone> heartRateZones(double lthr, Sport sport, const std::vector<double>& bounds)
{
    return fromFractions(lthr, kHrNames, kHrLabels, orDefault(bounds, defaultZoneBounds(ZoneKind::HeartRate, sport)));
}

std::vector<Zone> paceZones(double thresholdSpeed, const std::vector<double>& bounds)
{
    static const std::vector<double> kDefault = defaultZoneBounds(ZoneKind::Pace, Sport::Run);
    return fromFractions(thresholdSpeed, kHrNames, kHrLabels, orDefault(bounds, kDefault));
}

std::optional<std::vector<Zone>> zonesFor(ZoneKind kind, Sport sport, const Thresholds& t, const ZoneSettings& custom)
{
    const std::vector<double> bounds = zoneBounds(kind, sport, custom);
    switch (kind) {
    case ZoneKind::Power:
        if (t.ftpWatts && *t.ftpWatts > 0)
            return powerZones(*t.ftpWatts, bounds);
        return std::nullopt;
    case ZoneKind::HeartRate:
        if (auto lthr = t.lthrFor(sport); lthr && *lthr > 0)
            return heartRateZones(*lthr, sport, bounds);
        return std::nullopt;
    case ZoneKind::Pace: {
        const std::optional<double> speed = sport == Sport::Swim ? t.cssSpeed : t.runThresholdSpeed;
        if (speed && *speed > 0)
            return paceZones(*speed, bounds);
        return std::nullopt;
    }
    }
    return std::nullopt;
}

std::vector<double> timeInZones(const Streams& streams, Channel channel, const std::vector<Zone>& zones)
{
    std::vector<double> seconds(zones.size(), 0.0);
    const std::vector<double>* values = streams.get(channel);
    if (!values || zones.empty())
        return seconds;
    const std::vector<double>& time = streams.time;
    const std::size_t n = std::min(time.size(), values->size());
    for (std::size_t i = 0; i < n; ++i) {
        const double v = (*values)[i];
        if (isMissing(v))
            continue;
        double dt = i + 1 < n ? time[i + 1] - time[i] : 1.0;
        if (!(dt > 0) || dt > 30)
            dt = 1.0;
        for (std::size_t z = 0; z < zones.size(); ++z) {
            if (v >= zones[z].low && v < zones[z].high) {
                seconds[z] += dt;
                break;
            }
        }
    }
    return seconds;
}

} // namespace tricoach
