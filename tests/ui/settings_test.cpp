// Settings change what the athlete sees: thresholds recompute loads, preferences switch units.
#include "core/secrets/filesecrets.h"
#include "core/util/datetime.h"
#include "tests/ui/uitestsupport.h"
#include "ui/activities/activitiespage.h"
#include "ui/activities/activitymodel.h"
#include "ui/mainwindow.h"
#include "ui/settings/settingspage.h"
#include "ui/trainingdata.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>

#include <sys/stat.h>

using namespace tricoach;
using namespace tricoach::test;

namespace {

class SettingsTest : public UiTest {};

TEST_F(SettingsTest, AThresholdChangeRecomputesLoadsShownInTheTable)
{
    // A ride with power: its load comes from power once an FTP is known.
    Activity ride;
    ride.athleteId = athlete;
    ride.sport = Sport::Bike;
    ride.title = QStringLiteral("Intervals");
    ride.startUtc = utcDateTime(QDate::currentDate().addDays(-3), QTime(17, 0));
    ride.movingSec = ride.elapsedSec = 1800;
    for (int s = 0; s < 1800; ++s) {
        ride.streams.time.push_back(s);
        ride.streams.channels[Channel::Power].push_back(s % 300 < 150 ? 280 : 150);
    }
    const ActivityId id = store->addActivity(ride)->id;
    const double before = store->activity(id, false)->load;

    MainWindow w(*store, athlete, *preferences);
    w.show();
    SettingsPage* settings = w.settings();
    settings->findChild<QDateEdit*>(QStringLiteral("thresholdDate"))->setDate(QDate::currentDate().addDays(-30));
    settings->setThresholdField(QStringLiteral("ftp"), 250);
    settings->findChild<QLineEdit*>(QStringLiteral("runPace"))->setText(QStringLiteral("4:10"));
    // The zones follow the form at once.
    auto* zones = settings->findChild<QTableWidget*>(QStringLiteral("zonesPreview"));
    ASSERT_NE(zones, nullptr);
    EXPECT_EQ(zones->item(3, 1)->text(), QStringLiteral("228–265")); // threshold 91–105 % of 250 W
    settings->saveThresholds();

    const Activity after = *store->activity(id, false);
    EXPECT_EQ(after.loadSource, LoadSource::Power);
    EXPECT_NE(after.load, before);
    ActivityTableModel* model = w.activities()->model();
    const int row = model->rowOf(id);
    ASSERT_GE(row, 0);
    EXPECT_EQ(model->data(model->index(row, ActivityTableModel::Load)).toString(), QString::number(after.load, 'f', 0));
    EXPECT_EQ(model->data(model->index(row, ActivityTableModel::LoadFrom)).toString(), QStringLiteral("power"));
    const Thresholds stored = store->thresholdHistory(athlete).at(QDate::currentDate());
    EXPECT_EQ(stored.ftpWatts, 250);
    ASSERT_TRUE(stored.runThresholdSpeed);
    EXPECT_NEAR(*stored.runThresholdSpeed, 1000.0 / 250, 1e-9);
    EXPECT_GE(settings->findChild<QTableWidget*>(QStringLiteral("thresholdHistory"))->rowCount(), 1);
}

TEST_F(SettingsTest, ClockTextParsesOrIsRefused)
{
    EXPECT_EQ(SettingsPage::parseClock(QStringLiteral("4:20")), 260);
    EXPECT_EQ(SettingsPage::parseClock(QStringLiteral(" 1:05 ")), 65);
    EXPECT_FALSE(SettingsPage::parseClock(QStringLiteral("4:75")));
    EXPECT_FALSE(SettingsPage::parseClock(QStringLiteral("fast")));
    EXPECT_FALSE(SettingsPage::parseClock(QStringLiteral("0:00")));
}

TEST_F(SettingsTest, UnitsSwitchTheTableToMiles)
{
    Activity run;
    run.athleteId = athlete;
    run.sport = Sport::Run;
    run.startUtc = utcDateTime(QDate::currentDate().addDays(-1), QTime(7, 0));
    run.movingSec = run.elapsedSec = 3600;
    run.distanceM = 16093.44;
    const ActivityId id = store->addActivity(run)->id;
    MainWindow w(*store, athlete, *preferences);
    ActivityTableModel* model = w.activities()->model();
    const auto distance = [&] {
        return model->data(model->index(model->rowOf(id), ActivityTableModel::Distance)).toString();
    };
    EXPECT_EQ(distance(), QStringLiteral("16.1 km"));
    auto* units = w.settings()->findChild<QComboBox*>(QStringLiteral("units"));
    units->setCurrentIndex(units->findData(static_cast<int>(Units::Imperial)));
    Q_EMIT units->activated(units->currentIndex());
    EXPECT_EQ(preferences->units(), Units::Imperial);
    EXPECT_EQ(distance(), QStringLiteral("10.0 mi"));
}

TEST_F(SettingsTest, ChartConstantsAreSavedAndRecomputeTheChart)
{
    Activity run;
    run.athleteId = athlete;
    run.sport = Sport::Run;
    run.startUtc = utcDateTime(QDate::currentDate().addDays(-5), QTime(7, 0));
    run.movingSec = run.elapsedSec = 3600;
    run.userLoad = 100;
    ASSERT_TRUE(store->addActivity(run));
    MainWindow w(*store, athlete, *preferences);
    const double before = store->pmc(athlete, QDate::currentDate(), QDate::currentDate()).front().ctl;
    w.settings()->findChild<QDoubleSpinBox*>(QStringLiteral("fitnessDays"))->setValue(28);
    w.settings()->saveTrainingSettings();
    EXPECT_EQ(store->metricSettings(athlete).pmc.fitnessDays, 28);
    EXPECT_GT(store->pmc(athlete, QDate::currentDate(), QDate::currentDate()).front().ctl, before);
}

} // namespace

namespace {

TEST_F(SettingsTest, ZoneEdgesAreEditableAndCheckedBeforeSaving)
{
    MainWindow w(*store, athlete, *preferences);
    SettingsPage* settings = w.settings();
    settings->setThresholdField(QStringLiteral("ftp"), 200);
    QTableWidget* edges = settings->zoneEdgesTable();
    ASSERT_EQ(edges->item(0, 0)->text(), QStringLiteral("56")); // Coggan's endurance level starts at 56 %
    edges->item(0, 0)->setText(QStringLiteral("60"));
    auto* preview = settings->findChild<QTableWidget*>(QStringLiteral("zonesPreview"));
    EXPECT_EQ(preview->item(1, 1)->text(), QStringLiteral("120–152")); // Z2 from 60 % of 200 W
    settings->saveZoneEdges();
    const ZoneSettings saved = store->metricSettings(athlete).zones;
    ASSERT_EQ(saved.power.size(), 6u);
    EXPECT_DOUBLE_EQ(saved.power[0], 0.6);
    EXPECT_TRUE(saved.heartRateRun.empty()); // unchanged columns keep following the published tables

    // Edges that do not rise are refused with a reason, and nothing changes.
    edges->item(2, 0)->setText(QStringLiteral("50"));
    settings->saveZoneEdges();
    EXPECT_TRUE(
        settings->findChild<QLabel*>(QStringLiteral("settingsMessage"))->text().contains(QStringLiteral("rising")));
    EXPECT_DOUBLE_EQ(store->metricSettings(athlete).zones.power[2], saved.power[2]);
}

TEST_F(SettingsTest, TheCoachsKeyGoesToTheSecretsAndARefusalIsShownWithItsReason)
{
    MainWindow w(*store, athlete, *preferences);
    SettingsPage* settings = w.settings();
    auto* message = settings->findChild<QLabel*>(QStringLiteral("settingsMessage"));
    const QString key = QString::fromLatin1(kLlmKeySecret);

    settings->saveCoach(QStringLiteral("http://127.0.0.1:1"), QStringLiteral("coach"), false, QStringLiteral("sk-1"));
    EXPECT_EQ(message->text(), QStringLiteral("AI coach saved."));
    EXPECT_EQ(preferences->secrets().read(key)->value_or(QString()), QStringLiteral("sk-1"));
    settings->saveCoach(QStringLiteral("http://127.0.0.1:1"), QStringLiteral("coach"), false, QString());
    EXPECT_FALSE(preferences->secrets().read(key)->has_value()); // an empty key removes the stored one

    // Secrets in a file other users can read: the key is refused, the page says why, the file stays as it was.
    const QString path = pathFor(QStringLiteral("secrets.json"));
    FileSecrets file(path);
    ASSERT_TRUE(file.write(QStringLiteral("other"), QStringLiteral("x")));
    ASSERT_EQ(::chmod(QFile::encodeName(path).constData(), 0644), 0);
    preferences->setSecrets(&file);
    settings->saveCoach(QStringLiteral("http://127.0.0.1:1"), QStringLiteral("coach"), false, QStringLiteral("sk-2"));
    EXPECT_TRUE(message->text().contains(QStringLiteral("refused the key"))) << message->text().toStdString();
    EXPECT_TRUE(message->text().contains(QStringLiteral("readable by other users"))) << message->text().toStdString();
    ASSERT_EQ(::chmod(QFile::encodeName(path).constData(), 0600), 0);
    EXPECT_FALSE(file.read(key)->has_value());
    preferences->setSecrets(nullptr);
}

} // namespace
