#include "ui/plan/planpage.h"

#include "core/coach/llmcoach.h"
#include "core/coach/planengine.h"
#include "core/coach/planmoves.h"
#include "core/coach/planvalidator.h"
#include "core/coach/racestrategy.h"
#include "core/coach/replan.h"
#include "core/metrics/volume.h"
#include "core/secrets/secretstore.h"
#include "core/store/activitystore.h"
#include "ui/plan/racedialog.h"
#include "ui/preferences.h"
#include "ui/sportstyle.h"
#include "ui/trainingdata.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tricoach {

namespace {
QTableWidgetItem* cell(const QString& text)
{
    auto* i = new QTableWidgetItem(text);
    i->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return i;
}
} // namespace

PlanPage::PlanPage(TrainingData& training, Preferences& preferences, QWidget* parent)
    : QWidget(parent)
    , m_data(training)
    , m_preferences(preferences)
{
    setObjectName(QStringLiteral("planPage"));
    auto* layout = new QVBoxLayout(this);
    auto* header = new QHBoxLayout;
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("planSummary"));
    m_summary->setWordWrap(true);
    QFont f = m_summary->font();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    f.setBold(true);
    m_summary->setFont(f);
    auto* edit = new QPushButton(tr("Race and training time…"));
    edit->setObjectName(QStringLiteral("editRace"));
    header->addWidget(m_summary, 1);
    header->addWidget(edit);
    layout->addLayout(header);
    connect(edit, &QPushButton::clicked, this, &PlanPage::editRace);

    m_tabs = new QTabWidget;
    auto* weekPage = new QWidget;
    auto* weekLayout = new QVBoxLayout(weekPage);
    auto* nav = new QHBoxLayout;
    m_previous = new QPushButton(QStringLiteral("‹"));
    m_previous->setToolTip(tr("Previous week"));
    m_next = new QPushButton(QStringLiteral("›"));
    m_next->setToolTip(tr("Next week"));
    m_weekTitle = new QLabel;
    m_weekTitle->setObjectName(QStringLiteral("weekTitle"));
    m_complianceLabel = new QLabel;
    m_complianceLabel->setObjectName(QStringLiteral("compliance"));
    nav->addWidget(m_weekTitle, 1);
    nav->addWidget(m_complianceLabel);
    m_ask = new QPushButton(tr("Ask the AI coach"));
    m_ask->setObjectName(QStringLiteral("askCoach"));
    m_cancelAsk = new QPushButton(tr("Cancel"));
    m_cancelAsk->setObjectName(QStringLiteral("cancelCoach"));
    m_cancelAsk->hide();
    nav->addWidget(m_ask);
    nav->addWidget(m_cancelAsk);
    connect(m_ask, &QPushButton::clicked, this, &PlanPage::askCoach);
    connect(m_cancelAsk, &QPushButton::clicked, this, &PlanPage::cancelCoach);
    nav->addWidget(m_previous);
    nav->addWidget(m_next);
    weekLayout->addLayout(nav);
    m_coachNote = new QLabel;
    m_coachNote->setObjectName(QStringLiteral("coachNote"));
    m_coachNote->setWordWrap(true);
    m_coachNote->hide();
    weekLayout->addWidget(m_coachNote);
    m_weekView = new QTreeWidget;
    m_weekView->setObjectName(QStringLiteral("weekView"));
    m_weekView->setColumnCount(4);
    m_weekView->setHeaderLabels({tr("Day / session"), tr("Minutes"), tr("Load"), tr("Workout")});
    m_weekView->header()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_weekView->setWordWrap(true);
    m_weekView->setColumnWidth(0, 260);
    m_weekView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_weekView, &QTreeWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        QTreeWidgetItem* item = m_weekView->itemAt(pos);
        if (!item || !item->parent() || item->data(0, Qt::UserRole).toString().isEmpty())
            return;
        const QDate from = item->parent()->data(0, Qt::UserRole).toDate();
        const QString type = item->data(0, Qt::UserRole).toString();
        QMenu menu(this);
        QMenu* move = menu.addMenu(tr("Move to"));
        for (int d = 0; d < 7; ++d) {
            const QDate day = m_week.addDays(d);
            if (day == from)
                continue;
            QAction* a = move->addAction(QLocale().toString(day, QStringLiteral("dddd d MMM")));
            connect(a, &QAction::triggered, this, [this, from, type, day] { moveWorkout(from, type, day); });
        }
        menu.exec(m_weekView->viewport()->mapToGlobal(pos));
    });
    weekLayout->addWidget(m_weekView, 1);
    m_tabs->addTab(weekPage, tr("Week"));
    connect(m_previous, &QPushButton::clicked, this, [this] { showWeek(m_week.addDays(-7)); });
    connect(m_next, &QPushButton::clicked, this, [this] { showWeek(m_week.addDays(7)); });

    m_season = new QTableWidget(0, 7);
    m_season->setObjectName(QStringLiteral("seasonTable"));
    m_season->setHorizontalHeaderLabels(
        {tr("Week"), tr("Phase"), tr("Hours"), tr("Load"), tr("Fitness"), tr("Form"), tr("Focus")});
    m_season->horizontalHeader()->setSectionResizeMode(6, QHeaderView::Stretch);
    m_season->verticalHeader()->hide();
    m_tabs->addTab(m_season, tr("Season"));
    connect(m_season, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (m_plan && row >= 0 && row < static_cast<int>(m_plan->weeks.size())) {
            showWeek(m_plan->weeks[static_cast<std::size_t>(row)].weekStart);
            m_tabs->setCurrentIndex(0);
        }
    });

    auto* racePage = new QWidget;
    auto* raceLayout = new QVBoxLayout(racePage);
    auto* raceTools = new QHBoxLayout;
    m_raceNote = new QLabel;
    m_raceNote->setObjectName(QStringLiteral("raceNote"));
    m_raceNote->setWordWrap(true);
    m_askRace = new QPushButton(tr("Ask the AI coach"));
    m_askRace->setObjectName(QStringLiteral("askRaceCoach"));
    raceTools->addWidget(m_raceNote, 1);
    raceTools->addWidget(m_askRace);
    raceLayout->addLayout(raceTools);
    m_race = new QTextBrowser;
    m_race->setObjectName(QStringLiteral("raceView"));
    raceLayout->addWidget(m_race, 1);
    m_tabs->addTab(racePage, tr("Race day"));
    connect(m_askRace, &QPushButton::clicked, this, &PlanPage::askCoachForRace);
    layout->addWidget(m_tabs, 1);

    connect(&m_data, &TrainingData::changed, this, &PlanPage::refresh);
    connect(&m_preferences, &Preferences::changed, this, [this] {
        m_ask->setEnabled(!m_preferences.llmUrl().isEmpty() && !m_preferences.llmModel().isEmpty() && m_plan);
        m_ask->setToolTip(m_ask->isEnabled() ? QString() : tr("Set up the AI coach in Settings first."));
    });
    refresh();
}

PlanPage::~PlanPage() = default;

bool PlanPage::coachBusy() const
{
    return m_coach && m_coach->isBusy();
}

QString PlanPage::coachNote() const
{
    return m_coachNote->text();
}

LlmSettings PlanPage::llmSettings()
{
    LlmSettings llm;
    llm.baseUrl = QUrl(m_preferences.llmUrl());
    llm.model = m_preferences.llmModel();
    llm.azure = m_preferences.llmAzure();
    // A keychain that cannot be read leaves the key empty: the coach then says it needs one. Without a server
    // there is no key to look for (and no reason to ask where secrets may be kept).
    if (!llm.baseUrl.isEmpty()) {
        auto secrets = m_preferences.openSecrets(this);
        const auto key = secrets ? (*secrets)->read(QString::fromLatin1(kLlmKeySecret))
                                 : Result<std::optional<QString>>(secrets.error());
        llm.apiKey = key ? key->value_or(QString()) : QString();
    }
    return llm;
}

void PlanPage::askCoach()
{
    const WeekPlan* week = m_plan ? m_plan->week(m_week) : nullptr;
    if (!week || coachBusy())
        return;
    m_coach = std::make_unique<LlmCoach>(llmSettings());
    const LlmContext context = firstPartyContext(m_data.store(), m_data.athlete(), m_plan->profile);
    const QString stravaNote =
        context.leftOut > 0 ? tr(" %1 Strava activities were not sent: Strava's terms do not allow their data in AI "
                                 "models.")
                                  .arg(context.leftOut)
                            : QString();
    connect(m_coach.get(), &LlmCoach::progressed, this, [this](const QString& step) {
        m_coachNote->setText(step);
        m_coachNote->show();
    });
    connect(m_coach.get(), &LlmCoach::finished, this, [this, stravaNote](const LlmOutcome& outcome) {
        m_ask->setEnabled(true);
        m_cancelAsk->hide();
        m_coachNote->setText(outcome.note + stravaNote);
        m_coachNote->show();
        if (outcome.fromLlm)
            m_llmWeek = outcome.week;
        fillWeek();
    });
    m_ask->setEnabled(false);
    m_cancelAsk->show();
    m_coach->proposeWeek(m_plan->profile, *week, context);
}

void PlanPage::moveWorkout(const QDate& from, const QString& sessionType, const QDate& to)
{
    if (!m_settings || !m_plan)
        return;
    CoachSettings s = *m_settings;
    s.moves.push_back(WorkoutMove{from, sessionType, to});
    if (auto r = saveCoachSettings(m_data.store(), m_data.athlete(), s); !r) {
        QMessageBox::warning(this, tr("Move"), r.error().message);
        return;
    }
    m_settings = s;
    const QDate shown = m_week;
    fillWeek();
    m_week = shown;
    // The coaching rules on the week as it now is.
    if (const WeekPlan* week = m_plan->week(m_week)) {
        QStringList findings;
        for (const PlanIssue& i : validateWeek(applyMoves(*week, s.moves), m_plan->profile))
            if (i.rule == QStringLiteral("hard-days") || i.rule == QStringLiteral("day-hours"))
                findings << i.message;
        m_coachNote->setText(findings.isEmpty() ? tr("Moved. The week still follows the coaching rules.")
                                                : tr("Moved, but: %1").arg(findings.join(QLatin1Char(' '))));
        m_coachNote->show();
    }
}

void PlanPage::cancelCoach()
{
    if (m_coach)
        m_coach->cancel();
}

QDate PlanPage::today() const
{
    return m_today.isValid() ? m_today : QDate::currentDate();
}

void PlanPage::setToday(const QDate& day)
{
    m_today = day;
    refresh();
}

void PlanPage::refresh()
{
    m_settings = loadCoachSettings(m_data.store(), m_data.athlete());
    m_plan.reset();
    if (m_settings && m_settings->race.date >= today()) {
        const CoachProfile profile = coachProfile(m_data.store(), m_data.athlete(), *m_settings, today());
        EngineSettings engine;
        engine.pmc = m_data.store().metricSettings(m_data.athlete()).pmc;
        m_plan = planSeason(profile, engine);
        if (m_plan->weeks.empty())
            m_plan.reset();
    }
    if (!m_settings) {
        m_summary->setText(tr("No race yet: set the race you are training for and the time you have, and the coach "
                              "plans every week up to it."));
    } else if (!m_plan) {
        m_summary->setText(tr("%1 on %2 has passed: set your next race.")
                               .arg(m_settings->race.name.isEmpty() ? tr("The race") : m_settings->race.name,
                                    QLocale().toString(m_settings->race.date, QLocale::LongFormat)));
    } else {
        const qint64 days = today().daysTo(m_settings->race.date);
        m_summary->setText(tr("%1 · %2 · %3 — %4 weeks to go")
                               .arg(m_settings->race.name.isEmpty() ? tr("Your race") : m_settings->race.name,
                                    raceDistanceId(m_settings->race.distance),
                                    QLocale().toString(m_settings->race.date, QLocale::LongFormat))
                               .arg(days / 7));
    }
    if (!m_plan || !m_plan->week(m_week))
        m_week = m_plan ? m_plan->weeks.front().weekStart : weekStartOf(today());
    m_ask->setEnabled(!m_preferences.llmUrl().isEmpty() && !m_preferences.llmModel().isEmpty() && m_plan &&
                      !coachBusy());
    m_ask->setToolTip(m_preferences.llmUrl().isEmpty() ? tr("Set up the AI coach in Settings first.") : QString());
    fillWeek();
    fillSeason();
    fillRace();
    Q_EMIT planChanged();
}

void PlanPage::setCoachSettings(const CoachSettings& settings)
{
    if (auto r = saveCoachSettings(m_data.store(), m_data.athlete(), settings); !r) {
        QMessageBox::warning(this, tr("Race"), r.error().message);
        return;
    }
    m_week = QDate();
    m_llmWeek.reset();
    m_llmStrategy.reset();
    refresh();
    m_data.notifyChanged();
}

void PlanPage::editRace()
{
    RaceDialog dialog(m_settings.value_or(CoachSettings{}), this);
    if (dialog.exec() == QDialog::Accepted)
        setCoachSettings(dialog.settings());
}

void PlanPage::showWeek(const QDate& anyDay)
{
    m_week = weekStartOf(anyDay);
    fillWeek();
}

void PlanPage::fillWeek()
{
    m_weekView->clear();
    m_compliance.reset();
    m_complianceLabel->clear();
    const WeekPlan* week = m_plan ? m_plan->week(m_week) : nullptr;
    m_previous->setEnabled(m_plan && m_plan->week(m_week.addDays(-7)));
    m_next->setEnabled(m_plan && m_plan->week(m_week.addDays(7)));
    if (!week) {
        m_weekTitle->setText(m_plan ? tr("That week is not in the plan.") : QString());
        return;
    }
    const bool imperial = m_preferences.imperial();
    Q_UNUSED(imperial)
    m_weekTitle->setText(tr("Week of %1 — %2%3, %4 h, load %5")
                             .arg(QLocale().toString(week->weekStart, QLocale::LongFormat), phaseName(week->phase),
                                  week->recoveryWeek ? tr(" (recovery)") : QString())
                             .arg(week->hours(), 0, 'f', 1)
                             .arg(week->plannedLoad(), 0, 'f', 0));
    ActivityQuery q;
    q.from = week->weekStart;
    q.to = week->weekStart.addDays(6);
    const std::vector<Activity> done = m_data.store().activities(m_data.athlete(), q);
    // The AI coach's version of this week, when it was asked and passed the rules.
    if (m_llmWeek && m_llmWeek->weekStart == week->weekStart)
        week = &*m_llmWeek;
    // The athlete's own moves.
    std::optional<WeekPlan> moved;
    if (m_settings && !m_settings->moves.empty()) {
        moved = applyMoves(*week, m_settings->moves);
        week = &*moved;
    }
    // This week adapts to what was done: the days still to come are planned again.
    std::optional<Replanned> adapted;
    if (!m_llmWeek && today() >= week->weekStart && today() <= week->weekStart.addDays(6)) {
        adapted = replanRestOfWeek(m_plan->profile, *week, done, today());
        week = &adapted->week;
        if (!adapted->note.isEmpty())
            m_weekTitle->setText(m_weekTitle->text() + QStringLiteral("\n") + adapted->note);
    }
    double plannedSoFar = 0, doneSoFar = 0;
    for (const PlannedDay& d : week->days) {
        double completed = 0;
        for (const Activity& a : done)
            if (a.localDate() == d.date)
                completed += a.durationSec() / 60;
        auto* day = new QTreeWidgetItem(m_weekView);
        day->setData(0, Qt::UserRole, d.date);
        day->setText(0, QLocale().toString(d.date, QStringLiteral("dddd d MMM")));
        day->setText(1, d.workouts.empty() ? tr("rest") : QString::number(d.minutes(), 'f', 0));
        day->setText(2, QString::number(d.plannedLoad(), 'f', 0));
        const DayFuel fuel = dailyCarbohydrate(d.minutes(), d.plannedLoad());
        day->setText(3, tr("Fuel: %1–%2 g carbohydrate per kg (%3 day)")
                            .arg(fuel.carbsLowGPerKg)
                            .arg(fuel.carbsHighGPerKg)
                            .arg(fuel.dayType));
        QFont bold = day->font(0);
        bold.setBold(true);
        day->setFont(0, bold);
        for (const Workout& w : d.workouts) {
            auto* item = new QTreeWidgetItem(day);
            item->setData(0, Qt::UserRole, w.race ? QString() : w.sessionType);
            item->setToolTip(0, tr("Right-click to move it to another day"));
            item->setText(0, QStringLiteral("%1 · %2").arg(sportName(w.sport), w.sessionType));
            item->setIcon(0, QIcon());
            item->setForeground(0, sportColor(w.sport));
            item->setText(1, QString::number(w.minutes(), 'f', 0));
            item->setText(2, QString::number(w.plannedLoad(), 'f', 0));
            item->setText(3, w.description(m_plan->profile.thresholds));
            item->setToolTip(3, w.description(m_plan->profile.thresholds));
        }
        for (const Activity& a : done) {
            if (a.localDate() != d.date)
                continue;
            auto* item = new QTreeWidgetItem(day);
            item->setText(0, tr("✓ done: %1").arg(a.title.isEmpty() ? sportName(a.sport) : a.title));
            item->setText(1, QString::number(a.durationSec() / 60, 'f', 0));
            item->setText(2, QString::number(a.load, 'f', 0));
        }
        if (d.date <= today()) {
            plannedSoFar += d.minutes();
            doneSoFar += completed;
        }
    }
    m_weekView->expandAll();
    if (plannedSoFar > 0) {
        m_compliance = doneSoFar / plannedSoFar;
        m_complianceLabel->setText(tr("Done so far: %1% of the planned time").arg(*m_compliance * 100, 0, 'f', 0));
    }
}

void PlanPage::fillSeason()
{
    m_season->setRowCount(0);
    if (!m_plan)
        return;
    const PmcSettings pmc = m_data.store().metricSettings(m_data.athlete()).pmc;
    const std::vector<PmcDay> chart = m_plan->projection(pmc);
    std::size_t day = 0;
    for (const WeekPlan& w : m_plan->weeks) {
        day += w.days.size();
        const PmcDay& end = chart[std::min(day, chart.size()) - 1];
        const int row = m_season->rowCount();
        m_season->insertRow(row);
        m_season->setItem(row, 0, cell(QLocale().toString(w.weekStart, QLocale::ShortFormat)));
        m_season->setItem(row, 1, cell(phaseName(w.phase) + (w.recoveryWeek ? tr(" (recovery)") : QString())));
        m_season->setItem(row, 2, cell(QString::number(w.hours(), 'f', 1)));
        m_season->setItem(row, 3, cell(QString::number(w.plannedLoad(), 'f', 0)));
        m_season->setItem(row, 4, cell(QString::number(end.ctl, 'f', 1)));
        m_season->setItem(row, 5, cell(QString::number(end.ctl - end.atl, 'f', 1)));
        m_season->setItem(row, 6, cell(w.notes.overallFocus));
    }
    for (const PlanIssue& i : validatePlan(*m_plan, pmc)) {
        const int row = m_season->rowCount();
        m_season->insertRow(row);
        m_season->setItem(row, 0, cell(tr("Note")));
        m_season->setItem(row, 6, cell(i.message));
        m_season->setSpan(row, 0, 1, 1);
    }
}

void PlanPage::askCoachForRace()
{
    if (!m_plan || coachBusy())
        return;
    m_coach = std::make_unique<LlmCoach>(llmSettings());
    const LlmContext context = firstPartyContext(m_data.store(), m_data.athlete(), m_plan->profile);
    connect(m_coach.get(), &LlmCoach::progressed, this, [this](const QString& step) { m_raceNote->setText(step); });
    connect(m_coach.get(), &LlmCoach::strategyFinished, this,
            [this](const RaceStrategy& strategy, bool fromLlm, const QString& note) {
                m_askRace->setEnabled(true);
                m_raceNote->setText(note);
                if (fromLlm)
                    m_llmStrategy = strategy;
                fillRace();
            });
    m_askRace->setEnabled(false);
    m_coach->proposeRaceStrategy(m_plan->profile, raceStrategy(m_plan->profile), context);
}

QString PlanPage::raceNote() const
{
    return m_raceNote->text();
}

void PlanPage::fillRace()
{
    m_askRace->setEnabled(!m_preferences.llmUrl().isEmpty() && !m_preferences.llmModel().isEmpty() && m_plan &&
                          !coachBusy());
    if (!m_plan) {
        m_race->clear();
        return;
    }
    const RaceStrategy s = m_llmStrategy ? *m_llmStrategy : raceStrategy(m_plan->profile);
    const auto list = [](const QStringList& items) {
        QString html = QStringLiteral("<ul>");
        for (const QString& i : items)
            html += QStringLiteral("<li>%1</li>").arg(i.toHtmlEscaped());
        return html + QStringLiteral("</ul>");
    };
    QString html = tr("<h2>Predicted finish %1</h2>").arg(formatDuration(s.predictedMinutes * 60));
    for (const LegPlan& l : s.legs)
        html += tr("<h3>%1 %2 km — %3</h3><p><b>%4</b> (%5)</p>")
                    .arg(sportName(l.sport))
                    .arg(l.distanceM / 1000, 0, 'f', 1)
                    .arg(formatDuration(l.predictedMinutes * 60), l.target.toHtmlEscaped(), l.basis.toHtmlEscaped()) +
                list(l.execution);
    html += tr("<h3>Fuel</h3><p>%1 g carbohydrate an hour on the bike, %2 on the run, %3 ml fluid an hour (%4).</p>")
                .arg(s.carbsPerHourBike)
                .arg(s.carbsPerHourRun)
                .arg(s.fluidMlPerHour, 0, 'f', 0)
                .arg(s.fluidBasis.toHtmlEscaped());
    QStringList fuel;
    for (const FuelEvent& e : s.fuelling)
        fuel << QStringLiteral("%1 — %2: %3").arg(formatDuration(e.minute * 60.0), sportName(e.leg), e.what);
    html += list(fuel);
    html += tr("<h3>Race week</h3>") + list(s.taperAndRaceWeek) + tr("<h3>Race morning</h3>") + list(s.raceMorning) +
            tr("<h3>T1</h3>") + list(s.transition1) + tr("<h3>T2</h3>") + list(s.transition2) +
            tr("<h3>Mental cues</h3>") + list(s.mentalCues) + tr("<h3>If things go wrong</h3>") + list(s.contingencies);
    m_race->setHtml(html);
}

} // namespace tricoach
