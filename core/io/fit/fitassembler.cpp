#include "core/io/fit/fitassembler.h"

#include "core/util/datetime.h"

#include <algorithm>
#include <limits>

namespace tricoach::fit {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Stored heart rate fills a record from the beats of the seconds before it, never from further back than
// this.
constexpr double kHrFillWindowSec = 5;
// Local offsets beyond ±18 h do not exist (UTC-12..+14, with margin); such a value is a device clock fault.
constexpr std::int64_t kMaxUtcOffsetSec = 18 * 3600;
constexpr std::uint8_t kFileTypeActivity = 4; // FIT SDK Profile, type file
// A record this far outside its session carries a damaged timestamp (seen before a file's point of damage).
constexpr double kImplausibleTimeSec = 24 * 3600;

// The time span one activity covers, and what belongs to it.
struct Frame {
    double start = 0; // FIT seconds
    double end = kInfinity;
    bool timeKnown = true;
    const SummaryInfo* session = nullptr;
    std::vector<std::size_t> rows;
    std::vector<const SummaryInfo*> laps;
    std::vector<const LengthInfo*> lengths;
};

std::optional<double> finite(double v)
{
    return std::isnan(v) ? std::nullopt : std::optional<double>(v);
}

// FIT seconds as a UTC date-time; invalid for a value no uint32 timestamp (minus a duration) can produce.
QDateTime toUtc(double fitSeconds)
{
    constexpr double kLimit = 1e12; // ~31,700 years: far beyond any FIT time, far inside qint64 milliseconds
    if (!std::isfinite(fitSeconds) || std::abs(fitSeconds) > kLimit)
        return {};
    return utcFromMSecs(static_cast<qint64>(std::llround((kFitEpochOffset + fitSeconds) * 1000.0)));
}

// The frame whose span holds `t`; where spans touch (a leg ends as the next starts) the later one. Outside
// every span: the nearest frame before `t`, or the first.
std::size_t frameFor(const std::vector<Frame>& frames, double t)
{
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < frames.size(); ++i) {
        if (t >= frames[i].start && t <= frames[i].end && (!best || frames[i].start > frames[*best].start))
            best = i;
    }
    if (best)
        return *best;
    std::size_t before = 0;
    for (std::size_t i = 0; i < frames.size(); ++i) {
        if (frames[i].start <= t)
            before = i;
    }
    return before;
}

struct Stats {
    std::optional<double> mean, max;
};

Stats statsOf(const std::vector<double>* v)
{
    Stats s;
    if (!v)
        return s;
    double sum = 0, mx = -kInfinity;
    std::size_t n = 0;
    for (const double x : *v) {
        if (std::isnan(x))
            continue;
        sum += x;
        mx = std::max(mx, x);
        ++n;
    }
    if (n > 0) {
        s.mean = sum / static_cast<double>(n);
        s.max = mx;
    }
    return s;
}

// Gathers one column's values for the frame's rows; empty when the frame has none of them. With a single
// frame the column is moved, not copied: record values go from the decoder into the activity without a second
// copy.
std::vector<double> gather(std::vector<double>& column, const Frame& frame, bool allRows)
{
    if (column.empty())
        return {};
    std::vector<double> out;
    if (allRows) {
        out = std::move(column);
        column.clear();
    } else {
        out.reserve(frame.rows.size());
        for (const std::size_t r : frame.rows)
            out.push_back(column[r]);
    }
    if (std::all_of(out.begin(), out.end(), [](double x) { return std::isnan(x); }))
        return {};
    return out;
}

// Fills heart-rate gaps of records from stored-HR beats: the mean of the beats since the previous record.
void fillHeartRate(std::vector<double>& hr, const std::vector<double>& absTime, const std::vector<HrSample>& beats)
{
    if (beats.empty())
        return;
    const bool created = hr.empty();
    if (created)
        hr.assign(absTime.size(), kNaN);
    bool filled = false;
    double previous = -kInfinity;
    for (std::size_t i = 0; i < absTime.size(); ++i) {
        const double t = absTime[i];
        if (std::isnan(t))
            continue;
        const double from = std::max(previous, t - kHrFillWindowSec);
        previous = t;
        if (!std::isnan(hr[i]))
            continue;
        auto it =
            std::upper_bound(beats.begin(), beats.end(), from, [](double v, const HrSample& s) { return v < s.time; });
        double sum = 0;
        int n = 0;
        for (; it != beats.end() && it->time <= t; ++it) {
            sum += it->bpm;
            ++n;
        }
        if (n == 0) {
            // No beat since the previous record: the last one within the window still describes this second.
            auto last =
                std::upper_bound(beats.begin(), beats.end(), t, [](double v, const HrSample& s) { return v < s.time; });
            if (last != beats.begin() && std::prev(last)->time > t - kHrFillWindowSec) {
                sum = std::prev(last)->bpm;
                n = 1;
            }
        }
        if (n > 0) {
            hr[i] = std::round(sum / n);
            filled = true;
        }
    }
    if (created && !filled)
        hr.clear();
}

// Seconds the timer ran between `from` and `to`, from timer start/stop events; nullopt without events.
std::optional<double> timerSeconds(const std::vector<TimerEvent>& events, double from, double to)
{
    if (events.empty())
        return std::nullopt;
    double total = 0;
    std::optional<double> runningSince;
    for (const TimerEvent& e : events) {
        const double t = std::clamp(static_cast<double>(e.time), from, to);
        if (e.running && !runningSince) {
            runningSince = t;
        } else if (!e.running && runningSince) {
            total += t - *runningSince;
            runningSince.reset();
        }
    }
    if (runningSince)
        total += std::max(0.0, to - *runningSince);
    return total;
}

Lap toLap(const SummaryInfo& s, double activityStart)
{
    Lap lap;
    const auto start = s.start();
    lap.startOffsetSec = start ? *start - activityStart : 0;
    lap.elapsedSec = finite(s.elapsed).value_or(0);
    lap.movingSec = finite(s.timer).value_or(lap.elapsedSec);
    lap.distanceM = finite(s.distance);
    lap.avgHr = finite(s.avgHr);
    lap.maxHr = finite(s.maxHr);
    lap.avgPower = finite(s.avgPower);
    lap.maxPower = finite(s.maxPower);
    if (const auto c = finite(s.avgCadence))
        lap.avgCadence = *c + finite(s.avgFractionalCadence).value_or(0);
    lap.avgSpeed = finite(s.enhancedAvgSpeed) ? finite(s.enhancedAvgSpeed) : finite(s.avgSpeed);
    return lap;
}

PoolLength toPoolLength(const LengthInfo& l, double activityStart)
{
    PoolLength p;
    const double start = l.startTime ? *l.startTime : (l.timestamp ? *l.timestamp - finite(l.elapsed).value_or(0) : 0);
    p.startOffsetSec = start - activityStart;
    p.durationSec = finite(l.elapsed).value_or(finite(l.timer).value_or(0));
    p.active = l.lengthType != field::length::kIdle;
    if (p.active) {
        p.strokes = toInteger<int>(finite(l.strokes));
        if (l.stroke)
            p.strokeType = swimStrokeName(*l.stroke);
    }
    return p;
}

void buildActivity(Activity& a, Frame& frame, Collected& c, bool allRows, QStringList& warnings)
{
    a.source = ActivitySource::File;
    if (frame.timeKnown)
        a.startUtc = toUtc(frame.start);
    if (c.utcOffset && std::abs(*c.utcOffset) <= kMaxUtcOffsetSec)
        a.utcOffsetSec = static_cast<int>(*c.utcOffset);

    // ---- streams ----
    RecordTable& t = c.records;
    std::vector<double> absTime;
    if (allRows) {
        absTime = std::move(t.time);
    } else {
        absTime.reserve(frame.rows.size());
        for (const std::size_t r : frame.rows)
            absTime.push_back(t.time[r]);
    }
    if (frame.session) {
        int damaged = 0;
        for (double& x : absTime) {
            if (x < frame.start - kImplausibleTimeSec || x > frame.end + kImplausibleTimeSec) {
                x = kNaN;
                ++damaged;
            }
        }
        if (damaged > 0) {
            warnings << QStringLiteral("%1 records have timestamps more than a day outside their session (damaged "
                                       "data); their times were dropped.")
                            .arg(damaged);
        }
    }
    const auto take = [&](Column col) { return gather(t.column(col), frame, allRows); };
    const auto firstOf = [&](std::initializer_list<Column> cols) {
        for (const Column col : cols) {
            auto v = take(col);
            if (!v.empty())
                return v;
        }
        return std::vector<double>{};
    };
    auto& ch = a.streams.channels;
    const auto put = [&](Channel channel, std::vector<double> v) {
        if (!v.empty())
            ch[channel] = std::move(v);
    };
    put(Channel::Distance, take(Column::Distance));
    std::vector<double> hr = firstOf({Column::HeartRate, Column::DevHeartRate});
    fillHeartRate(hr, absTime, c.hr);
    put(Channel::HeartRate, std::move(hr));
    put(Channel::Power, firstOf({Column::Power, Column::DevPower}));
    put(Channel::Cadence, take(Column::Cadence));
    put(Channel::Speed, take(Column::Speed));
    put(Channel::Altitude, take(Column::Altitude));
    put(Channel::Latitude, take(Column::Latitude));
    put(Channel::Longitude, take(Column::Longitude));
    put(Channel::Temperature, firstOf({Column::Temperature, Column::CoreTemperature, Column::DevTemperature}));
    a.streams.time = std::move(absTime);
    for (double& x : a.streams.time)
        x -= frame.start;

    // ---- laps and lengths ----
    for (const SummaryInfo* lap : frame.laps)
        a.laps.push_back(toLap(*lap, frame.start));
    for (const LengthInfo* len : frame.lengths)
        a.lengths.push_back(toPoolLength(*len, frame.start));

    // ---- summary: the session's values, else what the records and laps say ----
    const Stats hrStats = statsOf(a.streams.get(Channel::HeartRate));
    const Stats powerStats = statsOf(a.streams.get(Channel::Power));
    const Stats cadenceStats = statsOf(a.streams.get(Channel::Cadence));
    const Stats speedStats = statsOf(a.streams.get(Channel::Speed));
    const Stats distanceStats = statsOf(a.streams.get(Channel::Distance));
    double recordSpan = 0;
    for (const double x : a.streams.time) {
        if (!std::isnan(x))
            recordSpan = std::max(recordSpan, x);
    }
    double lapsEnd = 0, lapsTimer = 0, lapsDistance = 0, lapsAscent = 0, lapsCalories = 0;
    bool lapsHaveTimer = false, lapsHaveDistance = false, lapsHaveAscent = false, lapsHaveCalories = false;
    for (const SummaryInfo* lap : frame.laps) {
        const auto start = lap->start();
        if (start && !std::isnan(lap->elapsed))
            lapsEnd = std::max(lapsEnd, *start + lap->elapsed - frame.start);
        const auto add = [](double v, double& sum, bool& has) {
            if (!std::isnan(v)) {
                sum += v;
                has = true;
            }
        };
        add(lap->timer, lapsTimer, lapsHaveTimer);
        add(lap->distance, lapsDistance, lapsHaveDistance);
        add(lap->ascent, lapsAscent, lapsHaveAscent);
        add(lap->calories, lapsCalories, lapsHaveCalories);
    }

    const SummaryInfo* s = frame.session;
    const auto pick = [&](double sessionValue, std::optional<double> fallback) {
        return s && !std::isnan(sessionValue) ? std::optional<double>(sessionValue) : fallback;
    };
    const auto when = [](bool has, double v) { return has ? std::optional<double>(v) : std::nullopt; };
    a.elapsedSec = pick(s ? s->elapsed : kNaN, std::max(recordSpan, lapsEnd)).value_or(0);
    const double end = frame.start + a.elapsedSec;
    std::optional<double> moving = when(lapsHaveTimer, lapsTimer);
    if (!moving)
        moving = timerSeconds(c.timerEvents, frame.start, end);
    a.movingSec = pick(s ? s->timer : kNaN, moving.value_or(a.elapsedSec)).value_or(0);
    std::optional<double> distance = distanceStats.max;
    if (lapsHaveDistance)
        distance = std::max(lapsDistance, distance.value_or(0)); // laps of an unfinished file may stop early
    a.distanceM = pick(s ? s->distance : kNaN, distance);
    a.elevationGainM = pick(s ? s->ascent : kNaN, when(lapsHaveAscent, lapsAscent));
    a.calories = pick(s ? s->calories : kNaN, when(lapsHaveCalories, lapsCalories));
    a.avgHr = pick(s ? s->avgHr : kNaN, hrStats.mean ? std::optional<double>(std::round(*hrStats.mean)) : std::nullopt);
    a.maxHr = pick(s ? s->maxHr : kNaN, hrStats.max);
    a.avgPower = pick(s ? s->avgPower : kNaN, powerStats.mean);
    a.maxPower = pick(s ? s->maxPower : kNaN, powerStats.max);
    if (s && !std::isnan(s->avgCadence))
        a.avgCadence = s->avgCadence + finite(s->avgFractionalCadence).value_or(0);
    else
        a.avgCadence = cadenceStats.mean;
    if (s && !std::isnan(s->maxCadence))
        a.maxCadence = s->maxCadence + finite(s->maxFractionalCadence).value_or(0);
    else
        a.maxCadence = cadenceStats.max;
    std::optional<double> avgSpeed;
    if (a.distanceM && a.movingSec > 0)
        avgSpeed = *a.distanceM / a.movingSec;
    a.avgSpeed = pick(s ? s->enhancedAvgSpeed : kNaN, pick(s ? s->avgSpeed : kNaN, avgSpeed));
    a.maxSpeed = pick(s ? s->enhancedMaxSpeed : kNaN, pick(s ? s->maxSpeed : kNaN, speedStats.max));
    a.poolLengthM = s ? finite(s->poolLength) : std::nullopt;

    // ---- sport ----
    std::optional<std::uint8_t> sport, subSport;
    if (s && s->sport) {
        sport = s->sport;
        subSport = s->subSport;
    } else if (c.sportMessageSport) {
        sport = c.sportMessageSport;
        subSport = c.sportMessageSubSport;
    } else if (!frame.laps.empty() && frame.laps.front()->sport) {
        sport = frame.laps.front()->sport;
        subSport = frame.laps.front()->subSport;
    }
    const SportMapping m = mapSport(sport, subSport);
    a.sport = m.sport;
    a.subSport = m.subSport;
}

std::vector<Frame> makeFrames(const Collected& c, QStringList& warnings)
{
    std::vector<Frame> frames;
    for (const SummaryInfo& s : c.sessions) {
        const auto start = s.start();
        if (!start) {
            warnings << QStringLiteral("A session without start time or timestamp was ignored.");
            continue;
        }
        Frame f;
        f.start = *start;
        f.session = &s;
        if (!std::isnan(s.elapsed))
            f.end = *start + s.elapsed;
        else if (s.timestamp)
            f.end = std::max<double>(*start, *s.timestamp);
        frames.push_back(std::move(f));
    }
    std::stable_sort(frames.begin(), frames.end(), [](const Frame& a, const Frame& b) { return a.start < b.start; });
    if (!frames.empty() || (c.records.time.empty() && c.laps.empty()))
        return frames;

    // No session (trimmed or unfinished file): one activity from the first record or lap on.
    double start = kInfinity;
    for (const double t : c.records.time) {
        if (!std::isnan(t))
            start = std::min(start, t);
    }
    for (const SummaryInfo& lap : c.laps) {
        if (const auto s = lap.start())
            start = std::min(start, *s);
    }
    Frame f;
    if (std::isinf(start)) {
        start = 0;
        f.timeKnown = false;
        warnings << QStringLiteral("The records carry no timestamps: their times are unknown.");
    }
    f.start = start;
    frames.push_back(std::move(f));
    return frames;
}

// Early pool-swim watches (FR910XT) write one record per length without a timestamp, just before its length
// message: such a record describes the end of that length.
void timeRecordsFromLengths(Collected& c, QStringList& warnings)
{
    auto& time = c.records.time;
    if (time.empty() || time.size() != c.lengths.size())
        return;
    if (!std::all_of(time.begin(), time.end(), [](double t) { return std::isnan(t); }))
        return;
    for (const LengthInfo& l : c.lengths) {
        if (!l.startTime || std::isnan(l.elapsed))
            return;
    }
    for (std::size_t i = 0; i < time.size(); ++i)
        time[i] = *c.lengths[i].startTime + c.lengths[i].elapsed;
    warnings << QStringLiteral("The records carry no timestamps; each was timed at the end of the pool length it "
                               "reports.");
}

} // namespace

DecodedFile assembleActivities(Collected& c, DecodeOutcome outcome)
{
    DecodedFile out;
    out.warnings = std::move(outcome.warnings);
    out.error = std::move(outcome.error);
    c.records.finish();
    std::sort(c.hr.begin(), c.hr.end(), [](const HrSample& a, const HrSample& b) { return a.time < b.time; });
    timeRecordsFromLengths(c, out.warnings);

    std::vector<Frame> frames = makeFrames(c, out.warnings);
    if (frames.empty()) {
        if (!out.error) {
            const bool activityFile = !c.fileType || *c.fileType == kFileTypeActivity;
            out.error = ReadError{QLatin1String(errc::kNoActivity),
                                  activityFile ? QStringLiteral("The FIT file holds no records, laps or sessions: "
                                                                "there is no activity to import.")
                                               : QStringLiteral("This FIT file is not an activity (FIT file type "
                                                                "%1, e.g. settings or a course).")
                                                     .arg(*c.fileType),
                                  -1, -1};
        }
        return out;
    }

    const bool single = frames.size() == 1;
    if (!single) {
        std::size_t current = 0;
        for (std::size_t r = 0; r < c.records.time.size(); ++r) {
            const double t = c.records.time[r];
            if (!std::isnan(t))
                current = frameFor(frames, t);
            frames[current].rows.push_back(r);
        }
    }
    for (const SummaryInfo& lap : c.laps) {
        const auto s = lap.start();
        frames[s ? frameFor(frames, *s) : 0].laps.push_back(&lap);
    }
    for (const LengthInfo& len : c.lengths) {
        const double s = len.startTime ? *len.startTime : (len.timestamp ? *len.timestamp : frames.front().start);
        frames[frameFor(frames, s)].lengths.push_back(&len);
    }
    for (Frame& f : frames) {
        const auto byStart = [](const auto* a, const auto* b) {
            return a->startTime.value_or(0) < b->startTime.value_or(0);
        };
        std::stable_sort(f.laps.begin(), f.laps.end(), byStart);
        std::stable_sort(f.lengths.begin(), f.lengths.end(), byStart);
    }

    out.activities.resize(frames.size());
    for (std::size_t i = 0; i < frames.size(); ++i)
        buildActivity(out.activities[i], frames[i], c, single, out.warnings);
    if (!single) {
        const QString key = QStringLiteral("fit:") + toUtc(frames.front().start).toString(Qt::ISODate);
        for (std::size_t i = 0; i < out.activities.size(); ++i) {
            out.activities[i].multisportKey = key;
            out.activities[i].multisportLeg = static_cast<int>(i);
        }
    }
    return out;
}

} // namespace tricoach::fit
