// The compact stream encoding: recorded resolutions as delta varints, the float fallback, missing samples,
// damaged input.
#include "core/store/streamcodec.h"

#include <cmath>
#include <gtest/gtest.h>
#include <random>

using namespace tricoach;
using namespace tricoach::store;

namespace {

std::vector<double> roundTrip(int channel, const std::vector<double>& values, char expectedTag)
{
    const QByteArray encoded = encodeSeries(channel, values);
    EXPECT_EQ(encoded.front(), expectedTag) << channel;
    const auto decoded = decodeSeries(channel, encoded);
    EXPECT_TRUE(decoded.has_value());
    EXPECT_EQ(decoded ? decoded->size() : 0, values.size());
    return decoded.value_or(std::vector<double>{});
}

void expectClose(const std::vector<double>& got, const std::vector<double>& want)
{
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        if (std::isnan(want[i])) {
            EXPECT_TRUE(std::isnan(got[i])) << i;
            continue;
        }
        EXPECT_NEAR(got[i], want[i], kRoundTripTolerance * std::max(1.0, std::fabs(want[i]))) << i;
    }
}

} // namespace

TEST(StreamCodec, FitResolutionsQuantizeExactly)
{
    // Values as a FIT reader computes them from raw integers: distance /100, speed /1000, altitude /5 − 500,
    // position × 180/2^31, time in whole seconds.
    std::vector<double> distance, speed, altitude, lat, time;
    for (int raw = 0; raw < 5000; ++raw) {
        distance.push_back((123456 + raw * 731) / 100.0);
        speed.push_back((3000 + raw % 977) / 1000.0);
        altitude.push_back((2500 + raw % 311) / 5.0 - 500);
        lat.push_back((565000000 + raw * 117) * (180.0 / 2147483648.0));
        time.push_back(raw);
    }
    distance[7] = kMissing;
    const auto d = roundTrip(int(Channel::Distance), distance, 'Q');
    for (std::size_t i = 0; i < distance.size(); ++i) {
        if (i != 7) {
            EXPECT_EQ(d[i], distance[i]) << i; // the same division as the reader: bit-exact
        }
    }
    EXPECT_TRUE(std::isnan(d[7]));
    expectClose(roundTrip(int(Channel::Speed), speed, 'Q'), speed);
    expectClose(roundTrip(int(Channel::Altitude), altitude, 'Q'), altitude);
    expectClose(roundTrip(int(Channel::Latitude), lat, 'Q'), lat);
    expectClose(roundTrip(kTimeChannel, time, 'Q'), time);
}

TEST(StreamCodec, DecimalTextValuesQuantize)
{
    const std::vector<double> gpx{47.376887123, 47.3768875, -122.4194155, 0.000001, kMissing, 179.999999999};
    expectClose(roundTrip(int(Channel::Latitude), gpx, 'Q'), gpx);
    expectClose(roundTrip(int(Channel::Longitude), gpx, 'Q'), gpx);
}

TEST(StreamCodec, ValuesWithoutAResolutionFallBackToExactFloats)
{
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> any(-1e3, 1e3);
    std::vector<double> values;
    for (int i = 0; i < 1000; ++i)
        values.push_back(any(rng));
    values.push_back(kMissing);
    values.push_back(std::numeric_limits<double>::infinity());
    values.push_back(1e300);
    const auto decoded = roundTrip(int(Channel::Power), values, 'F');
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (std::isnan(values[i]))
            EXPECT_TRUE(std::isnan(decoded[i]));
        else
            EXPECT_EQ(decoded[i], values[i]);
    }
}

TEST(StreamCodec, SmoothSeriesTakeAboutAByteASample)
{
    std::vector<double> hr, distance;
    for (int i = 0; i < 3600; ++i) {
        hr.push_back(140 + std::round(10 * std::sin(i / 200.0)));
        distance.push_back(std::round(i * 345.0) / 100.0); // 3.45 m/s in centimetres
    }
    EXPECT_LE(encodeSeries(int(Channel::HeartRate), hr).size(), 3600 + 8);
    EXPECT_LE(encodeSeries(int(Channel::Distance), distance).size(), 2 * 3600 + 8);
    EXPECT_LE(encodeSeries(int(Channel::HeartRate), std::vector<double>(3600, kMissing)).size(), 3600 + 8);
}

TEST(StreamCodec, EmptySeriesRoundTrips)
{
    const auto decoded = decodeSeries(kTimeChannel, encodeSeries(kTimeChannel, {}));
    ASSERT_TRUE(decoded.has_value());
    EXPECT_TRUE(decoded->empty());
}

TEST(StreamCodec, DamagedDataIsRejected)
{
    EXPECT_FALSE(decodeSeries(kTimeChannel, QByteArray()).has_value());
    EXPECT_FALSE(decodeSeries(kTimeChannel, QByteArrayLiteral("Xgarbage")).has_value()); // unknown tag
    const QByteArray good = encodeSeries(kTimeChannel, {1, 2, 3, 400000});
    EXPECT_TRUE(decodeSeries(kTimeChannel, good).has_value());
    EXPECT_FALSE(decodeSeries(kTimeChannel, good.left(good.size() - 1)).has_value()); // cut varint
    EXPECT_FALSE(decodeSeries(kTimeChannel, good + '\x01').has_value());              // trailing bytes
    EXPECT_FALSE(decodeSeries(kTimeChannel, QByteArrayLiteral("Q\xff\xff\xff\xff\x0f\x00\x01")).has_value());
    EXPECT_FALSE(decodeSeries(kTimeChannel, QByteArrayLiteral("Q\x01\x7f\x01")).has_value()); // no such scale
    EXPECT_FALSE(decodeSeries(kTimeChannel, QByteArray(1, 'F') + qCompress(QByteArray(12, '\1'))).has_value());
    QByteArray bomb(1, 'F');
    bomb += QByteArray::fromHex("7fffffff") + QByteArray(8, '\0'); // claims 2 GiB
    EXPECT_FALSE(decodeSeries(kTimeChannel, bomb).has_value());
}
