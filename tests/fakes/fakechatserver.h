#pragma once
// An emulator of an OpenAI-compatible chat-completions server on a loopback port, for tests: it answers
// POST …/chat/completions with scripted responses that follow the published contract (status codes, the
// chat.completion body, error bodies, Retry-After) and can inject faults: slow answers, broken connections,
// truncated bodies, refusals. It records every request it receives.

#include "tests/fakes/fakehttp.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QUrl>

#include <deque>

namespace tricoach::fakes {

struct FakeResponse {
    int status = 200;
    QByteArray body;
    QMap<QByteArray, QByteArray> headers;
    int delayMs = 0;             // answer only after this long
    bool truncate = false;       // promise the whole body, send half, close
    bool dropConnection = false; // close without answering

    // A chat.completion whose message content is `content`.
    static FakeResponse completion(const QString& content, const QString& model = QStringLiteral("fake-model"));
    // A chat.completion whose message is a refusal (content null).
    static FakeResponse refusal(const QString& why);
    // An OpenAI-style error: {"error": {"message", "type", "param": null, "code"}}.
    static FakeResponse error(int status, const QString& type, const QString& message, const QString& code = {});
};

struct ReceivedRequest {
    QByteArray method;
    QByteArray path;                      // the request target up to '?'
    QByteArray query;                     // after '?', still percent-encoded; empty without one
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QJsonObject body;
};

class FakeChatServer : public QObject {
    Q_OBJECT
public:
    explicit FakeChatServer(QObject* parent = nullptr);
    // Listens on 127.0.0.1 on a free port; the base URL for clients ends in /v1.
    bool start();
    QUrl baseUrl() const;

    // Responses in order; when they run out, a 500 error says so.
    void enqueue(FakeResponse response) { m_responses.push_back(std::move(response)); }
    const QList<ReceivedRequest>& requests() const { return m_requests; }

private:
    HttpResponse answer(const HttpRequest& request);

    HttpServer m_server;
    std::deque<FakeResponse> m_responses;
    QList<ReceivedRequest> m_requests;
};

} // namespace tricoach::fakes
