#pragma once
// A thin RAII layer over SQLite's C API for the store; not part of the public API.
//
// The store talks to SQLite directly rather than through Qt Sql: Qt's positional binding formats and hashes a
// placeholder name for every bound value, which made the driver a quarter of an import's writing time. Using
// the library directly also keeps one copy of SQLite per process on platforms where Qt's SQLite plugin
// carries its own (two copies on one file break POSIX locking: sqlite.org/howtocorrupt.html §2.2).

#include "core/util/result.h"

#include <QByteArrayView>
#include <QString>
#include <QVariant>

#include <optional>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace tricoach::store {

// How long a connection waits for another (the app, the CLI, an import) to finish writing before it gives up. Long
// enough for a threshold change to rescore a decade of history; a user's action fails only if the other program is
// stuck.
inline constexpr int kBusyTimeoutMs = 30'000;

// One connection to a database file. A connection is used by one thread at a time.
class Database {
public:
    enum class Mode { ReadWrite, ReadOnly };

    Database() = default;
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens `path` (ReadWrite creates a missing file). The error carries SQLite's reason.
    static Result<Database> open(const QString& path, Mode mode);

    bool isOpen() const { return m_db != nullptr; }
    QString lastError() const;
    // SQLite's primary result code of the last failure on this connection (SQLITE_BUSY, SQLITE_READONLY, ...).
    int lastErrorCode() const;
    sqlite3* handle() const { return m_db; }

    // The first `size` bytes and the size of the main database file, read through SQLite's own descriptor of it.
    // Opening the file a second time would be fatal: closing any descriptor of a file drops every POSIX lock the
    // process holds on it, including those of its other connections (sqlite.org/howtocorrupt.html §2.2), and
    // SQLite itself defers such closes while another connection of the process holds a lock.
    struct FileHead {
        QByteArray bytes;
        qint64 fileSize = 0;
    };
    Result<FileHead> readFileHead(qsizetype size) const;

private:
    sqlite3* m_db = nullptr;
};

// A prepared statement shaped like QSqlQuery: bind values (0-based), exec(), then next()/value() over the
// rows. Bindings stay across exec() calls, so a statement is prepared once and run many times.
class Statement {
public:
    Statement() = default;
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool prepare(const Database& db, const QString& sql);

    // NULL for an invalid or null QVariant, a null QString or a null QByteArray (as Qt Sql did).
    void bindValue(int index, const QVariant& value);
    void bindNull(int index);
    void bindInt64(int index, qint64 value);
    void bindDouble(int index, double value);
    void bindText(int index, const QString& value); // a null string binds NULL
    // The bytes are copied when bound; an empty view binds an empty blob.
    void bindBlob(int index, QByteArrayView bytes);
    // Binds without copying, for a statement that returns no rows (INSERT, UPDATE): the bytes must stay alive
    // until the next exec() returns, after which the statement no longer refers to them.
    void bindBorrowedBlob(int index, QByteArrayView bytes);
    // NULL when empty.
    void bindOptional(int index, const std::optional<double>& value);
    void bindOptional(int index, const std::optional<int>& value);

    // Runs the statement up to its first row; false on an error (lastError() says which).
    bool exec();
    // Moves to the next row; false after the last row or on an error.
    bool next();
    // Finishes the current run, releasing the read snapshot it holds.
    void reset();

    // Columns of the current row.
    QVariant value(int column) const;
    bool isNull(int column) const;
    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArrayView blob(int column) const; // valid until the next step

    QString lastError() const { return m_error; }
    // SQLite's primary result code of the last failure (SQLITE_BUSY, SQLITE_CONSTRAINT, ...); 0 after success.
    int lastErrorCode() const { return m_errorCode; }
    qint64 lastInsertId() const;
    int numRowsAffected() const { return m_changes; }

private:
    bool step();
    void checkBind(int rc);
    sqlite3_stmt* bindable();

    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    QString m_error;
    int m_errorCode = 0;
    QString m_bindError;
    std::vector<int> m_borrowed; // parameters bound to bytes the statement does not own
    int m_changes = 0;
    bool m_pendingRow = false; // exec() stepped onto a row that next() has not handed out yet
    bool m_onRow = false;
};

} // namespace tricoach::store
