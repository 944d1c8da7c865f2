#pragma once
// A server-sent-events client on a raw socket for the server's tests (in-process and end to end): it sends the
// request it is told to, decodes the chunked body into frames and says when the other side closed the stream.

#include <QByteArray>
#include <QElapsedTimer>
#include <QTcpSocket>

#include <algorithm>
#include <string>
#include <vector>

namespace tricoach::test {

struct SseFrame {
    std::string id, event, data;
};

// A server-sent-events client on a raw socket: sends the request, then decodes the chunked body into frames.
class SseClient {
public:
    int status = 0;
    std::string headers;

    bool open(quint16 port, const std::string& target, const std::string& token, const std::string& lastEventId = {})
    {
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!m_socket.waitForConnected(3000))
            return false;
        std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
        if (!token.empty())
            request += "Authorization: Bearer " + token + "\r\n";
        if (!lastEventId.empty())
            request += "Last-Event-ID: " + lastEventId + "\r\n";
        m_socket.write(QByteArray::fromStdString(request + "\r\n"));
        QElapsedTimer t;
        t.start();
        while (m_raw.indexOf("\r\n\r\n") < 0 && t.elapsed() < 3000)
            if (m_socket.waitForReadyRead(100))
                m_raw += m_socket.readAll();
        const qsizetype end = m_raw.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        headers = m_raw.left(end).toStdString();
        status = m_raw.mid(9, 3).toInt();
        m_raw.remove(0, end + 4);
        return status == 200;
    }

    // Frames until `count` have come (or `ms` pass): all received so far.
    std::vector<SseFrame> frames(size_t count, int ms = 2000)
    {
        QElapsedTimer t;
        t.start();
        for (;;) {
            decode();
            if (m_frames.size() >= count || t.elapsed() >= ms)
                return m_frames;
            if (m_socket.waitForReadyRead(std::max<int>(1, std::min<int>(50, ms - static_cast<int>(t.elapsed())))))
                m_raw += m_socket.readAll();
        }
    }
    const std::string& text() const { return m_text; } // the decoded body so far (comments included)
    void close() { m_socket.abort(); }

    // A response header's value (names compared without case), empty when absent.
    std::string header(const std::string& name) const
    {
        const QByteArray wanted = QByteArray::fromStdString(name).toLower() + ':';
        for (const QByteArray& line : QByteArray::fromStdString(headers).split('\n')) {
            if (line.toLower().startsWith(wanted))
                return line.mid(wanted.size()).trimmed().toStdString();
        }
        return {};
    }

    // True once the other side has closed the stream (within `ms`); what came before it is kept as frames.
    bool waitClosed(int ms)
    {
        QElapsedTimer t;
        t.start();
        while (m_socket.state() == QAbstractSocket::ConnectedState && t.elapsed() < ms) {
            if (m_socket.waitForReadyRead(50))
                m_raw += m_socket.readAll();
        }
        m_raw += m_socket.readAll();
        decode();
        return m_socket.state() != QAbstractSocket::ConnectedState;
    }

private:
    void decode()
    {
        for (;;) { // chunked transfer coding (RFC 9112 §7.1)
            const qsizetype line = m_raw.indexOf("\r\n");
            if (line < 0)
                break;
            bool ok = false;
            const int size = m_raw.left(line).toInt(&ok, 16);
            if (!ok || m_raw.size() < line + 2 + size + 2)
                break;
            m_text += m_raw.mid(line + 2, size).toStdString();
            m_raw.remove(0, line + 2 + size + 2);
        }
        for (size_t end; (end = m_text.find("\n\n", m_parsed)) != std::string::npos; m_parsed = end + 2) {
            SseFrame f;
            bool any = false;
            std::string block = m_text.substr(m_parsed, end - m_parsed);
            size_t at = 0;
            while (at <= block.size()) {
                size_t nl = block.find('\n', at);
                if (nl == std::string::npos)
                    nl = block.size();
                const std::string l = block.substr(at, nl - at);
                at = nl + 1;
                const auto value = [&l](size_t n) { return l.substr(n + (l.size() > n && l[n] == ' ' ? 1 : 0)); };
                if (l.rfind("id:", 0) == 0)
                    f.id = value(3), any = true;
                else if (l.rfind("event:", 0) == 0)
                    f.event = value(6), any = true;
                else if (l.rfind("data:", 0) == 0)
                    f.data = value(5), any = true;
            }
            if (any && !f.id.empty())
                m_frames.push_back(f);
        }
    }

    QTcpSocket m_socket;
    QByteArray m_raw;
    std::string m_text;
    size_t m_parsed = 0;
    std::vector<SseFrame> m_frames;
};

} // namespace tricoach::test
