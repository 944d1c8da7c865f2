#include "tests/support/rawhttp.h"

#include <QElapsedTimer>
#include <QHostAddress>

namespace tricoach::test {

namespace {

std::string lower(std::string s)
{
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Decodes a chunked body starting at `from`; returns the end offset or -1 while incomplete.
qsizetype decodeChunked(const QByteArray& buffer, qsizetype from, std::string& body)
{
    qsizetype at = from;
    for (;;) {
        const qsizetype lineEnd = buffer.indexOf("\r\n", at);
        if (lineEnd < 0)
            return -1;
        bool ok = false;
        const qsizetype size = buffer.mid(at, lineEnd - at).split(';').front().trimmed().toLongLong(&ok, 16);
        if (!ok)
            return -1;
        at = lineEnd + 2;
        if (size == 0) {
            const qsizetype end = buffer.indexOf("\r\n", at); // no trailers expected
            return end < 0 ? -1 : end + 2;
        }
        if (buffer.size() < at + size + 2)
            return -1;
        body.append(buffer.constData() + at, static_cast<size_t>(size));
        at += size + 2;
    }
}

} // namespace

bool parseResponse(QByteArray& buffer, RawResponse& out)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return false;
    RawResponse r;
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    const QList<QByteArray> statusLine = lines.front().trimmed().split(' ');
    if (statusLine.size() < 2)
        return false;
    r.status = statusLine[1].toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            r.headers[lower(lines[i].left(colon).trimmed().toStdString())] =
                lines[i].mid(colon + 1).trimmed().toStdString();
    }
    const qsizetype bodyStart = headEnd + 4;
    qsizetype end = bodyStart;
    if (lower(r.header("transfer-encoding")) == "chunked") {
        r.chunked = true;
        end = decodeChunked(buffer, bodyStart, r.body);
        if (end < 0)
            return false;
    } else {
        const qsizetype length = QByteArray::fromStdString(r.header("content-length")).toLongLong();
        if (buffer.size() < bodyStart + length)
            return false;
        r.body = buffer.mid(bodyStart, length).toStdString();
        end = bodyStart + length;
    }
    buffer.remove(0, end);
    out = std::move(r);
    return true;
}

bool RawConnection::connectTo(quint16 port, int timeoutMs)
{
    m_socket = std::make_unique<QTcpSocket>();
    m_socket->connectToHost(QHostAddress::LocalHost, port);
    return m_socket->waitForConnected(timeoutMs);
}

void RawConnection::send(const QByteArray& bytes)
{
    m_socket->write(bytes);
    m_socket->waitForBytesWritten(5000);
}

RawResponse RawConnection::readResponse(int timeoutMs)
{
    RawResponse r;
    QElapsedTimer timer;
    timer.start();
    while (!parseResponse(m_buffer, r)) {
        const int left = timeoutMs - static_cast<int>(timer.elapsed());
        if (left <= 0 || !m_socket->waitForReadyRead(left)) {
            m_buffer += m_socket->readAll();
            if (!parseResponse(m_buffer, r))
                return RawResponse{};
            return r;
        }
        m_buffer += m_socket->readAll();
    }
    return r;
}

QByteArray RawConnection::readUntil(const QByteArray& needle, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!m_buffer.contains(needle)) {
        const int left = timeoutMs - static_cast<int>(timer.elapsed());
        if (left <= 0 || !m_socket->waitForReadyRead(left))
            break;
        m_buffer += m_socket->readAll();
    }
    return m_buffer;
}

bool RawConnection::waitClosed(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (m_socket->state() == QAbstractSocket::ConnectedState) {
        const int left = timeoutMs - static_cast<int>(timer.elapsed());
        if (left <= 0)
            return false;
        if (m_socket->waitForReadyRead(std::min(left, 200)))
            m_buffer += m_socket->readAll();
    }
    return true;
}

void RawConnection::close()
{
    if (m_socket)
        m_socket->abort();
}

RawResponse httpRequest(quint16 port, const std::string& method, const std::string& target, const std::string& body,
                        const std::vector<std::pair<std::string, std::string>>& headers, int timeoutMs)
{
    RawConnection c;
    if (!c.connectTo(port))
        return {};
    std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    bool hasLength = false;
    for (const auto& [n, v] : headers) {
        request += n + ": " + v + "\r\n";
        hasLength |= lower(n) == "content-length";
    }
    if (!hasLength && (!body.empty() || method == "POST" || method == "PUT"))
        request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    request += "\r\n" + body;
    c.send(QByteArray::fromStdString(request));
    return c.readResponse(timeoutMs);
}

} // namespace tricoach::test
