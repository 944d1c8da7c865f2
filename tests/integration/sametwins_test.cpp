// The same session exported twice, as a real device export folder holds it: the importer must store it once.
#include "core/import/activityimporter.h"
#include "core/io/formatregistry.h"
#include "core/store/activitystore.h"
#include "tests/support/tempdir.h"

#include <QDir>
#include <QFile>

#include <gtest/gtest.h>

using namespace tricoach;

namespace {

QString corpus(const QString& rel)
{
    return QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/") + rel;
}

const QString kFitSwim = QStringLiteral("fit/swim-pool-garmin-fr945-25m-chained.fit");
const QString kTcxSwim = QStringLiteral("tcx/swim-pool-garmin-fr945-25m.tcx"); // Sport="Other", the same swim

class SameSessionTwins : public test::TempDirTest {
protected:
    void SetUp() override
    {
        auto opened = ActivityStore::open(pathFor(QStringLiteral("twins.sqlite")));
        ASSERT_TRUE(opened) << opened.error().message.toStdString();
        store = std::move(*opened);
        athlete = store->defaultAthlete()->id;
    }

    // A copy of a corpus file under `name` in a folder of the temporary directory.
    QString place(const QString& folder, const QString& corpusFile, const QString& name)
    {
        EXPECT_TRUE(QDir().mkpath(pathFor(folder)));
        const QString target = pathFor(folder + QLatin1Char('/') + name);
        EXPECT_TRUE(QFile::copy(corpus(corpusFile), target)) << target.toStdString();
        return target;
    }

    FormatRegistry formats;
    std::unique_ptr<ActivityStore> store;
    AthleteId athlete = 0;
};

} // namespace

// A Garmin Connect export folder with the pool swim as FIT and as TCX (named alike, as Garmin names them):
// one Swim is stored, the other file is reported as its duplicate.
TEST_F(SameSessionTwins, PoolSwimAsFitAndTcxInOneFolderIsOneSwim)
{
    place(QStringLiteral("export"), kFitSwim, QStringLiteral("6860712481.fit"));
    place(QStringLiteral("export"), kTcxSwim, QStringLiteral("6860712481.tcx"));
    ActivityImporter importer(*store, formats);
    const ImportReport report = importer.run(athlete, {pathFor(QStringLiteral("export"))});
    ASSERT_EQ(report.files.size(), 2u);
    EXPECT_EQ(report.added(), 1);
    EXPECT_EQ(report.duplicates(), 1);
    EXPECT_EQ(report.failed(), 0);
    ASSERT_EQ(store->activityCount(athlete), 1);
    const Activity stored = store->activities(athlete).front();
    EXPECT_EQ(stored.sport, Sport::Swim);
    EXPECT_EQ(stored.subSport, QLatin1String("PoolSwim"));
    // Both files point at the one activity.
    EXPECT_EQ(report.files[0].activityIds, report.files[1].activityIds);
}

// The other order, in two imports: the TCX first (now a pool swim), then the FIT, the device's own recording with
// its pool lengths, is recognised as the same session and replaces the export in place.
TEST_F(SameSessionTwins, TcxSwimFirstThenFitIsOneSwim)
{
    ActivityImporter importer(*store, formats);
    const ImportReport first = importer.run(athlete, {place(QStringLiteral("a"), kTcxSwim, QStringLiteral("s.tcx"))});
    ASSERT_EQ(first.added(), 1);
    const ActivityId id = store->activities(athlete).front().id;
    EXPECT_EQ(store->activities(athlete).front().sport, Sport::Swim);
    const ImportReport second = importer.run(athlete, {place(QStringLiteral("b"), kFitSwim, QStringLiteral("s.fit"))});
    EXPECT_EQ(second.added(), 0);
    EXPECT_EQ(second.duplicates() + second.replaced(), 1);
    ASSERT_EQ(store->activityCount(athlete), 1);
    const auto stored = store->activity(id, true);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->sport, Sport::Swim);
    EXPECT_FALSE(stored->lengths.empty()) << "the FIT's pool lengths are kept";
}

// The stand-up paddle session (TCX Sport="Other", GPS, paddling at swim-like speed) is not a swim: it stays an
// activity of its own next to a swim started within the same minute.
TEST_F(SameSessionTwins, PaddleSessionIsNotTakenForASwim)
{
    ActivityImporter importer(*store, formats);
    const ImportReport r = importer.run(athlete, {corpus(QStringLiteral("tcx/sup-garmin-vivoactivehr.tcx"))});
    ASSERT_EQ(r.added(), 1);
    EXPECT_EQ(store->activities(athlete).front().sport, Sport::Other);
}

// A GPX whose times a converter dropped fails as a file that has no times, not as an activity the store refuses
// ("The activity without a title cannot be stored: it has no start time"), and stores nothing.
TEST_F(SameSessionTwins, FileWithoutTimesIsReportedAsSuch)
{
    ActivityImporter importer(*store, formats);
    const ImportReport r =
        importer.run(athlete, {corpus(QStringLiteral("gpx/hiking-garmin-gpsbabel-no-timestamps.gpx"))});
    ASSERT_EQ(r.files.size(), 1u);
    const FileOutcome& f = r.files.front();
    EXPECT_EQ(f.status, FileOutcome::Status::Failed);
    ASSERT_TRUE(f.error.has_value());
    EXPECT_EQ(f.error->code, QLatin1String("gpx.no-times"));
    EXPECT_TRUE(f.error->message.startsWith(QLatin1String("This GPX file has no times")))
        << f.error->message.toStdString();
    EXPECT_EQ(store->activityCount(athlete), 0);
}

// A two-day trip in one GPX file (the eTrex hike's second log moved to the next day) is stored as two hikes,
// and importing the file again adds nothing.
TEST_F(SameSessionTwins, TwoDayTripIsStoredAsTwoActivitiesOnce)
{
    QFile in(corpus(QStringLiteral("gpx/hiking-garmin-etrex-segments-waypoints.gpx")));
    ASSERT_TRUE(in.open(QIODevice::ReadOnly));
    QByteArray bytes = in.readAll();
    const qsizetype day2 = bytes.indexOf("<name>ACTIVE LOG #2</name>");
    ASSERT_GT(day2, 0);
    QByteArray rest = bytes.mid(day2);
    rest.replace("2010-10-03T", "2010-10-04T");
    bytes = bytes.left(day2) + rest;
    const QString path = pathFor(QStringLiteral("trip.gpx"));
    QFile out(path);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(bytes);
    out.close();

    ActivityImporter importer(*store, formats);
    const ImportReport first = importer.run(athlete, {path});
    ASSERT_EQ(first.files.size(), 1u);
    EXPECT_EQ(first.files.front().status, FileOutcome::Status::Imported);
    EXPECT_EQ(first.added(), 2);
    const auto stored = store->activities(athlete);
    ASSERT_EQ(stored.size(), 2u);
    EXPECT_EQ(stored[0].localDate(), QDate(2010, 10, 3));
    EXPECT_EQ(stored[1].localDate(), QDate(2010, 10, 4));
    for (const Activity& a : stored)
        EXPECT_LT(a.elapsedSec, 6 * 3600);
    const ImportReport again = importer.run(athlete, {path});
    EXPECT_EQ(again.added(), 0);
    EXPECT_EQ(again.duplicates(), 2);
    EXPECT_EQ(store->activityCount(athlete), 2);
}

// A TCX twin that still says Other (here the FR945 swim with a GPS position on every point, which no longer looks
// like a pool swim) matches its FIT twin all the same: "Other" is a file that does not say, not another sport.
TEST_F(SameSessionTwins, TcxTwinTheReaderCannotPlaceStillMatchesItsFitTwin)
{
    QFile in(corpus(kTcxSwim));
    ASSERT_TRUE(in.open(QIODevice::ReadOnly));
    QByteArray bytes = in.readAll();
    bytes.replace("</HeartRateBpm>", "</HeartRateBpm><Position><LatitudeDegrees>46.1</LatitudeDegrees>"
                                     "<LongitudeDegrees>8.1</LongitudeDegrees></Position>");
    const QString tcx = pathFor(QStringLiteral("other.tcx"));
    QFile out(tcx);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(bytes);
    out.close();

    ActivityImporter importer(*store, formats);
    const ImportReport first = importer.run(athlete, {place(QStringLiteral("fit"), kFitSwim, QStringLiteral("s.fit"))});
    ASSERT_EQ(first.added(), 1);
    const ImportReport second = importer.run(athlete, {tcx});
    ASSERT_EQ(second.files.size(), 1u);
    EXPECT_EQ(second.files.front().status, FileOutcome::Status::Duplicate);
    EXPECT_EQ(store->activityCount(athlete), 1);
    EXPECT_EQ(store->activities(athlete).front().sport, Sport::Swim);
}
