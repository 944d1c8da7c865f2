// All series of an activity in one blob: round trips, damage, and sizes on the synthetic ride and real files.
#include "core/io/formatregistry.h"
#include "core/store/streamcodec.h"
#include "tests/unit/core/io/fit/syntheticride.h"
#include "tests/unit/core/store/streamcodectestsupport.h"

#include <QDirIterator>
#include <QFile>

#include <cmath>
#include <gtest/gtest.h>
#include <random>

using namespace tricoach;
using namespace tricoach::store;
using namespace tricoach::store::test;

namespace {

void expectSameStreams(const Streams& got, const Streams& want)
{
    expectClose(got.time, want.time);
    ASSERT_EQ(got.channels.size(), want.channels.size());
    for (const auto& [channel, values] : want.channels) {
        ASSERT_TRUE(got.has(channel)) << int(channel);
        expectClose(*got.get(channel), values);
    }
}

Streams rideWithGaps()
{
    std::mt19937_64 rng(9);
    std::normal_distribution<double> noise(0, 30);
    Streams s;
    for (int i = 0; i < 700; ++i) {
        s.time.push_back(i);
        s.channels[Channel::HeartRate].push_back(i >= 100 && i < 160 ? kMissing : 130 + i / 20);
        s.channels[Channel::Power].push_back(i % 97 == 0 ? kMissing : std::round(220 + noise(rng)));
        s.channels[Channel::Latitude].push_back((560000000 + 113 * i) * (180.0 / 2147483648.0));
        s.channels[Channel::Temperature].push_back(21);
    }
    return s;
}

// A blob written by hand: format byte, number of series, then channel, length and bytes of each.
QByteArray blob(const std::vector<std::pair<std::uint64_t, QByteArray>>& series, char format = kStreamsBlobFormat)
{
    QByteArray out(1, format);
    putVarint(out, series.size());
    for (const auto& [channel, bytes] : series) {
        putVarint(out, channel);
        putVarint(out, static_cast<std::uint64_t>(bytes.size()));
        out += bytes;
    }
    return out;
}

Streams decodeActivity(const QString& path)
{
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << qPrintable(path);
    DecodedFile decoded = FormatRegistry().decode(path, f.readAll());
    return decoded.activities.empty() ? Streams{} : std::move(decoded.activities.front().streams);
}

// What the series of `streams` took in the 'Q' format, one row each ('F' series counted as in the blob).
qsizetype oldSize(const Streams& streams)
{
    const auto size = [](int channel, const std::vector<double>& values) {
        const auto q = encodeQ(channel, values);
        return q ? q->size() : encodeSeries(channel, values).size();
    };
    qsizetype total = size(kTimeChannel, streams.time);
    for (const auto& [channel, values] : streams.channels)
        total += size(int(channel), values);
    return total;
}

} // namespace

TEST(StreamBlob, RoundTrips)
{
    const Streams s = rideWithGaps();
    const auto decoded = decodeStreamsBlob(encodeStreamsBlob(s));
    ASSERT_TRUE(decoded.has_value());
    expectSameStreams(*decoded, s);

    // Time alone, and channels without samples.
    Streams timeOnly;
    timeOnly.time = {0, 1, 2};
    ASSERT_TRUE(decodeStreamsBlob(encodeStreamsBlob(timeOnly)).has_value());
    expectSameStreams(*decodeStreamsBlob(encodeStreamsBlob(timeOnly)), timeOnly);
    Streams empty;
    empty.channels[Channel::Power] = {};
    ASSERT_TRUE(decodeStreamsBlob(encodeStreamsBlob(empty)).has_value());
    EXPECT_EQ(*decodeStreamsBlob(encodeStreamsBlob(empty)), empty);

    // No streams at all: no bytes, and no bytes read back as none.
    EXPECT_TRUE(encodeStreamsBlob({}).isEmpty());
    ASSERT_TRUE(decodeStreamsBlob({}).has_value());
    EXPECT_TRUE(decodeStreamsBlob({})->empty());
}

TEST(StreamBlob, SeriesLongerThanTwoLengthBytesRoundTrip)
{
    // Over 16 KiB a series' length takes three bytes, a constant one only one.
    std::mt19937_64 rng(1);
    std::uniform_int_distribution<int> any(-3000, 3000);
    Streams s;
    for (int i = 0; i < 20000; ++i) {
        s.time.push_back(i);
        s.channels[Channel::Power].push_back(any(rng));
        s.channels[Channel::Temperature].push_back(20);
    }
    const QByteArray bytes = encodeStreamsBlob(s);
    EXPECT_GT(bytes.size(), 16384);
    const auto decoded = decodeStreamsBlob(bytes);
    ASSERT_TRUE(decoded.has_value());
    expectSameStreams(*decoded, s);
}

// Upgrading a store packs each stored series' bytes as they are: the blob decodes to the same streams.
TEST(StreamBlob, PackedSeriesDecodeLikeAnEncodedBlob)
{
    const Streams s = rideWithGaps();
    std::vector<EncodedSeries> rows{{kTimeChannel, encodeSeries(kTimeChannel, s.time)}};
    for (const auto& [channel, values] : s.channels)
        rows.push_back({static_cast<int>(channel), encodeSeries(static_cast<int>(channel), values)});
    const auto decoded = decodeStreamsBlob(packEncodedSeries(rows));
    ASSERT_TRUE(decoded.has_value());
    expectSameStreams(*decoded, s);
    EXPECT_TRUE(packEncodedSeries({}).isEmpty());
    // A damaged series is packed as it is and found when the blob is read.
    rows.back().bytes.chop(1);
    EXPECT_FALSE(decodeStreamsBlob(packEncodedSeries(rows)).has_value());
}

TEST(StreamBlob, DamagedBlobsAreRejected)
{
    const QByteArray good = encodeStreamsBlob(rideWithGaps());
    ASSERT_TRUE(decodeStreamsBlob(good).has_value());
    for (qsizetype n = 1; n < good.size(); ++n)
        EXPECT_FALSE(decodeStreamsBlob(good.left(n)).has_value()) << n; // truncated
    EXPECT_FALSE(decodeStreamsBlob(good + '\0').has_value());           // trailing bytes

    const QByteArray time = encodeSeries(kTimeChannel, {0, 1, 2});
    const QByteArray hr = encodeSeries(int(Channel::HeartRate), {120, 121, 122});
    const QByteArray shortHr = encodeSeries(int(Channel::HeartRate), {120, 121});
    EXPECT_TRUE(decodeStreamsBlob(blob({{0, time}, {2, hr}})).has_value());
    EXPECT_FALSE(decodeStreamsBlob(blob({{0, time}, {2, hr}}, 2)).has_value());        // unknown format
    EXPECT_FALSE(decodeStreamsBlob(blob({{0, time}, {2, hr}, {2, hr}})).has_value());  // a channel twice
    EXPECT_FALSE(decodeStreamsBlob(blob({{0, time}, {0, time}})).has_value());         // time twice
    EXPECT_FALSE(decodeStreamsBlob(blob({{0, time}, {2, shortHr}})).has_value());      // lengths differ
    EXPECT_FALSE(decodeStreamsBlob(blob({{2, hr}})).has_value());                      // no time
    EXPECT_FALSE(decodeStreamsBlob(blob({{0, time}, {2, QByteArray()}})).has_value()); // empty series
    EXPECT_FALSE(decodeStreamsBlob(blob({{0, time}, {2, "X"}})).has_value());          // series damaged
    EXPECT_FALSE(decodeStreamsBlob(blob({{0, time}, {2, hr.left(3)}})).has_value());   // series cut
    // A length beyond the blob, and more series than the bytes could hold.
    QByteArray beyond = blob({{0, time}});
    beyond[3] = static_cast<char>(beyond[3] + 1);
    EXPECT_FALSE(decodeStreamsBlob(beyond).has_value());
    QByteArray many = blob({{0, time}});
    many[1] = 0x7f;
    EXPECT_FALSE(decodeStreamsBlob(many).has_value());
    // A channel of a later TriCoach is skipped, whatever its bytes.
    const auto later = decodeStreamsBlob(blob({{0, time}, {42, "?"}, {2, hr}}));
    ASSERT_TRUE(later.has_value());
    EXPECT_EQ(later->channels.size(), 1u);
}

TEST(StreamBlob, FlippedBitsNeverCrash)
{
    const QByteArray good = encodeStreamsBlob(rideWithGaps());
    for (qsizetype bit = 0; bit < good.size() * 8; bit += 3) {
        QByteArray bad = good;
        bad[bit / 8] = static_cast<char>(bad[bit / 8] ^ (1 << (bit % 8)));
        const auto decoded = decodeStreamsBlob(bad);
        EXPECT_LE(decoded ? decoded->size() : 0, static_cast<std::size_t>(good.size()) * kMaxRun);
    }
}

TEST(StreamBlob, SyntheticRideTakesAtMostSixtyPercentOfTheEarlierFormat)
{
    const FormatRegistry formats;
    DecodedFile decoded = formats.decode(QStringLiteral("ride.fit"), fittest::syntheticRide(1'000'000'000, 1800));
    ASSERT_FALSE(decoded.activities.empty());
    const Streams& s = decoded.activities.front().streams;
    ASSERT_GE(s.channels.size(), 9u);
    const QByteArray bytes = encodeStreamsBlob(s);
    EXPECT_LE(bytes.size(), oldSize(s) * 6 / 10) << bytes.size() << " of " << oldSize(s);
    const auto back = decodeStreamsBlob(bytes);
    ASSERT_TRUE(back.has_value());
    expectSameStreams(*back, s);
    // The earlier format's bytes decode to the same values.
    for (const auto& [channel, values] : s.channels)
        expectClose(decodeSeries(int(channel), *encodeQ(int(channel), values)).value(), values);
}

TEST(StreamBlob, RealDeviceFilesRoundTrip)
{
    const Streams edge810 =
        decodeActivity(QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/fit/cycling-garmin-edge810-vector-power.fit"));
    ASSERT_GT(edge810.size(), 4000u);
    const QByteArray bytes = encodeStreamsBlob(edge810);
    EXPECT_LE(bytes.size(), oldSize(edge810) * 7 / 10);
    expectSameStreams(decodeStreamsBlob(bytes).value(), edge810);

    // Every activity of the corpus (FIT, TCX, GPX): whatever their resolutions and gaps, values come back.
    int files = 0;
    QDirIterator it(QStringLiteral(TRICOACH_TESTDATA_DIR "/activities"),
                    {QStringLiteral("*.fit"), QStringLiteral("*.tcx"), QStringLiteral("*.gpx")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const Streams s = decodeActivity(path);
        const auto back = decodeStreamsBlob(encodeStreamsBlob(s));
        ASSERT_TRUE(back.has_value()) << qPrintable(path);
        expectSameStreams(*back, s);
        ++files;
    }
    EXPECT_GE(files, 80); // the corpus in tests/data/activities
}
