#pragma once
// Garmin's FIT JavaScript SDK as a test oracle: whether it can run here, and its decoding of one file (what
// tests/oracle/fitsdk_dump.mjs prints) as plain values. Numbers the SDK left out are NaN; times are Unix
// seconds, positions degrees, everything else the SDK's scaled value.

#include <QString>
#include <QStringList>

#include <limits>
#include <optional>
#include <utility>
#include <vector>

namespace tricoach::oracle {

inline constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

struct SdkRecord {
    double t = kNone;
    double distance = kNone, hr = kNone, hrMerged = kNone, power = kNone, cadence = kNone;
    double fractionalCadence = kNone, speed = kNone, altitude = kNone, lat = kNone, lon = kNone;
    double temperature = kNone, coreTemperature = kNone;
    std::vector<std::pair<QString, double>> dev; // developer field name -> value (numbers only)
};

// A lap or session message.
struct SdkSummary {
    double t = kNone, start = kNone;
    QString sport, subSport;
    double elapsed = kNone, timer = kNone, distance = kNone;
    double avgHr = kNone, maxHr = kNone, avgPower = kNone, maxPower = kNone;
    double avgCadence = kNone, maxCadence = kNone, avgFractionalCadence = kNone, maxFractionalCadence = kNone;
    double avgSpeed = kNone, maxSpeed = kNone, calories = kNone, ascent = kNone, poolLength = kNone;

    // When it began: start_time, else its timestamp (the end, in the FIT profile) less the elapsed time.
    double begin() const;
};

struct SdkLength {
    double t = kNone, start = kNone, elapsed = kNone, timer = kNone, strokes = kNone;
    QString stroke, lengthType;

    double begin() const;
};

struct SdkDevField {
    QString name;
    double nativeMesg = kNone, nativeField = kNone;
};

struct SdkDump {
    QString sdkVersion;
    bool integrity = false;
    QStringList errors;
    std::vector<SdkRecord> records;
    std::vector<SdkSummary> laps, sessions;
    std::vector<SdkLength> lengths;
    int hrMessages = 0;
    std::vector<SdkDevField> devFields;
};

// Why the SDK cannot run in this build (node missing, `npm ci` failed: the fixture's reason), or nullopt.
std::optional<QString> sdkUnavailable();

// True under CI, where an SDK that cannot run is a failure rather than a skip.
bool sdkRequired();

// Runs node on fitsdk_dump.mjs for one file. On failure, `error` says what went wrong (node's stderr).
std::optional<SdkDump> runSdk(const QString& fitPath, QString& error);

} // namespace tricoach::oracle
