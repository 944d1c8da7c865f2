// The emulators' HTTP plumbing (tests/fakes/fakehttp.h) on a raw socket: keep-alive with several requests on
// one connection, Connection: close, bodies arriving in pieces, delayed answers kept in order.

#include "tests/fakes/fakehttp.h"
#include "tests/unit/fakes/fakestravatestsupport.h"

#include <QTcpSocket>

namespace tricoach::fakes::testing {
namespace {

HttpServer echoServer()
{
    return HttpServer([](const HttpRequest& r) {
        HttpResponse response = HttpResponse::json(200, r.method + ' ' + r.path.toUtf8() + ' ' + r.body);
        if (r.path == QStringLiteral("/slow"))
            response.delayMs = 200;
        return response;
    });
}

// Reads from the socket until `count` whole answers (headers + Content-Length bytes) are in, or it closes.
QList<QByteArray> readAnswers(QTcpSocket& socket, int count)
{
    QByteArray buffer;
    QList<QByteArray> bodies;
    while (bodies.size() < count) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end >= 0) {
            const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("Content-Length: (\\d+)"))
                                                  .match(QString::fromLatin1(buffer.left(end)));
            const qsizetype length = m.captured(1).toLongLong();
            if (buffer.size() >= end + 4 + length) {
                bodies.append(buffer.mid(end + 4, length));
                buffer.remove(0, end + 4 + length);
                continue;
            }
        }
        // The server shares this thread: let the event loop run instead of blocking in waitForReadyRead.
        for (int i = 0; i < 300 && socket.bytesAvailable() == 0 && socket.state() == QAbstractSocket::ConnectedState;
             ++i)
            waitMs(10);
        if (socket.bytesAvailable() == 0)
            break;
        buffer += socket.readAll();
    }
    return bodies;
}

TEST(FakeHttp, KeepAliveAnswersPipelinedRequestsInOrder)
{
    HttpServer server = echoServer();
    ASSERT_TRUE(server.listen());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    for (int i = 0; i < 300 && socket.state() != QAbstractSocket::ConnectedState; ++i)
        waitMs(10);
    ASSERT_EQ(socket.state(), QAbstractSocket::ConnectedState);
    socket.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhe");
    socket.flush();
    waitMs(50);
    socket.write("llo");
    const QList<QByteArray> answers = readAnswers(socket, 2);
    ASSERT_EQ(answers.size(), 2);
    EXPECT_EQ(answers[0], "GET /slow ");
    EXPECT_EQ(answers[1], "POST /b hello");
    EXPECT_EQ(socket.state(), QAbstractSocket::ConnectedState);
    socket.write("GET /c HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(readAnswers(socket, 1).value(0), "GET /c ");
}

TEST(FakeHttp, ConnectionCloseIsHonoured)
{
    HttpServer server = echoServer();
    ASSERT_TRUE(server.listen());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    for (int i = 0; i < 300 && socket.state() != QAbstractSocket::ConnectedState; ++i)
        waitMs(10);
    ASSERT_EQ(socket.state(), QAbstractSocket::ConnectedState);
    socket.write("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(readAnswers(socket, 1).value(0), "GET /a ");
    for (int i = 0; i < 300 && socket.state() != QAbstractSocket::UnconnectedState; ++i)
        waitMs(10);
    EXPECT_EQ(socket.state(), QAbstractSocket::UnconnectedState);
}

} // namespace
} // namespace tricoach::fakes::testing
