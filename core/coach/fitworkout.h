#pragma once
// A structured workout as a Garmin FIT workout file (file type 5), for a watch or bike computer: warm-up, repeats
// and cool-down with power (bike, % FTP), speed (run, swim) or open targets. Written from the FIT protocol and
// profile as Garmin publishes them.

#include "core/coach/workout.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace tricoach {

QByteArray toFitWorkout(const Workout& workout, const QString& name, const Thresholds& thresholds,
                        const QDateTime& created = QDateTime::currentDateTimeUtc());

} // namespace tricoach
