#pragma once
// An emulator of Strava's public API (developers.strava.com: Authentication, Rate Limits, API reference) on a
// loopback port, for sync tests that cannot reach Strava: OAuth (authorize page, token exchange and refresh,
// deauthorize, revoke), the athlete, activities and streams endpoints with Strava's JSON and error bodies, rate
// limits with their headers on a virtual clock, seeded realistic activity histories, and injectable faults. It
// serves the API under /api/v3/... and under /... (api-v3.strava.com drops the prefix), OAuth under /oauth/... and
// /api/v3/oauth/..., and a JSON control API under /_emulator/ for tests in other processes.

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <optional>

namespace tricoach::fakes {

namespace strava {
struct State;
}

class FakeStrava : public QObject {
    Q_OBJECT
public:
    // A fault a test plays on the next matching requests.
    struct Fault {
        enum class Kind {
            ServerError,     // `status` (500, 502, 503) with the body Strava's servers or its edge send
            Slow,            // the normal answer, `delayMs` late
            TruncatedBody,   // Content-Length promises the whole body, half is sent, the connection closes
            ConnectionReset, // the connection closes without an answer
            ExpiredToken,    // 401 as if the access token had expired
            RevokedAccess,   // the athlete deauthorized the app on Strava's site: every token of theirs dies
        };
        Kind kind = Kind::ServerError;
        int status = 500;
        int delayMs = 3000;
        QString pathContains; // matched against the path without /api/v3; empty: every API path (not OAuth)
        int count = 1;        // how many matching requests it hits; -1: all of them
    };

    // The tokens POST /oauth/token answers with.
    struct TokenSet {
        QString accessToken;
        QString refreshToken;
        QDateTime expiresAt;
        qint64 athleteId = 0;
    };

    struct LoggedRequest {
        QString method;
        QString path;   // without /api/v3
        QString query;  // percent-encoded, as sent
        int status = 0; // 0: the connection was reset without an answer
        QDateTime at;   // on the virtual clock
        QString accessToken;
    };

    struct Revocation {
        QString how; // "deauthorize", "revoke" (RFC 7009) or "site" (the RevokedAccess fault)
        QString clientId;
        qint64 athleteId = 0;
        QString token; // the token presented; empty for "site"
        QDateTime at;
    };

    struct Counters {
        int listCalls = 0;     // GET /athlete/activities
        int activityCalls = 0; // GET /activities/{id}
        int streamCalls = 0;   // GET /activities/{id}/streams
        int athleteCalls = 0;  // GET /athlete
        int tooManyRequests = 0;
        int tokenExchanges = 0;      // grant_type=authorization_code answered 200
        int refreshes = 0;           // grant_type=refresh_token answered 200
        QMap<QString, int> perToken; // API requests by the access token they carried
    };

    explicit FakeStrava(QObject* parent = nullptr);
    ~FakeStrava() override;

    // Listens on 127.0.0.1; port 0 picks a free one.
    bool start(quint16 port = 0);
    QUrl apiBase() const;   // http://127.0.0.1:P/api/v3
    QUrl oauthBase() const; // http://127.0.0.1:P (clients append /oauth/authorize, /oauth/token, ...)

    // Apps and athletes. A redirect_uri must point at the app's callback domain, localhost or 127.0.0.1.
    void addApp(const QString& clientId, const QString& clientSecret, const QString& callbackDomain = {});
    void addAthlete(qint64 id, const QString& firstname, const QString& lastname);
    // `count` realistic activities going back from now, about one a day; the same seed gives the same history.
    void seed(qint64 athleteId, int count, quint32 randomSeed);
    // The athlete the authorize page grants for (the browser's Strava login); the first athlete until set.
    void setSignedInAthlete(qint64 athleteId);

    // Between-sync changes. `fields` / `changes` are Strava activity fields (name, sport_type, private,
    // distance, start_date, ...); a new activity is generated around them. Return the id / whether it existed.
    qint64 addActivity(qint64 athleteId, const QJsonObject& fields = {});
    bool editActivity(qint64 activityId, const QJsonObject& changes);
    bool deleteActivity(qint64 activityId);
    // The current truth, newest first, as SummaryActivity JSON.
    QList<QJsonObject> activities(qint64 athleteId) const;

    // Headless OAuth: a valid token set as if the athlete had approved `scopes` (read is always granted).
    TokenSet grant(const QString& clientId, qint64 athleteId, const QStringList& scopes);
    // The redirect a browser would follow after pressing Authorize (unticking some scopes) or Cancel on the page
    // `authorizeUrl` shows; an invalid QUrl when Strava would show an error page instead.
    QUrl authorizeDecision(const QUrl& authorizeUrl, bool approve, const QStringList& untickedScopes = {});
    // Strava says to keep only the most recent refresh token; by default (true) each new access token comes with
    // a new refresh token and the old one dies at once. false hands back the same refresh token.
    void setRotateRefreshTokens(bool rotate);

    // Rate limits (requests per 15 minutes and per day, overall and "non-upload" read) and the athlete cap.
    void setRateLimits(int overall15, int overallDay, int read15, int readDay);
    // A new athlete beyond the cap is refused when pressing Authorize (403 page) and at the token exchange (403
    // JSON). -1: no cap (the default).
    void setAthleteCap(int connectedAthletes);

    // The virtual clock: rate windows, token and code expiry follow it.
    void setTimeScale(double virtualSecondsPerRealSecond);
    void setVirtualNow(const QDateTime& now);
    QDateTime virtualNow() const;

    // Webhooks (developers.strava.com/docs/webhooks): the app's one push subscription, managed by clients through
    // GET/POST/DELETE /push_subscriptions (a POST validates the callback with a GET hub.challenge first).
    struct PushSubscription {
        qint64 id = 0;
        QString callbackUrl;
        QDateTime createdAt;
    };
    std::optional<PushSubscription> pushSubscription(const QString& clientId) const;
    // Puts a subscription in place without validating it (an old one pointing elsewhere, say).
    qint64 setPushSubscription(const QString& clientId, const QString& callbackUrl);
    // What a delivery of an event came to: Strava tries up to 3 times while the answer is not 200 within 2 s.
    struct PushDelivery {
        int attempts = 0;
        QList<int> statuses; // per attempt; 0: no answer in time
        bool delivered() const { return !statuses.isEmpty() && statuses.last() == 200; }
    };
    // POSTs `event` (Strava's fields; subscription_id is filled in when absent) to the app's callback. Blocks.
    PushDelivery pushEvent(const QString& clientId, QJsonObject event);
    // Strava's event for an activity (create / update / delete) or an athlete (updates.authorized "false").
    static QJsonObject webhookEvent(const QString& objectType, qint64 objectId, const QString& aspectType,
                                    qint64 ownerId, qint64 eventTime, const QJsonObject& updates = {});

    void injectFault(const Fault& fault);
    void setRandomFaults(double probability, quint32 seed);
    void clearFaults();

    QList<LoggedRequest> requests() const;
    QList<Revocation> revocations() const;
    Counters counters() const;

private:
    std::unique_ptr<strava::State> d;
};

} // namespace tricoach::fakes
