#pragma once
// Internal to the FIT reader: device clocks. A FIT date_time below 0x10000000 counts seconds since the device
// powered on, not since the FIT epoch (FIT SDK Profile, type date_time): a device without a set clock (the
// FR70, early ANT-FS watches) writes such times, and read as dates they fall in 1989/1990.

#include "core/io/activityreader.h"
#include "core/io/fit/fitcollector.h"

#include <QDateTime>

namespace tricoach::fit {

// What placeDeviceTimes() found and did.
struct ClockPlacement {
    bool deviceRelative = false; // the file holds times of the device's power-on clock
    int dropped = 0;             // of those, how many nothing placed in UTC (their times are now unknown)
};

// Moves every device-relative time of `c` (records, sessions, laps, lengths, timer events, stored heart rate)
// into UTC: through the file's timestamp_correlation message (FIT SDK Profile: the UTC time at which the
// device clock read system_timestamp), or else through file_id.time_created, the UTC time at which the first
// session (or, without one, the first record) began. A time nothing places becomes unknown. Then sets
// c.utcOffset from the activity message. Says in `warnings` what it did.
ClockPlacement placeDeviceTimes(Collected& c, QStringList& warnings);

// The error for a file none of whose activities can be placed in time: its times are all of a device's
// power-on clock ("fit.no-clock"), or it has none ("fit.no-times").
ReadError unplacedActivityError(const Collected& c, const ClockPlacement& clock);

// A warning for each activity that starts before 2000 or more than a day after `now`: a device clock set
// wrong, which the athlete should hear of before it misplaces the activity in the calendar.
void warnAboutImplausibleDates(const std::vector<Activity>& activities, const QDateTime& now, QStringList& warnings);

// FIT seconds as a UTC date-time; invalid for a value no uint32 timestamp (minus a duration) can produce.
QDateTime fitTimeToUtc(double fitSeconds);

} // namespace tricoach::fit
