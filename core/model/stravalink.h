#pragma once
// What Strava says of an activity beyond our own summary: kept for reference and for the sync, never for loads
// (Strava's weighted watts and suffer score come from Strava's formulas; our load comes from ours).

#include <QString>

#include <cstdint>
#include <optional>

namespace tricoach {

// Whether an activity's recorded samples have been fetched from Strava.
enum class StravaStreams {
    Pending, // not yet fetched (the stream back-fill will)
    Stored,  // fetched and stored; the load is computed from them
    None,    // Strava has none (a manual entry, or an activity without samples)
    File,    // the activity's recording came from an imported file, which wins over Strava's copy
};
QString stravaStreamsId(StravaStreams state);
StravaStreams stravaStreamsFromString(QStringView text);

struct StravaLink {
    std::int64_t stravaId = 0; // above 2^32: 64-bit everywhere
    QString sportType;         // Strava's sport_type as sent, also when we do not know it
    bool isPrivate = false;
    bool manual = false;
    std::optional<double> weightedAvgWatts;
    std::optional<bool> deviceWatts; // false: Strava estimated the power
    std::optional<double> sufferScore;
    std::optional<std::int64_t> uploadId; // from upload_id_str: upload_id as a JSON number loses digits
    StravaStreams streams = StravaStreams::Pending;
    bool operator==(const StravaLink&) const = default;
};

} // namespace tricoach
