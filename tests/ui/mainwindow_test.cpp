#include "core/store/activitystore.h"
#include "core/util/datetime.h"
#include "tests/support/tempdir.h"
#include "ui/mainwindow.h"

#include <QLabel>

#include <gtest/gtest.h>

using namespace tricoach;

class MainWindowTest : public test::TempDirTest {};

TEST_F(MainWindowTest, OpensWithEveryPageAndShowsTheAthletesNumbers)
{
    auto store = ActivityStore::open(pathFor(QStringLiteral("ui.sqlite")));
    ASSERT_TRUE(store) << store.error().message.toStdString();
    auto athlete = (*store)->defaultAthlete();
    ASSERT_TRUE(athlete);
    Activity a;
    a.athleteId = athlete->id;
    a.sport = Sport::Run;
    a.startUtc = utcDateTime(QDate::currentDate().addDays(-1), QTime(7, 0));
    a.movingSec = a.elapsedSec = 3600;
    a.userLoad = 80;
    ASSERT_TRUE((*store)->addActivity(a));

    MainWindow w(**store, athlete->id);
    w.show();
    EXPECT_EQ(w.pageNames(),
              (QStringList{QStringLiteral("Dashboard"), QStringLiteral("Activities"), QStringLiteral("Calendar"),
                           QStringLiteral("Plan"), QStringLiteral("Settings")}));
    auto* summary = w.findChild<QLabel*>(QStringLiteral("dashboardSummary"));
    ASSERT_NE(summary, nullptr);
    EXPECT_TRUE(summary->text().contains(QStringLiteral("1 activity."))) << summary->text().toStdString();
    EXPECT_TRUE(summary->text().contains(QStringLiteral("Fitness"))) << summary->text().toStdString();
    // The chart's convention is explained where the numbers are, in the athlete's words and constants.
    EXPECT_TRUE(summary->toolTip().contains(QStringLiteral("42- and 7-day"))) << summary->toolTip().toStdString();
    EXPECT_TRUE(summary->toolTip().contains(QStringLiteral("Form is yesterday's Fitness")));
    for (const char* mark : {"TSS", "CTL", "ATL", "TSB"}) {
        EXPECT_FALSE(summary->text().contains(QLatin1String(mark)));
        EXPECT_FALSE(summary->toolTip().contains(QLatin1String(mark)));
    }
}
