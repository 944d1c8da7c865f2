#pragma once
// Training zones from the athlete's thresholds, and the time a recording spent in each.

#include "core/metrics/settings.h"
#include "core/model/athlete.h"
#include "core/model/sport.h"
#include "core/model/streams.h"

#include <QString>

#include <optional>
#include <vector>

namespace tricoach {

// One zone in the channel's own unit (watts, bpm, m/s); `high` is exclusive, the last zone's is infinite.
struct Zone {
    QString name;  // "Z1".."Z7", "Z5a".. — stable ids, shown as they are
    QString label; // what the zone is for, in English ("Endurance", "Threshold", ...)
    double low = 0;
    double high = 0;
    bool operator==(const Zone&) const = default;
};

enum class ZoneKind { Power, HeartRate, Pace };

// The published edges (lower edges of zones 2–7, fractions of the threshold) of a kind of zone for a sport.
std::vector<double> defaultZoneBounds(ZoneKind kind, Sport sport);
// The edges in force: the athlete's own when set (ZoneSettings), else the published ones.
std::vector<double> zoneBounds(ZoneKind kind, Sport sport, const ZoneSettings& custom);

// Power levels 1–7 as % of FTP (Coggan & Allen, "Training and Racing with a Power Meter").
std::vector<Zone> powerZones(double ftpWatts, const std::vector<double>& bounds = {});
// Heart-rate zones as % of lactate-threshold HR (Friel, "The Triathlete's Training Bible": separate bike and run
// tables; swim and other sports use the run table).
std::vector<Zone> heartRateZones(double lthr, Sport sport, const std::vector<double>& bounds = {});
// Pace zones as % of threshold speed (run) or CSS (swim), after Friel's pace tables; speeds, faster = higher.
std::vector<Zone> paceZones(double thresholdSpeed, const std::vector<double>& bounds = {});

// The zones of one kind for a sport under `thresholds` (with the athlete's own edges when set), or nothing when
// the threshold behind them is unknown.
std::optional<std::vector<Zone>> zonesFor(ZoneKind kind, Sport sport, const Thresholds& thresholds,
                                          const ZoneSettings& custom = {});

// Seconds spent in each zone: each sample counts for the time to the next one (gaps over 30 s — a pause — count
// 1 s); missing samples count nowhere.
std::vector<double> timeInZones(const Streams& streams, Channel channel, const std::vector<Zone>& zones);

} // namespace tricoach
