// Sets of pool swims, checked on the real pool swims of the corpus against what their lengths say, counted here
// independently: distances, the places rests split them, the time and strokes they hold.
#include "core/io/formatregistry.h"
#include "core/metrics/swimsets.h"

#include <QFile>

#include <cmath>
#include <gtest/gtest.h>

using namespace tricoach;

namespace {

Activity decodeSwim(const char* rel)
{
    QFile f(QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/") + QLatin1String(rel));
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << rel;
    const FormatRegistry formats;
    DecodedFile d = formats.decode(QString::fromLatin1(rel), f.readAll());
    EXPECT_EQ(d.activities.size(), 1u) << rel;
    return d.activities.empty() ? Activity{} : d.activities.front();
}

class PoolSwims : public ::testing::TestWithParam<const char*> {};

TEST_P(PoolSwims, SetsAreTheActiveLengthsBetweenRests)
{
    const Activity swim = decodeSwim(GetParam());
    ASSERT_EQ(swim.sport, Sport::Swim);
    ASSERT_FALSE(swim.lengths.empty());
    ASSERT_TRUE(swim.poolLengthM);
    const auto& lengths = swim.lengths;
    const std::vector<SwimSet> sets = swimSets(lengths, swim.poolLengthM);
    ASSERT_FALSE(sets.empty());

    // Every active length is in exactly one set, and no idle length is.
    std::vector<int> setOf(lengths.size(), -1);
    for (std::size_t k = 0; k < sets.size(); ++k) {
        const SwimSet& s = sets[k];
        ASSERT_GT(s.lengthCount, 0);
        for (int i = s.firstLength; i < s.firstLength + s.lengthCount; ++i) {
            ASSERT_LT(i, static_cast<int>(lengths.size()));
            const PoolLength& l = lengths[static_cast<std::size_t>(i)];
            EXPECT_TRUE(l.active) << "set " << k << " length " << i;
            EXPECT_EQ(l.strokeType, s.strokeType) << "set " << k << " length " << i;
            EXPECT_EQ(setOf[static_cast<std::size_t>(i)], -1);
            setOf[static_cast<std::size_t>(i)] = static_cast<int>(k);
        }
    }
    int active = 0;
    for (std::size_t i = 0; i < lengths.size(); ++i) {
        active += lengths[i].active ? 1 : 0;
        EXPECT_EQ(lengths[i].active, setOf[i] >= 0) << "length " << i;
    }
    // Sets split exactly where a rest or a change of stroke is: two neighbouring active lengths of one stroke with
    // no idle length between them are in one set.
    for (std::size_t i = 1; i < lengths.size(); ++i) {
        if (!lengths[i].active || !lengths[i - 1].active)
            continue;
        const bool sameStroke = lengths[i].strokeType == lengths[i - 1].strokeType;
        EXPECT_EQ(setOf[i] == setOf[i - 1], sameStroke) << "lengths " << i - 1 << " and " << i;
    }
    // And sets on either side of an idle run are different sets, with that rest after the first one.
    int splitsAtRest = 0;
    for (std::size_t i = 0; i < lengths.size(); ++i) {
        if (lengths[i].active || i == 0)
            continue;
        std::size_t before = i, after = i;
        while (before > 0 && !lengths[before].active)
            --before;
        while (after < lengths.size() && !lengths[after].active)
            ++after;
        if (!lengths[before].active || after == lengths.size() || !lengths[i - 1].active)
            continue; // a rest before the first length or after the last, or the second idle length of a rest
        EXPECT_EQ(setOf[after], setOf[before] + 1);
        double rest = 0;
        for (std::size_t r = before + 1; r < after; ++r)
            rest += lengths[r].durationSec;
        EXPECT_NEAR(sets[static_cast<std::size_t>(setOf[before])].restSec, rest, 1e-6);
        ++splitsAtRest;
    }
    EXPECT_GT(splitsAtRest, 0) << "a pool swim without a single rest is not a real workout";
    EXPECT_DOUBLE_EQ(sets.back().restSec, 0);

    // Distance: active lengths × the pool length; time: the active lengths' times.
    double distance = 0, time = 0, setTime = 0;
    for (const SwimSet& s : sets) {
        ASSERT_TRUE(s.distanceM);
        distance += *s.distanceM;
        setTime += s.timeSec;
        EXPECT_NEAR(*s.distanceM, s.lengthCount * *swim.poolLengthM, 1e-9);
    }
    for (const PoolLength& l : lengths)
        time += l.active ? l.durationSec : 0;
    EXPECT_NEAR(distance, active * *swim.poolLengthM, 1e-6);
    EXPECT_NEAR(setTime, time, 1e-6);
    const SwimTotals totals = swimTotals(lengths, swim.poolLengthM);
    EXPECT_EQ(totals.activeLengths, active);
    EXPECT_EQ(totals.idleLengths, static_cast<int>(lengths.size()) - active);
    ASSERT_TRUE(totals.activeDistanceM);
    EXPECT_NEAR(*totals.activeDistanceM, distance, 1e-6);

    // Pace per 100 of the pool's unit, and strokes per length where the device counted them.
    const double unit = isYardPool(swim.poolLengthM) ? 0.9144 : 1.0;
    for (const SwimSet& s : sets) {
        const auto pace = s.secondsPer100(unit);
        ASSERT_TRUE(pace);
        EXPECT_NEAR(*pace, s.timeSec / (s.lengthCount * *swim.poolLengthM / unit) * 100.0, 1e-6);
        int counted = 0, strokes = 0;
        for (int i = s.firstLength; i < s.firstLength + s.lengthCount; ++i) {
            // A drill length's 0 is the watch counting nothing.
            if (const auto n = lengths[static_cast<std::size_t>(i)].strokes; n && *n > 0) {
                ++counted;
                strokes += *n;
            }
        }
        EXPECT_EQ(s.strokesPerLength.has_value(), counted > 0);
        if (counted > 0) {
            EXPECT_NEAR(*s.strokesPerLength, static_cast<double>(strokes) / counted, 1e-9);
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Corpus, PoolSwims,
                         ::testing::Values("fit/swim-pool-garmin-fenix3-hr.fit",
                                           "fit/swim-pool-garmin-fr735xt-25yd-chained.fit",
                                           "fit/swim-pool-garmin-fr910xt-50m.fit",
                                           "fit/swim-pool-garmin-fr945-25m-chained.fit",
                                           "fit/swim-pool-apple-watch-bingi-25m.fit"));

TEST(SwimSets, AYardPoolIsRecognisedByItsLength)
{
    EXPECT_TRUE(isYardPool(22.86));  // 25 yd
    EXPECT_TRUE(isYardPool(45.72));  // 50 yd
    EXPECT_TRUE(isYardPool(18.288)); // 20 yd
    EXPECT_FALSE(isYardPool(25.0));
    EXPECT_FALSE(isYardPool(50.0));
    EXPECT_FALSE(isYardPool(33.33));
    EXPECT_FALSE(isYardPool(std::nullopt));
    EXPECT_FALSE(isYardPool(0.0));
    EXPECT_FALSE(isYardPool(-22.86));
    EXPECT_FALSE(isYardPool(std::nan("")));

    const Activity swim = decodeSwim("fit/swim-pool-garmin-fr735xt-25yd-chained.fit");
    EXPECT_TRUE(isYardPool(swim.poolLengthM));
    EXPECT_DOUBLE_EQ(swimUnitMetres(swim), 0.9144);
    // 4 lengths of 25 yd in 80 s: 100 yd in 80 s.
    SwimSet s;
    s.lengthCount = 4;
    s.distanceM = 4 * 22.86;
    s.timeSec = 80;
    EXPECT_NEAR(*s.secondsPer100(swimUnitMetres(swim)), 80, 1e-9);
    EXPECT_NEAR(*s.secondsPer100(1.0), 80 / 0.9144, 1e-9);
}

TEST(SwimSets, AStrokeChangeWithoutRestStartsASet)
{
    auto length = [](double seconds, bool active, const char* stroke, std::optional<int> strokes = {}) {
        PoolLength l;
        l.durationSec = seconds;
        l.active = active;
        l.strokeType = QString::fromLatin1(stroke);
        l.strokes = strokes;
        return l;
    };
    const std::vector<PoolLength> lengths{
        length(20, false, ""), // resting at the wall before starting: no set, no rest to count
        length(30, true, "freestyle", 16),
        length(31, true, "freestyle", 18),
        length(40, true, "breaststroke", 0),
        length(15, false, ""),
        length(5, false, ""), // one rest written as two idle lengths
        length(35, true, "backstroke", 20),
        length(60, false, "")};
    const auto sets = swimSets(lengths, 25.0);
    ASSERT_EQ(sets.size(), 3u);
    EXPECT_EQ(sets[0].firstLength, 1);
    EXPECT_EQ(sets[0].lengthCount, 2);
    EXPECT_DOUBLE_EQ(*sets[0].distanceM, 50);
    EXPECT_DOUBLE_EQ(sets[0].timeSec, 61);
    EXPECT_DOUBLE_EQ(sets[0].restSec, 0); // the stroke changed on the move
    EXPECT_DOUBLE_EQ(*sets[0].strokesPerLength, 17);
    EXPECT_EQ(sets[1].strokeType, QStringLiteral("breaststroke"));
    EXPECT_DOUBLE_EQ(sets[1].restSec, 20);
    EXPECT_FALSE(sets[1].strokesPerLength);
    EXPECT_EQ(sets[2].firstLength, 6);
    EXPECT_DOUBLE_EQ(sets[2].restSec, 0); // the watch left running after the last set is no rest
}

TEST(SwimSets, DamagedLengthsNeitherCrashNorInventNumbers)
{
    Activity swim = decodeSwim("fit/swim-pool-garmin-fr945-25m-chained.fit");
    ASSERT_FALSE(swim.lengths.empty());
    // No pool length: sets without distance or pace.
    auto sets = swimSets(swim.lengths, std::nullopt);
    ASSERT_FALSE(sets.empty());
    for (const SwimSet& s : sets) {
        EXPECT_FALSE(s.distanceM);
        EXPECT_FALSE(s.secondsPer100(1.0));
    }
    EXPECT_FALSE(swimTotals(swim.lengths, std::nullopt).activeDistanceM);
    // Broken durations and stroke counts count as nothing rather than poisoning the totals.
    swim.lengths[1].durationSec = std::nan("");
    swim.lengths[2].durationSec = -40;
    swim.lengths[3].strokes = -3;
    sets = swimSets(swim.lengths, 25.0);
    for (const SwimSet& s : sets) {
        EXPECT_TRUE(std::isfinite(s.timeSec));
        EXPECT_GE(s.timeSec, 0);
        EXPECT_TRUE(std::isfinite(s.restSec));
        if (s.strokesPerLength) {
            EXPECT_GE(*s.strokesPerLength, 0);
        }
    }
    EXPECT_TRUE(swimSets({}, 25.0).empty());
}

} // namespace
