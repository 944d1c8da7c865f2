#pragma once
// A reference for stored heart rate, independent of our reader: the merge Garmin's FIT SDK applies to records
// when it decodes a file with hr messages (mergeHeartRates in the SDK's utils-hr-mesg), restated here from its
// documented behaviour:
//   - The beats are expanded: each hr message with a timestamp anchors event_timestamp to UTC; every beat is
//     placed at anchor + (event_timestamp - anchor event_timestamp), an event_timestamp below the anchor's by
//     more than 2^22 s having rolled over. Between two beats, the earlier one is repeated every 250 ms for up to
//     5 s.
//   - Each record then takes the rounded mean of the expanded beats after the previous record's time and up to
//     its own. A record with none keeps its own heart rate.
// (The SDK's scan only writes a record's mean once it has seen a beat after the record; the records after the
// last beat keep their own value, and so do they here.)

#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

namespace tricoach::fittest {

// One hr message as FitCSVTool prints it: event_timestamp in seconds, already expanded from its 12-bit form.
struct HrMessage {
    std::optional<double> timestamp; // FIT seconds, fractional_timestamp included; set on anchor messages
    std::vector<double> eventTimestamps;
    std::vector<double> bpm;
};

struct Beat {
    double time = 0;
    double bpm = 0;
};

inline std::vector<Beat> sdkExpandedBeats(const std::vector<HrMessage>& messages)
{
    constexpr double kStep = 0.25, kMaxGap = 5.0, kRollover = 4194304.0; // 2^22 s of 1/1024 s ticks in 32 bits
    std::vector<Beat> out;
    std::optional<double> anchorTime;
    double anchorEvent = 0;
    for (const HrMessage& m : messages) {
        if (m.timestamp && !m.eventTimestamps.empty()) {
            anchorTime = m.timestamp;
            anchorEvent = m.eventTimestamps.front();
        }
        if (!anchorTime)
            continue;
        for (std::size_t i = 0; i < m.eventTimestamps.size() && i < m.bpm.size(); ++i) {
            double event = m.eventTimestamps[i];
            if (event < anchorEvent && anchorEvent - event > kRollover)
                event += kRollover;
            const Beat beat{*anchorTime + (event - anchorEvent), m.bpm[i]};
            if (!out.empty()) {
                const Beat previous = out.back();
                double gap = std::abs(beat.time - previous.time);
                for (int step = 1; gap > kStep && step * kStep <= kMaxGap; ++step, gap -= kStep)
                    out.push_back(Beat{previous.time + kStep * step, previous.bpm});
            }
            out.push_back(beat);
        }
    }
    return out;
}

// `recordHr` (NaN where a record has none) merged with `beats` at `recordTimes` (FIT seconds).
inline std::vector<double> sdkMergedHeartRate(const std::vector<double>& recordTimes, std::vector<double> recordHr,
                                              const std::vector<Beat>& beats)
{
    std::optional<double> previous;
    for (std::size_t i = 0; i < recordTimes.size(); ++i) {
        const double t = recordTimes[i];
        // A record in the same second as the one before looks back one more second.
        const double from = previous && *previous != t ? *previous : t - 1;
        previous = t;
        double sum = 0;
        int n = 0;
        bool beatAfter = false;
        for (const Beat& b : beats) {
            if (b.time > from && b.time <= t) {
                sum += b.bpm;
                ++n;
            } else if (b.time > t) {
                beatAfter = true;
                break;
            }
        }
        if (n > 0 && beatAfter)
            recordHr[i] = std::round(sum / n);
    }
    return recordHr;
}

} // namespace tricoach::fittest
