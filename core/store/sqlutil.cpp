#include "core/store/sqlutil.h"

#include <sqlite3.h>

namespace tricoach::store {

namespace {

// SQLite's words, with what a person can do about the failures people cause or meet (another program holding the
// database, a read-only file, a full disk); the code lets callers tell them apart.
Error describe(int code, const QString& detail, const QString& what, const QString& path)
{
    const QString head = QStringLiteral("Could not %1 in the TriCoach database %2").arg(what, path);
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return makeError(QStringLiteral("%1: another program using it (the TriCoach app or tricoach-cli) kept it "
                                        "busy for more than %2 seconds. Nothing was changed; try again when it has "
                                        "finished.")
                             .arg(head)
                             .arg(kBusyTimeoutMs / 1000),
                         QStringLiteral("store.busy"));
    case SQLITE_READONLY:
        return makeError(QStringLiteral("%1: the database cannot be written (%2). Check that the file and its folder "
                                        "are writable.")
                             .arg(head, detail),
                         QStringLiteral("store.read-only"));
    case SQLITE_FULL:
        return makeError(
            QStringLiteral("%1: the disk is full. Nothing was changed; free some space and try again.").arg(head),
            QStringLiteral("store.disk-full"));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return makeError(QStringLiteral("%1: %2 (the file is damaged).").arg(head, detail),
                         QStringLiteral("store.damaged"));
    default:
        return makeError(QStringLiteral("%1: %2").arg(head, detail), QStringLiteral("store.sql"));
    }
}

} // namespace

Error sqlError(const Statement& query, const QString& what, const QString& path)
{
    return describe(query.lastErrorCode(), query.lastError(), what, path);
}

Error sqlError(const Database& db, const QString& what, const QString& path)
{
    return describe(db.lastErrorCode(), db.lastError(), what, path);
}

Result<Statement> prepare(const Database& db, const QString& sql, const QString& path)
{
    Statement query;
    if (!query.prepare(db, sql))
        return sqlError(query, QStringLiteral("prepare a statement"), path);
    return query;
}

Result<void> run(Statement& query, const QVariantList& values, const QString& what, const QString& path)
{
    int i = 0;
    for (const QVariant& v : values)
        query.bindValue(i++, v);
    if (!query.exec())
        return sqlError(query, what, path);
    return {};
}

Result<Statement> exec(const Database& db, const QString& sql, const QVariantList& values, const QString& what,
                       const QString& path)
{
    auto query = prepare(db, sql, path);
    if (!query)
        return query.error();
    if (auto r = run(*query, values, what, path); !r)
        return r.error();
    return query;
}

Transaction::Transaction(const Database& db, QString path)
    : m_db(db)
    , m_path(std::move(path))
{
}

Transaction::~Transaction()
{
    if (m_active) {
        Statement rollback;
        if (rollback.prepare(m_db, QStringLiteral("ROLLBACK")))
            rollback.exec();
    }
}

Result<void> Transaction::begin()
{
    auto q = exec(m_db, QStringLiteral("BEGIN IMMEDIATE"), {}, QStringLiteral("start a transaction"), m_path);
    if (!q)
        return q.error();
    m_active = true;
    return {};
}

Result<void> Transaction::commit()
{
    auto q = exec(m_db, QStringLiteral("COMMIT"), {}, QStringLiteral("save the changes"), m_path);
    if (!q)
        return q.error();
    m_active = false;
    return {};
}

} // namespace tricoach::store
