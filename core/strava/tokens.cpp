#include "core/strava/tokens.h"

#include "core/strava/errors.h"
#include "core/util/datetime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QThread>
#include <QUrlQuery>

namespace tricoach::strava {

namespace {
const QString kReadAll = QStringLiteral("activity:read_all");
const QString kRead = QStringLiteral("activity:read");
} // namespace

bool StravaTokens::canReadActivities() const
{
    return scopes.contains(kRead) || scopes.contains(kReadAll);
}

bool StravaTokens::canReadPrivate() const
{
    return scopes.contains(kReadAll);
}

QJsonObject StravaTokens::toJson() const
{
    return QJsonObject{{QStringLiteral("access_token"), accessToken},
                       {QStringLiteral("refresh_token"), refreshToken},
                       {QStringLiteral("expires_at"), expiresAt.toSecsSinceEpoch()},
                       {QStringLiteral("scope"), scopes.join(QLatin1Char(','))},
                       {QStringLiteral("athlete_id"), QString::number(athleteId)},
                       {QStringLiteral("athlete_name"), athleteName}};
}

std::optional<StravaTokens> StravaTokens::fromJson(const QJsonObject& json)
{
    StravaTokens t;
    t.accessToken = json.value(QLatin1String("access_token")).toString();
    t.refreshToken = json.value(QLatin1String("refresh_token")).toString();
    t.expiresAt = utcFromMSecs(json.value(QLatin1String("expires_at")).toInteger() * 1000);
    t.scopes = scopesFromText(json.value(QLatin1String("scope")).toString());
    t.athleteId = json.value(QLatin1String("athlete_id")).toString().toLongLong();
    t.athleteName = json.value(QLatin1String("athlete_name")).toString();
    if (t.accessToken.isEmpty() || t.refreshToken.isEmpty())
        return std::nullopt;
    return t;
}

QStringList scopesFromText(const QString& text)
{
    QStringList scopes;
    for (const QString& s : text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
        if (!scopes.contains(s))
            scopes << s;
    }
    return scopes;
}

Result<StravaTokens> tokensFromAnswer(const QByteArray& body, const QDateTime& now, const StravaTokens* previous)
{
    QJsonParseError parse{};
    const QJsonObject o = QJsonDocument::fromJson(body, &parse).object();
    StravaTokens t = previous ? *previous : StravaTokens{};
    t.accessToken = o.value(QLatin1String("access_token")).toString();
    t.refreshToken = o.value(QLatin1String("refresh_token")).toString();
    if (t.accessToken.isEmpty() || t.refreshToken.isEmpty())
        return makeError(QStringLiteral("Strava's token answer holds no tokens (%1)").arg(stravaErrorText(body)),
                         code::kMalformed);
    if (o.value(QLatin1String("expires_at")).isDouble())
        t.expiresAt = utcFromMSecs(o.value(QLatin1String("expires_at")).toInteger() * 1000);
    else
        t.expiresAt = now.addSecs(o.value(QLatin1String("expires_in")).toInt(6 * 3600));
    const QJsonObject athlete = o.value(QLatin1String("athlete")).toObject();
    if (!athlete.isEmpty()) {
        const QJsonValue id = athlete.value(QLatin1String("id"));
        t.athleteId = id.isString() ? id.toString().toLongLong() : id.toInteger();
        t.athleteName = QStringLiteral("%1 %2")
                            .arg(athlete.value(QLatin1String("firstname")).toString(),
                                 athlete.value(QLatin1String("lastname")).toString())
                            .trimmed();
    }
    return t;
}

OwnAppBroker::OwnAppBroker(StravaApp app, StravaEndpoints endpoints, HttpClient& http)
    : m_app(std::move(app))
    , m_endpoints(std::move(endpoints))
    , m_http(http)
{
}

HttpReply OwnAppBroker::postToken(const QList<QPair<QString, QString>>& form)
{
    QUrlQuery q;
    q.setQueryItems(form);
    const QByteArray body = q.toString(QUrl::FullyEncoded).toUtf8();
    HttpReply reply;
    for (int attempt = 0; attempt < 4; ++attempt) {
        if (attempt > 0)
            QThread::msleep(static_cast<unsigned long>(250 << attempt));
        reply = m_http.post(m_endpoints.tokenUrl(), body, "application/x-www-form-urlencoded");
        if (!isTransient(reply) || reply.cancelled)
            break;
    }
    return reply;
}

Result<StravaTokens> OwnAppBroker::exchangeCode(const QString& code, const QStringList& scopes)
{
    const HttpReply reply = postToken({{QStringLiteral("client_id"), m_app.clientId},
                                       {QStringLiteral("client_secret"), m_app.clientSecret},
                                       {QStringLiteral("code"), code},
                                       {QStringLiteral("grant_type"), QStringLiteral("authorization_code")}});
    if (reply.status == 401 || (reply.status == 400 && stravaErrorMentions(reply.body, QStringLiteral("client"))))
        return makeError(QStringLiteral("Strava did not accept the application's client id or secret (%1). Check "
                                        "them in Settings ▸ Strava (strava.com/settings/api shows both).")
                             .arg(stravaErrorText(reply.body)),
                         code::kAppCredentials);
    if (reply.status != 200)
        return errorFromReply(reply, QStringLiteral("finish signing in to Strava"));
    StravaTokens previous;
    previous.scopes = scopes;
    return tokensFromAnswer(reply.body, QDateTime::currentDateTimeUtc(), &previous);
}

Result<StravaTokens> OwnAppBroker::refresh(const StravaTokens& tokens)
{
    const HttpReply reply = postToken({{QStringLiteral("client_id"), m_app.clientId},
                                       {QStringLiteral("client_secret"), m_app.clientSecret},
                                       {QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                                       {QStringLiteral("refresh_token"), tokens.refreshToken}});
    if (reply.status == 400 || reply.status == 401) {
        if (stravaErrorMentions(reply.body, QStringLiteral("client_")))
            return makeError(QStringLiteral("Strava did not accept the application's client id or secret (%1). "
                                            "Check them in Settings ▸ Strava.")
                                 .arg(stravaErrorText(reply.body)),
                             code::kAppCredentials);
        return makeError(QStringLiteral("Strava no longer accepts TriCoach's sign-in (%1): access was revoked on "
                                        "Strava. Every synced activity stays here; reconnect Strava to sync again.")
                             .arg(stravaErrorText(reply.body)),
                         code::kUnauthorized);
    }
    if (reply.status != 200)
        return errorFromReply(reply, QStringLiteral("renew the Strava sign-in"));
    return tokensFromAnswer(reply.body, QDateTime::currentDateTimeUtc(), &tokens);
}

Result<void> OwnAppBroker::revoke(const StravaTokens& tokens)
{
    // RFC 7009 revocation with the client's credentials; Strava's older deauthorize takes the access token.
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("token"), tokens.refreshToken);
    const QByteArray basic = (m_app.clientId + QLatin1Char(':') + m_app.clientSecret).toUtf8().toBase64();
    HttpReply reply = m_http.post(m_endpoints.revokeUrl(), form.toString(QUrl::FullyEncoded).toUtf8(),
                                  "application/x-www-form-urlencoded", {{"Authorization", "Basic " + basic}});
    if (reply.status == 200)
        return {};
    QUrlQuery deauth;
    deauth.addQueryItem(QStringLiteral("access_token"), tokens.accessToken);
    reply =
        m_http.post(m_endpoints.deauthorizeUrl(), deauth.toString(QUrl::FullyEncoded).toUtf8(),
                    "application/x-www-form-urlencoded", {{"Authorization", "Bearer " + tokens.accessToken.toUtf8()}});
    // A token Strava no longer knows is as revoked as it gets.
    if (reply.status == 200 || reply.status == 401)
        return {};
    return errorFromReply(reply, QStringLiteral("revoke TriCoach's access on Strava"));
}

} // namespace tricoach::strava
