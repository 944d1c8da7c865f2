#include "core/store/sqlutil.h"

namespace tricoach::store {

namespace {

Error describe(const QString& detail, const QString& what, const QString& path)
{
    return makeError(QStringLiteral("Could not %1 in the TriCoach database %2: %3").arg(what, path, detail),
                     QStringLiteral("store.sql"));
}

} // namespace

Error sqlError(const Statement& query, const QString& what, const QString& path)
{
    return describe(query.lastError(), what, path);
}

Error sqlError(const Database& db, const QString& what, const QString& path)
{
    return describe(db.lastError(), what, path);
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
