// The router: which handler answers which method and path, and what a 405 must name.
#include "sync-server/http/router.h"

#include <gtest/gtest.h>

using namespace tricoach::sync;

namespace {

Router sample()
{
    Router r;
    const auto named = [](std::string name) { return [name](HttpRequest&) { return HttpResponse::text(200, name); }; };
    r.add("GET", "/v1/sessions", named("list"));
    r.add("DELETE", "/v1/sessions/{id}", named("revoke"));
    r.add("GET", "/strava/webhook/{path}", named("challenge"));
    r.add("POST", "/strava/webhook/{path}", named("event"));
    return r;
}

std::string answer(const Router& router, const std::string& method, const std::string& path, HttpRequest* out = nullptr)
{
    HttpRequest request;
    request.method = method;
    request.path = path;
    const Router::Match m = router.match(request);
    if (out)
        *out = request;
    return m.route ? m.route->handler(request).body : std::string();
}

} // namespace

TEST(SyncRouter, APlaceholderTakesOneWholeSegment)
{
    const Router r = sample();
    HttpRequest seen;
    EXPECT_EQ(answer(r, "DELETE", "/v1/sessions/42", &seen), "revoke");
    EXPECT_EQ(seen.param("id"), "42");
    EXPECT_EQ(answer(r, "DELETE", "/v1/sessions/"), "");    // an empty segment is not an id
    EXPECT_EQ(answer(r, "DELETE", "/v1/sessions/4/2"), ""); // nor are two
    EXPECT_EQ(answer(r, "GET", "/v1/sessions"), "list");
    EXPECT_EQ(answer(r, "GET", "/v1/sessions/"), ""); // a trailing slash is another address
    EXPECT_EQ(answer(r, "GET", "/v1/session"), "");
}

TEST(SyncRouter, TheSamePathUnderAnotherMethodNamesTheMethodsItHas)
{
    const Router r = sample();
    HttpRequest request;
    request.method = "PUT";
    request.path = "/strava/webhook/secret";
    const Router::Match m = r.match(request);
    EXPECT_EQ(m.route, nullptr);
    EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "POST"}));
    request.path = "/nowhere";
    EXPECT_TRUE(r.match(request).allowed.empty()); // a 404, not a 405
}

TEST(SyncRouter, HeadIsAnsweredByTheGetRoute)
{
    const Router r = sample();
    EXPECT_EQ(answer(r, "HEAD", "/v1/sessions"), "list");
    EXPECT_EQ(answer(r, "HEAD", "/v1/sessions/1"), ""); // DELETE only
}

TEST(SyncRouter, ThePlaceholderKeepsWhatWasDecoded)
{
    const Router r = sample();
    HttpRequest seen;
    EXPECT_EQ(answer(r, "POST", "/strava/webhook/a b", &seen), "event");
    EXPECT_EQ(seen.param("path"), "a b");
}
