#include "ui/mainwindow.h"

#include "core/store/activitystore.h"
#include "ui/account/accountcontroller.h"
#include "ui/activities/activitiespage.h"
#include "ui/calendar/calendarpage.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/importing/importdialog.h"
#include "ui/plan/planpage.h"
#include "ui/preferences.h"
#include "ui/settings/accountsettings.h"
#include "ui/settings/settingspage.h"
#include "ui/settings/stravasettings.h"
#include "ui/strava/stravacontroller.h"
#include "ui/strava/stravastatusbar.h"
#include "ui/thresholds/thresholdadvisor.h"
#include "ui/thresholds/thresholdnotice.h"
#include "ui/trainingdata.h"
#include "ui/welcome/sampleloader.h"
#include "ui/welcome/welcomepage.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUndoStack>
#include <QVBoxLayout>

namespace tricoach {

namespace {
const QString kSampleProfile = QStringLiteral("Sample season");

} // namespace

MainWindow::MainWindow(ActivityStore& store, AthleteId athlete, Preferences& preferences, QWidget* parent)
    : QMainWindow(parent)
    , m_store(store)
    , m_preferences(preferences)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("TriCoach"));
    resize(1440, 900);
    setAcceptDrops(true);
    m_data = new TrainingData(store, athlete, this);
    m_undo = new QUndoStack(this);

    auto* central = new QWidget;
    auto* layout = new QHBoxLayout(central);
    m_nav = new QListWidget;
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_nav->setFixedWidth(170);
    m_nav->setFrameShape(QFrame::NoFrame);
    QFont navFont = m_nav->font();
    navFont.setPointSizeF(navFont.pointSizeF() * 1.1);
    m_nav->setFont(navFont);

    m_pages = new QStackedWidget;

    m_welcome = new WelcomePage;
    m_dashboard = new DashboardPage(*m_data, m_preferences);
    m_activities = new ActivitiesPage(*m_data, m_preferences, *m_undo);
    m_calendar = new CalendarPage(*m_data, m_preferences);
    m_settings = new SettingsPage(*m_data, m_preferences);
    m_plan = new PlanPage(*m_data, m_preferences);
    const QList<QPair<QString, QWidget*>> pages = {
        {tr("Welcome"), m_welcome},   {tr("Dashboard"), m_dashboard}, {tr("Activities"), m_activities},
        {tr("Calendar"), m_calendar}, {tr("Plan"), m_plan},           {tr("Settings"), m_settings},
    };
    for (const auto& [name, widget] : pages) {
        auto* item = new QListWidgetItem(name, m_nav);
        item->setSizeHint(QSize(0, m_nav->fontMetrics().height() + 16));
        m_pages->addWidget(widget);
    }
    connect(m_nav, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    layout->addWidget(m_nav);
    auto* right = new QVBoxLayout;
    m_notice = new ThresholdNotice;
    right->addWidget(m_notice);
    right->addWidget(m_pages, 1);
    layout->addLayout(right, 1);
    setCentralWidget(central);
    m_thresholds = new ThresholdAdvisor(*m_data, this, *m_notice, this);
    connect(m_settings, &SettingsPage::estimateRequested, m_thresholds, &ThresholdAdvisor::offer);

    connect(m_welcome, &WelcomePage::importRequested, this, &MainWindow::importFilesDialog);
    connect(m_welcome, &WelcomePage::sampleRequested, this, &MainWindow::exploreSampleSeason);
    auto showDay = [this](const QDate& day) {
        m_activities->showDay(day);
        showPage(Activities);
    };
    connect(m_dashboard, &DashboardPage::daySelected, this, showDay);
    connect(m_calendar, &CalendarPage::daySelected, this, showDay);
    connect(m_data, &TrainingData::changed, this, &MainWindow::updateFirstRun);
    // Queued: the dialog opens after the undo command that failed has returned.
    connect(
        m_data, &TrainingData::failed, this,
        [this](const QString& what, const QString& message) {
            auto* box = new QMessageBox(QMessageBox::Warning, what,
                                        tr("This change could not be saved:\n%1").arg(message), QMessageBox::Ok, this);
            box->setObjectName(QStringLiteral("changeFailed"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        },
        Qt::QueuedConnection);
    connect(m_data, &TrainingData::athleteChanged, this, [this] {
        m_undo->clear();  // commands refer to the previous athlete's activities
        m_notice->hide(); // it spoke of the previous athlete's thresholds
        rebuildProfileMenu();
    });
    connect(&m_preferences, &Preferences::changed, this, &MainWindow::applyTheme);

    m_statusAthlete = new QLabel;
    m_statusAthlete->setObjectName(QStringLiteral("statusAthlete"));
    statusBar()->addPermanentWidget(m_statusAthlete);
    buildStrava();
    buildMenus();
    rebuildProfileMenu();
    showPage(m_store.activityCount(athlete) == 0 ? Welcome : Dashboard);
    updateFirstRun();
}

// The Strava worker stops first, while the widgets it reports to are whole.
MainWindow::~MainWindow()
{
    delete m_account;
    delete m_strava;
}

void MainWindow::buildStrava()
{
    m_strava = new StravaController(*m_data, m_preferences, this, this);
    m_account = new AccountController(*m_data, m_preferences, *m_strava, this, this);
    m_accountSettings = new AccountSettings(*m_account);
    m_settings->addSection(m_accountSettings);
    m_stravaSettings = new StravaSettings(*m_strava, m_preferences);
    m_settings->addSection(m_stravaSettings); // above the account: most athletes only need Strava
    m_stravaStatus = new StravaStatusBar(*m_strava);
    statusBar()->insertPermanentWidget(0, m_stravaStatus);
    connect(m_stravaStatus, &StravaStatusBar::reconnectRequested, this, [this] {
        showStravaSettings();
        m_stravaSettings->connectStrava(true);
    });
    // "Connect Strava" on the first-run page: the settings, and the sign-in at once when an application is set.
    connect(m_welcome, &WelcomePage::stravaRequested, this, [this] {
        showStravaSettings();
        if (m_strava->status().connected)
            m_strava->sync(false);
        else if (!m_strava->clientId().isEmpty())
            m_stravaSettings->connectStrava(false);
    });
}

void MainWindow::showStravaSettings()
{
    showPage(Settings);
    m_settings->reveal(m_stravaSettings);
}

void MainWindow::syncWithStrava(bool force)
{
    if (!m_strava->status().connected) {
        showStravaSettings();
        return;
    }
    m_strava->sync(force);
}

QStringList MainWindow::pageNames() const
{
    QStringList names;
    for (int i = 0; i < m_nav->count(); ++i)
        if (!m_nav->item(i)->isHidden())
            names << m_nav->item(i)->text();
    return names;
}

void MainWindow::showPage(Page page)
{
    m_nav->setCurrentRow(static_cast<int>(page));
}

MainWindow::Page MainWindow::currentPage() const
{
    return static_cast<Page>(m_pages->currentIndex());
}

void MainWindow::updateFirstRun()
{
    const bool empty = m_store.activityCount(m_data->athlete()) == 0;
    m_nav->item(Welcome)->setHidden(!empty);
    if (!empty && currentPage() == Welcome)
        showPage(Dashboard);
    const int count = m_store.activityCount(m_data->athlete());
    m_statusAthlete->setText(tr("%1 · %2").arg(m_data->athleteName(), tr("%n activities", "", count)));
    statusBar()->showMessage(m_store.path());
}

void MainWindow::buildMenus()
{
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* importFiles = file->addAction(tr("&Import files…"));
    importFiles->setShortcut(QKeySequence::Open);
    connect(importFiles, &QAction::triggered, this, &MainWindow::importFilesDialog);
    auto* importFolder = file->addAction(tr("Import &folder…"));
    connect(importFolder, &QAction::triggered, this, &MainWindow::importFolderDialog);
    file->addSeparator();
    m_stravaSync = file->addAction(tr("&Sync with Strava"));
    m_stravaSync->setObjectName(QStringLiteral("syncWithStrava"));
    m_stravaSync->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(m_stravaSync, &QAction::triggered, this, [this] { syncWithStrava(false); });
    m_stravaForce = file->addAction(tr("Force &refresh from Strava"));
    m_stravaForce->setObjectName(QStringLiteral("forceRefreshFromStrava"));
    connect(m_stravaForce, &QAction::triggered, this, [this] { syncWithStrava(true); });
    connect(m_strava, &StravaController::jobChanged, this, [this] {
        m_stravaSync->setEnabled(!m_strava->busyForAthlete());
        m_stravaForce->setEnabled(!m_strava->busyForAthlete());
    });
    file->addSeparator();
    auto* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    auto* edit = menuBar()->addMenu(tr("&Edit"));
    auto* undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    auto* redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    m_profileMenu = menuBar()->addMenu(tr("&Profile"));

    auto* view = menuBar()->addMenu(tr("&View"));
    const QList<QPair<QString, Page>> pages = {{tr("&Dashboard"), Dashboard},
                                               {tr("&Activities"), Activities},
                                               {tr("&Calendar"), Calendar},
                                               {tr("&Plan"), Plan},
                                               {tr("&Settings"), Settings}};
    int key = 1;
    for (const auto& [name, page] : pages) {
        auto* a = view->addAction(name);
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_0 + key++)));
        connect(a, &QAction::triggered, this, [this, page = page] { showPage(page); });
    }

    auto* help = menuBar()->addMenu(tr("&Help"));
    auto* about = help->addAction(tr("&About TriCoach"));
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About TriCoach"),
                           tr("<b>TriCoach %1</b><p>An AI triathlon coach for the desktop.</p>"
                              "<p>Free software under the GNU General Public License, version 3 or later.</p>")
                               .arg(QApplication::applicationVersion()));
    });
    auto* aboutQt = help->addAction(tr("About &Qt"));
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::rebuildProfileMenu()
{
    // clear() deletes the menu's actions but not their group, a child of the menu: it goes with the actions.
    m_profileMenu->clear();
    delete m_profileGroup;
    m_profileGroup = new QActionGroup(m_profileMenu);
    QActionGroup* group = m_profileGroup;
    for (const Athlete& a : m_store.athletes()) {
        auto* action = m_profileMenu->addAction(a.name);
        action->setCheckable(true);
        action->setChecked(a.id == m_data->athlete());
        action->setData(QVariant::fromValue<qlonglong>(a.id));
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, id = a.id] { switchAthlete(id); });
    }
    m_profileMenu->addSeparator();
    connect(m_profileMenu->addAction(tr("&New profile…")), &QAction::triggered, this, &MainWindow::newProfile);
    connect(m_profileMenu->addAction(tr("&Rename profile…")), &QAction::triggered, this, &MainWindow::renameProfile);
    setWindowTitle(tr("TriCoach — %1").arg(m_data->athleteName()));
}

void MainWindow::switchAthlete(AthleteId athlete)
{
    m_data->setAthlete(athlete);
    if (m_store.activityCount(athlete) == 0)
        showPage(Welcome);
    else if (currentPage() == Welcome)
        showPage(Dashboard);
}

void MainWindow::newProfile()
{
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("New profile"), tr("Name of the athlete:"), QLineEdit::Normal, QString(), &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    auto created = m_store.createAthlete(name.trimmed());
    if (!created) {
        QMessageBox::warning(this, tr("New profile"), created.error().message);
        return;
    }
    switchAthlete(created->id);
}

void MainWindow::renameProfile()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename profile"), tr("Name of the athlete:"),
                                               QLineEdit::Normal, m_data->athleteName(), &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    if (auto r = m_store.renameAthlete(m_data->athlete(), name.trimmed()); !r) {
        QMessageBox::warning(this, tr("Rename profile"), r.error().message);
        return;
    }
    rebuildProfileMenu();
    m_data->notifyChanged();
}

ImportDialog* MainWindow::importPaths(const QStringList& paths)
{
    if (paths.isEmpty())
        return nullptr;
    auto* dialog = new ImportDialog(*m_data, paths, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // New activities may be the first ones, or hold a new best: thresholds are estimated from them.
    connect(dialog, &ImportDialog::importFinished, this, [this, dialog](const ImportReport& report) {
        if (report.added() > 0)
            m_thresholds->checkAfterImport(dialog);
    });
    dialog->setWindowModality(Qt::WindowModal);
    dialog->show();
    dialog->start();
    return dialog;
}

void MainWindow::importFilesDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import activity files"), QStandardPaths::writableLocation(QStandardPaths::DownloadLocation),
        tr("Activity files (*.fit *.tcx *.gpx *.fit.gz *.tcx.gz *.gpx.gz *.zip);;All files (*)"));
    importPaths(files);
}

void MainWindow::importFolderDialog()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Import a folder of activities"));
    if (!folder.isEmpty())
        importPaths({folder});
}

void MainWindow::exploreSampleSeason()
{
    std::optional<Athlete> sample = m_store.athleteByName(kSampleProfile);
    if (!sample) {
        auto created = m_store.createAthlete(kSampleProfile);
        if (!created) {
            QMessageBox::warning(this, tr("Sample season"), created.error().message);
            return;
        }
        sample = *created;
    }
    if (m_store.activityCount(sample->id) > 0) {
        switchAthlete(sample->id);
        Q_EMIT sampleSeasonLoaded(0);
        return;
    }
    if (!m_sampleLoader) {
        m_sampleLoader = std::make_unique<SampleLoader>();
        // The loader is made once and reused: the profile to show is the one this load filled, which is not
        // the one of the first load after "Sample season" was renamed and made again.
        connect(m_sampleLoader.get(), &SampleLoader::finished, this,
                [this](AthleteId id, int added, const QString& error) {
                    QApplication::restoreOverrideCursor();
                    statusBar()->clearMessage();
                    if (!error.isEmpty()) {
                        QMessageBox::warning(this, tr("Sample season"), error);
                        return;
                    }
                    rebuildProfileMenu();
                    switchAthlete(id);
                    m_data->notifyChanged();
                    Q_EMIT sampleSeasonLoaded(added);
                });
    }
    if (m_sampleLoader->isRunning())
        return;
    QApplication::setOverrideCursor(Qt::BusyCursor);
    statusBar()->showMessage(tr("Generating a sample season…"));
    m_sampleLoader->start(m_store.path(), sample->id);
}

void MainWindow::applyTheme()
{
    tricoach::applyTheme(m_preferences.theme());
    restyle();
}

void MainWindow::restyle()
{
    // Charts keep the colours they were given; everything else follows the palette by itself.
    m_dashboard->restyle();
    m_activities->refresh();
    m_calendar->refresh();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        importPaths(paths);
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // An import dialog cancels its job when it goes; its destructor waits for a consistent store.
    QMainWindow::closeEvent(event);
}

} // namespace tricoach
