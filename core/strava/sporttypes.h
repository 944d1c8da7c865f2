#pragma once
// Strava's `sport_type` values and what each is in TriCoach's sports.

#include "core/model/sport.h"

#include <QString>
#include <QStringList>

namespace tricoach::strava {

// Strava's published SportType enum (API reference, "SportType"): 55 values.
const QStringList& knownSportTypes();

// Our sport for a Strava sport_type (or the older `type` when sport_type is absent). An unknown value is Other; the
// original string is kept by the caller as the activity's sub-sport.
Sport sportForType(const QString& sportType);

} // namespace tricoach::strava
