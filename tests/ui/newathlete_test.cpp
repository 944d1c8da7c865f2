// A new athlete's first hour, as issue #10 asks it to be shown: a mixed folder of real files from many devices
// (the repository corpus, with a course, a settings file, a GPX route and a TCX course among them) is imported,
// thresholds are estimated from the data and accepted, and then every load is within the tolerance of an
// independent computation, no activity lies outside 2000–today, nothing but activities was stored, and the
// dashboard's "All" range starts at the first real activity.
#include "core/import/activityimporter.h"
#include "core/io/formatregistry.h"
#include "core/model/plausible.h"
#include "core/store/thresholdreads.h"
#include "tests/support/independentloads.h"
#include "tests/ui/uitestsupport.h"
#include "tests/unit/core/io/fit/fitpatch.h"
#include "ui/charts/pmcchart.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/trainingdata.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>

#include <set>

using namespace tricoach;
using namespace tricoach::test;

namespace {

class NewAthlete : public UiTest {
protected:
    // The corpus copied into a folder of the athlete's own, beside files a watch or an app also leaves there.
    QString exportFolder()
    {
        const QString root = pathFor(QStringLiteral("export"));
        const QString corpus = QStringLiteral(TRICOACH_TESTDATA_DIR "/activities");
        QDirIterator it(corpus, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString from = it.next();
            const QString to = root + QLatin1Char('/') + QDir(corpus).relativeFilePath(from);
            QDir().mkpath(QFileInfo(to).path());
            EXPECT_TRUE(QFile::copy(from, to)) << to.toStdString();
        }
        // Garmin Connect makes courses of activities, records and laps included: a real run retyped.
        fittest::FitPatch course(fittest::corpusFit(QStringLiteral("running-garmin-fenix5-short.fit")));
        EXPECT_EQ(course.setField(0, 0, 6), 1); // file_id.type = course
        write(root + QStringLiteral("/course.fit"), course.bytes());
        fittest::FitWriter settings;
        settings.define(0, 0, {{0, 1, fittest::bt::Enum}});
        settings.data(0, {2}); // file_id.type = settings
        write(root + QStringLiteral("/settings.fit"), settings.finish());
        write(root + QStringLiteral("/route.gpx"),
              "<?xml version=\"1.0\"?><gpx version=\"1.1\" creator=\"planner\" "
              "xmlns=\"http://www.topografix.com/GPX/1/1\"><rte><name>Lake loop</name>"
              "<rtept lat=\"46.1\" lon=\"8.1\"/><rtept lat=\"46.2\" lon=\"8.2\"/><rtept lat=\"46.3\" lon=\"8.1\"/>"
              "</rte></gpx>");
        write(root + QStringLiteral("/course.tcx"),
              "<?xml version=\"1.0\"?><TrainingCenterDatabase "
              "xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\"><Courses><Course>"
              "<Name>Lake loop</Name><Track>"
              "<Trackpoint><Time>2021-06-01T07:00:00Z</Time><Position><LatitudeDegrees>46.1</LatitudeDegrees>"
              "<LongitudeDegrees>8.1</LongitudeDegrees></Position></Trackpoint>"
              "<Trackpoint><Time>2021-06-01T07:10:00Z</Time><Position><LatitudeDegrees>46.2</LatitudeDegrees>"
              "<LongitudeDegrees>8.2</LongitudeDegrees></Position></Trackpoint>"
              "</Track></Course></Courses></TrainingCenterDatabase>");
        return root;
    }

    static void write(const QString& path, const QByteArray& bytes)
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }

    static QString hashOf(const QString& path)
    {
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::ReadOnly));
        return QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
    }
};

TEST_F(NewAthlete, AMixedFolderWithEstimatedThresholdsGivesLoadsDatesAndARangeThatHold)
{
    const QString folder = exportFolder();
    const FormatRegistry formats;
    ActivityImporter importer(*store, formats);
    const ImportReport report = importer.run(athlete, {folder});
    ASSERT_GT(report.added(), 60);

    // Nothing but activities was stored: the course, the settings, the route and the TCX course are refused by
    // name, and no stored activity came from them.
    std::set<QString> storedHashes;
    for (const Activity& a : store->activities(athlete))
        storedHashes.insert(a.contentHash.section(QLatin1Char('#'), 0, 0));
    for (const char* name : {"course.fit", "settings.fit", "route.gpx", "course.tcx"}) {
        SCOPED_TRACE(name);
        const QString path = folder + QLatin1Char('/') + QLatin1String(name);
        const auto outcome = std::find_if(report.files.begin(), report.files.end(),
                                          [&](const FileOutcome& f) { return f.file.endsWith(QLatin1String(name)); });
        ASSERT_NE(outcome, report.files.end());
        EXPECT_EQ(outcome->status, FileOutcome::Status::Failed);
        EXPECT_TRUE(outcome->activityIds.empty());
        ASSERT_TRUE(outcome->error);
        EXPECT_FALSE(outcome->error->message.isEmpty());
        EXPECT_EQ(storedHashes.count(hashOf(path)), 0u);
    }

    // Thresholds estimated from the whole history and accepted, as the first-run offer does.
    const QDate today = QDate::currentDate();
    const auto first = store->firstActivityDate(athlete);
    ASSERT_TRUE(first);
    EstimateOptions window;
    window.asOf = defaultEstimateDay(*store, athlete, today);
    window.windowDays = static_cast<int>(first->daysTo(window.asOf)) + 1;
    window.maxHrWindowDays = window.windowDays;
    const auto estimated = estimateThresholds(*store, athlete, window);
    ASSERT_TRUE(estimated) << estimated.error().message.toStdString();
    ThresholdChange accepted;
    accepted.effectiveFrom = today;
    int offered = 0;
    for (const ThresholdEstimate& e : estimated->estimates) {
        if (e.offered()) {
            accepted.values.*thresholdMember(e.field) = e.value;
            ++offered;
        }
    }
    ASSERT_GE(offered, 4) << "a mixed history of rides with power, runs and swims supports most estimates";
    const auto update = store->setThresholds(athlete, accepted);
    ASSERT_TRUE(update) << update.error().message.toStdString();
    EXPECT_GT(update->recomputed, 60) << "first values rescore the whole history";

    // Every load against the independent computation from the input the product chose, with the thresholds in
    // force that day; none is implausible; every date is believable.
    const ThresholdHistory history = store->thresholdHistory(athlete);
    const LoadSettings settings = store->metricSettings(athlete).load;
    const QDate earliest(plausible::kFirstActivityYear, 1, 1);
    int scoredFromData = 0;
    for (const Activity& summary : store->activities(athlete)) {
        const auto whole = store->activity(summary.id, true);
        ASSERT_TRUE(whole);
        const Activity& a = *whole;
        SCOPED_TRACE(QStringLiteral("%1 %2 %3 (%4)")
                         .arg(a.id)
                         .arg(a.localDate().toString(Qt::ISODate), sportId(a.sport), loadSourceId(a.loadSource))
                         .toStdString());
        EXPECT_GE(a.localDate(), earliest);
        EXPECT_LE(a.localDate(), today);
        const std::optional<double> independent =
            independent::loadFrom(a, history.at(a.localDate()), settings, a.loadSource);
        ASSERT_TRUE(independent);
        EXPECT_NEAR(a.load, *independent, independent::toleranceFor(a, a.loadSource, *independent));
        if (a.intensity && *a.intensity > 1.3) {
            EXPECT_LE(a.movingSec > 0 ? a.movingSec : a.elapsedSec, 20 * 60.0) << "intensity " << *a.intensity;
        }
        scoredFromData += a.loadSource != LoadSource::Estimate ? 1 : 0;
    }
    EXPECT_GT(scoredFromData, 40) << "with thresholds, recordings are scored from their data, not estimated";

    // The dashboard's "All" starts at the first real activity.
    TrainingData training(*store, athlete);
    DashboardPage page(training, *preferences);
    page.setToday(today);
    page.setRange(ChartRange::All);
    EXPECT_EQ(page.window().first, *first);
    EXPECT_GE(*first, earliest);
    ASSERT_FALSE(page.pmcChart()->visibleDays().empty());
    EXPECT_EQ(page.pmcChart()->visibleDays().front().date, *first);
}

} // namespace
