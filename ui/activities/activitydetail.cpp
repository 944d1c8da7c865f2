#include "ui/activities/activitydetail.h"

#include "core/metrics/zones.h"
#include "core/store/activitystore.h"
#include "ui/activities/activitycommands.h"
#include "ui/activities/activitymodel.h"
#include "ui/charts/chartstyle.h"
#include "ui/preferences.h"
#include "ui/sportstyle.h"
#include "ui/trainingdata.h"

#include <QApplication>
#include <QCategoryAxis>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace tricoach {

namespace {

// A plotted quantity derived from one recorded channel.
struct Plot {
    QString key; // objectName of its check box, stable for tests
    QString name;
    Channel channel;
    QColor color;
};

std::vector<Plot> plotsFor(Sport sport, bool imperial)
{
    const bool pace = sport == Sport::Run || sport == Sport::Swim;
    return {
        {QStringLiteral("hr"), QCoreApplication::translate("ActivityDetail", "Heart rate (bpm)"), Channel::HeartRate,
         QColor(0xd6, 0x33, 0x33)},
        {QStringLiteral("power"), QCoreApplication::translate("ActivityDetail", "Power (W)"), Channel::Power,
         QColor(0x7b, 0x3f, 0xe4)},
        {QStringLiteral("speed"),
         pace       ? (sport == Sport::Swim ? QCoreApplication::translate("ActivityDetail", "Pace (min/100 m)")
                       : imperial           ? QCoreApplication::translate("ActivityDetail", "Pace (min/mi)")
                                            : QCoreApplication::translate("ActivityDetail", "Pace (min/km)"))
         : imperial ? QCoreApplication::translate("ActivityDetail", "Speed (mph)")
                    : QCoreApplication::translate("ActivityDetail", "Speed (km/h)"),
         Channel::Speed, QColor(0x00, 0x72, 0xB2)},
        {QStringLiteral("altitude"), QCoreApplication::translate("ActivityDetail", "Altitude (m)"), Channel::Altitude,
         QColor(0x88, 0x88, 0x88)},
        {QStringLiteral("cadence"), QCoreApplication::translate("ActivityDetail", "Cadence"), Channel::Cadence,
         QColor(0x00, 0x9E, 0x73)},
    };
}

// Converts a recorded value to what the plot shows (speed to km/h or mph, or to pace in minutes).
double shown(Channel channel, double v, Sport sport, bool imperial)
{
    if (channel != Channel::Speed)
        return v;
    if (sport == Sport::Run || sport == Sport::Swim) {
        if (v < 0.3)
            return kMissing; // standing still has no pace
        const double unit = sport == Sport::Swim ? 100.0 : imperial ? 1609.344 : 1000.0;
        return unit / v / 60.0;
    }
    return imperial ? v * 2.236936 : v * 3.6;
}

QTableWidgetItem* cell(const QString& text, bool number = true)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QString optionalNumber(const std::optional<double>& v, int decimals = 0)
{
    return v ? QString::number(*v, 'f', decimals) : QString();
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
    m_heading = new QLabel;
    m_heading->setObjectName(QStringLiteral("detailHeading"));
    QFont hf = m_heading->font();
    hf.setBold(true);
    hf.setPointSizeF(hf.pointSizeF() * 1.3);
    m_heading->setFont(hf);
    m_heading->setWordWrap(true);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("detailSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
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
    layout->addWidget(m_heading);
    layout->addWidget(m_summary);
    layout->addWidget(m_loadNote);

    m_tabs = new QTabWidget;
    // The recording over time.
    auto* chartPage = new QWidget;
    auto* chartLayout = new QVBoxLayout(chartPage);
    auto* boxes = new QHBoxLayout;
    for (const Plot& p : plotsFor(Sport::Bike, false)) {
        auto* box = new QCheckBox(p.name);
        box->setObjectName(QStringLiteral("plot-") + p.key);
        m_channelBoxes << box;
        boxes->addWidget(box);
        connect(box, &QCheckBox::toggled, this, &ActivityDetail::fillChart);
    }
    boxes->addStretch();
    auto* reset = new QPushButton(tr("Reset zoom"));
    boxes->addWidget(reset);
    chartLayout->addLayout(boxes);
    m_chart = new QChartView(new QChart);
    m_chart->setObjectName(QStringLiteral("streamChart"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setRubberBand(QChartView::HorizontalRubberBand);
    m_chart->setToolTip(tr("Drag across the chart to zoom in; right-click to zoom out."));
    connect(reset, &QPushButton::clicked, this, [this] { m_chart->chart()->zoomReset(); });
    chartLayout->addWidget(m_chart);
    m_tabs->addTab(chartPage, tr("Recording"));

    m_laps = new QTableWidget;
    m_laps->setObjectName(QStringLiteral("lapsTable"));
    m_laps->verticalHeader()->hide();
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
    // What a person looks at first: heart rate with power when there is power, else speed or pace.
    const Sport sport = m_activity.sport;
    const QList<Channel> defaults{Channel::HeartRate,
                                  m_activity.streams.has(Channel::Power) ? Channel::Power : Channel::Speed,
                                  Channel::Altitude};
    const auto plots = plotsFor(sport, m_preferences.imperial());
    for (int i = 0; i < m_channelBoxes.size(); ++i) {
        const QSignalBlocker block(m_channelBoxes[i]);
        m_channelBoxes[i]->setChecked(defaults.contains(plots[static_cast<std::size_t>(i)].channel));
    }
    fillSummary();
    fillChart();
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
                           .arg(a.title.isEmpty() ? sportName(a.sport) : a.title,
                                QLocale().toString(local.date(), QLocale::LongFormat),
                                QLocale().toString(local.time(), QLocale::ShortFormat)));
    QStringList parts;
    parts << tr("<b>%1</b> %2").arg(formatDuration(a.durationSec()), sportName(a.sport));
    if (a.distanceM && *a.distanceM > 0)
        parts << tr("<b>%1</b>").arg(formatDistance(*a.distanceM, imperial));
    if (a.avgSpeed && *a.avgSpeed > 0)
        parts << (a.sport == Sport::Bike ? tr("<b>%1</b> avg")
                                               .arg(imperial ? tr("%1 mph").arg(*a.avgSpeed * 2.236936, 0, 'f', 1)
                                                             : tr("%1 km/h").arg(*a.avgSpeed * 3.6, 0, 'f', 1))
                                         : tr("<b>%1</b> avg")
                                               .arg(a.sport == Sport::Swim ? formatSwimPace(*a.avgSpeed)
                                                                           : formatPace(*a.avgSpeed, imperial)));
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

void ActivityDetail::fillChart()
{
    QChart* chart = m_chart->chart();
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes())
        chart->removeAxis(axis), delete axis;
    styleChart(chart);
    const Activity& a = m_activity;
    const bool imperial = m_preferences.imperial();
    const auto plots = plotsFor(a.sport, imperial);
    for (int i = 0; i < m_channelBoxes.size(); ++i) {
        QCheckBox* box = m_channelBoxes[i];
        const Plot& p = plots[static_cast<std::size_t>(i)];
        box->setText(p.name);
        const bool recorded = a.streams.has(p.channel);
        box->setEnabled(recorded);
        box->setVisible(recorded || a.id == 0);
    }
    if (a.streams.empty())
        return;
    auto* x = new QValueAxis;
    x->setTitleText(tr("Minutes"));
    x->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(x, Qt::AlignBottom);
    // Long recordings are averaged into at most ~3,000 points a line: more than a wide screen has pixels.
    const std::size_t n = a.streams.size();
    const std::size_t step = std::max<std::size_t>(1, n / 3000);
    int side = 0;
    for (int i = 0; i < m_channelBoxes.size(); ++i) {
        const Plot& p = plots[static_cast<std::size_t>(i)];
        const std::vector<double>* values = a.streams.get(p.channel);
        if (!values || !m_channelBoxes[i]->isChecked())
            continue;
        auto* series = new QLineSeries;
        series->setName(p.name);
        QList<QPointF> points;
        points.reserve(static_cast<qsizetype>(n / step + 1));
        double low = std::numeric_limits<double>::infinity(), high = -low;
        for (std::size_t s = 0; s < n; s += step) {
            double sum = 0;
            int count = 0;
            for (std::size_t k = s; k < std::min(n, s + step); ++k) {
                const double v = shown(p.channel, (*values)[k], a.sport, imperial);
                if (!isMissing(v)) {
                    sum += v;
                    ++count;
                }
            }
            if (count == 0)
                continue;
            const double v = sum / count;
            points.append({a.streams.time[s] / 60.0, v});
            low = std::min(low, v);
            high = std::max(high, v);
        }
        series->replace(points);
        chart->addSeries(series);
        series->setPen(QPen(p.color, 1.3));
        if (points.isEmpty())
            low = 0, high = 1;
        const double pad = std::max(1e-6, (high - low) * 0.05);
        const bool pace = p.channel == Channel::Speed && (a.sport == Sport::Run || a.sport == Sport::Swim);
        QAbstractAxis* y = nullptr;
        if (pace) {
            // Pace reads as minutes:seconds, and a faster pace (a smaller number) plots higher.
            auto* axis = new QCategoryAxis;
            axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
            axis->setRange(low - pad, high + pad);
            const double tick = std::max(5.0 / 60.0, std::ceil((high - low) * 60.0 / 5.0 / 5.0) * 5.0 / 60.0);
            for (double v = std::ceil((low - pad) / tick) * tick; v <= high + pad; v += tick)
                axis->append(formatDuration(v * 60.0), v);
            axis->setReverse(true);
            y = axis;
        } else {
            auto* axis = new QValueAxis;
            axis->setRange(low - pad, high + pad);
            axis->applyNiceNumbers();
            axis->setLabelFormat(QStringLiteral("%.0f"));
            y = axis;
        }
        y->setTitleText(p.name);
        y->setLinePenColor(p.color);
        y->setLabelsColor(p.color);
        chart->addAxis(y, side++ % 2 == 0 ? Qt::AlignLeft : Qt::AlignRight);
        series->attachAxis(x);
        series->attachAxis(y);
    }
    x->setRange(0, a.streams.time.back() / 60.0);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setGridLineColor(QApplication::palette().color(QPalette::Mid));
        axis->setTitleBrush(QApplication::palette().color(QPalette::Text));
    }
    x->setLabelsColor(QApplication::palette().color(QPalette::Text));
}

void ActivityDetail::fillLaps()
{
    const Activity& a = m_activity;
    const bool imperial = m_preferences.imperial();
    m_laps->clear();
    if (!a.lengths.empty()) {
        m_tabs->setTabText(1, tr("Lengths"));
        m_laps->setColumnCount(5);
        m_laps->setHorizontalHeaderLabels({tr("#"), tr("Start"), tr("Time"), tr("Strokes"), tr("Stroke")});
        m_laps->setRowCount(static_cast<int>(a.lengths.size()));
        for (int r = 0; r < static_cast<int>(a.lengths.size()); ++r) {
            const PoolLength& l = a.lengths[static_cast<std::size_t>(r)];
            m_laps->setItem(r, 0, cell(QString::number(r + 1)));
            m_laps->setItem(r, 1, cell(formatDuration(l.startOffsetSec)));
            m_laps->setItem(
                r, 2,
                cell(l.active ? formatDuration(l.durationSec) : tr("rest %1").arg(formatDuration(l.durationSec))));
            m_laps->setItem(r, 3, cell(l.strokes ? QString::number(*l.strokes) : QString()));
            m_laps->setItem(r, 4, cell(l.strokeType, false));
        }
    } else {
        m_tabs->setTabText(1, tr("Laps"));
        m_laps->setColumnCount(7);
        m_laps->setHorizontalHeaderLabels(
            {tr("#"), tr("Time"), tr("Distance"), tr("Avg HR"), tr("Max HR"), tr("Avg power"), tr("Avg cadence")});
        m_laps->setRowCount(static_cast<int>(a.laps.size()));
        for (int r = 0; r < static_cast<int>(a.laps.size()); ++r) {
            const Lap& l = a.laps[static_cast<std::size_t>(r)];
            m_laps->setItem(r, 0, cell(QString::number(r + 1)));
            m_laps->setItem(r, 1, cell(formatDuration(l.movingSec > 0 ? l.movingSec : l.elapsedSec)));
            m_laps->setItem(r, 2, cell(l.distanceM ? formatDistance(*l.distanceM, imperial) : QString()));
            m_laps->setItem(r, 3, cell(optionalNumber(l.avgHr)));
            m_laps->setItem(r, 4, cell(optionalNumber(l.maxHr)));
            m_laps->setItem(r, 5, cell(optionalNumber(l.avgPower)));
            m_laps->setItem(r, 6, cell(optionalNumber(l.avgCadence)));
        }
    }
    m_laps->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
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
