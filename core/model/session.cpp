#include "core/model/session.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <set>

namespace tricoach {

QString sessionKindId(SessionKind kind)
{
    switch (kind) {
    case SessionKind::Single:
        return QStringLiteral("Single");
    case SessionKind::Triathlon:
        return QStringLiteral("Triathlon");
    case SessionKind::Multisport:
        return QStringLiteral("Multisport");
    }
    return QStringLiteral("Single");
}

double TrainingSession::durationSec() const
{
    double total = 0;
    for (const Activity& leg : legs)
        total += leg.durationSec();
    return total;
}

double TrainingSession::transitionSec() const
{
    double total = 0;
    for (const Activity& leg : legs)
        if (leg.sport == Sport::Transition)
            total += leg.durationSec();
    return total;
}

std::optional<double> TrainingSession::distanceM() const
{
    std::optional<double> total;
    for (const Activity& leg : legs) {
        if (leg.sport == Sport::Transition || !leg.distanceM)
            continue;
        total = total.value_or(0) + *leg.distanceM;
    }
    return total;
}

double TrainingSession::load() const
{
    double total = 0;
    for (const Activity& leg : legs)
        total += leg.load;
    return total;
}

QString TrainingSession::title() const
{
    for (const Activity& leg : legs)
        if (leg.title != legs.front().title)
            return {};
    return legs.front().title;
}

int TrainingSession::transitionNumber(std::size_t index) const
{
    if (index >= legs.size() || legs[index].sport != Sport::Transition)
        return 0;
    int n = 0;
    for (std::size_t i = 0; i <= index; ++i)
        n += legs[i].sport == Sport::Transition ? 1 : 0;
    return n;
}

int TrainingSession::legIndexOf(ActivityId id) const
{
    for (std::size_t i = 0; i < legs.size(); ++i)
        if (legs[i].id == id)
            return static_cast<int>(i);
    return -1;
}

bool TrainingSession::matches(std::optional<Sport> sport, const QString& text) const
{
    const QString needle = text.trimmed();
    const bool sportOk =
        !sport || std::any_of(legs.begin(), legs.end(), [&](const Activity& a) { return a.sport == *sport; });
    const bool textOk =
        needle.isEmpty() || std::any_of(legs.begin(), legs.end(), [&](const Activity& a) {
            return a.title.contains(needle, Qt::CaseInsensitive) || a.notes.contains(needle, Qt::CaseInsensitive);
        });
    return sportOk && textOk;
}

SessionKind multisportKind(const std::vector<Activity>& legs)
{
    if (legs.size() < 2)
        return SessionKind::Single;
    std::vector<Sport> moving;
    for (const Activity& leg : legs)
        if (leg.sport != Sport::Transition)
            moving.push_back(leg.sport);
    return moving == std::vector<Sport>{Sport::Swim, Sport::Bike, Sport::Run} ? SessionKind::Triathlon
                                                                              : SessionKind::Multisport;
}

namespace {

bool byStart(const Activity& a, const Activity& b)
{
    return a.startUtc < b.startUtc;
}

double endSec(const Activity& a)
{
    return static_cast<double>(a.startUtc.toSecsSinceEpoch()) + std::max(a.elapsedSec, a.movingSec);
}

TrainingSession sessionOf(std::vector<Activity> legs, const QString& key)
{
    TrainingSession s;
    s.kind = multisportKind(legs);
    if (s.kind != SessionKind::Single)
        s.key = key;
    s.legs = std::move(legs);
    return s;
}

} // namespace

Streams joinLegStreams(const std::vector<Activity>& legs)
{
    Streams out;
    if (legs.empty())
        return out;
    std::set<Channel> channels;
    std::size_t total = 0;
    for (const Activity& leg : legs) {
        total += leg.streams.size();
        for (const auto& entry : leg.streams.channels)
            channels.insert(entry.first);
    }
    out.time.reserve(total);
    for (Channel c : channels)
        out.channels[c].reserve(total);
    const QDateTime start = legs.front().startUtc;
    for (const Activity& leg : legs) {
        const double offset = static_cast<double>(start.msecsTo(leg.startUtc)) / 1000.0;
        for (std::size_t i = 0; i < leg.streams.size(); ++i) {
            const double t = offset + leg.streams.time[i];
            if (!std::isfinite(t) || (!out.time.empty() && t <= out.time.back()))
                continue;
            out.time.push_back(t);
            for (Channel c : channels) {
                const std::vector<double>* values = leg.streams.get(c);
                out.channels[c].push_back(values && i < values->size() ? (*values)[i] : kMissing);
            }
        }
    }
    return out;
}

std::vector<TrainingSession> groupSessions(std::vector<Activity> activities)
{
    std::vector<TrainingSession> out;
    // Legs by (athlete, key), in the order their keys first appear.
    QHash<QPair<AthleteId, QString>, std::size_t> groupOf;
    std::vector<std::vector<Activity>> groups;
    for (Activity& a : activities) {
        if (a.multisportKey.isEmpty()) {
            out.push_back(sessionOf({std::move(a)}, QString()));
            continue;
        }
        const auto key = qMakePair(a.athleteId, a.multisportKey);
        auto it = groupOf.find(key);
        if (it == groupOf.end()) {
            it = groupOf.insert(key, groups.size());
            groups.emplace_back();
        }
        groups[*it].push_back(std::move(a));
    }
    for (auto& group : groups) {
        const QString key = group.front().multisportKey;
        // Time splits events first (a key reused far apart is two events), then legs go in race order.
        std::stable_sort(group.begin(), group.end(), byStart);
        std::vector<Activity> event;
        auto flush = [&] {
            std::stable_sort(event.begin(), event.end(), [](const Activity& a, const Activity& b) {
                return a.multisportLeg != b.multisportLeg ? a.multisportLeg < b.multisportLeg : a.startUtc < b.startUtc;
            });
            out.push_back(sessionOf(std::move(event), key));
            event.clear();
        };
        double lastEnd = 0;
        for (Activity& leg : group) {
            if (!event.empty() && leg.startUtc.toSecsSinceEpoch() - lastEnd > kMaxLegGapSec)
                flush();
            lastEnd = event.empty() ? endSec(leg) : std::max(lastEnd, endSec(leg));
            event.push_back(std::move(leg));
        }
        flush();
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const TrainingSession& a, const TrainingSession& b) { return a.startUtc() < b.startUtc(); });
    return out;
}

} // namespace tricoach
