#include "ui/activities/sessiondetail.h"

#include "core/metrics/swimsets.h"
#include "core/store/activitystore.h"
#include "ui/activities/activitycommands.h"
#include "ui/activities/detailheading.h"
#include "ui/activities/laptables.h"
#include "ui/activities/recordingchart.h"
#include "ui/preferences.h"
#include "ui/sportstyle.h"
#include "ui/trainingdata.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace tricoach {

namespace {

QTableWidgetItem* cell(const QString& text, bool number = true)
{
    return LapTables::cell(text, number);
}

} // namespace

// The race as one bar: each leg a stretch of its own colour as long as its share of the time, named where the
// name fits, so the swim, the bike, the run and the transitions between them read at a glance.
class RaceBar : public QWidget {
public:
    RaceBar()
    {
        setObjectName(QStringLiteral("raceBar"));
        setMinimumHeight(fontMetrics().height() * 2);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }
    void setSession(const TrainingSession* session)
    {
        m_session = session;
        update();
    }
    QSize sizeHint() const override { return {400, fontMetrics().height() * 2}; }

protected:
    void paintEvent(QPaintEvent*) override
    {
        if (!m_session || m_session->durationSec() <= 0)
            return;
        QPainter p(this);
        const QRectF bar = QRectF(rect()).adjusted(0, 2, 0, -2);
        const double total = m_session->durationSec();
        double x = bar.left();
        for (std::size_t i = 0; i < m_session->legs.size(); ++i) {
            const Activity& leg = m_session->legs[i];
            const double w = bar.width() * leg.durationSec() / total;
            const QRectF r(x, bar.top(), w, bar.height());
            const QColor color = sportColor(leg.sport);
            p.fillRect(r, color);
            const int t = m_session->transitionNumber(i);
            const QString name = t > 0 ? transitionName(t) : activitySportName(leg.sport, leg.subSport);
            const QString full = QStringLiteral("%1 %2").arg(name, formatDuration(leg.durationSec()));
            // Light text on the dark colours, dark on the light ones.
            p.setPen(qGray(color.rgb()) < 140 ? Qt::white : Qt::black);
            const int room = static_cast<int>(w) - 8;
            for (const QString& label : {full, name}) {
                if (fontMetrics().horizontalAdvance(label) <= room) {
                    p.drawText(r, Qt::AlignCenter, label);
                    break;
                }
            }
            x += w;
        }
    }

private:
    const TrainingSession* m_session = nullptr;
};

// The leg's average speed: the device's, else its distance over its time.
double legSpeed(const Activity& leg)
{
    if (leg.avgSpeed && *leg.avgSpeed > 0)
        return *leg.avgSpeed;
    if (leg.distanceM && *leg.distanceM > 0 && leg.durationSec() > 0)
        return *leg.distanceM / leg.durationSec();
    return 0;
}

SessionDetail::SessionDetail(TrainingData& training, Preferences& preferences, QUndoStack& undo, QWidget* parent)
    : QWidget(parent)
    , m_data(training)
    , m_preferences(preferences)
    , m_undo(undo)
{
    setObjectName(QStringLiteral("sessionDetail"));
    auto* layout = new QVBoxLayout(this);
    const DetailHeading top =
        addDetailHeading(layout, QStringLiteral("sessionHeading"), QStringLiteral("sessionSummary"));
    m_heading = top.heading;
    m_summary = top.summary;

    m_bar = new RaceBar;
    layout->addWidget(m_bar);

    m_legs = new QTableWidget(0, LegColumnCount);
    m_legs->setObjectName(QStringLiteral("legsTable"));
    LapTables::setCompact(m_legs, LegName);
    m_legs->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_legs->setSelectionMode(QAbstractItemView::SingleSelection);
    m_legs->setToolTip(tr("Double-click a leg to see it in full."));
    m_legs->setHorizontalHeaderLabels(
        {tr("Leg"), tr("Start"), tr("Time"), tr("Distance"), tr("Pace / speed"), tr("Avg HR"), tr("Load")});
    // The legs and the whole race's recording (legs joined on the race clock) share the room below, as an
    // activity's laps and recording do.
    m_chart = new RecordingChart;
    m_chart->setObjectName(QStringLiteral("raceRecording"));
    m_tabs = new QTabWidget;
    m_tabs->addTab(m_legs, tr("Legs"));
    m_tabs->addTab(m_chart, tr("Recording"));
    layout->addWidget(m_tabs, 1);
    connect(m_legs, &QTableWidget::cellActivated, this, [this](int row, int) {
        if (row >= 0 && row < static_cast<int>(m_session.legs.size()))
            Q_EMIT legActivated(m_session.legs[static_cast<std::size_t>(row)].id);
    });

    // The session is edited as a whole for its title (every leg takes it) and deleted as a whole; anything else
    // is a leg's own, in the leg's detail.
    auto* buttons = new QHBoxLayout;
    m_title = new QLineEdit;
    m_title->setObjectName(QStringLiteral("sessionTitle"));
    m_title->setPlaceholderText(tr("Title of the race, e.g. Lake Sprint Triathlon"));
    auto* rename = new QPushButton(tr("Save title"));
    rename->setObjectName(QStringLiteral("saveSessionTitle"));
    buttons->addWidget(new QLabel(tr("Title")));
    buttons->addWidget(m_title, 1);
    buttons->addWidget(rename);
    buttons->addStretch();
    connect(rename, &QPushButton::clicked, this, [this] { renameSession(m_title->text()); });
    connect(m_title, &QLineEdit::returnPressed, this, [this] { renameSession(m_title->text()); });
    m_delete = new QPushButton(tr("Delete session"));
    m_delete->setObjectName(QStringLiteral("deleteSession"));
    m_delete->setToolTip(tr("Deletes every leg of the session; Edit ▸ Undo brings them all back."));
    buttons->addWidget(m_delete);
    layout->addLayout(buttons);
    connect(m_delete, &QPushButton::clicked, this, &SessionDetail::deleteSession);
}

void SessionDetail::showSession(const TrainingSession& session)
{
    m_session = session;
    m_bar->setSession(&m_session);
    const TrainingSession& s = m_session;
    const bool imperial = m_preferences.imperial();
    m_legs->setRowCount(0);
    m_race = Activity{};
    m_title->setText(s.title());
    if (s.legs.empty()) {
        m_heading->clear();
        m_summary->clear();
        m_chart->showActivity(m_race, imperial);
        return;
    }
    // A multisport recording is plotted as speed (km/h) throughout: one pace unit cannot fit a swim and a run.
    std::vector<Activity> recorded;
    for (const Activity& leg : s.legs)
        if (auto whole = m_data.store().activity(leg.id, true))
            recorded.push_back(std::move(*whole));
    m_race.id = s.first().id;
    m_race.sport = Sport::Brick;
    m_race.startUtc = s.startUtc();
    m_race.streams = joinLegStreams(recorded);
    m_chart->showActivity(m_race, imperial);
    const Activity& first = s.first();
    const QDateTime local = first.startUtc.addSecs(first.utcOffsetSec);
    m_heading->setText(QStringLiteral("%1 — %2 %3")
                           .arg(s.title().isEmpty() ? sessionName(s.kind) : s.title(),
                                QLocale().toString(local.date(), QLocale::LongFormat),
                                QLocale().toString(local.time(), QLocale::ShortFormat)));

    QStringList parts;
    parts << tr("<b>%1</b> %2").arg(formatDuration(s.durationSec()), sessionName(s.kind));
    if (const auto d = s.distanceM(); d && *d > 0)
        parts << tr("<b>%1</b>").arg(formatDistance(*d, imperial));
    QStringList transitions;
    for (std::size_t i = 0; i < s.legs.size(); ++i)
        if (const int t = s.transitionNumber(i); t > 0)
            transitions << tr("%1 <b>%2</b>").arg(transitionName(t), formatDuration(s.legs[i].durationSec()));
    if (!transitions.isEmpty())
        parts << transitions.join(QStringLiteral(", "));
    parts << tr("Load <b>%1</b>, its legs' loads added up").arg(s.load(), 0, 'f', 0);
    m_summary->setText(parts.join(QStringLiteral(" · ")));

    m_legs->setRowCount(static_cast<int>(s.legs.size()));
    for (int r = 0; r < static_cast<int>(s.legs.size()); ++r) {
        const Activity& leg = s.legs[static_cast<std::size_t>(r)];
        const int t = s.transitionNumber(static_cast<std::size_t>(r));
        const bool yards = leg.sport == Sport::Swim && isYardPool(leg.poolLengthM);
        auto* name = cell(t > 0 ? transitionName(t) : activitySportName(leg.sport, leg.subSport), false);
        name->setData(Qt::DecorationRole, sportColor(leg.sport));
        name->setData(Qt::UserRole, QVariant::fromValue<qlonglong>(leg.id));
        m_legs->setItem(r, LegName, name);
        m_legs->setItem(r, LegStart, cell(formatDuration(first.startUtc.secsTo(leg.startUtc))));
        m_legs->setItem(r, LegTime, cell(formatDuration(leg.durationSec())));
        // A transition is time only: no distance, no pace.
        const bool moving = leg.sport != Sport::Transition;
        QString distance;
        if (moving && leg.distanceM && *leg.distanceM > 0)
            distance = leg.sport == Sport::Swim ? formatSwimDistance(*leg.distanceM, yards)
                                                : formatDistance(*leg.distanceM, imperial);
        m_legs->setItem(r, LegDistance, cell(distance));
        m_legs->setItem(r, LegPace,
                        cell(moving ? formatPaceOrSpeed(leg.sport, legSpeed(leg), imperial, yards) : QString()));
        m_legs->setItem(r, LegHr, cell(leg.avgHr ? QString::number(*leg.avgHr, 'f', 0) : QString()));
        m_legs->setItem(r, LegLoad, cell(QString::number(leg.load, 'f', 0)));
    }
}

void SessionDetail::renameSession(const QString& title)
{
    const QString wanted = title.trimmed();
    if (m_session.legs.empty() || wanted == m_session.title())
        return;
    // Copies: each edit refreshes the page, which shows the session again.
    const std::vector<Activity> legs = m_session.legs;
    m_undo.beginMacro(tr("Rename “%1”").arg(wanted.isEmpty() ? sessionName(m_session.kind) : wanted));
    for (const Activity& leg : legs) {
        if (leg.title == wanted)
            continue;
        Activity after = leg;
        after.title = wanted;
        m_undo.push(new EditActivityCommand(m_data, leg, std::move(after)));
    }
    m_undo.endMacro();
}

void SessionDetail::deleteSession()
{
    if (m_session.legs.empty())
        return;
    std::vector<ActivityId> ids;
    for (const Activity& leg : m_session.legs)
        ids.push_back(leg.id);
    const QString what = m_session.title().isEmpty() ? sessionName(m_session.kind) : m_session.title();
    auto* command = new DeleteActivitiesCommand(m_data, ids, what);
    if (!command->valid()) {
        delete command;
        return;
    }
    m_session = {};
    m_bar->setSession(nullptr);
    m_race = Activity{};
    m_chart->showActivity(m_race, m_preferences.imperial());
    m_undo.push(command);
    Q_EMIT deleted();
}

} // namespace tricoach
