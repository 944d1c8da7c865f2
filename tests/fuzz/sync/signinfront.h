#pragma once
// The sign-in routes as the server wires them (SyncApi + addAuthRoutes on a scratch SQLite store), for the token and
// password form fuzz targets. A request goes through SyncApi::handle, the real front and the real handler. Inputs
// may write @CODE@, @REFRESH@ or @PENDING@: each is replaced by a live one made for that input, so the fuzzer reaches
// past the lookups into the exchange, the rotation and the password check.

#include "sync-server/api/syncapi.h"
#include "sync-server/app/serverconfig.h"
#include "sync-server/auth/authroutes.h"
#include "sync-server/auth/oauthserver.h"
#include "sync-server/auth/secrets.h"
#include "sync-server/ops/jsonlog.h"
#include "sync-server/ops/metrics.h"
#include "tests/fuzz/sync/syncfuzz.h"

#include <QCryptographicHash>

#include <nlohmann/json.hpp>

namespace tricoach::sync::fuzz {

inline constexpr const char* kVerifier = "fuzz-verifier-0123456789-0123456789-0123456789";
inline constexpr const char* kPassword = "correct horse battery";

class SignInFront {
public:
    SignInFront()
    {
        AuthDependencies deps;
        deps.store = [this] { return m_store; };
        deps.config = &m_config;
        deps.log = &m_log;
        deps.clock = [this] { return m_now; };
        addAuthRoutes(m_api, std::move(deps));
        NewUser u;
        u.email = "anna@example.org";
        u.passwordHash = Secrets::hashPassword(kPassword);
        u.displayName = "Anna";
        u.createdAt = m_now;
        auto created = m_store->createUser(u);
        TRICOACH_FUZZ_CHECK(created.ok() || created.error().code == kStoreConflict);
        auto found = m_store->findUserByEmail("anna@example.org");
        TRICOACH_FUZZ_CHECK(found && *found);
        m_user = (*found)->id;
        m_request.clientId = "tricoach-desktop";
        m_request.redirectUri = "http://127.0.0.1:53682/callback";
        m_request.codeChallenge = QCryptographicHash::hash(QByteArray(kVerifier), QCryptographicHash::Sha256)
                                      .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
                                      .toStdString();
        m_request.state = "xyz";
        m_request.locale = "en";
    }

    // POSTs `body` (placeholders filled) to `path` as the desktop or the browser would, and checks the answer.
    HttpResponse post(const std::string& path, std::string body, const std::string& contentType)
    {
        // An hour apart: attempt windows and code lifetimes never carry over from one input to the next.
        m_now += std::chrono::hours(1);
        fill(body, "@CODE@", [&] {
            OAuthServer oauth(*m_store);
            auto code = oauth.issueCode(m_user, m_request, m_now);
            return code ? *code : std::string();
        });
        fill(body, "@REFRESH@", [&] { return m_refresh; });
        fill(body, "@PENDING@", [&] {
            PendingSignIn p{Secrets::newToken(), m_request.toJson(), m_now + std::chrono::minutes(15)};
            return m_store->putPendingSignIn(p) ? p.id : std::string();
        });
        HttpRequest r;
        r.method = "POST";
        r.path = path;
        r.remoteIp = "203.0.113.7";
        r.headers.add("Content-Type", contentType);
        r.headers.add("User-Agent", "TriCoach fuzz");
        r.body = std::move(body);
        HttpResponse response = m_api.handle(r);
        // Never a 5xx for what a client sends, and every JSON answer is the API's shape.
        TRICOACH_FUZZ_CHECK(response.status >= 200 && response.status < 500);
        const std::string type = response.headers.get("Content-Type").value_or("");
        if (type == "application/json") {
            const auto j = nlohmann::json::parse(response.body, nullptr, false);
            TRICOACH_FUZZ_CHECK(j.is_object());
            if (response.status >= 400)
                TRICOACH_FUZZ_CHECK(j["error"]["code"].is_string() && j["error"]["message"].is_string());
            else if (j.contains("refresh_token") && j["refresh_token"].is_string())
                m_refresh = j["refresh_token"];
        }
        return response;
    }

private:
    template <typename Make> static void fill(std::string& body, std::string_view placeholder, Make make)
    {
        for (size_t at = body.find(placeholder); at != std::string::npos; at = body.find(placeholder, at)) {
            const std::string value = percentEncode(make());
            body.replace(at, placeholder.size(), value);
            at += value.size();
        }
    }

    JsonLog m_log{[](const std::string&) {}};
    Metrics m_metrics;
    ServerConfig m_config;
    SyncApi m_api{m_log, m_metrics, {}};
    std::shared_ptr<ServerStore> m_store = scratchStore();
    Timestamp m_now = Timestamp(std::chrono::milliseconds(1'800'000'000'000));
    UserId m_user = 0;
    AuthorizeRequest m_request;
    std::string m_refresh;
};

} // namespace tricoach::sync::fuzz
