// Inputs the fuzzer (tests/fuzz/fit_fuzz.cpp) once crashed or hung on, kept so they never come back; plus the
// invariants the fuzz target checks, on every corpus file.
#include "core/io/fit/fitreader.h"
#include "core/util/datetime.h"

#include <QDir>
#include <QFile>

#include <cmath>
#include <gtest/gtest.h>

using namespace tricoach;

namespace {

void expectConsistent(const DecodedFile& f, const QString& name)
{
    EXPECT_TRUE(f.error.has_value() || !f.activities.empty()) << name.toStdString();
    if (f.error) {
        EXPECT_FALSE(f.error->code.isEmpty());
        EXPECT_FALSE(f.error->message.isEmpty());
    }
    const QDateTime earliest = utcDateTime(QDate(2000, 1, 1), QTime(0, 0));
    const QDateTime latest = QDateTime::currentDateTimeUtc().addDays(1);
    for (const Activity& a : f.activities) {
        for (const auto& [channel, series] : a.streams.channels)
            EXPECT_EQ(series.size(), a.streams.size()) << name.toStdString();
        EXPECT_TRUE(std::isfinite(a.elapsedSec) && std::isfinite(a.movingSec)) << name.toStdString();
        // Every activity has a date, and one outside 2000..today comes with a warning naming it.
        ASSERT_TRUE(a.startUtc.isValid()) << name.toStdString();
        if (a.startUtc < earliest || a.startUtc > latest) {
            const QString day = a.startUtc.date().toString(Qt::ISODate);
            EXPECT_TRUE(
                std::any_of(f.warnings.begin(), f.warnings.end(), [&](const QString& w) { return w.contains(day); }))
                << name.toStdString() << " starts on " << day.toStdString() << " without a word about it";
        }
    }
}

void readAll(const QString& dir, const QStringList& patterns, int& count)
{
    const QDir d(dir);
    for (const QString& name : d.entryList(patterns, QDir::Files)) {
        QFile file(d.filePath(name));
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        expectConsistent(FitReader().read(file.readAll()), name);
        ++count;
    }
}

} // namespace

TEST(FitFuzzRegressions, EveryStoredInputDecodesWithoutCrashing)
{
    int count = 0;
    readAll(QStringLiteral(TRICOACH_SOURCE_DIR "/tests/data/fuzz-regressions/fit"), {QStringLiteral("*")}, count);
    EXPECT_GT(count, 0);
}

TEST(FitFuzzRegressions, CorpusFilesKeepTheFuzzInvariants)
{
    int count = 0;
    readAll(QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/fit"), {QStringLiteral("*.fit")}, count);
    EXPECT_EQ(count, 54);
}
