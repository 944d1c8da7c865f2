// FakeStrava's control API under /_emulator/ (JSON), for tests that drive the emulator from another process:
// sign in as an athlete, grant tokens, add/edit/delete activities, inject faults, move the clock, read counters.

#include "tests/fakes/fakestravastate.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace tricoach::fakes::strava {

namespace {

HttpResponse ok(const QJsonObject& body = {{QStringLiteral("ok"), true}})
{
    return HttpResponse::json(200, compact(body));
}

HttpResponse problem(int status, const QString& message)
{
    return HttpResponse::json(status, compact(QJsonObject{{QStringLiteral("error"), message}}));
}

std::optional<FakeStrava::Fault::Kind> faultKind(const QString& name)
{
    using Kind = FakeStrava::Fault::Kind;
    static const QMap<QString, Kind> kinds{{QStringLiteral("server_error"), Kind::ServerError},
                                           {QStringLiteral("slow"), Kind::Slow},
                                           {QStringLiteral("truncated_body"), Kind::TruncatedBody},
                                           {QStringLiteral("connection_reset"), Kind::ConnectionReset},
                                           {QStringLiteral("expired_token"), Kind::ExpiredToken},
                                           {QStringLiteral("revoked_access"), Kind::RevokedAccess}};
    if (!kinds.contains(name))
        return std::nullopt;
    return kinds[name];
}

QJsonObject stats(const FakeStrava& owner)
{
    const FakeStrava::Counters c = owner.counters();
    QJsonObject perToken;
    for (auto it = c.perToken.begin(); it != c.perToken.end(); ++it)
        perToken.insert(it.key(), it.value());
    return {{QStringLiteral("list_calls"), c.listCalls},
            {QStringLiteral("activity_calls"), c.activityCalls},
            {QStringLiteral("stream_calls"), c.streamCalls},
            {QStringLiteral("athlete_calls"), c.athleteCalls},
            {QStringLiteral("too_many_requests"), c.tooManyRequests},
            {QStringLiteral("token_exchanges"), c.tokenExchanges},
            {QStringLiteral("refreshes"), c.refreshes},
            {QStringLiteral("per_token"), perToken},
            {QStringLiteral("virtual_now"), owner.virtualNow().toString(Qt::ISODate)}};
}

} // namespace

HttpResponse handleControl(State& s, FakeStrava& owner, const HttpRequest& request, const QString& route)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QByteArray method = request.method;
    const QUrlQuery query = parseForm(request.rawQuery);
    static const QRegularExpression oneActivity(QStringLiteral("^/_emulator/activities/(\\d+)$"));
    const QRegularExpressionMatch m = oneActivity.match(route);

    if (route == QStringLiteral("/_emulator/health"))
        return ok();
    if (method == "POST" && route == QStringLiteral("/_emulator/sign_in")) {
        const qint64 id = body[QStringLiteral("athlete_id")].toInteger();
        if (!s.athletes.contains(id))
            return problem(404, QStringLiteral("no such athlete"));
        owner.setSignedInAthlete(id);
        return ok();
    }
    if (method == "POST" && route == QStringLiteral("/_emulator/grant")) {
        QStringList scopes;
        for (const QJsonValue& v : body[QStringLiteral("scopes")].toArray())
            scopes << v.toString();
        const QString clientId = body[QStringLiteral("client_id")].isString()
                                     ? body[QStringLiteral("client_id")].toString()
                                     : QString::number(body[QStringLiteral("client_id")].toInteger());
        const qint64 athlete = body[QStringLiteral("athlete_id")].toInteger();
        if (!s.apps.contains(clientId) || !s.athletes.contains(athlete))
            return problem(404, QStringLiteral("no such app or athlete"));
        const FakeStrava::TokenSet set = owner.grant(clientId, athlete, scopes);
        return ok({{QStringLiteral("access_token"), set.accessToken},
                   {QStringLiteral("refresh_token"), set.refreshToken},
                   {QStringLiteral("expires_at"), set.expiresAt.toSecsSinceEpoch()},
                   {QStringLiteral("athlete_id"), set.athleteId}});
    }
    if (route == QStringLiteral("/_emulator/activities")) {
        const qint64 athlete = method == "GET" ? query.queryItemValue(QStringLiteral("athlete_id")).toLongLong()
                                               : body[QStringLiteral("athlete_id")].toInteger();
        if (!s.athletes.contains(athlete))
            return problem(404, QStringLiteral("no such athlete"));
        if (method == "GET") {
            QJsonArray out;
            for (const QJsonObject& a : owner.activities(athlete))
                out.append(a);
            return HttpResponse::json(200, compact(out));
        }
        if (method == "POST") {
            QJsonObject fields = body;
            fields.remove(QStringLiteral("athlete_id"));
            return ok({{QStringLiteral("id"), owner.addActivity(athlete, fields)}});
        }
    }
    if (m.hasMatch()) {
        const qint64 id = m.captured(1).toLongLong();
        const bool done = method == "DELETE"                       ? owner.deleteActivity(id)
                          : (method == "PUT" || method == "PATCH") ? owner.editActivity(id, body)
                                                                   : false;
        return done ? ok() : problem(404, QStringLiteral("no such activity"));
    }
    if (route == QStringLiteral("/_emulator/faults")) {
        if (method == "DELETE") {
            owner.clearFaults();
            return ok();
        }
        if (body.contains(QStringLiteral("random_probability"))) {
            owner.setRandomFaults(body[QStringLiteral("random_probability")].toDouble(),
                                  static_cast<quint32>(body[QStringLiteral("seed")].toInteger(1)));
            return ok();
        }
        const auto kind = faultKind(body[QStringLiteral("kind")].toString());
        if (!kind)
            return problem(400, QStringLiteral("kind must be server_error, slow, truncated_body, connection_reset, "
                                               "expired_token or revoked_access"));
        FakeStrava::Fault fault;
        fault.kind = *kind;
        fault.status = body[QStringLiteral("status")].toInt(500);
        fault.delayMs = body[QStringLiteral("delay_ms")].toInt(3000);
        fault.pathContains = body[QStringLiteral("path")].toString();
        fault.count = body[QStringLiteral("count")].toInt(1);
        owner.injectFault(fault);
        return ok();
    }
    if (route == QStringLiteral("/_emulator/clock")) {
        if (method == "POST") {
            if (body.contains(QStringLiteral("time_scale")))
                owner.setTimeScale(body[QStringLiteral("time_scale")].toDouble());
            if (body.contains(QStringLiteral("now")))
                owner.setVirtualNow(QDateTime::fromString(body[QStringLiteral("now")].toString(), Qt::ISODate));
        }
        return ok({{QStringLiteral("now"), owner.virtualNow().toString(Qt::ISODate)}});
    }
    if (route == QStringLiteral("/_emulator/stats"))
        return ok(stats(owner));
    if (route == QStringLiteral("/_emulator/requests")) {
        QJsonArray out;
        for (const FakeStrava::LoggedRequest& r : owner.requests())
            out.append(QJsonObject{{QStringLiteral("method"), r.method},
                                   {QStringLiteral("path"), r.path},
                                   {QStringLiteral("query"), r.query},
                                   {QStringLiteral("status"), r.status},
                                   {QStringLiteral("at"), r.at.toString(Qt::ISODateWithMs)}});
        return HttpResponse::json(200, compact(out));
    }
    if (route == QStringLiteral("/_emulator/revocations")) {
        QJsonArray out;
        for (const FakeStrava::Revocation& r : owner.revocations())
            out.append(QJsonObject{{QStringLiteral("how"), r.how},
                                   {QStringLiteral("client_id"), r.clientId},
                                   {QStringLiteral("athlete_id"), r.athleteId},
                                   {QStringLiteral("at"), r.at.toString(Qt::ISODate)}});
        return HttpResponse::json(200, compact(out));
    }
    return problem(404, QStringLiteral("unknown control endpoint"));
}

} // namespace tricoach::fakes::strava
