#pragma once

#include "core/io/activityreader.h"

namespace tricoach {

// Reads Garmin Training Center XML (TCX v2, with ActivityExtension v2 speed, power and lap extras).
//
// Elements are matched by namespace URI and local name, so any prefix works. One Activity per <Activity>; the
// legs of a <MultiSportSession> (and its <Transition> laps, as sport Transition) share a
// multisportKey and are numbered in order. An <Activity> without any time is left out with a warning
// ("tcx.no-times" when no activity has one); values outside plausible ranges are dropped and counted in the
// warnings (xml::ValueFilter). Values:
// - sport: Running and Biking as written; "Other" (which Garmin Connect writes for swims) becomes a pool swim when
//   the laps are whole pool lengths, an open-water swim when a GPS track goes at a swimmer's speed with a stroke
//   rate, else stays Other (see sportOf in the source and core/io/sportguess.h);
// - startUtc: the earliest lap StartTime or track-point time (Garmin Connect rounds <Id> down to the minute),
//   the activity's <Id> when there is neither;
// - elapsedSec: from the start to the last track-point time or lap end; movingSec: the sum of the laps'
//   TotalTimeSeconds (the device's timer time), or moving time from the track (the sport's stop rule) when no
//   lap has it;
// - distanceM: the sum of the laps' DistanceMeters when positive, else the largest track-point DistanceMeters,
//   else the length of the GPS track; calories: the laps' sum when positive;
// - averages and maxima from the track (see xml::summariseStreams), falling back on the lap values, lap
//   averages weighted by lap time; maxSpeed from the laps' MaximumSpeed, else from the TPX speed channel;
// - notes: the activity's <Notes>, then a line "Recorded with <Creator/Name>" when the device is named (the name
//   as one clean line).
class TcxReader final : public ActivityReader {
public:
    QString formatId() const override;
    bool sniff(QByteArrayView head) const override;
    DecodedFile read(QByteArrayView data) const override;
};

} // namespace tricoach
