// The Activities page at the window sizes people use (1024×700, 1366×768) with an imported triathlon opened and a
// pool swim's sets shown: nothing the athlete reads is cut off. The pictures are written to
// $TRICOACH_SCREENSHOTS_DIR when set (to look at them), else to the test's temporary folder.
#include "core/import/activityimporter.h"
#include "core/io/formatregistry.h"
#include "tests/ui/uitestsupport.h"
#include "ui/activities/activitiespage.h"
#include "ui/activities/activitydetail.h"
#include "ui/activities/activitymodel.h"
#include "ui/activities/recordingchart.h"
#include "ui/activities/sessiondetail.h"
#include "ui/activities/swimsetsview.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QChartView>
#include <QDir>
#include <QHeaderView>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeView>

using namespace tricoach;
using namespace tricoach::test;

namespace {

class ActivityScreensTest : public UiTest {
protected:
    QString folder()
    {
        const QString env = qEnvironmentVariable("TRICOACH_SCREENSHOTS_DIR");
        const QString dir = env.isEmpty() ? pathFor(QStringLiteral("shots")) : env;
        QDir().mkpath(dir);
        return dir;
    }
};

// Every column of `view` at least as wide as its widest cell (header included), except `elided` ones.
void expectColumnsFit(QAbstractItemView* view, QHeaderView* header, std::initializer_list<int> columns,
                      const char* what, const QSize& size)
{
    for (int c : columns) {
        if (header->isSectionHidden(c))
            continue;
        const int content = std::max(view->sizeHintForColumn(c), header->sectionSizeHint(c));
        EXPECT_GE(header->sectionSize(c), content)
            << what << " column " << c << " ("
            << header->model()->headerData(c, Qt::Horizontal).toString().toStdString() << ") is cut off at "
            << size.width() << "x" << size.height();
    }
}

TEST_F(ActivityScreensTest, ATriathlonAndAPoolSwimReadWellAtCommonWindowSizes)
{
    const FormatRegistry formats;
    ActivityImporter importer(*store, formats);
    const auto report = importer.run(athlete, {corpusFile(QStringLiteral("fit/triathlon-garmin-fr920xt-chained.fit")),
                                               corpusFile(QStringLiteral("fit/swim-pool-garmin-fr945-25m-chained.fit")),
                                               corpusFile(QStringLiteral("fit/running-garmin-fenix5-short.fit"))});
    ASSERT_EQ(report.added(), 7);
    const ActivityId swimLeg = report.files[0].activityIds.front();
    const ActivityId pool = report.files[1].activityIds.front();
    const QString key = store->activity(swimLeg, false)->multisportKey;

    MainWindow w(*store, athlete, *preferences);
    for (const QSize size : {QSize(1024, 700), QSize(1366, 768)}) {
        w.resize(size);
        w.show();
        w.showPage(MainWindow::Activities);
        ActivitiesPage* page = w.activities();
        page->selectSession(key);
        QTreeView* table = page->table();
        table->expand(table->currentIndex());
        QApplication::processEvents();
        ASSERT_TRUE(page->showsSession());
        const QString tag = QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
        ASSERT_TRUE(w.grab().save(QDir(folder()).filePath(QStringLiteral("activities-triathlon-%1.png").arg(tag))));

        expectColumnsFit(table, table->header(),
                         {ActivityTableModel::Date, ActivityTableModel::SportColumn, ActivityTableModel::Duration,
                          ActivityTableModel::Distance, ActivityTableModel::Load},
                         "activities", size);
        QTableWidget* legs = page->sessionDetail()->legsTable();
        expectColumnsFit(legs, legs->horizontalHeader(),
                         {SessionDetail::LegName, SessionDetail::LegStart, SessionDetail::LegTime,
                          SessionDetail::LegDistance, SessionDetail::LegPace, SessionDetail::LegHr,
                          SessionDetail::LegLoad},
                         "legs", size);
        // All five legs are in view without scrolling.
        const QRect lastLeg = legs->visualItemRect(legs->item(4, 0));
        EXPECT_LE(lastLeg.bottom(), legs->viewport()->height()) << tag.toStdString();
        // The race's recording has room to be read: a chart at least 250 px high.
        page->sessionDetail()->tabs()->setCurrentWidget(page->sessionDetail()->recording());
        QApplication::processEvents();
        EXPECT_GE(page->sessionDetail()->recording()->chartView()->height(), 250) << tag.toStdString();
        ASSERT_TRUE(
            w.grab().save(QDir(folder()).filePath(QStringLiteral("activities-triathlon-recording-%1.png").arg(tag))));
        page->sessionDetail()->tabs()->setCurrentIndex(0);

        page->selectActivity(pool);
        ActivityDetail* detail = page->detail();
        detail->tabs()->setCurrentWidget(detail->swimSets());
        QApplication::processEvents();
        ASSERT_TRUE(w.grab().save(QDir(folder()).filePath(QStringLiteral("activities-poolswim-%1.png").arg(tag))));
        QTableWidget* sets = detail->swimSets()->table();
        ASSERT_GT(sets->rowCount(), 0);
        expectColumnsFit(sets, sets->horizontalHeader(),
                         {SwimSetsView::SetNumber, SwimSetsView::Stroke, SwimSetsView::Lengths, SwimSetsView::Distance,
                          SwimSetsView::Time, SwimSetsView::Pace, SwimSetsView::Rest, SwimSetsView::StrokesPerLength},
                         "sets", size);
        // At least a few sets are readable at once.
        EXPECT_GE(sets->viewport()->height(), 3 * sets->rowHeight(0)) << tag.toStdString();
    }
}

} // namespace
