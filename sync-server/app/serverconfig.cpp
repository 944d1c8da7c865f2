#include "sync-server/app/serverconfig.h"

#include "sync-server/http/clientaddress.h"

#include <QFile>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <thread>

namespace tricoach::sync {

namespace {

Error configError(const std::string& message)
{
    return makeError(QString::fromStdString(message), QStringLiteral("config.invalid"));
}

// NAME or NAME_FILE (trailing newline trimmed, as secrets files are usually written), never both.
Result<std::optional<std::string>> secret(const EnvLookup& env, const std::string& name)
{
    const auto direct = env(name);
    const auto file = env(name + "_FILE");
    if (direct && file)
        return configError(name + " and " + name + "_FILE are both set: give one.");
    if (!file)
        return direct;
    QFile f(QString::fromStdString(*file));
    if (!f.open(QIODevice::ReadOnly))
        return configError(name + "_FILE: cannot read " + *file + ": " + f.errorString().toStdString());
    std::string value = f.readAll().toStdString();
    while (!value.empty() && (value.back() == '\n' || value.back() == '\r'))
        value.pop_back();
    return std::optional<std::string>(value);
}

Result<void> parseListen(const std::string& value, ServerConfig& c)
{
    // HOST:PORT, [IPv6]:PORT or :PORT (every interface).
    const size_t colon = value.rfind(':');
    if (colon == std::string::npos)
        return configError("--listen wants HOST:PORT, not '" + value + "'.");
    std::string host = value.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    char* end = nullptr;
    const std::string portText = value.substr(colon + 1);
    const long port = std::strtol(portText.c_str(), &end, 10);
    if (portText.empty() || *end != '\0' || port < 0 || port > 65535)
        return configError("--listen: '" + portText + "' is not a port (0-65535).");
    c.host = host.empty() ? "0.0.0.0" : host;
    c.port = static_cast<std::uint16_t>(port);
    return {};
}

Result<long> parseNumber(const std::string& flag, const std::string& value, long minimum, long maximum)
{
    char* end = nullptr;
    const long n = std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || n < minimum || n > maximum)
        return configError(flag + ": '" + value + "' is not a number from " + std::to_string(minimum) + " to " +
                           std::to_string(maximum) + ".");
    return n;
}

} // namespace

std::string ServerConfig::effectivePublicUrl() const
{
    if (!publicUrl.empty())
        return publicUrl;
    const std::string h = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host;
    return "http://" + (h.find(':') != std::string::npos ? "[" + h + "]" : h) + ":" + std::to_string(port);
}

EnvLookup processEnvironment()
{
    return [](const std::string& name) -> std::optional<std::string> {
        const char* v = std::getenv(name.c_str());
        return v && *v ? std::optional<std::string>(v) : std::nullopt;
    };
}

Result<ServerConfig> loadServerConfig(const std::vector<std::string>& flags, const EnvLookup& env)
{
    ServerConfig c;
    // The environment first; flags override it.
    std::map<std::string, std::string> given;
    static const std::map<std::string, std::string> envOf = {{"--listen", "TRICOACH_SYNC_LISTEN"},
                                                             {"--database", "TRICOACH_SYNC_DATABASE"},
                                                             {"--public-url", "TRICOACH_SYNC_PUBLIC_URL"},
                                                             {"--threads", "TRICOACH_SYNC_THREADS"},
                                                             {"--max-body", "TRICOACH_SYNC_MAX_BODY"},
                                                             {"--log-level", "TRICOACH_SYNC_LOG_LEVEL"},
                                                             {"--trusted-proxy", "TRICOACH_SYNC_TRUSTED_PROXIES"},
                                                             {"--rate-limit", "TRICOACH_SYNC_RATE_LIMIT"},
                                                             {"--address-rate", "TRICOACH_SYNC_ADDRESS_RATE"},
                                                             {"--signin-rate", "TRICOACH_SYNC_SIGNIN_RATE"},
                                                             {"--user-rate", "TRICOACH_SYNC_USER_RATE"}};
    for (const auto& [flag, name] : envOf) {
        // The database address may hold a password: it may come from a file too.
        auto value =
            name == "TRICOACH_SYNC_DATABASE" ? secret(env, name) : Result<std::optional<std::string>>(env(name));
        if (!value)
            return value.error();
        if (*value)
            given[flag] = **value;
    }
    for (size_t i = 0; i < flags.size(); ++i) {
        std::string flag = flags[i];
        std::string value;
        const size_t eq = flag.find('=');
        if (eq != std::string::npos) {
            value = flag.substr(eq + 1);
            flag = flag.substr(0, eq);
        } else if (envOf.count(flag) && i + 1 < flags.size()) {
            value = flags[++i];
        } else if (envOf.count(flag)) {
            return configError(flag + " needs a value.");
        }
        if (!envOf.count(flag))
            return configError("Unknown option '" + flag + "' (see tricoach-sync --help).");
        given[flag] = value;
    }
    for (const auto& [flag, value] : given) {
        if (flag == "--listen") {
            if (auto r = parseListen(value, c); !r)
                return r.error();
        } else if (flag == "--database") {
            c.database = value;
        } else if (flag == "--public-url") {
            if (value.rfind("http://", 0) != 0 && value.rfind("https://", 0) != 0)
                return configError("--public-url must start with http:// or https://, not '" + value + "'.");
            c.publicUrl = value.back() == '/' ? value.substr(0, value.size() - 1) : value;
        } else if (flag == "--threads") {
            auto n = parseNumber(flag, value, 0, 1024);
            if (!n)
                return n.error();
            c.threads = static_cast<int>(*n);
        } else if (flag == "--max-body") {
            auto n = parseNumber(flag, value, 1024, 64L << 20);
            if (!n)
                return n.error();
            c.maxBodyBytes = static_cast<std::size_t>(*n);
        } else if (flag == "--log-level") {
            if (value != "debug" && value != "info" && value != "warn" && value != "error")
                return configError("--log-level is debug, info, warn or error, not '" + value + "'.");
            c.logLevel = value;
        } else if (flag == "--trusted-proxy") {
            auto ranges = parseAddressRanges({value});
            if (!ranges)
                return configError("--trusted-proxy: " + ranges.error().message.toStdString());
            size_t start = 0;
            while (start <= value.size()) {
                const size_t cut = value.find_first_of(", ", start);
                const std::string one = value.substr(start, cut == std::string::npos ? std::string::npos : cut - start);
                if (!one.empty())
                    c.trustedProxies.push_back(one);
                if (cut == std::string::npos)
                    break;
                start = cut + 1;
            }
        } else if (flag == "--rate-limit") {
            if (value != "on" && value != "off")
                return configError("--rate-limit is on or off, not '" + value + "'.");
            c.rateLimits.enabled = value == "on";
        } else if (flag == "--address-rate" || flag == "--signin-rate" || flag == "--user-rate") {
            auto n = parseNumber(flag, value, 1, 1'000'000);
            if (!n)
                return n.error();
            int& target = flag == "--address-rate"  ? c.rateLimits.perAddress
                          : flag == "--signin-rate" ? c.rateLimits.signInPerAddress
                                                    : c.rateLimits.perUser;
            target = static_cast<int>(*n);
        }
    }
    const std::pair<const char*, std::string*> secrets[] = {
        {"TRICOACH_SYNC_TOKEN_KEY", &c.tokenKey},
        {"TRICOACH_STRAVA_CLIENT_SECRET", &c.strava.clientSecret},
        {"TRICOACH_STRAVA_VERIFY_TOKEN", &c.strava.verifyToken},
        {"TRICOACH_STRAVA_WEBHOOK_PATH", &c.strava.webhookPath},
    };
    for (const auto& [name, target] : secrets) {
        auto value = secret(env, name);
        if (!value)
            return value.error();
        if (*value)
            *target = **value;
    }
    const std::pair<const char*, std::string*> plain[] = {
        {"TRICOACH_STRAVA_CLIENT_ID", &c.strava.clientId},
        {"TRICOACH_STRAVA_SUBSCRIPTION_ID", &c.strava.subscriptionId},
        {"TRICOACH_STRAVA_API_BASE", &c.strava.apiBase},
        {"TRICOACH_STRAVA_OAUTH_BASE", &c.strava.oauthBase},
    };
    for (const auto& [name, target] : plain)
        if (auto v = env(name))
            *target = *v;
    for (std::string* base : {&c.strava.apiBase, &c.strava.oauthBase})
        while (!base->empty() && base->back() == '/')
            base->pop_back();
    return c;
}

int ServerConfig::requestThreads() const
{
    if (threads > 0)
        return threads;
    return std::max(16, 4 * static_cast<int>(std::thread::hardware_concurrency()));
}

std::string serverConfigHelp()
{
    return R"(Options (each also from the environment variable named after it):
  --listen HOST:PORT     where to listen (TRICOACH_SYNC_LISTEN; default 127.0.0.1:8470)
  --database URL         sqlite:PATH or postgresql://USER@HOST/DB (TRICOACH_SYNC_DATABASE or _FILE;
                         default: an SQLite file in the data folder)
  --public-url URL       how browsers and Strava reach this server (TRICOACH_SYNC_PUBLIC_URL)
  --threads N            request threads and database connections; 0: 4 per core, at least 16
                         (TRICOACH_SYNC_THREADS)
  --max-body BYTES       largest request body (TRICOACH_SYNC_MAX_BODY; default 262144)
  --log-level LEVEL      debug, info, warn or error (TRICOACH_SYNC_LOG_LEVEL)
  --trusted-proxy CIDRS  comma-separated proxy addresses or blocks (10.0.0.0/8, ::1) whose X-Forwarded-For names
                         the client (TRICOACH_SYNC_TRUSTED_PROXIES; default none: the socket's peer is the client)

Request budgets per instance, answered 429 with Retry-After when spent (health, metrics and Strava's webhook are
never limited; an event stream counts once, when it connects):
  --rate-limit on|off    off for benchmarks from one address (TRICOACH_SYNC_RATE_LIMIT; default on)
  --address-rate N       requests a minute per client address, any route (TRICOACH_SYNC_ADDRESS_RATE; default 600)
  --signin-rate N        requests a minute per address to /oauth/* (TRICOACH_SYNC_SIGNIN_RATE; default 60)
  --user-rate N          requests a minute per signed-in user to /v1/* (TRICOACH_SYNC_USER_RATE; default 300)
                         Each allows a burst of a whole minute's budget.

Secrets, each as NAME or NAME_FILE (a file holding the value, as Docker secrets are):
  TRICOACH_SYNC_TOKEN_KEY          32 bytes, base64: encrypts Strava tokens at rest
  TRICOACH_STRAVA_CLIENT_SECRET    the Strava application's secret
  TRICOACH_STRAVA_VERIFY_TOKEN     what Strava echoes when it validates the webhook
  TRICOACH_STRAVA_WEBHOOK_PATH     the secret last part of /strava/webhook/PATH

Strava: TRICOACH_STRAVA_CLIENT_ID, TRICOACH_STRAVA_SUBSCRIPTION_ID (optional), TRICOACH_STRAVA_API_BASE,
TRICOACH_STRAVA_OAUTH_BASE.
)";
}

} // namespace tricoach::sync
