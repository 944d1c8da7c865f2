#include "core/store/sqlite.h"

#include <algorithm>
#include <sqlite3.h>
#include <utility>

namespace tricoach::store {

namespace {

QString messageOf(sqlite3* db, int code)
{
    if (db)
        return QString::fromUtf8(sqlite3_errmsg(db));
    return QString::fromUtf8(sqlite3_errstr(code));
}

} // namespace

// ---- Database ----

Database::~Database()
{
    // close_v2 defers the close until statements still alive are finalized, so destruction order between a
    // store's statements and its connection does not matter.
    if (m_db)
        sqlite3_close_v2(m_db);
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
{
}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        if (m_db)
            sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
    }
    return *this;
}

Result<Database> Database::open(const QString& path, Mode mode)
{
    // SQLite's memory statistics take a global mutex on every allocation; nothing here reads them. The setting
    // must precede SQLite's initialization and no other SQLite call may run meanwhile: every use of SQLite in
    // TriCoach starts here, and a concurrent first open waits for this static to be initialized. Should SQLite
    // already be initialized (another library in the process), the call is refused and changes nothing.
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)configured;
    Database db;
    // A connection is used by one thread at a time (see the class), so it needs no mutex of its own.
    const int flags = SQLITE_OPEN_NOMUTEX |
                      (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &db.m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        // SQLite hands back a connection even when opening fails, to carry the message.
        return makeError(messageOf(db.m_db, rc), QStringLiteral("store.open-failed"));
    }
    // Another connection (the CLI, a second window) may hold the write lock for a moment: wait, do not fail.
    sqlite3_busy_timeout(db.m_db, kBusyTimeoutMs);
    return db;
}

QString Database::lastError() const
{
    return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("the database is not open");
}

int Database::lastErrorCode() const
{
    return m_db ? sqlite3_errcode(m_db) : SQLITE_MISUSE;
}

Result<Database::FileHead> Database::readFileHead(qsizetype size) const
{
    const auto failed = [](const QString& why) { return makeError(why, QStringLiteral("store.open-failed")); };
    sqlite3_file* file = nullptr;
    if (!m_db || sqlite3_file_control(m_db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file ||
        !file->pMethods)
        return failed(QStringLiteral("the database file is not open"));
    sqlite3_int64 fileSize = 0;
    if (file->pMethods->xFileSize(file, &fileSize) != SQLITE_OK)
        return failed(QStringLiteral("its size cannot be read"));
    FileHead head;
    head.fileSize = fileSize;
    const auto n = static_cast<int>(std::min<sqlite3_int64>(size, fileSize));
    head.bytes.resize(n);
    if (n > 0) {
        // SQLITE_IOERR_SHORT_READ fills the rest with zeros; the size tells the caller how much was real.
        const int rc = file->pMethods->xRead(file, head.bytes.data(), n, 0);
        if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
            return failed(QStringLiteral("it cannot be read (%1)").arg(QString::fromUtf8(sqlite3_errstr(rc))));
    }
    return head;
}

// ---- Statement ----

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_error(std::move(other.m_error))
    , m_errorCode(other.m_errorCode)
    , m_bindError(std::move(other.m_bindError))
    , m_changes(other.m_changes)
    , m_pendingRow(other.m_pendingRow)
    , m_onRow(other.m_onRow)
{
}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_error = std::move(other.m_error);
        m_errorCode = other.m_errorCode;
        m_bindError = std::move(other.m_bindError);
        m_changes = other.m_changes;
        m_pendingRow = other.m_pendingRow;
        m_onRow = other.m_onRow;
    }
    return *this;
}

bool Statement::prepare(const Database& db, const QString& sql)
{
    sqlite3_finalize(m_stmt);
    m_stmt = nullptr;
    m_db = db.handle();
    m_pendingRow = m_onRow = false;
    m_bindError.clear();
    if (!m_db) {
        m_error = QStringLiteral("the database is not open");
        return false;
    }
    const QByteArray utf8 = sql.toUtf8();
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(m_db, utf8.constData(), static_cast<int>(utf8.size()), &m_stmt, &tail) != SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        m_errorCode = sqlite3_errcode(m_db);
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
        return false;
    }
    if (!m_stmt) { // only whitespace or a comment
        m_error = QStringLiteral("the statement is empty");
        return false;
    }
    m_error.clear();
    return true;
}

void Statement::bindValue(int index, const QVariant& value)
{
    if (!value.isValid() || value.isNull()) {
        bindNull(index);
        return;
    }
    switch (value.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar:
        bindInt64(index, value.toLongLong());
        return;
    case QMetaType::ULong:
    case QMetaType::ULongLong:
        // Stored as SQLite's signed 64-bit integer, bit for bit (ids never reach 2^63).
        bindInt64(index, static_cast<qint64>(value.toULongLong()));
        return;
    case QMetaType::Double:
    case QMetaType::Float:
        bindDouble(index, value.toDouble());
        return;
    case QMetaType::QByteArray: {
        const QByteArray bytes = value.toByteArray();
        if (bytes.isNull())
            bindNull(index);
        else
            bindBlob(index, bytes);
        return;
    }
    default:
        bindText(index, value.toString());
        return;
    }
}

// A failed bind (an index out of range, say) is kept and fails the next exec(): a statement must never run
// with a value silently left NULL.
void Statement::checkBind(int rc)
{
    if (rc != SQLITE_OK && m_bindError.isEmpty())
        m_bindError = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString::fromUtf8(sqlite3_errstr(rc));
}

// SQLite refuses to bind while a run is still on a row; Qt Sql allowed binding the next run's values then.
sqlite3_stmt* Statement::bindable()
{
    if (m_onRow || m_pendingRow)
        reset();
    return m_stmt;
}

void Statement::bindNull(int index)
{
    checkBind(sqlite3_bind_null(bindable(), index + 1));
}

void Statement::bindInt64(int index, qint64 value)
{
    checkBind(sqlite3_bind_int64(bindable(), index + 1, value));
}

void Statement::bindDouble(int index, double value)
{
    checkBind(sqlite3_bind_double(bindable(), index + 1, value));
}

void Statement::bindText(int index, const QString& value)
{
    if (value.isNull()) {
        bindNull(index);
        return;
    }
    checkBind(sqlite3_bind_text16(bindable(), index + 1, value.utf16(), static_cast<int>(value.size() * 2),
                                  SQLITE_TRANSIENT));
}

void Statement::bindBlob(int index, QByteArrayView bytes)
{
    // A null data pointer would bind NULL; an empty blob stays an empty blob.
    if (bytes.isEmpty())
        checkBind(sqlite3_bind_zeroblob(bindable(), index + 1, 0));
    else
        checkBind(sqlite3_bind_blob64(bindable(), index + 1, bytes.data(), static_cast<sqlite3_uint64>(bytes.size()),
                                      SQLITE_TRANSIENT));
}

void Statement::bindBorrowedBlob(int index, QByteArrayView bytes)
{
    if (bytes.isEmpty()) {
        bindBlob(index, bytes);
        return;
    }
    checkBind(sqlite3_bind_blob64(bindable(), index + 1, bytes.data(), static_cast<sqlite3_uint64>(bytes.size()),
                                  SQLITE_STATIC));
    m_borrowed.push_back(index);
}

void Statement::bindOptional(int index, const std::optional<double>& value)
{
    if (value)
        bindDouble(index, *value);
    else
        bindNull(index);
}

void Statement::bindOptional(int index, const std::optional<int>& value)
{
    if (value)
        bindInt64(index, *value);
    else
        bindNull(index);
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        m_onRow = true;
        return true;
    }
    m_onRow = false;
    if (rc == SQLITE_DONE) {
        m_changes = sqlite3_changes(m_db);
        // Done: release the read snapshot now rather than at the next run.
        sqlite3_reset(m_stmt);
        return false;
    }
    m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
    m_errorCode = rc & 0xff;
    sqlite3_reset(m_stmt);
    return false;
}

bool Statement::exec()
{
    m_pendingRow = m_onRow = false;
    m_changes = 0;
    m_errorCode = 0;
    if (!m_stmt) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("the statement was not prepared");
        return false;
    }
    sqlite3_reset(m_stmt);
    if (!m_bindError.isEmpty()) {
        m_error = std::exchange(m_bindError, QString());
        m_errorCode = SQLITE_RANGE;
        return false;
    }
    m_error.clear();
    const bool row = step();
    if (!m_borrowed.empty()) {
        // Forget the caller's bytes before they go away; a statement with rows is finished first.
        if (row)
            sqlite3_reset(m_stmt);
        for (int index : m_borrowed)
            sqlite3_bind_null(m_stmt, index + 1);
        m_borrowed.clear();
        if (row) {
            m_onRow = false;
            m_error = QStringLiteral("a statement with borrowed bytes returned rows");
            return false;
        }
    }
    if (row) {
        m_pendingRow = true;
        return true;
    }
    return m_error.isEmpty();
}

bool Statement::next()
{
    if (m_pendingRow) {
        m_pendingRow = false;
        return true;
    }
    if (!m_stmt || !m_onRow)
        return false;
    return step();
}

void Statement::reset()
{
    m_pendingRow = m_onRow = false;
    if (m_stmt)
        sqlite3_reset(m_stmt);
}

QVariant Statement::value(int column) const
{
    if (!m_onRow)
        return {};
    switch (sqlite3_column_type(m_stmt, column)) {
    case SQLITE_INTEGER:
        return QVariant(static_cast<qlonglong>(sqlite3_column_int64(m_stmt, column)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(m_stmt, column));
    case SQLITE_TEXT:
        return QVariant(text(column));
    case SQLITE_BLOB: {
        const QByteArrayView bytes = blob(column);
        return QVariant(QByteArray(bytes.data(), bytes.size()));
    }
    default:
        return {};
    }
}

bool Statement::isNull(int column) const
{
    return !m_onRow || sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 Statement::int64(int column) const
{
    return m_onRow ? sqlite3_column_int64(m_stmt, column) : 0;
}

double Statement::real(int column) const
{
    return m_onRow ? sqlite3_column_double(m_stmt, column) : 0.0;
}

QString Statement::text(int column) const
{
    if (!m_onRow)
        return {};
    const auto* utf8 = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    if (!utf8)
        return {};
    return QString::fromUtf8(utf8, sqlite3_column_bytes(m_stmt, column));
}

QByteArrayView Statement::blob(int column) const
{
    if (!m_onRow)
        return {};
    const void* data = sqlite3_column_blob(m_stmt, column);
    return {static_cast<const char*>(data), sqlite3_column_bytes(m_stmt, column)};
}

qint64 Statement::lastInsertId() const
{
    return m_db ? sqlite3_last_insert_rowid(m_db) : 0;
}

} // namespace tricoach::store
