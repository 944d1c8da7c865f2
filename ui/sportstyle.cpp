#include "ui/sportstyle.h"

#include "core/metrics/swimsets.h"
#include "core/model/paceunit.h"

#include <QCoreApplication>

#include <cmath>

namespace tricoach {

QColor sportColor(Sport sport)
{
    // Distinguishable for the common colour-vision deficiencies (Okabe–Ito palette).
    switch (sport) {
    case Sport::Swim:
        return QColor(0x00, 0x72, 0xB2);
    case Sport::Bike:
        return QColor(0xE6, 0x9F, 0x00);
    case Sport::Run:
        return QColor(0x00, 0x9E, 0x73);
    case Sport::Brick:
        return QColor(0xCC, 0x79, 0xA7);
    case Sport::Walk:
        return QColor(0x56, 0xB4, 0xE9);
    case Sport::Hike:
        return QColor(0x6B, 0x8E, 0x23);
    case Sport::Row:
        return QColor(0x44, 0x44, 0xAA);
    case Sport::Strength:
        return QColor(0xD5, 0x5E, 0x00);
    case Sport::Transition:
        return QColor(0x66, 0x66, 0x66);
    case Sport::Other:
        return QColor(0x99, 0x99, 0x99);
    }
    return QColor(0x99, 0x99, 0x99);
}

QString sportName(Sport sport)
{
    switch (sport) {
    case Sport::Swim:
        return QCoreApplication::translate("Sport", "Swim");
    case Sport::Bike:
        return QCoreApplication::translate("Sport", "Bike");
    case Sport::Run:
        return QCoreApplication::translate("Sport", "Run");
    case Sport::Brick:
        return QCoreApplication::translate("Sport", "Brick");
    case Sport::Walk:
        return QCoreApplication::translate("Sport", "Walk");
    case Sport::Hike:
        return QCoreApplication::translate("Sport", "Hike");
    case Sport::Row:
        return QCoreApplication::translate("Sport", "Row");
    case Sport::Strength:
        return QCoreApplication::translate("Sport", "Strength");
    case Sport::Transition:
        return QCoreApplication::translate("Sport", "Transition");
    case Sport::Other:
        return QCoreApplication::translate("Sport", "Other");
    }
    return QString();
}

QString activitySportName(Sport sport, QStringView subSport)
{
    struct Refined {
        Sport sport;
        const char* subSport;
        const char* name;
    };
    static constexpr Refined kRefined[] = {
        {Sport::Swim, "OpenWaterSwim", QT_TRANSLATE_NOOP("Sport", "Open-water swim")},
        {Sport::Swim, "PoolSwim", QT_TRANSLATE_NOOP("Sport", "Pool swim")},
        {Sport::Run, "TrailRun", QT_TRANSLATE_NOOP("Sport", "Trail run")},
        {Sport::Run, "Treadmill", QT_TRANSLATE_NOOP("Sport", "Treadmill run")},
        {Sport::Bike, "IndoorRide", QT_TRANSLATE_NOOP("Sport", "Indoor ride")},
        {Sport::Bike, "VirtualRide", QT_TRANSLATE_NOOP("Sport", "Virtual ride")},
        {Sport::Bike, "MountainBike", QT_TRANSLATE_NOOP("Sport", "Mountain bike")},
    };
    for (const Refined& r : kRefined)
        if (r.sport == sport && subSport.compare(QLatin1String(r.subSport), Qt::CaseInsensitive) == 0)
            return QCoreApplication::translate("Sport", r.name);
    return sportName(sport);
}

QString sessionName(SessionKind kind)
{
    switch (kind) {
    case SessionKind::Triathlon:
        return QCoreApplication::translate("Sport", "Triathlon");
    case SessionKind::Multisport:
        return QCoreApplication::translate("Sport", "Multisport");
    case SessionKind::Single:
        break;
    }
    return QCoreApplication::translate("Sport", "Activity");
}

QColor sessionColor(SessionKind)
{
    return sportColor(Sport::Brick);
}

QString transitionName(int number)
{
    return QCoreApplication::translate("Sport", "T%1").arg(number);
}

QString formatDuration(double seconds)
{
    const auto total = static_cast<long long>(std::llround(std::max(0.0, seconds)));
    const long long h = total / 3600, m = (total / 60) % 60, s = total % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

QString formatDistance(double metres, bool imperial)
{
    if (imperial)
        return QCoreApplication::translate("Units", "%1 mi").arg(metres / 1609.344, 0, 'f', 1);
    if (metres < 5000)
        return QCoreApplication::translate("Units", "%1 m").arg(std::llround(metres));
    return QCoreApplication::translate("Units", "%1 km").arg(metres / 1000.0, 0, 'f', 1);
}

QString formatPace(double metresPerSecond, bool imperial)
{
    if (!(metresPerSecond > 0))
        return QStringLiteral("–");
    const double secondsPerUnit = (imperial ? 1609.344 : 1000.0) / metresPerSecond;
    const QString clock = formatDuration(secondsPerUnit);
    return imperial ? QCoreApplication::translate("Units", "%1 /mi").arg(clock)
                    : QCoreApplication::translate("Units", "%1 /km").arg(clock);
}

QString formatSwimPace(double metresPerSecond, bool yards)
{
    if (!(metresPerSecond > 0))
        return QStringLiteral("–");
    const double unit = yards ? kMetresPerYard : 1.0;
    const QString clock = formatDuration(100.0 * unit / metresPerSecond);
    return yards ? QCoreApplication::translate("Units", "%1 /100 yd").arg(clock)
                 : QCoreApplication::translate("Units", "%1 /100 m").arg(clock);
}

QString formatSwimDistance(double metres, bool yards)
{
    return yards ? QCoreApplication::translate("Units", "%1 yd").arg(std::llround(metres / kMetresPerYard))
                 : QCoreApplication::translate("Units", "%1 m").arg(std::llround(metres));
}

QString formatSpeed(double metresPerSecond, bool imperial)
{
    return imperial ? QCoreApplication::translate("Units", "%1 mph").arg(metresPerSecond * 2.236936, 0, 'f', 1)
                    : QCoreApplication::translate("Units", "%1 km/h").arg(metresPerSecond * 3.6, 0, 'f', 1);
}

QString formatPaceOrSpeed(Sport sport, double metresPerSecond, bool imperial, bool yardPool)
{
    const PaceUnit unit = paceUnitFor(sport, imperial, yardPool);
    const auto value = paceValue(unit, metresPerSecond);
    if (!value)
        return {};
    switch (unit) {
    case PaceUnit::PerKm:
    case PaceUnit::PerMile:
        return formatPace(metresPerSecond, unit == PaceUnit::PerMile);
    case PaceUnit::Per100m:
    case PaceUnit::Per100yd:
        return formatSwimPace(metresPerSecond, unit == PaceUnit::Per100yd);
    case PaceUnit::Per500m:
        return QCoreApplication::translate("Units", "%1 /500 m").arg(formatDuration(*value));
    case PaceUnit::Kmh:
    case PaceUnit::Mph:
        return formatSpeed(metresPerSecond, unit == PaceUnit::Mph);
    case PaceUnit::None:
        break;
    }
    return {};
}

} // namespace tricoach
