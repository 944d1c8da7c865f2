#include "ui/activities/recordingchart.h"

#include "core/metrics/swimsets.h"
#include "ui/charts/chartstyle.h"
#include "ui/sportstyle.h"

#include <QApplication>
#include <QCategoryAxis>
#include <QChartView>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>
#include <limits>

namespace tricoach {

namespace {

// A plotted quantity derived from one recorded channel.
struct Plot {
    QString key; // objectName of its check box, stable for tests
    QString name;
    Channel channel;
    QColor color;
};

std::vector<Plot> plotsFor(Sport sport, bool imperial, bool yards)
{
    const bool pace = sport == Sport::Run || sport == Sport::Swim;
    return {
        {QStringLiteral("hr"), RecordingChart::tr("Heart rate (bpm)"), Channel::HeartRate, QColor(0xd6, 0x33, 0x33)},
        {QStringLiteral("power"), RecordingChart::tr("Power (W)"), Channel::Power, QColor(0x7b, 0x3f, 0xe4)},
        {QStringLiteral("speed"),
         pace       ? (sport == Sport::Swim
                           ? (yards ? RecordingChart::tr("Pace (min/100 yd)") : RecordingChart::tr("Pace (min/100 m)"))
                       : imperial ? RecordingChart::tr("Pace (min/mi)")
                                  : RecordingChart::tr("Pace (min/km)"))
         : imperial ? RecordingChart::tr("Speed (mph)")
                    : RecordingChart::tr("Speed (km/h)"),
         Channel::Speed, QColor(0x00, 0x72, 0xB2)},
        {QStringLiteral("altitude"), RecordingChart::tr("Altitude (m)"), Channel::Altitude, QColor(0x88, 0x88, 0x88)},
        {QStringLiteral("cadence"), RecordingChart::tr("Cadence"), Channel::Cadence, QColor(0x00, 0x9E, 0x73)},
    };
}

// Converts a recorded value to what the plot shows (speed to km/h or mph, or to pace in minutes).
double shown(Channel channel, double v, Sport sport, bool imperial, bool yards)
{
    if (channel != Channel::Speed)
        return v;
    if (sport == Sport::Run || sport == Sport::Swim) {
        if (v < 0.3)
            return kMissing; // standing still has no pace
        const double unit = sport == Sport::Swim ? (yards ? 100.0 * kMetresPerYard : 100.0)
                            : imperial           ? 1609.344
                                                 : 1000.0;
        return unit / v / 60.0;
    }
    return imperial ? v * 2.236936 : v * 3.6;
}

} // namespace

RecordingChart::RecordingChart(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* boxes = new QHBoxLayout;
    for (const Plot& p : plotsFor(Sport::Bike, false, false)) {
        auto* box = new QCheckBox(p.name);
        box->setObjectName(QStringLiteral("plot-") + p.key);
        m_channelBoxes << box;
        boxes->addWidget(box);
        connect(box, &QCheckBox::toggled, this, &RecordingChart::plot);
    }
    boxes->addStretch();
    auto* reset = new QPushButton(tr("Reset zoom"));
    boxes->addWidget(reset);
    layout->addLayout(boxes);
    m_chart = new QChartView(new QChart);
    m_chart->setObjectName(QStringLiteral("streamChart"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setRubberBand(QChartView::HorizontalRubberBand);
    m_chart->setToolTip(tr("Drag across the chart to zoom in; right-click to zoom out."));
    connect(reset, &QPushButton::clicked, this, [this] { m_chart->chart()->zoomReset(); });
    layout->addWidget(m_chart);
}

void RecordingChart::showActivity(const Activity& activity, bool imperial)
{
    m_activity = &activity;
    m_imperial = imperial;
    // What a person looks at first: heart rate with power when there is power, else speed or pace.
    const QList<Channel> defaults{
        Channel::HeartRate, activity.streams.has(Channel::Power) ? Channel::Power : Channel::Speed, Channel::Altitude};
    const auto plots = plotsFor(activity.sport, imperial, isYardPool(activity.poolLengthM));
    for (int i = 0; i < m_channelBoxes.size(); ++i) {
        const QSignalBlocker block(m_channelBoxes[i]);
        m_channelBoxes[i]->setChecked(defaults.contains(plots[static_cast<std::size_t>(i)].channel));
    }
    plot();
}

void RecordingChart::plot()
{
    QChart* chart = m_chart->chart();
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes())
        chart->removeAxis(axis), delete axis;
    styleChart(chart);
    static const Activity kNone;
    const Activity& a = m_activity ? *m_activity : kNone;
    const bool imperial = m_imperial;
    const bool yards = isYardPool(a.poolLengthM);
    const auto plots = plotsFor(a.sport, imperial, yards);
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
                const double v = shown(p.channel, (*values)[k], a.sport, imperial, yards);
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
            // Rounding outwards must not take a quantity that cannot be negative below zero (only altitude can).
            if (low >= 0 && axis->min() < 0)
                axis->setMin(0);
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

} // namespace tricoach
