#include "ui/calendar/calendarpage.h"

#include "core/metrics/volume.h"
#include "core/store/activitystore.h"
#include "ui/preferences.h"
#include "ui/sportstyle.h"
#include "ui/trainingdata.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QToolTip>
#include <QVBoxLayout>

namespace tricoach {

namespace {
constexpr int kHeader = 24;
constexpr int kWeeks = 6;
} // namespace

MonthView::MonthView(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("monthView"));
    setMouseTracking(true);
    setMinimumSize(700, 480);
}

void MonthView::setMonth(const QDate& firstOfMonth, std::map<QDate, std::vector<TrainingSession>> days,
                         const QDate& today)
{
    m_month = firstOfMonth;
    m_gridStart = weekStartOf(firstOfMonth);
    m_days = std::move(days);
    m_today = today;
    update();
}

QRect MonthView::gridRect() const
{
    return rect().adjusted(0, kHeader, -1, -1);
}

QRect MonthView::dayRect(const QDate& day) const
{
    const qint64 offset = day.toJulianDay() - m_gridStart.toJulianDay();
    if (offset < 0 || offset >= kWeeks * 7)
        return {};
    const QRect g = gridRect();
    // Eight columns: seven days and the week's totals.
    const double w = g.width() / 8.0, h = g.height() / static_cast<double>(kWeeks);
    const int col = static_cast<int>(offset % 7), row = static_cast<int>(offset / 7);
    return QRectF(g.left() + col * w, g.top() + row * h, w, h).toRect();
}

QDate MonthView::dayAt(const QPoint& pos) const
{
    const QRect g = gridRect();
    if (!g.contains(pos) || !m_gridStart.isValid())
        return {};
    const int col = static_cast<int>((pos.x() - g.left()) / (g.width() / 8.0));
    const int row = static_cast<int>((pos.y() - g.top()) / (g.height() / static_cast<double>(kWeeks)));
    if (col >= 7 || row >= kWeeks)
        return {};
    return m_gridStart.addDays(row * 7 + col);
}

double MonthView::dayLoad(const QDate& day) const
{
    double load = 0;
    if (auto it = m_days.find(day); it != m_days.end())
        for (const TrainingSession& s : it->second)
            load += s.load();
    return load;
}

namespace {

QString sessionLabel(const TrainingSession& s)
{
    if (!s.title().isEmpty())
        return s.title();
    if (s.isMultisport())
        return sessionName(s.kind);
    return activitySportName(s.first().sport, s.first().subSport);
}

} // namespace

QStringList MonthView::dayEntries(const QDate& day) const
{
    QStringList lines;
    if (auto it = m_days.find(day); it != m_days.end())
        for (const TrainingSession& s : it->second)
            lines << QStringLiteral("%1 %2").arg(formatDuration(s.durationSec()), sessionLabel(s));
    return lines;
}

QString MonthView::dayToolTip(const QDate& day) const
{
    auto it = m_days.find(day);
    if (it == m_days.end())
        return {};
    QStringList lines{QLocale().toString(day, QLocale::LongFormat)};
    for (const TrainingSession& s : it->second) {
        const QString sport =
            s.isMultisport() ? sessionName(s.kind) : activitySportName(s.first().sport, s.first().subSport);
        lines << tr("%1 · %2 · %3 · Load %4")
                     .arg(sport, s.title(), formatDuration(s.durationSec()))
                     .arg(s.load(), 0, 'f', 0);
        if (!s.isMultisport())
            continue;
        for (std::size_t i = 0; i < s.legs.size(); ++i) {
            const Activity& leg = s.legs[i];
            const int t = s.transitionNumber(i);
            lines << QStringLiteral("    %1 · %2")
                         .arg(t > 0 ? transitionName(t) : activitySportName(leg.sport, leg.subSport),
                              formatDuration(leg.durationSec()));
        }
    }
    return lines.join(QLatin1Char('\n'));
}

void MonthView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text), muted = pal.color(QPalette::PlaceholderText);
    const QColor line = pal.color(QPalette::Mid);
    const QRect g = gridRect();
    const double w = g.width() / 8.0;
    p.fillRect(g, pal.color(QPalette::Base));
    p.setPen(text);
    for (int c = 0; c < 7; ++c)
        p.drawText(QRectF(g.left() + c * w, 0, w, kHeader), Qt::AlignCenter,
                   QLocale().dayName(c + 1, QLocale::ShortFormat));
    p.drawText(QRectF(g.left() + 7 * w, 0, w, kHeader), Qt::AlignCenter, tr("Week"));

    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    const QFontMetrics fm(small);
    for (int row = 0; row < kWeeks; ++row) {
        double weekHours = 0, weekLoad = 0;
        for (int col = 0; col < 7; ++col) {
            const QDate day = m_gridStart.addDays(row * 7 + col);
            const QRect r = dayRect(day);
            const bool inMonth = day.month() == m_month.month();
            p.setBrush(Qt::NoBrush);
            if (!inMonth)
                p.fillRect(r, pal.color(QPalette::AlternateBase));
            if (day == m_today) {
                p.setPen(QPen(pal.color(QPalette::Highlight), 2));
                p.drawRect(r.adjusted(1, 1, -1, -1));
            }
            p.setPen(line);
            p.drawRect(r);
            p.setFont(small);
            p.setPen(inMonth ? text : muted);
            p.drawText(r.adjusted(5, 3, -5, 0), Qt::AlignLeft | Qt::AlignTop, QString::number(day.day()));
            const double load = dayLoad(day);
            if (load > 0) {
                p.setPen(muted);
                p.drawText(r.adjusted(5, 3, -5, 0), Qt::AlignRight | Qt::AlignTop, tr("Load %1").arg(load, 0, 'f', 0));
            }
            int y = r.top() + fm.height() + 6;
            if (auto it = m_days.find(day); it != m_days.end()) {
                for (const TrainingSession& s : it->second) {
                    weekHours += s.durationSec() / 3600.0;
                    weekLoad += s.load();
                    if (y + fm.height() > r.bottom() - 2)
                        continue; // the rest is in the tooltip
                    p.setPen(Qt::NoPen);
                    p.setBrush(s.isMultisport() ? sessionColor(s.kind) : sportColor(s.first().sport));
                    p.drawEllipse(QRect(r.left() + 6, y + fm.height() / 2 - 4, 8, 8));
                    p.setPen(text);
                    const QString label = QStringLiteral("%1 %2").arg(formatDuration(s.durationSec()), sessionLabel(s));
                    p.drawText(QRect(r.left() + 18, y, r.width() - 22, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                               fm.elidedText(label, Qt::ElideRight, r.width() - 22));
                    y += fm.height() + 2;
                }
            }
        }
        const QRect totals(QRectF(g.left() + 7 * w, g.top() + row * (g.height() / static_cast<double>(kWeeks)), w,
                                  g.height() / static_cast<double>(kWeeks))
                               .toRect());
        p.setPen(line);
        p.setBrush(Qt::NoBrush);
        p.drawRect(totals);
        p.setPen(text);
        if (weekLoad > 0 || weekHours > 0)
            p.drawText(totals.adjusted(6, 6, -6, -6), Qt::AlignLeft | Qt::AlignTop,
                       tr("%1 h\nLoad %2").arg(weekHours, 0, 'f', 1).arg(weekLoad, 0, 'f', 0));
    }
}

void MonthView::mousePressEvent(QMouseEvent* event)
{
    const QDate day = dayAt(event->position().toPoint());
    if (day.isValid() && event->button() == Qt::LeftButton && m_days.count(day))
        Q_EMIT daySelected(day);
}

void MonthView::mouseMoveEvent(QMouseEvent* event)
{
    const QDate day = dayAt(event->position().toPoint());
    auto it = m_days.find(day);
    if (!day.isValid() || it == m_days.end()) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(event->globalPosition().toPoint(), dayToolTip(day), this, dayRect(day));
}

CalendarPage::CalendarPage(TrainingData& training, Preferences& preferences, QWidget* parent)
    : QWidget(parent)
    , m_data(training)
{
    setObjectName(QStringLiteral("calendarPage"));
    auto* layout = new QVBoxLayout(this);
    auto* header = new QHBoxLayout;
    auto* previous = new QPushButton(QStringLiteral("‹"));
    previous->setObjectName(QStringLiteral("previousMonth"));
    previous->setToolTip(tr("Previous month"));
    auto* next = new QPushButton(QStringLiteral("›"));
    next->setObjectName(QStringLiteral("nextMonth"));
    next->setToolTip(tr("Next month"));
    auto* today = new QPushButton(tr("Today"));
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("monthTitle"));
    QFont f = m_title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.4);
    m_title->setFont(f);
    header->addWidget(m_title, 1);
    header->addWidget(previous);
    header->addWidget(today);
    header->addWidget(next);
    layout->addLayout(header);
    m_view = new MonthView;
    layout->addWidget(m_view, 1);
    connect(previous, &QPushButton::clicked, this, [this] { showMonth(m_month.addMonths(-1)); });
    connect(next, &QPushButton::clicked, this, [this] { showMonth(m_month.addMonths(1)); });
    connect(today, &QPushButton::clicked, this,
            [this] { showMonth(m_today.isValid() ? m_today : QDate::currentDate()); });
    connect(m_view, &MonthView::daySelected, this, &CalendarPage::daySelected);
    connect(&m_data, &TrainingData::changed, this, &CalendarPage::refresh);
    connect(&preferences, &Preferences::changed, this, &CalendarPage::refresh);
    showMonth(QDate::currentDate());
}

void CalendarPage::setToday(const QDate& today)
{
    m_today = today;
    showMonth(today);
}

void CalendarPage::showMonth(const QDate& anyDayOfMonth)
{
    m_month = QDate(anyDayOfMonth.year(), anyDayOfMonth.month(), 1);
    refresh();
}

void CalendarPage::refresh()
{
    m_title->setText(QLocale().toString(m_month, QStringLiteral("MMMM yyyy")));
    const QDate start = weekStartOf(m_month);
    ActivityQuery query;
    query.from = start;
    query.to = start.addDays(6 * 7 - 1);
    std::map<QDate, std::vector<TrainingSession>> days;
    for (TrainingSession& s : groupSessions(m_data.store().activities(m_data.athlete(), query)))
        days[s.localDate()].push_back(std::move(s));
    m_view->setMonth(m_month, std::move(days), m_today.isValid() ? m_today : QDate::currentDate());
}

} // namespace tricoach
