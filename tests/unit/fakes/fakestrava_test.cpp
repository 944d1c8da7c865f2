// FakeStrava's API (developers.strava.com/docs/reference) through a real QNetworkAccessManager: the athlete,
// activity lists and their paging and order, detail, streams consistent with the summary, scopes, edits.

#include "tests/unit/fakes/fakestravatestsupport.h"

#include <QSet>

#include <cmath>

namespace tricoach::fakes::testing {
namespace {

using Api = StravaFixture;

QJsonArray page(Http& http, const FakeStrava& strava, const QString& token, int number, int perPage,
                const QList<QPair<QString, QString>>& more = {})
{
    QList<QPair<QString, QString>> query{{QStringLiteral("page"), QString::number(number)},
                                         {QStringLiteral("per_page"), QString::number(perPage)}};
    query += more;
    const Reply r = http.get(apiUrl(strava, QStringLiteral("/athlete/activities"), query), token);
    EXPECT_EQ(r.status, 200) << r.body.toStdString();
    return r.array();
}

TEST_F(Api, AthleteIsTheDetailedAthlete)
{
    const Reply r = http.get(apiUrl(strava, QStringLiteral("/athlete")), tokens().accessToken);
    ASSERT_EQ(r.status, 200);
    const QJsonObject a = r.object();
    EXPECT_EQ(a[QStringLiteral("id")].toInteger(), kAthlete);
    EXPECT_EQ(a[QStringLiteral("firstname")].toString(), QStringLiteral("Anna"));
    EXPECT_EQ(a[QStringLiteral("resource_state")].toInt(), 3);
    EXPECT_TRUE(a.contains(QStringLiteral("created_at")));
}

TEST_F(Api, PagesCoverEveryActivityOnceThenComeBackEmpty)
{
    strava.seed(kAthlete, 450, 7);
    const QString token = tokens().accessToken;
    QSet<qint64> seen;
    qint64 previousStart = std::numeric_limits<qint64>::max();
    int nonEmpty = 0;
    for (int n = 1; n <= 10; ++n) {
        const QJsonArray items = page(http, strava, token, n, 500); // more than 200 acts as 200
        if (items.isEmpty())
            break;
        ++nonEmpty;
        EXPECT_LE(items.size(), 200);
        for (const QJsonValue& v : items) {
            const qint64 start =
                QDateTime::fromString(v[QStringLiteral("start_date")].toString(), Qt::ISODate).toSecsSinceEpoch();
            EXPECT_LE(start, previousStart) << "newest first";
            previousStart = start;
            seen.insert(v[QStringLiteral("id")].toInteger());
        }
    }
    EXPECT_EQ(nonEmpty, 3); // ceil(450 / 200)
    EXPECT_EQ(seen.size(), 450);
    EXPECT_EQ(page(http, strava, token, 1, 0).size(), 30) << "per_page defaults to 30";
    EXPECT_EQ(strava.counters().listCalls, 5);
}

TEST_F(Api, WithAfterTheOldestComeFirst)
{
    strava.seed(kAthlete, 120, 3);
    const QList<QJsonObject> truth = strava.activities(kAthlete);
    const QDateTime cut = QDateTime::fromString(truth[40][QStringLiteral("start_date")].toString(), Qt::ISODate);
    const QJsonArray items = page(http, strava, tokens().accessToken, 1, 200,
                                  {{QStringLiteral("after"), QString::number(cut.toSecsSinceEpoch())}});
    ASSERT_EQ(items.size(), 40);
    qint64 previous = cut.toSecsSinceEpoch();
    for (const QJsonValue& v : items) {
        const qint64 start =
            QDateTime::fromString(v[QStringLiteral("start_date")].toString(), Qt::ISODate).toSecsSinceEpoch();
        EXPECT_GT(start, previous);
        previous = start;
    }
    const QJsonArray before = page(http, strava, tokens().accessToken, 1, 200,
                                   {{QStringLiteral("before"), QString::number(cut.toSecsSinceEpoch())}});
    EXPECT_EQ(before.size(), 120 - 41);
}

TEST_F(Api, IdsAreBeyond32BitsAndUploadIdsBeyondDoubles)
{
    strava.seed(kAthlete, 60, 11);
    const Reply r = http.get(
        apiUrl(strava, QStringLiteral("/athlete/activities"), {{QStringLiteral("per_page"), QStringLiteral("60")}}),
        tokens().accessToken);
    // Read the raw text: a JSON parser that goes through double would already have rounded.
    const QRegularExpression pair(QStringLiteral("\"upload_id\":(\\d+),\"upload_id_str\":\"(\\d+)\""));
    int uploads = 0;
    for (auto it = pair.globalMatch(QString::fromUtf8(r.body)); it.hasNext();) {
        const auto m = it.next();
        EXPECT_EQ(m.captured(1), m.captured(2));
        const qint64 exact = m.captured(2).toLongLong();
        EXPECT_GT(exact, qint64(1) << 53);
        EXPECT_NE(static_cast<qint64>(static_cast<double>(exact)), exact) << "not representable as a double";
        ++uploads;
    }
    EXPECT_GT(uploads, 40);
    for (const QJsonValue& v : r.array())
        EXPECT_GT(v[QStringLiteral("id")].toInteger(), qint64(1) << 32);
    // Ids grow with the start time but are not contiguous.
    const QList<QJsonObject> truth = strava.activities(kAthlete);
    for (qsizetype i = 1; i < truth.size(); ++i) {
        EXPECT_LT(truth[i][QStringLiteral("id")].toInteger(), truth[i - 1][QStringLiteral("id")].toInteger());
        EXPECT_GT(truth[i - 1][QStringLiteral("id")].toInteger() - truth[i][QStringLiteral("id")].toInteger(), 1);
    }
}

TEST_F(Api, HistoryIsVariedLikeARealAthletes)
{
    strava.seed(kAthlete, 400, 5);
    QSet<QString> sports, zones;
    int manual = 0, hidden = 0, estimatedPower = 0, devicePower = 0, halfHourZones = 0;
    for (const QJsonObject& a : strava.activities(kAthlete)) {
        sports.insert(a[QStringLiteral("sport_type")].toString());
        zones.insert(a[QStringLiteral("timezone")].toString());
        const qint64 offset =
            QDateTime::fromString(a[QStringLiteral("start_date_local")].toString().chopped(1), Qt::ISODate)
                .toSecsSinceEpoch() -
            QDateTime::fromString(a[QStringLiteral("start_date")].toString().chopped(1), Qt::ISODate)
                .toSecsSinceEpoch();
        EXPECT_EQ(offset, a[QStringLiteral("utc_offset")].toInteger());
        halfHourZones += offset % 3600 != 0;
        manual += a[QStringLiteral("manual")].toBool();
        hidden += a[QStringLiteral("private")].toBool() && a[QStringLiteral("visibility")] == QStringLiteral("only_me");
        if (a.contains(QStringLiteral("device_watts")))
            (a[QStringLiteral("device_watts")].toBool() ? devicePower : estimatedPower) += 1;
        if (a[QStringLiteral("sport_type")] == QStringLiteral("Run") && !a[QStringLiteral("manual")].toBool()) {
            const double paceMinPerKm =
                a[QStringLiteral("moving_time")].toDouble() / 60 / (a[QStringLiteral("distance")].toDouble() / 1000);
            EXPECT_GE(paceMinPerKm, 4.0);
            EXPECT_LE(paceMinPerKm, 6.0);
        }
    }
    EXPECT_GE(sports.size(), 10);
    EXPECT_GE(zones.size(), 3);
    EXPECT_GT(halfHourZones, 0);
    EXPECT_GT(manual, 0);
    EXPECT_GT(hidden, 0);
    EXPECT_GT(estimatedPower, 0);
    EXPECT_GT(devicePower, 0);
}

TEST_F(Api, PrivateActivitiesNeedReadAll)
{
    strava.seed(kAthlete, 200, 9);
    int privateCount = 0;
    for (const QJsonObject& a : strava.activities(kAthlete))
        privateCount += a[QStringLiteral("private")].toBool();
    ASSERT_GT(privateCount, 0);
    const QString readOnly = tokens({QStringLiteral("activity:read")}).accessToken;
    const QJsonArray visible = page(http, strava, readOnly, 1, 200);
    EXPECT_EQ(visible.size(), 200 - privateCount);
    for (const QJsonValue& v : visible)
        EXPECT_FALSE(v[QStringLiteral("private")].toBool());
    EXPECT_EQ(page(http, strava, tokens().accessToken, 1, 200).size(), 200);

    const Reply none = http.get(apiUrl(strava, QStringLiteral("/athlete/activities")), tokens({}).accessToken);
    EXPECT_EQ(none.status, 401);
    EXPECT_EQ(none.object()[QStringLiteral("errors")][0][QStringLiteral("field")].toString(),
              QStringLiteral("activity:read_permission"));
}

TEST_F(Api, AnotherAthletesOrADeletedActivityIsNotFound)
{
    strava.seed(kAthlete, 5, 1);
    strava.addAthlete(77, QStringLiteral("Carl"), QStringLiteral("Dahl"));
    strava.seed(77, 5, 2);
    const qint64 foreign = strava.activities(77).first()[QStringLiteral("id")].toInteger();
    const Reply r = http.get(apiUrl(strava, QStringLiteral("/activities/%1").arg(foreign)), tokens().accessToken);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.object()[QStringLiteral("message")].toString(), QStringLiteral("Record Not Found"));
    const qint64 own = strava.activities(kAthlete).first()[QStringLiteral("id")].toInteger();
    EXPECT_EQ(http.get(apiUrl(strava, QStringLiteral("/activities/%1").arg(own)), tokens().accessToken).status, 200);
    ASSERT_TRUE(strava.deleteActivity(own));
    EXPECT_EQ(http.get(apiUrl(strava, QStringLiteral("/activities/%1").arg(own)), tokens().accessToken).status, 404);
    EXPECT_EQ(page(http, strava, tokens().accessToken, 1, 30).size(), 4);
}

TEST_F(Api, EditsAndNewActivitiesShowOnTheNextSync)
{
    strava.seed(kAthlete, 20, 4);
    qint64 id = 0;
    for (const QJsonObject& a : strava.activities(kAthlete))
        if (!a[QStringLiteral("manual")].toBool() && a[QStringLiteral("distance")].toDouble() > 0)
            id = a[QStringLiteral("id")].toInteger();
    ASSERT_NE(id, 0);
    ASSERT_TRUE(strava.editActivity(id, {{QStringLiteral("name"), QStringLiteral("Renamed")},
                                         {QStringLiteral("sport_type"), QStringLiteral("TrailRun")},
                                         {QStringLiteral("distance"), 12345.6}}));
    const QJsonObject detail =
        http.get(apiUrl(strava, QStringLiteral("/activities/%1").arg(id)), tokens().accessToken).object();
    EXPECT_EQ(detail[QStringLiteral("name")].toString(), QStringLiteral("Renamed"));
    EXPECT_EQ(detail[QStringLiteral("sport_type")].toString(), QStringLiteral("TrailRun"));
    EXPECT_EQ(detail[QStringLiteral("type")].toString(), QStringLiteral("Run"));
    EXPECT_DOUBLE_EQ(detail[QStringLiteral("distance")].toDouble(), 12345.6);
    EXPECT_EQ(detail[QStringLiteral("resource_state")].toInt(), 3);
    // The samples follow the corrected distance.
    const QJsonObject streams = http.get(apiUrl(strava, QStringLiteral("/activities/%1/streams").arg(id),
                                                {{QStringLiteral("keys"), QStringLiteral("distance")},
                                                 {QStringLiteral("key_by_type"), QStringLiteral("true")}}),
                                         tokens().accessToken)
                                    .object();
    EXPECT_DOUBLE_EQ(streams[QStringLiteral("distance")][QStringLiteral("data")].toArray().last().toDouble(), 12345.6);

    const qint64 added = strava.addActivity(kAthlete, {{QStringLiteral("sport_type"), QStringLiteral("Swim")}});
    const QJsonArray first = page(http, strava, tokens().accessToken, 1, 1);
    ASSERT_EQ(first.size(), 1);
    EXPECT_EQ(first[0][QStringLiteral("id")].toInteger(), added);
    EXPECT_EQ(first[0][QStringLiteral("sport_type")].toString(), QStringLiteral("Swim"));
}

TEST_F(Api, BothPathPrefixesServeTheApi)
{
    const QString token = tokens().accessToken;
    QUrl bare = strava.oauthBase();
    bare.setPath(QStringLiteral("/athlete"));
    EXPECT_EQ(http.get(bare, token).status, 200);
    EXPECT_EQ(http.get(apiUrl(strava, QStringLiteral("/athlete")), token).status, 200);
    const QList<FakeStrava::LoggedRequest> log = strava.requests();
    ASSERT_EQ(log.size(), 2);
    EXPECT_EQ(log[0].path, QStringLiteral("/athlete"));
    EXPECT_EQ(log[1].path, QStringLiteral("/athlete"));
}

TEST_F(Api, ParametersThatAreNotNumbersAre400)
{
    const Reply r = http.get(
        apiUrl(strava, QStringLiteral("/athlete/activities"), {{QStringLiteral("per_page"), QStringLiteral("many")}}),
        tokens().accessToken);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.object()[QStringLiteral("errors")][0][QStringLiteral("field")].toString(), QStringLiteral("per_page"));
}

TEST_F(Api, MissingOrUnknownTokensAre401)
{
    Reply r = http.get(apiUrl(strava, QStringLiteral("/athlete")));
    EXPECT_EQ(r.status, 401);
    r = http.get(apiUrl(strava, QStringLiteral("/athlete")), QStringLiteral("0123456789abcdef"));
    EXPECT_EQ(r.status, 401);
    const QJsonObject error = r.object()[QStringLiteral("errors")][0].toObject();
    EXPECT_EQ(error[QStringLiteral("resource")].toString(), QStringLiteral("Athlete"));
    EXPECT_EQ(error[QStringLiteral("field")].toString(), QStringLiteral("access_token"));
}

} // namespace
} // namespace tricoach::fakes::testing
