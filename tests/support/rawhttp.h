#pragma once

// A deliberately small HTTP/1.1 client over a plain TCP socket, for the server's tests: it sends exactly the bytes
// a test writes (malformed ones included) and reads back what the server answers, chunked bodies decoded.

#include <QByteArray>
#include <QTcpSocket>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tricoach::test {

struct RawResponse {
    int status = 0;                             // 0: no answer (the connection closed or timed out first)
    std::map<std::string, std::string> headers; // names lower-cased
    std::string body;
    bool chunked = false;

    std::string header(const std::string& lowerName) const
    {
        const auto it = headers.find(lowerName);
        return it == headers.end() ? std::string() : it->second;
    }
};

// Parses one response from raw bytes; returns false while incomplete. On success removes it from the buffer.
bool parseResponse(QByteArray& buffer, RawResponse& out);

// One request on a new connection, then the connection closed.
RawResponse httpRequest(quint16 port, const std::string& method, const std::string& target,
                        const std::string& body = {},
                        const std::vector<std::pair<std::string, std::string>>& headers = {}, int timeoutMs = 10000);

// A connection a test drives by hand: bytes out, bytes in.
class RawConnection {
public:
    bool connectTo(quint16 port, int timeoutMs = 5000);
    void send(const QByteArray& bytes);
    // Reads until a whole response is there (or the timeout / the server closing).
    RawResponse readResponse(int timeoutMs = 10000);
    // Reads until the body contains `needle` (streams), returns what came so far.
    QByteArray readUntil(const QByteArray& needle, int timeoutMs = 10000);
    // True when the server closed the connection within the timeout.
    bool waitClosed(int timeoutMs);
    void close();

private:
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
};

} // namespace tricoach::test
