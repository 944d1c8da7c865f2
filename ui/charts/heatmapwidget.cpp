#include "ui/charts/heatmapwidget.h"

#include "ui/sportstyle.h"

#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QToolTip>

#include <algorithm>

namespace tricoach {

namespace {
constexpr int kLabelWidth = 34;
constexpr int kLabelHeight = 18;
constexpr int kGap = 2;
} // namespace

HeatmapWidget::HeatmapWidget(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("heatmap"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void HeatmapWidget::setDays(std::vector<HeatmapDay> days)
{
    m_days = std::move(days);
    m_weeks = 0;
    m_cuts = {};
    if (!m_days.empty()) {
        m_gridStart = weekStartOf(m_days.front().date);
        m_weeks = static_cast<int>((m_days.back().date.toJulianDay() - m_gridStart.toJulianDay()) / 7) + 1;
        std::vector<double> loads;
        for (const HeatmapDay& d : m_days)
            if (d.totals.load > 0)
                loads.push_back(d.totals.load);
        std::sort(loads.begin(), loads.end());
        if (!loads.empty()) {
            for (int q = 0; q < 3; ++q)
                m_cuts[static_cast<std::size_t>(q)] = loads[loads.size() * static_cast<std::size_t>(q + 1) / 4];
        }
    }
    updateGeometry();
    update();
}

int HeatmapWidget::cellSize() const
{
    if (m_weeks == 0)
        return 12;
    const int fit = (width() - kLabelWidth - 4) / m_weeks - kGap;
    // 14 px at most: a wide window must not push the grid below a 768-pixel screen.
    return std::clamp(fit, 6, 14);
}

QPoint HeatmapWidget::gridOrigin() const
{
    return {kLabelWidth, kLabelHeight};
}

QSize HeatmapWidget::sizeHint() const
{
    return {kLabelWidth + std::max(m_weeks, 53) * (14 + kGap), kLabelHeight + 7 * (cellSize() + kGap) + 4};
}

QSize HeatmapWidget::minimumSizeHint() const
{
    return {kLabelWidth + std::max(m_weeks, 1) * (6 + kGap), kLabelHeight + 7 * (cellSize() + kGap) + 4};
}

QRect HeatmapWidget::cellRect(const QDate& day) const
{
    if (!m_gridStart.isValid() || day < m_gridStart)
        return {};
    const qint64 offset = day.toJulianDay() - m_gridStart.toJulianDay();
    const int week = static_cast<int>(offset / 7), weekday = static_cast<int>(offset % 7);
    if (week >= m_weeks)
        return {};
    const int s = cellSize();
    return {gridOrigin().x() + week * (s + kGap), gridOrigin().y() + weekday * (s + kGap), s, s};
}

QDate HeatmapWidget::dayAt(const QPoint& pos) const
{
    if (!m_gridStart.isValid())
        return {};
    const int s = cellSize() + kGap;
    const QPoint p = pos - gridOrigin();
    if (p.x() < 0 || p.y() < 0)
        return {};
    const int week = p.x() / s, weekday = p.y() / s;
    if (week >= m_weeks || weekday >= 7 || p.x() % s >= cellSize() || p.y() % s >= cellSize())
        return {};
    const QDate day = m_gridStart.addDays(week * 7 + weekday);
    return find(day) ? day : QDate();
}

const HeatmapDay* HeatmapWidget::find(const QDate& day) const
{
    if (m_days.empty() || day < m_days.front().date || day > m_days.back().date)
        return nullptr;
    const auto i = static_cast<std::size_t>(day.toJulianDay() - m_days.front().date.toJulianDay());
    return i < m_days.size() && m_days[i].date == day ? &m_days[i] : nullptr;
}

int HeatmapWidget::levelOf(const QDate& day) const
{
    const HeatmapDay* d = find(day);
    if (!d || d->totals.load <= 0)
        return 0;
    int level = 1;
    for (double cut : m_cuts)
        level += d->totals.load > cut ? 1 : 0;
    return std::min(level, 4);
}

QString HeatmapWidget::describeDay(const QDate& day) const
{
    const HeatmapDay* d = find(day);
    if (!d)
        return QString();
    const QString date = QLocale().toString(day, QLocale::LongFormat);
    if (d->totals.count == 0)
        return tr("%1\nRest day").arg(date);
    const QString sessions = tr("%n activities", "", d->totals.count);
    return tr("%1\n%2, %3\nLoad %4")
        .arg(date, sessions, formatDuration(d->totals.hours * 3600))
        .arg(d->totals.load, 0, 'f', 0);
}

void HeatmapWidget::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    // The cells follow the width and the height follows the cells: ask the layout for the new height.
    if (event->oldSize().width() != width())
        updateGeometry();
}

void HeatmapWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor text = palette().color(QPalette::WindowText);
    const QColor empty = palette().color(QPalette::Mid);
    const QColor strong = sportColor(Sport::Run);
    const QColor base = palette().color(QPalette::Base);
    auto shade = [&](int level) {
        if (level == 0)
            return empty;
        const double t = 0.25 + 0.25 * (level - 1);
        return QColor::fromRgbF(base.redF() + (strong.redF() - base.redF()) * t * 1.33,
                                base.greenF() + (strong.greenF() - base.greenF()) * t * 1.33,
                                base.blueF() + (strong.blueF() - base.blueF()) * t * 1.33);
    };
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    p.setPen(text);
    const int s = cellSize();
    // Weekday labels on Monday, Wednesday and Friday rows; month names above the week a month starts in.
    for (int weekday : {0, 2, 4}) {
        const QRect r(0, gridOrigin().y() + weekday * (s + kGap), kLabelWidth - 4, s);
        p.drawText(r, Qt::AlignRight | Qt::AlignVCenter, QLocale().dayName(weekday + 1, QLocale::ShortFormat));
    }
    int lastMonth = -1;
    for (int w = 0; w < m_weeks; ++w) {
        const QDate monday = m_gridStart.addDays(w * 7);
        const QDate sunday = monday.addDays(6);
        if (sunday.month() != lastMonth && (w == 0 || sunday.day() <= 7)) {
            lastMonth = sunday.month();
            p.drawText(QPoint(gridOrigin().x() + w * (s + kGap), kLabelHeight - 5),
                       QLocale().monthName(sunday.month(), QLocale::ShortFormat));
        }
    }
    p.setPen(Qt::NoPen);
    for (const HeatmapDay& d : m_days) {
        p.setBrush(shade(levelOf(d.date)));
        p.drawRoundedRect(cellRect(d.date), 2, 2);
    }
}

void HeatmapWidget::mouseMoveEvent(QMouseEvent* event)
{
    const QDate day = dayAt(event->position().toPoint());
    if (!day.isValid()) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(event->globalPosition().toPoint(), describeDay(day), this, cellRect(day));
}

void HeatmapWidget::mousePressEvent(QMouseEvent* event)
{
    const QDate day = dayAt(event->position().toPoint());
    if (day.isValid() && event->button() == Qt::LeftButton)
        Q_EMIT daySelected(day);
}

} // namespace tricoach
