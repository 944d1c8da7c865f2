// What the reader refuses or corrects, on variants of real files: FIT files that are not activities (courses,
// workouts, settings, monitoring), a file without any time, and session totals that contradict the records.
#include "core/io/fit/fitreader.h"

#include "fitpatch.h"
#include "fittestwriter.h"

#include <gtest/gtest.h>

using namespace tricoach;
using namespace tricoach::fittest;

namespace {

constexpr std::uint16_t kFileId = 0, kSession = 18;
constexpr std::uint8_t kType = 0, kElapsed = 7, kTimer = 8;
const QString kRun = QStringLiteral("running-garmin-fr955-stryd-devfields.fit"); // 10 km, no pauses

bool mentions(const QStringList& warnings, const char* text)
{
    return std::any_of(warnings.begin(), warnings.end(),
                       [&](const QString& w) { return w.contains(QLatin1String(text)); });
}

// The run with its session's total_elapsed_time and total_timer_time set (seconds; negative: unchanged).
DecodedFile runWithTotals(double elapsed, double timer)
{
    FitPatch p(corpusFit(kRun));
    if (elapsed >= 0) {
        EXPECT_EQ(p.setField(kSession, kElapsed, static_cast<std::uint64_t>(elapsed * 1000)), 1);
    }
    if (timer >= 0) {
        EXPECT_EQ(p.setField(kSession, kTimer, static_cast<std::uint64_t>(timer * 1000)), 1);
    }
    return FitReader().read(p.bytes());
}

struct RunFacts {
    double span = 0; // from the session's start to the last record, seconds
    double elapsed = 0, timer = 0;
    std::size_t records = 0;
};
RunFacts runFacts()
{
    const RawFit raw = rawFit(corpusFit(kRun));
    EXPECT_EQ(raw.sessions.size(), 1u);
    RunFacts f;
    f.span = *std::max_element(raw.recordTimes.begin(), raw.recordTimes.end()) - double(raw.sessions[0].start);
    f.elapsed = raw.sessions[0].elapsed;
    f.timer = raw.sessions[0].timer;
    f.records = raw.recordTimes.size();
    return f;
}

} // namespace

TEST(FitRefusals, CoursesWorkoutsSettingsAndMonitoringAreNotActivities)
{
    // A real run retyped: Garmin Connect makes courses from activities, records and laps included.
    struct Case {
        int type;
        const char* says;
    };
    const Case cases[] = {{6, "This is a course file, not an activity"},
                          {5, "This is a workout file, not an activity"},
                          {2, "This is a settings file, not an activity"},
                          {15, "This is a monitoring file"},
                          {28, "This is a monitoring file"},
                          {32, "This is a monitoring file"}};
    for (const Case& c : cases) {
        SCOPED_TRACE(c.type);
        FitPatch p(corpusFit(QStringLiteral("running-garmin-fenix5-short.fit")));
        ASSERT_EQ(p.setField(kFileId, kType, static_cast<std::uint64_t>(c.type)), 1);
        const DecodedFile f = FitReader().read(p.bytes());
        ASSERT_TRUE(f.error.has_value());
        EXPECT_EQ(f.error->code, QStringLiteral("fit.not-activity"));
        EXPECT_TRUE(f.error->message.contains(QLatin1String(c.says))) << f.error->message.toStdString();
        EXPECT_FALSE(f.error->message.contains(QString::number(c.type))) << "the type in words, not a number";
        EXPECT_GE(f.error->byteOffset, 12);
        EXPECT_TRUE(f.activities.empty());
    }
}

TEST(FitRefusals, ASettingsFileWithoutRecordsNamesItsType)
{
    FitWriter w;
    w.define(0, kFileId, {{0, 1, bt::Enum}});
    w.data(0, {2});
    const DecodedFile f = FitReader().read(w.finish());
    ASSERT_TRUE(f.error.has_value());
    EXPECT_EQ(f.error->code, QStringLiteral("fit.not-activity"));
    EXPECT_TRUE(f.error->message.startsWith(QLatin1String("This is a settings file, not an activity")));
}

TEST(FitRefusals, ACourseChainedAfterAnActivityAddsNoLeg)
{
    const QByteArray run = corpusFit(QStringLiteral("running-garmin-fenix5-short.fit"));
    const DecodedFile alone = FitReader().read(run);
    ASSERT_TRUE(alone.ok());
    FitPatch course(run);
    ASSERT_EQ(course.setField(kFileId, kType, 6), 1);
    const DecodedFile f = FitReader().read(run + course.bytes());
    ASSERT_TRUE(f.ok()) << (f.error ? f.error->message.toStdString() : std::string());
    ASSERT_EQ(f.activities.size(), 1u);
    EXPECT_EQ(f.activities[0].streams.size(), alone.activities[0].streams.size());
    EXPECT_TRUE(mentions(f.warnings, "not an activity"));
}

TEST(FitRefusals, AFileWithoutTimesSaysSo)
{
    // The FIT SDK's developer-data example: three records, none with a timestamp, no session, no lap.
    const QByteArray bytes = corpusFit(QStringLiteral("devdata-sdk-example.fit"));
    ASSERT_TRUE(rawFit(bytes).recordTimes.empty());
    const DecodedFile f = FitReader().read(bytes);
    ASSERT_TRUE(f.error.has_value());
    EXPECT_EQ(f.error->code, QStringLiteral("fit.no-times"));
    EXPECT_TRUE(f.error->message.startsWith(QLatin1String("The file has no times"))) << f.error->message.toStdString();
    EXPECT_GT(f.error->byteOffset, 0);
    EXPECT_TRUE(f.activities.empty());
}

TEST(FitRefusals, UntouchedTotalsStand)
{
    const RunFacts facts = runFacts();
    const DecodedFile f = runWithTotals(-1, -1);
    ASSERT_TRUE(f.ok());
    EXPECT_DOUBLE_EQ(f.activities[0].elapsedSec, facts.elapsed);
    EXPECT_DOUBLE_EQ(f.activities[0].movingSec, facts.timer);
    EXPECT_FALSE(mentions(f.warnings, "contradict"));
}

TEST(FitRefusals, AnElapsedTimeShorterThanTheTimerTimeYieldsToTheRecords)
{
    const RunFacts facts = runFacts();
    ASSERT_GT(facts.span, 3000);
    const DecodedFile f = runWithTotals(1000, -1);
    ASSERT_TRUE(f.ok());
    const Activity& a = f.activities[0];
    EXPECT_DOUBLE_EQ(a.elapsedSec, facts.span);
    EXPECT_DOUBLE_EQ(a.movingSec, std::min(facts.timer, facts.span));
    EXPECT_EQ(a.streams.size(), facts.records); // the records past 1000 s stay in the run
    EXPECT_TRUE(mentions(f.warnings, "contradict its records"));
}

TEST(FitRefusals, AnElapsedTimeFarBeyondTheRecordsYieldsToThem)
{
    const RunFacts facts = runFacts();
    const DecodedFile f = runWithTotals(3 * facts.elapsed, -1);
    ASSERT_TRUE(f.ok());
    EXPECT_DOUBLE_EQ(f.activities[0].elapsedSec, facts.span);
    EXPECT_DOUBLE_EQ(f.activities[0].movingSec, std::min(facts.timer, facts.span));
    EXPECT_TRUE(mentions(f.warnings, "contradict its records"));
}

TEST(FitRefusals, ATimerTimeFarBeyondTheRecordsYieldsToThem)
{
    const RunFacts facts = runFacts();
    ASSERT_NEAR(facts.timer, facts.elapsed, 1); // the run never paused: its timer ran for all of its records
    const DecodedFile f = runWithTotals(-1, 2 * facts.timer);
    ASSERT_TRUE(f.ok());
    EXPECT_DOUBLE_EQ(f.activities[0].elapsedSec, facts.span);
    EXPECT_NEAR(f.activities[0].movingSec, facts.span, 1);
    EXPECT_TRUE(mentions(f.warnings, "contradict its records"));
}

TEST(FitRefusals, RecordsFarPastAShortSessionStayInItAndSetItsLength)
{
    const RunFacts facts = runFacts();
    const DecodedFile f = runWithTotals(1500, 1500);
    ASSERT_TRUE(f.ok());
    ASSERT_EQ(f.activities.size(), 1u);
    EXPECT_EQ(f.activities[0].streams.size(), facts.records);
    EXPECT_DOUBLE_EQ(f.activities[0].elapsedSec, facts.span);
    EXPECT_DOUBLE_EQ(f.activities[0].movingSec, 1500); // the timer may have stopped; nothing says otherwise
    EXPECT_TRUE(mentions(f.warnings, "contradict its records"));
}
