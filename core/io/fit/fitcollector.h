#pragma once
// Internal to the FIT reader: what is kept of each message type, before it becomes activities.

#include "core/io/fit/fitdecoder.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

namespace tricoach::fit {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Record channels as collected; the developer and fallback ones are merged per activity.
enum class Column : std::uint8_t {
    Distance,
    HeartRate,
    Power,
    Cadence,
    Speed,
    Altitude,
    Latitude,
    Longitude,
    Temperature,
    CoreTemperature, // record.core_temperature: used when the device has no temperature of its own
    DevPower,        // developer fields (Stryd, Connect IQ): used when the native channel is absent
    DevHeartRate,
    DevTemperature,
    Count
};
inline constexpr std::size_t kColumnCount = static_cast<std::size_t>(Column::Count);

// Record values by column, one row per record message. A column stays empty until its first value and is
// padded with NaN at the end, so a channel nobody recorded costs nothing.
struct RecordTable {
    std::vector<double> time; // FIT date_time seconds; NaN for a record without a time
    std::array<std::vector<double>, kColumnCount> columns;

    void set(Column c, double v)
    {
        auto& col = columns[static_cast<std::size_t>(c)];
        const std::size_t row = time.size() - 1;
        if (col.size() < row)
            col.resize(row, kNaN);
        if (col.size() == row)
            col.push_back(v);
        else
            col[row] = v;
    }
    const std::vector<double>& column(Column c) const { return columns[static_cast<std::size_t>(c)]; }
    std::vector<double>& column(Column c) { return columns[static_cast<std::size_t>(c)]; }
    void finish()
    {
        for (auto& col : columns) {
            if (!col.empty())
                col.resize(time.size(), kNaN);
        }
    }
};

// Where a message sits in the file, for what time alone cannot decide (two sessions starting in the same
// second, a leg whose session was cut off).
struct Placement {
    std::uint16_t file = 0;        // which FIT file of a chain (0: the first)
    std::uint32_t sequence = 0;    // order among all collected messages
    std::size_t recordsBefore = 0; // record messages read before this one
};

// session and lap summaries share their fields; NaN where the device wrote nothing.
struct SummaryInfo {
    Placement at;
    std::optional<std::uint32_t> startTime, timestamp;
    std::optional<std::uint8_t> sport, subSport;
    double elapsed = kNaN, timer = kNaN, distance = kNaN, ascent = kNaN, calories = kNaN;
    double avgHr = kNaN, maxHr = kNaN, avgPower = kNaN, maxPower = kNaN;
    double avgCadence = kNaN, maxCadence = kNaN, avgFractionalCadence = kNaN, maxFractionalCadence = kNaN;
    double avgSpeed = kNaN, maxSpeed = kNaN, enhancedAvgSpeed = kNaN, enhancedMaxSpeed = kNaN;
    double poolLength = kNaN;

    // start_time, or the end minus the elapsed time when a device left start_time out.
    std::optional<double> start() const
    {
        if (startTime)
            return *startTime;
        if (timestamp && !std::isnan(elapsed))
            return *timestamp - elapsed;
        return timestamp ? std::optional<double>(*timestamp) : std::nullopt;
    }
};

// A pool length as the length message gives it.
struct LengthInfo {
    Placement at;
    std::optional<std::uint32_t> startTime, timestamp;
    double elapsed = kNaN, timer = kNaN, strokes = kNaN;
    std::optional<std::uint8_t> stroke, lengthType;
};

// A timer start or stop: what separates moving from elapsed time without a session.
struct TimerEvent {
    std::uint32_t time = 0;
    bool running = false; // the timer (re)starts; false: it stops
    std::uint16_t file = 0;
};

// One beat of stored heart rate (hr message), placed in FIT time.
struct HrSample {
    double time = 0; // FIT seconds with fraction
    double bpm = 0;
    std::uint16_t file = 0;
};

// A sport message: in a multisport file one starts each leg, before the leg's records.
struct SportInfo {
    Placement at;
    std::optional<std::uint8_t> sport, subSport;
};

// A timestamp_correlation message (FIT SDK Profile, mesg 162): the UTC time (field 253) at which the device's
// own clock (system_timestamp, field 1) read a given value.
struct ClockCorrelation {
    std::uint16_t file = 0;
    std::uint32_t utc = 0;
    std::uint32_t system = 0;
};

// What the file_id of one FIT file of a chain says.
struct FileInfo {
    std::optional<std::uint8_t> type;
    std::optional<std::uint32_t> timeCreated;
    qint64 offset = -1; // of the file_id message
    std::size_t firstRecord = 0;
};

// Everything the reader keeps from one FIT file (chained files included).
struct Collected {
    RecordTable records;
    std::vector<SummaryInfo> sessions;
    std::vector<SummaryInfo> laps;
    std::vector<LengthInfo> lengths;
    std::vector<TimerEvent> timerEvents;
    std::vector<HrSample> hr;
    std::vector<SportInfo> sports;
    std::vector<ClockCorrelation> correlations;
    std::vector<FileInfo> files; // one per FIT file of a chain, from its start
    // The activity message's timestamp and local_timestamp: their difference is the UTC offset once the
    // timestamp is placed in UTC.
    std::optional<std::uint32_t> activityTime, activityLocalTime;
    std::uint16_t activityFile = 0;
    std::optional<std::int64_t> utcOffset; // set by placeDeviceTimes()
    // Byte offsets for errors: the first record, the first message timed by the device's power-on clock.
    qint64 firstRecordOffset = -1, firstDeviceTimeOffset = -1;
    int skippedMessages = 0; // records and summaries of a chained file that is not an activity

    // The file type of the whole input: that of its first FIT file.
    std::optional<std::uint8_t> fileType() const { return files.empty() ? std::nullopt : files.front().type; }
    // The FIT file of a chain that record `row` came from.
    std::uint16_t fileOfRecord(std::size_t row) const
    {
        std::uint16_t f = 0;
        while (f + 1U < files.size() && files[f + 1U].firstRecord <= row)
            ++f;
        return f;
    }
};

// The FieldSelector and MessageSink of the reader: picks the fields we map and stores their values, record
// values straight into the column vectors.
class FitCollector final : public FieldSelector, public MessageSink {
public:
    bool wants(std::uint16_t mesg) const override;
    int slotFor(std::uint16_t mesg, std::uint8_t field) const override;
    int developerSlotFor(std::uint16_t mesg, const DeveloperField& field) const override;
    void onFileStart(int index) override;
    void onMessage(const FitMessage& message) override;

    Collected& result() { return m_out; }

private:
    void onRecord(const FitMessage& m);
    void onSummary(const FitMessage& m, bool session);
    void onLength(const FitMessage& m);
    void onEvent(const FitMessage& m);
    void onHr(const FitMessage& m);
    void addHr(double bpm, std::uint32_t ticks);
    Placement here() const;

    Collected m_out;
    std::uint16_t m_file = 0;
    std::uint32_t m_sequence = 0;
    bool m_skipFile = false;                 // a chained file that is not an activity (settings, a course...)
    std::uint32_t m_distanceAccumulator = 0; // compressed_speed_distance distance, 1/16 m
    bool m_hasDistanceAccumulator = false;
    std::optional<double> m_hrAnchorTime; // FIT seconds at m_hrAnchorTicks
    std::uint32_t m_hrAnchorTicks = 0;    // event_timestamp, 1/1024 s
    std::uint32_t m_hrLastTicks = 0;
};

} // namespace tricoach::fit
