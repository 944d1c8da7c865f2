// The shared bounds-checked reader: both byte orders, every width, and failure instead of reading past the
// end.
#include "core/io/bytecursor.h"

#include <QByteArray>

#include <gtest/gtest.h>

using namespace tricoach;

namespace {
const QByteArray kBytes = QByteArray::fromHex("0102030405060708");
}

TEST(ByteCursor, ReadsIntegersInBothByteOrders)
{
    ByteCursor le(kBytes);
    EXPECT_EQ(le.u8(), 0x01);
    EXPECT_EQ(le.u16(), 0x0302);
    EXPECT_EQ(le.u32(), 0x07060504u);
    EXPECT_EQ(le.remaining(), 1);

    ByteCursor be(kBytes);
    EXPECT_EQ(be.u16(ByteOrder::Big), 0x0102);
    EXPECT_EQ(be.u32(ByteOrder::Big), 0x03040506u);
    EXPECT_EQ(ByteCursor(kBytes).u64(ByteOrder::Big), 0x0102030405060708ULL);
    EXPECT_EQ(ByteCursor(kBytes).u64(ByteOrder::Little), 0x0807060504030201ULL);
}

TEST(ByteCursor, ReadsSignedAndFloatingValues)
{
    const QByteArray neg = QByteArray::fromHex("FFFE");
    EXPECT_EQ(ByteCursor(neg).i16(ByteOrder::Big), -2);
    EXPECT_EQ(ByteCursor(neg).i8(), -1);
    const QByteArray oneAndHalf = QByteArray::fromHex("0000C03F"); // 1.5f little-endian
    EXPECT_FLOAT_EQ(*ByteCursor(oneAndHalf).f32(), 1.5f);
    const QByteArray minusTwo = QByteArray::fromHex("C000000000000000"); // -2.0 big-endian
    EXPECT_DOUBLE_EQ(*ByteCursor(minusTwo).f64(ByteOrder::Big), -2.0);
}

TEST(ByteCursor, FailsWithOffsetInsteadOfReadingPastTheEnd)
{
    ByteCursor c(QByteArrayView(kBytes).first(3), 100);
    EXPECT_EQ(c.u16(), 0x0201);
    EXPECT_FALSE(c.u16().has_value()); // one byte left
    EXPECT_TRUE(c.failed());
    EXPECT_EQ(c.failOffset(), 102); // absolute: base + position of the failed read
    EXPECT_EQ(c.pos(), 2);          // a failed read does not move the cursor
    EXPECT_EQ(c.u8(), 0x03);
    EXPECT_FALSE(c.u8().has_value());
}

TEST(ByteCursor, TakeSkipSeekAndPeekAreChecked)
{
    ByteCursor c(kBytes);
    const auto head = c.take(3);
    ASSERT_TRUE(head.has_value());
    EXPECT_EQ(head->size(), 3);
    EXPECT_FALSE(c.take(6).has_value());
    EXPECT_FALSE(c.take(-1).has_value());
    EXPECT_FALSE(c.skip(6));
    EXPECT_TRUE(c.skip(5));
    EXPECT_TRUE(c.atEnd());
    EXPECT_FALSE(c.seek(9));
    EXPECT_TRUE(c.seek(0));
    EXPECT_EQ(c.peekAt<std::uint16_t>(6), 0x0807);
    EXPECT_FALSE(c.peekAt<std::uint16_t>(7).has_value());
    EXPECT_FALSE(ByteCursor::readAt<std::uint32_t>(kBytes, -1).has_value());
    EXPECT_FALSE(ByteCursor::readAt<std::uint64_t>(QByteArrayView(), 0).has_value());
}
