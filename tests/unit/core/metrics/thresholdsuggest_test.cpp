// Which estimates are suggested after an import, and that a dismissed one does not come back.
#include "core/metrics/thresholdsuggest.h"

#include <gtest/gtest.h>

using namespace tricoach;

namespace {

ThresholdEstimate offered(ThresholdField field, double value)
{
    ThresholdEstimate e;
    e.field = field;
    e.value = value;
    return e;
}

} // namespace

TEST(ThresholdSuggest, AnEstimateBeatsTheCurrentValueByMoreThanNoise)
{
    EXPECT_TRUE(beats(offered(ThresholdField::Ftp, 260), 250));
    EXPECT_FALSE(beats(offered(ThresholdField::Ftp, 251), 250)); // 0.4%: noise
    EXPECT_FALSE(beats(offered(ThresholdField::Ftp, 240), 250));
    EXPECT_TRUE(beats(offered(ThresholdField::Ftp, 240), std::nullopt)); // an unset threshold
    ThresholdEstimate none;
    EXPECT_FALSE(beats(none, std::nullopt));
    // Paces are speeds: faster is higher.
    EXPECT_TRUE(beats(offered(ThresholdField::RunPace, 1000.0 / 240), 1000.0 / 250));
}

TEST(ThresholdSuggest, OnlyBetterEstimatesThanTheCurrentAndTheDismissedAreSuggested)
{
    Thresholds current;
    current.ftpWatts = 250;
    current.maxHr = 190;
    const std::vector<ThresholdEstimate> estimates{
        offered(ThresholdField::Ftp, 265), offered(ThresholdField::MaxHr, 188), offered(ThresholdField::LthrRun, 170)};
    auto suggested = suggestedUpdates(estimates, current, {});
    ASSERT_EQ(suggested.size(), 2u);
    EXPECT_EQ(suggested[0].estimate.field, ThresholdField::Ftp);
    EXPECT_EQ(suggested[0].current, 250);
    EXPECT_EQ(suggested[1].estimate.field, ThresholdField::LthrRun);
    EXPECT_FALSE(suggested[1].current.has_value());

    // Dismissed: the same estimates never come back, a lesser one neither, a better one does.
    SuggestionMemory memory;
    memory.dismiss(estimates);
    const SuggestionMemory stored = SuggestionMemory::fromJson(memory.toJson());
    EXPECT_EQ(stored.dismissed, memory.dismissed);
    EXPECT_TRUE(suggestedUpdates(estimates, current, stored.dismissed).empty());
    EXPECT_TRUE(suggestedUpdates({offered(ThresholdField::Ftp, 262)}, current, stored.dismissed).empty());
    EXPECT_EQ(suggestedUpdates({offered(ThresholdField::Ftp, 275)}, current, stored.dismissed).size(), 1u);
}

TEST(ThresholdSuggest, TheMemoryReadsBackAndIgnoresJunk)
{
    SuggestionMemory m;
    m.offeredOnce = true;
    m.dismiss({offered(ThresholdField::Css, 1.1)});
    m.dismiss({offered(ThresholdField::Css, 1.0)}); // the higher value is kept
    const SuggestionMemory back = SuggestionMemory::fromJson(m.toJson());
    EXPECT_TRUE(back.offeredOnce);
    EXPECT_EQ(back.dismissed.cssSpeed, 1.1);
    QJsonObject junk{{QStringLiteral("dismissed"), QJsonObject{{QStringLiteral("ftp"), QStringLiteral("lots")},
                                                               {QStringLiteral("nonsense"), 3},
                                                               {QStringLiteral("max_hr"), -4}}}};
    EXPECT_EQ(SuggestionMemory::fromJson(junk).dismissed, Thresholds{});
}
