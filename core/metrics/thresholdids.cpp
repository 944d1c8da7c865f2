// The stable ids of the estimated thresholds and their methods, and how an estimate is rounded for entry.
#include "core/metrics/thresholdestimate.h"

#include <cmath>

namespace tricoach {

QString thresholdFieldId(ThresholdField field)
{
    switch (field) {
    case ThresholdField::Ftp:
        return QStringLiteral("ftp");
    case ThresholdField::RunPower:
        return QStringLiteral("run_power");
    case ThresholdField::RunPace:
        return QStringLiteral("threshold_pace");
    case ThresholdField::LthrBike:
        return QStringLiteral("lthr_bike");
    case ThresholdField::LthrRun:
        return QStringLiteral("lthr_run");
    case ThresholdField::MaxHr:
        return QStringLiteral("max_hr");
    case ThresholdField::Css:
        return QStringLiteral("css");
    }
    return {};
}

std::optional<ThresholdField> thresholdFieldFromId(QStringView id)
{
    for (ThresholdField f : kEstimatedFields) {
        if (id == thresholdFieldId(f))
            return f;
    }
    return std::nullopt;
}

std::optional<double> Thresholds::*thresholdMember(ThresholdField field)
{
    switch (field) {
    case ThresholdField::Ftp:
        return &Thresholds::ftpWatts;
    case ThresholdField::RunPower:
        return &Thresholds::runPowerWatts;
    case ThresholdField::RunPace:
        return &Thresholds::runThresholdSpeed;
    case ThresholdField::LthrBike:
        return &Thresholds::lthrBike;
    case ThresholdField::LthrRun:
        return &Thresholds::lthrRun;
    case ThresholdField::MaxHr:
        return &Thresholds::maxHr;
    case ThresholdField::Css:
        return &Thresholds::cssSpeed;
    }
    return &Thresholds::ftpWatts;
}

QString estimateMethodId(EstimateMethod method)
{
    switch (method) {
    case EstimateMethod::Best20MinPower:
        return QStringLiteral("best-20min-power");
    case EstimateMethod::CriticalPower:
        return QStringLiteral("critical-power");
    case EstimateMethod::CriticalSpeed:
        return QStringLiteral("critical-speed");
    case EstimateMethod::RiegelHour:
        return QStringLiteral("riegel-hour");
    case EstimateMethod::Best20MinHr:
        return QStringLiteral("best-20min-hr");
    case EstimateMethod::HighestHeldHr:
        return QStringLiteral("highest-held-hr");
    case EstimateMethod::CriticalSwimSpeed:
        return QStringLiteral("css-400-200");
    }
    return {};
}

QString missingReasonId(MissingReason reason)
{
    switch (reason) {
    case MissingReason::NoActivities:
        return QStringLiteral("no-activities");
    case MissingReason::NoRecording:
        return QStringLiteral("no-recording");
    case MissingReason::TooShort:
        return QStringLiteral("too-short");
    case MissingReason::NotHard:
        return QStringLiteral("not-hard");
    case MissingReason::Implausible:
        return QStringLiteral("implausible");
    }
    return {};
}

double roundedThreshold(ThresholdField field, double value)
{
    if (!std::isfinite(value) || value <= 0)
        return value;
    switch (field) {
    case ThresholdField::RunPace:
        return 1000.0 / std::round(1000.0 / value);
    case ThresholdField::Css:
        return 100.0 / std::round(100.0 / value);
    default:
        return std::round(value);
    }
}

} // namespace tricoach
