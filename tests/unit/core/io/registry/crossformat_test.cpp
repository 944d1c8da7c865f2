// The same activity exported in two formats (SOURCES.md, "Pairs of the same activity in two formats") must read
// alike, FIT (FitReader) against TCX or GPX (ours). Default tolerances: start ±1 s, duration ±1 s, distance
// ±1 %, average heart rate ±1 bpm; a pair departs from them only where the export itself lacks the data, with
// the reason beside it.
#include "core/io/formatregistry.h"
#include "core/io/xmlsupport.h"

#include "../archive/archivetestutil.h"

#include <gtest/gtest.h>

using namespace tricoach;
using namespace tricoach::test;

namespace {

DecodedFile decodeCorpus(const FormatRegistry& r, const char* relative)
{
    return r.decode(QLatin1String(relative),
                    readFile(QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/") + QLatin1String(relative)));
}

// First to last timed sample.
double trackSpan(const Activity& a)
{
    double first = kMissing, last = kMissing;
    for (double t : a.streams.time) {
        if (isMissing(t))
            continue;
        first = isMissing(first) ? t : first;
        last = t;
    }
    return isMissing(first) ? 0 : last - first;
}

// Great-circle length through the recorded positions.
double pathLength(const Activity& a)
{
    const auto* lat = a.streams.get(Channel::Latitude);
    const auto* lon = a.streams.get(Channel::Longitude);
    if (lat == nullptr || lon == nullptr)
        return 0;
    double total = 0, prevLat = kMissing, prevLon = kMissing;
    for (std::size_t i = 0; i < lat->size(); ++i) {
        if (isMissing((*lat)[i]) || isMissing((*lon)[i]))
            continue;
        if (!isMissing(prevLat))
            total += xml::haversineM(prevLat, prevLon, (*lat)[i], (*lon)[i]);
        prevLat = (*lat)[i];
        prevLon = (*lon)[i];
    }
    return total;
}

struct Pair {
    const char* fit;
    const char* other;
    double spanTolSec;     // first to last sample
    double elapsedTolSec;  // < 0: not comparable
    double movingTolSec;   // < 0: not comparable
    double distanceTolPct; // session distance
    double avgHrTolBpm;    // used when both files have heart rate
};

const Pair kPairs[] = {
    // Garmin Connect's TCX keeps the device's laps: everything matches to the defaults.
    {"fit/running-garmin-fr15-10k.fit", "tcx/running-garmin-fr15-10k.tcx", 1, 1, 1, 1, 1},
    // GPX has no timer and no distance. Garmin Connect's GPX drops the FIT's last record (7 s after the one
    // before; the first 502 match), so the spans differ by those 7 s and the FIT session's elapsed time by 6 s
    // more; the distance is the great-circle length of a smart-recording
    // track (a point every ~5.6 s cuts corners: 2.1 % short of the device's wheel), so the session distance
    // gets 3 % while the GPX length against the FIT's own positions keeps 1 %.
    {"fit/running-garmin-vivoactivehr.fit", "gpx/running-garmin-connect-vivoactivehr.gpx", 7, -1, -1, 3, 1},
    // The FIT session ends with 135 s of rest after the last length that the TCX export drops: elapsed and the
    // session's heart-rate average (131 vs 128.4 bpm over the TCX samples; the laps' own averages give 127.3)
    // cannot match; the timer time and the distance do.
    {"fit/swim-pool-garmin-fr945-25m-chained.fit", "tcx/swim-pool-garmin-fr945-25m.tcx", 1, -1, 1, 1, 3},
};

void PrintTo(const Pair& p, std::ostream* os)
{
    *os << p.fit << " + " << p.other;
}

class CrossFormat : public ::testing::TestWithParam<Pair> {};

TEST_P(CrossFormat, SameActivityReadsAlike)
{
    const FormatRegistry r;
    const Pair& p = GetParam();
    const DecodedFile fit = decodeCorpus(r, p.fit);
    const DecodedFile other = decodeCorpus(r, p.other);
    ASSERT_FALSE(fit.activities.empty()) << (fit.error ? fit.error->message.toStdString() : std::string());
    ASSERT_TRUE(other.ok());
    const Activity& a = fit.activities.front();
    const Activity& b = other.activities.front();

    // The same session is the same sport (the store's same-session check matches on it): a TCX pool swim says
    // Sport="Other" and must still read as the FIT's pool swim.
    EXPECT_EQ(a.sport, b.sport);
    EXPECT_EQ(a.subSport, b.subSport);
    EXPECT_LE(std::abs(a.startUtc.msecsTo(b.startUtc)), 1000)
        << a.startUtc.toString(Qt::ISODateWithMs).toStdString() << " vs "
        << b.startUtc.toString(Qt::ISODateWithMs).toStdString();
    EXPECT_NEAR(trackSpan(a), trackSpan(b), p.spanTolSec);
    if (p.elapsedTolSec >= 0) {
        EXPECT_NEAR(a.elapsedSec, b.elapsedSec, p.elapsedTolSec);
    }
    if (p.movingTolSec >= 0) {
        EXPECT_NEAR(a.movingSec, b.movingSec, p.movingTolSec);
    }
    ASSERT_TRUE(a.distanceM && b.distanceM) << "both files should carry a distance";
    EXPECT_NEAR(*a.distanceM, *b.distanceM, *a.distanceM * p.distanceTolPct / 100);
    if (a.streams.has(Channel::Latitude) && b.streams.has(Channel::Latitude)) {
        EXPECT_NEAR(pathLength(a), pathLength(b), pathLength(a) * 0.01);
    }
    EXPECT_EQ(a.avgHr.has_value(), b.avgHr.has_value());
    if (a.avgHr && b.avgHr) {
        EXPECT_NEAR(*a.avgHr, *b.avgHr, p.avgHrTolBpm);
        EXPECT_NEAR(*a.maxHr, *b.maxHr, 1.0);
    }
}

INSTANTIATE_TEST_SUITE_P(Pairs, CrossFormat, ::testing::ValuesIn(kPairs), [](const auto& testInfo) {
    std::string n = testInfo.param.other;
    n = n.substr(4, n.find('.') - 4);
    for (char& ch : n)
        ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
    return n;
});

} // namespace
