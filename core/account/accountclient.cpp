#include "core/account/accountclient.h"

#include "core/secrets/secretstore.h"
#include "core/util/datetime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QUrlQuery>

namespace tricoach::account {

namespace {

// Refresh a little before the hour is up, so a token never expires between being read and being presented.
constexpr int kRefreshMarginSec = 120;

QString iso(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

// The server's error body: {"error": {"code", "message"}}.
std::pair<QString, QString> serverError(const QByteArray& body)
{
    const QJsonObject e = QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toObject();
    return {e.value(QLatin1String("code")).toString(), e.value(QLatin1String("message")).toString()};
}

std::int64_t asInt64(const QJsonValue& v)
{
    return v.isString() ? v.toString().toLongLong() : static_cast<std::int64_t>(v.toDouble());
}

} // namespace

QString accountSecretKey(const QString& accountKey)
{
    return QStringLiteral("tricoach-account/") + accountKey;
}

QJsonObject AccountTokens::toJson() const
{
    return QJsonObject{{QStringLiteral("access_token"), accessToken},
                       {QStringLiteral("refresh_token"), refreshToken},
                       {QStringLiteral("expires_at"), iso(expiresAt)},
                       {QStringLiteral("session_id"), QString::number(sessionId)}};
}

std::optional<AccountTokens> AccountTokens::fromJson(const QJsonObject& json)
{
    AccountTokens t;
    t.accessToken = json.value(QLatin1String("access_token")).toString();
    t.refreshToken = json.value(QLatin1String("refresh_token")).toString();
    t.expiresAt = QDateTime::fromString(json.value(QLatin1String("expires_at")).toString(), Qt::ISODateWithMs).toUTC();
    t.sessionId = json.value(QLatin1String("session_id")).toString().toLongLong();
    if (t.accessToken.isEmpty() || t.refreshToken.isEmpty() || !t.expiresAt.isValid())
        return std::nullopt;
    return t;
}

AccountClient::AccountClient(QUrl server, SecretStore& secrets, QString secretKey, QString lockPath,
                             strava::HttpClient& http)
    : m_server(std::move(server))
    , m_secrets(secrets)
    , m_key(std::move(secretKey))
    , m_lockPath(std::move(lockPath))
    , m_http(http)
{
}

Error AccountClient::failure(const strava::HttpReply& reply, const QString& what) const
{
    const QString host = m_server.host();
    if (reply.cancelled)
        return makeError(QStringLiteral("Cancelled."), code::kCancelled);
    if (reply.transportFailed())
        return makeError(QStringLiteral("Could not %1: the TriCoach server %2 did not answer (%3). Check the address "
                                        "and your connection; nothing was changed.")
                             .arg(what, host, reply.networkError),
                         code::kUnavailable);
    const auto [errorCode, message] = serverError(reply.body);
    const QString said = message.isEmpty() ? QStringLiteral("HTTP %1").arg(reply.status) : message;
    if (reply.status == 401)
        return makeError(QStringLiteral("Your TriCoach session has ended (signed out elsewhere, or unused for too "
                                        "long): sign in again."),
                         code::kSignedOut);
    if (reply.status == 429)
        return makeError(QStringLiteral("The TriCoach server asks to slow down (%1); try again in %2 s.")
                             .arg(said, QString::fromLatin1(reply.header("Retry-After"))),
                         code::kBusy);
    if (reply.status >= 500 || reply.status == 0)
        return makeError(QStringLiteral("Could not %1: the TriCoach server %2 has a problem (%3); try again later.")
                             .arg(what, host, said),
                         code::kUnavailable);
    if (errorCode == QLatin1String("strava.not-connected"))
        return makeError(QStringLiteral("Your TriCoach account has no Strava sign-in: sign in to it with Strava "
                                        "(Settings ▸ Account ▸ Sign in)."),
                         code::kNoStrava);
    if (errorCode == QLatin1String("strava.unauthorized"))
        return makeError(QStringLiteral("Strava no longer lets your TriCoach account in (access revoked on "
                                        "Strava): sign in with Strava again."),
                         code::kStravaRevoked);
    return makeError(QStringLiteral("Could not %1: the TriCoach server said \"%2\".").arg(what, said), code::kRefused);
}

Result<AccountTokens> AccountClient::tokenCall(const QList<QPair<QString, QString>>& form)
{
    QUrlQuery q;
    for (const auto& [name, value] : form)
        q.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    q.addQueryItem(QStringLiteral("client_id"), QString::fromLatin1(kClientId));
    const strava::HttpReply reply =
        m_http.post(strava::joinUrl(m_server, QStringLiteral("/oauth/token")),
                    q.toString(QUrl::FullyEncoded).toLatin1(), "application/x-www-form-urlencoded");
    if (reply.status != 200) {
        if (reply.status == 400 && serverError(reply.body).first == QLatin1String("oauth.invalid_grant"))
            return makeError(
                QStringLiteral("The TriCoach server refused the sign-in (%1).").arg(serverError(reply.body).second),
                code::kSignedOut);
        return failure(reply, QStringLiteral("sign in"));
    }
    const QJsonObject json = QJsonDocument::fromJson(reply.body).object();
    AccountTokens t;
    t.accessToken = json.value(QLatin1String("access_token")).toString();
    t.refreshToken = json.value(QLatin1String("refresh_token")).toString();
    t.expiresAt = QDateTime::currentDateTimeUtc().addSecs(json.value(QLatin1String("expires_in")).toInt());
    t.sessionId = asInt64(json.value(QLatin1String("session_id")));
    if (t.accessToken.isEmpty() || t.refreshToken.isEmpty())
        return makeError(QStringLiteral("The TriCoach server's sign-in answer carried no tokens."), code::kRefused);
    return t;
}

Result<AccountTokens> AccountClient::exchangeCode(const QString& code, const QUrl& redirectUri, const QString& verifier)
{
    return tokenCall({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                      {QStringLiteral("code"), code},
                      {QStringLiteral("redirect_uri"), redirectUri.toString()},
                      {QStringLiteral("code_verifier"), verifier}});
}

Result<AccountTokens> AccountClient::stored() const
{
    auto read = m_secrets.read(m_key);
    if (!read)
        return makeError(QStringLiteral("Could not read the TriCoach sign-in from %1: %2")
                             .arg(m_secrets.location(), read.error().message),
                         code::kSecrets);
    if (!*read)
        return makeError(QStringLiteral("You are not signed in to a TriCoach account."), code::kNotSignedIn);
    auto tokens = AccountTokens::fromJson(QJsonDocument::fromJson((*read)->toUtf8()).object());
    if (!tokens)
        return makeError(QStringLiteral("The stored TriCoach sign-in is damaged: sign in again."), code::kNotSignedIn);
    return *tokens;
}

Result<void> AccountClient::save(const AccountTokens& tokens)
{
    const QString text = QString::fromUtf8(QJsonDocument(tokens.toJson()).toJson(QJsonDocument::Compact));
    if (auto written = m_secrets.write(m_key, text); !written)
        return makeError(QStringLiteral("Could not keep the TriCoach sign-in in %1: %2")
                             .arg(m_secrets.location(), written.error().message),
                         code::kSecrets);
    m_tokens = tokens;
    return {};
}

Result<void> AccountClient::forget()
{
    m_tokens.reset();
    if (auto removed = m_secrets.remove(m_key); !removed)
        return makeError(QStringLiteral("Could not remove the TriCoach sign-in from %1: %2")
                             .arg(m_secrets.location(), removed.error().message),
                         code::kSecrets);
    return {};
}

Result<QString> AccountClient::accessToken()
{
    if (!m_tokens) {
        auto s = stored();
        if (!s)
            return s.error();
        m_tokens = *s;
    }
    if (QDateTime::currentDateTimeUtc().secsTo(m_tokens->expiresAt) > kRefreshMarginSec)
        return m_tokens->accessToken;
    return refresh(*m_tokens);
}

Result<QString> AccountClient::refresh(const AccountTokens& from)
{
    QLockFile lock(m_lockPath);
    lock.setStaleLockTime(30'000);
    if (!lock.tryLock(20'000))
        return makeError(QStringLiteral("Another TriCoach process is renewing the sign-in and did not finish; try "
                                        "again."),
                         code::kUnavailable);
    // Another process may have refreshed meanwhile: its pair is the live one, and ours is already spent.
    if (auto s = stored(); s && s->refreshToken != from.refreshToken) {
        m_tokens = *s;
        if (QDateTime::currentDateTimeUtc().secsTo(s->expiresAt) > kRefreshMarginSec)
            return s->accessToken;
    }
    auto fresh = tokenCall({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                            {QStringLiteral("refresh_token"), m_tokens ? m_tokens->refreshToken : from.refreshToken}});
    if (!fresh)
        return fresh.error();
    if (fresh->sessionId == 0)
        fresh->sessionId = from.sessionId;
    if (auto saved = save(*fresh); !saved) {
        m_tokens = *fresh; // the old refresh token is spent: keep working with the new pair, and say so
        return saved.error();
    }
    return fresh->accessToken;
}

Result<AccountClient::Answer> AccountClient::call(const QByteArray& verb, const QString& path, const QUrlQuery& query)
{
    auto token = accessToken();
    if (!token)
        return token.error();
    for (int attempt = 0;; ++attempt) {
        QUrl url = strava::joinUrl(m_server, path);
        url.setQuery(query);
        const QList<QPair<QByteArray, QByteArray>> headers{{"Authorization", "Bearer " + token->toUtf8()}};
        const strava::HttpReply reply = verb == "GET"    ? m_http.get(url, headers)
                                        : verb == "POST" ? m_http.post(url, {}, {}, headers)
                                                         : m_http.del(url, headers);
        if (reply.status == 401 && attempt == 0 && m_tokens) {
            token = refresh(*m_tokens);
            if (!token)
                return token.error();
            continue;
        }
        if (reply.status >= 200 && reply.status < 300)
            return Answer{reply.status, reply.body};
        return failure(reply, QStringLiteral("reach your TriCoach account"));
    }
}

Result<AccountUser> AccountClient::me()
{
    auto answer = call("GET", QStringLiteral("/v1/me"));
    if (!answer)
        return answer.error();
    const QJsonObject json = QJsonDocument::fromJson(answer->body).object();
    AccountUser u;
    u.id = asInt64(json.value(QLatin1String("id")));
    u.displayName = json.value(QLatin1String("display_name")).toString();
    u.stravaAthleteId = asInt64(json.value(QLatin1String("strava_athlete_id")));
    if (u.id == 0)
        return makeError(QStringLiteral("The TriCoach server's answer about your account was not understood."),
                         code::kRefused);
    return u;
}

Result<void> AccountClient::endSession()
{
    auto answer = call("DELETE", QStringLiteral("/v1/sessions/current"));
    if (!answer)
        return answer.error();
    return {};
}

Result<wire::EventsPage> AccountClient::events(std::int64_t cursor)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("after"), QString::number(cursor));
    auto answer = call("GET", QStringLiteral("/v1/events"), query);
    if (!answer)
        return answer.error();
    const auto json = nlohmann::json::parse(answer->body.toStdString(), nullptr, false);
    try {
        if (!json.is_discarded())
            return json.get<wire::EventsPage>();
    } catch (const nlohmann::json::exception&) {
    }
    return makeError(QStringLiteral("The TriCoach server's list of events was not understood."), code::kRefused);
}

Result<BrokeredToken> AccountClient::stravaToken()
{
    auto answer = call("POST", QStringLiteral("/v1/strava/token"));
    if (!answer)
        return answer.error();
    const QJsonObject json = QJsonDocument::fromJson(answer->body).object();
    BrokeredToken t;
    t.accessToken = json.value(QLatin1String("access_token")).toString();
    t.expiresAt = utcFromMSecs(asInt64(json.value(QLatin1String("expires_at"))) * 1000);
    t.athleteId = asInt64(json.value(QLatin1String("athlete_id")));
    t.scopes = json.value(QLatin1String("scopes")).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (t.accessToken.isEmpty())
        return makeError(QStringLiteral("The TriCoach server's Strava answer carried no token."), code::kRefused);
    return t;
}

} // namespace tricoach::account
