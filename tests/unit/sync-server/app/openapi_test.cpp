// The OpenAPI document the server serves describes exactly the routes a running server has: every route is
// documented and nothing documented is missing.
#include "sync-server/app/syncserver.h"
#include "sync-server/ops/jsonlog.h"
#include "tests/support/rawhttp.h"
#include "tests/support/tempdir.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <set>

using namespace tricoach;
using namespace tricoach::sync;

class SyncOpenApi : public test::TempDirTest {};

TEST_F(SyncOpenApi, TheDocumentDescribesExactlyTheRoutesOfARunningServer)
{
    JsonLog log([](const std::string&) {});
    ServerConfig config;
    config.port = 0;
    config.threads = 1;
    config.database = "sqlite:" + pathFor(QStringLiteral("sync.sqlite")).toStdString();
    SyncServer server(config, log);
    ASSERT_TRUE(server.start().ok());
    const test::RawResponse r = test::httpRequest(server.port(), "GET", "/v1/openapi.json");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("content-type"), "application/json");
    const auto doc = nlohmann::json::parse(r.body, nullptr, false);
    ASSERT_TRUE(doc.is_object()) << r.body.substr(0, 200);
    EXPECT_EQ(doc["openapi"], "3.1.0");
    std::set<std::string> documented;
    for (const auto& [path, item] : doc["paths"].items())
        for (const auto& [method, op] : item.items()) {
            std::string upper = method;
            for (char& c : upper)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            documented.insert(upper + " " + path);
            EXPECT_TRUE(op.contains("responses") && !op["responses"].empty()) << upper << " " << path;
            // Path parameters are declared.
            for (size_t open = path.find('{'); open != std::string::npos; open = path.find('{', open + 1)) {
                const std::string name = path.substr(open + 1, path.find('}', open) - open - 1);
                bool declared = false;
                for (const auto& p : op.value("parameters", nlohmann::json::array()))
                    declared |= p.value("in", "") == "path" && p.value("name", "") == name;
                EXPECT_TRUE(declared) << upper << " " << path << " does not declare {" << name << "}";
            }
        }
    std::set<std::string> routed;
    for (const Route& route : server.api().router().routes()) {
        routed.insert(route.method + " " + route.pattern);
        // A route held to a request budget says it may answer 429; one that never is does not.
        std::string lower = route.method;
        for (char& c : lower)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const auto responses = doc["paths"]
                                   .value(route.pattern, nlohmann::json::object())
                                   .value(lower, nlohmann::json::object())
                                   .value("responses", nlohmann::json::object());
        EXPECT_EQ(responses.contains("429"), route.throttle != Throttle::Never) << route.method << " " << route.pattern;
    }
    EXPECT_EQ(documented, routed);
    // Every $ref points at something that exists.
    std::function<void(const nlohmann::json&)> refs = [&](const nlohmann::json& j) {
        if (j.is_object()) {
            if (j.contains("$ref")) {
                const std::string ref = j["$ref"];
                ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
                EXPECT_FALSE(doc.value(nlohmann::json::json_pointer(ref.substr(1)), nlohmann::json()).is_null()) << ref;
            }
            for (const auto& [k, v] : j.items())
                refs(v);
        } else if (j.is_array()) {
            for (const auto& v : j)
                refs(v);
        }
    };
    refs(doc);
}
