// Inputs that once broke (or were written to break) the XML readers: tests/data/fuzz-regressions/{tcx,gpx}/.
// Each must come back as activities or an error, with consistent streams, quickly.
#include "core/io/gpx/gpxreader.h"
#include "core/io/tcx/tcxreader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <gtest/gtest.h>

using namespace tricoach;

namespace {

void expectSane(const DecodedFile& d, const QString& what)
{
    EXPECT_TRUE(d.error.has_value() || !d.activities.empty()) << what.toStdString();
    if (d.error) {
        EXPECT_FALSE(d.error->message.isEmpty()) << what.toStdString();
    }
    for (const Activity& a : d.activities) {
        for (const auto& [channel, series] : a.streams.channels)
            EXPECT_EQ(series.size(), a.streams.time.size()) << what.toStdString();
        EXPECT_GE(a.elapsedSec, 0) << what.toStdString();
    }
}

void runFolder(const char* folder, const ActivityReader& reader)
{
    const QDir dir(QStringLiteral(TRICOACH_SOURCE_DIR "/tests/data/fuzz-regressions/") + QLatin1String(folder));
    const QStringList files = dir.entryList(QDir::Files);
    EXPECT_FALSE(files.isEmpty());
    for (const QString& name : files) {
        QFile f(dir.filePath(name));
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        QElapsedTimer timer;
        timer.start();
        expectSane(reader.read(f.readAll()), name);
        EXPECT_LT(timer.elapsed(), 2000) << name.toStdString();
    }
}

TEST(XmlFuzzRegressions, Tcx)
{
    runFolder("tcx", TcxReader());
}
TEST(XmlFuzzRegressions, Gpx)
{
    runFolder("gpx", GpxReader());
}

TEST(XmlFuzzRegressions, DeepNestingIsIterative)
{
    const QByteArray open = QByteArray("<x>").repeated(100000), close = QByteArray("</x>").repeated(100000);
    expectSane(GpxReader().read("<gpx xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><trkseg><trkpt lat=\"1\" "
                                "lon=\"2\"><extensions>" +
                                open + close + "</extensions></trkpt></trkseg></trk></gpx>"),
               QStringLiteral("deep gpx"));
    expectSane(TcxReader().read("<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/"
                                "TrainingCenterDatabase/v2\"><Activities><Activity Sport=\"Biking\"><Lap><Track>"
                                "<Trackpoint><Time>2024-01-01T00:00:00Z</Time><Extensions>" +
                                open + close +
                                "</Extensions></Trackpoint></Track></Lap></Activity></Activities>"
                                "</TrainingCenterDatabase>"),
               QStringLiteral("deep tcx"));
}

TEST(XmlFuzzRegressions, EveryPrefixOfASmallFileIsHandled)
{
    const QByteArray tcx =
        "<?xml version=\"1.0\"?><TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/"
        "TrainingCenterDatabase/v2\"><Activities><Activity Sport=\"Running\"><Id>2024-01-01T00:00:00Z</Id><Lap "
        "StartTime=\"2024-01-01T00:00:00Z\"><TotalTimeSeconds>2</TotalTimeSeconds><Track><Trackpoint><Time>"
        "2024-01-01T00:00:00Z</Time><HeartRateBpm><Value>100</Value></HeartRateBpm></Trackpoint><Trackpoint><Time>"
        "2024-01-01T00:00:02Z</Time></Trackpoint></Track></Lap></Activity></Activities></TrainingCenterDatabase>";
    for (qsizetype n = 0; n <= tcx.size(); ++n)
        expectSane(TcxReader().read(tcx.left(n)), QString::number(n));
    const QByteArray gpx = "<gpx xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><type>9</type><trkseg><trkpt "
                           "lat=\"1\" lon=\"2\"><ele>3</ele><time>2024-01-01T00:00:00Z</time><extensions><hr>99</hr>"
                           "</extensions></trkpt><trkpt lat=\"1.001\" lon=\"2\"><time>2024-01-01T00:00:05Z</time>"
                           "</trkpt></trkseg></trk></gpx>";
    for (qsizetype n = 0; n <= gpx.size(); ++n)
        expectSane(GpxReader().read(gpx.left(n)), QString::number(n));
}

} // namespace
