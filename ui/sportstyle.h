#pragma once
// How sports look everywhere in the window: one colour and one translated name per sport, so a chart legend, a
// table cell and a calendar entry agree.

#include "core/model/sport.h"

#include <QColor>
#include <QString>

namespace tricoach {

QColor sportColor(Sport sport);
QString sportName(Sport sport); // translated, for people ("Swim", "Bike", "Run", ...)

// Durations and distances as an athlete reads them.
QString formatDuration(double seconds);                    // "1:05:30" or "45:10"
QString formatDistance(double metres, bool imperial);      // "42.2 km" / "26.2 mi"; "1,500 m" for swims
QString formatPace(double metresPerSecond, bool imperial); // "4:35 /km"
QString formatSwimPace(double metresPerSecond);            // "1:45 /100 m"

} // namespace tricoach
