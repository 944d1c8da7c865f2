// The compact series encoding: recorded resolutions as predicted varints with runs, the float fallback, missing
// samples, the earlier 'Q' format, damaged input. The blob of all series is in streamblob_test.cpp.
#include "core/store/streamcodec.h"
#include "tests/unit/core/store/streamcodectestsupport.h"

#include <QtEndian>

#include <cmath>
#include <gtest/gtest.h>
#include <random>

using namespace tricoach;
using namespace tricoach::store;
using namespace tricoach::store::test;

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

constexpr double kSemicircle = 180.0 / 2147483648.0;
constexpr std::array<double, 10> kDecimals{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

// A random walk on the grid of `resolution`, as readers compute its values, with single and long gaps.
std::vector<double> randomSeries(std::mt19937_64& rng, std::size_t n, double resolution, double start, int step)
{
    std::uniform_int_distribution<int> delta(-step, step);
    std::uniform_int_distribution<int> gap(0, 99);
    std::vector<double> values;
    auto q = static_cast<std::int64_t>(std::llround(start / resolution));
    for (std::size_t i = 0; i < n; ++i) {
        q += delta(rng);
        const int g = gap(rng);
        if (g == 0) {
            values.push_back(kMissing);
        } else if (g == 1) {
            values.insert(values.end(), std::min<std::size_t>(n - values.size(), 300), kMissing);
            i = values.size() - 1;
        } else {
            values.push_back(resolution < 1 && 1 / resolution == std::round(1 / resolution)
                                 ? static_cast<double>(q) / std::round(1 / resolution) // as readers compute
                                 : static_cast<double>(q) * resolution);
        }
    }
    values.resize(n);
    return values;
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
    const auto d = roundTrip(int(Channel::Distance), distance, 'D');
    for (std::size_t i = 0; i < distance.size(); ++i) {
        if (i != 7) {
            EXPECT_EQ(d[i], distance[i]) << i; // the same division as the reader: bit-exact
        }
    }
    EXPECT_TRUE(std::isnan(d[7]));
    expectClose(roundTrip(int(Channel::Speed), speed, 'D'), speed);
    expectClose(roundTrip(int(Channel::Altitude), altitude, 'D'), altitude);
    expectClose(roundTrip(int(Channel::Latitude), lat, 'D'), lat);
    expectClose(roundTrip(kTimeChannel, time, 'D'), time);
}

TEST(StreamCodec, DecimalTextValuesQuantize)
{
    const std::vector<double> gpx{47.376887123, 47.3768875, -122.4194155, 0.000001, kMissing, 179.999999999};
    expectClose(roundTrip(int(Channel::Latitude), gpx, 'D'), gpx);
    expectClose(roundTrip(int(Channel::Longitude), gpx, 'D'), gpx);
}

TEST(StreamCodec, RandomSeriesAtEveryScaleRoundTrip)
{
    std::mt19937_64 rng(7);
    // Lengths around the encoder's chunks and blocks, steps of one and two bytes, the semicircle and each decimal.
    for (std::size_t n : {1, 2, 3, 15, 16, 17, 63, 64, 65, 255, 256, 257, 1000, 4099}) {
        for (int step : {1, 40, 3000}) {
            for (double scale : kDecimals) {
                const auto values = randomSeries(rng, n, 1 / scale, 1234.5, step);
                expectClose(roundTrip(int(Channel::Power), values, 'D'), values);
            }
            const auto lat = randomSeries(rng, n, kSemicircle, -33.9, step);
            expectClose(roundTrip(int(Channel::Latitude), lat, 'D'), lat);
        }
    }
}

TEST(StreamCodec, NoisyLinearAndConstantSeriesRoundTrip)
{
    std::mt19937_64 rng(11);
    std::normal_distribution<double> noise(0, 25);
    std::vector<double> noisy, linear, constant;
    for (int i = 0; i < 3000; ++i) {
        noisy.push_back(std::round(250 + noise(rng)));
        linear.push_back(1000 + i * 0.25); // quarter-second steps
        constant.push_back(-12.5);
    }
    expectClose(roundTrip(int(Channel::Power), noisy, 'D'), noisy);
    expectClose(roundTrip(kTimeChannel, linear, 'D'), linear);
    expectClose(roundTrip(int(Channel::Temperature), constant, 'D'), constant);
    // Order 2 for the line, 1 for the noise (the byte after tag, count and scale).
    EXPECT_EQ(encodeSeries(kTimeChannel, linear)[4], 2);
    EXPECT_EQ(encodeSeries(int(Channel::Power), noisy)[4], 1);
}

TEST(StreamCodec, ValuesNearTheQuantizationLimitsRoundTrip)
{
    // |v·scale| just below 2^51 quantizes; the encoder's quick checks disagree across chunks (another 2^29 block,
    // a sign change) and hand those to the exact check.
    const double big = 2251799813685247.0; // 2^51 − 1
    std::vector<double> values{big, -big, 0, big - 1, 536870911, 536870912, -1, 1, -536870912};
    for (int i = 0; i < 600; ++i)
        values.push_back((i % 2 ? 1 : -1) * (536870900.0 + i));
    expectClose(roundTrip(int(Channel::Distance), values, 'D'), values);
    // Beyond 2^51 no integer grid is exact enough: floats, bit for bit.
    const std::vector<double> beyond{4503599627370496.0, 1, 2};
    EXPECT_EQ(roundTrip(int(Channel::Distance), beyond, 'F'), beyond);
    // Off the grid by less than the tolerance quantizes (within it); by more, a finer scale is used.
    const std::vector<double> close{1.5 + 1e-13, 2.5, 3.5 - 1e-13};
    EXPECT_EQ(encodeSeries(int(Channel::Speed), close)[2], 1); // scale index 1: tenths
    expectClose(roundTrip(int(Channel::Speed), close, 'D'), close);
    const std::vector<double> finer{1.5 + 1e-9, 2.5};
    EXPECT_EQ(encodeSeries(int(Channel::Speed), finer)[2], 9); // billionths
    expectClose(roundTrip(int(Channel::Speed), finer, 'D'), finer);
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
    // One infinity among recorded values, late in a long series, is enough.
    std::vector<double> hr(2000, 140.0);
    hr[1999] = -std::numeric_limits<double>::infinity();
    EXPECT_EQ(roundTrip(int(Channel::HeartRate), hr, 'F'), hr);
}

TEST(StreamCodec, SmoothSeriesTakeWellUnderAByteASample)
{
    std::vector<double> hr, distance, time;
    for (int i = 0; i < 3600; ++i) {
        hr.push_back(140 + std::round(10 * std::sin(i / 200.0)));
        distance.push_back(std::round(i * 345.0) / 100.0); // 3.45 m/s in centimetres
        time.push_back(i);
    }
    EXPECT_LE(encodeSeries(int(Channel::HeartRate), hr).size(), 3600 / 2);
    EXPECT_LE(encodeSeries(int(Channel::Distance), distance).size(), 3600);
    // A line, a constant and a gap are a few tokens.
    EXPECT_LE(encodeSeries(kTimeChannel, time).size(), 12);
    EXPECT_LE(encodeSeries(int(Channel::Temperature), std::vector<double>(3600, 21.5)).size(), 10);
    EXPECT_LE(encodeSeries(int(Channel::HeartRate), std::vector<double>(3600, kMissing)).size(), 10);
    EXPECT_LE(encodeSeries(int(Channel::Temperature), std::vector<double>(100000, 21.5)).size(), 40);
}

TEST(StreamCodec, EmptyAndSingleSampleSeriesRoundTrip)
{
    const auto decoded = decodeSeries(kTimeChannel, encodeSeries(kTimeChannel, {}));
    ASSERT_TRUE(decoded.has_value());
    EXPECT_TRUE(decoded->empty());
    expectClose(roundTrip(int(Channel::Latitude), {47.1}, 'D'), {47.1});
    expectClose(roundTrip(int(Channel::HeartRate), {kMissing}, 'D'), {kMissing});
}

TEST(StreamCodec, TheFormatIsAsDocumented)
{
    // 'D', 11 samples at scale 1, order 2: 10 (+10 from 0), 11 (+1 from 10), then predicted twice (a run), a gap
    // that leaves the predictor alone, one predicted, +1 and −2 off the line, and three missing samples (a run).
    const auto d = decodeSeries(kTimeChannel, QByteArray::fromHex("44 0b 00 02  17 05 01 02 00 03 05 06 02 03"));
    ASSERT_TRUE(d.has_value());
    expectClose(*d, {10, 11, 12, 13, kMissing, 14, 16, 16, kMissing, kMissing, kMissing});
    // Order 1 at tenths: 2.5, then the same three more times.
    const auto c = decodeSeries(int(Channel::Speed), QByteArray::fromHex("44 04 01 01  35 01 03"));
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(*c, std::vector<double>(4, 2.5));
    // The longest run, first: predicted from nothing, zeros.
    EXPECT_EQ(decodeSeries(kTimeChannel, QByteArray::fromHex("44 ff7f 00 01  01 ff7f")),
              std::vector<double>(kMaxRun, 0.0));
}

TEST(StreamCodec, SeriesStoredBeforeStillDecode)
{
    // 'Q' at hundredths: 12.34, missing, 12.35, 12.30, 0, −0.01 as zig-zag differences + 1 (1234 → 2469).
    const auto q = decodeSeries(int(Channel::Distance), QByteArray::fromHex("51 06 02  a5 13 00 03 0a 9c 13 02"));
    ASSERT_TRUE(q.has_value());
    ASSERT_EQ(q->size(), 6u);
    EXPECT_EQ((*q)[0], 12.34);
    EXPECT_TRUE(std::isnan((*q)[1]));
    EXPECT_EQ((*q)[2], 12.35);
    EXPECT_EQ((*q)[3], 12.3);
    EXPECT_EQ((*q)[4], 0.0);
    EXPECT_EQ((*q)[5], -0.01);
    // 'F': qCompress of little-endian float64s.
    QByteArray raw(16, Qt::Uninitialized);
    qToLittleEndian(std::bit_cast<quint64>(0.1), raw.data());
    qToLittleEndian(std::bit_cast<quint64>(-7e300), raw.data() + 8);
    EXPECT_EQ(decodeSeries(int(Channel::Power), QByteArray(1, 'F') + qCompress(raw)),
              (std::vector<double>{0.1, -7e300}));
}

TEST(StreamCodec, DamagedDataIsRejected)
{
    const auto rejected = [](const QByteArray& bytes) { return !decodeSeries(kTimeChannel, bytes).has_value(); };
    EXPECT_TRUE(rejected(QByteArray()));
    EXPECT_TRUE(rejected(QByteArrayLiteral("Xgarbage"))); // unknown tag
    const QByteArray good = encodeSeries(kTimeChannel, {1, 2, 3, 400000, kMissing, kMissing, 5, 5, 5, 5, 5});
    ASSERT_FALSE(rejected(good));
    for (qsizetype n = 1; n < good.size(); ++n)
        EXPECT_TRUE(rejected(good.left(n))) << n; // truncated
    EXPECT_TRUE(rejected(good + '\x03'));         // trailing bytes
    const auto delta = [&](const char* hex) { return rejected(QByteArray::fromHex(hex)); };
    EXPECT_TRUE(delta("44 ffffffffffffffffffff01 00 01  05")); // a count of 11 bytes
    EXPECT_TRUE(delta("44 01 00 01  80808080808080808002"));   // a token of 65 bits
    EXPECT_TRUE(delta("44 02 00 01  05 01 05"));               // a run beyond the count
    EXPECT_TRUE(delta("44 02 00 01  05 01 00"));               // an empty run
    EXPECT_TRUE(delta("44 a09c01 00 01  05 01 808001"));       // a run above kMaxRun (20,000 samples)
    EXPECT_TRUE(delta("44 80808080808001 00 01  02 05"));      // 2^42 samples in 2 bytes
    EXPECT_TRUE(delta("44 01 00 03  05"));                     // no order 3
    EXPECT_TRUE(delta("44 01 00 00  05"));                     // nor 0
    EXPECT_TRUE(delta("44 01 00"));                            // no order byte
    EXPECT_TRUE(delta("44 01 0b 01  05"));                     // no scale 11
    EXPECT_TRUE(rejected(QByteArrayLiteral("Q\xff\xff\xff\xff\x0f\x00\x01")));
    EXPECT_TRUE(rejected(QByteArrayLiteral("Q\x01\x7f\x01"))); // no such scale
    EXPECT_TRUE(rejected(QByteArray(1, 'F') + qCompress(QByteArray(12, '\1'))));
    QByteArray bomb(1, 'F');
    bomb += QByteArray::fromHex("7fffffff") + QByteArray(8, '\0'); // claims 2 GiB
    EXPECT_TRUE(rejected(bomb));
}

TEST(StreamCodec, FlippedBitsNeverCrash)
{
    // Whatever damaged bytes decode to, decoding must stay defined behaviour (run under the sanitizers).
    std::mt19937_64 rng(5);
    for (const auto& values : {randomSeries(rng, 700, 0.01, 50, 300), randomSeries(rng, 300, kSemicircle, 8, 2)}) {
        const QByteArray good = encodeSeries(int(Channel::Latitude), values);
        for (qsizetype bit = 0; bit < good.size() * 8; ++bit) {
            QByteArray bad = good;
            bad[bit / 8] = static_cast<char>(bad[bit / 8] ^ (1 << (bit % 8)));
            const auto decoded = decodeSeries(int(Channel::Latitude), bad);
            EXPECT_LE(decoded ? decoded->size() : 0, static_cast<std::size_t>(good.size()) * kMaxRun);
        }
    }
}
