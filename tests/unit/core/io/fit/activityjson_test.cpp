// The normalized JSON of `tricoach-cli decode --json`: keys, units, null for unknown values, streams on
// request.
#include "core/io/activityjson.h"
#include "core/io/fit/fitreader.h"
#include "core/util/datetime.h"

#include <QFile>
#include <QJsonArray>

#include <cmath>
#include <gtest/gtest.h>

using namespace tricoach;

namespace {

Activity sampleActivity()
{
    Activity a;
    a.sport = Sport::Swim;
    a.subSport = QStringLiteral("PoolSwim");
    a.startUtc = utcDateTime(QDate(2024, 5, 1), QTime(6, 30));
    a.utcOffsetSec = 7200;
    a.movingSec = 1800;
    a.elapsedSec = 2000;
    a.distanceM = 1500;
    a.avgHr = 130;
    a.poolLengthM = 25;
    a.laps.push_back(Lap{0, 60, 55, 100.0, 120.0, std::nullopt, std::nullopt, std::nullopt, std::nullopt, 1.8});
    a.lengths.push_back(PoolLength{0, 30, true, 18, QStringLiteral("freestyle")});
    a.lengths.push_back(PoolLength{30, 20, false, std::nullopt, QString()});
    a.streams.time = {0, 1, 2};
    a.streams.channels[Channel::HeartRate] = {120, kMissing, 122};
    return a;
}

} // namespace

TEST(ActivityJson, SummaryKeysUnitsAndNulls)
{
    const QJsonObject j = activityToJson(sampleActivity(), false);
    EXPECT_EQ(j[QStringLiteral("sport")].toString(), QStringLiteral("Swim"));
    EXPECT_EQ(j[QStringLiteral("sub_sport")].toString(), QStringLiteral("PoolSwim"));
    EXPECT_EQ(j[QStringLiteral("start_utc")].toString(), QStringLiteral("2024-05-01T06:30:00Z"));
    EXPECT_EQ(j[QStringLiteral("utc_offset_sec")].toInt(), 7200);
    EXPECT_EQ(j[QStringLiteral("moving_sec")].toDouble(), 1800);
    EXPECT_EQ(j[QStringLiteral("elapsed_sec")].toDouble(), 2000);
    EXPECT_EQ(j[QStringLiteral("distance_m")].toDouble(), 1500);
    EXPECT_EQ(j[QStringLiteral("avg_hr")].toDouble(), 130);
    EXPECT_EQ(j[QStringLiteral("pool_length_m")].toDouble(), 25);
    for (const char* key : {"max_hr", "avg_power", "max_power", "avg_cadence", "max_cadence", "avg_speed", "max_speed",
                            "calories", "elevation_gain_m", "multisport_key", "multisport_leg"}) {
        ASSERT_TRUE(j.contains(QLatin1String(key))) << key;
        EXPECT_TRUE(j[QLatin1String(key)].isNull()) << key;
    }
    EXPECT_FALSE(j.contains(QStringLiteral("streams")));

    const QJsonObject lap = j[QStringLiteral("laps")].toArray()[0].toObject();
    EXPECT_EQ(lap[QStringLiteral("elapsed_sec")].toDouble(), 60);
    EXPECT_EQ(lap[QStringLiteral("moving_sec")].toDouble(), 55);
    EXPECT_EQ(lap[QStringLiteral("distance_m")].toDouble(), 100);
    EXPECT_EQ(lap[QStringLiteral("avg_speed")].toDouble(), 1.8);
    EXPECT_TRUE(lap[QStringLiteral("avg_power")].isNull());
    const QJsonArray lengths = j[QStringLiteral("lengths")].toArray();
    ASSERT_EQ(lengths.size(), 2);
    EXPECT_EQ(lengths[0].toObject()[QStringLiteral("strokes")].toInt(), 18);
    EXPECT_EQ(lengths[0].toObject()[QStringLiteral("stroke")].toString(), QStringLiteral("freestyle"));
    EXPECT_FALSE(lengths[1].toObject()[QStringLiteral("active")].toBool());
    EXPECT_TRUE(lengths[1].toObject()[QStringLiteral("strokes")].isNull());
    EXPECT_TRUE(lengths[1].toObject()[QStringLiteral("stroke")].isNull());
}

TEST(ActivityJson, StreamsWithNaNAsNullAndAbsentChannelsAsNull)
{
    const QJsonObject s = activityToJson(sampleActivity(), true)[QStringLiteral("streams")].toObject();
    EXPECT_EQ(s[QStringLiteral("time")].toArray().size(), 3);
    const QJsonArray hr = s[QStringLiteral("heart_rate")].toArray();
    ASSERT_EQ(hr.size(), 3);
    EXPECT_EQ(hr[0].toDouble(), 120);
    EXPECT_TRUE(hr[1].isNull());
    for (const char* key : {"distance", "power", "cadence", "speed", "altitude", "lat", "lon", "temperature"}) {
        ASSERT_TRUE(s.contains(QLatin1String(key))) << key;
        EXPECT_TRUE(s[QLatin1String(key)].isNull()) << key;
    }
}

TEST(ActivityJson, DecodedFileWithErrorWarningsAndFormat)
{
    QFile f(QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/fit/invalid-crc-activity-sdk.fit"));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const FitReader reader;
    const DecodedFile decoded = reader.read(f.readAll());
    const QJsonObject j = decodedFileToJson(decoded, false, reader.formatId());
    EXPECT_EQ(j[QStringLiteral("format")].toString(), QStringLiteral("fit"));
    EXPECT_EQ(j[QStringLiteral("activities")].toArray().size(), 1);
    EXPECT_TRUE(j[QStringLiteral("warnings")].isArray());
    const QJsonObject e = j[QStringLiteral("error")].toObject();
    EXPECT_EQ(e[QStringLiteral("code")].toString(), QStringLiteral("fit.crc"));
    EXPECT_FALSE(e[QStringLiteral("message")].toString().isEmpty());
    EXPECT_EQ(e[QStringLiteral("byte_offset")].toInt(), 769);
    EXPECT_TRUE(e[QStringLiteral("line")].isNull());

    const QJsonObject clean = decodedFileToJson(DecodedFile{}, false);
    EXPECT_TRUE(clean[QStringLiteral("error")].isNull());
    EXPECT_TRUE(clean[QStringLiteral("format")].isNull());
}
