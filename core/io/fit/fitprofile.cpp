#include "core/io/fit/fitprofile.h"

#include <array>

namespace tricoach::fit {

SportMapping mapSport(std::optional<std::uint8_t> fitSport, std::optional<std::uint8_t> fitSubSport)
{
    const std::uint8_t sport = fitSport.value_or(sportnum::Generic);
    const bool hasSub = fitSubSport.has_value() && *fitSubSport != subsportnum::Generic;
    const std::uint8_t sub = fitSubSport.value_or(subsportnum::Generic);
    const QString subName = hasSub ? fitSubSportName(sub) : QString();

    switch (sport) {
    case sportnum::Running:
        switch (sub) {
        case subsportnum::Trail:
            return {Sport::Run, QStringLiteral("TrailRun")};
        case subsportnum::Treadmill:
            return {Sport::Run, QStringLiteral("Treadmill")};
        case subsportnum::VirtualActivity:
            return {Sport::Run, QStringLiteral("VirtualRun")};
        default:
            return {Sport::Run, subName};
        }
    case sportnum::Cycling:
        switch (sub) {
        case subsportnum::IndoorCycling:
            return {Sport::Bike, QStringLiteral("IndoorRide")};
        case subsportnum::VirtualActivity:
            return {Sport::Bike, QStringLiteral("VirtualRide")};
        case subsportnum::Road:
            return {Sport::Bike, QStringLiteral("Road")};
        case subsportnum::Mountain:
            return {Sport::Bike, QStringLiteral("MountainBike")};
        default:
            return {Sport::Bike, subName};
        }
    case sportnum::Swimming:
        switch (sub) {
        case subsportnum::LapSwimming:
            return {Sport::Swim, QStringLiteral("PoolSwim")};
        case subsportnum::OpenWater:
            return {Sport::Swim, QStringLiteral("OpenWaterSwim")};
        default:
            return {Sport::Swim, subName};
        }
    case sportnum::Transition:
        return {Sport::Transition, QString()};
    case sportnum::Training:
        if (sub == subsportnum::StrengthTraining)
            return {Sport::Strength, QString()};
        return {Sport::Other, hasSub ? subName : fitSportName(sport)};
    case sportnum::FitnessEquipment:
        // Gym machines: the machine decides which of our sports it is.
        switch (sub) {
        case subsportnum::Treadmill:
        case subsportnum::IndoorRunning:
            return {Sport::Run, QStringLiteral("Treadmill")};
        case subsportnum::IndoorCycling:
            return {Sport::Bike, QStringLiteral("IndoorRide")};
        case subsportnum::StrengthTraining:
            return {Sport::Strength, QString()};
        case subsportnum::IndoorRowing:
            return {Sport::Row, QStringLiteral("IndoorRowing")};
        case subsportnum::IndoorWalking:
            return {Sport::Walk, QStringLiteral("IndoorWalking")};
        default:
            return {Sport::Other, hasSub ? subName : fitSportName(sport)};
        }
    case sportnum::Generic:
        return {Sport::Other, subName};
    case sportnum::Walking:
        return {Sport::Walk, subName};
    case sportnum::Hiking:
        return {Sport::Hike, subName};
    case sportnum::Rowing:
        return {Sport::Row, subName};
    default:
        break;
    }
    // Everything else keeps its FIT name.
    return {Sport::Other, fitSportName(sport)};
}

QString swimStrokeName(std::uint8_t swimStroke)
{
    // FIT SDK Profile, type swim_stroke: 0 freestyle .. 5 mixed; 6 im, 7 im_by_round, 8 rimo are medleys.
    static constexpr const char* kNames[] = {"freestyle", "backstroke", "breaststroke", "butterfly", "drill", "mixed"};
    constexpr std::uint8_t kFirstMedley = 6, kLastMedley = 8;
    if (swimStroke < std::size(kNames))
        return QLatin1String(kNames[swimStroke]);
    if (swimStroke >= kFirstMedley && swimStroke <= kLastMedley)
        return QStringLiteral("mixed");
    return {};
}

} // namespace tricoach::fit
