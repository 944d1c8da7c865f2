#include "sync-server/http/message.h"

#include "core/util/utf8.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace tricoach::sync {

namespace {

bool sameName(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

void HttpHeaders::add(std::string name, std::string value)
{
    m_fields.emplace_back(std::move(name), std::move(value));
}

void HttpHeaders::set(std::string name, std::string value)
{
    std::erase_if(m_fields, [&](const auto& f) { return sameName(f.first, name); });
    add(std::move(name), std::move(value));
}

std::optional<std::string> HttpHeaders::get(std::string_view name) const
{
    for (const auto& [n, v] : m_fields)
        if (sameName(n, name))
            return v;
    return std::nullopt;
}

std::vector<std::string> HttpHeaders::getAll(std::string_view name) const
{
    std::vector<std::string> out;
    for (const auto& [n, v] : m_fields)
        if (sameName(n, name))
            out.push_back(v);
    return out;
}

std::optional<std::string> HttpRequest::queryValue(std::string_view name) const
{
    for (const auto& [k, v] : query)
        if (k == name)
            return v;
    return std::nullopt;
}

std::optional<std::string> HttpRequest::param(std::string_view name) const
{
    const auto it = params.find(std::string(name));
    return it == params.end() ? std::nullopt : std::optional<std::string>(it->second);
}

HttpResponse HttpResponse::later(DeferredStart start)
{
    HttpResponse r;
    r.deferred = std::move(start);
    return r;
}

HttpResponse HttpResponse::json(int status, const nlohmann::json& body)
{
    HttpResponse r;
    r.status = status;
    r.headers.set("Content-Type", "application/json");
    // Replaced, not thrown: a stored string that is not UTF-8 must not turn an answer into a 500.
    r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return r;
}

HttpResponse HttpResponse::text(int status, std::string body, std::string contentType)
{
    HttpResponse r;
    r.status = status;
    r.headers.set("Content-Type", std::move(contentType));
    r.body = std::move(body);
    return r;
}

HttpResponse HttpResponse::html(int status, std::string body)
{
    return text(status, std::move(body), "text/html; charset=utf-8");
}

HttpResponse HttpResponse::redirect(const std::string& location, int status)
{
    HttpResponse r;
    r.status = status;
    r.headers.set("Location", location);
    return r;
}

HttpResponse HttpResponse::error(int status, std::string_view code, std::string_view message)
{
    return json(status, {{"error", {{"code", code}, {"message", message}}}});
}

std::optional<std::string> percentDecode(std::string_view text, bool plusIsSpace)
{
    const auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size())
                return std::nullopt;
            const int hi = hex(text[i + 1]);
            const int lo = hex(text[i + 2]);
            if (hi < 0 || lo < 0)
                return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plusIsSpace) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::string percentEncode(std::string_view text)
{
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::optional<std::vector<std::pair<std::string, std::string>>> parseQuery(std::string_view query)
{
    std::vector<std::pair<std::string, std::string>> out;
    while (!query.empty()) {
        const size_t amp = query.find('&');
        const std::string_view part = query.substr(0, amp);
        if (!part.empty()) {
            const size_t eq = part.find('=');
            auto key = percentDecode(part.substr(0, eq), true);
            auto value = eq == std::string_view::npos ? std::optional<std::string>("")
                                                      : percentDecode(part.substr(eq + 1), true);
            if (!key || !value || !isUtf8Text(*key) || !isUtf8Text(*value))
                return std::nullopt;
            out.emplace_back(std::move(*key), std::move(*value));
        }
        if (amp == std::string_view::npos)
            break;
        query.remove_prefix(amp + 1);
    }
    return out;
}

std::string fieldValue(const std::vector<std::pair<std::string, std::string>>& fields, std::string_view name)
{
    for (const auto& [k, v] : fields)
        if (k == name)
            return v;
    return {};
}

std::string_view reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return status < 400 ? "OK" : status < 500 ? "Client Error" : "Server Error";
    }
}

} // namespace tricoach::sync
