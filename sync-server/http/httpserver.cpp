// The only translation unit that includes RESTinio (each costs ~14 s to compile): everything else in the server
// sees HttpRequest / HttpResponse.
#include "sync-server/http/httpserver.h"

#include "sync-server/http/eventstream.h"

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <restinio/all.hpp>
#include <thread>
#include <unordered_set>

namespace tricoach::sync {

namespace {

// Counts connections and tells the server when one closes (RESTinio calls it from the connection's thread). By the
// ids it was told of: RESTinio may report a connection closed more than once (its close() runs again when a
// timeout and a failed write race on a busy pool), and a plain counter then drifted below zero, which the cap read
// as "full" and refused every connection from then on.
class ConnectionListener {
public:
    std::function<void(std::uint64_t)> onClosed;
    std::atomic<int> open{0};

    void state_changed(const restinio::connection_state::notice_t& notice) noexcept
    {
        const auto cause = notice.cause();
        if (restinio::holds_alternative<restinio::connection_state::accepted_t>(cause)) {
            std::lock_guard lock(m_mutex);
            if (m_open.insert(notice.connection_id()).second)
                ++open;
        } else if (restinio::holds_alternative<restinio::connection_state::closed_t>(cause)) {
            {
                std::lock_guard lock(m_mutex);
                if (m_open.erase(notice.connection_id()) == 0)
                    return; // told already
                --open;
            }
            if (onClosed)
                onClosed(notice.connection_id());
        }
    }

private:
    std::mutex m_mutex;
    std::unordered_set<std::uint64_t> m_open;
};

// Caps the open connections by refusing new ones at accept. RESTinio's own connection-count limiter is not used:
// in 0.6.16 a connection that outlives the acceptor at shutdown reports to the limiter after it was freed (a
// use-after-free ASan found in our tests).
class ConnectionCap {
public:
    ConnectionCap(std::shared_ptr<ConnectionListener> listener, std::size_t maximum)
        : m_listener(std::move(listener))
        , m_maximum(maximum)
    {
    }
    restinio::ip_blocker::inspection_result_t inspect(const restinio::ip_blocker::incoming_info_t&) noexcept
    {
        return static_cast<std::size_t>(m_listener->open.load()) < m_maximum ? restinio::ip_blocker::allow()
                                                                             : restinio::ip_blocker::deny();
    }

private:
    std::shared_ptr<ConnectionListener> m_listener;
    std::size_t m_maximum;
};

struct Traits : restinio::default_traits_t {
    using connection_state_listener_t = ConnectionListener;
    using ip_blocker_t = ConnectionCap;
};

using Chunked = restinio::response_builder_t<restinio::chunked_output_t>;

// A chunked response kept open. RESTinio's builder is not thread-safe; the mutex makes it so. The builder holds
// the connection: it is dropped as soon as the stream ends (closed here, a failed write, the client gone), so that
// no connection outlives the server whose connection counter it reports to when it is destroyed.
class ChunkedStream final : public EventStream, public std::enable_shared_from_this<ChunkedStream> {
public:
    explicit ChunkedStream(Chunked builder)
        : m_builder(std::move(builder))
    {
    }

    bool write(std::string data) override
    {
        std::lock_guard lock(m_mutex);
        if (!m_builder)
            return false;
        try {
            m_builder->append_chunk(std::move(data));
            std::weak_ptr<ChunkedStream> self = weak_from_this();
            m_builder->flush([self](const asio::error_code& ec) {
                if (ec)
                    if (auto s = self.lock())
                        s->markClosed();
            });
        } catch (const std::exception&) {
            m_builder.reset();
        }
        return m_builder.has_value();
    }

    void close() override
    {
        std::lock_guard lock(m_mutex);
        if (!m_builder)
            return;
        try {
            m_builder->done();
        } catch (const std::exception&) {
        }
        m_builder.reset();
    }

    bool isOpen() const override
    {
        std::lock_guard lock(m_mutex);
        return m_builder.has_value();
    }

    void markClosed()
    {
        std::lock_guard lock(m_mutex);
        m_builder.reset();
    }

private:
    mutable std::mutex m_mutex;
    std::optional<Chunked> m_builder;
};

class PendingReply;

// The deferred answers not given yet, by serial.
struct PendingReplies {
    std::mutex mutex;
    std::condition_variable answered;
    std::map<std::uint64_t, std::weak_ptr<PendingReply>> open;
    std::uint64_t nextSerial = 0;
    bool closing = false; // the server is stopping: a new deferred request is answered 503 at once
};

void sendResponse(const restinio::request_handle_t& req, const HttpResponse& response, bool head)
{
    auto builder = req->create_response(
        restinio::http_status_line_t(restinio::http_status_code_t(static_cast<std::uint16_t>(response.status)),
                                     std::string(reasonPhrase(response.status))));
    for (const auto& [name, value] : response.headers.all())
        builder.append_header(name, value);
    if (!head)
        builder.set_body(response.body);
    builder.done();
}

// The request of an answer that comes later, kept until it is answered (once, from any thread). RESTinio's objects
// must not outlive the server: when it stops first, the request is dropped unanswered.
class PendingReply {
public:
    PendingReply(PendingReplies* registry, std::uint64_t serial, restinio::request_handle_t req, bool head)
        : m_registry(registry)
        , m_serial(serial)
        , m_req(std::move(req))
        , m_head(head)
    {
    }
    ~PendingReply()
    {
        answer(HttpResponse::error(500, "server.internal", "The server failed to answer this request."));
    }
    PendingReply(const PendingReply&) = delete;
    PendingReply& operator=(const PendingReply&) = delete;

    void answer(const HttpResponse& response);
    void abandon()
    {
        std::lock_guard lock(m_mutex);
        m_req.reset();
    }

private:
    std::mutex m_mutex;
    PendingReplies* m_registry;
    std::uint64_t m_serial;
    std::optional<restinio::request_handle_t> m_req;
    bool m_head;
};

void PendingReply::answer(const HttpResponse& response)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_req)
            return;
        try {
            sendResponse(*m_req, response, m_head);
        } catch (const std::exception&) {
            // The connection is gone (also from the destructor, which must not throw).
        }
        m_req.reset();
    }
    std::lock_guard lock(m_registry->mutex);
    m_registry->open.erase(m_serial);
    m_registry->answered.notify_all();
}

} // namespace

// Long enough never to come (a year), short enough for RESTinio's steady_clock arithmetic not to overflow.
constexpr std::chrono::hours kNoIdleLimit{24 * 365};

struct HttpServer::Impl {
    HttpServerOptions options;
    RequestHandler handler;
    ClosedHandler closed;
    std::shared_ptr<ConnectionListener> listener = std::make_shared<ConnectionListener>();
    // Ours, not RESTinio's own: post() needs it. Destroyed right after the server, so that the connections still
    // in its queues close with it (a client sees its connection end when stop() returns).
    std::mutex ioMutex;
    std::unique_ptr<asio::io_context> ioContext = std::make_unique<asio::io_context>();
    restinio::running_server_handle_t<Traits> server;
    std::atomic<std::uint16_t> port{0};
    std::mutex streamsMutex;
    std::map<std::uint64_t, std::weak_ptr<ChunkedStream>> streams;
    PendingReplies pending;

    restinio::request_handling_status_t handle(const restinio::request_handle_t& req);
    void startStream(const restinio::request_handle_t& req, HttpResponse& response);
    void startDeferred(const restinio::request_handle_t& req, HttpResponse& response, bool head);
    void connectionClosed(std::uint64_t id);
};

HttpServer::HttpServer(HttpServerOptions options, RequestHandler handler)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->options = std::move(options);
    m_impl->handler = std::move(handler);
    Impl* impl = m_impl.get();
    m_impl->listener->onClosed = [impl](std::uint64_t id) { impl->connectionClosed(id); };
}

HttpServer::~HttpServer()
{
    stop();
}

void HttpServer::onConnectionClosed(ClosedHandler handler)
{
    m_impl->closed = std::move(handler);
}

Result<void> HttpServer::start()
{
    const HttpServerOptions& o = m_impl->options;
    {
        std::lock_guard lock(m_impl->ioMutex);
        if (!m_impl->ioContext) // started again after a stop
            m_impl->ioContext = std::make_unique<asio::io_context>();
    }
    {
        std::lock_guard lock(m_impl->pending.mutex);
        m_impl->pending.closing = false;
    }
    const unsigned threads =
        o.threads > 0 ? static_cast<unsigned>(o.threads) : std::max(1u, std::thread::hardware_concurrency());
    // RESTinio drops a connection whose body passes its limit without an answer; ours answers 413 for bodies up to
    // four times the limit and leaves only the absurd ones to the connection drop.
    restinio::incoming_http_msg_limits_t limits;
    limits.max_body_size(o.maxBodyBytes * 4).max_url_size(8 * 1024).max_field_count(100);
    Impl* impl = m_impl.get();
    try {
        auto settings =
            restinio::server_settings_t<Traits>{}
                .address(o.host)
                .port(o.port)
                .read_next_http_message_timelimit(o.readTimeout)
                .write_http_response_timelimit(o.writeTimeout)
                // RESTinio's limit on a response still open with nothing being written: an event stream between
                // two events. Handlers answer before they return (they are synchronous), so it only ever cut
                // idle streams, silently; a stream's client that stops reading is cut by the write limit instead.
                .handle_request_timeout(kNoIdleLimit)
                .incoming_http_msg_limits(limits)
                .ip_blocker(std::make_shared<ConnectionCap>(m_impl->listener, o.maxConnections))
                .connection_state_listener(m_impl->listener)
                .acceptor_post_bind_hook(
                    [impl](asio::ip::tcp::acceptor& acceptor) { impl->port = acceptor.local_endpoint().port(); })
                .request_handler([impl](const restinio::request_handle_t& req) { return impl->handle(req); });
        m_impl->server = restinio::run_async<Traits>(restinio::external_io_context(*m_impl->ioContext),
                                                     std::move(settings), threads);
    } catch (const std::exception& e) {
        return makeError(QStringLiteral("Cannot listen on %1:%2: %3")
                             .arg(QString::fromStdString(o.host))
                             .arg(o.port)
                             .arg(QString::fromLocal8Bit(e.what())),
                         QStringLiteral("server.listen"));
    }
    return {};
}

std::uint16_t HttpServer::port() const
{
    return m_impl->port;
}

int HttpServer::openConnections() const
{
    return m_impl->listener->open;
}

void HttpServer::post(std::function<void()> task)
{
    {
        std::lock_guard lock(m_impl->ioMutex);
        if (m_impl->ioContext) {
            asio::post(*m_impl->ioContext, std::move(task));
            return;
        }
    }
    // Stopped: the work still runs (a store's handlers), here; any answer it gives was abandoned and goes nowhere.
    task();
}

void HttpServer::stop()
{
    if (!m_impl || !m_impl->server)
        return;
    {
        // Answers on their way (an event being committed) are waited for, a while; what is left is dropped.
        std::map<std::uint64_t, std::weak_ptr<PendingReply>> left;
        PendingReplies& pending = m_impl->pending;
        std::unique_lock lock(pending.mutex);
        pending.answered.wait_for(lock, m_impl->options.writeTimeout, [&pending] { return pending.open.empty(); });
        // From here on no request registers a deferred answer, so every one the server holds is in `left`.
        pending.closing = true;
        left.swap(pending.open);
        lock.unlock();
        for (auto& [serial, weak] : left)
            if (auto p = weak.lock())
                p->abandon();
    }
    {
        // Streams end first, so that their connections can close.
        std::lock_guard lock(m_impl->streamsMutex);
        for (auto& [id, weak] : m_impl->streams)
            if (auto s = weak.lock())
                s->close();
        m_impl->streams.clear();
    }
    m_impl->server->stop();
    m_impl->server->wait();
    m_impl->server.reset();
    std::unique_ptr<asio::io_context> gone;
    {
        std::lock_guard lock(m_impl->ioMutex);
        gone = std::move(m_impl->ioContext);
    }
    gone.reset(); // what was still queued goes with it, outside the lock (a handler's destructor may post)
}

restinio::request_handling_status_t HttpServer::Impl::handle(const restinio::request_handle_t& req)
{
    HttpRequest r;
    r.method = req->header().method().c_str();
    const bool head = r.method == "HEAD";
    r.connectionId = req->connection_id();
    r.remoteIp = req->remote_endpoint().address().to_string();
    auto path = percentDecode(req->header().path(), false);
    auto query = parseQuery(req->header().query());
    if (!path || !query) {
        sendResponse(
            req,
            HttpResponse::error(400, "request.malformed-url", "The address is not validly percent-encoded UTF-8 text."),
            head);
        return restinio::request_accepted();
    }
    r.path = std::move(*path);
    r.query = std::move(*query);
    req->header().for_each_field(
        [&](const restinio::http_header_field_t& f) { r.headers.add(std::string(f.name()), std::string(f.value())); });
    r.body = req->body();

    HttpResponse response;
    if (r.body.size() > options.maxBodyBytes) {
        response =
            HttpResponse::error(413, "request.too-large",
                                "The request body is larger than " + std::to_string(options.maxBodyBytes) + " bytes.");
    } else {
        try {
            response = handler(r);
        } catch (...) {
            // The application's handler maps its own failures; this is the last line, so that one request's bug
            // never takes the server down.
            std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"unhandled exception in a request handler\"}\n");
            response = HttpResponse::error(500, "server.internal", "The server failed to answer this request.");
        }
    }
    if (response.stream)
        startStream(req, response);
    else if (response.deferred)
        startDeferred(req, response, head);
    else
        sendResponse(req, response, head);
    return restinio::request_accepted();
}

void HttpServer::Impl::startDeferred(const restinio::request_handle_t& req, HttpResponse& response, bool head)
{
    std::shared_ptr<PendingReply> reply;
    {
        std::lock_guard lock(pending.mutex);
        if (pending.closing) {
            // Not started at all: nothing was done for it, and the client may send it again (Strava does).
            HttpResponse refused = HttpResponse::error(503, "server.stopping", "The server is stopping; try again.");
            refused.headers.set("Retry-After", "1");
            sendResponse(req, refused, head);
            return;
        }
        const std::uint64_t serial = ++pending.nextSerial;
        reply = std::make_shared<PendingReply>(&pending, serial, req, head);
        pending.open[serial] = reply;
    }
    try {
        response.deferred([reply](HttpResponse r) { reply->answer(r); });
    } catch (...) {
        // Answered 500 by the reply itself once the last Respond is gone.
    }
}

void HttpServer::Impl::startStream(const restinio::request_handle_t& req, HttpResponse& response)
{
    auto builder = req->create_response<restinio::chunked_output_t>(
        restinio::http_status_line_t(restinio::http_status_code_t(static_cast<std::uint16_t>(response.status)),
                                     std::string(reasonPhrase(response.status))));
    for (const auto& [name, value] : response.headers.all())
        builder.append_header(name, value);
    builder.flush(); // the headers go out now: the client knows the stream is open
    auto stream = std::make_shared<ChunkedStream>(std::move(builder));
    {
        std::lock_guard lock(streamsMutex);
        streams[req->connection_id()] = stream;
    }
    response.stream(stream);
}

void HttpServer::Impl::connectionClosed(std::uint64_t id)
{
    std::shared_ptr<ChunkedStream> stream;
    {
        std::lock_guard lock(streamsMutex);
        const auto it = streams.find(id);
        if (it != streams.end()) {
            stream = it->second.lock();
            streams.erase(it);
        }
    }
    if (stream)
        stream->markClosed();
    if (closed)
        closed(id);
}

} // namespace tricoach::sync
