#include "core/store/dbfile.h"

#include "core/store/activitystore.h"
#include "core/store/migrations.h"
#include "core/store/sqlutil.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <cstring>

namespace tricoach::store {

namespace {

// Offsets in the 100-byte SQLite header (https://www.sqlite.org/fileformat.html#the_database_header).
constexpr qsizetype kHeaderSize = 100;
constexpr char kMagic[] = "SQLite format 3"; // followed by its NUL: 16 bytes
constexpr qsizetype kPageSizeOffset = 16;
constexpr qsizetype kWriteVersionOffset = 18; // 2 = WAL
constexpr qsizetype kChangeCounterOffset = 24;
constexpr qsizetype kPageCountOffset = 28;
constexpr qsizetype kUserVersionOffset = 60;
constexpr qsizetype kVersionValidForOffset = 92;

Error notADatabase(const QString& path, const QString& why)
{
    return makeError(QStringLiteral("%1 is not a TriCoach database: %2. It was left unchanged; choose another "
                                    "file, or move this one away to start a new database.")
                         .arg(path, why),
                     QStringLiteral("store.not-a-database"));
}

Error cannotOpen(const QString& path, const QString& why)
{
    return makeError(QStringLiteral("Could not open the TriCoach database %1: %2").arg(path, why),
                     QStringLiteral("store.open-failed"));
}

quint32 be32(const QByteArray& header, qsizetype offset)
{
    return qFromBigEndian<quint32>(header.constData() + offset);
}

// What SQLite itself says about the file, through a read-only connection that cannot write to it.
Result<int> probeWithSqlite(const QString& path)
{
    auto db = Database::open(path, Database::Mode::ReadOnly);
    if (!db)
        return cannotOpen(path, db.error().message);
    auto version = userVersion(*db, path);
    // Reading the schema catches a damaged first page that the header checks let through.
    auto tables = exec(*db, QStringLiteral("SELECT count(*) FROM sqlite_master"), {},
                       QStringLiteral("read the list of tables"), path);
    if (!version || !tables || !tables->next())
        return notADatabase(path, QStringLiteral("SQLite cannot read it (it is damaged or encrypted)"));
    if (*version == 0 && tables->int64(0) > 0)
        return notADatabase(path, QStringLiteral("it is an SQLite database of another program"));
    return *version;
}

} // namespace

Result<void> checkExistingFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return {};
    if (info.isDir())
        return cannotOpen(path, QStringLiteral("it is a folder, not a file"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return cannotOpen(path, file.errorString());
    if (file.size() == 0)
        return {};
    const QByteArray header = file.read(kHeaderSize);
    if (header.size() < kHeaderSize || std::memcmp(header.constData(), kMagic, sizeof kMagic) != 0)
        return notADatabase(path, QStringLiteral("it is not an SQLite file"));

    quint32 pageSize = qFromBigEndian<quint16>(header.constData() + kPageSizeOffset);
    if (pageSize == 1)
        pageSize = 65536;
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) != 0)
        return notADatabase(path, QStringLiteral("its header is damaged"));
    // The page count in the header is trustworthy when written by a current SQLite (the two counters match).
    // Without a WAL file that could still hold the missing pages, a shorter file has lost its end.
    const quint32 pageCount = be32(header, kPageCountOffset);
    const bool countValid = be32(header, kChangeCounterOffset) == be32(header, kVersionValidForOffset);
    const qint64 expected = qint64(pageCount) * pageSize;
    const bool walPending = QFileInfo(path + QStringLiteral("-wal")).size() > 0;
    if (countValid && pageCount > 0 && !walPending && file.size() < expected)
        return notADatabase(path, QStringLiteral("it is truncated (%1 of %2 bytes)").arg(file.size()).arg(expected));
    file.close();

    // Without pending WAL frames the header's user_version is the schema version: a newer file is refused
    // before SQLite so much as opens it.
    const bool wal = static_cast<unsigned char>(header.at(kWriteVersionOffset)) == 2;
    if (!(wal && walPending)) {
        const auto headerVersion = static_cast<qint32>(be32(header, kUserVersionOffset));
        if (headerVersion > ActivityStore::kSchemaVersion)
            return newerSchemaError(path, headerVersion);
    }
    auto version = probeWithSqlite(path);
    if (!version)
        return version.error();
    if (*version > ActivityStore::kSchemaVersion)
        return newerSchemaError(path, *version);
    return {};
}

} // namespace tricoach::store
