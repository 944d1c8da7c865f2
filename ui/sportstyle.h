#pragma once
// How sports look everywhere in the window: one colour and one translated name per sport, so a chart legend, a
// table cell and a calendar entry agree.

#include "core/model/session.h"
#include "core/model/sport.h"

#include <QColor>
#include <QString>

namespace tricoach {

QColor sportColor(Sport sport);
QString sportName(Sport sport); // translated, for people ("Swim", "Bike", "Run", ...)
// The one place a sub-sport refines the name people see: "Open-water swim", "Pool swim", "Trail run", ...; the
// sport's name for every other sub-sport.
QString activitySportName(Sport sport, QStringView subSport);
// A multisport session as people call it ("Triathlon", "Multisport"), and its colour.
QString sessionName(SessionKind kind);
QColor sessionColor(SessionKind kind);
// "T1", "T2", ...: the transitions of a multisport race, numbered from 1.
QString transitionName(int number);

// Durations and distances as an athlete reads them.
QString formatDuration(double seconds);                             // "1:05:30" or "45:10"
QString formatDistance(double metres, bool imperial);               // "42.2 km" / "26.2 mi"; "1,500 m" for swims
QString formatPace(double metresPerSecond, bool imperial);          // "4:35 /km"
QString formatSwimPace(double metresPerSecond, bool yards = false); // "1:45 /100 m" or "1:36 /100 yd"
QString formatSwimDistance(double metres, bool yards);              // "1500 m" or "1650 yd"
QString formatSpeed(double metresPerSecond, bool imperial);         // "32.4 km/h" / "20.1 mph"
// How fast, in the unit the sport uses: pace per 100 m (per 100 yd in a yard pool) for swims, per 500 m for
// rowing, per km or mile on foot, speed on a bike; nothing for a transition (time only) or strength.
QString formatPaceOrSpeed(Sport sport, double metresPerSecond, bool imperial, bool yardPool = false);

} // namespace tricoach
