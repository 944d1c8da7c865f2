#include "core/model/paceunit.h"

namespace tricoach {

namespace {
constexpr double kMetresPerMile = 1609.344;
constexpr double kMetresPerYard = 0.9144;
} // namespace

PaceUnit paceUnitFor(Sport sport, bool imperial, bool yardPool)
{
    switch (sport) {
    case Sport::Swim:
        return yardPool ? PaceUnit::Per100yd : PaceUnit::Per100m;
    case Sport::Row:
        return PaceUnit::Per500m;
    case Sport::Run:
    case Sport::Walk:
    case Sport::Hike:
        return imperial ? PaceUnit::PerMile : PaceUnit::PerKm;
    case Sport::Bike:
    case Sport::Brick:
    case Sport::Other:
        return imperial ? PaceUnit::Mph : PaceUnit::Kmh;
    case Sport::Transition:
    case Sport::Strength:
        break;
    }
    return PaceUnit::None;
}

bool isPace(PaceUnit unit)
{
    switch (unit) {
    case PaceUnit::PerKm:
    case PaceUnit::PerMile:
    case PaceUnit::Per100m:
    case PaceUnit::Per100yd:
    case PaceUnit::Per500m:
        return true;
    default:
        return false;
    }
}

std::optional<double> paceValue(PaceUnit unit, double metresPerSecond)
{
    if (!(metresPerSecond > 0))
        return std::nullopt;
    switch (unit) {
    case PaceUnit::PerKm:
        return 1000.0 / metresPerSecond;
    case PaceUnit::PerMile:
        return kMetresPerMile / metresPerSecond;
    case PaceUnit::Per100m:
        return 100.0 / metresPerSecond;
    case PaceUnit::Per100yd:
        return 100.0 * kMetresPerYard / metresPerSecond;
    case PaceUnit::Per500m:
        return 500.0 / metresPerSecond;
    case PaceUnit::Kmh:
        return metresPerSecond * 3.6;
    case PaceUnit::Mph:
        return metresPerSecond * 3600.0 / kMetresPerMile;
    case PaceUnit::None:
        break;
    }
    return std::nullopt;
}

QString paceUnitSuffix(PaceUnit unit)
{
    switch (unit) {
    case PaceUnit::PerKm:
        return QStringLiteral("/km");
    case PaceUnit::PerMile:
        return QStringLiteral("/mi");
    case PaceUnit::Per100m:
        return QStringLiteral("/100 m");
    case PaceUnit::Per100yd:
        return QStringLiteral("/100 yd");
    case PaceUnit::Per500m:
        return QStringLiteral("/500 m");
    case PaceUnit::Kmh:
        return QStringLiteral("km/h");
    case PaceUnit::Mph:
        return QStringLiteral("mph");
    case PaceUnit::None:
        break;
    }
    return {};
}

} // namespace tricoach
