#include "core/account/accountstate.h"

#include "core/store/activitystore.h"

namespace tricoach::account {

QJsonObject AccountState::toJson() const
{
    // 64-bit ids as strings: JSON numbers above 2^53 lose digits in other readers.
    return QJsonObject{
        {QStringLiteral("server"), server},
        {QStringLiteral("account_key"), accountKey},
        {QStringLiteral("user_id"), QString::number(userId)},
        {QStringLiteral("display_name"), displayName},
        {QStringLiteral("strava_athlete_id"), QString::number(stravaAthleteId)},
        {QStringLiteral("session_id"), QString::number(sessionId)},
        {QStringLiteral("event_cursor"), QString::number(eventCursor)},
        {QStringLiteral("problem"), problem},
    };
}

AccountState AccountState::fromJson(const QJsonObject& json)
{
    AccountState s;
    s.server = json.value(QLatin1String("server")).toString();
    s.accountKey = json.value(QLatin1String("account_key")).toString();
    s.userId = json.value(QLatin1String("user_id")).toString().toLongLong();
    s.displayName = json.value(QLatin1String("display_name")).toString();
    s.stravaAthleteId = json.value(QLatin1String("strava_athlete_id")).toString().toLongLong();
    s.sessionId = json.value(QLatin1String("session_id")).toString().toLongLong();
    s.eventCursor = json.value(QLatin1String("event_cursor")).toString().toLongLong();
    s.problem = json.value(QLatin1String("problem")).toString();
    return s;
}

AccountState loadAccountState(const ActivityStore& store, AthleteId athlete)
{
    return AccountState::fromJson(store.document(athlete, kAccountStateKey).value_or(QJsonObject()));
}

Result<void> saveAccountState(ActivityStore& store, AthleteId athlete, const AccountState& state)
{
    return store.setDocument(athlete, kAccountStateKey, state.toJson());
}

Result<QUrl> serverUrl(const QString& configured)
{
    const QString fromEnvironment = qEnvironmentVariable("TRICOACH_SYNC_URL").trimmed();
    const QString text = fromEnvironment.isEmpty() ? configured.trimmed() : fromEnvironment;
    if (text.isEmpty())
        return makeError(QStringLiteral("No TriCoach server is set: enter its address in Settings ▸ Account (or "
                                        "give --server, or set TRICOACH_SYNC_URL)."),
                         code::kServer);
    return checkServerAddress(text);
}

Result<QUrl> checkServerAddress(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
        return makeError(QStringLiteral("\"%1\" is not a server address: it should look like "
                                        "https://sync.example.org")
                             .arg(text),
                         code::kServer);
    // Plain http only to this machine: the session's tokens must not cross a network in the clear.
    const bool local = url.host() == QLatin1String("127.0.0.1") || url.host() == QLatin1String("::1") ||
                       url.host() == QLatin1String("localhost");
    if (scheme == QLatin1String("http") && !local)
        return makeError(QStringLiteral("The server %1 must be reached over https: sign-in tokens would otherwise "
                                        "cross the network readable by anyone on the way.")
                             .arg(text),
                         code::kServer);
    return url;
}

} // namespace tricoach::account
