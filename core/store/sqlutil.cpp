#include "core/store/sqlutil.h"

#include <QSqlError>

namespace tricoach::store {

namespace {

Error describe(const QSqlError& error, const QString& what, const QString& path)
{
    QString detail = error.databaseText();
    if (detail.isEmpty())
        detail = error.text();
    return makeError(QStringLiteral("Could not %1 in the TriCoach database %2: %3").arg(what, path, detail),
                     QStringLiteral("store.sql"));
}

} // namespace

Error sqlError(const QSqlQuery& query, const QString& what, const QString& path)
{
    return describe(query.lastError(), what, path);
}

Error sqlError(const QSqlDatabase& db, const QString& what, const QString& path)
{
    return describe(db.lastError(), what, path);
}

Result<QSqlQuery> prepare(const QSqlDatabase& db, const QString& sql, const QString& path)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return sqlError(query, QStringLiteral("prepare a statement"), path);
    return query;
}

Result<void> run(QSqlQuery& query, const QVariantList& values, const QString& what, const QString& path)
{
    int i = 0;
    for (const QVariant& v : values)
        query.bindValue(i++, v);
    if (!query.exec())
        return sqlError(query, what, path);
    return {};
}

Result<QSqlQuery> exec(const QSqlDatabase& db, const QString& sql, const QVariantList& values, const QString& what,
                       const QString& path)
{
    auto query = prepare(db, sql, path);
    if (!query)
        return query.error();
    if (auto r = run(*query, values, what, path); !r)
        return r.error();
    return query;
}

Transaction::Transaction(QSqlDatabase db, QString path)
    : m_db(std::move(db))
    , m_path(std::move(path))
{
}

Transaction::~Transaction()
{
    if (m_active) {
        QSqlQuery rollback(m_db);
        rollback.exec(QStringLiteral("ROLLBACK"));
    }
}

Result<void> Transaction::begin()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return sqlError(q, QStringLiteral("start a transaction"), m_path);
    m_active = true;
    return {};
}

Result<void> Transaction::commit()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("COMMIT")))
        return sqlError(q, QStringLiteral("save the changes"), m_path);
    m_active = false;
    return {};
}

} // namespace tricoach::store
