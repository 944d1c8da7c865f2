#include "tests/fakes/fakehttp.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>
#include <optional>

namespace tricoach::fakes {

namespace {

// What one connection has received and whether an answer is still on its way (answers go out in order).
struct Connection {
    QByteArray buffer;
    bool busy = false;
};

// Takes one complete request off the front of the buffer, if one is there.
std::optional<HttpRequest> takeRequest(QByteArray& buffer)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    HttpRequest request;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    qsizetype length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = lines[i].left(colon).trimmed().toLower();
        const QByteArray value = lines[i].mid(colon + 1).trimmed();
        request.headers.insert(name, value);
        if (name == "content-length")
            length = value.toLongLong();
    }
    if (buffer.size() - (end + 4) < length)
        return std::nullopt;
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    request.method = first.value(0);
    const QByteArray target = first.value(1);
    const qsizetype question = target.indexOf('?');
    request.path = QUrl::fromPercentEncoding(question < 0 ? target : target.left(question));
    request.rawQuery = question < 0 ? QByteArray() : target.mid(question + 1);
    request.body = buffer.mid(end + 4, length);
    if (first.value(2) == "HTTP/1.0" && request.header("connection").toLower() != "keep-alive")
        request.headers.insert("connection", "close");
    buffer.remove(0, end + 4 + length);
    return request;
}

QByteArray serialize(const HttpResponse& response, bool keepAlive)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    for (const auto& [name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    out += response.truncate ? response.body.left(response.body.size() / 2) : response.body;
    return out;
}

} // namespace

void HttpResponse::setHeader(const QByteArray& name, const QByteArray& value)
{
    for (auto& header : headers)
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return;
        }
    headers.append({name, value});
}

HttpResponse HttpResponse::json(int status, const QByteArray& body)
{
    HttpResponse r;
    r.status = status;
    r.body = body;
    r.setHeader("Content-Type", "application/json; charset=utf-8");
    return r;
}

HttpResponse HttpResponse::html(int status, const QByteArray& body)
{
    HttpResponse r;
    r.status = status;
    r.body = body;
    r.setHeader("Content-Type", "text/html; charset=utf-8");
    return r;
}

HttpResponse HttpResponse::redirect(const QByteArray& location)
{
    HttpResponse r =
        html(302, "<html><body>You are being <a href=\"" + QString::fromUtf8(location).toHtmlEscaped().toUtf8() +
                      "\">redirected</a>.</body></html>");
    r.setHeader("Location", location);
    return r;
}

QUrlQuery parseForm(const QByteArray& body)
{
    QByteArray spaced = body;
    spaced.replace('+', "%20");
    return QUrlQuery(QString::fromLatin1(spaced));
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

HttpServer::HttpServer(Handler handler, QObject* parent)
    : QObject(parent)
    , m_handler(std::move(handler))
{
    connect(&m_server, &QTcpServer::newConnection, this, &HttpServer::onConnection);
}

bool HttpServer::listen(quint16 port)
{
    return m_server.listen(QHostAddress::LocalHost, port);
}

void HttpServer::onConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        auto connection = std::make_shared<Connection>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        // Answers one request at a time; the next waits until the previous one has gone out.
        auto serve = std::make_shared<std::function<void()>>();
        *serve = [this, socket, connection, weakServe = std::weak_ptr(serve)] {
            if (connection->busy)
                return;
            std::optional<HttpRequest> request = takeRequest(connection->buffer);
            if (!request)
                return;
            connection->busy = true;
            const HttpResponse response = m_handler(*request);
            const bool keepAlive =
                request->header("connection").toLower() != "close" && !response.truncate && !response.close;
            QPointer<QTcpSocket> alive(socket);
            QTimer::singleShot(response.delayMs, this, [alive, response, keepAlive, connection, weakServe] {
                QTcpSocket* out = alive.data();
                if (!out)
                    return;
                if (response.reset) {
                    out->abort();
                    return;
                }
                out->write(serialize(response, keepAlive));
                out->flush();
                if (!keepAlive) {
                    out->disconnectFromHost();
                    return;
                }
                connection->busy = false;
                if (auto next = weakServe.lock())
                    (*next)();
            });
        };
        // The socket owns the closure that serves it; the closure only holds itself weakly.
        connect(socket, &QTcpSocket::readyRead, socket, [socket, connection, serve] {
            connection->buffer += socket->readAll();
            (*serve)();
        });
    }
}

} // namespace tricoach::fakes
