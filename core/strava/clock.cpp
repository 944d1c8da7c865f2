#include "core/strava/clock.h"

#include "core/util/datetime.h"

#include <QThread>

#include <algorithm>
#include <cmath>

namespace tricoach::strava {

SyncClock::SyncClock(double scale)
    : m_scale(scale > 0 && std::isfinite(scale) ? scale : 1.0)
    , m_anchorRealMs(QDateTime::currentMSecsSinceEpoch())
    , m_anchorVirtualMs(m_anchorRealMs)
{
}

SyncClock SyncClock::fromEnvironment()
{
    bool ok = false;
    const double scale = qEnvironmentVariable("TRICOACH_STRAVA_TIME_SCALE").toDouble(&ok);
    return SyncClock(ok ? scale : 1.0);
}

QDateTime SyncClock::now() const
{
    const qint64 real = QDateTime::currentMSecsSinceEpoch();
    return utcFromMSecs(m_anchorVirtualMs + static_cast<qint64>(std::llround((real - m_anchorRealMs) * m_scale)));
}

void SyncClock::observeServerTime(const QDateTime& serverNow)
{
    if (m_scale == 1.0 || !serverNow.isValid())
        return;
    // A Date header has whole seconds: re-anchor only when the two clocks disagree by more than that.
    if (std::abs(serverNow.msecsTo(now())) <= 1500)
        return;
    m_anchorRealMs = QDateTime::currentMSecsSinceEpoch();
    m_anchorVirtualMs = serverNow.toMSecsSinceEpoch();
}

bool SyncClock::sleepFor(qint64 ms, const std::atomic<bool>* cancel) const
{
    qint64 realMs = static_cast<qint64>(std::ceil(static_cast<double>(std::max<qint64>(ms, 0)) / m_scale));
    while (realMs > 0) {
        if (cancel && cancel->load())
            return false;
        const qint64 step = std::min<qint64>(realMs, 50);
        QThread::msleep(static_cast<unsigned long>(step));
        realMs -= step;
    }
    return !(cancel && cancel->load());
}

bool SyncClock::sleepUntil(const QDateTime& until, const std::atomic<bool>* cancel) const
{
    return sleepFor(now().msecsTo(until), cancel);
}

} // namespace tricoach::strava
