#pragma once
// The HTTP/1.1 plumbing the emulators share: a loopback QTcpServer that parses requests by hand, hands each one to
// a handler, and writes its answer with keep-alive (or closes when the client asks). An answer can be delayed,
// truncated (Content-Length promises more than is sent, then the connection closes) or replaced by a reset, so
// emulators can play the faults real services show.

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpServer>
#include <QUrlQuery>

#include <functional>

namespace tricoach::fakes {

struct HttpRequest {
    QByteArray method;
    QString path;                         // the decoded request target up to '?'
    QByteArray rawQuery;                  // after '?', still percent-encoded
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;

    QUrlQuery query() const { return QUrlQuery(QString::fromLatin1(rawQuery)); }
    QByteArray header(const QByteArray& lowerName) const { return headers.value(lowerName); }
};

struct HttpResponse {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int delayMs = 0;       // answer only after this long
    bool truncate = false; // promise the whole body, send half, close
    bool reset = false;    // close without answering
    bool close = false;    // answer with Connection: close and close, whatever the client asked

    void setHeader(const QByteArray& name, const QByteArray& value);
    static HttpResponse json(int status, const QByteArray& body);
    static HttpResponse html(int status, const QByteArray& body);
    static HttpResponse redirect(const QByteArray& location);
};

// Parses "application/x-www-form-urlencoded" ('+' is a space there, unlike in a URL query).
QUrlQuery parseForm(const QByteArray& body);
QByteArray reasonPhrase(int status);

class HttpServer : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<HttpResponse(const HttpRequest&)>;
    explicit HttpServer(Handler handler, QObject* parent = nullptr);
    // Listens on 127.0.0.1; port 0 picks a free one.
    bool listen(quint16 port = 0);
    quint16 port() const { return m_server.serverPort(); }

private:
    void onConnection();

    QTcpServer m_server;
    Handler m_handler;
};

} // namespace tricoach::fakes
