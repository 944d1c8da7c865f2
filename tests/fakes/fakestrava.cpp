#include "tests/fakes/fakestrava.h"

#include "tests/fakes/fakestravastate.h"

#include <QJsonDocument>

#include <algorithm>
#include <array>

namespace tricoach::fakes {

namespace strava {

State::State(FakeStrava* owner)
    : server([this, owner](const HttpRequest& request) {
        if (request.path.startsWith(QStringLiteral("/_emulator/")))
            return handleControl(*this, *owner, request, request.path);
        return handle(request);
    })
    , virtualBase(QDateTime::currentDateTimeUtc())
    , tokens(QRandomGenerator::global()->generate())
{
    realSince.start();
}

QDateTime State::now() const
{
    return virtualBase.addMSecs(static_cast<qint64>(static_cast<double>(realSince.elapsed()) * timeScale));
}

QString State::newToken()
{
    // Strava's tokens and codes are 40 lower-case hex digits.
    QString out;
    for (int i = 0; i < 5; ++i)
        out += QStringLiteral("%1").arg(tokens.generate(), 8, 16, QLatin1Char('0'));
    return out;
}

void State::revokeGrant(const QString& clientId, qint64 athleteId)
{
    for (AccessToken& token : accessTokens)
        if (token.clientId == clientId && token.athleteId == athleteId)
            token.revoked = true;
    for (RefreshToken& token : refreshTokens)
        if (token.clientId == clientId && token.athleteId == athleteId)
            token.revoked = true;
    if (apps.contains(clientId))
        apps[clientId].connected.remove(athleteId);
}

const StoredActivity* State::activity(qint64 id) const
{
    const auto it = activities.constFind(id);
    return it == activities.cend() ? nullptr : &it.value();
}

qint64 State::nextActivityId()
{
    // Strava numbers activities as they are uploaded: the newest upload has the highest id, with gaps.
    const qint64 last = activities.isEmpty() ? 12'000'000'000 : activities.lastKey();
    return last + 1000 + (last * 7919) % 400000;
}

namespace {

// The route without /api/v3: the API moves to api-v3.strava.com without the prefix, so both are served.
QString route(const QString& path)
{
    static const QString prefix = QStringLiteral("/api/v3");
    if (path == prefix)
        return QStringLiteral("/");
    if (path.startsWith(prefix + QLatin1Char('/')))
        return path.mid(prefix.size());
    return path;
}

bool matches(const FakeStrava::Fault& fault, const QString& path, bool isApi)
{
    using Kind = FakeStrava::Fault::Kind;
    const bool tokenFault = fault.kind == Kind::ExpiredToken || fault.kind == Kind::RevokedAccess;
    if (tokenFault && !isApi)
        return false;
    return fault.pathContains.isEmpty() ? isApi : path.contains(fault.pathContains);
}

HttpResponse serverError(int status)
{
    if (status == 500)
        return stravaError(500, QStringLiteral("Internal Server Error"), {}, {}, {});
    // 502 and 503 come from Strava's edge as HTML, not from the API.
    return HttpResponse::html(status, "<html><head><title>" + QByteArray::number(status) + ' ' + reasonPhrase(status) +
                                          "</title></head><body><h1>" + reasonPhrase(status) + "</h1></body></html>");
}

} // namespace

HttpResponse State::handle(const HttpRequest& request)
{
    using Kind = FakeStrava::Fault::Kind;
    const QString path = route(request.path);
    if (path == QStringLiteral("/favicon.ico")) // a browser showing the authorize page asks; not an API call
        return HttpResponse::html(404, "<html><body>Not Found</body></html>");
    if (path == QStringLiteral("/push_subscriptions") || path.startsWith(QStringLiteral("/push_subscriptions/"))) {
        // Webhook subscriptions are the app's business (client id and secret), outside the faults and rate limits.
        HttpResponse response = handlePushSubscriptions(*this, request, path);
        log.append({QString::fromLatin1(request.method),
                    path,
                    QString::fromLatin1(request.rawQuery),
                    response.status,
                    now(),
                    {}});
        return response;
    }
    const bool isOAuth = path.startsWith(QStringLiteral("/oauth/"));
    std::optional<FakeStrava::Fault> fault;
    for (qsizetype i = 0; i < faults.size(); ++i) {
        if (!matches(faults[i].fault, path, !isOAuth))
            continue;
        fault = faults[i].fault;
        if (faults[i].remaining > 0 && --faults[i].remaining == 0)
            faults.removeAt(i);
        break;
    }
    if (!fault && !isOAuth && randomFaultProbability > 0 && randomFaults.generateDouble() < randomFaultProbability) {
        FakeStrava::Fault random;
        switch (randomFaults.bounded(4)) {
        case 0:
            random.kind = Kind::ServerError;
            random.status = std::array{500, 502, 503}[randomFaults.bounded(3)];
            break;
        case 1:
            random.kind = Kind::Slow;
            random.delayMs = 300 + static_cast<int>(randomFaults.bounded(1200));
            break;
        case 2:
            random.kind = Kind::TruncatedBody;
            break;
        default:
            random.kind = Kind::ConnectionReset;
        }
        fault = random;
    }

    FakeStrava::LoggedRequest entry{
        QString::fromLatin1(request.method), path, QString::fromLatin1(request.rawQuery), 0, now(), {}};
    HttpResponse response;
    if (fault && fault->kind == Kind::ConnectionReset) {
        response.reset = true;
    } else {
        if (fault && !isOAuth) {
            // The token faults act on the token the request carries, then the request runs as usual.
            const QByteArray auth = request.header("authorization");
            const QString token = QString::fromLatin1(auth.mid(auth.indexOf(' ') + 1));
            if (accessTokens.contains(token) && fault->kind == Kind::ExpiredToken)
                accessTokens[token].expiresAt = now().addSecs(-1);
            if (accessTokens.contains(token) && fault->kind == Kind::RevokedAccess) {
                const AccessToken held = accessTokens[token];
                revokeGrant(held.clientId, held.athleteId);
                revocations.append({QStringLiteral("site"), held.clientId, held.athleteId, {}, now()});
            }
        }
        if (isOAuth) {
            response = fault && fault->kind == Kind::ServerError ? serverError(fault->status)
                                                                 : handleOAuth(*this, request, path);
        } else {
            response = handleApi(*this, request, path, entry.accessToken);
            if (fault && fault->kind == Kind::ServerError) {
                const HttpResponse counted = response;
                response = serverError(fault->status);
                for (const auto& [name, value] : counted.headers)
                    if (name.startsWith("X-"))
                        response.setHeader(name, value);
            }
        }
        if (fault && fault->kind == Kind::Slow)
            response.delayMs = fault->delayMs;
        if (fault && fault->kind == Kind::TruncatedBody)
            response.truncate = true;
        entry.status = response.status;
    }
    log.append(entry);
    return response;
}

HttpResponse stravaError(int status, const QString& message, const QString& resource, const QString& field,
                         const QString& code)
{
    QJsonArray errors;
    if (!resource.isEmpty() || !code.isEmpty())
        errors.append(QJsonObject{
            {QStringLiteral("resource"), resource}, {QStringLiteral("field"), field}, {QStringLiteral("code"), code}});
    return HttpResponse::json(
        status, compact(QJsonObject{{QStringLiteral("message"), message}, {QStringLiteral("errors"), errors}}));
}

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray compact(const QJsonArray& array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

} // namespace strava

using strava::State;

FakeStrava::FakeStrava(QObject* parent)
    : QObject(parent)
    , d(std::make_unique<State>(this))
{
}

FakeStrava::~FakeStrava() = default;

bool FakeStrava::start(quint16 port)
{
    return d->server.listen(port);
}

QUrl FakeStrava::apiBase() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/api/v3").arg(d->server.port()));
}

QUrl FakeStrava::oauthBase() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(d->server.port()));
}

void FakeStrava::addApp(const QString& clientId, const QString& clientSecret, const QString& callbackDomain)
{
    d->apps.insert(clientId, {clientId, clientSecret, callbackDomain, {}});
}

void FakeStrava::addAthlete(qint64 id, const QString& firstname, const QString& lastname)
{
    d->athletes.insert(id, strava::makeAthlete(id, firstname, lastname));
    if (d->signedIn == 0)
        d->signedIn = id;
}

void FakeStrava::seed(qint64 athleteId, int count, quint32 randomSeed)
{
    if (!d->athletes.contains(athleteId))
        return;
    for (strava::StoredActivity& activity :
         strava::generateHistory(d->athletes[athleteId], count, randomSeed, d->now())) {
        qint64 id = activity.summary[QStringLiteral("id")].toInteger();
        while (d->activities.contains(id))
            ++id;
        activity.summary[QStringLiteral("id")] = id;
        d->activities.insert(id, activity);
    }
}

void FakeStrava::setSignedInAthlete(qint64 athleteId)
{
    d->signedIn = athleteId;
}

qint64 FakeStrava::addActivity(qint64 athleteId, const QJsonObject& fields)
{
    if (!d->athletes.contains(athleteId))
        return 0;
    const strava::Athlete& athlete = d->athletes[athleteId];
    const QDateTime start = fields.contains(QStringLiteral("start_date"))
                                ? QDateTime::fromString(fields[QStringLiteral("start_date")].toString(), Qt::ISODate)
                                : d->now().addSecs(-3 * 3600);
    const QString sport = fields[QStringLiteral("sport_type")].toString(QStringLiteral("Run"));
    const qint64 id = d->nextActivityId();
    strava::StoredActivity activity =
        strava::generateActivity(athlete, start, sport, static_cast<quint32>(id * 2654435761ULL));
    activity.summary[QStringLiteral("id")] = id;
    strava::applyChanges(activity, fields, athlete);
    d->activities.insert(id, activity);
    return id;
}

bool FakeStrava::editActivity(qint64 activityId, const QJsonObject& changes)
{
    if (!d->activities.contains(activityId))
        return false;
    strava::StoredActivity& activity = d->activities[activityId];
    const qint64 owner = activity.summary[QStringLiteral("athlete")][QStringLiteral("id")].toInteger();
    strava::applyChanges(activity, changes, d->athletes.value(owner));
    return true;
}

bool FakeStrava::deleteActivity(qint64 activityId)
{
    return d->activities.remove(activityId) > 0;
}

QList<QJsonObject> FakeStrava::activities(qint64 athleteId) const
{
    QList<QJsonObject> out;
    for (const strava::StoredActivity& activity : d->activities)
        if (activity.summary[QStringLiteral("athlete")][QStringLiteral("id")].toInteger() == athleteId)
            out.append(activity.summary);
    std::stable_sort(out.begin(), out.end(), [](const QJsonObject& a, const QJsonObject& b) {
        const QString x = a[QStringLiteral("start_date")].toString(), y = b[QStringLiteral("start_date")].toString();
        return x != y ? x > y : a[QStringLiteral("id")].toInteger() > b[QStringLiteral("id")].toInteger();
    });
    return out;
}

FakeStrava::TokenSet FakeStrava::grant(const QString& clientId, qint64 athleteId, const QStringList& scopes)
{
    return strava::issueTokens(*d, clientId, athleteId, scopes);
}

QUrl FakeStrava::authorizeDecision(const QUrl& authorizeUrl, bool approve, const QStringList& untickedScopes)
{
    return strava::authorizeDecision(*d, authorizeUrl, approve, untickedScopes);
}

void FakeStrava::setRotateRefreshTokens(bool rotate)
{
    d->rotateRefreshTokens = rotate;
}

void FakeStrava::setRateLimits(int overall15, int overallDay, int read15, int readDay)
{
    d->limit15 = overall15;
    d->limitDay = overallDay;
    d->readLimit15 = read15;
    d->readLimitDay = readDay;
}

void FakeStrava::setAthleteCap(int connectedAthletes)
{
    d->athleteCap = connectedAthletes;
}

void FakeStrava::setTimeScale(double virtualSecondsPerRealSecond)
{
    d->virtualBase = d->now();
    d->realSince.restart();
    d->timeScale = virtualSecondsPerRealSecond;
}

void FakeStrava::setVirtualNow(const QDateTime& now)
{
    d->virtualBase = now.toUTC();
    d->realSince.restart();
}

QDateTime FakeStrava::virtualNow() const
{
    return d->now();
}

void FakeStrava::injectFault(const Fault& fault)
{
    d->faults.append({fault, fault.count == 0 ? 1 : fault.count});
}

void FakeStrava::setRandomFaults(double probability, quint32 seed)
{
    d->randomFaultProbability = probability;
    d->randomFaults.seed(seed);
}

void FakeStrava::clearFaults()
{
    d->faults.clear();
    d->randomFaultProbability = 0;
}

QList<FakeStrava::LoggedRequest> FakeStrava::requests() const
{
    return d->log;
}

QList<FakeStrava::Revocation> FakeStrava::revocations() const
{
    return d->revocations;
}

FakeStrava::Counters FakeStrava::counters() const
{
    return d->counters;
}

} // namespace tricoach::fakes
