#pragma once
// Internal to the FIT reader: turns what was collected from the messages into activities.

#include "core/io/activityreader.h"
#include "core/io/fit/fitcollector.h"

#include <QDateTime>

namespace tricoach::fit {

// One activity per session (legs of a multisport file share a key), records and laps assigned by time
// (fitframes.h); without a session, one activity summarised from the records and laps. Refuses files that are
// not activities and activities that cannot be placed in time; warns about dates before 2000 or after `now`.
// Consumes `collected` (vectors are moved out).
DecodedFile assembleActivities(Collected& collected, DecodeOutcome outcome, const QDateTime& now);

} // namespace tricoach::fit
