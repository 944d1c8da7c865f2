// The compact stream encoding: widths per channel, missing samples, damaged input.
#include "core/store/streamcodec.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace tricoach;
using namespace tricoach::store;

TEST(StreamCodec, TimeDistanceAndPositionKeepFullPrecision)
{
    const std::vector<double> values{0, 0.1, 47.376887123456789, -122.4194155, 1e9 + 0.001, kMissing};
    for (int channel : {kTimeChannel, int(Channel::Distance), int(Channel::Latitude), int(Channel::Longitude)}) {
        EXPECT_EQ(sampleWidth(channel), 8);
        const auto decoded = decodeSeries(channel, encodeSeries(channel, values));
        ASSERT_TRUE(decoded.has_value());
        ASSERT_EQ(decoded->size(), values.size());
        for (std::size_t i = 0; i + 1 < values.size(); ++i)
            EXPECT_EQ((*decoded)[i], values[i]) << channel;
        EXPECT_TRUE(std::isnan(decoded->back()));
    }
}

TEST(StreamCodec, OtherChannelsAreFloat32)
{
    const std::vector<double> values{150, 0.1, kMissing, -3.5, 1e300};
    for (Channel c : {Channel::HeartRate, Channel::Power, Channel::Cadence, Channel::Speed, Channel::Altitude,
                      Channel::Temperature}) {
        const int channel = int(c);
        EXPECT_EQ(sampleWidth(channel), 4);
        const QByteArray encoded = encodeSeries(channel, values);
        const auto decoded = decodeSeries(channel, encoded);
        ASSERT_TRUE(decoded.has_value());
        ASSERT_EQ(decoded->size(), values.size());
        EXPECT_EQ((*decoded)[0], 150);
        EXPECT_EQ((*decoded)[1], double(0.1f)); // rounded to float, not kept as double
        EXPECT_NE((*decoded)[1], 0.1);
        EXPECT_TRUE(std::isnan((*decoded)[2]));
        EXPECT_EQ((*decoded)[3], -3.5);
        EXPECT_TRUE(std::isinf((*decoded)[4])); // beyond float's range saturates
    }
}

TEST(StreamCodec, EncodingIsLittleEndianZlib)
{
    const QByteArray raw = qUncompress(encodeSeries(int(Channel::Power), {1.0}));
    ASSERT_EQ(raw.size(), 4);
    // 1.0f is 0x3f800000: least significant byte first.
    EXPECT_EQ(raw, QByteArray::fromHex("0000803f"));
}

TEST(StreamCodec, RepetitiveSeriesCompress)
{
    std::vector<double> hr(3600, 140.0);
    EXPECT_LT(encodeSeries(int(Channel::HeartRate), hr).size(), 3600 * 4 / 10);
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
    EXPECT_FALSE(decodeSeries(kTimeChannel, QByteArrayLiteral("\x00\x00\x01\x00garbage")).has_value());
    // Whole zlib data, but not a whole number of samples.
    EXPECT_FALSE(decodeSeries(kTimeChannel, qCompress(QByteArray(12, '\1'))).has_value());
    EXPECT_FALSE(decodeSeries(int(Channel::Power), qCompress(QByteArray(7, '\1'))).has_value());
}
