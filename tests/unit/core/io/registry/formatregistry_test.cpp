// FormatRegistry: suffix and sniffing choices, gzip unwrapping, and expanding folders and zip exports into files.
#include "core/io/formatregistry.h"
#include "tests/support/tempdir.h"

#include "../archive/archivetestutil.h"

#include <QDir>
#include <QFile>

#include <gtest/gtest.h>

using namespace tricoach;
using namespace tricoach::test;

namespace {

QByteArray corpus(const QString& relative)
{
    return readFile(QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/") + relative);
}

// Stands in for a binary format in the choice tests: claims FIT's signature (".FIT" at byte 8).
class FakeFitReader final : public ActivityReader {
public:
    QString formatId() const override { return QStringLiteral("fit"); }
    bool sniff(QByteArrayView head) const override { return head.size() >= 12 && head.sliced(8, 4) == ".FIT"; }
    DecodedFile read(QByteArrayView) const override { return {}; }
};

const QByteArray kFitHead("\x0e\x10\x00\x00\x00\x00\x00\x00.FIT\x00\x00", 14);
const QByteArray kTcxHead("<?xml version=\"1.0\"?>\n<TrainingCenterDatabase xmlns=\"x\">");
const QByteArray kGpxHead("<?xml version=\"1.0\"?>\n<gpx version=\"1.1\">");

FormatRegistry withFakeFit()
{
    FormatRegistry r;
    if (r.reader(u"fit") == nullptr)
        r.add(std::make_unique<FakeFitReader>());
    return r;
}

TEST(FormatRegistry, HoldsTheBuiltInReaders)
{
    const FormatRegistry r;
    ASSERT_NE(r.reader(u"tcx"), nullptr);
    ASSERT_NE(r.reader(u"gpx"), nullptr);
    EXPECT_EQ(r.reader(u"tcx")->formatId(), QLatin1String("tcx"));
    EXPECT_EQ(r.reader(u"nope"), nullptr);
    EXPECT_EQ(FormatRegistry(FormatRegistry::Empty{}).formatIds().size(), 0U);
}

TEST(FormatRegistry, SuffixChoices)
{
    const FormatRegistry r = withFakeFit();
    EXPECT_EQ(r.formatIdForName(QStringLiteral("a.fit")), QLatin1String("fit"));
    EXPECT_EQ(r.formatIdForName(QStringLiteral("A.FIT")), QLatin1String("fit"));
    EXPECT_EQ(r.formatIdForName(QStringLiteral("dir/a.fit.gz")), QLatin1String("fit"));
    EXPECT_EQ(r.formatIdForName(QStringLiteral("a.Tcx")), QLatin1String("tcx"));
    EXPECT_EQ(r.formatIdForName(QStringLiteral("a.tcx.GZ")), QLatin1String("tcx"));
    EXPECT_EQ(r.formatIdForName(QStringLiteral("a.gpx")), QLatin1String("gpx"));
    EXPECT_EQ(r.formatIdForName(QStringLiteral("a.gpx.gz")), QLatin1String("gpx"));
    for (const char* other : {"a.csv", "a.json", "a.jpg", "fit", ".fit.gz.zip", "a.gz", "afit", "a.tcxx", "a.zip"})
        EXPECT_TRUE(r.formatIdForName(QLatin1String(other)).isEmpty()) << other;
}

TEST(FormatRegistry, ReaderForBySuffixThenSniffing)
{
    const FormatRegistry r = withFakeFit();
    auto id = [&](const char* name, const QByteArray& head) {
        const ActivityReader* reader = r.readerFor(QLatin1String(name), head);
        return reader != nullptr ? reader->formatId() : QStringLiteral("none");
    };
    EXPECT_EQ(id("a.fit", kFitHead), QLatin1String("fit"));
    EXPECT_EQ(id("a.tcx", kTcxHead), QLatin1String("tcx"));
    EXPECT_EQ(id("a.gpx", kGpxHead), QLatin1String("gpx"));
    EXPECT_EQ(id("a.tcx", QByteArray()), QLatin1String("tcx"));      // no head: the suffix decides
    EXPECT_EQ(id("a.tcx", "<?xml?>"), QLatin1String("tcx"));         // a head too short to tell: the suffix
    EXPECT_EQ(id("a.gpx", kTcxHead), QLatin1String("tcx"));          // mislabelled: the content wins
    EXPECT_EQ(id("a.gpx.gz", "\x1f\x8b\x08"), QLatin1String("gpx")); // compressed: the suffix
    EXPECT_EQ(id("download", kGpxHead), QLatin1String("gpx"));       // no suffix: sniffing
    EXPECT_EQ(id("export.xml", kTcxHead), QLatin1String("tcx"));
    EXPECT_EQ(id("blob.bin", kFitHead), QLatin1String("fit"));
    EXPECT_EQ(id("notes.txt", "hello"), QLatin1String("none"));
}

TEST(FormatRegistry, DecodeUnwrapsGzip)
{
    const FormatRegistry r;
    const QByteArray tcx = corpus(QStringLiteral("tcx/running-garmin-fr410-hr.tcx"));
    const QByteArray gpx = corpus(QStringLiteral("gpx/swim-openwater-strava-export.gpx"));
    const DecodedFile a = r.decode(QStringLiteral("run.tcx.gz"), gzip(tcx));
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a.activities.front().streams.size(), 384U);
    const DecodedFile b = r.decode(QStringLiteral("4623204522"), gzip(gpx)); // no suffix at all
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b.activities.front().sport, Sport::Swim);
    EXPECT_TRUE(r.decode(QStringLiteral("swim.GPX"), gpx).ok());

    const DecodedFile truncated = r.decode(QStringLiteral("run.tcx.gz"), gzip(tcx).left(1000));
    ASSERT_TRUE(truncated.error.has_value());
    EXPECT_EQ(truncated.error->code, QLatin1String("gzip.truncated"));
    const DecodedFile unknown = r.decode(QStringLiteral("notes.txt"), "just words");
    ASSERT_TRUE(unknown.error.has_value());
    EXPECT_EQ(unknown.error->code, QLatin1String("format.unknown"));
    EXPECT_TRUE(unknown.error->message.contains(QLatin1String("notes.txt")));
    EXPECT_TRUE(r.decode(QStringLiteral("empty.gpx"), QByteArray()).error.has_value());
}

class FormatRegistryExpand : public TempDirTest {
protected:
    void put(const QString& relative, const QByteArray& data)
    {
        const QString path = pathFor(relative);
        QDir().mkpath(QFileInfo(path).path());
        ASSERT_TRUE(writeFile(path, data)) << path.toStdString();
    }
    QStringList names(const ExpandResult& r) const
    {
        QStringList out;
        for (const ActivityFileRef& f : r.files)
            out.append(f.displayName().mid(m_dir.path().size() + 1));
        return out;
    }
};

TEST_F(FormatRegistryExpand, GarminDeviceFolder)
{
    const QByteArray fit = corpus(QStringLiteral("fit/cycling-garmin-edge820-commute-short.fit"));
    put(QStringLiteral("GARMIN/Activity/2024-05-01-10-00-00.fit"), fit);
    put(QStringLiteral("GARMIN/Activity/2024-05-02-10-00-00.FIT"), fit);
    put(QStringLiteral("GARMIN/Activity/readme.txt"), "not an activity");
    put(QStringLiteral("GARMIN/Courses/route.gpx"), corpus(QStringLiteral("gpx/running-amazfit-watch.gpx")));
    put(QStringLiteral("GARMIN/Device.xml"), "<Device/>");
    put(QStringLiteral("photo.jpg"), "\xff\xd8\xff");

    const FormatRegistry r = withFakeFit();
    const ExpandResult out = r.expand(m_dir.path());
    EXPECT_TRUE(out.problems.empty());
    EXPECT_EQ(names(out), (QStringList{QStringLiteral("GARMIN/Activity/2024-05-01-10-00-00.fit"),
                                       QStringLiteral("GARMIN/Activity/2024-05-02-10-00-00.FIT"),
                                       QStringLiteral("GARMIN/Courses/route.gpx")}));
    EXPECT_FALSE(out.files.front().entry.has_value());
    EXPECT_EQ(*FormatRegistry::load(out.files.front()), fit);
    EXPECT_TRUE(r.decodeFile(out.files.back()).ok());
}

TEST_F(FormatRegistryExpand, ZipExportWithFolderTreeAndNestedGzip)
{
    const QByteArray fit = corpus(QStringLiteral("fit/cycling-garmin-fenix5-short.fit"));
    const QByteArray tcx = corpus(QStringLiteral("tcx/sup-garmin-vivoactivehr.tcx"));
    const QByteArray gpx = corpus(QStringLiteral("gpx/running-strava-android-export.gpx"));
    put(QStringLiteral("export.zip"), makeZip({{QStringLiteral("export_1/"), {}, false},
                                               {QStringLiteral("export_1/activities/"), {}, false},
                                               {QStringLiteral("export_1/activities/101.fit.gz"), gzip(fit), false},
                                               {QStringLiteral("export_1/activities/102.tcx"), tcx, true},
                                               {QStringLiteral("export_1/activities/103.gpx.gz"), gzip(gpx), true},
                                               {QStringLiteral("export_1/activities.csv"), "id,name\n", true},
                                               {QStringLiteral("export_1/profile.json"), "{}", true},
                                               {QStringLiteral("export_1/media/photo.jpg"), "\xff\xd8\xff", false}}));

    const FormatRegistry r = withFakeFit();
    const ExpandResult out = r.expand(pathFor(QStringLiteral("export.zip")));
    EXPECT_TRUE(out.problems.empty());
    ASSERT_EQ(out.files.size(), 3U);
    EXPECT_EQ(out.files[0].fileName(), QLatin1String("export_1/activities/101.fit.gz"));
    EXPECT_EQ(out.files[0].displayName(),
              pathFor(QStringLiteral("export.zip")) + QLatin1String("!export_1/activities/101.fit.gz"));
    EXPECT_EQ(*FormatRegistry::load(out.files[0]), gzip(fit));
    const DecodedFile fromTcx = r.decodeFile(out.files[1]);
    ASSERT_TRUE(fromTcx.ok());
    EXPECT_EQ(fromTcx.activities.front().streams.size(), 111U);
    const DecodedFile fromGpx = r.decodeFile(out.files[2]);
    ASSERT_TRUE(fromGpx.ok());
    EXPECT_EQ(fromGpx.activities.front().streams.size(), 1038U);

    // The same archive inside a folder is expanded too.
    const ExpandResult viaFolder = r.expand(m_dir.path());
    EXPECT_EQ(viaFolder.files.size(), 3U);
}

TEST_F(FormatRegistryExpand, ProblemsAreReported)
{
    const FormatRegistry r = withFakeFit();
    put(QStringLiteral("broken.zip"), "PK\x03\x04 this archive was cut off");
    put(QStringLiteral("table.csv"), "a,b\n");
    put(QStringLiteral("ok.gpx"), corpus(QStringLiteral("gpx/running-amazfit-watch.gpx")));

    const ExpandResult folder = r.expand(m_dir.path());
    EXPECT_EQ(names(folder), QStringList{QStringLiteral("ok.gpx")});
    ASSERT_EQ(folder.problems.size(), 1U);
    EXPECT_EQ(folder.problems.front().path, pathFor(QStringLiteral("broken.zip")));
    EXPECT_EQ(folder.problems.front().error.code, QLatin1String("zip.not-zip"));

    const ExpandResult missing = r.expand(pathFor(QStringLiteral("nope.fit")));
    ASSERT_EQ(missing.problems.size(), 1U);
    EXPECT_EQ(missing.problems.front().error.code, QLatin1String("io.not-found"));

    const ExpandResult csv = r.expand(pathFor(QStringLiteral("table.csv")));
    EXPECT_TRUE(csv.files.empty());
    ASSERT_EQ(csv.problems.size(), 1U);
    EXPECT_EQ(csv.problems.front().error.code, QLatin1String("import.not-activity"));

    const ExpandResult single = r.expand(pathFor(QStringLiteral("ok.gpx")));
    ASSERT_EQ(single.files.size(), 1U);
    EXPECT_TRUE(r.decodeFile(single.files.front()).ok());

    // A file that vanished between expand and load is an io error, not a crash.
    ActivityFileRef gone{pathFor(QStringLiteral("gone.tcx")), std::nullopt};
    const DecodedFile d = r.decodeFile(gone);
    ASSERT_TRUE(d.error.has_value());
    EXPECT_EQ(d.error->code, QLatin1String("io.unreadable"));
}

TEST_F(FormatRegistryExpand, FilesLargerThanTheirFormatAllowsAreRefusedUnread)
{
    const FormatRegistry r;
    // A 5 GiB file named .fit (sparse: it takes no disk): refused for its size before a byte of it is read.
    QFile huge(pathFor(QStringLiteral("huge.fit")));
    ASSERT_TRUE(huge.open(QIODevice::WriteOnly));
    ASSERT_TRUE(huge.resize(qint64(5) << 30));
    huge.close();
    const DecodedFile d = r.decodeFile({huge.fileName(), std::nullopt});
    ASSERT_TRUE(d.error.has_value());
    EXPECT_EQ(d.error->code, QLatin1String("import.too-large"));
    EXPECT_TRUE(d.error->message.contains(QLatin1String("huge.fit is 5120.0 MiB"))) << d.error->message.toStdString();
    EXPECT_TRUE(d.error->message.contains(QLatin1String("up to 64.0 MiB"))) << d.error->message.toStdString();

    // A zip entry whose header says it unpacks past the limit is not unpacked; a gzip file whose trailer says
    // so neither. The same bytes are within an XML file's larger limit.
    const QByteArray zeros(kMaxFitFileBytes + 1, '\0');
    put(QStringLiteral("export.zip"),
        makeZip({{QStringLiteral("bomb.fit"), zeros, true}, {QStringLiteral("zeros.gpx"), zeros, true}}));
    const ExpandResult zip = r.expand(pathFor(QStringLiteral("export.zip")));
    ASSERT_EQ(zip.files.size(), 2U);
    const DecodedFile entry = r.decodeFile(zip.files[0]);
    ASSERT_TRUE(entry.error.has_value());
    EXPECT_EQ(entry.error->code, QLatin1String("import.too-large"));
    EXPECT_TRUE(entry.error->message.contains(QLatin1String("not unpacked"))) << entry.error->message.toStdString();
    const DecodedFile xmlEntry = r.decodeFile(zip.files[1]);
    ASSERT_TRUE(xmlEntry.error.has_value());
    EXPECT_NE(xmlEntry.error->code, QLatin1String("import.too-large"));

    put(QStringLiteral("bomb.fit.gz"), gzip(zeros));
    const DecodedFile packed = r.decodeFile({pathFor(QStringLiteral("bomb.fit.gz")), std::nullopt});
    ASSERT_TRUE(packed.error.has_value());
    EXPECT_EQ(packed.error->code, QLatin1String("archive.too-large"));
    EXPECT_EQ(FormatRegistry::maxFileBytes(u"fit"), kMaxFitFileBytes);
    EXPECT_EQ(FormatRegistry::maxFileBytes(u"gpx"), kMaxXmlFileBytes);
    EXPECT_EQ(FormatRegistry::maxFileBytes(u"tcx"), kMaxXmlFileBytes);
}

TEST_F(FormatRegistryExpand, ThePlanComesFromTheSizeAndTheHeader)
{
    const FormatRegistry r;
    const QByteArray gpx = corpus(QStringLiteral("gpx/running-amazfit-watch.gpx"));
    const QByteArray tcx = corpus(QStringLiteral("tcx/running-garmin-fr410-hr.tcx"));
    const QByteArray fit = corpus(QStringLiteral("fit/running-garmin-fenix5-short.fit"));
    put(QStringLiteral("run.gpx"), gpx);
    put(QStringLiteral("mislabelled.gpx"), tcx);
    put(QStringLiteral("4623204522"), gzip(fit)); // a download without a name
    put(QStringLiteral("notes.bin"), QByteArray(4 << 20, 'x'));

    const auto plain = r.plan({pathFor(QStringLiteral("run.gpx")), std::nullopt});
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->formatId, QLatin1String("gpx"));
    EXPECT_EQ(plain->fileBytes, gpx.size());
    EXPECT_FALSE(plain->gzip);
    EXPECT_GT(plain->memoryBytes, gpx.size());
    EXPECT_EQ(r.plan({pathFor(QStringLiteral("mislabelled.gpx")), std::nullopt})->formatId, QLatin1String("tcx"));

    const auto packed = r.plan({pathFor(QStringLiteral("4623204522")), std::nullopt});
    ASSERT_TRUE(packed);
    EXPECT_TRUE(packed->gzip);
    EXPECT_EQ(packed->maxUnpacked, std::max<qint64>(fit.size(), 64 << 10)); // its trailer's size, at least 64 KiB
    EXPECT_GE(packed->memoryBytes, packed->fileBytes + packed->maxUnpacked);
    const ReadPlan full = FormatRegistry::withFullUnpacking(*packed);
    EXPECT_EQ(full.maxUnpacked, kMaxXmlFileBytes); // the format is not known until unpacked: the larger limit
    EXPECT_GT(full.memoryBytes, packed->memoryBytes);

    // Neither the name nor the first bytes say what it is: refused without reading the rest.
    const auto unknown = r.plan({pathFor(QStringLiteral("notes.bin")), std::nullopt});
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, QLatin1String("format.unknown"));
    EXPECT_TRUE(unknown.error().message.contains(QLatin1String("notes.bin")));
}

} // namespace
