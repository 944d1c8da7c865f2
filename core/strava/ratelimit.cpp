#include "core/strava/ratelimit.h"

#include "core/util/datetime.h"

#include <algorithm>

namespace tricoach::strava {

namespace {

std::optional<QPair<int, int>> pairOf(const QList<QPair<QByteArray, QByteArray>>& headers, const char* name)
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        const QList<QByteArray> parts = value.split(',');
        if (parts.size() != 2)
            return std::nullopt;
        bool ok15 = false, okDay = false;
        const int a = parts[0].trimmed().toInt(&ok15), b = parts[1].trimmed().toInt(&okDay);
        if (!ok15 || !okDay || a < 0 || b < 0)
            return std::nullopt;
        return QPair<int, int>(a, b);
    }
    return std::nullopt;
}

std::optional<RateWindow> windowOf(const QList<QPair<QByteArray, QByteArray>>& headers, const char* limit,
                                   const char* usage)
{
    const auto l = pairOf(headers, limit);
    const auto u = pairOf(headers, usage);
    if (!l || !u)
        return std::nullopt;
    return RateWindow{u->first, l->first, u->second, l->second};
}

qint64 quarterOf(const QDateTime& t)
{
    return t.toSecsSinceEpoch() / (15 * 60);
}

qint64 dayOf(const QDateTime& t)
{
    return t.toSecsSinceEpoch() / 86400;
}

} // namespace

RateReport rateReportFromHeaders(const QList<QPair<QByteArray, QByteArray>>& headers)
{
    return RateReport{windowOf(headers, "X-RateLimit-Limit", "X-RateLimit-Usage"),
                      windowOf(headers, "X-ReadRateLimit-Limit", "X-ReadRateLimit-Usage")};
}

QDateTime nextQuarterHour(const QDateTime& t)
{
    return utcFromMSecs((quarterOf(t) + 1) * 15 * 60 * 1000);
}

QDateTime nextUtcDay(const QDateTime& t)
{
    return utcFromMSecs((dayOf(t) + 1) * 86400 * 1000);
}

RateBudget::RateBudget()
    : m_overall{0, 200, 0, 2000}
    , m_read{0, 100, 0, 1000}
{
}

RateWindow RateBudget::current(const RateWindow& w, const QDateTime& now) const
{
    RateWindow c = w;
    if (!m_seenAt.isValid())
        return c;
    if (quarterOf(now) != quarterOf(m_seenAt))
        c.used15 = 0;
    if (dayOf(now) != dayOf(m_seenAt))
        c.usedDay = 0;
    return c;
}

// A tenth of each window stays for the desktop's own calls; at least two a quarter hour and ten a day.
int RateBudget::usable15(const RateWindow& w)
{
    return std::max(0, w.limit15 - std::max(2, w.limit15 / 10));
}

int RateBudget::usableDay(const RateWindow& w)
{
    return std::max(0, w.limitDay - std::max(10, w.limitDay / 10));
}

void RateBudget::observe(const RateReport& report, const QDateTime& now)
{
    // Counters carried forward to `now` first, so that a report from a new window replaces the old usage.
    m_overall = current(m_overall, now);
    m_read = current(m_read, now);
    if (report.overall)
        m_overall = *report.overall;
    if (report.read)
        m_read = *report.read;
    // Without a read limit of its own (an older API) reads are limited by the overall limit only.
    if (report.overall && !report.read)
        m_read = *report.overall;
    m_seenAt = now;
}

void RateBudget::countRead(const QDateTime& now)
{
    m_overall = current(m_overall, now);
    m_read = current(m_read, now);
    for (RateWindow* w : {&m_overall, &m_read}) {
        ++w->used15;
        ++w->usedDay;
    }
    m_seenAt = now;
}

void RateBudget::markExhausted(const QDateTime& now)
{
    m_overall = current(m_overall, now);
    m_read = current(m_read, now);
    m_read.used15 = std::max(m_read.used15, m_read.limit15);
    m_seenAt = now;
}

int RateBudget::readsLeft15(const QDateTime& now) const
{
    const RateWindow r = current(m_read, now), o = current(m_overall, now);
    return std::max(0, std::min(usable15(r) - r.used15, usable15(o) - o.used15));
}

int RateBudget::readsLeftToday(const QDateTime& now) const
{
    const RateWindow r = current(m_read, now), o = current(m_overall, now);
    return std::max(0, std::min(usableDay(r) - r.usedDay, usableDay(o) - o.usedDay));
}

QDateTime RateBudget::nextReadAt(const QDateTime& now) const
{
    if (readsLeftToday(now) <= 0)
        return nextUtcDay(now);
    if (readsLeft15(now) <= 0)
        return nextQuarterHour(now);
    return now;
}

QDateTime RateBudget::plannedFinish(int reads, const QDateTime& now) const
{
    if (reads <= 0)
        return now;
    const int per15 = std::min(usable15(m_read), usable15(m_overall));
    const int perDay = std::min(usableDay(m_read), usableDay(m_overall));
    if (per15 <= 0 || perDay <= 0)
        return {};
    QDateTime t = now;
    int left = reads;
    int in15 = readsLeft15(now);
    int inDay = readsLeftToday(now);
    // Window by window: what fits now, then the next quarter hour or, when the day is spent, the next day.
    while (true) {
        const int take = std::min({left, in15, inDay});
        left -= take;
        inDay -= take;
        in15 -= take;
        if (left == 0)
            return t;
        if (inDay == 0) {
            t = nextUtcDay(t);
            inDay = perDay;
        } else {
            t = nextQuarterHour(t);
        }
        in15 = per15;
    }
}

QJsonObject RateBudget::toJson() const
{
    const auto window = [](const RateWindow& w) {
        return QJsonObject{{QStringLiteral("used15"), w.used15},
                           {QStringLiteral("limit15"), w.limit15},
                           {QStringLiteral("used_day"), w.usedDay},
                           {QStringLiteral("limit_day"), w.limitDay}};
    };
    return QJsonObject{{QStringLiteral("overall"), window(m_overall)},
                       {QStringLiteral("read"), window(m_read)},
                       {QStringLiteral("seen_at"), m_seenAt.toString(Qt::ISODateWithMs)}};
}

RateBudget RateBudget::fromJson(const QJsonObject& json)
{
    RateBudget b;
    const auto window = [](const QJsonValue& v, RateWindow fallback) {
        const QJsonObject o = v.toObject();
        if (o.isEmpty())
            return fallback;
        RateWindow w{o.value(QLatin1String("used15")).toInt(), o.value(QLatin1String("limit15")).toInt(),
                     o.value(QLatin1String("used_day")).toInt(), o.value(QLatin1String("limit_day")).toInt()};
        return w.limit15 > 0 && w.limitDay > 0 ? w : fallback;
    };
    b.m_overall = window(json.value(QLatin1String("overall")), b.m_overall);
    b.m_read = window(json.value(QLatin1String("read")), b.m_read);
    b.m_seenAt = QDateTime::fromString(json.value(QLatin1String("seen_at")).toString(), Qt::ISODateWithMs);
    return b;
}

} // namespace tricoach::strava
