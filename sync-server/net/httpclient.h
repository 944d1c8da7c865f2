#pragma once

#include "core/util/result.h"

#include <QLatin1String>

#include <atomic>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace tricoach::sync {

// Error codes of HttpClient's Result values.
inline constexpr QLatin1String kHttpUnreachable{"http.unreachable"}; // no connection, timed out, broken answer
inline constexpr QLatin1String kHttpCancelled{"http.cancelled"};     // stop() was called
inline constexpr QLatin1String kHttpBadRequest{"http.bad-request"};  // the request could not be made (bad url)

struct OutboundRequest {
    std::string method = "GET";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body; // sent as it is; set a Content-Type header with it
    std::chrono::milliseconds connectTimeout{5000};
    std::chrono::milliseconds totalTimeout{15000};
};

struct OutboundResponse {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers; // names lower-cased
    std::string body;
    std::string header(std::string_view lowerName) const;
};

// Outbound HTTP (Strava's API): one blocking call at a time per caller, any number of callers at once. Any answer
// from the other side is a value (4xx and 5xx included); only not getting one is an error. Never throws.
class HttpClient {
public:
    virtual ~HttpClient() = default;
    virtual Result<OutboundResponse> send(const OutboundRequest& request) = 0;
    // Ends calls in flight (they return kHttpCancelled) and every later one: for shutting down.
    virtual void stop() = 0;
};

// HttpClient on libcurl. Thread-safe (an easy handle per call).
class CurlHttpClient final : public HttpClient {
public:
    CurlHttpClient();
    ~CurlHttpClient() override;
    Result<OutboundResponse> send(const OutboundRequest& request) override;
    void stop() override { m_stopped = true; }

private:
    std::atomic<bool> m_stopped{false};
};

// "a=1&b=x y" from pairs, each part percent-encoded (RFC 3986 unreserved characters pass).
std::string formEncode(const std::vector<std::pair<std::string, std::string>>& fields);

} // namespace tricoach::sync
