#pragma once
// Internal to the FIT reader: turns what was collected from the messages into activities.

#include "core/io/activityreader.h"
#include "core/io/fit/fitcollector.h"

namespace tricoach::fit {

// One activity per session (legs of a multisport file share a key), records and laps assigned by time;
// without a session, one activity summarised from the records and laps. Consumes `collected` (vectors are
// moved out).
DecodedFile assembleActivities(Collected& collected, DecodeOutcome outcome);

} // namespace tricoach::fit
