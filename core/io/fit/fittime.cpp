#include "core/io/fit/fittime.h"

#include "core/util/datetime.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tricoach::fit {

namespace {

bool isDeviceTime(double fitSeconds)
{
    return fitSeconds < kMinAbsoluteDateTime;
}

enum class Source { None, Correlation, TimeCreated };

// The offset that turns each FIT file's power-on clock into FIT (UTC) time.
class DeviceClocks {
public:
    explicit DeviceClocks(const Collected& c)
        : m_own(std::max<std::size_t>(c.files.size(), 1))
        , m_source(m_own.size(), Source::None)
    {
        for (const ClockCorrelation& k : c.correlations) {
            // Only a UTC time against a power-on time correlates anything; a device with a set clock may write
            // the message with both absolute.
            if (k.file < m_own.size() && !m_own[k.file] && !isDeviceTime(k.utc) && isDeviceTime(k.system)) {
                m_own[k.file] = std::int64_t{k.utc} - std::int64_t{k.system};
                m_source[k.file] = Source::Correlation;
            }
        }
        for (std::size_t f = 0; f < c.files.size(); ++f) {
            const auto created = c.files[f].timeCreated;
            if (m_own[f] || !created || isDeviceTime(*created))
                continue;
            if (const auto anchor = firstDeviceTime(c, f)) {
                m_own[f] = std::int64_t{*created} - static_cast<std::int64_t>(std::floor(*anchor));
                m_source[f] = Source::TimeCreated;
            }
        }
        for (std::size_t f = 0; f < m_own.size() && !m_fallback; ++f) {
            if (m_own[f]) {
                m_fallback = f;
            }
        }
    }

    // The offset for a time of FIT file `file`: its own, else that of the first file that has one (a chained
    // file of stored heart rate has no file_id of its own).
    std::optional<std::int64_t> offset(std::size_t file) const
    {
        if (file < m_own.size() && m_own[file])
            return m_own[file];
        return m_fallback ? m_own[*m_fallback] : std::nullopt;
    }
    Source source() const { return m_fallback ? m_source[*m_fallback] : Source::None; }

private:
    // Where file `f` began by its own clock: its first session's start, or without a session its first
    // record; only a device time needs placing.
    static std::optional<double> firstDeviceTime(const Collected& c, std::size_t f)
    {
        std::optional<double> first;
        for (const SummaryInfo& s : c.sessions) {
            const auto start = s.start();
            if (s.at.file == f && start && isDeviceTime(*start) && (!first || *start < *first))
                first = start;
        }
        if (first)
            return first;
        const std::size_t end = f + 1 < c.files.size() ? c.files[f + 1].firstRecord : c.records.time.size();
        for (std::size_t r = c.files[f].firstRecord; r < end && r < c.records.time.size(); ++r) {
            const double t = c.records.time[r];
            if (!std::isnan(t) && isDeviceTime(t))
                return t;
        }
        return std::nullopt;
    }

    std::vector<std::optional<std::int64_t>> m_own;
    std::vector<Source> m_source;
    std::optional<std::size_t> m_fallback;
};

// Whether anything in `c` is timed by a device's power-on clock: almost never, so this is a quick look.
bool holdsDeviceTimes(const Collected& c)
{
    const auto device = [](std::optional<std::uint32_t> t) { return t && isDeviceTime(*t); };
    const auto summary = [&](const SummaryInfo& s) { return device(s.startTime) || device(s.timestamp); };
    return std::any_of(c.records.time.begin(), c.records.time.end(), [](double t) { return isDeviceTime(t); }) ||
           std::any_of(c.sessions.begin(), c.sessions.end(), summary) ||
           std::any_of(c.laps.begin(), c.laps.end(), summary) ||
           std::any_of(c.lengths.begin(), c.lengths.end(),
                       [&](const LengthInfo& l) { return device(l.startTime) || device(l.timestamp); }) ||
           std::any_of(c.timerEvents.begin(), c.timerEvents.end(),
                       [](const TimerEvent& e) { return isDeviceTime(e.time); }) ||
           std::any_of(c.hr.begin(), c.hr.end(), [](const HrSample& s) { return isDeviceTime(s.time); }) ||
           device(c.activityTime);
}

} // namespace

ClockPlacement placeDeviceTimes(Collected& c, QStringList& warnings)
{
    ClockPlacement out;
    if (!holdsDeviceTimes(c)) {
        if (c.activityTime && c.activityLocalTime && !isDeviceTime(*c.activityLocalTime))
            c.utcOffset = std::int64_t{*c.activityLocalTime} - std::int64_t{*c.activityTime};
        return out;
    }
    const DeviceClocks clocks(c);
    const auto place = [&](double t, std::size_t file) {
        if (std::isnan(t) || !isDeviceTime(t))
            return t;
        out.deviceRelative = true;
        const auto offset = clocks.offset(file);
        const double placed = offset ? t + static_cast<double>(*offset) : kNaN;
        if (std::isnan(placed) || isDeviceTime(placed) || placed > std::numeric_limits<std::uint32_t>::max()) {
            ++out.dropped;
            return kNaN;
        }
        return placed;
    };
    const auto placeWhole = [&](std::optional<std::uint32_t>& t, std::size_t file) {
        if (!t)
            return;
        const double placed = place(*t, file);
        t = std::isnan(placed) ? std::nullopt : std::optional<std::uint32_t>(static_cast<std::uint32_t>(placed));
    };

    std::vector<double>& time = c.records.time;
    for (std::size_t r = 0, file = 0; r < time.size(); ++r) {
        while (file + 1 < c.files.size() && c.files[file + 1].firstRecord <= r)
            ++file;
        time[r] = place(time[r], file);
    }
    for (auto* list : {&c.sessions, &c.laps}) {
        for (SummaryInfo& s : *list) {
            placeWhole(s.startTime, s.at.file);
            placeWhole(s.timestamp, s.at.file);
        }
    }
    for (LengthInfo& l : c.lengths) {
        placeWhole(l.startTime, l.at.file);
        placeWhole(l.timestamp, l.at.file);
    }
    std::erase_if(c.timerEvents, [&](TimerEvent& e) {
        std::optional<std::uint32_t> t = e.time;
        placeWhole(t, e.file);
        e.time = t.value_or(0);
        return !t;
    });
    std::erase_if(c.hr, [&](HrSample& s) {
        s.time = place(s.time, s.file);
        return std::isnan(s.time);
    });

    std::optional<std::uint32_t> activityTime = c.activityTime;
    placeWhole(activityTime, c.activityFile);
    if (activityTime && c.activityLocalTime && !isDeviceTime(*c.activityLocalTime))
        c.utcOffset = std::int64_t{*c.activityLocalTime} - std::int64_t{*activityTime};

    if (out.deviceRelative && out.dropped == 0) {
        warnings << (clocks.source() == Source::Correlation
                         ? QStringLiteral("The device's clock was not set: its times count from when it was switched "
                                          "on. They were placed in the calendar through the file's "
                                          "timestamp_correlation message.")
                         : QStringLiteral("The device's clock was not set: its times count from when it was switched "
                                          "on. They were placed in the calendar by the file's creation time "
                                          "(file_id.time_created), so the start is only as exact as that."));
    } else if (out.dropped > 0) {
        warnings << QStringLiteral("%1 times in this file count from when the device was switched on, and nothing "
                                   "in the file ties them to the calendar; the samples and summaries they belong to "
                                   "were kept without a time.")
                        .arg(out.dropped);
    }
    return out;
}

ReadError unplacedActivityError(const Collected& c, const ClockPlacement& clock)
{
    if (clock.deviceRelative) {
        return ReadError{QLatin1String(errc::kNoClock),
                         QStringLiteral("The device that recorded this file had no clock set: its times count seconds "
                                        "from when it was switched on, and nothing in the file (a "
                                        "timestamp_correlation message or a dated file_id) ties them to the "
                                        "calendar. The activity's date is unknown, so it was not imported; software "
                                        "that synced the device back then (such as Garmin Connect) may have dated "
                                        "it: import the file it exports instead."),
                         std::max<qint64>(c.firstDeviceTimeOffset, 0), -1};
    }
    const qint64 where =
        c.firstRecordOffset >= 0 ? c.firstRecordOffset : (c.files.empty() ? 0 : std::max<qint64>(c.files[0].offset, 0));
    return ReadError{QLatin1String(errc::kNoTimes),
                     QStringLiteral("The file has no times: none of its records, laps or sessions carries a "
                                    "timestamp, so the activity cannot be placed in the calendar and was not "
                                    "imported."),
                     where, -1};
}

void warnAboutImplausibleDates(const std::vector<Activity>& activities, const QDateTime& now, QStringList& warnings)
{
    // FIT itself dates from 2008; a start before 2000 or in the future is a device clock set wrong.
    const QDateTime earliest = utcDateTime(QDate(2000, 1, 1), QTime(0, 0));
    const QDateTime latest = now.addDays(1); // a local date ahead of UTC is not the future
    for (const Activity& a : activities) {
        if (!a.startUtc.isValid())
            continue;
        const QString day = a.startUtc.date().toString(Qt::ISODate);
        QString text;
        if (a.startUtc < earliest)
            text = QStringLiteral("The activity starts on %1, before 2000: the device's clock was probably wrong. "
                                  "Check the activity's date.")
                       .arg(day);
        else if (a.startUtc > latest)
            text = QStringLiteral("The activity starts on %1, in the future: the device's clock was probably wrong. "
                                  "Check the activity's date.")
                       .arg(day);
        if (!text.isEmpty() && !warnings.contains(text))
            warnings << text;
    }
}

QDateTime fitTimeToUtc(double fitSeconds)
{
    constexpr double kLimit = 1e12; // ~31,700 years: far beyond any FIT time, far inside qint64 milliseconds
    if (!std::isfinite(fitSeconds) || std::abs(fitSeconds) > kLimit)
        return {};
    return utcFromMSecs(static_cast<qint64>(std::llround((kFitEpochOffset + fitSeconds) * 1000.0)));
}

} // namespace tricoach::fit
