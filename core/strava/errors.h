#pragma once
// The failures of talking to Strava, as stable codes the CLI, the desktop and the sync act on, and Strava's error
// bodies ({"message", "errors":[{"resource","field","code"}]}) read into words.

#include "core/strava/httpclient.h"
#include "core/util/result.h"

namespace tricoach::strava {

namespace code {
inline const QString kUnauthorized = QStringLiteral("strava.unauthorized"); // revoked or expired: reconnect
inline const QString kScope = QStringLiteral("strava.scope");               // a permission was not granted
inline const QString kAppCredentials = QStringLiteral("strava.app-credentials");
inline const QString kAthleteCap = QStringLiteral("strava.athlete-cap"); // the application's athlete limit
inline const QString kRateLimited = QStringLiteral("strava.rate-limited");
inline const QString kUnavailable = QStringLiteral("strava.unavailable"); // 5xx or no connection, after retries
inline const QString kNotFound = QStringLiteral("strava.not-found");
inline const QString kRequest = QStringLiteral("strava.request"); // another 4xx: a bug of ours, never retried
inline const QString kMalformed = QStringLiteral("strava.malformed");
inline const QString kCancelled = QStringLiteral("strava.cancelled");
inline const QString kNotConnected = QStringLiteral("strava.not-connected");
inline const QString kSecrets = QStringLiteral("strava.secrets"); // the keychain failed
inline const QString kDenied = QStringLiteral("strava.denied");   // the athlete pressed Cancel
inline const QString kTimeout = QStringLiteral("strava.timeout");
inline const QString kBusy = QStringLiteral("strava.busy"); // another process syncs this athlete
} // namespace code

// Strava's error body in one line: "Authorization Error (access_token invalid)"; the raw start of the body when it
// is not Strava's JSON.
QString stravaErrorText(const QByteArray& body);
// Whether Strava's error body names `code` in one of its errors (case-insensitive substring).
bool stravaErrorMentions(const QByteArray& body, const QString& needle);

// The error for an HTTP failure of `what` ("list your activities"), classified by status and body.
Error errorFromReply(const HttpReply& reply, const QString& what);

// Whether a failed reply may be retried: no answer at all, or a server error. A 4xx is never retried blindly.
bool isTransient(const HttpReply& reply);

} // namespace tricoach::strava
