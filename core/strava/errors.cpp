#include "core/strava/errors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tricoach::strava {

QString stravaErrorText(const QByteArray& body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    if (o.isEmpty()) {
        const QString raw = QString::fromUtf8(body.left(200)).simplified();
        return raw.isEmpty() ? QStringLiteral("no details") : raw;
    }
    QString text = o.value(QLatin1String("message")).toString();
    QStringList details;
    for (const QJsonValue& e : o.value(QLatin1String("errors")).toArray()) {
        const QJsonObject err = e.toObject();
        const QString field = err.value(QLatin1String("field")).toString();
        const QString c = err.value(QLatin1String("code")).toString();
        details << (field.isEmpty() ? c : field + QLatin1Char(' ') + c).trimmed();
    }
    details.removeAll(QString());
    if (!details.isEmpty())
        text += QStringLiteral(" (%1)").arg(details.join(QStringLiteral("; ")));
    return text.isEmpty() ? QStringLiteral("no details") : text;
}

bool stravaErrorMentions(const QByteArray& body, const QString& needle)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    for (const QJsonValue& e : o.value(QLatin1String("errors")).toArray()) {
        const QJsonObject err = e.toObject();
        for (const char* key : {"resource", "field", "code"}) {
            if (err.value(QLatin1String(key)).toString().contains(needle, Qt::CaseInsensitive))
                return true;
        }
    }
    return o.value(QLatin1String("message")).toString().contains(needle, Qt::CaseInsensitive);
}

bool isTransient(const HttpReply& reply)
{
    return reply.transportFailed() || reply.status >= 500;
}

Error errorFromReply(const HttpReply& reply, const QString& what)
{
    if (reply.cancelled)
        return makeError(QStringLiteral("Cancelled."), code::kCancelled);
    if (reply.transportFailed())
        return makeError(QStringLiteral("Could not %1: Strava could not be reached (%2). Check the connection; "
                                        "what was synced so far is kept.")
                             .arg(what, reply.networkError),
                         code::kUnavailable);
    const QString details = stravaErrorText(reply.body);
    switch (reply.status) {
    case 401:
        if (stravaErrorMentions(reply.body, QStringLiteral("permission")))
            return makeError(QStringLiteral("Could not %1: Strava says a permission is missing (%2). Connect again "
                                            "and leave \"View data about your activities\" ticked.")
                                 .arg(what, details),
                             code::kScope);
        return makeError(QStringLiteral("Could not %1: Strava no longer accepts TriCoach's access (%2) — it was "
                                        "revoked on Strava or has expired. Every synced activity stays here; "
                                        "reconnect Strava to sync again.")
                             .arg(what, details),
                         code::kUnauthorized);
    case 403:
        if (stravaErrorMentions(reply.body, QStringLiteral("limit of connected athletes")))
            return makeError(QStringLiteral("Strava refused: this Strava API application has reached its limit of "
                                            "connected athletes (%1). Use an application of your own (Settings ▸ "
                                            "Strava) or ask Strava to raise the limit.")
                                 .arg(details),
                             code::kAthleteCap);
        return makeError(QStringLiteral("Could not %1: Strava refused (%2).").arg(what, details), code::kRequest);
    case 404:
        return makeError(QStringLiteral("Could not %1: Strava has no such record (%2).").arg(what, details),
                         code::kNotFound);
    case 429:
        return makeError(QStringLiteral("Could not %1: Strava's rate limit is reached (%2).").arg(what, details),
                         code::kRateLimited);
    default:
        break;
    }
    if (reply.status >= 500)
        return makeError(QStringLiteral("Could not %1: Strava answered with a server error %2 (%3). What was synced "
                                        "so far is kept; try again later.")
                             .arg(what)
                             .arg(reply.status)
                             .arg(details),
                         code::kUnavailable);
    return makeError(QStringLiteral("Could not %1: Strava answered %2 (%3).").arg(what).arg(reply.status).arg(details),
                     code::kRequest);
}

} // namespace tricoach::strava
