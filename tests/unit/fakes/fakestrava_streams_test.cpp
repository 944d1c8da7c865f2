// FakeStrava's activity streams: consistent with the summary (checked by computing from the samples here),
// absent when the activity has no such sensor, none for manual activities, both response shapes.

#include "tests/unit/fakes/fakestravatestsupport.h"

#include <cmath>

namespace tricoach::fakes::testing {
namespace {

using Streams = StravaFixture;

const QString kAllKeys =
    QStringLiteral("time,distance,latlng,altitude,velocity_smooth,heartrate,cadence,watts,temp,moving,grade_smooth");

QJsonObject streamsOf(Http& http, const FakeStrava& strava, const QString& token, qint64 id, int* status = nullptr)
{
    const Reply r =
        http.get(apiUrl(strava, QStringLiteral("/activities/%1/streams").arg(id),
                        {{QStringLiteral("keys"), kAllKeys}, {QStringLiteral("key_by_type"), QStringLiteral("true")}}),
                 token);
    if (status)
        *status = r.status;
    return r.object();
}

QList<double> numbers(const QJsonObject& streams, const QString& type)
{
    QList<double> out;
    for (const QJsonValue& v : streams[type][QStringLiteral("data")].toArray())
        out.append(v.toDouble());
    return out;
}

TEST_F(Streams, SamplesAgreeWithTheSummary)
{
    strava.seed(kAthlete, 80, 21);
    const QString token = tokens().accessToken;
    int checked = 0, withPower = 0;
    for (const QJsonObject& a : strava.activities(kAthlete)) {
        if (a[QStringLiteral("manual")].toBool())
            continue;
        const qint64 id = a[QStringLiteral("id")].toInteger();
        int status = 0;
        const QJsonObject s = streamsOf(http, strava, token, id, &status);
        ASSERT_EQ(status, 200);
        const QList<double> time = numbers(s, QStringLiteral("time"));
        ASSERT_GT(time.size(), 10);
        for (auto it = s.begin(); it != s.end(); ++it) {
            EXPECT_EQ(it.value()[QStringLiteral("data")].toArray().size(), time.size()) << it.key().toStdString();
            EXPECT_EQ(it.value()[QStringLiteral("original_size")].toInt(), time.size());
            EXPECT_EQ(it.value()[QStringLiteral("resolution")].toString(), QStringLiteral("high"));
        }
        EXPECT_EQ(time.first(), 0);
        EXPECT_EQ(time.last(), a[QStringLiteral("elapsed_time")].toDouble());

        // Moving time: the seconds whose sample is flagged moving.
        const QJsonArray moving = s[QStringLiteral("moving")][QStringLiteral("data")].toArray();
        double movingSeconds = 0;
        for (qsizetype i = 1; i < time.size(); ++i)
            if (moving[i].toBool())
                movingSeconds += time[i] - time[i - 1];
        EXPECT_NEAR(movingSeconds, a[QStringLiteral("moving_time")].toDouble(), 2) << id;

        const double summaryDistance = a[QStringLiteral("distance")].toDouble();
        if (summaryDistance > 0) {
            const QList<double> distance = numbers(s, QStringLiteral("distance"));
            double travelled = 0;
            for (qsizetype i = 1; i < distance.size(); ++i) {
                EXPECT_GE(distance[i], distance[i - 1]);
                travelled += distance[i] - distance[i - 1];
            }
            EXPECT_NEAR(travelled, summaryDistance, 1.0) << id;
        } else {
            EXPECT_FALSE(s.contains(QStringLiteral("distance")));
        }

        auto movingMean = [&](const QString& type) {
            const QList<double> values = numbers(s, type);
            double sum = 0;
            int n = 0;
            for (qsizetype i = 1; i < values.size(); ++i)
                if (moving[i].toBool()) {
                    sum += values[i];
                    ++n;
                }
            return n ? sum / n : 0.0;
        };
        if (a[QStringLiteral("has_heartrate")].toBool())
            EXPECT_NEAR(movingMean(QStringLiteral("heartrate")), a[QStringLiteral("average_heartrate")].toDouble(), 3)
                << id;
        else
            EXPECT_FALSE(s.contains(QStringLiteral("heartrate")));
        if (a[QStringLiteral("device_watts")].toBool()) {
            ++withPower;
            EXPECT_NEAR(movingMean(QStringLiteral("watts")), a[QStringLiteral("average_watts")].toDouble(),
                        0.05 * a[QStringLiteral("average_watts")].toDouble())
                << id;
        } else {
            EXPECT_FALSE(s.contains(QStringLiteral("watts"))) << "estimated power has no stream";
        }
        if (a[QStringLiteral("start_latlng")].toArray().isEmpty())
            EXPECT_FALSE(s.contains(QStringLiteral("latlng")));
        else
            EXPECT_EQ(s[QStringLiteral("latlng")][QStringLiteral("data")][0].toArray(),
                      a[QStringLiteral("start_latlng")].toArray());
        ++checked;
    }
    EXPECT_GT(checked, 50);
    EXPECT_GT(withPower, 3);
    EXPECT_EQ(strava.counters().streamCalls, checked);
}

TEST_F(Streams, IndoorRideHasNoPositionAndManualHasNoStreams)
{
    const qint64 indoor = strava.addActivity(kAthlete, {{QStringLiteral("sport_type"), QStringLiteral("Ride")},
                                                        {QStringLiteral("trainer"), true},
                                                        {QStringLiteral("has_heartrate"), false}});
    const QString token = tokens().accessToken;
    const QJsonObject s = streamsOf(http, strava, token, indoor);
    EXPECT_TRUE(s.contains(QStringLiteral("time")));
    EXPECT_FALSE(s.contains(QStringLiteral("latlng")));
    EXPECT_FALSE(s.contains(QStringLiteral("heartrate")));

    const qint64 manual = strava.addActivity(
        kAthlete, {{QStringLiteral("sport_type"), QStringLiteral("Run")}, {QStringLiteral("manual"), true}});
    const QJsonObject summary = strava.activities(kAthlete).first();
    EXPECT_EQ(summary[QStringLiteral("id")].toInteger(), manual);
    EXPECT_FALSE(summary[QStringLiteral("has_heartrate")].toBool());
    EXPECT_TRUE(summary[QStringLiteral("upload_id")].isNull());
    int status = 0;
    streamsOf(http, strava, token, manual, &status);
    EXPECT_EQ(status, 404);
}

TEST_F(Streams, WithoutKeyByTypeAnArrayOfTypedStreamsWithDistanceAlwaysIncluded)
{
    const qint64 id = strava.addActivity(
        kAthlete, {{QStringLiteral("sport_type"), QStringLiteral("Run")}, {QStringLiteral("has_heartrate"), true}});
    const Reply r = http.get(apiUrl(strava, QStringLiteral("/activities/%1/streams").arg(id),
                                    {{QStringLiteral("keys"), QStringLiteral("time,heartrate")}}),
                             tokens().accessToken);
    ASSERT_EQ(r.status, 200);
    QStringList types;
    for (const QJsonValue& v : r.array()) {
        types << v[QStringLiteral("type")].toString();
        EXPECT_EQ(v[QStringLiteral("series_type")].toString(), QStringLiteral("distance"));
    }
    types.sort();
    EXPECT_EQ(types, (QStringList{QStringLiteral("distance"), QStringLiteral("heartrate"), QStringLiteral("time")}));
}

TEST_F(Streams, TheSameSeedGivesTheSameSamples)
{
    strava.seed(kAthlete, 10, 99);
    FakeStrava other;
    ASSERT_TRUE(other.start());
    other.addApp(QStringLiteral("54321"), QStringLiteral("s3cret"));
    other.addAthlete(kAthlete, QStringLiteral("Anna"), QStringLiteral("Berg"));
    other.setVirtualNow(strava.virtualNow());
    other.seed(kAthlete, 10, 99);
    const qint64 id = strava.activities(kAthlete)[2][QStringLiteral("id")].toInteger();
    ASSERT_EQ(other.activities(kAthlete)[2][QStringLiteral("id")].toInteger(), id);
    const QString mine = tokens().accessToken;
    const QString theirs =
        other.grant(QStringLiteral("54321"), kAthlete, {QStringLiteral("activity:read_all")}).accessToken;
    EXPECT_EQ(streamsOf(http, strava, mine, id), streamsOf(http, other, theirs, id));
}

} // namespace
} // namespace tricoach::fakes::testing
