#pragma once

#include "core/util/result.h"
#include "sync-server/http/message.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace tricoach::sync {

// How the listening socket and its connections are bounded.
struct HttpServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0; // 0: a free port, readable from port() once started
    int threads = 0;        // 0: one per core
    std::size_t maxBodyBytes = 1 << 20;
    std::size_t maxConnections = 20000;
    std::chrono::milliseconds readTimeout{10'000};  // a whole request (slow clients that trickle bytes are cut off)
    std::chrono::milliseconds writeTimeout{10'000}; // a write a client does not take in is cut off after this
};

// The HTTP/1.1 server under tricoach-sync: accepts connections on a thread pool and hands each request to one
// handler as a plain HttpRequest; RESTinio stays inside this class's one translation unit. The handler runs on a
// pool thread and may block briefly (a database call), or answer later (HttpResponse::later) from any thread so
// that the pool thread goes on meanwhile; a response that streams (server-sent events) is written through an
// EventStream from any thread. Requests whose body is too large are answered 413 without reaching the
// handler; a handler that throws is answered 500, and the server goes on.
class HttpServer {
public:
    using RequestHandler = std::function<HttpResponse(HttpRequest&)>;
    // Told when a connection closes (to count streams, or to drop a stream whose client left).
    using ClosedHandler = std::function<void(std::uint64_t connectionId)>;

    HttpServer(HttpServerOptions options, RequestHandler handler);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    void onConnectionClosed(ClosedHandler handler);
    // Listens and returns once the socket is bound, or says why it could not.
    Result<void> start();
    std::uint16_t port() const;
    int openConnections() const;
    // Runs `task` on one of the server's threads soon (on the caller's once the server stopped): work handed over
    // by another thread, such as the answers of a committed batch.
    void post(std::function<void()> task);
    // Waits (up to the write timeout) for answers on their way, then stops accepting, closes every connection and
    // joins the threads. Called by the destructor too.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace tricoach::sync
