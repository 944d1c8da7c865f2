#pragma once
// What the tricoach-sync fuzz targets share: splitting one input into parts, a check that traps (so libFuzzer and
// the replay driver both report it), and an SQLite store on a RAM-backed file (SQLite's own :memory: would give each
// pooled connection a database of its own).

#include "sync-server/store/serverstore.h"

#include <QDir>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace tricoach::sync::fuzz {

inline std::string_view bytes(const std::uint8_t* data, std::size_t size)
{
    return {reinterpret_cast<const char*>(data), size};
}

// The input cut at each '\n' (at most `parts` pieces; the last keeps the rest, newlines included).
inline std::vector<std::string> split(std::string_view input, std::size_t parts)
{
    std::vector<std::string> out;
    while (out.size() + 1 < parts) {
        const size_t nl = input.find('\n');
        if (nl == std::string_view::npos)
            break;
        out.emplace_back(input.substr(0, nl));
        input.remove_prefix(nl + 1);
    }
    out.emplace_back(input);
    out.resize(parts);
    return out;
}

// A broken promise: abort with a message (a crash to libFuzzer, a failure to the replay test).
#define TRICOACH_FUZZ_CHECK(condition)                                                                                 \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__);                   \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)

// One migrated store per process, removed at exit.
inline std::shared_ptr<ServerStore> scratchStore()
{
    static const std::string folder = [] {
        const QString base = QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm") : QDir::tempPath();
        return (base + QStringLiteral("/tricoach-sync-fuzz-%1").arg(getpid())).toStdString();
    }();
    static const std::shared_ptr<ServerStore> store = [] {
        auto opened = openServerStore("sqlite:" + folder + "/fuzz.sqlite");
        if (!opened || !(*opened)->migrate()) {
            std::fprintf(stderr, "cannot open a scratch store under %s\n", folder.c_str());
            std::abort();
        }
        std::atexit([] { QDir(QString::fromStdString(folder)).removeRecursively(); });
        return std::shared_ptr<ServerStore>(std::move(*opened));
    }();
    return store;
}

} // namespace tricoach::sync::fuzz
