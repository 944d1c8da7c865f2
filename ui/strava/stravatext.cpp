#include "ui/strava/stravatext.h"

#include "core/strava/errors.h"

#include <QLocale>

namespace tricoach {

QString StravaText::when(const QDateTime& time)
{
    const QDateTime local = time.toLocalTime();
    const QLocale locale;
    // Minutes are enough (some locales' short format has seconds).
    const QString clock =
        locale.toString(local.time(), locale.timeFormat(QLocale::ShortFormat).remove(QStringLiteral(":ss")));
    const qint64 days = QDate::currentDate().daysTo(local.date());
    if (days == 0)
        return clock;
    if (days > 0 && days < 7)
        return tr("%1 %2", "weekday and time")
            .arg(locale.dayName(local.date().dayOfWeek(), QLocale::ShortFormat), clock);
    return tr("%1 %2", "date and time").arg(locale.toString(local.date(), QLocale::ShortFormat), clock);
}

// "412 new", "3 updated": a number with a word that does not change with it in English; translations put it
// after a colon ("новых: 412"), so no plural forms are needed.
QString StravaText::progress(const strava::SyncProgress& p)
{
    using Phase = strava::SyncProgress::Phase;
    if (p.phase == Phase::Waiting)
        return paused(p.waitingUntil, p.streamsLeft, {});
    QStringList parts;
    parts << tr("%n pages listed", "", p.pagesListed) << tr("%1 new", "activities").arg(p.added);
    if (p.updated > 0)
        parts << tr("%1 updated", "activities").arg(p.updated);
    if (p.deleted > 0)
        parts << tr("%1 deleted", "activities").arg(p.deleted);
    QString text = tr("Strava: %1").arg(parts.join(tr(", ")));
    const int recordings = p.streamsFetched + p.streamsLeft;
    if (recordings > 0)
        text += tr(" · %1 of %n recordings", "", recordings).arg(p.streamsFetched);
    return text;
}

QString StravaText::paused(const QDateTime& until, int recordingsLeft, const QDateTime& allBy)
{
    QString detail = tr("%n recordings left", "", recordingsLeft);
    if (allBy.isValid() && recordingsLeft > 0)
        detail = tr("%1, all by %2").arg(detail, when(allBy));
    if (recordingsLeft == 0)
        return tr("Strava: waiting for Strava's rate limit until %1").arg(when(until));
    return tr("Strava: waiting for Strava's rate limit until %1 (%2)").arg(when(until), detail);
}

QString StravaText::summary(const strava::SyncSummary& s)
{
    if (s.resumeAt.isValid())
        return paused(s.resumeAt, s.streamsLeft, s.plannedFinish);
    if (s.fromCache)
        return tr("Strava: up to date (synced within the last hour; Force refresh asks Strava now)");
    QStringList parts{tr("%1 new", "activities").arg(s.added), tr("%1 updated", "activities").arg(s.updated),
                      tr("%1 deleted", "activities").arg(s.deleted)};
    if (s.failed > 0)
        parts << tr("%1 failed", "activities").arg(s.failed);
    QString text = parts.join(tr(", "));
    if (s.streamsLeft > 0)
        text += tr("; %n recordings still to fetch", "", s.streamsLeft);
    if (s.cancelled)
        return tr("Strava: stopped; what arrived stays (%1)").arg(text);
    return tr("Strava: %1").arg(text);
}

QString StravaText::error(const Error& e)
{
    namespace code = strava::code;
    if (e.code == code::kUnauthorized)
        return tr("Strava no longer accepts TriCoach's access (it was revoked on Strava, or the sign-in expired). "
                  "Your activities stay; reconnect to sync again.");
    if (e.code == code::kBusy)
        return tr("Another TriCoach window or command is syncing this profile with Strava; try again when it has "
                  "finished.");
    if (e.code == code::kDenied)
        return tr("Strava's page was cancelled: nothing changed.");
    if (e.code == code::kCancelled)
        return tr("Cancelled: nothing changed.");
    if (e.code == code::kTimeout)
        return tr("Strava's page did not answer in time: nothing changed. Connect again to retry.");
    if (e.code == code::kNotConnected)
        return tr("Strava is not connected for this profile: connect it first.");
    if (e.code == code::kUnavailable)
        return tr("Strava could not be reached: %1").arg(e.message);
    return e.message;
}

QString StravaText::connection(const strava::StravaStatus& status)
{
    if (!status.connected)
        return tr("Not connected");
    return tr("Connected as %1")
        .arg(status.athleteName.isEmpty() ? QString::number(status.athleteId) : status.athleteName);
}

QString StravaText::lastSync(const strava::StravaStatus& status)
{
    QStringList parts;
    const bool today = status.lastSync.toLocalTime().date() == QDate::currentDate();
    if (!status.lastSync.isValid())
        parts << tr("Not synced yet");
    else
        parts << (today ? tr("Last sync: today at %1") : tr("Last sync: %1")).arg(when(status.lastSync));
    parts << tr("%n activities from Strava", "", status.activities);
    if (status.streamsLeft > 0)
        parts << tr("%n recordings still to fetch", "", status.streamsLeft);
    return parts.join(QStringLiteral(" · "));
}

QString StravaText::missing(const QStringList& missingScopes)
{
    if (!missingScopes.contains(QStringLiteral("activity:read_all")))
        return {};
    return tr("Private activities are left out — Connect again to grant them (leave \"View data about your private "
              "activities\" ticked).");
}

} // namespace tricoach
