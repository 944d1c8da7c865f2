#include "ui/activities/activitymodel.h"

#include "ui/sportstyle.h"

#include <QBrush>
#include <QLocale>

#include <algorithm>

namespace tricoach {

ActivityTableModel::ActivityTableModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

void ActivityTableModel::setActivities(std::vector<Activity> activities, bool imperial)
{
    beginResetModel();
    m_sessions = groupSessions(std::move(activities));
    m_imperial = imperial;
    endResetModel();
}

const TrainingSession* ActivityTableModel::sessionAt(int row) const
{
    return row >= 0 && row < sessionCount() ? &m_sessions[static_cast<std::size_t>(row)] : nullptr;
}

const Activity* ActivityTableModel::activityAt(int row) const
{
    const TrainingSession* s = sessionAt(row);
    return s && !s->isMultisport() ? &s->first() : nullptr;
}

const TrainingSession* ActivityTableModel::sessionAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    return sessionAt(index.internalId() == 0 ? index.row() : static_cast<int>(index.internalId() - 1));
}

const Activity* ActivityTableModel::activityAt(const QModelIndex& index) const
{
    const TrainingSession* s = sessionAt(index);
    if (!s)
        return nullptr;
    if (index.internalId() == 0)
        return s->isMultisport() ? nullptr : &s->first();
    return index.row() < static_cast<int>(s->legs.size()) ? &s->legs[static_cast<std::size_t>(index.row())] : nullptr;
}

int ActivityTableModel::rowOf(ActivityId id) const
{
    for (std::size_t i = 0; i < m_sessions.size(); ++i)
        if (m_sessions[i].legIndexOf(id) >= 0)
            return static_cast<int>(i);
    return -1;
}

int ActivityTableModel::rowOfSession(const QString& key) const
{
    if (key.isEmpty())
        return -1;
    for (std::size_t i = 0; i < m_sessions.size(); ++i)
        if (m_sessions[i].isMultisport() && m_sessions[i].key == key)
            return static_cast<int>(i);
    return -1;
}

QModelIndex ActivityTableModel::indexOf(ActivityId id, int column) const
{
    const int row = rowOf(id);
    if (row < 0)
        return {};
    const TrainingSession& s = m_sessions[static_cast<std::size_t>(row)];
    if (!s.isMultisport())
        return index(row, column);
    return index(s.legIndexOf(id), column, index(row, 0));
}

// Top-level rows carry internal id 0; a leg's row carries its session's row + 1.
QModelIndex ActivityTableModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < sessionCount() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0)
        return {};
    const TrainingSession* s = sessionAt(parent.row());
    if (!s || !s->isMultisport() || row >= static_cast<int>(s->legs.size()))
        return {};
    return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex ActivityTableModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, quintptr(0));
}

int ActivityTableModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return sessionCount();
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    const TrainingSession* s = sessionAt(parent.row());
    return s && s->isMultisport() ? static_cast<int>(s->legs.size()) : 0;
}

int ActivityTableModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QString ActivityTableModel::startText(const QDateTime& local)
{
    return QLocale().toString(local, QStringLiteral("ddd d MMM yyyy  HH:mm"));
}

QString ActivityTableModel::loadSourceName(LoadSource source)
{
    switch (source) {
    case LoadSource::User:
        return tr("your value");
    case LoadSource::Power:
        return tr("power");
    case LoadSource::Pace:
        return tr("pace");
    case LoadSource::HeartRate:
        return tr("heart rate");
    case LoadSource::Rpe:
        return tr("RPE");
    case LoadSource::Estimate:
        return tr("estimate");
    case LoadSource::None:
        return tr("none");
    }
    return QString();
}

QString ActivityTableModel::sourceName(ActivitySource source)
{
    switch (source) {
    case ActivitySource::Manual:
        return tr("Manual");
    case ActivitySource::File:
        return tr("File");
    case ActivitySource::Strava:
        return tr("Strava");
    }
    return QString();
}

namespace {

QVariant alignment(int column)
{
    switch (column) {
    case ActivityTableModel::Duration:
    case ActivityTableModel::Distance:
    case ActivityTableModel::Load:
    case ActivityTableModel::AvgHr:
    case ActivityTableModel::AvgPower:
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    }
}

QVariant optionalSort(const std::optional<double>& v)
{
    return v ? QVariant(*v) : QVariant(-1.0);
}

// The session's heart rate averaged over the time of the legs that recorded it.
std::optional<double> sessionHr(const TrainingSession& s)
{
    double weighted = 0, seconds = 0;
    for (const Activity& leg : s.legs) {
        if (leg.avgHr && leg.durationSec() > 0) {
            weighted += *leg.avgHr * leg.durationSec();
            seconds += leg.durationSec();
        }
    }
    return seconds > 0 ? std::optional<double>(weighted / seconds) : std::nullopt;
}

} // namespace

QVariant ActivityTableModel::data(const QModelIndex& index, int role) const
{
    const TrainingSession* s = sessionAt(index);
    if (!s)
        return {};
    if (role == Qt::TextAlignmentRole)
        return alignment(index.column());
    if (role == SessionKeyRole)
        return s->isMultisport() ? s->key : QString();
    const bool top = index.internalId() == 0;
    if (role == LegRole)
        return top ? -1 : index.row();
    if (top && s->isMultisport())
        return sessionData(*s, index.column(), role);
    const Activity* a = activityAt(index);
    if (!a)
        return {};
    return activityData(*a, top ? nullptr : s, top ? -1 : index.row(), index.column(), role);
}

QVariant ActivityTableModel::sessionData(const TrainingSession& s, int column, int role) const
{
    if (role == IdRole)
        return QVariant::fromValue<qlonglong>(0);
    if (role == Qt::DecorationRole)
        return column == SportColumn ? QVariant(sessionColor(s.kind)) : QVariant();
    if (role == Qt::ToolTipRole && column == Title) {
        QStringList legs;
        for (std::size_t i = 0; i < s.legs.size(); ++i) {
            const Activity& leg = s.legs[i];
            const int t = s.transitionNumber(i);
            legs << tr("%1  %2").arg(t > 0 ? transitionName(t) : activitySportName(leg.sport, leg.subSport),
                                     formatDuration(leg.durationSec()));
        }
        return legs.join(QLatin1Char('\n'));
    }
    if (role != SortRole && role != Qt::DisplayRole)
        return {};
    const bool sort = role == SortRole;
    const Activity& first = s.first();
    switch (column) {
    case Date:
        return sort ? QVariant::fromValue<qlonglong>(first.startUtc.toMSecsSinceEpoch())
                    : startText(first.startUtc.addSecs(first.utcOffsetSec));
    case SportColumn:
        return sessionName(s.kind);
    case Title:
        return s.title().isEmpty() ? sessionName(s.kind) : s.title();
    case Duration:
        return sort ? QVariant(s.durationSec()) : formatDuration(s.durationSec());
    case Distance: {
        const auto d = s.distanceM();
        return sort ? optionalSort(d) : d && *d > 0 ? formatDistance(*d, m_imperial) : QString();
    }
    case Load:
        return sort ? QVariant(s.load()) : QString::number(s.load(), 'f', 0);
    case LoadFrom:
        return tr("its legs");
    case AvgHr: {
        const auto hr = sessionHr(s);
        return sort ? optionalSort(hr) : hr ? QString::number(*hr, 'f', 0) : QString();
    }
    case AvgPower:
        return sort ? QVariant(-1.0) : QString(); // watts of different sports do not average
    case SourceColumn:
        return sourceName(first.source);
    default:
        return {};
    }
}

QVariant ActivityTableModel::activityData(const Activity& a, const TrainingSession* session, int leg, int column,
                                          int role) const
{
    if (role == IdRole)
        return QVariant::fromValue<qlonglong>(a.id);
    if (role == Qt::DecorationRole)
        return column == SportColumn ? QVariant(sportColor(a.sport)) : QVariant();
    if (role != SortRole && role != Qt::DisplayRole)
        return {};
    const bool sort = role == SortRole;
    const int transition = session ? session->transitionNumber(static_cast<std::size_t>(leg)) : 0;
    const QDateTime local = a.startUtc.addSecs(a.utcOffsetSec);
    switch (column) {
    case Date:
        // A leg sits under its session's date: its clock time is enough.
        return sort      ? QVariant::fromValue<qlonglong>(a.startUtc.toMSecsSinceEpoch())
               : session ? QLocale().toString(local.time(), QStringLiteral("HH:mm"))
                         : startText(local);
    case SportColumn:
        return activitySportName(a.sport, a.subSport);
    case Title:
        // A leg's sport is beside it already: its title is its own title, or its place (T1, T2) for a transition.
        if (transition > 0)
            return transitionName(transition);
        if (session)
            return a.title == session->title() ? QString() : a.title;
        return a.title.isEmpty() ? activitySportName(a.sport, a.subSport) : a.title;
    case Duration:
        return sort ? QVariant(a.durationSec()) : formatDuration(a.durationSec());
    case Distance:
        // A transition is time only.
        if (a.sport == Sport::Transition)
            return sort ? QVariant(-1.0) : QString();
        return sort                              ? optionalSort(a.distanceM)
               : a.distanceM && *a.distanceM > 0 ? formatDistance(*a.distanceM, m_imperial)
                                                 : QString();
    case Load:
        return sort ? QVariant(a.load) : QString::number(a.load, 'f', 0);
    case LoadFrom:
        return loadSourceName(a.loadSource);
    case AvgHr:
        return sort ? optionalSort(a.avgHr) : a.avgHr ? QString::number(*a.avgHr, 'f', 0) : QString();
    case AvgPower:
        return sort ? optionalSort(a.avgPower) : a.avgPower ? QString::number(*a.avgPower, 'f', 0) : QString();
    case SourceColumn:
        return sourceName(a.source);
    default:
        return {};
    }
}

QVariant ActivityTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case Date:
        return tr("Date");
    case SportColumn:
        return tr("Sport");
    case Title:
        return tr("Title");
    case Duration:
        return tr("Duration");
    case Distance:
        return tr("Distance");
    case Load:
        return tr("Load");
    case LoadFrom:
        return tr("Load from");
    case AvgHr:
        return tr("Avg HR");
    case AvgPower:
        return tr("Avg power");
    case SourceColumn:
        return tr("Source");
    default:
        return {};
    }
}

ActivityFilter::ActivityFilter(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ActivityTableModel::SortRole);
    setDynamicSortFilter(false);
    setAutoAcceptChildRows(true);
}

void ActivityFilter::setText(const QString& text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

void ActivityFilter::setSport(std::optional<Sport> sport)
{
    m_sport = sport;
    invalidateFilter();
}

void ActivityFilter::setDay(std::optional<QDate> day)
{
    m_day = day;
    invalidateFilter();
}

bool ActivityFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    // Legs follow their session (autoAcceptChildRows).
    if (sourceParent.isValid())
        return true;
    const auto* model = static_cast<const ActivityTableModel*>(sourceModel());
    const TrainingSession* s = model->sessionAt(sourceRow);
    if (!s)
        return false;
    if (m_day && s->localDate() != *m_day)
        return false;
    if (!s->matches(m_sport, QString()))
        return false;
    if (m_text.isEmpty() || s->matches(std::nullopt, m_text))
        return true;
    // The names people see: "Triathlon", "Open-water swim", "Run".
    if (s->isMultisport() && sessionName(s->kind).contains(m_text, Qt::CaseInsensitive))
        return true;
    return std::any_of(s->legs.begin(), s->legs.end(), [&](const Activity& a) {
        return sportName(a.sport).contains(m_text, Qt::CaseInsensitive) ||
               activitySportName(a.sport, a.subSport).contains(m_text, Qt::CaseInsensitive);
    });
}

bool ActivityFilter::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    // Legs stay in race order: the proxy reverses the answer for a descending sort, so reverse it first.
    if (left.parent().isValid()) {
        const bool before =
            left.data(ActivityTableModel::LegRole).toInt() < right.data(ActivityTableModel::LegRole).toInt();
        return sortOrder() == Qt::AscendingOrder ? before : !before;
    }
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace tricoach
