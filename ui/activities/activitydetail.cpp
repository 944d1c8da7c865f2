#include "ui/activities/activitydetail.h"

#include "core/metrics/swimsets.h"
#include "core/metrics/zones.h"
#include "core/store/activitystore.h"
#include "ui/activities/activitycommands.h"
#include "ui/activities/activitymodel.h"
#include "ui/activities/detailheading.h"
#include "ui/activities/laptables.h"
#include "ui/activities/recordingchart.h"
#include "ui/activities/swimsetsview.h"
#include "ui/preferences.h"
#include "ui/sportstyle.h"
#include "ui/trainingdata.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>

namespace tricoach {

namespace {

QTableWidgetItem* cell(const QString& text, bool number = true)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

ActivityDetail::ActivityDetail(TrainingData& training, Preferences& preferences, QUndoStack& undo, QWidget* parent)
    : QWidget(parent)
    , m_data(training)
    , m_preferences(preferences)
    , m_undo(undo)
{
    setObjectName(QStringLiteral("activityDetail"));
    auto* layout = new QVBoxLayout(this);
    const DetailHeading top =
        addDetailHeading(layout, QStringLiteral("detailHeading"), QStringLiteral("detailSummary"));
    m_heading = top.heading;
    m_summary = top.summary;
    // Why the load came from where it did, when an earlier input was passed over ("The power meter recorded only
    // zeros; heart rate was used.").
    m_loadNote = new QLabel;
    m_loadNote->setObjectName(QStringLiteral("detailLoadNote"));
    m_loadNote->setTextFormat(Qt::PlainText);
    m_loadNote->setWordWrap(true);
    QFont nf = m_loadNote->font();
    nf.setItalic(true);
    m_loadNote->setFont(nf);
    m_loadNote->hide();
    layout->addWidget(m_loadNote);

    m_tabs = new QTabWidget;
    m_chart = new RecordingChart;
    m_tabs->addTab(m_chart, tr("Recording"));
    m_sets = new SwimSetsView;
    m_tabs->addTab(m_sets, tr("Sets"));
    m_laps = new QTableWidget;
    m_laps->setObjectName(QStringLiteral("lapsTable"));
    LapTables::setCompact(m_laps);
    m_tabs->addTab(m_laps, tr("Laps"));

    m_zones = new QTableWidget;
    m_zones->setObjectName(QStringLiteral("zonesTable"));
    m_zones->verticalHeader()->hide();
    m_tabs->addTab(m_zones, tr("Time in zones"));

    auto* editPage = new QWidget;
    auto* form = new QFormLayout(editPage);
    m_title = new QLineEdit;
    m_title->setObjectName(QStringLiteral("editTitle"));
    m_sport = new QComboBox;
    m_sport->setObjectName(QStringLiteral("editSport"));
    for (Sport s : kAllSports)
        m_sport->addItem(sportName(s), static_cast<int>(s));
    m_rpe = new QSpinBox;
    m_rpe->setObjectName(QStringLiteral("editRpe"));
    m_rpe->setRange(0, 10);
    m_rpe->setSpecialValueText(tr("not rated"));
    m_rpe->setToolTip(tr("Rate of perceived exertion: 1 very easy … 10 maximal"));
    m_notes = new QPlainTextEdit;
    m_notes->setObjectName(QStringLiteral("editNotes"));
    m_notes->setMaximumHeight(90);
    auto* loadRow = new QHBoxLayout;
    m_overrideLoad = new QCheckBox(tr("Use my own load:"));
    m_overrideLoad->setObjectName(QStringLiteral("editOverrideLoad"));
    m_load = new QDoubleSpinBox;
    m_load->setObjectName(QStringLiteral("editLoad"));
    m_load->setRange(0, 2000);
    m_load->setDecimals(0);
    connect(m_overrideLoad, &QCheckBox::toggled, m_load, &QWidget::setEnabled);
    loadRow->addWidget(m_overrideLoad);
    loadRow->addWidget(m_load);
    loadRow->addStretch();
    form->addRow(tr("Title"), m_title);
    form->addRow(tr("Sport"), m_sport);
    form->addRow(tr("RPE"), m_rpe);
    form->addRow(tr("Notes"), m_notes);
    form->addRow(tr("Load"), loadRow);
    auto* buttons = new QHBoxLayout;
    m_save = new QPushButton(tr("Save changes"));
    m_save->setObjectName(QStringLiteral("saveActivity"));
    m_delete = new QPushButton(tr("Delete activity"));
    m_delete->setObjectName(QStringLiteral("deleteActivity"));
    m_delete->setToolTip(tr("Edit ▸ Undo brings it back."));
    buttons->addWidget(m_save);
    buttons->addStretch();
    buttons->addWidget(m_delete);
    form->addRow(buttons);
    connect(m_save, &QPushButton::clicked, this, &ActivityDetail::saveEdits);
    connect(m_delete, &QPushButton::clicked, this, &ActivityDetail::deleteActivity);
    m_tabs->addTab(editPage, tr("Edit"));
    layout->addWidget(m_tabs, 1);
    showActivity(0);
}

QChartView* ActivityDetail::streamChart() const
{
    return m_chart->chartView();
}

void ActivityDetail::showActivity(ActivityId id)
{
    m_activity = Activity{};
    if (id != 0) {
        auto found = m_data.store().activity(id, true);
        if (found)
            m_activity = std::move(*found);
    }
    const bool has = m_activity.id != 0;
    m_tabs->setEnabled(has);
    fillSummary();
    m_chart->showActivity(m_activity, m_preferences.imperial());
    fillLaps();
    fillZones();
    fillEditor();
}

void ActivityDetail::fillSummary()
{
    const Activity& a = m_activity;
    m_loadNote->setText(a.loadNote);
    m_loadNote->setVisible(!a.loadNote.isEmpty());
    if (a.id == 0) {
        m_heading->setText(tr("Select an activity"));
        m_summary->setText(tr("Its recording, laps and zones appear here."));
        return;
    }
    const bool imperial = m_preferences.imperial();
    // The athlete's local clock time; the stored instant is UTC.
    const QDateTime local = a.startUtc.addSecs(a.utcOffsetSec);
    m_heading->setText(QStringLiteral("%1 — %2 %3")
                           .arg(a.title.isEmpty() ? activitySportName(a.sport, a.subSport) : a.title,
                                QLocale().toString(local.date(), QLocale::LongFormat),
                                QLocale().toString(local.time(), QLocale::ShortFormat)));
    QStringList parts;
    parts << tr("<b>%1</b> %2").arg(formatDuration(a.durationSec()), activitySportName(a.sport, a.subSport));
    // Swims in the pool's unit; a transition is time only.
    const bool yards = a.sport == Sport::Swim && isYardPool(a.poolLengthM);
    if (a.distanceM && *a.distanceM > 0 && a.sport != Sport::Transition)
        parts << tr("<b>%1</b>")
                     .arg(a.sport == Sport::Swim ? formatSwimDistance(*a.distanceM, yards)
                                                 : formatDistance(*a.distanceM, imperial));
    if (const QString pace = formatPaceOrSpeed(a.sport, a.avgSpeed.value_or(0), imperial, yards); !pace.isEmpty())
        parts << tr("<b>%1</b> avg").arg(pace);
    if (a.avgHr)
        parts << tr("<b>%1</b> bpm avg").arg(*a.avgHr, 0, 'f', 0);
    if (a.avgPower)
        parts << tr("<b>%1</b> W avg").arg(*a.avgPower, 0, 'f', 0);
    if (a.elevationGainM && *a.elevationGainM > 0)
        parts << (imperial ? tr("<b>%1</b> ft climbed").arg(*a.elevationGainM * 3.28084, 0, 'f', 0)
                           : tr("<b>%1</b> m climbed").arg(*a.elevationGainM, 0, 'f', 0));
    if (a.calories)
        parts << tr("<b>%1</b> kcal").arg(*a.calories, 0, 'f', 0);
    QString load =
        tr("Load <b>%1</b> from %2").arg(a.load, 0, 'f', 0).arg(ActivityTableModel::loadSourceName(a.loadSource));
    if (a.intensity)
        load += tr(", intensity %1").arg(*a.intensity, 0, 'f', 2);
    parts << load;
    parts << tr("source: %1").arg(ActivityTableModel::sourceName(a.source));
    m_summary->setText(parts.join(QStringLiteral(" · ")));
}

void ActivityDetail::fillLaps()
{
    const Activity& a = m_activity;
    const bool pool = !a.lengths.empty();
    m_tabs->setTabVisible(m_tabs->indexOf(m_sets), pool);
    m_tabs->setTabText(m_tabs->indexOf(m_laps), pool ? tr("Lengths") : tr("Laps"));
    if (pool)
        LapTables::fillLengths(m_laps, a);
    else
        LapTables::fillLaps(m_laps, a, m_preferences.imperial());
    m_sets->showSwim(a);
}

void ActivityDetail::fillZones()
{
    const Activity& a = m_activity;
    m_zones->clear();
    m_zones->setRowCount(0);
    m_zones->setColumnCount(4);
    m_zones->setHorizontalHeaderLabels({tr("Zone"), tr("Range"), tr("Time"), tr("Share")});
    m_zones->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    if (a.id == 0)
        return;
    const Thresholds t = m_data.store().thresholdHistory(m_data.athlete()).at(a.localDate());
    const ZoneSettings custom = m_data.store().metricSettings(m_data.athlete()).zones;
    const struct {
        ZoneKind kind;
        Channel channel;
        QString what;
    } kinds[] = {{ZoneKind::Power, Channel::Power, tr("Power")},
                 {ZoneKind::HeartRate, Channel::HeartRate, tr("Heart rate")},
                 {ZoneKind::Pace, Channel::Speed, tr("Pace")}};
    for (const auto& k : kinds) {
        if (!a.streams.has(k.channel) || (k.kind == ZoneKind::Pace && a.sport != Sport::Run && a.sport != Sport::Swim))
            continue;
        const auto zones = zonesFor(k.kind, a.sport, t, custom);
        if (!zones)
            continue;
        const std::vector<double> seconds = timeInZones(a.streams, k.channel, *zones);
        double total = 0;
        for (double s : seconds)
            total += s;
        if (total <= 0)
            continue;
        for (std::size_t z = 0; z < zones->size(); ++z) {
            const Zone& zone = (*zones)[z];
            const int row = m_zones->rowCount();
            m_zones->insertRow(row);
            m_zones->setItem(row, 0, cell(QStringLiteral("%1 %2 · %3").arg(k.what, zone.name, zone.label), false));
            const QString high = std::isinf(zone.high)
                                     ? QStringLiteral("+")
                                     : QStringLiteral("–%1").arg(zone.high, 0, 'f', k.kind == ZoneKind::Pace ? 2 : 0);
            m_zones->setItem(
                row, 1, cell(QStringLiteral("%1%2").arg(zone.low, 0, 'f', k.kind == ZoneKind::Pace ? 2 : 0).arg(high)));
            m_zones->setItem(row, 2, cell(formatDuration(seconds[z])));
            m_zones->setItem(row, 3, cell(QStringLiteral("%1%").arg(seconds[z] / total * 100, 0, 'f', 0)));
        }
    }
    if (m_zones->rowCount() == 0) {
        m_zones->insertRow(0);
        m_zones->setItem(0, 0, cell(tr("Set your thresholds in Settings to see time in zones."), false));
        m_zones->setSpan(0, 0, 1, 4);
    }
}

void ActivityDetail::fillEditor()
{
    const Activity& a = m_activity;
    m_title->setText(a.title);
    m_sport->setCurrentIndex(m_sport->findData(static_cast<int>(a.sport)));
    m_rpe->setValue(a.rpe.value_or(0));
    m_notes->setPlainText(a.notes);
    m_overrideLoad->setChecked(a.userLoad.has_value());
    m_load->setEnabled(a.userLoad.has_value());
    m_load->setValue(a.userLoad.value_or(a.load));
}

void ActivityDetail::saveEdits()
{
    if (m_activity.id == 0)
        return;
    Activity before = m_activity;
    before.streams = {};
    before.laps.clear();
    before.lengths.clear();
    Activity after = before;
    after.title = m_title->text().trimmed();
    after.sport = static_cast<Sport>(m_sport->currentData().toInt());
    after.rpe = m_rpe->value() > 0 ? std::optional<int>(m_rpe->value()) : std::nullopt;
    after.notes = m_notes->toPlainText();
    after.userLoad = m_overrideLoad->isChecked() ? std::optional<double>(m_load->value()) : std::nullopt;
    if (after.title == before.title && after.sport == before.sport && after.rpe == before.rpe &&
        after.notes == before.notes && after.userLoad == before.userLoad)
        return;
    const ActivityId id = m_activity.id;
    m_undo.push(new EditActivityCommand(m_data, std::move(before), std::move(after)));
    showActivity(id);
}

void ActivityDetail::deleteActivity()
{
    if (m_activity.id == 0)
        return;
    const ActivityId id = m_activity.id;
    auto* command = new DeleteActivityCommand(m_data, id);
    if (!command->valid()) {
        delete command;
        return;
    }
    m_undo.push(command);
    showActivity(0);
    Q_EMIT deleted(id);
}

} // namespace tricoach
