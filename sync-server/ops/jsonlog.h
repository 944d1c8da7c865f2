#pragma once

#include <cstdio>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace tricoach::sync {

// Structured logs: one JSON object per line (ts, level, msg, then the fields), for a log shipper to read from
// stdout. Values of fields whose names say they hold a secret (token, secret, password, code, authorization, ...)
// are replaced before they are written, at any depth. Thread-safe.
class JsonLog {
public:
    enum class Level { Debug, Info, Warn, Error };

    explicit JsonLog(std::FILE* out = stdout, Level minimum = Level::Info);
    // For tests: every line goes to the sink instead of a file.
    explicit JsonLog(std::function<void(const std::string&)> sink, Level minimum = Level::Debug);

    void write(Level level, std::string_view message, nlohmann::json fields = nlohmann::json::object());
    void debug(std::string_view m, nlohmann::json f = nlohmann::json::object())
    {
        write(Level::Debug, m, std::move(f));
    }
    void info(std::string_view m, nlohmann::json f = nlohmann::json::object()) { write(Level::Info, m, std::move(f)); }
    void warn(std::string_view m, nlohmann::json f = nlohmann::json::object()) { write(Level::Warn, m, std::move(f)); }
    void error(std::string_view m, nlohmann::json f = nlohmann::json::object())
    {
        write(Level::Error, m, std::move(f));
    }

    static std::optional<Level> levelNamed(std::string_view name);
    // True for field names that must never reach a log with their value.
    static bool isSecretName(std::string_view name);

private:
    std::mutex m_mutex;
    std::FILE* m_out = nullptr;
    std::function<void(const std::string&)> m_sink;
    Level m_minimum;
};

} // namespace tricoach::sync
