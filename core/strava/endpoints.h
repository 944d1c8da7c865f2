#pragma once
// Where Strava is: the API and the OAuth pages. Configurable because Strava moves its API to
// https://api-v3.strava.com (without the /api/v3 prefix) in 2027 while OAuth stays on www.strava.com, and because
// tests point both at an emulator.

#include <QString>
#include <QUrl>

namespace tricoach::strava {

struct StravaEndpoints {
    QUrl api = QUrl(QStringLiteral("https://www.strava.com/api/v3"));
    QUrl oauth = QUrl(QStringLiteral("https://www.strava.com"));

    // `configured` (Settings), with TRICOACH_STRAVA_API_BASE and TRICOACH_STRAVA_OAUTH_BASE taking precedence.
    static StravaEndpoints fromEnvironment(StravaEndpoints configured);
    static StravaEndpoints fromEnvironment();

    QUrl authorizeUrl() const; // <oauth>/oauth/authorize
    QUrl tokenUrl() const;     // <oauth>/oauth/token
    QUrl revokeUrl() const;    // <oauth>/oauth/revoke
    QUrl deauthorizeUrl() const;
    QUrl apiUrl(const QString& path) const; // <api><path>
};

// The athlete's own Strava API application (Settings ▸ Strava): Strava needs the client secret for the code exchange
// and every refresh, and a secret shipped in a desktop binary is public, so without the sync server each athlete
// (or club) registers an application of their own.
struct StravaApp {
    QString clientId;
    QString clientSecret;
    bool valid() const { return !clientId.trimmed().isEmpty() && !clientSecret.trimmed().isEmpty(); }
};

} // namespace tricoach::strava
