#pragma once
// The time the sync plans by. Strava's rate windows follow the wall clock; tests run against an emulator whose clock
// runs faster (TRICOACH_STRAVA_TIME_SCALE), so that fifteen-minute windows and days pass in seconds.

#include <QDateTime>

#include <atomic>

namespace tricoach::strava {

class SyncClock {
public:
    // `scale` virtual seconds pass per real second; 1 is the wall clock.
    explicit SyncClock(double scale = 1.0);
    // The scale from TRICOACH_STRAVA_TIME_SCALE (1 when unset or not a positive number).
    static SyncClock fromEnvironment();

    double scale() const { return m_scale; }
    QDateTime now() const;
    // A server's Date header: a scaled clock (a test's emulator) takes the server's time as its own, since the two
    // started apart; the wall clock ignores it.
    void observeServerTime(const QDateTime& serverNow);
    // Waits until `until` on this clock, or until `cancel` is set; false when cancelled.
    bool sleepUntil(const QDateTime& until, const std::atomic<bool>* cancel) const;
    // Waits `ms` milliseconds of this clock's time (back-off between retries).
    bool sleepFor(qint64 ms, const std::atomic<bool>* cancel) const;

private:
    double m_scale = 1;
    qint64 m_anchorRealMs = 0;
    qint64 m_anchorVirtualMs = 0;
};

} // namespace tricoach::strava
