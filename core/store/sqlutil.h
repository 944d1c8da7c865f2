#pragma once
// Small helpers over the SQLite layer shared by the store's files; not part of the public API.

#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <QString>
#include <QVariant>

#include <cstdint>
#include <optional>

namespace tricoach::store {

// An error a person can act on for a failed statement: what we were doing, where, and what SQLite said.
Error sqlError(const Statement& query, const QString& what, const QString& path);
Error sqlError(const Database& db, const QString& what, const QString& path);

Result<Statement> prepare(const Database& db, const QString& sql, const QString& path);
// Executes a prepared query after binding `values` positionally.
Result<void> run(Statement& query, const QVariantList& values, const QString& what, const QString& path);
// Prepares, binds and executes one statement.
Result<Statement> exec(const Database& db, const QString& sql, const QVariantList& values, const QString& what,
                       const QString& path);

// A write transaction that rolls back unless committed, so an early return or an error never leaves half a
// change behind. BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that later upgrades
// fails at once under WAL instead of waiting for the busy timeout.
class Transaction {
public:
    Transaction(const Database& db, QString path);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    Result<void> begin();
    Result<void> commit();

private:
    const Database& m_db;
    QString m_path;
    bool m_active = false;
};

// std::int64_t is `long` on LP64 Linux, which QVariant has no constructor for.
inline QVariant key(std::int64_t id)
{
    return QVariant(static_cast<qlonglong>(id));
}

// NULL for an empty optional, so "unknown" stays distinct from zero in the database.
inline QVariant optionalValue(const std::optional<double>& v)
{
    return v ? QVariant(*v) : QVariant();
}
inline QVariant optionalValue(const std::optional<int>& v)
{
    return v ? QVariant(*v) : QVariant();
}
inline QVariant optionalValue(const std::optional<qint64>& v)
{
    return v ? QVariant(static_cast<qlonglong>(*v)) : QVariant();
}
inline std::optional<double> optionalDouble(const QVariant& v)
{
    return v.isNull() ? std::nullopt : std::optional<double>(v.toDouble());
}
inline std::optional<int> optionalInt(const QVariant& v)
{
    return v.isNull() ? std::nullopt : std::optional<int>(v.toInt());
}

} // namespace tricoach::store
