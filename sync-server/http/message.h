#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace tricoach::sync {

class EventStream;

// Header fields as received or to be sent: names compared without regard to case (RFC 9110 §5.1), order kept.
class HttpHeaders {
public:
    void add(std::string name, std::string value);
    void set(std::string name, std::string value); // replaces every field of that name
    std::optional<std::string> get(std::string_view name) const;
    std::vector<std::string> getAll(std::string_view name) const; // every field of that name, in order
    const std::vector<std::pair<std::string, std::string>>& all() const { return m_fields; }

private:
    std::vector<std::pair<std::string, std::string>> m_fields;
};

// One request as the server's handlers see it: no trace of the HTTP library underneath.
struct HttpRequest {
    std::string method;                                     // upper case: GET, POST, ...
    std::string path;                                       // percent-decoded, without the query
    std::vector<std::pair<std::string, std::string>> query; // decoded, in order
    HttpHeaders headers;
    std::string body;
    std::string remoteIp; // the socket's peer; the front puts the client's there (a trusted proxy's X-Forwarded-For)
    std::uint64_t connectionId = 0;
    std::map<std::string, std::string> params; // the route's {placeholders}

    std::optional<std::string> header(std::string_view name) const { return headers.get(name); }
    std::optional<std::string> queryValue(std::string_view name) const;
    std::optional<std::string> param(std::string_view name) const;
};

// Writes an open response stream once its headers are out: server-sent events. Called on a server thread; it may
// keep the stream and write to it from any thread later.
using StreamStart = std::function<void(std::shared_ptr<EventStream>)>;

struct HttpResponse;
// Answers a request whose handler answered "later": call it once, from any thread. A Respond dropped without
// being called answers 500, so that no client waits forever for a handler's bug.
using Respond = std::function<void(HttpResponse)>;
// Starts the work of a deferred answer (called on the request's thread as soon as the handler returns).
using DeferredStart = std::function<void(Respond)>;

// A value for the request's log line: a number or a text.
using LogValue = std::variant<std::int64_t, std::string>;

// One response: status, fields and body; or a stream that stays open (stream set, body unused); or an answer that
// comes later (deferred set: the request thread goes on serving others meanwhile).
struct HttpResponse {
    int status = 200;
    HttpHeaders headers;
    std::string body;
    StreamStart stream;
    DeferredStart deferred;
    // What the handler adds to the request's one log line (an event's id, say), instead of a line of its own.
    std::vector<std::pair<std::string, LogValue>> logFields;

    static HttpResponse later(DeferredStart start);

    static HttpResponse json(int status, const nlohmann::json& body);
    static HttpResponse text(int status, std::string body, std::string contentType = "text/plain; charset=utf-8");
    static HttpResponse html(int status, std::string body);
    static HttpResponse redirect(const std::string& location, int status = 302);
    // The one error shape of the API: {"error": {"code": ..., "message": ...}}.
    static HttpResponse error(int status, std::string_view code, std::string_view message);
};

std::string_view reasonPhrase(int status);

// %XX sequences decoded (and '+' as a space where a form or query asks for it); nullopt for a broken sequence.
// Anything else passes as it is: what a path or query may hold is the route's business, not the decoder's.
std::optional<std::string> percentDecode(std::string_view text, bool plusIsSpace);
// Everything but RFC 3986's unreserved characters as %XX: for query values and form fields.
std::string percentEncode(std::string_view text);
// "a=1&b=x+y&flag" -> {a,1} {b,"x y"} {flag,""}; nullopt when a part is not validly encoded or does not decode to
// UTF-8 text without NUL (browsers and the desktop send UTF-8; anything else would reach the database, which refuses
// it). Also reads application/x-www-form-urlencoded bodies.
std::optional<std::vector<std::pair<std::string, std::string>>> parseQuery(std::string_view query);
// The first value of `name` in parsed query or form fields; empty when absent.
std::string fieldValue(const std::vector<std::pair<std::string, std::string>>& fields, std::string_view name);

} // namespace tricoach::sync
