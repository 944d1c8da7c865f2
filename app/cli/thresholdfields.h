#pragma once
// How thresholds are typed in and shown on the command line: one row per threshold with its option, JSON key,
// label and unit; paces are entered and shown as MM:SS and stored as speeds.

#include "core/metrics/thresholdestimate.h"
#include "core/model/athlete.h"

#include <QJsonObject>
#include <QString>

#include <array>
#include <optional>

namespace tricoach::cli {

enum class Kind { Number, PacePerKm, PacePer100m };

struct Field {
    const char* option; // athlete set --option
    const char* key;    // JSON key
    const char* label;  // human label
    const char* unit;
    std::optional<double> Thresholds::*member;
    Kind kind;
};

inline constexpr std::array<Field, 10> kFields{{
    {"ftp", "ftp", "FTP", "W", &Thresholds::ftpWatts, Kind::Number},
    {"run-power", "run_power", "Run threshold power", "W", &Thresholds::runPowerWatts, Kind::Number},
    {"lthr-run", "lthr_run", "LTHR run", "bpm", &Thresholds::lthrRun, Kind::Number},
    {"lthr-bike", "lthr_bike", "LTHR bike", "bpm", &Thresholds::lthrBike, Kind::Number},
    {"lthr-swim", "lthr_swim", "LTHR swim", "bpm", &Thresholds::lthrSwim, Kind::Number},
    {"max-hr", "max_hr", "Max HR", "bpm", &Thresholds::maxHr, Kind::Number},
    {"rest-hr", "rest_hr", "Resting HR", "bpm", &Thresholds::restingHr, Kind::Number},
    {"threshold-pace", "threshold_pace_sec_per_km", "Threshold pace", "/km", &Thresholds::runThresholdSpeed,
     Kind::PacePerKm},
    {"css", "css_sec_per_100m", "CSS", "/100 m", &Thresholds::cssSpeed, Kind::PacePer100m},
    {"weight", "weight_kg", "Weight", "kg", &Thresholds::weightKg, Kind::Number},
}};

// The row of an estimated threshold.
const Field& fieldFor(ThresholdField field);
double metresPer(Kind kind);
// The value as the athlete thinks of it: seconds per km / per 100 m for paces, rounded to a microsecond so a pace
// typed as 1:45 reads back as 105, not 105.00000000000001 after the trip through a speed.
double displayValue(const Field& f, double stored);
// "250 W", "4:10 /km"; "-" when unknown.
QString displayText(const Field& f, const std::optional<double>& stored);
// The fields that are set (with `withNulls`, every field, null when unset), keyed by Field::key.
QJsonObject thresholdsJson(const Thresholds& t, bool withNulls);
// "FTP 250 W, Max HR 190 bpm" for the fields that are set.
QString thresholdsText(const Thresholds& t);

} // namespace tricoach::cli
