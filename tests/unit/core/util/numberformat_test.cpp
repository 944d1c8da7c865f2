#include "core/util/numberformat.h"

#include <gtest/gtest.h>

using namespace tricoach;

TEST(NumberFormat, AValueThatRoundsToZeroHasNoSign)
{
    EXPECT_EQ(fixedNumber(-0.04, 1), QStringLiteral("0.0"));
    EXPECT_EQ(fixedNumber(-0.0, 1), QStringLiteral("0.0"));
    EXPECT_EQ(fixedNumber(-0.4, 0), QStringLiteral("0"));
    EXPECT_EQ(fixedNumber(-0.004, 2), QStringLiteral("0.00"));
    EXPECT_EQ(fixedNumber(-0.06, 1), QStringLiteral("-0.1"));
    EXPECT_EQ(fixedNumber(-12.34, 1), QStringLiteral("-12.3"));
    EXPECT_EQ(fixedNumber(52.25, 0), QStringLiteral("52"));
}

TEST(NumberFormat, AChangeCarriesItsSignUnlessItIsNothing)
{
    EXPECT_EQ(signedNumber(6.5, 1), QStringLiteral("+6.5"));
    EXPECT_EQ(signedNumber(-2, 1), QStringLiteral("-2.0"));
    EXPECT_EQ(signedNumber(-0.03, 1), QStringLiteral("0.0"));
    EXPECT_EQ(signedNumber(0.03, 1), QStringLiteral("0.0"));
}
