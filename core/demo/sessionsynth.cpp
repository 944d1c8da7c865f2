#include "core/demo/sessionsynth.h"

#include "core/demo/demotrack.h"

#include <algorithm>
#include <cmath>

namespace tricoach::demo {

namespace {

constexpr double kGravity = 9.81;
constexpr double kAirDensity = 1.2; // kg/m³
constexpr double kRollingResistance = 0.0045;
constexpr double kBikeMassKg = 9;
constexpr double kDrivetrainEfficiency = 0.976;
constexpr double kMaxDescentSpeed = 16.5; // m/s (~60 km/h): riders brake above it
constexpr double kPoolLengthM = 25;
// Routes head out north-east to south-west of home: the lake lies to the south-east of Zürich.
constexpr double kLandHeadingMin = 45 * kPi / 180;
constexpr double kLandHeadingMax = 225 * kPi / 180;

// The channels being recorded, one vector each, moved into Streams at the end. A channel is either pushed at every
// sample or never, so every stored channel has the length of `time`.
struct Tracks {
    std::vector<double> time, heartRate, power, cadence, speed, distance, altitude, latitude, longitude;

    void reserve(double seconds)
    {
        const auto n = static_cast<std::size_t>(std::max(0.0, seconds)) + 64;
        for (auto* v : {&time, &heartRate, &power, &cadence, &speed, &distance, &altitude, &latitude, &longitude})
            v->reserve(n);
    }
    Streams take()
    {
        Streams s;
        const auto put = [&](Channel c, std::vector<double>& v) {
            if (!v.empty() && v.size() == time.size())
                s.channels.emplace(c, std::move(v));
        };
        put(Channel::HeartRate, heartRate);
        put(Channel::Power, power);
        put(Channel::Cadence, cadence);
        put(Channel::Speed, speed);
        put(Channel::Distance, distance);
        put(Channel::Altitude, altitude);
        put(Channel::Latitude, latitude);
        put(Channel::Longitude, longitude);
        s.time = std::move(time);
        return s;
    }
    void position(Loop& loop, double dist)
    {
        double lat = 0;
        double lon = 0;
        loop.position(dist, lat, lon);
        latitude.push_back(lat);
        longitude.push_back(lon);
    }
};

double restingOf(const Thresholds& t)
{
    return t.restingHr.value_or(48);
}

double maxHrOf(const Thresholds& t)
{
    return t.maxHr.value_or(188);
}

// Power for one second of a segment: steady riding pushes the climbs and eases off downhill, intervals hold the
// number; slow wander and sensor noise on top.
struct PowerModel {
    double wander = 0;
    int coast = 0;
    int surge = 0;
    double surgeWatts = 0;

    double next(const Segment& seg, double target, double grade, double ftp, bool race, DemoRandom& rng)
    {
        double p = seg.work ? target * (1 + 1.0 * grade) : target * std::clamp(1 + 5 * grade, 0.4, 1.5);
        wander = 0.97 * wander + rng.normal(0, 0.012);
        p *= 1 + wander + rng.normal(0, 0.05);
        if (surge > 0) {
            --surge;
            p = std::max(p, surgeWatts);
        } else if (!seg.work && rng.chance(1.0 / 1500)) {
            surge = rng.between(5, 15); // a short kick over a crest or out of a corner
            surgeWatts = ftp * rng.uniform(1.3, 1.9);
        }
        if (coast > 0) {
            --coast;
            p = 0;
        } else if (!seg.work) {
            if (grade < -0.025 && rng.chance(race ? 0.02 : 0.05))
                coast = rng.between(5, 20); // freewheeling downhill
            else if (!race && rng.chance(1.0 / 500))
                coast = rng.between(2, 8); // corners and junctions
        }
        return std::clamp(std::round(p), 0.0, 1500.0);
    }
};

} // namespace

Activity recordRide(const Workout& workout, const SessionSetup& setup, DemoRandom& rng)
{
    const Thresholds& th = setup.thresholds;
    const double ftp = th.ftpWatts.value_or(240);
    const double lthr = th.lthrBike.value_or(160);
    const double rest = restingOf(th);
    const double mass = th.weightKg.value_or(70) + kBikeMassKg;
    // CdA: on the aero bars when racing, on the hoods (and in some wind) in training.
    const double dragFactor = 0.5 * kAirDensity * (setup.race ? 0.28 : 0.38);
    const double planned = workout.plannedSeconds();
    // A training loop is about as long as the ride; a race course is ridden twice.
    const double loopM = workout.stopAtM > 0 ? workout.stopAtM / 2 : std::max(5000.0, planned * 8.0);
    Loop loop(setup.homeLat, setup.homeLon, loopM, kLandHeadingMin, kLandHeadingMax, rng);
    const Terrain terrain(430, loop.length(), {28, 8, 1.5}, {10000, 3000, 800}, rng);
    HeartModel heart(setup.startHr.value_or(restingOf(th) + 22), restingOf(th), maxHrOf(th));
    // A coffee stop half-way through long training rides: the device pauses, the clock does not.
    double stopAt = !setup.race && planned > 8100 ? planned * rng.uniform(0.45, 0.6) : -1;

    Tracks tr;
    tr.reserve(workout.stopAtM > 0 ? workout.stopAtM / 8 : planned);
    std::vector<std::size_t> lapStarts{0};
    PowerModel powerModel;
    double clock = 0;
    double v = 0;
    double dist = 0;
    double effort = 0.3; // power as a fraction of FTP, smoothed the way the body integrates it
    for (const Segment& seg : workout.segments) {
        if (workout.lapPerSegment && tr.time.size() > lapStarts.back())
            lapStarts.push_back(tr.time.size());
        const double target = ftp * (seg.intensity + (seg.work ? rng.uniform(-0.02, 0.02) : 0));
        for (double s = 0; s < seg.seconds; ++s) {
            if (workout.stopAtM > 0 && dist >= workout.stopAtM)
                break;
            if (stopAt > 0 && clock >= stopAt) {
                const double pause = rng.uniform(480, 900);
                clock += pause;
                heart.pause(pause);
                v = 0;
                stopAt = -1;
            }
            if (!workout.lapPerSegment && !tr.time.empty() && tr.time.size() % 600 == 0)
                lapStarts.push_back(tr.time.size()); // automatic lap every 10 minutes
            const double grade = terrain.grade(dist);
            const double p = powerModel.next(seg, target, grade, ftp, setup.race, rng);
            // Newton on the rider: drive force minus air drag, rolling resistance and gravity, one-second steps.
            const double drive = p * kDrivetrainEfficiency / std::max(v, 2.0);
            const double resist = dragFactor * v * v + kRollingResistance * mass * kGravity + mass * kGravity * grade;
            v = std::clamp(v + (drive - resist) / (mass + 1.5), 0.0, kMaxDescentSpeed);
            dist += v;
            effort += (p / ftp - effort) / 20;
            const double cadence = p <= 0 ? 0.0
                                          : std::clamp(std::round(87 + 8 * (seg.intensity - 0.7) -
                                                                  90 * std::max(grade, 0.0) + rng.normal(0, 2)),
                                                       62.0, 118.0);
            tr.time.push_back(clock);
            tr.power.push_back(p);
            tr.heartRate.push_back(heart.step(rest + (lthr - rest) * (0.2 + 0.8 * effort), clock, rng));
            tr.cadence.push_back(cadence);
            tr.speed.push_back(quantize(v, 1000));
            tr.distance.push_back(quantize(dist, 100));
            tr.altitude.push_back(quantize(terrain.altitude(dist), 10));
            tr.position(loop, dist);
            ++clock;
        }
    }
    Activity a;
    a.sport = Sport::Bike;
    a.streams = tr.take();
    a.laps = lapsAt(a.streams, lapStarts, 1.0);
    summarize(a, 1.0);
    // Mechanical kJ ≈ kcal burned: ~24 % gross efficiency cancels the 4.184 kJ per kcal.
    if (a.avgPower)
        a.calories = std::round(*a.avgPower * static_cast<double>(a.streams.size()) / 1000);
    return a;
}

Activity recordRun(const Workout& workout, const SessionSetup& setup, DemoRandom& rng)
{
    const Thresholds& th = setup.thresholds;
    const double threshold = th.runThresholdSpeed.value_or(3.85);
    const double lthr = th.lthrRun.value_or(168);
    const double rest = restingOf(th);
    const double planned = workout.plannedSeconds();
    // A race run is three laps of its course.
    const double loopM = workout.stopAtM > 0 ? workout.stopAtM / 3 : std::max(2000.0, planned * threshold * 0.8);
    Loop loop(setup.homeLat, setup.homeLon, loopM, kLandHeadingMin, kLandHeadingMax, rng);
    const Terrain terrain(420, loop.length(), {12, 3, 0.5}, {4000, 1000, 300}, rng);
    HeartModel heart(setup.startHr.value_or(restingOf(th) + 15), restingOf(th), maxHrOf(th));

    Tracks tr;
    tr.reserve(workout.stopAtM > 0 ? workout.stopAtM / 3 : planned);
    std::vector<std::size_t> lapStarts{0};
    double clock = 0;
    double v = 0;
    double dist = 0;
    double wander = 0;
    double effort = 0.4; // flat-equivalent speed as a fraction of threshold, smoothed
    int stopped = 0;
    double nextAutoLap = 1000;
    const double flatCost = runningCost(0);
    for (const Segment& seg : workout.segments) {
        if (workout.lapPerSegment && tr.time.size() > lapStarts.back())
            lapStarts.push_back(tr.time.size());
        const double flatTarget = threshold * (seg.intensity + (seg.work ? rng.uniform(-0.02, 0.02) : 0));
        for (double s = 0; s < seg.seconds; ++s) {
            if (workout.stopAtM > 0 && dist >= workout.stopAtM)
                break;
            if (!workout.lapPerSegment && dist >= nextAutoLap) {
                lapStarts.push_back(tr.time.size()); // automatic lap every kilometre
                nextAutoLap += 1000;
            }
            const double grade = terrain.grade(dist);
            // Effort is held, not pace: the speed whose energy cost on this grade equals the flat target's.
            double target = std::min(flatTarget * flatCost / runningCost(grade), flatTarget * 1.12);
            wander = 0.98 * wander + rng.normal(0, 0.006);
            target *= 1 + wander;
            if (stopped > 0) {
                --stopped;
                target = 0;
            } else if (!setup.race && rng.chance(1.0 / 1800)) {
                stopped = rng.between(8, 25); // a red light
            }
            v = target > 0 ? std::max(0.0, v + (target - v) * 0.3 + rng.normal(0, 0.04)) : v * 0.4;
            if (v < 0.3)
                v = target > 0 ? v : 0.0;
            dist += v;
            effort += (v * runningCost(grade) / flatCost / threshold - effort) / 15;
            const double cadence =
                v < 0.5 ? 0.0 : std::clamp(std::round(150 + 24 * v / threshold + rng.normal(0, 1.5)), 155.0, 192.0);
            tr.time.push_back(clock);
            tr.heartRate.push_back(heart.step(rest + (lthr - rest) * effort, clock, rng));
            tr.cadence.push_back(cadence);
            tr.speed.push_back(quantize(v, 1000));
            tr.distance.push_back(quantize(dist, 100));
            tr.altitude.push_back(quantize(terrain.altitude(dist), 10));
            tr.position(loop, dist);
            ++clock;
        }
    }
    Activity a;
    a.sport = Sport::Run;
    a.streams = tr.take();
    a.laps = lapsAt(a.streams, lapStarts, 0.5);
    summarize(a, 0.5);
    // Running costs about 1 kcal per kilogram and kilometre.
    a.calories = std::round(th.weightKg.value_or(70) * a.distanceM.value_or(0) / 1000);
    return a;
}

Activity recordPoolSwim(const Workout& workout, const SessionSetup& setup, DemoRandom& rng)
{
    const Thresholds& th = setup.thresholds;
    const double css = th.cssSpeed.value_or(0.95);
    // Swimming heart rates run lower than on land (horizontal, cool water).
    const double lthr = th.lthrSwim.value_or(th.lthrRun.value_or(168) - 15);
    Activity a;
    a.sport = Sport::Swim;
    a.poolLengthM = kPoolLengthM;

    // The lengths first (a pool device records them, the 1 Hz streams follow from them).
    std::vector<double> lengthIntensity;
    double t = 0;
    for (const SwimRep& rep : workout.reps) {
        Lap lap;
        lap.startOffsetSec = t;
        const bool drill = rep.stroke == QLatin1String("drill");
        for (int l = 0; l < rep.lengths; ++l) {
            const double duration =
                std::round(kPoolLengthM / (css * rep.intensity) * (1 + rng.normal(0, 0.025)) * 10) / 10;
            PoolLength len{t, duration, true, std::nullopt, rep.stroke};
            if (!drill)
                len.strokes = rng.between(14, 17);
            a.lengths.push_back(len);
            lengthIntensity.push_back(rep.intensity);
            t += duration;
        }
        lap.elapsedSec = lap.movingSec = t - lap.startOffsetSec;
        lap.distanceM = rep.lengths * kPoolLengthM;
        lap.avgSpeed = *lap.distanceM / lap.movingSec;
        a.laps.push_back(lap);
        if (rep.restAfterSec > 0) {
            const double rest = std::round(rep.restAfterSec + rng.uniform(-2, 4));
            a.lengths.push_back(PoolLength{t, rest, false, std::nullopt, QString()});
            lengthIntensity.push_back(0);
            t += rest;
        }
    }

    Tracks tr;
    tr.reserve(t);
    HeartModel heart(setup.startHr.value_or(restingOf(th) + 20), restingOf(th), maxHrOf(th));
    std::size_t next = 0; // the first length not finished yet
    double done = 0;
    // One sample past the end, so that the distance shows the last length too.
    for (double clock = 0; clock <= std::ceil(t); ++clock) {
        while (next < a.lengths.size() && a.lengths[next].startOffsetSec + a.lengths[next].durationSec <= clock) {
            done += a.lengths[next].active ? kPoolLengthM : 0;
            ++next;
        }
        const bool swimming = next < a.lengths.size() && a.lengths[next].active;
        const double intensity = swimming ? lengthIntensity[next] : 0.0;
        const double steady = swimming ? 85 + (lthr - 85) * intensity : restingOf(th) + 35;
        tr.time.push_back(clock);
        tr.heartRate.push_back(heart.step(steady, clock, rng));
        tr.speed.push_back(swimming ? quantize(kPoolLengthM / a.lengths[next].durationSec, 1000) : 0.0);
        tr.distance.push_back(done); // the watch counts a length when it is finished
    }
    a.streams = tr.take();

    double active = 0;
    double distance = 0;
    double strokes = 0;
    double maxSpeed = 0;
    for (const PoolLength& len : a.lengths) {
        if (!len.active)
            continue;
        active += len.durationSec;
        distance += kPoolLengthM;
        strokes += len.strokes.value_or(0);
        maxSpeed = std::max(maxSpeed, kPoolLengthM / len.durationSec);
    }
    summarize(a, 0.3);
    a.elapsedSec = std::round(t);
    a.movingSec = std::round(active);
    a.distanceM = distance;
    a.avgSpeed = distance / active;
    a.maxSpeed = quantize(maxSpeed, 1000);
    a.avgCadence = std::round(strokes / (active / 60)); // strokes per minute
    a.maxCadence.reset();
    for (Lap& lap : a.laps) {
        const Lap fromStreams =
            lapOf(a.streams, static_cast<std::size_t>(lap.startOffsetSec),
                  std::min(a.streams.size(), static_cast<std::size_t>(lap.startOffsetSec + lap.elapsedSec + 1)), 0.3);
        lap.avgHr = fromStreams.avgHr;
        lap.maxHr = fromStreams.maxHr;
    }
    // About 9 kcal a minute of swimming for a 70 kg athlete.
    a.calories = std::round(active / 60 * 9);
    return a;
}

Activity recordOpenWaterSwim(double distanceM, double intensity, const SessionSetup& setup, DemoRandom& rng)
{
    const Thresholds& th = setup.thresholds;
    const double css = th.cssSpeed.value_or(0.95);
    const double lthr = th.lthrSwim.value_or(th.lthrRun.value_or(168) - 15);
    // A rectangle-ish course in the lake, out from the shore and back.
    Loop loop(setup.homeLat, setup.homeLon, distanceM, -120 * kPi / 180, -60 * kPi / 180, rng);
    HeartModel heart(setup.startHr.value_or(restingOf(th) + 40), restingOf(th), maxHrOf(th));
    Tracks tr;
    tr.reserve(distanceM / (css * intensity));
    double dist = 0;
    double wander = 0;
    for (double clock = 0; dist < distanceM; ++clock) {
        wander = 0.95 * wander + rng.normal(0, 0.02); // sighting, drafting, the crowd at the buoys
        const double v = css * intensity * (1 + wander);
        dist = std::min(distanceM, dist + v);
        tr.time.push_back(clock);
        tr.heartRate.push_back(heart.step(90 + (lthr - 90) * intensity * 1.05, clock, rng));
        tr.speed.push_back(quantize(v, 1000));
        tr.distance.push_back(quantize(dist, 100));
        tr.position(loop, dist);
    }
    Activity a;
    a.sport = Sport::Swim;
    a.subSport = QStringLiteral("OpenWaterSwim");
    a.streams = tr.take();
    a.laps = lapsAt(a.streams, {0}, 0.3);
    summarize(a, 0.3);
    a.calories = std::round(a.movingSec / 60 * 10);
    return a;
}

Activity recordTransition(double seconds, double speed, const SessionSetup& setup, DemoRandom& rng)
{
    const Thresholds& th = setup.thresholds;
    HeartModel heart(setup.startHr.value_or(restingOf(th) + 80), restingOf(th), maxHrOf(th));
    Tracks tr;
    tr.reserve(seconds);
    // Jog to the rack, stand to change (wetsuit off, helmet on or shoes swapped), jog out.
    const double standFrom = seconds * rng.uniform(0.35, 0.45);
    const double standTo = standFrom + seconds * rng.uniform(0.25, 0.35);
    double dist = 0;
    for (double clock = 0; clock < std::round(seconds); ++clock) {
        const bool standing = clock >= standFrom && clock < standTo;
        const double v = standing ? 0.0 : std::max(0.0, speed + rng.normal(0, 0.15));
        dist += v;
        tr.time.push_back(clock);
        tr.heartRate.push_back(heart.step(standing ? 135 : 150, clock, rng));
        tr.speed.push_back(quantize(v, 1000));
        tr.distance.push_back(quantize(dist, 100));
    }
    Activity a;
    a.sport = Sport::Transition;
    a.streams = tr.take();
    summarize(a, 0.5);
    a.calories = std::round(seconds / 60 * 12);
    return a;
}

} // namespace tricoach::demo
