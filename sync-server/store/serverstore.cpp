// Opening a store by url; the default database's place.
#include "sync-server/store/serverstore.h"

#include "sync-server/store/postgresbackend.h"
#include "sync-server/store/sqlitebackend.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <regex>
#include <thread>

namespace tricoach::sync {

namespace {

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

int poolSizeFor(const StoreOptions& options)
{
    if (options.poolSize > 0)
        return options.poolSize;
    return std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
}

Result<std::unique_ptr<ServerStore>> openSqlite(std::string_view path, const StoreOptions& options)
{
    if (path.empty())
        return makeError(QStringLiteral("The database url 'sqlite:' names no file: write sqlite:PATH"), kStoreBadUrl);
    const QFileInfo file(qs(path));
    if (!QDir().mkpath(file.absolutePath()))
        return makeError(QStringLiteral("Cannot create the folder %1 for the database").arg(file.absolutePath()),
                         kStoreUnavailable);
    auto store = std::make_unique<detail::SqlServerStore>(detail::makeSqliteBackend(std::string(path), options),
                                                          options, poolSizeFor(options));
    // Opening the file now says at once when it cannot be (a folder, no permission), not at the first request.
    if (auto alive = store->ping(); !alive)
        return alive.error();
    return std::unique_ptr<ServerStore>(std::move(store));
}

Result<std::unique_ptr<ServerStore>> openPostgres(std::string_view url, const StoreOptions& options)
{
    auto store = std::make_unique<detail::SqlServerStore>(detail::makePostgresBackend(std::string(url), options),
                                                          options, poolSizeFor(options));
    if (auto alive = store->ping(); !alive) {
        QString message = alive.error().message;
        return makeError(message.replace(qs(url), qs(redactedDatabaseUrl(url))), alive.error().code);
    }
    return std::unique_ptr<ServerStore>(std::move(store));
}

} // namespace

Result<std::unique_ptr<ServerStore>> openServerStore(std::string_view url, const StoreOptions& options)
{
    if (url.empty()) {
        const std::string fallback = defaultDatabaseUrl();
        return openServerStore(fallback, options);
    }
    if (url.starts_with("sqlite:"))
        return openSqlite(url.substr(std::string_view("sqlite:").size()), options);
    if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
        return openPostgres(url, options);
    return makeError(QStringLiteral("The database url '%1' is not one tricoach-sync knows: write sqlite:PATH or "
                                    "postgresql://USER@HOST:PORT/DATABASE")
                         .arg(qs(redactedDatabaseUrl(url))),
                     kStoreBadUrl);
}

std::string defaultDatabaseUrl()
{
    // GenericDataLocation + our name is AppDataLocation for an application called tricoach-sync, whatever name the
    // process was given.
    const QString folder =
        QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/tricoach-sync");
    return "sqlite:" + QDir(folder).filePath(QStringLiteral("tricoach-sync.sqlite")).toStdString();
}

std::string redactedDatabaseUrl(std::string_view url)
{
    // scheme://user:password@host → scheme://user:***@host; and password=... in the query string.
    static const std::regex userinfo(R"(^([a-z]+://[^:/@?#]*):[^@/?#]*@)");
    static const std::regex parameter(R"(([?&]password=)[^&#]*)");
    std::string out = std::regex_replace(std::string(url), userinfo, "$1:***@");
    return std::regex_replace(out, parameter, "$1***");
}

} // namespace tricoach::sync
