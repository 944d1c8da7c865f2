// The helpers both XML readers share (core/io/xmlsupport.h): leniency, time parsing, track arithmetic.
#include "core/io/xmlsupport.h"

#include <QDateTime>

#include <gtest/gtest.h>

using namespace tricoach;
using namespace tricoach::xml;

namespace {

qint64 qtMs(const char* iso)
{
    return QDateTime::fromString(QLatin1String(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

TEST(XmlSupport, IsoTimes)
{
    EXPECT_EQ(parseIsoTimeMs(u"1970-01-01T00:00:00Z"), 0);
    EXPECT_EQ(parseIsoTimeMs(u"2014-10-11T18:08:45.000Z"), qtMs("2014-10-11T18:08:45.000Z"));
    EXPECT_EQ(parseIsoTimeMs(u"2020-02-05T16:25:14.909Z"), qtMs("2020-02-05T16:25:14.909Z"));
    EXPECT_EQ(parseIsoTimeMs(u"2024-02-29T23:59:59Z"), qtMs("2024-02-29T23:59:59Z"));
    EXPECT_EQ(parseIsoTimeMs(u"2012-12-26T21:29:53"), qtMs("2012-12-26T21:29:53Z")); // no zone: UTC
    EXPECT_EQ(parseIsoTimeMs(u"2024-05-01T12:00:00+02:00"), qtMs("2024-05-01T10:00:00Z"));
    EXPECT_EQ(parseIsoTimeMs(u"2024-05-01T12:00:00+0200"), qtMs("2024-05-01T10:00:00Z"));
    EXPECT_EQ(parseIsoTimeMs(u"2024-05-01T08:00:00-02"), qtMs("2024-05-01T10:00:00Z"));
    EXPECT_EQ(parseIsoTimeMs(u" 2014-01-17T08:33:11.150Z\n"), qtMs("2014-01-17T08:33:11.150Z"));
    EXPECT_EQ(parseIsoTimeMs(u"1899-12-31T00:00:00Z"), qtMs("1899-12-31T00:00:00Z"));
    for (const char16_t* bad :
         {u"", u"2024-13-01T00:00:00Z", u"2024-01-32T00:00:00Z", u"2024-01-01", u"2024-01-01T00:00:00Q",
          u"2024-01-01T00:00:00.Z", u"abcd-01-01T00:00:00Z", u"2024-01-01T00:00:00+99:00", u"0000-01-01T00:00:00Z"})
        EXPECT_FALSE(parseIsoTimeMs(bad).has_value()) << QString::fromUtf16(bad).toStdString();
}

TEST(XmlSupport, Numbers)
{
    EXPECT_EQ(parseNumber(u" 12.5 "), 12.5);
    EXPECT_EQ(parseNumber(u"-3e2"), -300);
    EXPECT_FALSE(parseNumber(u"").has_value());
    EXPECT_FALSE(parseNumber(u"nan").has_value());
    EXPECT_FALSE(parseNumber(u"inf").has_value());
    EXPECT_FALSE(parseNumber(u"12,5").has_value());
}

TEST(XmlSupport, HaversineUsesTheMeanEarthRadius)
{
    // One degree of latitude is R·π/180 = 111195.08 m with R = 6371008.8 m.
    EXPECT_NEAR(haversineM(45, 7, 46, 7), 111195.08, 0.01);
    EXPECT_NEAR(haversineM(0, 0, 0, 1), 111195.08, 0.01);
    EXPECT_EQ(haversineM(10, 10, 10, 10), 0);
}

TEST(XmlSupport, ElevationGainIgnoresNoiseBelowTheHysteresis)
{
    EXPECT_FALSE(elevationGainM({}).has_value());
    EXPECT_EQ(*elevationGainM({100, 102, 100, 102, 100, 102}), 0); // 2 m jitter
    EXPECT_EQ(*elevationGainM({100, 101, 102, 103, 104, 105}), 5); // a steady climb counts fully...
    EXPECT_EQ(*elevationGainM({100, 110, 100, 110}), 20);          // ...and every real climb
    EXPECT_EQ(*elevationGainM({100, kMissing, 104}), 4);
}

TEST(XmlSupport, TrimLeadingJunk)
{
    bool fixed = false;
    EXPECT_EQ(trimLeadingJunk("\xEF\xBB\xBF<?xml?><a/>", &fixed), QByteArrayView("<?xml?><a/>"));
    EXPECT_FALSE(fixed); // a byte-order mark is legal
    EXPECT_EQ(trimLeadingJunk(" \r\n<?xml?><a/>", &fixed), QByteArrayView("<?xml?><a/>"));
    EXPECT_TRUE(fixed);
    EXPECT_EQ(trimLeadingJunk("  <a/>", &fixed), QByteArrayView("<a/>"));
    EXPECT_FALSE(fixed); // whitespace before a root without declaration is legal
}

TEST(XmlSupport, DeclareMissingPrefixes)
{
    QStringList declared;
    const QByteArray fixed = declareMissingPrefixes(
        "<?xml version=\"1.0\"?><!-- <bad:x> --><gpx xmlns:a=\"urn:a\" b:attr=\"x>y\"><a:x/><gpxdata:hr>1</gpxdata:hr>"
        "<![CDATA[<c:z>]]></gpx>",
        &declared);
    EXPECT_EQ(declared, (QStringList{QStringLiteral("b"), QStringLiteral("gpxdata")}));
    EXPECT_TRUE(fixed.startsWith("<?xml version=\"1.0\"?><!-- <bad:x> --><gpx xmlns:b=\"urn:tricoach:undeclared:b\" "
                                 "xmlns:gpxdata=\"http://www.cluetrust.com/XML/GPXDATA/1/0\" xmlns:a"));
    declared.clear();
    EXPECT_TRUE(declareMissingPrefixes("<a xmlns:x=\"u\"><x:b/></a>", &declared).isEmpty());
    EXPECT_TRUE(declared.isEmpty());
    EXPECT_TRUE(declareMissingPrefixes("", &declared).isEmpty());
    EXPECT_TRUE(declareMissingPrefixes("<", &declared).isEmpty());
    EXPECT_TRUE(declareMissingPrefixes("<a b", &declared).isEmpty());
}

TEST(XmlSupport, StreamsFromPoints)
{
    std::vector<TrackPoint> points(3);
    points[0].timeMs = 1000;
    points[1].timeMs = kNoTime;
    points[2].timeMs = 5000;
    points[0][Channel::HeartRate] = 100;
    points[2][Channel::HeartRate] = 0;
    interpolateMissingTimes(points);
    EXPECT_EQ(points[1].timeMs, 3000);
    const Streams s = buildStreams(points, 1000);
    EXPECT_EQ(s.time, (std::vector<double>{0, 2, 4}));
    EXPECT_FALSE(s.has(Channel::Power));
    const std::vector<double>* hr = s.get(Channel::HeartRate);
    ASSERT_NE(hr, nullptr);
    ASSERT_EQ(hr->size(), 3U);
    EXPECT_EQ(hr->front(), 100);
    EXPECT_TRUE(isMissing(hr->back()));
}

} // namespace

namespace {

TEST(XmlSupport, ReadNumberJoinsSplitText)
{
    QXmlStreamReader r(QByteArrayLiteral("<a><b>1<!--x-->20</b><c>&#49;2</c><d/><e> 7 </e><f><g>9</g>3</f>"
                                         "<h><![CDATA[4]]>.5</h><t>2024-01-01T00:00:0<!---->1Z</t></a>"));
    ASSERT_TRUE(r.readNextStartElement());
    std::vector<std::optional<double>> values;
    std::optional<qint64> time;
    while (r.readNextStartElement()) {
        if (r.name() == u"t")
            time = readTimeMs(r);
        else
            values.push_back(readNumber(r));
    }
    EXPECT_FALSE(r.hasError());
    EXPECT_EQ(values, (std::vector<std::optional<double>>{120, 12, std::nullopt, 7, 3, 4.5}));
    EXPECT_EQ(time, parseIsoTimeMs(u"2024-01-01T00:00:01Z"));
}

} // namespace
