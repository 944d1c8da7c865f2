#include "ui/mainwindow.h"

#include "core/store/activitystore.h"

#include <QApplication>
#include <QDate>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace tricoach {

namespace {
QWidget* placeholderPage(const QString& title, const QString& text)
{
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    auto* heading = new QLabel(title);
    QFont f = heading->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    heading->setFont(f);
    auto* body = new QLabel(text);
    body->setWordWrap(true);
    body->setObjectName(QStringLiteral("pageBody"));
    layout->addWidget(heading);
    layout->addWidget(body);
    layout->addStretch();
    return page;
}
} // namespace

MainWindow::MainWindow(ActivityStore& store, AthleteId athlete, QWidget* parent)
    : QMainWindow(parent)
    , m_store(store)
    , m_athlete(athlete)
{
    setWindowTitle(tr("TriCoach"));
    resize(1280, 800);

    auto* central = new QWidget;
    auto* layout = new QHBoxLayout(central);
    auto* nav = new QListWidget;
    nav->setObjectName(QStringLiteral("navigation"));
    nav->setFixedWidth(180);
    m_pages = new QStackedWidget;

    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("dashboardSummary"));
    m_summary->setWordWrap(true);
    auto* dashboard = placeholderPage(tr("Dashboard"), QString());
    dashboard->layout()->replaceWidget(dashboard->findChild<QLabel*>(QStringLiteral("pageBody")), m_summary);

    const QList<QPair<QString, QWidget*>> pages = {
        {tr("Dashboard"), dashboard},
        {tr("Activities"), placeholderPage(tr("Activities"), tr("Your activities will be listed here."))},
        {tr("Calendar"), placeholderPage(tr("Calendar"), tr("A month view of your training."))},
        {tr("Plan"), placeholderPage(tr("Plan"), tr("Your training plan."))},
        {tr("Settings"), placeholderPage(tr("Settings"), tr("Thresholds, zones and preferences."))},
    };
    for (const auto& [name, widget] : pages) {
        nav->addItem(name);
        m_pages->addWidget(widget);
    }
    connect(nav, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    nav->setCurrentRow(0);

    layout->addWidget(nav);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
    buildMenus();
    refreshSummary();
}

QStringList MainWindow::pageNames() const
{
    QStringList names;
    auto* nav = findChild<QListWidget*>(QStringLiteral("navigation"));
    for (int i = 0; i < nav->count(); ++i)
        names << nav->item(i)->text();
    return names;
}

void MainWindow::showPage(int index)
{
    findChild<QListWidget*>(QStringLiteral("navigation"))->setCurrentRow(index);
}

void MainWindow::buildMenus()
{
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    auto* help = menuBar()->addMenu(tr("&Help"));
    auto* about = help->addAction(tr("&About TriCoach"));
    connect(about, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::refreshSummary()
{
    const QDate today = QDate::currentDate();
    const auto chart = m_store.pmc(m_athlete, today, today);
    const int count = m_store.activityCount(m_athlete);
    if (count == 0 || chart.empty()) {
        m_summary->setText(tr("No activities yet. Import files or add a session with tricoach-cli."));
        return;
    }
    const PmcSettings pmc = m_store.metricSettings(m_athlete).pmc;
    m_summary->setToolTip(
        tr("Fitness and Fatigue are %1- and %2-day exponentially weighted averages of daily Load; days without "
           "training count as zero and the chart starts at zero the day before your first activity.\n"
           "Form is yesterday's Fitness minus yesterday's Fatigue: how fresh you start the day.")
            .arg(pmc.fitnessDays)
            .arg(pmc.fatigueDays));
    const PmcDay& day = chart.back();
    // Without a loaded translation %n is not pluralised, so English spells out both forms.
    const QString activities = count == 1 ? tr("1 activity") : tr("%1 activities").arg(count);
    m_summary->setText(tr("%1. Today: Fitness %2, Fatigue %3, Form %4.")
                           .arg(activities)
                           .arg(day.ctl, 0, 'f', 1)
                           .arg(day.atl, 0, 'f', 1)
                           .arg(day.tsb, 0, 'f', 1));
    statusBar()->showMessage(m_store.path());
}

} // namespace tricoach
