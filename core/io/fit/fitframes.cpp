#include "core/io/fit/fitframes.h"

#include "core/io/fit/fittime.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace tricoach::fit {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// A record this far outside every session carries a damaged timestamp (seen before a file's point of damage):
// it never makes a leg of its own (the activity drops its time).
constexpr double kImplausibleTimeSec = 24 * 3600;
// Records outside every session make a leg of their own when they span at least this long; a few stray
// seconds at a leg's edge join the leg before them.
constexpr double kMinRecoveredLegSec = 60;
constexpr int kOrphan = -1;

std::vector<Frame> sessionFrames(const Collected& c, QStringList& warnings)
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
        f.sport = s.sport;
        f.subSport = s.subSport;
        // The span is the longest that elapsed time, timer time and the session's own end time give, so that
        // one wrong total does not push the leg's records out of it.
        double end = *start;
        bool bounded = false;
        for (const double length : {s.elapsed, s.timer}) {
            if (!std::isnan(length)) {
                end = std::max(end, *start + length);
                bounded = true;
            }
        }
        if (s.timestamp && *s.timestamp >= *start && *s.timestamp - *start <= kImplausibleTimeSec) {
            end = std::max(end, static_cast<double>(*s.timestamp));
            bounded = true;
        }
        f.end = bounded ? end : kInfinity;
        frames.push_back(std::move(f));
    }
    std::stable_sort(frames.begin(), frames.end(), [](const Frame& a, const Frame& b) { return a.start < b.start; });
    return frames;
}

// Picks frames for things at a time. Session frames compete only with the sessions of the thing's own FIT
// file, when that file has any: chained files are separate recordings, whatever their clocks say.
class Chooser {
public:
    Chooser(const std::vector<Frame>& frames, std::size_t files)
        : m_frames(frames)
        , m_fileHasSession(std::max<std::size_t>(files, 1), false)
    {
        for (const Frame& f : frames) {
            if (f.session && f.session->at.file < m_fileHasSession.size())
                m_fileHasSession[f.session->at.file] = true;
        }
    }

    bool candidate(const Frame& f, std::size_t file) const
    {
        return !f.session || file >= m_fileHasSession.size() || !m_fileHasSession[file] || f.session->at.file == file;
    }

    // The session frame whose span holds `t`: the latest starting; among sessions starting in the same second
    // the first whose message `follows(frame)` the thing in the file, else the first of them.
    template <typename Follows> std::optional<std::size_t> holding(double t, std::size_t file, Follows follows) const
    {
        std::optional<std::size_t> best;
        for (std::size_t i = 0; i < m_frames.size(); ++i) {
            const Frame& f = m_frames[i];
            if (!f.session || !candidate(f, file) || t < f.start || t > f.end)
                continue;
            if (!best || f.start > m_frames[*best].start ||
                (f.start == m_frames[*best].start && !follows(m_frames[*best]) && follows(f)))
                best = i;
        }
        return best;
    }

    // Outside every span: the last candidate frame starting at or before `t`, else the first candidate.
    std::size_t before(double t, std::size_t file) const
    {
        std::optional<std::size_t> best, first;
        for (std::size_t i = 0; i < m_frames.size(); ++i) {
            const Frame& f = m_frames[i];
            if (!candidate(f, file))
                continue;
            if (!first || f.start < m_frames[*first].start)
                first = i;
            if (f.start <= t && (!best || f.start >= m_frames[*best].start))
                best = i;
        }
        return best.value_or(first.value_or(0));
    }

    // How far `t` lies from the nearest candidate frame's span.
    double distance(double t, std::size_t file) const
    {
        double best = kInfinity;
        for (const Frame& f : m_frames) {
            if (candidate(f, file))
                best = std::min(best, t < f.start ? f.start - t : (t > f.end ? t - f.end : 0));
        }
        return best;
    }

private:
    const std::vector<Frame>& m_frames;
    std::vector<bool> m_fileHasSession;
};

// Records outside every session between the same two sessions (or before the first, after the last) and
// after the same sport message.
struct Stray {
    std::vector<std::size_t> rows;
    double first = kInfinity, last = -kInfinity;
    int timed = 0;
};

// The sport message that began a stretch of records starting at row `firstRow`: the last one before it, when
// no record of a session lies between the two.
const SportInfo* sportStarting(const Collected& c, std::size_t firstRow, const std::vector<int>& target)
{
    const SportInfo* found = nullptr;
    for (const SportInfo& s : c.sports) {
        if (s.at.recordsBefore <= firstRow)
            found = &s;
    }
    if (!found)
        return nullptr;
    for (std::size_t r = found->at.recordsBefore; r < firstRow; ++r) {
        if (target[r] != kOrphan)
            return nullptr;
    }
    return found;
}

QString utcText(double fitSeconds)
{
    return fitTimeToUtc(fitSeconds).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

void assignRecords(const Collected& c, std::vector<Frame>& frames, QStringList& warnings)
{
    const std::vector<double>& time = c.records.time;
    // The common case, one session holding every record, costs one pass.
    if (frames.size() == 1 && std::all_of(time.begin(), time.end(), [&](double t) {
            return std::isnan(t) || (t >= frames.front().start && t <= frames.front().end);
        })) {
        frames.front().allRows = true;
        return;
    }
    const Chooser choose(frames, c.files.size());
    const std::size_t sessionCount = frames.size();
    std::vector<int> target(time.size(), kOrphan);
    // Keyed by the number of sessions starting before them and of sport messages before them.
    using StrayKey = std::pair<std::size_t, std::size_t>;
    std::map<StrayKey, Stray> strays;
    std::optional<StrayKey> strayOfPrevious;
    std::size_t sportsBefore = 0;
    for (std::size_t r = 0, file = 0; r < time.size(); ++r) {
        while (file + 1 < c.files.size() && c.files[file + 1].firstRecord <= r)
            ++file;
        while (sportsBefore < c.sports.size() && c.sports[sportsBefore].at.recordsBefore <= r)
            ++sportsBefore;
        const double t = time[r];
        if (std::isnan(t)) { // a record without a time stays with the record before it
            if (r > 0 && target[r - 1] == kOrphan && strayOfPrevious)
                strays[*strayOfPrevious].rows.push_back(r);
            else
                target[r] = r > 0 ? target[r - 1] : 0;
            continue;
        }
        if (const auto i = choose.holding(t, file, [&](const Frame& f) { return f.session->at.recordsBefore > r; })) {
            target[r] = static_cast<int>(*i);
            continue;
        }
        if (choose.distance(t, file) > kImplausibleTimeSec) {
            target[r] = static_cast<int>(choose.before(t, file)); // a damaged time: the activity drops it
            continue;
        }
        const auto sessionsBefore = static_cast<std::size_t>(
            std::count_if(frames.begin(), frames.end(), [&](const Frame& f) { return f.start <= t; }));
        const StrayKey gap{sessionsBefore, sportsBefore};
        Stray& s = strays[gap];
        s.rows.push_back(r);
        s.first = std::min(s.first, t);
        s.last = std::max(s.last, t);
        ++s.timed;
        strayOfPrevious = gap;
    }

    for (auto& [key, s] : strays) {
        const std::size_t firstRow = s.rows.front();
        const SportInfo* sport = sportStarting(c, firstRow, target);
        // A single session's own records may run past it (its totals are then wrong); a new leg needs a
        // multisport file: several sessions, or a sport message after some of the session's records.
        const bool multisport =
            sessionCount > 1 ||
            (sport && std::any_of(target.begin(), target.begin() + static_cast<std::ptrdiff_t>(sport->at.recordsBefore),
                                  [](int t) { return t != kOrphan; }));
        if (multisport && s.timed >= 2 && s.last - s.first >= kMinRecoveredLegSec) {
            Frame leg;
            leg.start = s.first;
            leg.end = s.last;
            if (sport) {
                leg.sport = sport->sport;
                leg.subSport = sport->subSport;
            }
            const auto index = static_cast<int>(frames.size());
            for (const std::size_t r : s.rows)
                target[r] = index;
            frames.push_back(std::move(leg));
            warnings << QStringLiteral("%1 records (%2 to %3 UTC) lie outside every session of this multisport file, "
                                       "which was probably cut before that leg's summary was written: they were "
                                       "kept as a leg of their own.")
                            .arg(s.rows.size())
                            .arg(utcText(s.first), utcText(s.last));
            continue;
        }
        for (const std::size_t r : s.rows) {
            const double t = time[r];
            target[r] =
                std::isnan(t) ? (r > 0 ? target[r - 1] : 0) : static_cast<int>(choose.before(t, c.fileOfRecord(r)));
        }
    }

    if (frames.size() == 1) {
        frames.front().allRows = true;
        return;
    }
    for (std::size_t r = 0; r < time.size(); ++r)
        frames[static_cast<std::size_t>(target[r])].rows.push_back(r);
}

// A multisport file without any session (cut before its first summary, by a device that writes them all at
// the end) still shows its legs: each begins with a sport message, written before the leg's records. Empty
// unless that gives two legs or more.
std::vector<Frame> legsFromSportMessages(const Collected& c, QStringList& warnings)
{
    const std::vector<double>& time = c.records.time;
    struct Begin {
        std::size_t row;
        const SportInfo* sport;
    };
    std::vector<Begin> begins;
    for (const SportInfo& s : c.sports) {
        const bool repeat =
            !begins.empty() && begins.back().sport->sport == s.sport && begins.back().sport->subSport == s.subSport;
        if (repeat || s.at.recordsBefore >= time.size())
            continue;
        if (!begins.empty() && begins.back().row == s.at.recordsBefore)
            begins.back().sport = &s; // the leg before had no record
        else
            begins.push_back(Begin{begins.empty() ? 0 : s.at.recordsBefore, &s});
    }
    std::vector<Frame> legs;
    for (std::size_t k = 0; k < begins.size(); ++k) {
        const std::size_t end = k + 1 < begins.size() ? begins[k + 1].row : time.size();
        Frame leg;
        leg.start = kInfinity;
        leg.end = -kInfinity;
        for (std::size_t r = begins[k].row; r < end; ++r) {
            leg.rows.push_back(r);
            if (!std::isnan(time[r])) {
                leg.start = std::min(leg.start, time[r]);
                leg.end = std::max(leg.end, time[r]);
            }
        }
        if (std::isinf(leg.start))
            return {}; // a leg without a time cannot be placed: read the file as one activity
        leg.sport = begins[k].sport->sport;
        leg.subSport = begins[k].sport->subSport;
        legs.push_back(std::move(leg));
    }
    if (legs.size() < 2)
        return {};
    const auto legAt = [&](double t) {
        std::size_t best = 0;
        for (std::size_t i = 0; i < legs.size(); ++i) {
            if (legs[i].start <= t)
                best = i;
        }
        return best;
    };
    for (const SummaryInfo& lap : c.laps)
        legs[legAt(lap.start().value_or(legs.front().start))].laps.push_back(&lap);
    for (const LengthInfo& len : c.lengths)
        legs[legAt(len.startTime ? *len.startTime : legs.front().start)].lengths.push_back(&len);
    warnings << QStringLiteral("The file has no session summaries (it was probably cut before they were written); "
                               "its records were split into %1 legs at the sport messages that began them.")
                    .arg(legs.size());
    return legs;
}

// A lap or length goes where its start lies, like a record; one outside every session and recovered leg goes
// to the leg before it.
template <typename Item>
std::size_t frameOf(const std::vector<Frame>& frames, const Chooser& choose, const Item& item, std::optional<double> t)
{
    if (!t)
        return 0;
    const auto follows = [&](const Frame& f) { return f.session->at.sequence > item.at.sequence; };
    if (const auto i = choose.holding(*t, item.at.file, follows))
        return *i;
    for (std::size_t i = 0; i < frames.size(); ++i) {
        if (!frames[i].session && *t >= frames[i].start - kMinRecoveredLegSec && *t <= frames[i].end)
            return i;
    }
    return choose.before(*t, item.at.file);
}

} // namespace

std::vector<Frame> assignToFrames(const Collected& c, QStringList& warnings)
{
    std::vector<Frame> frames = sessionFrames(c, warnings);
    if (frames.empty()) {
        // No session (trimmed or unfinished file): one activity from the first record or lap on, or the legs
        // the sport messages of a multisport file begin.
        double start = kInfinity;
        for (const double t : c.records.time) {
            if (!std::isnan(t))
                start = std::min(start, t);
        }
        for (const SummaryInfo& lap : c.laps) {
            if (const auto s = lap.start())
                start = std::min(start, *s);
        }
        if (std::isinf(start))
            return {};
        frames = legsFromSportMessages(c, warnings);
        if (frames.empty()) {
            Frame f;
            f.start = start;
            f.allRows = true;
            for (const SummaryInfo& lap : c.laps)
                f.laps.push_back(&lap);
            for (const LengthInfo& len : c.lengths)
                f.lengths.push_back(&len);
            frames.push_back(std::move(f));
        }
    } else {
        assignRecords(c, frames, warnings);
        const Chooser choose(frames, c.files.size());
        for (const SummaryInfo& lap : c.laps)
            frames[frameOf(frames, choose, lap, lap.start())].laps.push_back(&lap);
        for (const LengthInfo& len : c.lengths) {
            const double s = len.startTime ? *len.startTime : (len.timestamp ? *len.timestamp : frames.front().start);
            frames[frameOf(frames, choose, len, s)].lengths.push_back(&len);
        }
        std::stable_sort(frames.begin(), frames.end(),
                         [](const Frame& a, const Frame& b) { return a.start < b.start; });
    }

    for (Frame& f : frames) {
        const auto byStart = [](const auto* a, const auto* b) {
            return a->startTime.value_or(0) < b->startTime.value_or(0);
        };
        std::stable_sort(f.laps.begin(), f.laps.end(), byStart);
        std::stable_sort(f.lengths.begin(), f.lengths.end(), byStart);
        // A sport the session left out: the file's sport message, else the first lap's.
        if (!f.sport && f.session && !c.sports.empty() && c.sports.front().sport) {
            f.sport = c.sports.front().sport;
            f.subSport = c.sports.front().subSport;
        } else if (!f.sport && !f.session && f.allRows && !c.sports.empty()) {
            f.sport = c.sports.front().sport;
            f.subSport = c.sports.front().subSport;
        }
        if (!f.sport && !f.laps.empty() && f.laps.front()->sport) {
            f.sport = f.laps.front()->sport;
            f.subSport = f.laps.front()->subSport;
        }
    }
    return frames;
}

} // namespace tricoach::fit
