// Strava's JSON read into our model, checked against Strava's documented formats (API v3 reference: SummaryActivity,
// StreamSet) rather than against what the mapping happens to do.
#include "core/strava/activitymapping.h"
#include "core/strava/sporttypes.h"
#include "core/util/datetime.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <gtest/gtest.h>

using namespace tricoach;
using namespace tricoach::strava;

namespace {

// A run in Berlin in summer (UTC+2), written as Strava sends it: ids beyond 2^32, upload_id beyond 2^53.
QByteArray berlinRun()
{
    return R"({"resource_state":2,"athlete":{"id":134815,"resource_state":1},"name":"Morning Run",
      "distance":10012.4,"moving_time":2950,"elapsed_time":3105,"total_elevation_gain":48.2,"type":"Run",
      "sport_type":"Run","id":12345678987,"start_date":"2024-06-01T05:30:00Z",
      "start_date_local":"2024-06-01T07:30:00Z","timezone":"(GMT+01:00) Europe/Berlin","utc_offset":7200.0,
      "manual":false,"private":false,"visibility":"everyone","has_heartrate":true,"average_heartrate":151.3,
      "max_heartrate":178.0,"average_speed":3.394,"max_speed":5.1,"average_cadence":86.4,
      "upload_id":9007199254740993,"upload_id_str":"9007199254740993","external_id":"garmin_push_1.fit",
      "suffer_score":61.0})";
}

QJsonObject object(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

TEST(StravaMapping, ARunKeepsItsIdsExactAndItsLocalDay)
{
    auto mapped = activityFromSummary(object(berlinRun()), 7);
    ASSERT_TRUE(mapped.ok()) << mapped.error().message.toStdString();
    const Activity& a = mapped->activity;
    EXPECT_EQ(a.athleteId, 7);
    EXPECT_EQ(a.source, ActivitySource::Strava);
    ASSERT_TRUE(a.externalId.has_value());
    EXPECT_EQ(*a.externalId, 12345678987LL);
    EXPECT_GT(*a.externalId, 1LL << 32);
    // upload_id as a JSON number beyond 2^53 is not exactly representable as a double; the string is exact.
    ASSERT_TRUE(mapped->link.uploadId.has_value());
    EXPECT_EQ(*mapped->link.uploadId, 9007199254740993LL);
    EXPECT_EQ(a.startUtc, tricoach::utcDateTime(QDate(2024, 6, 1), QTime(5, 30)));
    // start_date_local ends in "Z" but is local: the offset is the difference of the two, two hours.
    EXPECT_EQ(a.utcOffsetSec, 7200);
    EXPECT_EQ(a.localDate(), QDate(2024, 6, 1));
    EXPECT_EQ(a.sport, Sport::Run);
    EXPECT_EQ(a.title, QStringLiteral("Morning Run"));
    EXPECT_DOUBLE_EQ(a.movingSec, 2950);
    EXPECT_DOUBLE_EQ(a.elapsedSec, 3105);
    EXPECT_DOUBLE_EQ(a.distanceM.value_or(0), 10012.4);
    EXPECT_DOUBLE_EQ(a.avgHr.value_or(0), 151.3);
    EXPECT_TRUE(a.streams.empty());
    EXPECT_EQ(mapped->link.streams, StravaStreams::Pending);
    EXPECT_DOUBLE_EQ(mapped->link.sufferScore.value_or(0), 61.0);
}

TEST(StravaMapping, ALateEveningActivityWestOfGreenwichFallsOnItsLocalDay)
{
    // 02:30 UTC on the 2nd is 19:30 on the 1st in Los Angeles (UTC-7): the calendar day is the 1st.
    QJsonObject o = object(berlinRun());
    o.insert(QStringLiteral("start_date"), QStringLiteral("2024-06-02T02:30:00Z"));
    o.insert(QStringLiteral("start_date_local"), QStringLiteral("2024-06-01T19:30:00Z"));
    auto mapped = activityFromSummary(o, 1);
    ASSERT_TRUE(mapped.ok());
    EXPECT_EQ(mapped->activity.utcOffsetSec, -7 * 3600);
    EXPECT_EQ(mapped->activity.localDate(), QDate(2024, 6, 1));
}

TEST(StravaMapping, EstimatedPowerNeverReachesTheLoad)
{
    QJsonObject o = object(berlinRun());
    o.insert(QStringLiteral("sport_type"), QStringLiteral("Ride"));
    o.insert(QStringLiteral("average_watts"), 182.0);
    o.insert(QStringLiteral("weighted_average_watts"), 201.0);
    o.insert(QStringLiteral("device_watts"), false);
    auto estimated = activityFromSummary(o, 1);
    ASSERT_TRUE(estimated.ok());
    EXPECT_FALSE(estimated->activity.avgPower.has_value());
    EXPECT_EQ(estimated->link.deviceWatts, std::optional<bool>(false));
    EXPECT_DOUBLE_EQ(estimated->link.weightedAvgWatts.value_or(0), 201.0);

    o.insert(QStringLiteral("device_watts"), true);
    auto measured = activityFromSummary(o, 1);
    ASSERT_TRUE(measured.ok());
    EXPECT_DOUBLE_EQ(measured->activity.avgPower.value_or(0), 182.0);
}

TEST(StravaMapping, EveryPublishedSportTypeMapsAndUnknownOnesKeepTheirName)
{
    EXPECT_EQ(knownSportTypes().size(), 55);
    const std::pair<const char*, Sport> expected[] = {
        {"Ride", Sport::Bike},
        {"VirtualRide", Sport::Bike},
        {"GravelRide", Sport::Bike},
        {"MountainBikeRide", Sport::Bike},
        {"EBikeRide", Sport::Bike},
        {"Run", Sport::Run},
        {"TrailRun", Sport::Run},
        {"VirtualRun", Sport::Run},
        {"Swim", Sport::Swim},
        {"Walk", Sport::Walk},
        {"Hike", Sport::Hike},
        {"Rowing", Sport::Row},
        {"WeightTraining", Sport::Strength},
        {"Workout", Sport::Other},
        {"Yoga", Sport::Other},
    };
    for (const auto& [type, sport] : expected)
        EXPECT_EQ(sportForType(QString::fromLatin1(type)), sport) << type;

    QJsonObject o = object(berlinRun());
    o.insert(QStringLiteral("sport_type"), QStringLiteral("Underwater Hockey"));
    auto mapped = activityFromSummary(o, 1);
    ASSERT_TRUE(mapped.ok());
    EXPECT_EQ(mapped->activity.sport, Sport::Other);
    EXPECT_EQ(mapped->activity.subSport, QStringLiteral("Underwater Hockey"));
    EXPECT_EQ(mapped->link.sportType, QStringLiteral("Underwater Hockey"));
}

TEST(StravaMapping, PrivateAndManualActivitiesAreMarked)
{
    QJsonObject o = object(berlinRun());
    o.insert(QStringLiteral("visibility"), QStringLiteral("only_me"));
    o.insert(QStringLiteral("manual"), true);
    auto mapped = activityFromSummary(o, 1);
    ASSERT_TRUE(mapped.ok());
    EXPECT_TRUE(mapped->link.isPrivate);
    EXPECT_TRUE(mapped->link.manual);
    EXPECT_EQ(mapped->link.streams, StravaStreams::None); // a manual entry has no recording to fetch
}

TEST(StravaMapping, AnEntryWithoutIdOrStartIsAnErrorNotACrash)
{
    QJsonObject o = object(berlinRun());
    o.remove(QStringLiteral("id"));
    EXPECT_FALSE(activityFromSummary(o, 1).ok());
    o = object(berlinRun());
    o.insert(QStringLiteral("start_date"), QStringLiteral("yesterday"));
    EXPECT_FALSE(activityFromSummary(o, 1).ok());
    EXPECT_FALSE(activityFromSummary(QJsonObject(), 1).ok());
}

TEST(StravaMapping, StreamsKeyedByTypeBecomeChannelsAndMissingOnesStayAbsent)
{
    const QByteArray json = R"({
      "time":{"data":[0,1,2,4],"series_type":"distance","original_size":4,"resolution":"high"},
      "distance":{"data":[0.0,3.1,6.3,12.5],"series_type":"distance","original_size":4,"resolution":"high"},
      "latlng":{"data":[[52.52,13.40],[52.5201,13.4001],[52.5202,13.4002],[52.5203,13.4003]]},
      "heartrate":{"data":[120,122,null,130]},
      "moving":{"data":[true,true,true,true]}})";
    auto streams = streamsFromJson(QJsonDocument::fromJson(json).object());
    ASSERT_TRUE(streams.ok());
    EXPECT_EQ(streams->time, (std::vector<double>{0, 1, 2, 4}));
    const std::vector<double>* distance = streams->get(Channel::Distance);
    const std::vector<double>* hr = streams->get(Channel::HeartRate);
    const std::vector<double>* lat = streams->get(Channel::Latitude);
    const std::vector<double>* lng = streams->get(Channel::Longitude);
    ASSERT_TRUE(distance && hr && lat && lng);
    EXPECT_DOUBLE_EQ(distance->back(), 12.5);
    EXPECT_TRUE(isMissing(hr->at(2))); // a gap, never a zero
    EXPECT_DOUBLE_EQ(lat->at(1), 52.5201);
    EXPECT_DOUBLE_EQ(lng->at(3), 13.4003);
    EXPECT_FALSE(streams->has(Channel::Power)); // no power meter: no channel at all
    EXPECT_FALSE(streams->has(Channel::Cadence));
}

TEST(StravaMapping, StreamsAsAnArrayReadTheSame)
{
    const QByteArray keyed = R"({"time":{"data":[0,1,2]},"watts":{"data":[200,210,205]}})";
    const QByteArray array = R"([{"type":"time","data":[0,1,2]},{"type":"watts","data":[200,210,205]}])";
    auto a = streamsFromJson(QJsonDocument::fromJson(keyed).object());
    auto b = streamsFromJson(QJsonDocument::fromJson(array).array());
    ASSERT_TRUE(a.ok());
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(*a, *b);
    const std::vector<double>* watts = a->get(Channel::Power);
    ASSERT_TRUE(watts);
    EXPECT_EQ(watts->at(1), 210);
}

TEST(StravaMapping, TimeThatRunsBackwardsIsRefused)
{
    const QByteArray json = R"({"time":{"data":[0,5,3]}})";
    EXPECT_FALSE(streamsFromJson(QJsonDocument::fromJson(json).object()).ok());
}
