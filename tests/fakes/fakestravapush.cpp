// Strava's webhook side (developers.strava.com/docs/webhooks): push subscriptions — one per application, created
// with client_id, client_secret, callback_url and verify_token after Strava has validated the callback with a GET
// carrying hub.mode=subscribe, hub.challenge and hub.verify_token (the callback must answer 200 within two seconds
// with {"hub.challenge": ...}) — and event delivery: a POST of the event to the callback, retried up to three times
// in all while the answer is not 200 within two seconds.
#include "tests/fakes/fakestravastate.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTcpSocket>

namespace tricoach::fakes {

namespace strava {

namespace {

constexpr int kCallbackTimeoutMs = 2000;
constexpr int kDeliveryAttempts = 3;

// Fields come as a form body or in the query (Strava's examples use both).
QString field(const HttpRequest& request, const QString& name)
{
    const QUrlQuery form = parseForm(request.body);
    if (form.hasQueryItem(name))
        return form.queryItemValue(name, QUrl::FullyDecoded);
    return request.query().queryItemValue(name, QUrl::FullyDecoded);
}

HttpResponse badRequest(const QString& field, const QString& code)
{
    return stravaError(400, QStringLiteral("Bad Request"), QStringLiteral("PushSubscription"), field, code);
}

QJsonObject describe(const FakeStrava::PushSubscription& p, const QString& clientId)
{
    const QString at = p.createdAt.toString(Qt::ISODate);
    return {{QStringLiteral("id"), p.id},
            {QStringLiteral("resource_state"), 2},
            {QStringLiteral("application_id"), clientId.toLongLong()},
            {QStringLiteral("callback_url"), p.callbackUrl},
            {QStringLiteral("created_at"), at},
            {QStringLiteral("updated_at"), at}};
}

} // namespace

CallbackAnswer callSubscriber(const QUrl& url, const QByteArray& method, const QByteArray& body, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    const auto left = [&] { return std::max(1, timeoutMs - static_cast<int>(clock.elapsed())); };
    QTcpSocket socket;
    socket.connectToHost(url.host(), static_cast<quint16>(url.port(80)));
    if (!socket.waitForConnected(left()))
        return {};
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: " + url.host().toLatin1() + ':' +
                         QByteArray::number(url.port(80)) + "\r\nUser-Agent: Strava-Webhook (emulator)\r\n" +
                         "Connection: close\r\n";
    if (!body.isEmpty() || method == "POST")
        request += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    socket.write(request + "\r\n" + body);
    QByteArray answer;
    for (;;) {
        const qsizetype headerEnd = answer.indexOf("\r\n\r\n");
        if (headerEnd >= 0) {
            const QByteArray head = answer.left(headerEnd).toLower();
            const qsizetype lengthAt = head.indexOf("content-length:");
            if (lengthAt >= 0) {
                const qsizetype lineEnd = head.indexOf("\r\n", lengthAt);
                const int length =
                    head.mid(lengthAt + 15, lineEnd < 0 ? -1 : lineEnd - lengthAt - 15).trimmed().toInt();
                if (answer.size() - headerEnd - 4 >= length)
                    break;
            }
        }
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0)
            break;
        if (clock.elapsed() >= timeoutMs)
            return {}; // too late counts as no answer, as at Strava
        if (socket.waitForReadyRead(left()))
            answer += socket.readAll();
    }
    const qsizetype headerEnd = answer.indexOf("\r\n\r\n");
    const QList<QByteArray> statusLine = answer.left(answer.indexOf("\r\n")).split(' ');
    if (headerEnd < 0 || statusLine.size() < 2)
        return {};
    return {statusLine[1].toInt(), answer.mid(headerEnd + 4)};
}

HttpResponse handlePushSubscriptions(State& s, const HttpRequest& request, const QString& route)
{
    const QString clientId = field(request, QStringLiteral("client_id"));
    const auto app = s.apps.constFind(clientId);
    if (app == s.apps.constEnd() || app->secret != field(request, QStringLiteral("client_secret")))
        return stravaError(401, QStringLiteral("Authorization Error"), QStringLiteral("Application"), QString(),
                           QStringLiteral("invalid"));
    const bool collection = route == QStringLiteral("/push_subscriptions");
    if (collection && request.method == "GET") {
        QJsonArray list;
        if (s.pushSubscriptions.contains(clientId))
            list.append(describe(s.pushSubscriptions[clientId], clientId));
        return HttpResponse::json(200, compact(list));
    }
    if (collection && request.method == "POST") {
        if (s.pushSubscriptions.contains(clientId))
            return badRequest(QString(), QStringLiteral("already exists"));
        const QUrl callback(field(request, QStringLiteral("callback_url")));
        const QString verifyToken = field(request, QStringLiteral("verify_token"));
        if (!callback.isValid() || callback.scheme().isEmpty() || callback.host().isEmpty())
            return badRequest(QStringLiteral("callback url"), QStringLiteral("invalid"));
        if (verifyToken.isEmpty())
            return badRequest(QStringLiteral("verify token"), QStringLiteral("invalid"));
        const QString challenge = s.newToken();
        QUrl validation = callback;
        QUrlQuery query(callback.query());
        query.addQueryItem(QStringLiteral("hub.verify_token"), verifyToken);
        query.addQueryItem(QStringLiteral("hub.challenge"), challenge);
        query.addQueryItem(QStringLiteral("hub.mode"), QStringLiteral("subscribe"));
        validation.setQuery(query);
        const CallbackAnswer answer = callSubscriber(validation, "GET", {}, kCallbackTimeoutMs);
        const QJsonObject echoed = QJsonDocument::fromJson(answer.body).object();
        if (answer.status != 200 || echoed.value(QStringLiteral("hub.challenge")).toString() != challenge)
            return badRequest(QStringLiteral("callback url"),
                              QStringLiteral("GET to callback URL does not return 200"));
        FakeStrava::PushSubscription created{++s.lastPushId, callback.toString(), s.now()};
        s.pushSubscriptions.insert(clientId, created);
        return HttpResponse::json(201, compact(QJsonObject{{QStringLiteral("id"), created.id}}));
    }
    if (!collection && request.method == "DELETE") {
        const qint64 id = route.section(QLatin1Char('/'), 2, 2).toLongLong();
        if (!s.pushSubscriptions.contains(clientId) || s.pushSubscriptions[clientId].id != id)
            return stravaError(404, QStringLiteral("Resource Not Found"), QStringLiteral("PushSubscription"),
                               QStringLiteral("id"), QStringLiteral("not found"));
        s.pushSubscriptions.remove(clientId);
        HttpResponse gone;
        gone.status = 204;
        return gone;
    }
    return stravaError(404, QStringLiteral("Record Not Found"), QStringLiteral("resource"), QStringLiteral("path"),
                       QStringLiteral("invalid"));
}

} // namespace strava

std::optional<FakeStrava::PushSubscription> FakeStrava::pushSubscription(const QString& clientId) const
{
    if (!d->pushSubscriptions.contains(clientId))
        return std::nullopt;
    return d->pushSubscriptions.value(clientId);
}

qint64 FakeStrava::setPushSubscription(const QString& clientId, const QString& callbackUrl)
{
    PushSubscription p{++d->lastPushId, callbackUrl, d->now()};
    d->pushSubscriptions.insert(clientId, p);
    return p.id;
}

FakeStrava::PushDelivery FakeStrava::pushEvent(const QString& clientId, QJsonObject event)
{
    PushDelivery delivery;
    const auto subscription = pushSubscription(clientId);
    if (!subscription)
        return delivery;
    if (!event.contains(QStringLiteral("subscription_id")))
        event.insert(QStringLiteral("subscription_id"), subscription->id);
    const QByteArray body = strava::compact(event);
    while (delivery.attempts < strava::kDeliveryAttempts) {
        ++delivery.attempts;
        const auto answer =
            strava::callSubscriber(QUrl(subscription->callbackUrl), "POST", body, strava::kCallbackTimeoutMs);
        delivery.statuses.append(answer.status);
        if (answer.status == 200)
            break;
    }
    return delivery;
}

QJsonObject FakeStrava::webhookEvent(const QString& objectType, qint64 objectId, const QString& aspectType,
                                     qint64 ownerId, qint64 eventTime, const QJsonObject& updates)
{
    return {{QStringLiteral("object_type"), objectType}, {QStringLiteral("object_id"), objectId},
            {QStringLiteral("aspect_type"), aspectType}, {QStringLiteral("owner_id"), ownerId},
            {QStringLiteral("event_time"), eventTime},   {QStringLiteral("updates"), updates}};
}

} // namespace tricoach::fakes
