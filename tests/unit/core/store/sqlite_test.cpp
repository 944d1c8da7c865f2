// The store's SQLite layer: values round-trip with their types, errors are reported, statements are reusable.
#include "core/store/sqlite.h"
#include "tests/support/tempdir.h"

#include <QFile>

#include <optional>

using namespace tricoach;
using namespace tricoach::store;

namespace {

class Sqlite : public test::TempDirTest {
protected:
    void SetUp() override
    {
        auto opened = Database::open(pathFor(QStringLiteral("t.sqlite")), Database::Mode::ReadWrite);
        ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
        db = std::move(*opened);
        ASSERT_TRUE(run("CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, r REAL, s TEXT, b BLOB, n TEXT NOT NULL "
                        "DEFAULT 'x' UNIQUE)"));
    }
    bool run(const char* sql)
    {
        Statement q;
        return q.prepare(db, QString::fromUtf8(sql)) && q.exec();
    }
    Database db;
};

TEST_F(Sqlite, ValuesRoundTripWithTheirTypes)
{
    Statement insert;
    ASSERT_TRUE(insert.prepare(db, QStringLiteral("INSERT INTO t (i, r, s, b, n) VALUES (?, ?, ?, ?, ?)")));
    const qint64 stravaId = 17'000'000'123LL; // beyond 2^32
    const QByteArray bytes("\x00\x01\xff", 3);
    insert.bindInt64(0, stravaId);
    insert.bindDouble(1, 0.1);
    insert.bindText(2, QStringLiteral("Zürich – 5×1 km 🏃"));
    insert.bindBlob(3, bytes);
    insert.bindValue(4, QVariant(QStringLiteral("a")));
    ASSERT_TRUE(insert.exec()) << insert.lastError().toStdString();
    EXPECT_EQ(insert.numRowsAffected(), 1);
    const qint64 id = insert.lastInsertId();
    EXPECT_GT(id, 0);

    Statement select;
    ASSERT_TRUE(select.prepare(db, QStringLiteral("SELECT i, r, s, b FROM t WHERE id = ?")));
    select.bindInt64(0, id);
    ASSERT_TRUE(select.exec());
    ASSERT_TRUE(select.next());
    EXPECT_EQ(select.int64(0), stravaId);
    EXPECT_EQ(select.value(0).typeId(), QMetaType::LongLong);
    EXPECT_EQ(select.real(1), 0.1);
    EXPECT_EQ(select.value(1).typeId(), QMetaType::Double);
    EXPECT_EQ(select.text(2), QStringLiteral("Zürich – 5×1 km 🏃"));
    EXPECT_EQ(select.value(2).toString(), QStringLiteral("Zürich – 5×1 km 🏃"));
    EXPECT_EQ(select.blob(3).toByteArray(), bytes);
    EXPECT_EQ(select.value(3).toByteArray(), bytes);
    EXPECT_FALSE(select.next());
    EXPECT_FALSE(select.next()); // stays finished
}

TEST_F(Sqlite, NullsAndEmptyValuesStayApart)
{
    Statement insert;
    ASSERT_TRUE(insert.prepare(db, QStringLiteral("INSERT INTO t (i, r, s, b) VALUES (?, ?, ?, ?)")));
    insert.bindValue(0, QVariant());
    insert.bindValue(1, QVariant(QMetaType::fromType<double>()));
    insert.bindValue(2, QVariant(QString())); // a null string is NULL, as with Qt Sql
    insert.bindValue(3, QVariant(QByteArray("")));
    ASSERT_TRUE(insert.exec()) << insert.lastError().toStdString();
    Statement select;
    ASSERT_TRUE(select.prepare(db, QStringLiteral("SELECT i, r, s, b, typeof(b) FROM t")));
    ASSERT_TRUE(select.exec() && select.next());
    EXPECT_TRUE(select.isNull(0));
    EXPECT_TRUE(select.value(0).isNull());
    EXPECT_TRUE(select.isNull(1));
    EXPECT_TRUE(select.isNull(2));
    EXPECT_FALSE(select.isNull(3)); // an empty blob is a value
    EXPECT_EQ(select.text(4), QStringLiteral("blob"));

    ASSERT_TRUE(insert.prepare(db, QStringLiteral("INSERT INTO t (s, n) VALUES (?, ?)")));
    insert.bindText(0, QStringLiteral(""));
    insert.bindText(1, QStringLiteral("empty"));
    ASSERT_TRUE(insert.exec());
    ASSERT_TRUE(select.prepare(db, QStringLiteral("SELECT s IS NULL FROM t WHERE n = 'empty'")));
    ASSERT_TRUE(select.exec() && select.next());
    EXPECT_EQ(select.int64(0), 0);
}

TEST_F(Sqlite, ErrorsSaySoAndTheStatementCanRunAgain)
{
    Statement bad;
    EXPECT_FALSE(bad.prepare(db, QStringLiteral("SELEC 1")));
    EXPECT_TRUE(bad.lastError().contains(QStringLiteral("syntax error"))) << bad.lastError().toStdString();
    EXPECT_FALSE(bad.exec());

    Statement insert;
    ASSERT_TRUE(insert.prepare(db, QStringLiteral("INSERT INTO t (n) VALUES (?)")));
    insert.bindText(0, QStringLiteral("same"));
    ASSERT_TRUE(insert.exec());
    EXPECT_FALSE(insert.exec()); // UNIQUE
    EXPECT_TRUE(insert.lastError().contains(QStringLiteral("UNIQUE"))) << insert.lastError().toStdString();
    insert.bindText(0, QStringLiteral("other"));
    EXPECT_TRUE(insert.exec()) << insert.lastError().toStdString();

    // A value bound to a parameter that does not exist fails the run instead of leaving it NULL.
    insert.bindText(1, QStringLiteral("nowhere"));
    EXPECT_FALSE(insert.exec());
    EXPECT_FALSE(insert.lastError().isEmpty());
}

TEST_F(Sqlite, BindingWhileOnARowStartsTheNextRun)
{
    ASSERT_TRUE(run("INSERT INTO t (i, n) VALUES (1, 'a'), (2, 'b'), (3, 'c')"));
    Statement select;
    ASSERT_TRUE(select.prepare(db, QStringLiteral("SELECT n FROM t WHERE i >= ? ORDER BY i")));
    select.bindInt64(0, 1);
    ASSERT_TRUE(select.exec() && select.next());
    EXPECT_EQ(select.text(0), QStringLiteral("a"));
    // Left on its first row (as a duplicate lookup does), then run again with another value.
    select.bindInt64(0, 3);
    ASSERT_TRUE(select.exec());
    ASSERT_TRUE(select.next());
    EXPECT_EQ(select.text(0), QStringLiteral("c"));
    EXPECT_FALSE(select.next());
}

TEST_F(Sqlite, ReadOnlyConnectionsCannotWriteAndMissingFilesAreNotCreated)
{
    auto ro = Database::open(pathFor(QStringLiteral("t.sqlite")), Database::Mode::ReadOnly);
    ASSERT_TRUE(ro.ok());
    Statement q;
    ASSERT_TRUE(q.prepare(*ro, QStringLiteral("INSERT INTO t (n) VALUES ('z')")));
    EXPECT_FALSE(q.exec());
    EXPECT_TRUE(q.lastError().contains(QStringLiteral("readonly"))) << q.lastError().toStdString();

    const QString missing = pathFor(QStringLiteral("missing.sqlite"));
    EXPECT_FALSE(Database::open(missing, Database::Mode::ReadOnly).ok());
    EXPECT_FALSE(QFile::exists(missing));
}

} // namespace

namespace {

TEST_F(Sqlite, BorrowedBytesAreStoredAndForgottenAfterTheRun)
{
    Statement insert;
    ASSERT_TRUE(insert.prepare(db, QStringLiteral("INSERT INTO t (b, n) VALUES (?, ?)")));
    {
        const QByteArray bytes(20000, 'x');
        insert.bindBorrowedBlob(0, bytes);
        insert.bindText(1, QStringLiteral("first"));
        ASSERT_TRUE(insert.exec()) << insert.lastError().toStdString();
    } // the bytes are gone; the statement must not read them again
    insert.bindText(1, QStringLiteral("second"));
    ASSERT_TRUE(insert.exec()) << insert.lastError().toStdString();
    Statement select;
    ASSERT_TRUE(select.prepare(db, QStringLiteral("SELECT n, length(b), b IS NULL FROM t ORDER BY id")));
    ASSERT_TRUE(select.exec() && select.next());
    EXPECT_EQ(select.text(0), QStringLiteral("first"));
    EXPECT_EQ(select.int64(1), 20000);
    ASSERT_TRUE(select.next());
    EXPECT_EQ(select.text(0), QStringLiteral("second"));
    EXPECT_EQ(select.int64(2), 1);

    // A statement that returns rows cannot keep borrowed bytes past its run: it says so.
    Statement echo;
    ASSERT_TRUE(echo.prepare(db, QStringLiteral("SELECT length(?)")));
    const QByteArray bytes(10, 'y');
    echo.bindBorrowedBlob(0, bytes);
    EXPECT_FALSE(echo.exec());
    EXPECT_FALSE(echo.lastError().isEmpty());
}

TEST_F(Sqlite, OptionalsBindNullWhenEmpty)
{
    Statement insert;
    ASSERT_TRUE(insert.prepare(db, QStringLiteral("INSERT INTO t (i, r, n) VALUES (?, ?, ?)")));
    insert.bindOptional(0, std::optional<int>());
    insert.bindOptional(1, std::optional<double>(2.5));
    insert.bindText(2, QStringLiteral("a"));
    ASSERT_TRUE(insert.exec());
    insert.bindOptional(0, std::optional<int>(7));
    insert.bindOptional(1, std::optional<double>());
    insert.bindText(2, QStringLiteral("b"));
    ASSERT_TRUE(insert.exec());
    Statement select;
    ASSERT_TRUE(select.prepare(db, QStringLiteral("SELECT i, r FROM t ORDER BY id")));
    ASSERT_TRUE(select.exec() && select.next());
    EXPECT_TRUE(select.isNull(0));
    EXPECT_EQ(select.real(1), 2.5);
    ASSERT_TRUE(select.next());
    EXPECT_EQ(select.int64(0), 7);
    EXPECT_TRUE(select.isNull(1));
}

} // namespace
