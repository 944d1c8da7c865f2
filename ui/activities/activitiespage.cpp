#include "ui/activities/activitiespage.h"

#include "core/store/activitystore.h"
#include "ui/activities/activitydetail.h"
#include "ui/activities/activitymodel.h"
#include "ui/activities/sessiondetail.h"
#include "ui/preferences.h"
#include "ui/sportstyle.h"
#include "ui/trainingdata.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace tricoach {

ActivitiesPage::ActivitiesPage(TrainingData& training, Preferences& preferences, QUndoStack& undo, QWidget* parent)
    : QWidget(parent)
    , m_data(training)
    , m_preferences(preferences)
{
    setObjectName(QStringLiteral("activitiesPage"));
    auto* layout = new QVBoxLayout(this);
    auto* tools = new QHBoxLayout;
    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("activitySearch"));
    m_search->setPlaceholderText(tr("Search titles, notes and sports"));
    m_search->setClearButtonEnabled(true);
    m_sport = new QComboBox;
    m_sport->setObjectName(QStringLiteral("activitySport"));
    m_sport->addItem(tr("All sports"), -1);
    for (Sport s : kAllSports)
        m_sport->addItem(sportName(s), static_cast<int>(s));
    m_dayChip = new QPushButton;
    m_dayChip->setObjectName(QStringLiteral("dayFilter"));
    m_dayChip->setToolTip(tr("Show every day again"));
    m_dayChip->hide();
    m_count = new QLabel;
    m_count->setObjectName(QStringLiteral("activityCount"));
    tools->addWidget(m_search, 2);
    tools->addWidget(m_sport);
    tools->addWidget(m_dayChip);
    tools->addStretch(1);
    tools->addWidget(m_count);
    layout->addLayout(tools);

    m_model = new ActivityTableModel(this);
    m_filter = new ActivityFilter(this);
    m_filter->setSourceModel(m_model);
    m_table = new QTreeView;
    m_table->setObjectName(QStringLiteral("activityTable"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ActivityTableModel::Date, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    // Equal row heights let the view skip measuring 20,000 rows.
    m_table->setUniformRowHeights(true);
    m_table->setExpandsOnDoubleClick(true);
    m_table->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->header()->setStretchLastSection(true);
    // Widths from what the columns hold, so the numbers people compare fit at 1024 px and nothing is cut off.
    const QFontMetrics fm = m_table->fontMetrics();
    const auto fit = [&](int column, const QString& sample) {
        // The header's own hint holds its margins and the sort arrow.
        m_table->setColumnWidth(
            column, std::max(fm.horizontalAdvance(sample) + 24, m_table->header()->sectionSizeHint(column)));
    };
    // A long date in the athlete's language (September and Wednesday are long in most).
    fit(ActivityTableModel::Date, ActivityTableModel::startText(QDateTime(QDate(2026, 9, 30), QTime(23, 59))));
    m_table->setColumnWidth(ActivityTableModel::Date,
                            m_table->columnWidth(ActivityTableModel::Date) + m_table->indentation());
    fit(ActivityTableModel::SportColumn, QStringLiteral("MM") + sessionName(SessionKind::Multisport));
    for (Sport s : kAllSports)
        m_table->setColumnWidth(
            ActivityTableModel::SportColumn,
            std::max(m_table->columnWidth(ActivityTableModel::SportColumn),
                     fm.horizontalAdvance(activitySportName(s, QStringLiteral("OpenWaterSwim"))) + 24 + fm.height()));
    m_table->setColumnWidth(ActivityTableModel::Title, fm.horizontalAdvance(QLatin1Char('M')) * 14);
    fit(ActivityTableModel::Duration, QStringLiteral("10:00:00"));
    fit(ActivityTableModel::Distance, QStringLiteral("188.8 km"));
    fit(ActivityTableModel::Load, QStringLiteral("888"));
    fit(ActivityTableModel::LoadFrom, ActivityTableModel::loadSourceName(LoadSource::HeartRate));
    fit(ActivityTableModel::AvgHr, QStringLiteral("188"));
    fit(ActivityTableModel::AvgPower, QStringLiteral("888"));

    m_detail = new ActivityDetail(training, preferences, undo);
    m_sessionDetail = new SessionDetail(training, preferences, undo);
    m_details = new QStackedWidget;
    m_details->addWidget(m_detail);
    m_details->addWidget(m_sessionDetail);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_table);
    split->addWidget(m_details);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 4);
    layout->addWidget(split, 1);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_filter->setText(text);
        updateCount();
    });
    connect(m_sport, &QComboBox::currentIndexChanged, this, [this] {
        const int v = m_sport->currentData().toInt();
        m_filter->setSport(v < 0 ? std::nullopt : std::optional<Sport>(static_cast<Sport>(v)));
        updateCount();
    });
    connect(m_dayChip, &QPushButton::clicked, this, [this] { showDay(QDate()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ActivitiesPage::showSelected);
    connect(m_sessionDetail, &SessionDetail::legActivated, this, &ActivitiesPage::selectActivity);
    connect(&m_data, &TrainingData::changed, this, &ActivitiesPage::refresh);
    connect(&m_data, &TrainingData::athleteChanged, this, [this] { showDay(QDate()); });
    connect(&m_preferences, &Preferences::changed, this, &ActivitiesPage::refresh);
    refresh();
}

bool ActivitiesPage::showsSession() const
{
    return m_details->currentWidget() == m_sessionDetail;
}

void ActivitiesPage::updateCount()
{
    const int shown = m_filter->rowCount(), all = m_model->rowCount();
    m_count->setText(shown == all ? tr("%n activities", "", all) : tr("%1 of %2").arg(shown).arg(all));
}

void ActivitiesPage::refresh()
{
    // A model reset forgets the selection and which sessions were open: keep both by identity.
    const bool session = showsSession();
    const QString selectedKey = session ? m_sessionDetail->session().key : QString();
    const ActivityId selected = session ? 0 : m_detail->activityId();
    QStringList expanded;
    for (int r = 0; r < m_filter->rowCount(); ++r) {
        const QModelIndex i = m_filter->index(r, 0);
        if (m_table->isExpanded(i))
            expanded << i.data(ActivityTableModel::SessionKeyRole).toString();
    }
    m_model->setActivities(m_data.store().activities(m_data.athlete()), m_preferences.imperial());
    m_filter->sort(m_table->header()->sortIndicatorSection(), m_table->header()->sortIndicatorOrder());
    for (const QString& key : std::as_const(expanded)) {
        const int row = m_model->rowOfSession(key);
        if (row >= 0)
            m_table->expand(m_filter->mapFromSource(m_model->index(row, 0)));
    }
    updateCount();
    if (!selectedKey.isEmpty() && m_model->rowOfSession(selectedKey) >= 0) {
        selectSession(selectedKey);
    } else if (selected != 0 && m_model->rowOf(selected) >= 0) {
        selectActivity(selected);
    } else {
        m_details->setCurrentWidget(m_detail);
        m_detail->showActivity(0);
    }
}

void ActivitiesPage::showDay(const QDate& day)
{
    m_filter->setDay(day.isValid() ? std::optional<QDate>(day) : std::nullopt);
    m_dayChip->setVisible(day.isValid());
    m_dayChip->setText(day.isValid() ? tr("%1  ✕").arg(QLocale().toString(day, QLocale::ShortFormat)) : QString());
    updateCount();
    if (day.isValid() && m_filter->rowCount() > 0)
        m_table->setCurrentIndex(m_filter->index(0, 0));
}

void ActivitiesPage::setSearchText(const QString& text)
{
    m_search->setText(text);
}

QModelIndex ActivitiesPage::viewIndexOf(const QModelIndex& sourceIndex)
{
    const QModelIndex index = m_filter->mapFromSource(sourceIndex);
    if (index.isValid()) {
        if (index.parent().isValid())
            m_table->expand(index.parent());
        m_table->setCurrentIndex(index);
        m_table->scrollTo(index);
    }
    return index;
}

void ActivitiesPage::selectActivity(ActivityId id)
{
    const QModelIndex source = m_model->indexOf(id);
    if (!source.isValid())
        return;
    viewIndexOf(source);
    m_details->setCurrentWidget(m_detail);
    if (m_detail->activityId() != id)
        m_detail->showActivity(id);
}

void ActivitiesPage::selectSession(const QString& key)
{
    const int row = m_model->rowOfSession(key);
    if (row < 0)
        return;
    viewIndexOf(m_model->index(row, 0));
    m_details->setCurrentWidget(m_sessionDetail);
    m_sessionDetail->showSession(*m_model->sessionAt(row));
}

void ActivitiesPage::showSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_details->setCurrentWidget(m_detail);
        m_detail->showActivity(0);
        return;
    }
    const QModelIndex source = m_filter->mapToSource(current);
    if (const Activity* a = m_model->activityAt(source)) {
        m_details->setCurrentWidget(m_detail);
        if (a->id != m_detail->activityId())
            m_detail->showActivity(a->id);
        return;
    }
    if (const TrainingSession* s = m_model->sessionAt(source)) {
        m_details->setCurrentWidget(m_sessionDetail);
        m_sessionDetail->showSession(*s);
    }
}

} // namespace tricoach
