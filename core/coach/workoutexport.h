#pragma once
// Workouts for the places athletes ride and run them: Zwift (.zwo), ERG and MRC files for trainer software, and the
// plan as an iCalendar (.ics) for any calendar. Garmin's FIT workout is in fitworkout.h.

#include "core/coach/plan.h"

#include <QByteArray>
#include <QString>

namespace tricoach {

// Zwift workout XML: power (bike) or pace (run) as fractions of FTP / threshold pace; repeats as IntervalsT.
QByteArray toZwo(const Workout& workout, const QString& name);
// ERG: minutes and absolute watts (needs an FTP; nothing when it is unknown). Bike workouts only.
QByteArray toErg(const Workout& workout, const QString& name, double ftpWatts);
// MRC: minutes and % FTP. Bike workouts only.
QByteArray toMrc(const Workout& workout, const QString& name);
// Every planned session as an all-day event on its date (RFC 5545), the description as its text.
QByteArray toIcs(const SeasonPlan& plan, const Thresholds& thresholds);

// A file name for a session: "2027-03-02-bike-intervals".
QString exportBaseName(const QDate& date, const Workout& workout);

} // namespace tricoach
