#pragma once
// The inside of FakeStrava (tests/fakes/fakestrava.h): what the emulated Strava knows (apps, athletes,
// activities, tokens, rate-limit usage, faults) and the functions each part of it (OAuth, API, data, streams,
// control) is made of. Not for tests to include.

#include "tests/fakes/fakehttp.h"
#include "tests/fakes/fakestrava.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QMap>
#include <QRandomGenerator>

#include <optional>

namespace tricoach::fakes::strava {

// Strava's documented token lifetimes (developers.strava.com/docs/authentication).
constexpr qint64 kAccessTokenSeconds = 6 * 3600;
constexpr qint64 kRefreshKeepsTokenSeconds = 3600; // more than this left: a refresh returns the same token
constexpr qint64 kCodeSeconds = 5 * 60;

struct App {
    QString clientId;
    QString secret;
    QString callbackDomain;
    QMap<qint64, QStringList> connected; // athlete -> scopes of their live grant
};

struct Athlete {
    qint64 id = 0;
    QString firstname, lastname, username, city, state, country, sex;
    bool premium = false;
    QDateTime createdAt;
    double weight = 70;
    double homeLat = 0, homeLng = 0;
    QByteArray homeZone;
};

struct StoredActivity {
    QJsonObject summary; // SummaryActivity as the list endpoint shows it
    quint32 streamSeed = 0;
    bool hasTemp = false;
    QString deviceName;
    QString description;
};

struct AccessToken {
    QString clientId;
    qint64 athleteId = 0;
    QStringList scopes;
    QDateTime expiresAt;
    bool revoked = false;
};

struct RefreshToken {
    QString clientId;
    qint64 athleteId = 0;
    QStringList scopes;
    QString accessToken; // the latest access token issued with it
    bool revoked = false;
};

struct AuthCode {
    QString clientId;
    qint64 athleteId = 0;
    QStringList scopes;
    QDateTime expiresAt;
    bool used = false;
};

// One authorize page shown and not yet answered.
struct PendingAuthorization {
    QString clientId;
    QString redirectUri;
    QString state;
    QStringList requested;
    qint64 athleteId = 0;
    bool force = false;
};

struct RateUsage {
    qint64 window15 = -1, day = -1;
    int overall15 = 0, overallDay = 0, read15 = 0, readDay = 0;
};

struct ActiveFault {
    FakeStrava::Fault fault;
    int remaining = 1;
};

struct State {
    explicit State(FakeStrava* owner);

    QDateTime now() const;
    QString newToken();
    HttpResponse handle(const HttpRequest& request);
    // Kills every token `athleteId` holds for `clientId` and disconnects them.
    void revokeGrant(const QString& clientId, qint64 athleteId);
    const StoredActivity* activity(qint64 id) const;
    qint64 nextActivityId();

    HttpServer server;
    QMap<QString, App> apps;
    QMap<qint64, Athlete> athletes;
    QMap<qint64, StoredActivity> activities; // by id, across athletes
    qint64 signedIn = 0;
    QHash<QString, AccessToken> accessTokens;
    QHash<QString, RefreshToken> refreshTokens;
    QHash<QString, AuthCode> codes;
    QHash<QString, PendingAuthorization> pending;
    bool rotateRefreshTokens = true;
    int athleteCap = -1;
    int limit15 = 200, limitDay = 2000, readLimit15 = 100, readLimitDay = 1000;
    QMap<QString, RateUsage> usage; // by client id

    QDateTime virtualBase;
    QElapsedTimer realSince;
    double timeScale = 1;

    QList<ActiveFault> faults;
    double randomFaultProbability = 0;
    QRandomGenerator randomFaults;
    QRandomGenerator tokens;

    QMap<QString, FakeStrava::PushSubscription> pushSubscriptions; // by client id: one per app
    qint64 lastPushId = 120000;

    QList<FakeStrava::LoggedRequest> log;
    QList<FakeStrava::Revocation> revocations;
    FakeStrava::Counters counters;
};

// Strava's error body: {"message": ..., "errors": [{"resource", "field", "code"}]}.
HttpResponse stravaError(int status, const QString& message, const QString& resource, const QString& field,
                         const QString& code);
QByteArray compact(const QJsonObject& object);
QByteArray compact(const QJsonArray& array);

// fakestravaoauth.cpp
HttpResponse handleOAuth(State& s, const HttpRequest& request, const QString& route);
QUrl authorizeDecision(State& s, const QUrl& authorizeUrl, bool approve, const QStringList& untickedScopes);
FakeStrava::TokenSet issueTokens(State& s, const QString& clientId, qint64 athleteId, const QStringList& scopes);

// fakestravaapi.cpp
HttpResponse handleApi(State& s, const HttpRequest& request, const QString& route, QString& tokenUsed);

// fakestravapush.cpp: /push_subscriptions, and a blocking HTTP call to a subscriber's callback.
HttpResponse handlePushSubscriptions(State& s, const HttpRequest& request, const QString& route);
struct CallbackAnswer {
    int status = 0; // 0: no answer within the timeout
    QByteArray body;
};
CallbackAnswer callSubscriber(const QUrl& url, const QByteArray& method, const QByteArray& body, int timeoutMs);

// fakestravacontrol.cpp: the JSON control API under /_emulator/.
HttpResponse handleControl(State& s, FakeStrava& owner, const HttpRequest& request, const QString& route);

// fakestravadata.cpp
Athlete makeAthlete(qint64 id, const QString& firstname, const QString& lastname);
QJsonObject summaryAthlete(const Athlete& athlete);
QJsonObject detailedAthlete(const Athlete& athlete);
QList<StoredActivity> generateHistory(const Athlete& athlete, int count, quint32 seed, const QDateTime& now);
StoredActivity generateActivity(const Athlete& athlete, const QDateTime& startUtc, const QString& sportType,
                                quint32 seed);
// Gives the activity its id and the ids derived from it (map, upload).
void assignId(StoredActivity& activity, qint64 id);
// Applies Strava field changes, keeping what depends on them (type, visibility, average speed) consistent.
void applyChanges(StoredActivity& activity, const QJsonObject& changes, const Athlete& athlete);
QJsonObject detailedActivity(const StoredActivity& activity);

// fakestravastreams.cpp: streams consistent with the summary; empty for a manual activity.
struct Stream {
    QString type;
    QJsonArray data;
};
QList<Stream> generateStreams(const StoredActivity& activity);
// A closed loop of the activity's length starting at its start_latlng; `fraction` 0..1 along it.
QPair<double, double> routePoint(const QJsonObject& summary, quint32 seed, double fraction);
QString encodePolyline(const QList<QPair<double, double>>& points);

} // namespace tricoach::fakes::strava
