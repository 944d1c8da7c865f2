#include "core/model/athlete.h"

#include <gtest/gtest.h>

using namespace tricoach;

TEST(ThresholdHistory, EachFieldComesFromTheLatestChangeThatSetIt)
{
    ThresholdHistory h;
    ThresholdChange jan{QDate(2024, 1, 1), {}};
    jan.values.ftpWatts = 240;
    jan.values.lthrRun = 165;
    ThresholdChange mar{QDate(2024, 3, 1), {}};
    mar.values.ftpWatts = 255; // only FTP changes
    h.add(mar);
    h.add(jan); // out of order on purpose

    EXPECT_FALSE(h.at(QDate(2023, 12, 31)).ftpWatts.has_value());
    EXPECT_EQ(h.at(QDate(2024, 1, 1)).ftpWatts, 240);
    EXPECT_EQ(h.at(QDate(2024, 2, 29)).ftpWatts, 240);
    EXPECT_EQ(h.at(QDate(2024, 3, 1)).ftpWatts, 255);
    EXPECT_EQ(h.at(QDate(2024, 3, 1)).lthrRun, 165);
    EXPECT_EQ(h.at(QDate(2030, 1, 1)).ftpWatts, 255);
}

TEST(Thresholds, LthrFallsBackAcrossSports)
{
    Thresholds t;
    EXPECT_FALSE(t.lthrFor(Sport::Bike).has_value());
    t.lthrRun = 170;
    EXPECT_EQ(t.lthrFor(Sport::Bike), 170);
    t.lthrBike = 160;
    EXPECT_EQ(t.lthrFor(Sport::Bike), 160);
    EXPECT_EQ(t.lthrFor(Sport::Run), 170);
    EXPECT_EQ(t.lthrFor(Sport::Swim), 170);
}
