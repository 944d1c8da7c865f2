#include "core/io/fit/fitassembler.h"

#include "core/io/fit/fitframes.h"
#include "core/io/fit/fittime.h"

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
// A record this far outside its session carries a damaged timestamp (seen before a file's point of damage).
constexpr double kImplausibleTimeSec = 24 * 3600;
// Session totals and records disagree only beyond this: a minute, or 5% of the activity. A timer time may
// exceed the elapsed time by rounding, never by more than a few seconds.
constexpr double kTotalsSlackSec = 60;
constexpr double kTotalsSlackShare = 0.05;
constexpr double kClockSlackSec = 10;

std::optional<double> finite(double v)
{
    return std::isnan(v) ? std::nullopt : std::optional<double>(v);
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

// Stored heart rate (hr messages: the beats a chest strap such as the HRM-Swim/Tri/Pro kept while the watch
// could not hear it, in water) wins over the record's own heart rate, which in water comes from the wrist:
// each record with beats in the seconds before it gets their mean. Garmin's FIT SDK does the same when it
// merges heart rates (mergeHeartRates in utils-hr-mesg: the mean of the beats between the previous record and
// this one overwrites the record's heart_rate). Records without such beats keep their own value.
void mergeStoredHeartRate(std::vector<double>& hr, const std::vector<double>& absTime,
                          const std::vector<HrSample>& beats)
{
    if (beats.empty())
        return;
    const bool created = hr.empty();
    if (created)
        hr.assign(absTime.size(), kNaN);
    bool filled = false;
    double previous = -kInfinity;
    // Both ends of a record's beats only move forwards while record times do: one pass over the beats.
    const auto after = [&](std::size_t from, double t) {
        if (from > 0 && beats[from - 1].time > t)
            from = 0; // a record earlier than the one before: search again
        while (from < beats.size() && beats[from].time <= t)
            ++from;
        return from;
    };
    std::size_t lo = 0, hi = 0; // the first beat after `from`, after `t`
    for (std::size_t i = 0; i < absTime.size(); ++i) {
        const double t = absTime[i];
        if (std::isnan(t))
            continue;
        const double from = std::max(previous, t - kHrFillWindowSec);
        previous = t;
        if (t < beats.front().time || t - kHrFillWindowSec >= beats.back().time)
            continue; // the strap stored nothing then (it usually covers the swim only)
        lo = after(lo, from);
        hi = after(std::max(hi, lo), t);
        double sum = 0;
        for (std::size_t k = lo; k < hi; ++k)
            sum += beats[k].bpm;
        auto n = static_cast<double>(hi - lo);
        // No beat since the previous record: the last one within the window still describes this second.
        if (n == 0 && hi > 0 && beats[hi - 1].time > t - kHrFillWindowSec) {
            sum = beats[hi - 1].bpm;
            n = 1;
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

// Session totals the records contradict: an elapsed time shorter than the timer time, elapsed time far from
// where the records end, or a timer time far longer than they last. The records are the truth then: the
// elapsed time becomes their span, the timer time stays if it fits in it, else what the timer events say
// within it, else the span. Records cut short by damage prove nothing about the end (`recordsComplete`).
std::optional<QString> reconcileWithRecords(Activity& a, const SummaryInfo& s, double recordEnd,
                                            std::optional<double> timerInSpan, bool recordsComplete)
{
    const double slack = std::max(kTotalsSlackSec, kTotalsSlackShare * std::max(recordEnd, a.elapsedSec));
    const auto minutes = [](double sec) { return QStringLiteral("%1 min").arg(sec / 60.0, 0, 'f', 1); };
    QString why;
    if (!std::isnan(s.elapsed) && !std::isnan(s.timer) && s.timer > s.elapsed + kClockSlackSec)
        why = QStringLiteral("its elapsed time, %1, is shorter than its timer time, %2")
                  .arg(minutes(s.elapsed), minutes(s.timer));
    else if (!std::isnan(s.elapsed) && recordEnd > s.elapsed + slack)
        why = QStringLiteral("its records run %1 past its elapsed time of %2")
                  .arg(minutes(recordEnd - s.elapsed), minutes(s.elapsed));
    else if (!std::isnan(s.elapsed) && recordsComplete && recordEnd < s.elapsed - slack)
        why = QStringLiteral("its records end %1 before its elapsed time of %2")
                  .arg(minutes(s.elapsed - recordEnd), minutes(s.elapsed));
    else if (!std::isnan(s.timer) && recordsComplete && s.timer > recordEnd + slack)
        why = QStringLiteral("its timer time of %1 is %2 longer than its records last")
                  .arg(minutes(s.timer), minutes(s.timer - recordEnd));
    if (why.isEmpty())
        return std::nullopt;
    a.elapsedSec = recordEnd;
    if (!std::isnan(s.timer) && s.timer <= recordEnd + kClockSlackSec)
        a.movingSec = std::min(s.timer, recordEnd);
    else
        a.movingSec = std::min(timerInSpan.value_or(recordEnd), recordEnd);
    return QStringLiteral("The session's totals contradict its records (%1): its elapsed and moving times were "
                          "taken from the records instead (%2 elapsed, %3 moving).")
        .arg(why, minutes(a.elapsedSec), minutes(a.movingSec));
}

void buildActivity(Activity& a, Frame& frame, Collected& c, bool recordsComplete, QStringList& warnings)
{
    const bool allRows = frame.allRows;
    a.source = ActivitySource::File;
    a.startUtc = fitTimeToUtc(frame.start);
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
    mergeStoredHeartRate(hr, absTime, c.hr);
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
    int timedRecords = 0;
    for (const double x : a.streams.time) {
        if (!std::isnan(x)) {
            recordSpan = std::max(recordSpan, x);
            ++timedRecords;
        }
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
    if (s && timedRecords >= 2) {
        const auto timerInSpan = timerSeconds(c.timerEvents, frame.start, frame.start + recordSpan);
        if (const auto warning = reconcileWithRecords(a, *s, recordSpan, timerInSpan, recordsComplete))
            warnings << *warning;
    }

    const SportMapping m = mapSport(frame.sport, frame.subSport);
    a.sport = m.sport;
    a.subSport = m.subSport;
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

DecodedFile assembleActivities(Collected& c, DecodeOutcome outcome, const QDateTime& now)
{
    DecodedFile out;
    out.warnings = std::move(outcome.warnings);
    out.error = std::move(outcome.error);
    // A course, workout, settings or monitoring file holds no recording of a workout, even when it has
    // records (a course's track is records).
    if (const auto type = c.fileType(); type && *type != filetype::Activity) {
        if (out.error)
            out.warnings << out.error->message;
        out.error = ReadError{QLatin1String(errc::kNotActivity),
                              QStringLiteral("This is %1, not an activity: only recorded activities can be imported.")
                                  .arg(fileTypeDescription(*type)),
                              std::max<qint64>(c.files.front().offset, 0), -1};
        return out;
    }
    if (c.skippedMessages > 0) {
        out.warnings << QStringLiteral("A FIT file chained after the activity is not an activity; its %1 records "
                                       "and summaries were left out.")
                            .arg(c.skippedMessages);
    }
    c.records.finish();
    const qsizetype warningsBeforeTimes = out.warnings.size();
    const ClockPlacement clock = placeDeviceTimes(c, out.warnings);
    std::sort(c.hr.begin(), c.hr.end(), [](const HrSample& a, const HrSample& b) { return a.time < b.time; });
    timeRecordsFromLengths(c, out.warnings);

    std::vector<Frame> frames = assignToFrames(c, out.warnings);
    if (frames.empty()) {
        const bool nothing = c.records.time.empty() && c.sessions.empty() && c.laps.empty() && c.lengths.empty();
        if (!nothing) {
            // Whatever the decoder found wrong, an activity without a date cannot be kept: this is the error,
            // and what was said about single times is part of it.
            out.warnings.resize(warningsBeforeTimes);
            if (out.error)
                out.warnings << out.error->message;
            out.error = unplacedActivityError(c, clock);
        } else if (!out.error) {
            out.error = ReadError{QLatin1String(errc::kNoActivity),
                                  QStringLiteral("The FIT file holds no records, laps or sessions: there is no "
                                                 "activity to import."),
                                  -1, -1};
        }
        return out;
    }

    // Records cut short by damage say nothing about where the activity ended; a wrong checksum loses nothing.
    const bool recordsComplete = !out.error || out.error->code == QLatin1String(errc::kCrc) ||
                                 out.error->code == QLatin1String(errc::kHeaderCrc);
    out.activities.resize(frames.size());
    for (std::size_t i = 0; i < frames.size(); ++i)
        buildActivity(out.activities[i], frames[i], c, recordsComplete, out.warnings);
    if (frames.size() > 1) {
        const QString key = QStringLiteral("fit:") + fitTimeToUtc(frames.front().start).toString(Qt::ISODate);
        for (std::size_t i = 0; i < out.activities.size(); ++i) {
            out.activities[i].multisportKey = key;
            out.activities[i].multisportLeg = static_cast<int>(i);
        }
    }
    warnAboutImplausibleDates(out.activities, now, out.warnings);
    return out;
}

} // namespace tricoach::fit
