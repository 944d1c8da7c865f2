#include "ui/activities/activitymodel.h"

#include "ui/sportstyle.h"

#include <QBrush>
#include <QLocale>

namespace tricoach {

ActivityTableModel::ActivityTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ActivityTableModel::setActivities(std::vector<Activity> activities, bool imperial)
{
    beginResetModel();
    m_rows = std::move(activities);
    m_imperial = imperial;
    endResetModel();
}

const Activity* ActivityTableModel::activityAt(int row) const
{
    return row >= 0 && row < static_cast<int>(m_rows.size()) ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

int ActivityTableModel::rowOf(ActivityId id) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == id)
            return static_cast<int>(i);
    return -1;
}

int ActivityTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ActivityTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
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

QVariant ActivityTableModel::data(const QModelIndex& index, int role) const
{
    const Activity* a = activityAt(index.row());
    if (!a)
        return {};
    if (role == IdRole)
        return QVariant::fromValue<qlonglong>(a->id);
    const auto optional = [](const std::optional<double>& v) { return v ? QVariant(*v) : QVariant(-1.0); };
    if (role == SortRole) {
        switch (index.column()) {
        case Date:
            return QVariant::fromValue<qlonglong>(a->startUtc.toMSecsSinceEpoch());
        case SportColumn:
            return sportName(a->sport);
        case Title:
            return a->title;
        case Duration:
            return a->durationSec();
        case Distance:
            return optional(a->distanceM);
        case Load:
            return a->load;
        case LoadFrom:
            return loadSourceName(a->loadSource);
        case AvgHr:
            return optional(a->avgHr);
        case AvgPower:
            return optional(a->avgPower);
        case SourceColumn:
            return sourceName(a->source);
        default:
            return {};
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Date:
            return QLocale().toString(a->startUtc.addSecs(a->utcOffsetSec), QStringLiteral("ddd d MMM yyyy  HH:mm"));
        case SportColumn:
            return sportName(a->sport);
        case Title:
            return a->title.isEmpty() ? sportName(a->sport) : a->title;
        case Duration:
            return formatDuration(a->durationSec());
        case Distance:
            return a->distanceM && *a->distanceM > 0 ? formatDistance(*a->distanceM, m_imperial) : QString();
        case Load:
            return QString::number(a->load, 'f', 0);
        case LoadFrom:
            return loadSourceName(a->loadSource);
        case AvgHr:
            return a->avgHr ? QString::number(*a->avgHr, 'f', 0) : QString();
        case AvgPower:
            return a->avgPower ? QString::number(*a->avgPower, 'f', 0) : QString();
        case SourceColumn:
            return sourceName(a->source);
        default:
            return {};
        }
    }
    if (role == Qt::DecorationRole && index.column() == SportColumn)
        return sportColor(a->sport);
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case Duration:
        case Distance:
        case Load:
        case AvgHr:
        case AvgPower:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        }
    }
    return {};
}

QVariant ActivityTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
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

bool ActivityFilter::filterAcceptsRow(int sourceRow, const QModelIndex&) const
{
    const auto* model = static_cast<const ActivityTableModel*>(sourceModel());
    const Activity* a = model->activityAt(sourceRow);
    if (!a)
        return false;
    if (m_sport && a->sport != *m_sport)
        return false;
    if (m_day && a->localDate() != *m_day)
        return false;
    if (!m_text.isEmpty() && !a->title.contains(m_text, Qt::CaseInsensitive) &&
        !a->notes.contains(m_text, Qt::CaseInsensitive) && !sportName(a->sport).contains(m_text, Qt::CaseInsensitive))
        return false;
    return true;
}

} // namespace tricoach
