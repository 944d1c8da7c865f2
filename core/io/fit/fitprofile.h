#pragma once
// Facts of the FIT format used by the reader. Sources: the FIT protocol document (base types, epoch, header)
// and the Garmin FIT SDK Profile 21.217 (message/field numbers, scales, offsets, enum values). Only what we
// decode is named.

#include "core/model/sport.h"

#include <QString>

#include <array>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>

namespace tricoach::fit {

// Seconds from the Unix epoch to the FIT epoch, 1989-12-31T00:00:00Z (FIT protocol document).
inline constexpr std::int64_t kFitEpochOffset = 631065600;
// date_time values below this are seconds since the device powered on, not since the FIT epoch (FIT SDK
// Profile).
inline constexpr std::uint32_t kMinAbsoluteDateTime = 0x10000000;

inline constexpr std::int64_t fitToUnixSeconds(std::uint32_t fitTime)
{
    return kFitEpochOffset + fitTime;
}

// A decoded number as an integer type, or nullopt when it is not finite or outside the type's range: a
// corrupt or mistyped field (a start_time declared as sint8, a float64 stroke count) must not become
// undefined behaviour.
template <std::integral T> std::optional<T> toInteger(std::optional<double> v)
{
    static_assert(sizeof(T) <= 4, "every double in range converts exactly");
    if (!v || !std::isfinite(*v))
        return std::nullopt;
    const double t = std::trunc(*v);
    if (t < static_cast<double>(std::numeric_limits<T>::min()) ||
        t > static_cast<double>(std::numeric_limits<T>::max()))
        return std::nullopt;
    return static_cast<T>(t);
}

// Positions are stored as semicircles: 2^31 semicircles make 180 degrees (FIT SDK Profile).
inline constexpr double kDegreesPerSemicircle = 180.0 / 2147483648.0;
inline constexpr double semicirclesToDegrees(double semicircles)
{
    return semicircles * kDegreesPerSemicircle;
}

// The base types of the FIT protocol, numbered by the low 5 bits of the base-type byte.
enum class BaseType : std::uint8_t {
    Enum = 0,
    SInt8 = 1,
    UInt8 = 2,
    SInt16 = 3,
    UInt16 = 4,
    SInt32 = 5,
    UInt32 = 6,
    String = 7,
    Float32 = 8,
    Float64 = 9,
    UInt8z = 10,
    UInt16z = 11,
    UInt32z = 12,
    Byte = 13,
    SInt64 = 14,
    UInt64 = 15,
    UInt64z = 16,
};
inline constexpr int kBaseTypeCount = 17;
inline constexpr std::uint8_t kBaseTypeNumberMask = 0x1F;

// Size and "no value" sentinel of a base type (FIT protocol document, table "FIT Base Types and Invalid
// Values").
struct BaseTypeInfo {
    std::uint8_t size = 1;
    bool isSigned = false;
    bool isFloat = false;
    std::uint64_t invalid = 0; // raw bit pattern meaning "not recorded"; float invalids are all-ones too
};

// Indexed by the base-type number. Strings may lack their NUL (devices fill the field); a byte field is
// invalid only when all its bytes are 0xFF.
inline constexpr std::array<BaseTypeInfo, kBaseTypeCount> kBaseTypes{{
    {1, false, false, 0xFF},               // enum
    {1, true, false, 0x7F},                // sint8
    {1, false, false, 0xFF},               // uint8
    {2, true, false, 0x7FFF},              // sint16
    {2, false, false, 0xFFFF},             // uint16
    {4, true, false, 0x7FFFFFFF},          // sint32
    {4, false, false, 0xFFFFFFFF},         // uint32
    {1, false, false, 0x00},               // string
    {4, false, true, 0xFFFFFFFF},          // float32
    {8, false, true, 0xFFFFFFFFFFFFFFFF},  // float64
    {1, false, false, 0x00},               // uint8z
    {2, false, false, 0x0000},             // uint16z
    {4, false, false, 0x00000000},         // uint32z
    {1, false, false, 0xFF},               // byte
    {8, true, false, 0x7FFFFFFFFFFFFFFF},  // sint64
    {8, false, false, 0xFFFFFFFFFFFFFFFF}, // uint64
    {8, false, false, 0x0000000000000000}, // uint64z
}};

// The base-type number of a base-type byte, or nullopt when the protocol defines none. The "endian ability"
// bit 0x80 is tolerated either way (devices get it wrong and the number alone is unambiguous); bits 5-6 are
// reserved.
inline constexpr std::uint8_t kEndianAbilityBit = 0x80;
inline constexpr std::optional<std::uint8_t> baseTypeNumber(std::uint8_t baseTypeByte)
{
    const std::uint8_t number = baseTypeByte & kBaseTypeNumberMask;
    if (number >= kBaseTypeCount || (baseTypeByte & ~(kBaseTypeNumberMask | kEndianAbilityBit)) != 0)
        return std::nullopt;
    return number;
}

// Global message numbers (FIT SDK Profile, type mesg_num).
namespace mesg {
inline constexpr std::uint16_t FileId = 0;
inline constexpr std::uint16_t Sport = 12;
inline constexpr std::uint16_t Session = 18;
inline constexpr std::uint16_t Lap = 19;
inline constexpr std::uint16_t Record = 20;
inline constexpr std::uint16_t Event = 21;
inline constexpr std::uint16_t DeviceInfo = 23;
inline constexpr std::uint16_t Activity = 34;
inline constexpr std::uint16_t Hrv = 78;
inline constexpr std::uint16_t Length = 101;
inline constexpr std::uint16_t Hr = 132;
inline constexpr std::uint16_t TimestampCorrelation = 162;
inline constexpr std::uint16_t FieldDescription = 206;
inline constexpr std::uint16_t DeveloperDataId = 207;
} // namespace mesg

// A field number with the scale and offset that turn its stored integer into units: value = raw / scale -
// offset.
struct Field {
    std::uint8_t num;
    double scale = 1;
    double offset = 0;
    constexpr double apply(double raw) const { return raw / scale - offset; }
};

// Field numbers and scales from the FIT SDK Profile, per message.
namespace field {
inline constexpr Field Timestamp{253};
inline constexpr Field MessageIndex{254};

namespace file_id {
inline constexpr Field Type{0}, Manufacturer{1}, Product{2}, TimeCreated{4};
}
namespace timestamp_correlation {
// The UTC time is the message's timestamp (253); system_timestamp is the device's power-on clock at that time.
inline constexpr Field SystemTimestamp{1};
} // namespace timestamp_correlation
namespace record {
inline constexpr Field PositionLat{0}, PositionLong{1}, Altitude{2, 5, 500}, HeartRate{3}, Cadence{4}, Distance{5, 100},
    Speed{6, 1000}, Power{7}, CompressedSpeedDistance{8}, Temperature{13}, FractionalCadence{53, 128},
    EnhancedSpeed{73, 1000}, EnhancedAltitude{78, 5, 500}, CoreTemperature{139, 100};
// compressed_speed_distance: 3 bytes holding speed (12 bits, 1/100 m/s) then distance (12 bits, 1/16 m,
// accumulated).
inline constexpr double kCompressedSpeedScale = 100;
inline constexpr double kCompressedDistanceScale = 16;
inline constexpr int kCompressedComponentBits = 12;
} // namespace record
namespace session {
inline constexpr Field StartTime{2}, Sport{5}, SubSport{6}, TotalElapsedTime{7, 1000}, TotalTimerTime{8, 1000},
    TotalDistance{9, 100}, TotalCalories{11}, AvgSpeed{14, 1000}, MaxSpeed{15, 1000}, AvgHeartRate{16},
    MaxHeartRate{17}, AvgCadence{18}, MaxCadence{19}, AvgPower{20}, MaxPower{21}, TotalAscent{22}, PoolLength{44, 100},
    AvgFractionalCadence{92, 128}, MaxFractionalCadence{93, 128}, EnhancedAvgSpeed{124, 1000},
    EnhancedMaxSpeed{125, 1000};
}
namespace lap {
inline constexpr Field StartTime{2}, TotalElapsedTime{7, 1000}, TotalTimerTime{8, 1000}, TotalDistance{9, 100},
    TotalCalories{11}, AvgSpeed{13, 1000}, MaxSpeed{14, 1000}, AvgHeartRate{15}, MaxHeartRate{16}, AvgCadence{17},
    MaxCadence{18}, AvgPower{19}, MaxPower{20}, TotalAscent{21}, Sport{25}, SubSport{39}, AvgFractionalCadence{80, 128},
    EnhancedAvgSpeed{110, 1000}, EnhancedMaxSpeed{111, 1000};
}
namespace length {
inline constexpr Field StartTime{2}, TotalElapsedTime{3, 1000}, TotalTimerTime{4, 1000}, TotalStrokes{5}, SwimStroke{7},
    LengthType{12};
inline constexpr std::uint8_t kIdle = 0; // length_type: 0 idle (rest), 1 active
} // namespace length
namespace event {
inline constexpr Field Event{0}, EventType{1};
inline constexpr std::uint8_t kTimer = 0;                            // event: timer
inline constexpr std::uint8_t kStart = 0, kStop = 1, kStopAll = 4;   // event_type
inline constexpr std::uint8_t kStopDisable = 8, kStopDisableAll = 9; // event_type
} // namespace event
namespace activity {
inline constexpr Field TotalTimerTime{0, 1000}, NumSessions{1}, LocalTimestamp{5};
}
namespace sport {
inline constexpr Field Sport{0}, SubSport{1};
}
namespace hr {
// fractional_timestamp is in 1/32768 s; event_timestamp in 1/1024 s; event_timestamp_12 packs 12-bit deltas
// of it.
inline constexpr Field FractionalTimestamp{0, 32768}, FilteredBpm{6}, EventTimestamp{9, 1024}, EventTimestamp12{10};
inline constexpr double kEventTicksPerSecond = 1024;
inline constexpr int kPackedBits = 12;
} // namespace hr
namespace field_description {
inline constexpr Field DeveloperDataIndex{0}, FieldDefinitionNumber{1}, FitBaseTypeId{2}, FieldName{3}, Scale{6},
    Offset{7}, Units{8}, NativeMesgNum{14}, NativeFieldNum{15};
}
namespace developer_data_id {
inline constexpr Field DeveloperDataIndex{3};
}
} // namespace field

// FIT SDK Profile, type file: what a FIT file holds. Only activity files are recordings of a workout.
namespace filetype {
inline constexpr std::uint8_t Device = 1, Settings = 2, Sport = 3, Activity = 4, Workout = 5, Course = 6, Schedules = 7,
                              Weight = 9, Totals = 10, Goals = 11, BloodPressure = 14, MonitoringA = 15,
                              ActivitySummary = 20, MonitoringDaily = 28, MonitoringB = 32, Segment = 34,
                              SegmentList = 35, ExdConfiguration = 40;
}
// "a course file", "a settings file", ...: what a FIT file of type `fileType` is, in words for the athlete.
QString fileTypeDescription(std::uint8_t fileType);

// FIT sport/sub_sport enum values the mapping below singles out (FIT SDK Profile, types sport and sub_sport).
namespace sportnum {
inline constexpr std::uint8_t Generic = 0, Running = 1, Cycling = 2, Transition = 3, FitnessEquipment = 4, Swimming = 5,
                              Training = 10, Walking = 11, Rowing = 15, Hiking = 17;
}
namespace subsportnum {
inline constexpr std::uint8_t Generic = 0, Treadmill = 1, Trail = 3, IndoorCycling = 6, Road = 7, Mountain = 8,
                              IndoorRowing = 14, LapSwimming = 17, OpenWater = 18, StrengthTraining = 20,
                              IndoorWalking = 27, IndoorRunning = 45, VirtualActivity = 58;
}

// Our sport and sub-type for a FIT sport/sub_sport pair.
struct SportMapping {
    Sport sport = Sport::Other;
    QString subSport;
};
SportMapping mapSport(std::optional<std::uint8_t> fitSport, std::optional<std::uint8_t> fitSubSport);

// "freestyle", "backstroke", ... for a FIT swim_stroke value; empty when unknown.
QString swimStrokeName(std::uint8_t swimStroke);

// The FIT profile's names in CamelCase ("CrossCountrySkiing", "IndoorRowing"); empty when unknown.
QString fitSportName(std::uint8_t sport);
QString fitSubSportName(std::uint8_t subSport);

} // namespace tricoach::fit
