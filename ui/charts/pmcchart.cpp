#include "ui/charts/pmcchart.h"

#include "core/util/datetime.h"
#include "core/util/numberformat.h"
#include "ui/charts/chartstyle.h"

#include <QApplication>
#include <QAreaSeries>
#include <QCoreApplication>
#include <QDateTimeAxis>
#include <QFontMetrics>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QResizeEvent>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace tricoach {

namespace {

const QColor kFitness(0x00, 0x72, 0xB2);
const QColor kFatigue(0xCC, 0x79, 0xA7);
const QColor kForm(0xE6, 0x9F, 0x00);

qint64 msecsAt(const QDate& day, int hour)
{
    return utcDateTime(day, QTime(hour, 0)).toMSecsSinceEpoch();
}

// A tidy axis step: 1, 2 or 5 times a power of ten.
double niceCeil(double v)
{
    if (v <= 0)
        return 10;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (v <= m * p)
            return m * p;
    return 10 * p;
}

} // namespace

PmcChart::PmcChart(QWidget* parent)
    : QChartView(parent)
{
    setObjectName(QStringLiteral("pmcChart"));
    auto* chart = new QChart;
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMouseTracking(true);
    // Small enough that the whole dashboard fits a 1024×700 window.
    setMinimumHeight(180);

    m_loadUpper = new QLineSeries(this);
    m_load = new QAreaSeries(m_loadUpper);
    m_load->setName(tr("Load"));
    m_fitness = new QLineSeries;
    m_fitness->setName(tr("Fitness"));
    m_fatigue = new QLineSeries;
    m_fatigue->setName(tr("Fatigue"));
    m_form = new QLineSeries;
    m_form->setName(tr("Form"));
    m_todayLine = new QLineSeries;
    m_todayLine->setName(tr("Today"));
    m_projectedFitness = new QLineSeries;
    m_projectedFitness->setName(tr("Planned Fitness"));
    m_projectedForm = new QLineSeries;
    m_projectedForm->setName(tr("Planned Form"));
    for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{m_load, m_fitness, m_fatigue, m_form, m_todayLine,
                                                                      m_projectedFitness, m_projectedForm})
        chart->addSeries(s);

    m_x = new QDateTimeAxis;
    m_x->setTruncateLabels(false); // fitTicks() spaces them
    m_y = new QValueAxis;
    m_yLoad = new QValueAxis;
    m_yLoad->setTitleText(tr("Daily load"));
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    chart->addAxis(m_yLoad, Qt::AlignRight);
    m_load->attachAxis(m_x);
    m_load->attachAxis(m_yLoad);
    for (QLineSeries* s : {m_fitness, m_fatigue, m_form, m_todayLine, m_projectedFitness, m_projectedForm}) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    restyle();
}

void PmcChart::restyle()
{
    styleChart(chart());
    const QColor grid = QApplication::palette().color(QPalette::Mid);
    for (QAbstractAxis* axis :
         {static_cast<QAbstractAxis*>(m_x), static_cast<QAbstractAxis*>(m_y), static_cast<QAbstractAxis*>(m_yLoad)}) {
        axis->setGridLineColor(grid);
        axis->setLabelsColor(QApplication::palette().color(QPalette::Text));
        axis->setTitleBrush(QApplication::palette().color(QPalette::Text));
    }
    m_yLoad->setGridLineVisible(false);
    m_fitness->setPen(QPen(kFitness, 2.5));
    m_fatigue->setPen(QPen(kFatigue, 1.6));
    m_form->setPen(QPen(kForm, 1.6));
    QColor bar = QApplication::palette().color(QPalette::Text);
    bar.setAlphaF(0.28);
    m_load->setBrush(bar);
    m_load->setPen(Qt::NoPen);
    QPen today(QApplication::palette().color(QPalette::Highlight), 1.2, Qt::DashLine);
    m_todayLine->setPen(today);
    m_projectedFitness->setPen(QPen(kFitness, 2, Qt::DashLine));
    m_projectedForm->setPen(QPen(kForm, 1.4, Qt::DashLine));
    setToolTip(conventionText());
}

QString PmcChart::conventionText() const
{
    return tr("Fitness and Fatigue are %1- and %2-day exponentially weighted averages of daily Load; days without "
              "training count as zero.\nForm is yesterday's Fitness minus yesterday's Fatigue: how fresh you start "
              "the day.\nBars: the Load of each day.")
        .arg(m_settings.fitnessDays)
        .arg(m_settings.fatigueDays);
}

void PmcChart::setData(std::vector<PmcDay> days, const PmcSettings& settings, const QDate& today)
{
    m_all = std::move(days);
    m_settings = settings;
    m_today = today;
    setToolTip(conventionText());
    rebuild();
}

void PmcChart::setWindow(const ChartWindow& window)
{
    m_window = window;
    rebuild();
}

void PmcChart::setProjection(std::vector<PmcDay> days)
{
    m_projection = std::move(days);
    rebuild();
}

void PmcChart::rebuild()
{
    m_visible.clear();
    const QDate today = m_today.isValid() ? m_today : QDate::currentDate();
    // Without a window yet: the 90 days to today.
    const ChartWindow window = m_window.first.isValid() && m_window.last.isValid()
                                   ? m_window
                                   : chartWindow(ChartRange::NinetyDays, today, std::nullopt, std::nullopt);
    const QDate first = window.first, last = window.last;
    // History ends today; the days after it belong to the plan.
    const QDate lastRecorded = std::min(last, today);
    // Days before the first activity are all zero: shown as such so a short history still fills the range.
    for (QDate d = first; d <= lastRecorded; d = d.addDays(1)) {
        PmcDay day;
        day.date = d;
        m_visible.push_back(day);
    }
    if (!m_all.empty()) {
        const qint64 offset = m_all.front().date.toJulianDay() - first.toJulianDay();
        for (const PmcDay& d : m_all) {
            const qint64 i = offset + (d.date.toJulianDay() - m_all.front().date.toJulianDay());
            if (i >= 0 && i < static_cast<qint64>(m_visible.size()))
                m_visible[static_cast<std::size_t>(i)] = d;
        }
    }

    // A plot a thousand pixels wide cannot show 7,000 days: past kMaxPoints days, each point is the mean of a few
    // days (the lines are smooth; a bar is the mean daily load of its days). Hover still tells each day exactly.
    const std::size_t days = m_visible.size();
    const std::size_t bucket = std::max<std::size_t>(1, (days + kMaxPoints - 1) / kMaxPoints);
    QList<QPointF> fitness, fatigue, form, load;
    const auto points = static_cast<qsizetype>(days / bucket + 1);
    fitness.reserve(points);
    fatigue.reserve(points);
    form.reserve(points);
    load.reserve(points * 4);
    double low = 0, high = 10, maxLoad = 0;
    for (std::size_t start = 0; start < days; start += bucket) {
        const std::size_t end = std::min(days, start + bucket);
        double ctl = 0, atl = 0, tsb = 0, dayLoad = 0;
        for (std::size_t i = start; i < end; ++i) {
            ctl += m_visible[i].ctl;
            atl += m_visible[i].atl;
            tsb += m_visible[i].tsb;
            dayLoad += m_visible[i].load;
        }
        const auto n = static_cast<double>(end - start);
        ctl /= n, atl /= n, tsb /= n, dayLoad /= n;
        const QDate firstDay = m_visible[start].date, lastDay = m_visible[end - 1].date;
        const auto x = static_cast<double>(msecsAt(firstDay, 12) + (msecsAt(lastDay, 12) - msecsAt(firstDay, 12)) / 2);
        fitness.append({x, ctl});
        fatigue.append({x, atl});
        form.append({x, tsb});
        // Each bar is a rectangle in one filled path, which stays fast where a QBarSeries would make an item per bar.
        if (bucket > 1) {
            // Averaged bars touch: one step outline, half the vertices and a simpler fill.
            load.append({static_cast<double>(msecsAt(firstDay, 0)), dayLoad});
            load.append({static_cast<double>(msecsAt(lastDay.addDays(1), 0)), dayLoad});
        } else if (dayLoad > 0) {
            const auto from = static_cast<double>(msecsAt(firstDay, 3)), to = static_cast<double>(msecsAt(lastDay, 21));
            load.append({from, 0});
            load.append({from, dayLoad});
            load.append({to, dayLoad});
            load.append({to, 0});
        }
        low = std::min({low, tsb});
        high = std::max({high, ctl, atl, tsb});
        maxLoad = std::max(maxLoad, dayLoad);
    }
    if (load.isEmpty()) {
        const auto x = static_cast<double>(msecsAt(first, 12));
        load.append({x, 0});
    }
    QList<QPointF> plannedFitness, plannedForm;
    for (const PmcDay& d : m_projection) {
        // From today (joining the history) to the range's end; nothing when the range ends today.
        if (last <= today || d.date < lastRecorded || d.date < first || d.date > last)
            continue;
        const auto x = static_cast<double>(msecsAt(d.date, 12));
        plannedFitness.append({x, d.ctl});
        plannedForm.append({x, d.tsb});
        high = std::max({high, d.ctl, d.tsb});
        low = std::min(low, d.tsb);
    }
    m_projectedFitness->replace(plannedFitness);
    m_projectedForm->replace(plannedForm);
    // The chart's title says the dashed lines are the plan, in the colours of Fitness and Form: no legend entries.
    for (QLineSeries* s : {m_projectedFitness, m_projectedForm})
        for (QLegendMarker* m : chart()->legend()->markers(s))
            m->setVisible(false);
    m_fitness->replace(fitness);
    m_fatigue->replace(fatigue);
    m_form->replace(form);
    m_loadUpper->replace(load);

    // Round steps that fit the lines (a Form of −8 must not stretch the axis to −100), and the load axis on the
    // same ticks so its labels sit on the grid.
    const double step = niceCeil((high - low) * 1.1 / 4);
    double bottom = std::floor(low * 1.1 / step) * step;
    if (bottom == 0)
        bottom = 0; // never −0: the axis would label it "-0"
    const double top = std::ceil(high * 1.1 / step) * step;
    const int ticks = static_cast<int>(std::lround((top - bottom) / step)) + 1;
    m_y->setRange(bottom, top);
    m_y->setTickCount(ticks);
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    // Bars use the lower half of the plot, under the lines.
    const double loadStep = niceCeil(std::max(maxLoad, 50.0) * 2 / (ticks - 1));
    m_yLoad->setRange(0, loadStep * (ticks - 1));
    m_yLoad->setTickCount(ticks);
    m_yLoad->setLabelFormat(QStringLiteral("%.0f"));
    // To the end of the last day (not midnight after it, which would label the last tick with the next day).
    m_x->setRange(utcDateTime(first, QTime(0, 0)), utcDateTime(last, QTime(23, 59)));
    const qint64 shown = first.daysTo(last) + 1;
    m_x->setFormat(shown > 400 ? QStringLiteral("MMM yyyy") : QStringLiteral("d MMM"));
    fitTicks();
    // A range that runs on to race day says so: its last days are the plan's, not history.
    chart()->setTitle(window.toRaceDay && !plannedFitness.isEmpty()
                          ? tr("To race day, %1: dashed lines are the plan")
                                .arg(QLocale().toString(last, QStringLiteral("d MMMM yyyy")))
                          : QString());

    QList<QPointF> marker;
    if (today >= first && today <= last) {
        const auto x = static_cast<double>(msecsAt(today, 12));
        marker = {{x, m_y->min()}, {x, m_y->max()}};
    }
    m_todayLine->replace(marker);
    const auto markers = chart()->legend()->markers(m_todayLine);
    for (QLegendMarker* m : markers)
        m->setVisible(!marker.isEmpty());
}

void PmcChart::fitTicks()
{
    // As many date labels as fit the width whole ("Sep 2025" needs more room than "8 Sep").
    const QFontMetrics metrics(m_x->labelsFont());
    const int label = metrics.horizontalAdvance(QLocale().toString(QDate(2025, 9, 28), m_x->format())) + 24;
    m_x->setTickCount(std::clamp((width() - 120) / std::max(1, label), 3, 8));
}

void PmcChart::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    fitTicks();
}

QString PmcChart::describeDay(const QDate& day) const
{
    if (m_visible.empty() || day < m_visible.front().date || day > m_visible.back().date)
        return QString();
    const PmcDay& d = m_visible[static_cast<std::size_t>(day.toJulianDay() - m_visible.front().date.toJulianDay())];
    QString text = QLocale().toString(day, QLocale::LongFormat);
    if (day == m_today)
        text += tr(" (today)");
    return text + tr("\nLoad %1\nFitness %2\nFatigue %3\nForm %4")
                      .arg(fixedNumber(d.load, 0), fixedNumber(d.ctl, 1), fixedNumber(d.atl, 1), fixedNumber(d.tsb, 1));
}

void PmcChart::mouseMoveEvent(QMouseEvent* event)
{
    QChartView::mouseMoveEvent(event);
    const QPointF pos = event->position();
    if (!chart()->plotArea().contains(pos)) {
        QToolTip::hideText();
        return;
    }
    const QPointF value = chart()->mapToValue(pos, m_fitness);
    const QDate day = utcFromMSecs(static_cast<qint64>(value.x())).date();
    const QString text = describeDay(day);
    if (text.isEmpty())
        return;
    QToolTip::showText(event->globalPosition().toPoint(), text, this);
    Q_EMIT dayHovered(day);
}

void PmcChart::leaveEvent(QEvent* event)
{
    QToolTip::hideText();
    QChartView::leaveEvent(event);
}

} // namespace tricoach
