#include "core/strava/endpoints.h"

#include "core/strava/httpclient.h"

namespace tricoach::strava {

StravaEndpoints StravaEndpoints::fromEnvironment(StravaEndpoints configured)
{
    const auto fromEnv = [](const char* name, QUrl& target) {
        const QString value = qEnvironmentVariable(name).trimmed();
        const QUrl url(value);
        if (!value.isEmpty() && url.isValid() && !url.host().isEmpty())
            target = url;
    };
    fromEnv("TRICOACH_STRAVA_API_BASE", configured.api);
    fromEnv("TRICOACH_STRAVA_OAUTH_BASE", configured.oauth);
    return configured;
}

StravaEndpoints StravaEndpoints::fromEnvironment()
{
    return fromEnvironment(StravaEndpoints{});
}

QUrl StravaEndpoints::authorizeUrl() const
{
    return joinUrl(oauth, QStringLiteral("/oauth/authorize"));
}

QUrl StravaEndpoints::tokenUrl() const
{
    return joinUrl(oauth, QStringLiteral("/oauth/token"));
}

QUrl StravaEndpoints::revokeUrl() const
{
    return joinUrl(oauth, QStringLiteral("/oauth/revoke"));
}

QUrl StravaEndpoints::deauthorizeUrl() const
{
    return joinUrl(oauth, QStringLiteral("/oauth/deauthorize"));
}

QUrl StravaEndpoints::apiUrl(const QString& path) const
{
    return joinUrl(api, path);
}

} // namespace tricoach::strava
