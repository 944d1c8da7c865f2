// libFuzzer target: the router's matching on the real server's route table (a SyncServer wired but not started),
// for any method and any decoded path. A match names a route whose pattern fits the path segment by segment, with
// every placeholder filled from a non-empty segment; no match answers 404 or 405 (with Allow) in the one JSON
// error shape. Seeds: tests/data/fuzz-seeds/sync/router/ (first line the method, the rest the raw path).
#include "sync-server/app/syncserver.h"
#include "sync-server/ops/jsonlog.h"
#include "tests/fuzz/sync/syncfuzz.h"

#include <nlohmann/json.hpp>

using namespace tricoach::sync;
using namespace tricoach::sync::fuzz;

namespace {

std::vector<std::string> segments(std::string_view path)
{
    if (!path.empty() && path.front() == '/')
        path.remove_prefix(1);
    std::vector<std::string> out;
    for (;;) {
        const size_t slash = path.find('/');
        out.emplace_back(path.substr(0, slash));
        if (slash == std::string_view::npos)
            return out;
        path.remove_prefix(slash + 1);
    }
}

ServerConfig routedConfig()
{
    ServerConfig c;
    c.strava.webhookPath = "hook-secret";
    c.strava.verifyToken = "verify";
    c.rateLimits.enabled = false; // every input comes from one address
    return c;
}

SyncServer& server()
{
    static JsonLog log([](const std::string&) {});
    static SyncServer s(routedConfig(), log);
    return s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto parts = split(bytes(data, size), 2);
    HttpRequest request;
    request.method = parts[0];
    // As HttpServer hands it over: the path decoded, the query apart.
    const std::string& raw = parts[1];
    const size_t q = raw.find('?');
    const auto path = percentDecode(std::string_view(raw).substr(0, q), false);
    if (!path)
        return 0;
    request.path = *path;
    request.remoteIp = "127.0.0.1";
    const Router& router = server().api().router();
    const Router::Match m = router.match(request);
    if (m.route) {
        const bool methodFits =
            m.route->method == request.method || (request.method == "HEAD" && m.route->method == "GET");
        TRICOACH_FUZZ_CHECK(methodFits);
        const auto want = segments(m.route->pattern);
        const auto got = segments(request.path);
        TRICOACH_FUZZ_CHECK(want.size() == got.size());
        for (size_t i = 0; i < want.size(); ++i) {
            if (want[i].size() > 2 && want[i].front() == '{') {
                const auto param = request.param(want[i].substr(1, want[i].size() - 2));
                TRICOACH_FUZZ_CHECK(param && *param == got[i] && !param->empty());
            } else {
                TRICOACH_FUZZ_CHECK(want[i] == got[i]);
            }
        }
        return 0;
    }
    // No route: the front answers 404, or 405 naming the methods the path has, in the one error shape.
    for (const std::string& allowed : m.allowed)
        TRICOACH_FUZZ_CHECK(allowed != request.method && !(request.method == "HEAD" && allowed == "GET"));
    const HttpResponse r = server().api().handle(request);
    TRICOACH_FUZZ_CHECK(r.status == (m.allowed.empty() ? 404 : 405));
    const auto body = nlohmann::json::parse(r.body, nullptr, false);
    TRICOACH_FUZZ_CHECK(body.is_object() && body["error"]["code"].is_string() && body["error"]["message"].is_string());
    return 0;
}
