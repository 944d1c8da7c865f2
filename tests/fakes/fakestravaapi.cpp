// Strava's API as developers.strava.com/docs/reference describes it, for the calls a sync makes: the athlete,
// the activity list, an activity, its streams; with bearer tokens, scopes and rate limits
// (developers.strava.com/docs/rate-limits).

#include "tests/fakes/fakestravastate.h"

#include <QLocale>
#include <QRegularExpression>

#include <algorithm>

namespace tricoach::fakes::strava {

namespace {

QByteArray pair(int a, int b)
{
    return QByteArray::number(a) + ',' + QByteArray::number(b);
}

// Counts the request against its app and says whether a limit is exceeded. Refused requests count as well
// ("requests violating the short term limit will still count toward the long term limit").
bool countRequest(State& s, const QString& clientId, HttpResponse& headersOut)
{
    RateUsage& u = s.usage[clientId];
    const qint64 secs = s.now().toSecsSinceEpoch();
    // Windows turn at :00, :15, :30, :45 and at midnight UTC: whole multiples of 900 s and 86400 s.
    if (u.window15 != secs / 900) {
        u.window15 = secs / 900;
        u.overall15 = u.read15 = 0;
    }
    if (u.day != secs / 86400) {
        u.day = secs / 86400;
        u.overallDay = u.readDay = 0;
    }
    ++u.overall15, ++u.overallDay, ++u.read15, ++u.readDay;
    // Strava's servers send their time (RFC 7231); here the virtual clock's, which a client on a scaled clock can
    // follow.
    headersOut.setHeader(
        "Date", QLocale::c().toString(s.now().toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1());
    headersOut.setHeader("X-RateLimit-Limit", pair(s.limit15, s.limitDay));
    headersOut.setHeader("X-RateLimit-Usage", pair(u.overall15, u.overallDay));
    headersOut.setHeader("X-ReadRateLimit-Limit", pair(s.readLimit15, s.readLimitDay));
    headersOut.setHeader("X-ReadRateLimit-Usage", pair(u.read15, u.readDay));
    return u.overall15 > s.limit15 || u.overallDay > s.limitDay || u.read15 > s.readLimit15 ||
           u.readDay > s.readLimitDay;
}

bool has(const AccessToken& token, const QString& scope)
{
    if (token.scopes.contains(scope))
        return true;
    return scope == QStringLiteral("activity:read") && token.scopes.contains(QStringLiteral("activity:read_all"));
}

HttpResponse notFound()
{
    return stravaError(404, QStringLiteral("Record Not Found"), QStringLiteral("Activity"), QStringLiteral("id"),
                       QStringLiteral("not found"));
}

HttpResponse missingActivityRead()
{
    return stravaError(401, QStringLiteral("Authorization Error"), QStringLiteral("AccessToken"),
                       QStringLiteral("activity:read_permission"), QStringLiteral("missing"));
}

HttpResponse badParameter(const QString& field)
{
    return stravaError(400, QStringLiteral("Bad Request"), QStringLiteral("Application"), field,
                       QStringLiteral("invalid"));
}

bool visibleTo(const StoredActivity& a, const AccessToken& token)
{
    if (a.summary[QStringLiteral("athlete")][QStringLiteral("id")].toInteger() != token.athleteId)
        return false;
    return !a.summary[QStringLiteral("private")].toBool() || token.scopes.contains(QStringLiteral("activity:read_all"));
}

HttpResponse listActivities(State& s, const AccessToken& token, const QUrlQuery& q)
{
    if (!has(token, QStringLiteral("activity:read")))
        return missingActivityRead();
    std::optional<double> before, after;
    int page = 1, perPage = 30;
    for (const auto& [key, value] : q.queryItems()) {
        bool ok = true;
        if (key == QStringLiteral("before"))
            before = value.toDouble(&ok);
        else if (key == QStringLiteral("after"))
            after = value.toDouble(&ok);
        else if (key == QStringLiteral("page"))
            page = std::max(1, value.toInt(&ok));
        else if (key == QStringLiteral("per_page"))
            perPage = value.toInt(&ok);
        if (!ok)
            return badParameter(key);
    }
    // per_page above 200 acts as 200; zero or less as the default.
    perPage = perPage <= 0 ? 30 : std::min(perPage, 200);
    QList<const StoredActivity*> found;
    for (const StoredActivity& a : s.activities) {
        if (!visibleTo(a, token))
            continue;
        const double start = static_cast<double>(
            QDateTime::fromString(a.summary[QStringLiteral("start_date")].toString(), Qt::ISODate).toSecsSinceEpoch());
        if ((before && start >= *before) || (after && start <= *after))
            continue;
        found.append(&a);
    }
    // Newest first; with `after` Strava lists oldest first, so paging forward walks forward in time.
    const bool ascending = after.has_value();
    std::stable_sort(found.begin(), found.end(), [ascending](const StoredActivity* x, const StoredActivity* y) {
        const QString a = x->summary[QStringLiteral("start_date")].toString();
        const QString b = y->summary[QStringLiteral("start_date")].toString();
        if (a == b) // same start: the later upload (higher id) counts as newer
            return ascending ==
                   (x->summary[QStringLiteral("id")].toInteger() < y->summary[QStringLiteral("id")].toInteger());
        return ascending ? a < b : a > b;
    });
    QJsonArray out;
    const qsizetype first = static_cast<qsizetype>(page - 1) * perPage;
    for (qsizetype i = first; i < found.size() && i < first + perPage; ++i)
        out.append(found[i]->summary);
    ++s.counters.listCalls;
    return HttpResponse::json(200, compact(out));
}

HttpResponse streams(const StoredActivity& a, QStringList keys, bool keyByType)
{
    const QList<Stream> all = generateStreams(a);
    if (all.isEmpty()) // a manual activity has no streams: Strava answers 404 "Resource Not Found"
        return HttpResponse::json(404, R"({"message":"Resource Not Found","errors":[]})");
    bool hasDistance = false;
    for (const Stream& st : all)
        hasDistance |= st.type == QStringLiteral("distance");
    // The series type (distance) always comes along; without keys, time and distance.
    if (keys.isEmpty())
        keys << QStringLiteral("time");
    if (hasDistance && !keys.contains(QStringLiteral("distance")))
        keys << QStringLiteral("distance");
    QJsonObject byType;
    QJsonArray list;
    for (const QString& key : keys) {
        for (const Stream& st : all) {
            if (st.type != key || byType.contains(key))
                continue;
            QJsonObject one{
                {QStringLiteral("data"), st.data},
                {QStringLiteral("series_type"), hasDistance ? QStringLiteral("distance") : QStringLiteral("time")},
                {QStringLiteral("original_size"), st.data.size()},
                {QStringLiteral("resolution"), QStringLiteral("high")}};
            byType.insert(key, one);
            one.insert(QStringLiteral("type"), key);
            list.append(one);
        }
    }
    return HttpResponse::json(200, keyByType ? compact(byType) : compact(list));
}

} // namespace

HttpResponse handleApi(State& s, const HttpRequest& request, const QString& route, QString& tokenUsed)
{
    const QByteArray auth = request.header("authorization");
    QString presented = auth.toLower().startsWith("bearer ") ? QString::fromLatin1(auth.mid(7).trimmed()) : QString();
    if (presented.isEmpty())
        presented = request.query().queryItemValue(QStringLiteral("access_token"));
    tokenUsed = presented;
    const auto held = s.accessTokens.constFind(presented);
    // Limits are per application; a token nobody issued is charged to the first app.
    const QString clientId = held != s.accessTokens.cend() ? held->clientId
                             : s.apps.isEmpty()            ? QString()
                                                           : s.apps.firstKey();
    if (!presented.isEmpty())
        ++s.counters.perToken[presented];
    HttpResponse limits;
    HttpResponse response;
    if (countRequest(s, clientId, limits)) {
        ++s.counters.tooManyRequests;
        response = stravaError(429, QStringLiteral("Rate Limit Exceeded"), QStringLiteral("Application"),
                               QStringLiteral("rate limit"), QStringLiteral("exceeded"));
    } else if (held == s.accessTokens.cend() || held->revoked || held->expiresAt <= s.now()) {
        response = stravaError(401, QStringLiteral("Authorization Error"), QStringLiteral("Athlete"),
                               QStringLiteral("access_token"), QStringLiteral("invalid"));
    } else {
        static const QRegularExpression activityPath(QStringLiteral("^/activities/(\\d+)(/streams(?:/([\\w,]+))?)?$"));
        const QRegularExpressionMatch m = activityPath.match(route);
        const AccessToken& token = *held;
        const bool get = request.method == "GET";
        if (get && route == QStringLiteral("/athlete")) {
            ++s.counters.athleteCalls;
            response = HttpResponse::json(200, compact(detailedAthlete(s.athletes[token.athleteId])));
        } else if (get && route == QStringLiteral("/athlete/activities")) {
            response = listActivities(s, token, parseForm(request.rawQuery));
        } else if (get && m.hasMatch()) {
            const bool wantsStreams = !m.captured(2).isEmpty();
            (wantsStreams ? s.counters.streamCalls : s.counters.activityCalls) += 1;
            const StoredActivity* a = s.activity(m.captured(1).toLongLong());
            if (!has(token, QStringLiteral("activity:read")))
                response = missingActivityRead();
            else if (!a || !visibleTo(*a, token))
                response = notFound();
            else if (!wantsStreams)
                response = HttpResponse::json(200, compact(detailedActivity(*a)));
            else {
                const QUrlQuery q = parseForm(request.rawQuery);
                const QString keys = m.captured(3).isEmpty() ? q.queryItemValue(QStringLiteral("keys")) : m.captured(3);
                response = streams(*a, keys.split(QLatin1Char(','), Qt::SkipEmptyParts),
                                   q.queryItemValue(QStringLiteral("key_by_type")) == QStringLiteral("true"));
            }
        } else {
            response = stravaError(404, QStringLiteral("Record Not Found"), QStringLiteral("resource"),
                                   QStringLiteral("path"), QStringLiteral("invalid"));
        }
    }
    for (const auto& [name, value] : limits.headers)
        response.setHeader(name, value);
    return response;
}

} // namespace tricoach::fakes::strava
