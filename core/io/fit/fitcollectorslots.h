#pragma once
// Internal to the FIT reader's collector: which fields of which messages it reads, and the slot each value
// lands in (FitMessage::value(slot)). Field numbers and scales are the profile's (fitprofile.h).

#include "core/io/fit/fitdecoder.h"
#include "core/io/fit/fitprofile.h"

#include <span>

namespace tricoach::fit::slots {

struct FieldSlot {
    std::uint8_t field;
    int slot;
};

inline int lookup(std::span<const FieldSlot> table, std::uint8_t field)
{
    for (const auto& e : table) {
        if (e.field == field)
            return e.slot;
    }
    return kNoSlot;
}

// ---- record ----
enum RecordSlot : int {
    RLat,
    RLon,
    RAlt,
    RHr,
    RCad,
    RDist,
    RSpeed,
    RPower,
    RCompressed,
    RTemp,
    RFracCad,
    REnhSpeed,
    REnhAlt,
    RCoreTemp,
    RDevPower,
    RDevHr,
    RDevTemp
};
namespace rf = field::record;
constexpr FieldSlot kRecordSlots[] = {
    {rf::PositionLat.num, RLat},
    {rf::PositionLong.num, RLon},
    {rf::Altitude.num, RAlt},
    {rf::HeartRate.num, RHr},
    {rf::Cadence.num, RCad},
    {rf::Distance.num, RDist},
    {rf::Speed.num, RSpeed},
    {rf::Power.num, RPower},
    {rf::CompressedSpeedDistance.num, RCompressed},
    {rf::Temperature.num, RTemp},
    {rf::FractionalCadence.num, RFracCad},
    {rf::EnhancedSpeed.num, REnhSpeed},
    {rf::EnhancedAltitude.num, REnhAlt},
    {rf::CoreTemperature.num, RCoreTemp},
};

// ---- session and lap share slots ----
enum SummarySlot : int {
    SStart,
    SSport,
    SSub,
    SElapsed,
    STimer,
    SDist,
    SCal,
    SAvgSpeed,
    SMaxSpeed,
    SAvgHr,
    SMaxHr,
    SAvgCad,
    SMaxCad,
    SAvgPower,
    SMaxPower,
    SAscent,
    SPool,
    SAvgFrac,
    SMaxFrac,
    SEnhAvg,
    SEnhMax
};
namespace sf = field::session;
constexpr FieldSlot kSessionSlots[] = {
    {sf::StartTime.num, SStart},
    {sf::Sport.num, SSport},
    {sf::SubSport.num, SSub},
    {sf::TotalElapsedTime.num, SElapsed},
    {sf::TotalTimerTime.num, STimer},
    {sf::TotalDistance.num, SDist},
    {sf::TotalCalories.num, SCal},
    {sf::AvgSpeed.num, SAvgSpeed},
    {sf::MaxSpeed.num, SMaxSpeed},
    {sf::AvgHeartRate.num, SAvgHr},
    {sf::MaxHeartRate.num, SMaxHr},
    {sf::AvgCadence.num, SAvgCad},
    {sf::MaxCadence.num, SMaxCad},
    {sf::AvgPower.num, SAvgPower},
    {sf::MaxPower.num, SMaxPower},
    {sf::TotalAscent.num, SAscent},
    {sf::PoolLength.num, SPool},
    {sf::AvgFractionalCadence.num, SAvgFrac},
    {sf::MaxFractionalCadence.num, SMaxFrac},
    {sf::EnhancedAvgSpeed.num, SEnhAvg},
    {sf::EnhancedMaxSpeed.num, SEnhMax},
};
namespace lf = field::lap;
constexpr FieldSlot kLapSlots[] = {
    {lf::StartTime.num, SStart},
    {lf::Sport.num, SSport},
    {lf::SubSport.num, SSub},
    {lf::TotalElapsedTime.num, SElapsed},
    {lf::TotalTimerTime.num, STimer},
    {lf::TotalDistance.num, SDist},
    {lf::TotalCalories.num, SCal},
    {lf::AvgSpeed.num, SAvgSpeed},
    {lf::MaxSpeed.num, SMaxSpeed},
    {lf::AvgHeartRate.num, SAvgHr},
    {lf::MaxHeartRate.num, SMaxHr},
    {lf::AvgCadence.num, SAvgCad},
    {lf::MaxCadence.num, SMaxCad},
    {lf::AvgPower.num, SAvgPower},
    {lf::MaxPower.num, SMaxPower},
    {lf::TotalAscent.num, SAscent},
    {lf::AvgFractionalCadence.num, SAvgFrac},
    {lf::EnhancedAvgSpeed.num, SEnhAvg},
    {lf::EnhancedMaxSpeed.num, SEnhMax},
};
// Scales per summary slot (session and lap agree on them).
constexpr Field kSummaryScale[] = {{0},
                                   {0},
                                   {0},
                                   sf::TotalElapsedTime,
                                   sf::TotalTimerTime,
                                   sf::TotalDistance,
                                   sf::TotalCalories,
                                   sf::AvgSpeed,
                                   sf::MaxSpeed,
                                   sf::AvgHeartRate,
                                   sf::MaxHeartRate,
                                   sf::AvgCadence,
                                   sf::MaxCadence,
                                   sf::AvgPower,
                                   sf::MaxPower,
                                   sf::TotalAscent,
                                   sf::PoolLength,
                                   sf::AvgFractionalCadence,
                                   sf::MaxFractionalCadence,
                                   sf::EnhancedAvgSpeed,
                                   sf::EnhancedMaxSpeed};
static_assert(std::size(kSummaryScale) == SEnhMax + 1);

// ---- length, event, activity, file_id, sport, hr ----
enum LengthSlot : int { LStart, LElapsed, LTimer, LStrokes, LStroke, LType };
namespace lenf = field::length;
constexpr FieldSlot kLengthSlots[] = {{lenf::StartTime.num, LStart},      {lenf::TotalElapsedTime.num, LElapsed},
                                      {lenf::TotalTimerTime.num, LTimer}, {lenf::TotalStrokes.num, LStrokes},
                                      {lenf::SwimStroke.num, LStroke},    {lenf::LengthType.num, LType}};
enum EventSlot : int { EEvent, EType };
constexpr FieldSlot kEventSlots[] = {{field::event::Event.num, EEvent}, {field::event::EventType.num, EType}};
enum ActivitySlot : int { ALocal };
constexpr FieldSlot kActivitySlots[] = {{field::activity::LocalTimestamp.num, ALocal}};
enum FileIdSlot : int { FType, FCreated };
constexpr FieldSlot kFileIdSlots[] = {{field::file_id::Type.num, FType}, {field::file_id::TimeCreated.num, FCreated}};
enum SportSlot : int { SpSport, SpSub };
constexpr FieldSlot kSportSlots[] = {{field::sport::Sport.num, SpSport}, {field::sport::SubSport.num, SpSub}};
enum CorrelationSlot : int { CSystem };
constexpr FieldSlot kCorrelationSlots[] = {{field::timestamp_correlation::SystemTimestamp.num, CSystem}};
enum HrSlot : int { HFrac, HBpm, HEvent, HEvent12 };
namespace hf = field::hr;
constexpr FieldSlot kHrSlots[] = {{hf::FractionalTimestamp.num, HFrac},
                                  {hf::FilteredBpm.num, HBpm},
                                  {hf::EventTimestamp.num, HEvent},
                                  {hf::EventTimestamp12.num, HEvent12}};

} // namespace tricoach::fit::slots
