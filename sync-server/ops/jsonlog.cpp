#include "sync-server/ops/jsonlog.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>

namespace tricoach::sync {

namespace {

const char* levelName(JsonLog::Level l)
{
    switch (l) {
    case JsonLog::Level::Debug:
        return "debug";
    case JsonLog::Level::Info:
        return "info";
    case JsonLog::Level::Warn:
        return "warn";
    case JsonLog::Level::Error:
        return "error";
    }
    return "info";
}

void redact(nlohmann::json& value)
{
    if (value.is_object()) {
        for (auto& [key, v] : value.items()) {
            if (JsonLog::isSecretName(key))
                v = "[redacted]";
            else
                redact(v);
        }
    } else if (value.is_array()) {
        for (auto& v : value)
            redact(v);
    }
}

// RFC 3339 UTC with milliseconds ("2026-12-07T22:04:06.123Z"), written by hand: every request logs a line, and
// QDateTime's formatting was a tenth of a webhook's cost.
std::string utcNow()
{
    using namespace std::chrono;
    const auto now = time_point_cast<milliseconds>(system_clock::now());
    const auto day = floor<days>(now);
    const year_month_day date{day};
    const hh_mm_ss time{now - day};
    char text[32];
    const int n = std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(date.year()),
                                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                                static_cast<int>(time.seconds().count()), static_cast<int>(time.subseconds().count()));
    return std::string(text, n > 0 ? static_cast<std::size_t>(n) : 0);
}

} // namespace

JsonLog::JsonLog(std::FILE* out, Level minimum)
    : m_out(out)
    , m_minimum(minimum)
{
}

JsonLog::JsonLog(std::function<void(const std::string&)> sink, Level minimum)
    : m_sink(std::move(sink))
    , m_minimum(minimum)
{
}

bool JsonLog::isSecretName(std::string_view name)
{
    std::string n(name);
    std::transform(n.begin(), n.end(), n.begin(),
                   [](unsigned char c) { return c == '-' ? '_' : static_cast<char>(std::tolower(c)); });
    // Exact names (an OAuth code, HTTP credentials) and endings (access_token, client_secret, code_verifier, ...):
    // broad enough to catch what a handler might log, narrow enough to keep "status" or "route".
    static constexpr std::array<std::string_view, 4> exact = {"code", "authorization", "cookie", "set_cookie"};
    static constexpr std::array<std::string_view, 6> endings = {"token",    "secret", "password",
                                                                "verifier", "_key",   "challenge"};
    const auto endsWith = [&](std::string_view e) {
        return n.size() >= e.size() && n.compare(n.size() - e.size(), e.size(), e) == 0;
    };
    return std::find(exact.begin(), exact.end(), n) != exact.end() ||
           std::any_of(endings.begin(), endings.end(), endsWith);
}

std::optional<JsonLog::Level> JsonLog::levelNamed(std::string_view name)
{
    for (Level l : {Level::Debug, Level::Info, Level::Warn, Level::Error})
        if (name == levelName(l))
            return l;
    return std::nullopt;
}

void JsonLog::write(Level level, std::string_view message, nlohmann::json fields)
{
    if (level < m_minimum)
        return;
    nlohmann::json line = nlohmann::json::object();
    line["ts"] = utcNow();
    line["level"] = levelName(level);
    line["msg"] = message;
    if (fields.is_object()) {
        redact(fields);
        for (auto& [k, v] : fields.items())
            if (!line.contains(k))
                line[k] = std::move(v);
    }
    std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::lock_guard lock(m_mutex);
    if (m_sink) {
        m_sink(text);
    } else if (m_out) {
        text += '\n';
        std::fwrite(text.data(), 1, text.size(), m_out); // one write of the whole line, then out at once
        std::fflush(m_out);
    }
}

} // namespace tricoach::sync
