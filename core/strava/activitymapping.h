#pragma once
// Strava's JSON (SummaryActivity, DetailedActivity, streams keyed by type) turned into TriCoach's activity model.

#include "core/model/activity.h"
#include "core/model/stravalink.h"
#include "core/util/result.h"

#include <QJsonObject>

namespace tricoach::strava {

// One activity as the sync stores it.
struct StravaActivity {
    Activity activity; // source Strava, externalId the Strava id, no streams
    StravaLink link;
};

// A SummaryActivity of /athlete/activities for athlete `athlete` (ours). A malformed entry (no id, no start) is an
// error naming what is missing, so that one bad entry never stops a sync. Facts of Strava's format followed here:
// `start_date_local` ends in a misleading "Z" but is local time, so the UTC offset is start_date_local - start_date;
// `upload_id` is read from `upload_id_str` (a JSON number above 2^53 loses digits); power counts for the load only
// when measured (`device_watts`), never Strava's estimate.
Result<StravaActivity> activityFromSummary(const QJsonObject& json, AthleteId athlete);

// The streams of /activities/{id}/streams?key_by_type=true (also accepts the array form). A stream Strava did not
// send is absent, never zeros; samples a stream lacks (a null, or `moving` false) stay NaN where they are missing.
Result<Streams> streamsFromJson(const QJsonValue& json);

// The stream types the sync asks for.
QString streamKeys();

} // namespace tricoach::strava
