#pragma once
// Strava's rate limits as the sync plans by them. Strava counts every call (rejected ones too) in two windows: fifteen
// minutes, reset at :00, :15, :30 and :45, and the UTC day, reset at 00:00 UTC; reads have a lower limit of their own
// (X-ReadRateLimit-*) than all calls (X-RateLimit-*). Each header holds "fifteen-minute,daily" (Strava's "Rate
// Limits" documentation). Not thread-safe: one sync owns one budget.

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>

#include <optional>

namespace tricoach::strava {

// One limit: calls made and allowed in the fifteen-minute window and in the day.
struct RateWindow {
    int used15 = 0, limit15 = 0;
    int usedDay = 0, limitDay = 0;
    bool operator==(const RateWindow&) const = default;
};

// The limits and usage one response reported.
struct RateReport {
    std::optional<RateWindow> overall;
    std::optional<RateWindow> read;
};
// Reads X-RateLimit-Limit/-Usage and X-ReadRateLimit-Limit/-Usage (names case-insensitive); a missing or malformed
// pair leaves its window unknown.
RateReport rateReportFromHeaders(const QList<QPair<QByteArray, QByteArray>>& headers);

// The start of the next fifteen-minute window after `t`, and of the next UTC day.
QDateTime nextQuarterHour(const QDateTime& t);
QDateTime nextUtcDay(const QDateTime& t);

// What the sync may still spend: the last usage Strava reported, plus the calls made since, with headroom left for
// the desktop's other calls (an athlete opening an activity while the back-fill runs).
class RateBudget {
public:
    // Strava's default limits for an application until a response says otherwise.
    RateBudget();

    void observe(const RateReport& report, const QDateTime& now);
    // A read about to be made (counted before its answer: rejected calls count too).
    void countRead(const QDateTime& now);
    // A 429: this window is spent, whatever the counters said.
    void markExhausted(const QDateTime& now);

    // `now` when another read fits both windows, else when the window that stops it resets.
    QDateTime nextReadAt(const QDateTime& now) const;
    // When `reads` more reads can have been made, spending each window's budget as it opens.
    QDateTime plannedFinish(int reads, const QDateTime& now) const;
    // Reads left in the current fifteen-minute window and day, after headroom.
    int readsLeft15(const QDateTime& now) const;
    int readsLeftToday(const QDateTime& now) const;
    RateWindow readWindow() const { return m_read; }

    // Kept across runs (the sync state), so that a restart does not spend a budget already used.
    QJsonObject toJson() const;
    static RateBudget fromJson(const QJsonObject& json);

private:
    // Usage as of `now`: windows that have reset since the last observation count from zero.
    RateWindow current(const RateWindow& w, const QDateTime& now) const;
    static int usable15(const RateWindow& w);
    static int usableDay(const RateWindow& w);

    RateWindow m_overall;
    RateWindow m_read;
    QDateTime m_seenAt;
};

} // namespace tricoach::strava
