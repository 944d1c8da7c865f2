#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <optional>

namespace tricoach {

// The sports TriCoach plans and analyses; the finer kind (OpenWaterSwim, VirtualRide, TrailRun, ...) is a free
// sub-type string. Transition is the time between the legs of a multisport race (T1, T2), never trained alone.
enum class Sport { Swim, Bike, Run, Brick, Walk, Hike, Row, Strength, Transition, Other };

inline constexpr std::array kAllSports{Sport::Swim, Sport::Bike,     Sport::Run,        Sport::Brick, Sport::Walk,
                                       Sport::Hike, Sport::Row,      Sport::Strength,   Sport::Transition,
                                       Sport::Other};

// Stable id used in storage, JSON and the CLI ("Swim", "Bike", ...); never translated.
QString sportId(Sport sport);

// Accepts the ids above case-insensitively plus common synonyms (Ride, Cycling, Running, Swimming, ...).
std::optional<Sport> sportFromString(QStringView text);

} // namespace tricoach
