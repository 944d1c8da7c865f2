#pragma once

#include "core/model/sport.h"
#include "core/model/streams.h"

#include <QDate>
#include <QDateTime>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace tricoach {

using ActivityId = std::int64_t;
using AthleteId = std::int64_t;

// Where an activity came from. Strava data may only be shown to its owner and never feed AI models,
// so the source travels with every activity.
enum class ActivitySource { Manual, File, Strava };
QString sourceId(ActivitySource source);
std::optional<ActivitySource> sourceFromString(QStringView text);

struct Activity;
// Whether an activity may leave this machine (for the sync server, the social feed) or feed an AI model: only
// first-party data (files, manual entries). Strava's API agreement lets Strava data be shown only to its owner and
// forbids its use in AI models; one rule, here, for every door that sends data out.
bool mayLeaveThisMachine(const Activity& activity);

// Which input a stress score was computed from; a user-entered value always wins.
enum class LoadSource { User, Power, Pace, HeartRate, Rpe, Estimate, None };
QString loadSourceId(LoadSource source);
std::optional<LoadSource> loadSourceFromString(QStringView text);

// A lap (device lap or manual split); offsets are seconds since the activity start.
struct Lap {
    double startOffsetSec = 0;
    double elapsedSec = 0;
    double movingSec = 0;
    std::optional<double> distanceM;
    std::optional<double> avgHr, maxHr, avgPower, maxPower, avgCadence, avgSpeed;
    bool operator==(const Lap&) const = default;
};

// One pool length; idle lengths are rest at the wall and excluded from swim intensity.
struct PoolLength {
    double startOffsetSec = 0;
    double durationSec = 0;
    bool active = true;
    std::optional<int> strokes;
    QString strokeType; // freestyle, backstroke, breaststroke, butterfly, drill, mixed; empty if unknown
    bool operator==(const PoolLength&) const = default;
};

// One training session as the athlete sees it; summary values are optional because devices differ.
struct Activity {
    ActivityId id = 0; // 0 until stored
    AthleteId athleteId = 0;
    Sport sport = Sport::Other;
    QString subSport; // VirtualRide, TrailRun, OpenWaterSwim, ...; empty when generic
    QString title;
    QString notes;

    QDateTime startUtc;   // always UTC
    int utcOffsetSec = 0; // local time = startUtc + offset; decides the calendar day
    double movingSec = 0;
    double elapsedSec = 0;
    std::optional<double> distanceM;
    std::optional<double> elevationGainM;
    std::optional<double> avgHr, maxHr;
    std::optional<double> avgPower, maxPower;
    std::optional<double> avgCadence, maxCadence;
    std::optional<double> avgSpeed, maxSpeed; // m/s
    std::optional<double> calories;           // kcal
    std::optional<int> rpe;                   // 1..10
    std::optional<double> poolLengthM;

    ActivitySource source = ActivitySource::Manual;
    std::optional<std::int64_t> externalId; // Strava ids exceed 2^32
    QString contentHash;                    // of the imported file, for deduplication; empty for manual entries

    std::optional<double> userLoad; // a load the athlete typed in; wins over every computed value

    // Legs of one multisport event (a triathlon) share a key and are numbered in race order; transitions are
    // legs of sport Transition. Empty key / -1 for ordinary activities.
    QString multisportKey;
    int multisportLeg = -1;

    // Derived, filled by the store from core/metrics; not inputs.
    double load = 0;
    LoadSource loadSource = LoadSource::None;
    std::optional<double> intensity; // the intensity factor behind `load`, when one applies
    QString loadNote;                // why `loadSource` was chosen when an earlier one was passed over; else empty

    Streams streams;
    std::vector<Lap> laps;
    std::vector<PoolLength> lengths;

    // The athlete's calendar day of this activity (local start date).
    QDate localDate() const { return startUtc.addSecs(utcOffsetSec).date(); }
    double durationSec() const { return movingSec > 0 ? movingSec : elapsedSec; }
};

} // namespace tricoach
