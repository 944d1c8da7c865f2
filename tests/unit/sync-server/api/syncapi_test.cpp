// The server's HTTP front on a real socket: the one error shape, health and readiness, metrics in Prometheus'
// text format, the OpenAPI document against the routes, and logs that never carry a secret.
#include "sync-server/api/syncapi.h"
#include "sync-server/app/syncserver.h"
#include "sync-server/http/httpserver.h"
#include "sync-server/ops/jsonlog.h"
#include "sync-server/ops/metrics.h"
#include "tests/support/rawhttp.h"

#include <cstring>
#include <gtest/gtest.h>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

using namespace tricoach::sync;
using namespace tricoach::test;

namespace {

class SyncApiTest : public ::testing::Test {
protected:
    std::mutex linesMutex;
    std::vector<std::string> lines;
    JsonLog log{[this](const std::string& line) {
        std::lock_guard lock(linesMutex);
        lines.push_back(line);
    }};
    Metrics metrics;
    Readiness readiness{true, 3, 3, {}};
    SyncApi api{log, metrics, [this] { return readiness; }};
    std::unique_ptr<HttpServer> server;

    quint16 start()
    {
        HttpServerOptions o;
        o.threads = 2;
        server = std::make_unique<HttpServer>(o, [this](HttpRequest& r) { return api.handle(r); });
        EXPECT_TRUE(server->start().ok());
        return server->port();
    }

    std::string allLines()
    {
        std::lock_guard lock(linesMutex);
        std::string all;
        for (const auto& l : lines)
            all += l + "\n";
        return all;
    }
};

nlohmann::json parsed(const RawResponse& r)
{
    return nlohmann::json::parse(r.body, nullptr, false);
}

} // namespace

TEST_F(SyncApiTest, UnknownRoutesAndWrongMethodsAnswerInTheOneErrorShape)
{
    const quint16 port = start();
    const RawResponse missing = httpRequest(port, "GET", "/v1/nothing-here");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(parsed(missing)["error"]["code"], "route.not-found");
    const RawResponse wrong = httpRequest(port, "POST", "/healthz", "{}");
    EXPECT_EQ(wrong.status, 405);
    EXPECT_EQ(parsed(wrong)["error"]["code"], "route.method-not-allowed");
    EXPECT_EQ(wrong.header("allow"), "GET");
    EXPECT_EQ(missing.header("x-request-id").size(), 16u);
    // A proxy's request id is carried through; a hostile one is not.
    EXPECT_EQ(httpRequest(port, "GET", "/healthz", {}, {{"X-Request-Id", "edge-42"}}).header("x-request-id"),
              "edge-42");
    EXPECT_NE(httpRequest(port, "GET", "/healthz", {}, {{"X-Request-Id", "a\"b"}}).header("x-request-id"), "a\"b");
}

TEST_F(SyncApiTest, ReadinessFollowsTheDatabaseAndItsSchema)
{
    const quint16 port = start();
    EXPECT_EQ(httpRequest(port, "GET", "/healthz").status, 200);
    EXPECT_EQ(httpRequest(port, "GET", "/readyz").status, 200);
    readiness = Readiness{true, 2, 3, {}};
    const RawResponse behind = httpRequest(port, "GET", "/readyz");
    EXPECT_EQ(behind.status, 503);
    EXPECT_NE(parsed(behind)["problem"].get<std::string>().find("tricoach-sync migrate"), std::string::npos);
    readiness = Readiness{false, 0, 3, "connection refused"};
    const RawResponse down = httpRequest(port, "GET", "/readyz");
    EXPECT_EQ(down.status, 503);
    EXPECT_EQ(parsed(down)["database"], "unreachable");
    EXPECT_EQ(httpRequest(port, "GET", "/healthz").status, 200); // alive all the same
}

TEST_F(SyncApiTest, MetricsCountRequestsByRoutePatternInTheTextFormat)
{
    api.router().add("GET", "/v1/things/{id}", [](HttpRequest&) { return HttpResponse::json(200, {}); });
    const quint16 port = start();
    for (int i = 0; i < 3; ++i)
        httpRequest(port, "GET", "/v1/things/" + std::to_string(i));
    httpRequest(port, "GET", "/nope");
    const RawResponse m = httpRequest(port, "GET", "/metrics");
    EXPECT_EQ(m.status, 200);
    EXPECT_EQ(m.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    const std::string& t = m.body;
    EXPECT_NE(t.find("tricoach_http_requests_total{route=\"/v1/things/{id}\",method=\"GET\",status=\"200\"} 3\n"),
              std::string::npos)
        << t;
    EXPECT_NE(t.find("tricoach_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1\n"),
              std::string::npos);
    EXPECT_NE(t.find("tricoach_http_request_duration_seconds_count{route=\"/v1/things/{id}\"} 3\n"), std::string::npos);
    EXPECT_NE(t.find("tricoach_http_request_duration_seconds_bucket{route=\"/v1/things/{id}\",le=\"+Inf\"} 3\n"),
              std::string::npos);
    // Every sample line is NAME{LABELS} VALUE or NAME VALUE, and every metric has HELP and TYPE.
    static const std::regex sample(
        R"(^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? [-+0-9.eEInf]+$)");
    std::set<std::string> typed;
    size_t start = 0;
    while (start < t.size()) {
        const size_t end = t.find('\n', start);
        const std::string line = t.substr(start, end - start);
        start = end + 1;
        if (line.rfind("# TYPE ", 0) == 0)
            typed.insert(line.substr(7, line.find(' ', 7) - 7));
        else if (line.rfind("# HELP ", 0) != 0) {
            EXPECT_TRUE(std::regex_match(line, sample)) << line;
            std::string name = line.substr(0, line.find_first_of("{ "));
            for (const char* suffix : {"_bucket", "_sum", "_count"})
                if (name.size() > strlen(suffix) && name.ends_with(suffix) && !typed.count(name))
                    name = name.substr(0, name.size() - strlen(suffix));
            EXPECT_TRUE(typed.count(name)) << "no TYPE before " << line;
        }
    }
}

TEST_F(SyncApiTest, LogLinesAreJsonAndKeepSecretsAndQueriesOut)
{
    api.router().add("POST", "/v1/echo", [this](HttpRequest& r) {
        log.info("signing in", {{"refresh_token", "rt-SECRET"},
                                {"client_secret", "cs-SECRET"},
                                {"nested", {{"access_token", "at-SECRET"}}},
                                {"code", "oauth-SECRET"},
                                {"status_text", "kept"}});
        return HttpResponse::json(200, {{"got", r.body.size()}});
    });
    const quint16 port = start();
    httpRequest(port, "POST", "/v1/echo?code=query-SECRET", "{}");
    const std::string all = allLines();
    EXPECT_EQ(all.find("SECRET"), std::string::npos) << all;
    EXPECT_NE(all.find("\"status_text\":\"kept\""), std::string::npos) << all;
    for (const auto& line : lines) {
        const auto j = nlohmann::json::parse(line, nullptr, false);
        ASSERT_TRUE(j.is_object()) << line;
        EXPECT_TRUE(j.contains("ts") && j.contains("level") && j.contains("msg")) << line;
    }
}
