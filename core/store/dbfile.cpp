#include "core/store/dbfile.h"

#include "core/store/activitystore.h"
#include "core/store/migrations.h"
#include "core/store/sqlutil.h"

#include <QFileInfo>
#include <QtEndian>

#include <cstring>
#include <optional>
#include <sqlite3.h>

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
    return makeError(QStringLiteral("%1 is not a TriCoach database: %2. It was left unchanged; keep it, and choose "
                                    "another file to start a new database.")
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

// The folder holding the database and the file itself: SQLite needs to create <file>-wal and <file>-shm next to it
// (WAL mode), so a healthy database in a folder it cannot write to fails to open, for reasons that have nothing to
// do with the file's content.
std::optional<Error> accessProblem(const QString& path)
{
    const QFileInfo file(path);
    const QFileInfo folder(file.absolutePath());
    const QString name = file.fileName();
    const bool sideFilesExist =
        QFileInfo::exists(path + QStringLiteral("-wal")) && QFileInfo::exists(path + QStringLiteral("-shm"));
    if (!folder.isWritable() && !sideFilesExist) {
        return makeError(QStringLiteral("Could not open the TriCoach database %1: the folder %2 is not writable, and "
                                        "SQLite needs to create %3-wal and %3-shm next to the database. The database "
                                        "itself looks fine and was left unchanged: make the folder writable, or copy "
                                        "the database into a folder you can write to and open it there.")
                             .arg(path, folder.absoluteFilePath(), name),
                         QStringLiteral("store.folder-read-only"));
    }
    if (!file.isWritable()) {
        return makeError(QStringLiteral("Could not open the TriCoach database %1: the file is read-only. It looks "
                                        "fine and was left unchanged: make it writable (or copy it) to use it.")
                             .arg(path),
                         QStringLiteral("store.read-only"));
    }
    return std::nullopt;
}

// SQLite's failures that say something about access (permissions, a missing -shm that cannot be created), not
// about the file's content: such a database must never be called damaged.
bool isAccessFailure(int code)
{
    switch (code & 0xff) {
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
    case SQLITE_IOERR:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return true;
    default:
        return false;
    }
}

// What SQLite itself says about the file, through the read-only connection that read its header.
Result<int> probeWithSqlite(const Database& db, const QString& path)
{
    const auto failure = [&](int code) -> Error {
        if (isAccessFailure(code)) {
            if (auto problem = accessProblem(path))
                return *problem;
            return cannotOpen(path, db.lastError());
        }
        return notADatabase(path, QStringLiteral("SQLite cannot read it (it is damaged or encrypted)"));
    };
    // One statement, so one snapshot: read apart, another process creating the schema between the two reads
    // made a new TriCoach database look like another program's (its tables, but the version from before).
    // Reading the schema also catches a damaged first page that the header checks let through.
    Statement probe;
    if (!probe.prepare(db, QStringLiteral("SELECT user_version, (SELECT count(*) FROM sqlite_master) "
                                          "FROM pragma_user_version")) ||
        !probe.exec() || !probe.next())
        return failure(probe.lastErrorCode() != 0 ? probe.lastErrorCode() : db.lastErrorCode());
    const int version = static_cast<int>(probe.int64(0));
    if (version == 0 && probe.int64(1) > 0)
        return notADatabase(path, QStringLiteral("it is an SQLite database of another program"));
    return version;
}

} // namespace

Result<void> checkExistingFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return {};
    if (info.isDir())
        return cannotOpen(path, QStringLiteral("it is a folder, not a file"));
    if (!info.isReadable())
        return cannotOpen(path, QStringLiteral("the file cannot be read (permission denied)"));
    // Everything below reads through SQLite's descriptor of the file, never one of our own (see readFileHead).
    auto db = Database::open(path, Database::Mode::ReadOnly);
    if (!db)
        return cannotOpen(path, db.error().message);
    auto head = db->readFileHead(kHeaderSize);
    if (!head)
        return cannotOpen(path, head.error().message);
    if (head->fileSize == 0)
        return {};
    const QByteArray& header = head->bytes;
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
    if (countValid && pageCount > 0 && !walPending && head->fileSize < expected)
        return notADatabase(path, QStringLiteral("it is truncated (%1 of %2 bytes)").arg(head->fileSize).arg(expected));

    // Without pending WAL frames the header's user_version is the schema version: a newer file is refused
    // before SQLite so much as opens it for writing.
    const bool wal = static_cast<unsigned char>(header.at(kWriteVersionOffset)) == 2;
    if (!(wal && walPending)) {
        const auto headerVersion = static_cast<qint32>(be32(header, kUserVersionOffset));
        if (headerVersion > ActivityStore::kSchemaVersion)
            return newerSchemaError(path, headerVersion);
    }
    auto version = probeWithSqlite(*db, path);
    if (!version)
        return version.error();
    if (*version > ActivityStore::kSchemaVersion)
        return newerSchemaError(path, *version);
    // A healthy database the process may not write to: say so now, before a write fails with SQLite's words.
    if (auto problem = accessProblem(path))
        return *problem;
    return {};
}

} // namespace tricoach::store
