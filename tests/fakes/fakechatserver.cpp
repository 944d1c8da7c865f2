#include "tests/fakes/fakechatserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace tricoach::fakes {

namespace {

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
    , m_server([this](const HttpRequest& request) { return answer(request); })
{
}

bool FakeChatServer::start()
{
    return m_server.listen();
}

QUrl FakeChatServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(m_server.port()));
}

HttpResponse FakeChatServer::answer(const HttpRequest& http)
{
    ReceivedRequest request;
    request.method = http.method;
    request.path = http.path.toUtf8();
    request.query = http.rawQuery;
    request.headers = http.headers;
    request.body = QJsonDocument::fromJson(http.body).object();
    m_requests.append(request);

    FakeResponse response;
    if (!request.path.endsWith("/chat/completions") || request.method != "POST") {
        response =
            FakeResponse::error(404, QStringLiteral("invalid_request_error"), QStringLiteral("Unknown request URL"));
    } else if (m_responses.empty()) {
        response = FakeResponse::error(500, QStringLiteral("server_error"),
                                       QStringLiteral("The fake server has no more scripted answers"));
    } else {
        response = m_responses.front();
        m_responses.pop_front();
    }
    HttpResponse out;
    out.status = response.status;
    for (auto it = response.headers.begin(); it != response.headers.end(); ++it)
        out.setHeader(it.key(), it.value());
    out.body = response.body;
    out.delayMs = response.delayMs;
    out.truncate = response.truncate;
    out.reset = response.dropConnection;
    out.close = true; // one request per connection, as this emulator always did
    return out;
}

} // namespace tricoach::fakes
