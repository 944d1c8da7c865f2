#include "tests/fakes/fakechatserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace tricoach::fakes {

namespace {

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

QJsonObject chatCompletion(const QJsonObject& message, const QString& model, const QString& finish)
{
    return QJsonObject{
        {QStringLiteral("id"), QStringLiteral("chatcmpl-fake")},
        {QStringLiteral("object"), QStringLiteral("chat.completion")},
        {QStringLiteral("created"), QDateTime::currentSecsSinceEpoch()},
        {QStringLiteral("model"), model},
        {QStringLiteral("choices"), QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                                           {QStringLiteral("message"), message},
                                                           {QStringLiteral("finish_reason"), finish}}}},
        {QStringLiteral("usage"), QJsonObject{{QStringLiteral("prompt_tokens"), 100},
                                              {QStringLiteral("completion_tokens"), 200},
                                              {QStringLiteral("total_tokens"), 300}}},
    };
}

// One connection's request, read as it arrives.
struct Pending {
    QByteArray buffer;
    qsizetype bodyStart = -1;
    qsizetype length = 0;
};

} // namespace

FakeResponse FakeResponse::completion(const QString& content, const QString& model)
{
    FakeResponse r;
    r.headers.insert("Content-Type", "application/json");
    const QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")},
                              {QStringLiteral("content"), content},
                              {QStringLiteral("refusal"), QJsonValue::Null}};
    r.body = QJsonDocument(chatCompletion(message, model, QStringLiteral("stop"))).toJson(QJsonDocument::Compact);
    return r;
}

FakeResponse FakeResponse::refusal(const QString& why)
{
    FakeResponse r;
    r.headers.insert("Content-Type", "application/json");
    const QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")},
                              {QStringLiteral("content"), QJsonValue::Null},
                              {QStringLiteral("refusal"), why}};
    r.body = QJsonDocument(chatCompletion(message, QStringLiteral("fake-model"), QStringLiteral("stop")))
                 .toJson(QJsonDocument::Compact);
    return r;
}

FakeResponse FakeResponse::error(int status, const QString& type, const QString& message, const QString& code)
{
    FakeResponse r;
    r.status = status;
    r.headers.insert("Content-Type", "application/json");
    r.body =
        QJsonDocument(QJsonObject{{QStringLiteral("error"),
                                   QJsonObject{{QStringLiteral("message"), message},
                                               {QStringLiteral("type"), type},
                                               {QStringLiteral("param"), QJsonValue::Null},
                                               {QStringLiteral("code"),
                                                code.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(code)}}}})
            .toJson(QJsonDocument::Compact);
    return r;
}

FakeChatServer::FakeChatServer(QObject* parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeChatServer::onConnection);
}

bool FakeChatServer::start()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FakeChatServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(m_server.serverPort()));
}

void FakeChatServer::onConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        auto pending = std::make_shared<Pending>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, pending] {
            pending->buffer += socket->readAll();
            if (pending->bodyStart < 0) {
                const qsizetype end = pending->buffer.indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                pending->bodyStart = end + 4;
                for (const QByteArray& line : pending->buffer.left(end).split('\n'))
                    if (line.toLower().startsWith("content-length:"))
                        pending->length = line.mid(15).trimmed().toLongLong();
            }
            if (pending->buffer.size() - pending->bodyStart < pending->length)
                return;
            // The whole request is here.
            ReceivedRequest request;
            const QList<QByteArray> lines = pending->buffer.left(pending->bodyStart - 4).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            const QByteArray target = first.value(1);
            const qsizetype question = target.indexOf('?');
            request.path = question < 0 ? target : target.left(question);
            request.query = question < 0 ? QByteArray() : target.mid(question + 1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
            }
            request.body = QJsonDocument::fromJson(pending->buffer.mid(pending->bodyStart, pending->length)).object();
            m_requests.append(request);

            FakeResponse response;
            if (!request.path.endsWith("/chat/completions") || request.method != "POST") {
                response = FakeResponse::error(404, QStringLiteral("invalid_request_error"),
                                               QStringLiteral("Unknown request URL"));
            } else if (m_responses.empty()) {
                response = FakeResponse::error(500, QStringLiteral("server_error"),
                                               QStringLiteral("The fake server has no more scripted answers"));
            } else {
                response = m_responses.front();
                m_responses.pop_front();
            }
            QPointer<QTcpSocket> alive(socket);
            QTimer::singleShot(response.delayMs, this, [alive, response] {
                if (!alive)
                    return;
                if (response.dropConnection) {
                    alive->abort();
                    return;
                }
                QByteArray out =
                    "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reason(response.status) + "\r\n";
                for (auto it = response.headers.begin(); it != response.headers.end(); ++it)
                    out += it.key() + ": " + it.value() + "\r\n";
                out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\nConnection: close\r\n\r\n";
                out += response.truncate ? response.body.left(response.body.size() / 2) : response.body;
                alive->write(out);
                alive->flush();
                alive->disconnectFromHost();
            });
        });
    }
}

} // namespace tricoach::fakes
