// tricoach-sync's configuration: flags over the environment over defaults, secrets from files, clear errors.
#include "sync-server/app/serverconfig.h"
#include "tests/support/tempdir.h"

#include <QFile>

#include <gtest/gtest.h>
#include <map>
#include <thread>

using namespace tricoach;
using namespace tricoach::sync;

namespace {

EnvLookup envOf(std::map<std::string, std::string> values)
{
    return [values](const std::string& name) -> std::optional<std::string> {
        const auto it = values.find(name);
        return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
}

} // namespace

class SyncConfig : public test::TempDirTest {};

TEST_F(SyncConfig, DefaultsListenOnLoopbackOnly)
{
    auto c = loadServerConfig({}, envOf({}));
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->host, "127.0.0.1");
    EXPECT_EQ(c->port, 8470);
    EXPECT_TRUE(c->database.empty());
    EXPECT_EQ(c->effectivePublicUrl(), "http://127.0.0.1:8470");
    EXPECT_EQ(c->strava.apiBase, "https://www.strava.com/api/v3");
}

TEST_F(SyncConfig, FlagsWinOverTheEnvironment)
{
    auto c = loadServerConfig({"--listen", "0.0.0.0:9000", "--threads=3"},
                              envOf({{"TRICOACH_SYNC_LISTEN", "127.0.0.1:1"},
                                     {"TRICOACH_SYNC_DATABASE", "sqlite:/tmp/x.db"},
                                     {"TRICOACH_SYNC_THREADS", "8"},
                                     {"TRICOACH_STRAVA_API_BASE", "https://api-v3.strava.com/"}}));
    ASSERT_TRUE(c.ok()) << c.error().message.toStdString();
    EXPECT_EQ(c->host, "0.0.0.0");
    EXPECT_EQ(c->port, 9000);
    EXPECT_EQ(c->threads, 3);
    EXPECT_EQ(c->database, "sqlite:/tmp/x.db");
    EXPECT_EQ(c->strava.apiBase, "https://api-v3.strava.com"); // no trailing slash to double up
    EXPECT_EQ(c->effectivePublicUrl(), "http://127.0.0.1:9000");
    auto v6 = loadServerConfig({"--listen", "[::1]:8080"}, envOf({}));
    ASSERT_TRUE(v6.ok());
    EXPECT_EQ(v6->host, "::1");
    EXPECT_EQ(v6->effectivePublicUrl(), "http://[::1]:8080");
}

TEST_F(SyncConfig, SecretsComeFromFilesAsDockerSecretsDo)
{
    QFile f(pathFor(QStringLiteral("secret")));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("s3cret-value\n");
    f.close();
    auto c = loadServerConfig({}, envOf({{"TRICOACH_STRAVA_CLIENT_SECRET_FILE", f.fileName().toStdString()},
                                         {"TRICOACH_SYNC_DATABASE_FILE", f.fileName().toStdString()}}));
    ASSERT_TRUE(c.ok()) << c.error().message.toStdString();
    EXPECT_EQ(c->strava.clientSecret, "s3cret-value");
    EXPECT_EQ(c->database, "s3cret-value");
}

TEST_F(SyncConfig, MistakesAreNamed)
{
    const auto message = [](const Result<ServerConfig>& r) {
        return r.ok() ? std::string("(accepted)") : r.error().message.toStdString();
    };
    auto both = loadServerConfig(
        {}, envOf({{"TRICOACH_STRAVA_VERIFY_TOKEN", "a"}, {"TRICOACH_STRAVA_VERIFY_TOKEN_FILE", "/x"}}));
    EXPECT_NE(message(both).find("TRICOACH_STRAVA_VERIFY_TOKEN_FILE are both set"), std::string::npos) << message(both);
    auto missing = loadServerConfig({}, envOf({{"TRICOACH_SYNC_TOKEN_KEY_FILE", "/no/such/file"}}));
    EXPECT_NE(message(missing).find("/no/such/file"), std::string::npos) << message(missing);
    EXPECT_NE(message(loadServerConfig({"--listen", "localhost"}, envOf({}))).find("HOST:PORT"), std::string::npos);
    EXPECT_NE(message(loadServerConfig({"--listen", "h:70000"}, envOf({}))).find("70000"), std::string::npos);
    EXPECT_NE(message(loadServerConfig({"--threads", "many"}, envOf({}))).find("'many'"), std::string::npos);
    EXPECT_NE(message(loadServerConfig({"--color"}, envOf({}))).find("Unknown option '--color'"), std::string::npos);
    EXPECT_NE(message(loadServerConfig({"--database"}, envOf({}))).find("needs a value"), std::string::npos);
    EXPECT_NE(message(loadServerConfig({"--public-url", "ftp://x"}, envOf({}))).find("http://"), std::string::npos);
    EXPECT_FALSE(loadServerConfig({"--listen", "h:70000"}, envOf({})).ok());
}

TEST_F(SyncConfig, RequestBudgetsAndTrustedProxiesAreSetByFlagsOrEnvironment)
{
    auto defaults = loadServerConfig({}, envOf({}));
    ASSERT_TRUE(defaults.ok());
    EXPECT_TRUE(defaults->rateLimits.enabled);
    EXPECT_TRUE(defaults->trustedProxies.empty());
    auto c = loadServerConfig({"--address-rate", "120", "--user-rate=30", "--trusted-proxy", "10.0.0.0/8,::1"},
                              envOf({{"TRICOACH_SYNC_SIGNIN_RATE", "12"},
                                     {"TRICOACH_SYNC_USER_RATE", "999"},
                                     {"TRICOACH_SYNC_RATE_LIMIT", "off"}}));
    ASSERT_TRUE(c.ok()) << c.error().message.toStdString();
    EXPECT_FALSE(c->rateLimits.enabled);
    EXPECT_EQ(c->rateLimits.perAddress, 120);
    EXPECT_EQ(c->rateLimits.signInPerAddress, 12);
    EXPECT_EQ(c->rateLimits.perUser, 30);
    EXPECT_EQ(c->trustedProxies, (std::vector<std::string>{"10.0.0.0/8", "::1"}));
    const auto message = [](const Result<ServerConfig>& r) {
        return r.ok() ? std::string("(accepted)") : r.error().message.toStdString();
    };
    EXPECT_NE(message(loadServerConfig({"--rate-limit", "maybe"}, envOf({}))).find("'maybe'"), std::string::npos);
    EXPECT_NE(message(loadServerConfig({"--address-rate", "0"}, envOf({}))).find("--address-rate"), std::string::npos);
    EXPECT_NE(
        message(loadServerConfig({}, envOf({{"TRICOACH_SYNC_TRUSTED_PROXIES", "10.0.0.0/8,nginx"}}))).find("'nginx'"),
        std::string::npos);
    EXPECT_NE(serverConfigHelp().find("--rate-limit on|off"), std::string::npos);
}

// A handler holds its thread while the database commits: by default there are many more threads than cores, so that
// concurrent webhooks can share one commit; --threads sets the number (and the database pool's size with it).
TEST_F(SyncConfig, RequestThreadsOutnumberTheCoresUnlessSet)
{
    ServerConfig c;
    EXPECT_GE(c.requestThreads(), 16);
    EXPECT_GE(c.requestThreads(), 4 * static_cast<int>(std::thread::hardware_concurrency()));
    c.threads = 3;
    EXPECT_EQ(c.requestThreads(), 3);
}
