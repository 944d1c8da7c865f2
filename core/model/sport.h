#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <optional>

namespace tricoach {

// The sports TriCoach plans and analyses; the finer kind (VirtualRide, TrailRun, ...) is a free sub-type string.
enum class Sport { Swim, Bike, Run, Brick, Strength, Other };

inline constexpr std::array kAllSports{Sport::Swim,  Sport::Bike,     Sport::Run,
                                       Sport::Brick, Sport::Strength, Sport::Other};

// Stable id used in storage, JSON and the CLI ("Swim", "Bike", ...); never translated.
QString sportId(Sport sport);

// Accepts the ids above case-insensitively plus common synonyms (Ride, Cycling, Running, Swimming, ...).
std::optional<Sport> sportFromString(QStringView text);

} // namespace tricoach
