// Our FIT workout export decoded by Garmin's official FIT SDK: the steps come back as written.
#include "core/coach/fitworkout.h"
#include "core/coach/workoutlibrary.h"
#include "tests/oracle/fitsdk.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace tricoach;
using namespace tricoach::oracle;

namespace {

class FitWorkoutOracle : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (const auto reason = sdkUnavailable()) {
            if (sdkRequired())
                FAIL() << "the @garmin/fitsdk oracle must run under CI: " << reason->toStdString();
            GTEST_SKIP() << "@garmin/fitsdk oracle skipped: " << reason->toStdString();
        }
    }

    QJsonObject decode(const QByteArray& fit)
    {
        const QString path = m_dir.filePath(QStringLiteral("workout.fit"));
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(fit);
        f.close();
        QProcess node;
        node.start(QStandardPaths::findExecutable(QStringLiteral("node")),
                   {QStringLiteral(TRICOACH_FITSDK_DIR "/fitsdk_workout.mjs"), path});
        EXPECT_TRUE(node.waitForFinished(60'000));
        EXPECT_EQ(node.exitCode(), 0) << node.readAllStandardError().toStdString();
        return QJsonDocument::fromJson(node.readAllStandardOutput()).object();
    }

    QTemporaryDir m_dir;
};

TEST_F(FitWorkoutOracle, BikeIntervalsComeBackStepByStep)
{
    Thresholds t;
    t.ftpWatts = 250;
    SessionRequest r;
    r.kind = SessionKind::BikeIntervals;
    r.minutes = 70;
    r.hardMinutes = 24;
    const Workout w = buildWorkout(r, t);
    const QJsonObject sdk = decode(toFitWorkout(w, QStringLiteral("3x8 threshold"), t));
    EXPECT_TRUE(sdk.value(QStringLiteral("integrity")).toBool());
    EXPECT_TRUE(sdk.value(QStringLiteral("errors")).toArray().isEmpty());
    EXPECT_EQ(sdk.value(QStringLiteral("file_type")).toString(), QStringLiteral("workout"));
    EXPECT_EQ(sdk.value(QStringLiteral("sport")).toString(), QStringLiteral("cycling"));
    EXPECT_EQ(sdk.value(QStringLiteral("name")).toString(), QStringLiteral("3x8 threshold"));
    const QJsonArray steps = sdk.value(QStringLiteral("steps")).toArray();
    // Warm-up, work, recovery, the repeat, steady, cool-down.
    ASSERT_EQ(steps.size(), 6);
    EXPECT_EQ(sdk.value(QStringLiteral("num_valid_steps")).toInt(), 6);
    const QJsonObject warm = steps[0].toObject(), work = steps[1].toObject(), rest = steps[2].toObject();
    const QJsonObject repeat = steps[3].toObject(), cool = steps[5].toObject();
    EXPECT_EQ(warm.value(QStringLiteral("intensity")).toString(), QStringLiteral("warmup"));
    EXPECT_DOUBLE_EQ(warm.value(QStringLiteral("duration_time")).toDouble(), 14 * 60);
    EXPECT_EQ(work.value(QStringLiteral("duration_type")).toString(), QStringLiteral("time"));
    EXPECT_DOUBLE_EQ(work.value(QStringLiteral("duration_time")).toDouble(), 8 * 60);
    EXPECT_EQ(work.value(QStringLiteral("target_type")).toString(), QStringLiteral("power"));
    EXPECT_EQ(work.value(QStringLiteral("power_low")).toInt(), 95); // % FTP
    EXPECT_EQ(work.value(QStringLiteral("power_high")).toInt(), 105);
    EXPECT_EQ(rest.value(QStringLiteral("intensity")).toString(), QStringLiteral("rest"));
    EXPECT_DOUBLE_EQ(rest.value(QStringLiteral("duration_time")).toDouble(), 3 * 60);
    EXPECT_EQ(repeat.value(QStringLiteral("duration_type")).toString(), QStringLiteral("repeatUntilStepsCmplt"));
    EXPECT_EQ(repeat.value(QStringLiteral("duration_step")).toInt(), 1);
    EXPECT_EQ(repeat.value(QStringLiteral("repeat_steps")).toInt(), 3);
    EXPECT_EQ(cool.value(QStringLiteral("intensity")).toString(), QStringLiteral("cooldown"));
    double seconds = 0;
    for (int i : {0, 4, 5})
        seconds += steps[i].toObject().value(QStringLiteral("duration_time")).toDouble();
    seconds += 3 * (8 + 3) * 60;
    EXPECT_DOUBLE_EQ(seconds, w.minutes() * 60); // the same 70 minutes
}

TEST_F(FitWorkoutOracle, RunTempoCarriesPaceAsSpeed)
{
    Thresholds t;
    t.runThresholdSpeed = 4.0; // 4:10 per km
    SessionRequest r;
    r.kind = SessionKind::RunTempo;
    r.minutes = 45;
    r.hardMinutes = 20;
    const QJsonObject sdk = decode(toFitWorkout(buildWorkout(r, t), QStringLiteral("Tempo"), t));
    EXPECT_EQ(sdk.value(QStringLiteral("sport")).toString(), QStringLiteral("running"));
    const Workout w = buildWorkout(r, t);
    const QJsonArray steps = sdk.value(QStringLiteral("steps")).toArray();
    ASSERT_EQ(steps.size(), 4); // warm-up, Z2, the Z3 finish, cool-down
    const QJsonObject finish = steps[2].toObject();
    const bool tempo = finish.value(QStringLiteral("duration_time")).toDouble() == w.hardMinutes() * 60;
    EXPECT_EQ(finish.value(QStringLiteral("target_type")).toString(), QStringLiteral("speed"));
    EXPECT_NEAR(finish.value(QStringLiteral("speed_low")).toDouble(), 4.0 * 0.88, 0.002); // Z3: 88–95 %
    EXPECT_NEAR(finish.value(QStringLiteral("speed_high")).toDouble(), 4.0 * 0.95, 0.002);
    EXPECT_TRUE(tempo);
}

} // namespace
