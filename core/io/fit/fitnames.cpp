// CamelCase names of the FIT SDK Profile (21.217) enums sport and sub_sport, and the profile's file types in
// words: facts of the profile, not code.
#include "core/io/fit/fitprofile.h"

#include <algorithm>
#include <iterator>

namespace tricoach::fit {

namespace {

struct EnumName {
    std::uint8_t value;
    const char* name;
};

constexpr EnumName kSportNames[] = {
    {0, "Generic"},
    {1, "Running"},
    {2, "Cycling"},
    {3, "Transition"},
    {4, "FitnessEquipment"},
    {5, "Swimming"},
    {6, "Basketball"},
    {7, "Soccer"},
    {8, "Tennis"},
    {9, "AmericanFootball"},
    {10, "Training"},
    {11, "Walking"},
    {12, "CrossCountrySkiing"},
    {13, "AlpineSkiing"},
    {14, "Snowboarding"},
    {15, "Rowing"},
    {16, "Mountaineering"},
    {17, "Hiking"},
    {18, "Multisport"},
    {19, "Paddling"},
    {20, "Flying"},
    {21, "EBiking"},
    {22, "Motorcycling"},
    {23, "Boating"},
    {24, "Driving"},
    {25, "Golf"},
    {26, "HangGliding"},
    {27, "HorsebackRiding"},
    {28, "Hunting"},
    {29, "Fishing"},
    {30, "InlineSkating"},
    {31, "RockClimbing"},
    {32, "Sailing"},
    {33, "IceSkating"},
    {34, "SkyDiving"},
    {35, "Snowshoeing"},
    {36, "Snowmobiling"},
    {37, "StandUpPaddleboarding"},
    {38, "Surfing"},
    {39, "Wakeboarding"},
    {40, "WaterSkiing"},
    {41, "Kayaking"},
    {42, "Rafting"},
    {43, "Windsurfing"},
    {44, "Kitesurfing"},
    {45, "Tactical"},
    {46, "Jumpmaster"},
    {47, "Boxing"},
    {48, "FloorClimbing"},
    {49, "Baseball"},
    {53, "Diving"},
    {56, "Shooting"},
    {58, "WinterSport"},
    {59, "Grinding"},
    {62, "Hiit"},
    {63, "VideoGaming"},
    {64, "Racket"},
    {65, "WheelchairPushWalk"},
    {66, "WheelchairPushRun"},
    {67, "Meditation"},
    {68, "ParaSport"},
    {69, "DiscGolf"},
    {70, "TeamSport"},
    {71, "Cricket"},
    {72, "Rugby"},
    {73, "Hockey"},
    {74, "Lacrosse"},
    {75, "Volleyball"},
    {76, "WaterTubing"},
    {77, "Wakesurfing"},
    {78, "WaterSport"},
    {79, "Archery"},
    {80, "MixedMartialArts"},
    {81, "MotorSports"},
    {82, "Snorkeling"},
    {83, "Dance"},
    {84, "JumpRope"},
    {85, "PoolApnea"},
    {86, "Mobility"},
    {87, "Geocaching"},
    {88, "Canoeing"},
};

constexpr EnumName kSubSportNames[] = {
    {0, "Generic"},
    {1, "Treadmill"},
    {2, "Street"},
    {3, "Trail"},
    {4, "Track"},
    {5, "Spin"},
    {6, "IndoorCycling"},
    {7, "Road"},
    {8, "Mountain"},
    {9, "Downhill"},
    {10, "Recumbent"},
    {11, "Cyclocross"},
    {12, "HandCycling"},
    {13, "TrackCycling"},
    {14, "IndoorRowing"},
    {15, "Elliptical"},
    {16, "StairClimbing"},
    {17, "LapSwimming"},
    {18, "OpenWater"},
    {19, "FlexibilityTraining"},
    {20, "StrengthTraining"},
    {21, "WarmUp"},
    {22, "Match"},
    {23, "Exercise"},
    {24, "Challenge"},
    {25, "IndoorSkiing"},
    {26, "CardioTraining"},
    {27, "IndoorWalking"},
    {28, "EBikeFitness"},
    {29, "Bmx"},
    {30, "CasualWalking"},
    {31, "SpeedWalking"},
    {32, "BikeToRunTransition"},
    {33, "RunToBikeTransition"},
    {34, "SwimToBikeTransition"},
    {35, "Atv"},
    {36, "Motocross"},
    {37, "Backcountry"},
    {38, "Resort"},
    {39, "RcDrone"},
    {40, "Wingsuit"},
    {41, "Whitewater"},
    {42, "SkateSkiing"},
    {43, "Yoga"},
    {44, "Pilates"},
    {45, "IndoorRunning"},
    {46, "GravelCycling"},
    {47, "EBikeMountain"},
    {48, "Commuting"},
    {49, "MixedSurface"},
    {50, "Navigate"},
    {51, "TrackMe"},
    {52, "Map"},
    {53, "SingleGasDiving"},
    {54, "MultiGasDiving"},
    {55, "GaugeDiving"},
    {56, "ApneaDiving"},
    {57, "ApneaHunting"},
    {58, "VirtualActivity"},
    {59, "Obstacle"},
    {62, "Breathing"},
    {63, "CcrDiving"},
    {65, "SailRace"},
    {66, "Expedition"},
    {67, "Ultra"},
    {68, "IndoorClimbing"},
    {69, "Bouldering"},
    {70, "Hiit"},
    {71, "IndoorGrinding"},
    {72, "HuntingWithDogs"},
    {73, "Amrap"},
    {74, "Emom"},
    {75, "Tabata"},
    {77, "Esport"},
    {78, "Triathlon"},
    {79, "Duathlon"},
    {80, "Brick"},
    {81, "SwimRun"},
    {82, "AdventureRace"},
    {83, "TruckerWorkout"},
    {84, "Pickleball"},
    {85, "Padel"},
    {86, "IndoorWheelchairWalk"},
    {87, "IndoorWheelchairRun"},
    {88, "IndoorHandCycling"},
    {90, "Field"},
    {91, "Ice"},
    {92, "Ultimate"},
    {93, "Platform"},
    {94, "Squash"},
    {95, "Badminton"},
    {96, "Racquetball"},
    {97, "TableTennis"},
    {98, "Overland"},
    {99, "TrollingMotor"},
    {110, "FlyCanopy"},
    {111, "FlyParaglide"},
    {112, "FlyParamotor"},
    {113, "FlyPressurized"},
    {114, "FlyNavigate"},
    {115, "FlyTimer"},
    {116, "FlyAltimeter"},
    {117, "FlyWx"},
    {118, "FlyVfr"},
    {119, "FlyIfr"},
    {121, "DynamicApnea"},
    {123, "Enduro"},
    {124, "Rucking"},
    {125, "Rally"},
    {126, "PoolTriathlon"},
    {127, "EBikeEnduro"},
};

// The tables are sorted by value, so a binary search finds a name.
template <std::size_t N> QString lookup(const EnumName (&table)[N], std::uint8_t value)
{
    const auto it = std::lower_bound(std::begin(table), std::end(table), value,
                                     [](const EnumName& e, std::uint8_t v) { return e.value < v; });
    return it != std::end(table) && it->value == value ? QLatin1String(it->name) : QString();
}

} // namespace

QString fitSportName(std::uint8_t sport)
{
    return lookup(kSportNames, sport);
}

QString fitSubSportName(std::uint8_t subSport)
{
    return lookup(kSubSportNames, subSport);
}

QString fileTypeDescription(std::uint8_t fileType)
{
    // FIT SDK Profile, type file; 0xF7-0xFE are reserved for manufacturers' own types.
    constexpr std::uint8_t kManufacturerMin = 0xF7, kManufacturerMax = 0xFE;
    struct Description {
        std::uint8_t type;
        const char* words;
    };
    static constexpr Description kDescriptions[] = {
        {filetype::Device, "a device description file"},
        {filetype::Settings, "a settings file"},
        {filetype::Sport, "a sport settings file"},
        {filetype::Activity, "an activity file"},
        {filetype::Workout, "a workout file"},
        {filetype::Course, "a course file"},
        {filetype::Schedules, "a training schedule file"},
        {filetype::Weight, "a weight scale file"},
        {filetype::Totals, "a lifetime totals file"},
        {filetype::Goals, "a goals file"},
        {filetype::BloodPressure, "a blood pressure file"},
        {filetype::MonitoringA, "a monitoring file (all-day tracking)"},
        {filetype::ActivitySummary, "an activity summary file"},
        {filetype::MonitoringDaily, "a monitoring file (all-day tracking)"},
        {filetype::MonitoringB, "a monitoring file (all-day tracking)"},
        {filetype::Segment, "a segment file"},
        {filetype::SegmentList, "a segment list file"},
        {filetype::ExdConfiguration, "a data screen configuration file"},
    };
    for (const Description& d : kDescriptions) {
        if (d.type == fileType)
            return QLatin1String(d.words);
    }
    if (fileType >= kManufacturerMin && fileType <= kManufacturerMax)
        return QStringLiteral("a manufacturer's own file type (%1)").arg(fileType);
    return QStringLiteral("a file of a type FIT does not define (%1)").arg(fileType);
}

} // namespace tricoach::fit
