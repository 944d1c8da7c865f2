#include "sync-server/net/httpclient.h"

#include "sync-server/http/message.h"

#include <algorithm>
#include <cctype>
#include <curl/curl.h>
#include <memory>
#include <mutex>

namespace tricoach::sync {

namespace {

// curl_global_init is not thread-safe before libcurl 7.84: once, before the first handle.
void initialiseCurlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t appendBody(char* data, size_t size, size_t count, void* out)
{
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}

size_t appendHeader(char* data, size_t size, size_t count, void* out)
{
    auto* response = static_cast<OutboundResponse*>(out);
    std::string line(data, size * count);
    // A new status line (after a redirect or a 100 Continue) starts a new set of fields.
    if (line.rfind("HTTP/", 0) == 0) {
        response->headers.clear();
        return size * count;
    }
    const size_t colon = line.find(':');
    if (colon == std::string::npos)
        return size * count;
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value = line.substr(colon + 1);
    const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    value.erase(value.begin(), std::find_if(value.begin(), value.end(), notSpace));
    value.erase(std::find_if(value.rbegin(), value.rend(), notSpace).base(), value.end());
    response->headers.emplace_back(std::move(name), std::move(value));
    return size * count;
}

int checkStopped(void* stopped, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    return static_cast<std::atomic<bool>*>(stopped)->load() ? 1 : 0; // non-zero aborts the transfer
}

struct EasyDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

} // namespace

std::string OutboundResponse::header(std::string_view lowerName) const
{
    for (const auto& [name, value] : headers)
        if (name == lowerName)
            return value;
    return {};
}

CurlHttpClient::CurlHttpClient()
{
    initialiseCurlOnce();
}

CurlHttpClient::~CurlHttpClient() = default;

Result<OutboundResponse> CurlHttpClient::send(const OutboundRequest& request)
{
    if (m_stopped)
        return makeError(QStringLiteral("The server is shutting down."), kHttpCancelled);
    std::unique_ptr<CURL, EasyDeleter> curl(curl_easy_init());
    if (!curl)
        return makeError(QStringLiteral("libcurl could not start a request."), kHttpBadRequest);
    OutboundResponse response;
    std::unique_ptr<curl_slist, ListDeleter> headers;
    for (const auto& [name, value] : request.headers) {
        const std::string field = name + ": " + value;
        curl_slist* appended = curl_slist_append(headers.get(), field.c_str());
        if (!appended)
            return makeError(QStringLiteral("libcurl could not hold a header."), kHttpBadRequest);
        (void)headers.release();
        headers.reset(appended);
    }
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (request.method == "HEAD")
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connectTimeout.count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(request.totalTimeout.count()));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L); // timeouts without SIGALRM: we are multi-threaded
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, appendBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, appendHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &response);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, checkStopped);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &m_stopped);
    const CURLcode code = curl_easy_perform(c);
    if (code == CURLE_ABORTED_BY_CALLBACK)
        return makeError(QStringLiteral("The server is shutting down."), kHttpCancelled);
    if (code == CURLE_URL_MALFORMAT || code == CURLE_UNSUPPORTED_PROTOCOL)
        return makeError(QStringLiteral("Cannot request %1: %2")
                             .arg(QString::fromStdString(request.url), QString::fromUtf8(curl_easy_strerror(code))),
                         kHttpBadRequest);
    if (code != CURLE_OK) {
        // The url without its query: Strava's client secret may travel there.
        const std::string where = request.url.substr(0, request.url.find('?'));
        return makeError(QStringLiteral("No answer from %1: %2")
                             .arg(QString::fromStdString(where), QString::fromUtf8(curl_easy_strerror(code))),
                         kHttpUnreachable);
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    response.status = static_cast<int>(status);
    return response;
}

std::string formEncode(const std::vector<std::pair<std::string, std::string>>& fields)
{
    std::string out;
    for (const auto& [name, value] : fields)
        out += (out.empty() ? "" : "&") + percentEncode(name) + "=" + percentEncode(value);
    return out;
}

} // namespace tricoach::sync
