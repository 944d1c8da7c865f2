// The dashboard at the window sizes people use (1024×700, 1366×768), on a history that ended months ago and on
// the sample season, in every range: nothing clipped, nothing reading "-0.0". With TRICOACH_SCREENSHOTS_DIR set,
// each state is also written there as a PNG to look at.
#include "core/demo/sampleseason.h"
#include "core/util/datetime.h"
#include "tests/ui/uitestsupport.h"
#include "ui/charts/heatmapwidget.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/dashboard/loadcard.h"
#include "ui/mainwindow.h"
#include "ui/trainingdata.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QPixmap>

using namespace tricoach;
using namespace tricoach::test;

namespace {

class DashboardScreens : public UiTest {
protected:
    // Shows every range at both sizes; checks what a person would see and writes the PNGs when asked to.
    void lookAtEveryRange(const QString& scenario)
    {
        const QString folder = qEnvironmentVariable("TRICOACH_SCREENSHOTS_DIR");
        MainWindow w(*store, athlete, *preferences);
        w.showPage(MainWindow::Dashboard);
        w.show();
        DashboardPage* page = w.dashboard();
        for (const QSize size : {QSize(1024, 700), QSize(1366, 768)}) {
            w.resize(size);
            for (ChartRange range :
                 {ChartRange::SixWeeks, ChartRange::NinetyDays, ChartRange::OneYear, ChartRange::All}) {
                page->setRange(range);
                QApplication::processEvents();
                const std::string where = QStringLiteral("%1 %2x%3 %4")
                                              .arg(scenario)
                                              .arg(size.width())
                                              .arg(size.height())
                                              .arg(chartRangeName(range))
                                              .toStdString();
                for (const QLabel* l : page->findChildren<QLabel*>()) {
                    if (!l->isVisible() || l->text().isEmpty())
                        continue;
                    EXPECT_FALSE(l->text().contains(QStringLiteral("-0.0")))
                        << where << ": " << l->text().toStdString();
                    // A wrapped label gets the height its text needs; a single line fits its width.
                    if (l->wordWrap()) {
                        EXPECT_GE(l->height(), l->heightForWidth(l->width()))
                            << where << ": " << l->objectName().toStdString();
                    }
                }
                // The window is the size asked for (the page's minimum fits it) and the heatmap is whole.
                EXPECT_LE(w.height(), size.height()) << where;
                EXPECT_LE(w.width(), size.width()) << where;
                HeatmapWidget* heat = page->heatmap();
                EXPECT_GE(heat->height(), heat->sizeHint().height()) << where;
                EXPECT_LE(heat->mapTo(page, QPoint(0, heat->height())).y(), page->height()) << where;
                EXPECT_GE(page->pmcChart()->height(), 180) << where;
                if (!folder.isEmpty()) {
                    QDir().mkpath(folder);
                    const QString file = QDir(folder).filePath(QStringLiteral("dashboard-%1-%2-%3x%4.png")
                                                                   .arg(scenario)
                                                                   .arg(static_cast<int>(range))
                                                                   .arg(size.width())
                                                                   .arg(size.height()));
                    EXPECT_TRUE(w.grab().save(file)) << file.toStdString();
                }
            }
        }
    }
};

TEST_F(DashboardScreens, AHistoryThatEndedThreeMonthsAgo)
{
    // A year of swim, bike and run that stopped three months ago.
    const QDate last = QDate::currentDate().addDays(-91);
    for (int d = 0; d < 365; ++d) {
        if (d % 7 == 3)
            continue;
        Activity a;
        a.athleteId = athlete;
        a.sport = d % 3 == 0 ? Sport::Swim : d % 3 == 1 ? Sport::Bike : Sport::Run;
        a.startUtc = utcDateTime(last.addDays(-d), QTime(7, 0));
        a.movingSec = a.elapsedSec = (45 + (d % 5) * 15) * 60;
        a.distanceM = a.sport == Sport::Bike ? 30'000 : a.sport == Sport::Run ? 10'000 : 2'000;
        a.userLoad = 40 + (d % 6) * 12;
        ASSERT_TRUE(store->addActivity(a));
    }
    lookAtEveryRange(QStringLiteral("ended"));
}

TEST_F(DashboardScreens, TheSampleSeason)
{
    ASSERT_TRUE(loadSampleSeason(*store, athlete, SampleSeasonOptions{}));
    lookAtEveryRange(QStringLiteral("sample"));
}

} // namespace
