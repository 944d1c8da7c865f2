// What the tricoach-sync fuzz targets found, as ordinary tests (the replay tests run the same inputs through the
// targets, but only a sanitizer build would see undefined behaviour there).
#include "core/wire/events.h"
#include "sync-server/app/syncserver.h"
#include "sync-server/auth/oauthserver.h"
#include "sync-server/auth/secrets.h"
#include "sync-server/http/message.h"
#include "sync-server/ops/jsonlog.h"
#include "tests/support/rawhttp.h"
#include "tests/support/tempdir.h"

#include <QCryptographicHash>
#include <QFile>
#include <QUrl>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace tricoach;
using namespace tricoach::sync;
using namespace tricoach::test;

namespace {

nlohmann::json event(const char* field, const nlohmann::json& value)
{
    nlohmann::json j = {{"id", 17},        {"kind", "strava.webhook"}, {"object_type", "activity"},
                        {"object_id", 42}, {"aspect_type", "create"},  {"received_at", 1800000000000}};
    j[field] = value;
    return j;
}

} // namespace

// sync_wire_fuzz: an id too large for 64 bits (or not whole) was converted anyway, undefined behaviour in
// nlohmann's get<std::int64_t>(); now it is a wrong shape, refused like a string would be.
TEST(SyncFuzzRegressions, WireNumbersThatAreNotWhole64BitIntegersAreAWrongShape)
{
    QFile found(QStringLiteral(TRICOACH_TESTDATA_DIR "/fuzz-regressions/sync/wire/float-object-id-out-of-range.json"));
    ASSERT_TRUE(found.open(QIODevice::ReadOnly));
    const auto parsed = nlohmann::json::parse(found.readAll().toStdString());
    EXPECT_THROW(parsed.get<wire::SyncEvent>(), nlohmann::json::type_error);
    for (const char* field : {"id", "object_id", "owner_id", "event_time", "received_at"}) {
        for (const nlohmann::json& bad : {nlohmann::json(1e300), nlohmann::json(-1e300), nlohmann::json(1.5),
                                          nlohmann::json(std::uint64_t(18446744073709551615ULL)),
                                          nlohmann::json(std::uint64_t(9223372036854775808ULL))})
            EXPECT_THROW(event(field, bad).get<wire::SyncEvent>(), nlohmann::json::type_error)
                << field << " = " << bad.dump();
        // The edges that fit are read exactly.
        for (const std::int64_t good : {INT64_MAX, INT64_MIN, std::int64_t{0}}) {
            const auto e = event(field, good).get<wire::SyncEvent>();
            const nlohmann::json back = e;
            EXPECT_EQ(back[field], good) << field;
        }
    }
    const nlohmann::json page = {{"events", nlohmann::json::array()}, {"next", 1e19}, {"more", false}};
    EXPECT_THROW(page.get<wire::EventsPage>(), nlohmann::json::type_error);
}

// A query or form that decodes to bytes which are not UTF-8 text is malformed; UTF-8 is read as it is.
TEST(SyncFuzzRegressions, QueriesAndFormsAreUtf8TextOrMalformed)
{
    for (const char* bad :
         {"email=Anna%80Example.org", "a=%00", "%C0%AF=x", "x=%ED%A0%80", "x=%F4%90%80%80", "x=%E2%82"})
        EXPECT_FALSE(parseQuery(bad).has_value()) << bad;
    const auto russian = parseQuery("lang=ru&title=%D0%92%D1%85%D0%BE%D0%B4+%F0%9F%8F%8A");
    ASSERT_TRUE(russian.has_value());
    EXPECT_EQ(fieldValue(*russian, "title"), "\xD0\x92\xD1\x85\xD0\xBE\xD0\xB4 \xF0\x9F\x8F\x8A");
}

class SyncFuzzRegressionServer : public TempDirTest {
protected:
    JsonLog log{[](const std::string&) {}};
    std::unique_ptr<SyncServer> server;

    void SetUp() override
    {
        ServerConfig config;
        config.port = 0;
        config.threads = 1;
        config.database = "sqlite:" + pathFor(QStringLiteral("sync.sqlite")).toStdString();
        server = std::make_unique<SyncServer>(config, log);
        ASSERT_TRUE(server->start().ok());
        ASSERT_NE(server->store(), nullptr);
    }
};

// sync_password_fuzz: an email that is not UTF-8 reached the attempt counter's key in the store, which refused it,
// and the sign-in answered 500. The form is now refused as malformed, 400, before anything is looked up.
TEST_F(SyncFuzzRegressionServer, APasswordFormThatIsNotUtf8IsMalformedNotAServerError)
{
    QFile found(QStringLiteral(TRICOACH_TESTDATA_DIR "/fuzz-regressions/sync/password/email-not-utf8"));
    ASSERT_TRUE(found.open(QIODevice::ReadOnly));
    const std::string input = found.readAll().toStdString();
    const std::string contentType = input.substr(0, input.find('\n'));
    std::string body = input.substr(input.find('\n') + 1);
    const RawResponse page = httpRequest(server->port(), "GET",
                                         "/oauth/authorize?response_type=code&client_id=tricoach-desktop&redirect_uri="
                                         "http%3A%2F%2F127.0.0.1%3A53682%2Fcallback&code_challenge="
                                         "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
    ASSERT_EQ(page.status, 200) << page.body;
    const size_t at = page.body.find("name=\"pending\" value=\"");
    ASSERT_NE(at, std::string::npos);
    const size_t start = at + std::string("name=\"pending\" value=\"").size();
    body.replace(body.find("@PENDING@"), 9, page.body.substr(start, page.body.find('"', start) - start));
    const RawResponse r = httpRequest(server->port(), "POST", "/oauth/password", body, {{"Content-Type", contentType}});
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(nlohmann::json::parse(r.body, nullptr, false)["error"]["code"], "request.malformed-body");
    // A query that is not UTF-8 is refused at the door.
    const RawResponse query = httpRequest(server->port(), "GET", "/oauth/authorize?client_id=%FF");
    EXPECT_EQ(query.status, 400);
    EXPECT_EQ(nlohmann::json::parse(query.body, nullptr, false)["error"]["code"], "request.malformed-url");
}

// Found while fixing the above: the token exchange kept the User-Agent header as the session's name, and a header
// may carry any bytes; the store refused them and the exchange answered 500 after the code was spent.
TEST_F(SyncFuzzRegressionServer, AUserAgentThatIsNotUtf8DoesNotSpoilTheCodeExchange)
{
    NewUser u;
    u.email = "anna@example.org";
    u.displayName = "Anna";
    u.createdAt = systemNow();
    auto user = server->store()->createUser(u);
    ASSERT_TRUE(user.ok());
    const std::string verifier = Secrets::newToken();
    AuthorizeRequest request;
    request.clientId = "tricoach-desktop";
    request.redirectUri = "http://127.0.0.1:53682/callback";
    request.codeChallenge = QCryptographicHash::hash(QByteArray::fromStdString(verifier), QCryptographicHash::Sha256)
                                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
                                .toStdString();
    request.state = "xyz";
    request.locale = "en";
    OAuthServer oauth(*server->store());
    auto code = oauth.issueCode(user->id, request, systemNow());
    ASSERT_TRUE(code.ok());
    const RawResponse r =
        httpRequest(server->port(), "POST", "/oauth/token",
                    "grant_type=authorization_code&client_id=tricoach-desktop&code=" + percentEncode(*code) +
                        "&code_verifier=" + verifier + "&redirect_uri=" + percentEncode(request.redirectUri),
                    {{"Content-Type", "application/x-www-form-urlencoded"}, {"User-Agent", "Desk\xFFtop\xC0"}});
    ASSERT_EQ(r.status, 200) << r.body;
    const auto sessions = server->store()->listSessions(user->id, systemNow());
    ASSERT_TRUE(sessions.ok());
    ASSERT_EQ(sessions->size(), 1u);
    EXPECT_EQ(sessions->front().clientName, "TriCoach desktop");
}
