// Every FIT file of the shared corpus (tests/data/activities/fit): sport, records, sessions, laps,
// lengths, chained segments and, for the broken ones, the error and what is recovered. Counts agree with
// Garmin's JS SDK (SOURCES.md) except where that SDK fails: the FR70 files (compressed timestamps; refused by
// us anyway, their times cannot be dated) and the FR255 triathlon.
#include "core/io/fit/fitdecoder.h"
#include "core/io/fit/fitreader.h"

#include <QDir>
#include <QFile>

#include <gtest/gtest.h>
#include <set>

using namespace tricoach;

namespace {

struct CorpusCase {
    const char* file;
    const char* sport; // of the first activity
    const char* subSport;
    std::size_t activities; // one per session
    std::size_t records;    // over all activities
    std::size_t laps;
    std::size_t lengths;
    int segments;          // > 1: chained FIT files
    const char* errorCode; // empty: the file reads cleanly
};

void PrintTo(const CorpusCase& c, std::ostream* os)
{
    *os << c.file;
}

const CorpusCase kCorpus[] = {
    {"chained-activity-settings-sdk.fit", "Run", "", 1, 14, 1, 0, 2, ""},
    {"cycling-coros-pace2-misaligned-fields.fit", "Bike", "", 1, 11272, 4, 0, 1, ""},
    {"cycling-garmin-edge1030plus-power-lowbattery.fit", "Bike", "Road", 1, 3976, 4, 0, 1, ""},
    {"cycling-garmin-edge1040-power-gearchange.fit", "Other", "", 1, 1979, 0, 0, 1, ""},
    {"cycling-garmin-edge500-long.fit", "Bike", "", 1, 10686, 9, 0, 1, ""},
    {"cycling-garmin-edge810-vector-power.fit", "Bike", "", 1, 4700, 8, 0, 1, ""},
    {"cycling-garmin-edge820-commute-short.fit", "Bike", "Commuting", 1, 15, 1, 0, 1, ""},
    {"cycling-garmin-edge830-stages-power-nogps.fit", "Bike", "", 1, 1798, 0, 0, 1, ""},
    {"cycling-garmin-fenix5-short.fit", "Bike", "", 1, 19, 1, 0, 1, ""},
    {"cycling-hammerhead-karoo2-power-devfields.fit", "Bike", "", 1, 4314, 1, 0, 1, ""},
    {"cycling-sigma-rox11-power.fit", "Bike", "Road", 1, 7259, 5, 0, 1, ""},
    {"cycling-srm-pc8-power-bad-start-latlng.fit", "Bike", "", 1, 6864, 0, 0, 1, ""},
    {"cycling-wahoo-elemnt-bolt-devdata-no-appid.fit", "Bike", "", 1, 132, 1, 0, 1, ""},
    {"cycling-wahoo-elemnt-power-devfields.fit", "Bike", "", 1, 13471, 1, 0, 1, ""},
    // Records without any timestamp: nothing to place in the calendar (FitRefusals.AFileWithoutTimesSaysSo).
    {"devdata-sdk-example.fit", "", "", 0, 0, 0, 0, 1, "fit.no-times"},
    {"indoor-cycling-garmin-edge1030-tacx-neo.fit", "Bike", "IndoorRide", 1, 627, 1, 0, 1, ""},
    {"indoor-cycling-garmin-edge530-hrv.fit", "Bike", "IndoorRide", 1, 1072, 15, 0, 1, ""},
    {"indoor-cycling-garmin-fr955-moxy-smo2-devfields.fit", "Bike", "IndoorRide", 1, 16, 1, 0, 1, ""},
    {"indoor-cycling-wahoo-unterminated-strings.fit", "Bike", "IndoorRide", 1, 33, 1, 0, 1, ""},
    {"indoor-cycling-zwift-virtual-power.fit", "Bike", "VirtualRide", 1, 1808, 1, 0, 1, ""},
    {"invalid-chained-second-file-bad-crc.fit", "Run", "", 2, 28, 2, 0, 2, "fit.crc"},
    {"invalid-chained-second-file-truncated.fit", "Run", "", 1, 14, 1, 0, 2, "fit.truncated"},
    {"invalid-chained-second-header-corrupt.fit", "Run", "", 1, 14, 1, 0, 1, "fit.header"},
    {"invalid-crc-activity-sdk.fit", "Run", "", 1, 14, 1, 0, 1, "fit.crc"},
    {"invalid-empty-zero-bytes.fit", "", "", 0, 0, 0, 0, 0, "fit.empty"},
    {"invalid-lezyne-super-gps-bad-endian.fit", "Bike", "", 1, 804, 1, 0, 1, "fit.bad-definition"},
    {"invalid-sigma-unterminated.fit", "Bike", "", 1, 14391, 1, 0, 1, "fit.truncated"},
    {"invalid-strava-android-run-bytes-dropped.fit", "Run", "", 1, 473, 1, 0, 1, "fit.undefined-local-message"},
    {"invalid-truncated-eof-activity-sdk.fit", "Run", "", 1, 14, 1, 0, 1, "fit.truncated"},
    {"invalid-zwift-unfinalized-datasize-zero.fit", "Other", "", 1, 2319, 0, 0, 1, "fit.truncated"},
    {"multisport-garmin-fr945-bike-trailrun.fit", "Bike", "MountainBike", 2, 78, 7, 0, 1, ""},
    {"rowing-indoor-garmin-vivoactivehr-devfields.fit", "Row", "IndoorRowing", 1, 1641, 8, 0, 1, ""},
    {"running-coros-apex-pro-power.fit", "Run", "", 1, 2921, 1, 0, 1, ""},
    {"running-garmin-fenix5-short.fit", "Run", "", 1, 21, 1, 0, 1, ""},
    {"running-garmin-fr15-10k.fit", "Run", "", 1, 686, 11, 0, 1, ""},
    // Times of the FR70's power-on clock only, nothing that dates them (FitClock): refused, never dated 1990.
    {"running-garmin-fr70-antfs-compressed-timestamps.fit", "", "", 0, 0, 0, 0, 1, "fit.no-clock"},
    {"running-garmin-fr70-compressed-timestamps.fit", "", "", 0, 0, 0, 0, 1, "fit.no-clock"},
    {"running-garmin-fr945-treadmill.fit", "Run", "Treadmill", 1, 3101, 1, 0, 1, ""},
    {"running-garmin-fr955-stryd-devfields.fit", "Run", "", 1, 3118, 7, 0, 1, ""},
    {"running-garmin-vivoactivehr.fit", "Run", "", 1, 503, 3, 0, 1, ""},
    {"running-stryd-power-devfields.fit", "Run", "", 1, 3424, 1, 0, 1, ""},
    {"running-suunto9baro-trail-power.fit", "Run", "TrailRun", 1, 2197, 7, 0, 1, ""},
    {"swim-openwater-garmin-fr735xt.fit", "Swim", "OpenWaterSwim", 1, 92, 12, 0, 1, ""},
    {"swim-openwater-garmin-fr945-hrv-chained.fit", "Swim", "OpenWaterSwim", 1, 2915, 4, 0, 6, ""},
    {"swim-pool-apple-watch-bingi-25m.fit", "Swim", "PoolSwim", 1, 3137, 22, 130, 1, ""},
    {"swim-pool-garmin-fenix3-hr.fit", "Swim", "PoolSwim", 1, 3501, 38, 87, 1, ""},
    {"swim-pool-garmin-fr735xt-25yd-chained.fit", "Swim", "PoolSwim", 1, 4376, 99, 166, 5, ""},
    {"swim-pool-garmin-fr910xt-50m.fit", "Swim", "PoolSwim", 1, 74, 41, 74, 1, ""},
    {"swim-pool-garmin-fr945-25m-chained.fit", "Swim", "PoolSwim", 1, 2848, 28, 94, 4, ""},
    {"triathlon-garmin-fr255-summary-first.fit", "Swim", "OpenWaterSwim", 5, 4043, 11, 0, 1, ""},
    {"triathlon-garmin-fr920xt-chained.fit", "Swim", "OpenWaterSwim", 5, 1773, 5, 0, 4, ""},
    {"walking-garmin-fenix5-short.fit", "Walk", "", 1, 17, 1, 0, 1, ""},
    {"walking-garmin-fr55-core-temp-devfields.fit", "Walk", "", 1, 582, 1, 0, 1, ""},
    {"walking-garmin-fr955-hrm-pro-chained.fit", "Walk", "", 1, 310, 1, 0, 4, ""},
};

QString corpusDir()
{
    return QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/fit");
}

QByteArray readCorpusFile(const QString& name)
{
    QFile f(corpusDir() + QLatin1Char('/') + name);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// Counts the FIT files of a byte stream without keeping any message.
struct SegmentCounter final : fit::FieldSelector, fit::MessageSink {
    bool wants(std::uint16_t) const override { return false; }
    int slotFor(std::uint16_t, std::uint8_t) const override { return fit::kNoSlot; }
    int developerSlotFor(std::uint16_t, const fit::DeveloperField&) const override { return fit::kNoSlot; }
    void onMessage(const fit::FitMessage&) override {}
};

class FitCorpus : public ::testing::TestWithParam<CorpusCase> {};

} // namespace

TEST_P(FitCorpus, DecodesAsExpected)
{
    const CorpusCase& c = GetParam();
    const QString name = QLatin1String(c.file);
    QFile file(corpusDir() + QLatin1Char('/') + name);
    ASSERT_TRUE(file.exists()) << c.file;
    const QByteArray bytes = readCorpusFile(name);
    const DecodedFile f = FitReader().read(bytes);

    if (*c.errorCode) {
        ASSERT_TRUE(f.error.has_value()) << c.file;
        EXPECT_EQ(f.error->code, QLatin1String(c.errorCode)) << f.error->message.toStdString();
        EXPECT_FALSE(f.error->message.isEmpty());
        EXPECT_GE(f.error->byteOffset, 0);
        EXPECT_LE(f.error->byteOffset, bytes.size());
    } else {
        EXPECT_FALSE(f.error.has_value())
            << c.file << ": " << f.error->code.toStdString() << " " << f.error->message.toStdString();
    }
    ASSERT_EQ(f.activities.size(), c.activities);
    std::size_t records = 0, laps = 0, lengths = 0;
    for (const Activity& a : f.activities) {
        records += a.streams.size();
        laps += a.laps.size();
        lengths += a.lengths.size();
        EXPECT_EQ(a.source, ActivitySource::File);
        for (const auto& [channel, series] : a.streams.channels) {
            EXPECT_EQ(series.size(), a.streams.size()) << "channel " << int(channel);
            // A channel that is present has at least one recorded sample.
            EXPECT_TRUE(std::any_of(series.begin(), series.end(), [](double v) { return !std::isnan(v); }));
        }
        if (f.activities.size() > 1) {
            EXPECT_FALSE(a.multisportKey.isEmpty());
        }
    }
    EXPECT_EQ(records, c.records);
    EXPECT_EQ(laps, c.laps);
    EXPECT_EQ(lengths, c.lengths);
    if (!f.activities.empty()) {
        EXPECT_EQ(sportId(f.activities[0].sport), QLatin1String(c.sport));
        EXPECT_EQ(f.activities[0].subSport, QLatin1String(c.subSport));
    }

    SegmentCounter counter;
    fit::FitDecoder decoder(counter, counter);
    EXPECT_EQ(decoder.decode(bytes).segments, c.segments);
}

INSTANTIATE_TEST_SUITE_P(Corpus, FitCorpus, ::testing::ValuesIn(kCorpus),
                         [](const ::testing::TestParamInfo<CorpusCase>& p) {
                             std::string n = p.param.file;
                             n = n.substr(0, n.size() - 4); // ".fit"
                             for (char& ch : n) {
                                 if (!std::isalnum(static_cast<unsigned char>(ch)))
                                     ch = '_';
                             }
                             return n;
                         });

TEST(FitCorpusTable, ListsEveryFitFileOfTheCorpus)
{
    std::set<QString> listed;
    for (const CorpusCase& c : kCorpus)
        listed.insert(QLatin1String(c.file));
    const QStringList onDisk = QDir(corpusDir()).entryList({QStringLiteral("*.fit")}, QDir::Files);
    ASSERT_FALSE(onDisk.isEmpty());
    for (const QString& name : onDisk)
        EXPECT_TRUE(listed.count(name)) << name.toStdString() << " has no row in kCorpus";
    EXPECT_EQ(listed.size(), static_cast<std::size_t>(onDisk.size()));
}
