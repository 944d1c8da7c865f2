#pragma once
// Shared helpers of the store tests: activities to store, raw SQL access to the file, file bytes.

#include "core/store/activitystore.h"
#include "core/store/sqlite.h"
#include "core/util/datetime.h"
#include "tests/support/tempdir.h"

#include <QFile>
#include <QVariant>

#include <gtest/gtest.h>
#include <memory>

namespace tricoach::test {

// A summary-only activity starting at 07:00 local time (UTC+1) on `day`, one hour long.
inline Activity makeActivity(AthleteId athlete, const QDate& day, Sport sport = Sport::Run,
                             std::optional<double> userLoad = std::nullopt)
{
    Activity a;
    a.athleteId = athlete;
    a.sport = sport;
    a.title = QStringLiteral("%1 on %2").arg(sportId(sport), day.toString(Qt::ISODate));
    a.utcOffsetSec = 3600;
    a.startUtc = utcDateTime(day, QTime(6, 0));
    a.movingSec = 3600;
    a.elapsedSec = 3700;
    a.userLoad = userLoad;
    return a;
}

// Thresholds with the fields `set` fills in (designated initializers would trip -Wmissing-field-initializers).
template <typename F> Thresholds thresholds(F set)
{
    Thresholds t;
    set(t);
    return t;
}

inline QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A plain SQLite connection to the store's file, for inspecting and tampering in tests; closed on scope exit.
class RawDb {
public:
    explicit RawDb(const QString& path)
    {
        if (auto db = store::Database::open(path, store::Database::Mode::ReadWrite))
            m_db = std::move(*db);
    }

    store::Database& db() { return m_db; }
    bool exec(const QString& sql)
    {
        store::Statement q;
        return q.prepare(m_db, sql) && q.exec();
    }
    // The first column of the first row, or an invalid QVariant.
    QVariant scalar(const QString& sql)
    {
        store::Statement q;
        if (!q.prepare(m_db, sql) || !q.exec() || !q.next())
            return {};
        return q.value(0);
    }

private:
    store::Database m_db;
};

// A test with a store open on a fresh file.
class StoreTest : public TempDirTest {
protected:
    void SetUp() override { reopen(); }

    void reopen()
    {
        store.reset();
        auto opened = ActivityStore::open(dbPath());
        ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
        store = std::move(*opened);
    }
    QString dbPath() const { return pathFor(QStringLiteral("store.sqlite")); }

    AthleteId newAthlete(const QString& name)
    {
        auto a = store->createAthlete(name);
        EXPECT_TRUE(a.ok()) << a.error().message.toStdString();
        return a.ok() ? a->id : 0;
    }
    ActivityId add(const Activity& a)
    {
        auto r = store->addActivity(a);
        EXPECT_TRUE(r.ok()) << r.error().message.toStdString();
        return r.ok() ? r->id : 0;
    }

    std::unique_ptr<ActivityStore> store;
};

} // namespace tricoach::test
