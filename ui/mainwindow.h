#pragma once
// The desktop window: a navigation rail of pages around the current athlete's data, the menus, and the ways in
// (File ▸ Import, drag and drop, the first-run page).

#include "core/model/athlete.h"

#include <QMainWindow>

#include <memory>

class QActionGroup;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;
class QUndoStack;

namespace tricoach {

class ActivitiesPage;
class ActivityStore;
class CalendarPage;
class DashboardPage;
class ImportDialog;
class PlanPage;
class Preferences;
class SampleLoader;
class SettingsPage;
class StravaController;
class StravaSettings;
class StravaStatusBar;
class AccountController;
class AccountSettings;
class ThresholdAdvisor;
class ThresholdNotice;
class TrainingData;
class WelcomePage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum Page { Welcome, Dashboard, Activities, Calendar, Plan, Settings };

    MainWindow(ActivityStore& store, AthleteId athlete, Preferences& preferences, QWidget* parent = nullptr);
    ~MainWindow() override;

    QStringList pageNames() const;
    void showPage(Page page);
    Page currentPage() const;

    // Starts importing `paths` (files, folders, archives) with a progress dialog; the same path as drag & drop.
    ImportDialog* importPaths(const QStringList& paths);
    // Creates (or reuses) the "Sample season" profile, fills it on another thread and switches to it; returns
    // at once, `sampleSeasonLoaded` follows.
    void exploreSampleSeason();
    void switchAthlete(AthleteId athlete);
    // Applies the theme of the preferences; restyle() redraws the charts after any palette change.
    void applyTheme();
    void restyle();

    TrainingData& data() const { return *m_data; }
    QUndoStack& undoStack() const { return *m_undo; }
    DashboardPage* dashboard() const { return m_dashboard; }
    ActivitiesPage* activities() const { return m_activities; }
    CalendarPage* calendar() const { return m_calendar; }
    SettingsPage* settings() const { return m_settings; }
    PlanPage* plan() const { return m_plan; }
    // Threshold estimates after imports, and the bar that tells about them.
    ThresholdAdvisor* thresholds() const { return m_thresholds; }
    ThresholdNotice* thresholdNotice() const { return m_notice; }
    // Strava: the link and its sync, Settings ▸ Strava, and the status bar's part.
    StravaController* strava() const { return m_strava; }
    AccountController* account() const { return m_account; }
    AccountSettings* accountSettings() const { return m_accountSettings; }
    StravaSettings* stravaSettings() const { return m_stravaSettings; }
    StravaStatusBar* stravaStatus() const { return m_stravaStatus; }
    // Shows Settings ▸ Strava.
    void showStravaSettings();

Q_SIGNALS:
    void sampleSeasonLoaded(int activities);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void buildStrava();
    void syncWithStrava(bool force);
    void rebuildProfileMenu();
    void updateFirstRun();
    void importFilesDialog();
    void importFolderDialog();
    void newProfile();
    void renameProfile();

    ActivityStore& m_store;
    Preferences& m_preferences;
    TrainingData* m_data = nullptr;
    QUndoStack* m_undo = nullptr;
    QListWidget* m_nav = nullptr;
    QStackedWidget* m_pages = nullptr;
    WelcomePage* m_welcome = nullptr;
    DashboardPage* m_dashboard = nullptr;
    ActivitiesPage* m_activities = nullptr;
    CalendarPage* m_calendar = nullptr;
    SettingsPage* m_settings = nullptr;
    PlanPage* m_plan = nullptr;
    ThresholdNotice* m_notice = nullptr;
    ThresholdAdvisor* m_thresholds = nullptr;
    QMenu* m_profileMenu = nullptr;
    QActionGroup* m_profileGroup = nullptr; // the profiles' exclusive check marks; rebuilt with the menu
    QLabel* m_statusAthlete = nullptr;
    StravaController* m_strava = nullptr;
    AccountController* m_account = nullptr;
    AccountSettings* m_accountSettings = nullptr;
    StravaSettings* m_stravaSettings = nullptr;
    StravaStatusBar* m_stravaStatus = nullptr;
    QAction* m_stravaSync = nullptr;
    QAction* m_stravaForce = nullptr;
    std::unique_ptr<SampleLoader> m_sampleLoader;
};

} // namespace tricoach
