#include "ui/activities/activitiespage.h"

#include "core/store/activitystore.h"
#include "ui/activities/activitydetail.h"
#include "ui/activities/activitymodel.h"
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
#include <QTableView>
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
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("activityTable"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ActivityTableModel::Date, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Fixed row heights let the view skip measuring 20,000 rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(ActivityTableModel::Date, 170);
    m_table->setColumnWidth(ActivityTableModel::SportColumn, 80);
    m_table->setColumnWidth(ActivityTableModel::Title, 220);

    m_detail = new ActivityDetail(training, preferences, undo);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_table);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    layout->addWidget(split, 1);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_filter->setText(text);
        m_count->setText(tr("%1 of %2").arg(m_filter->rowCount()).arg(m_model->rowCount()));
    });
    connect(m_sport, &QComboBox::currentIndexChanged, this, [this] {
        const int v = m_sport->currentData().toInt();
        m_filter->setSport(v < 0 ? std::nullopt : std::optional<Sport>(static_cast<Sport>(v)));
        m_count->setText(tr("%1 of %2").arg(m_filter->rowCount()).arg(m_model->rowCount()));
    });
    connect(m_dayChip, &QPushButton::clicked, this, [this] { showDay(QDate()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ActivitiesPage::showSelected);
    connect(&m_data, &TrainingData::changed, this, &ActivitiesPage::refresh);
    connect(&m_data, &TrainingData::athleteChanged, this, [this] { showDay(QDate()); });
    connect(&m_preferences, &Preferences::changed, this, &ActivitiesPage::refresh);
    refresh();
}

void ActivitiesPage::refresh()
{
    const ActivityId selected = m_detail->activityId();
    m_model->setActivities(m_data.store().activities(m_data.athlete()), m_preferences.imperial());
    m_filter->sort(m_table->horizontalHeader()->sortIndicatorSection(),
                   m_table->horizontalHeader()->sortIndicatorOrder());
    m_count->setText(m_filter->rowCount() == m_model->rowCount()
                         ? tr("%n activities", "", m_model->rowCount())
                         : tr("%1 of %2").arg(m_filter->rowCount()).arg(m_model->rowCount()));
    if (selected != 0 && m_model->rowOf(selected) >= 0)
        selectActivity(selected);
    else
        m_detail->showActivity(0);
}

void ActivitiesPage::showDay(const QDate& day)
{
    m_filter->setDay(day.isValid() ? std::optional<QDate>(day) : std::nullopt);
    m_dayChip->setVisible(day.isValid());
    m_dayChip->setText(day.isValid() ? tr("%1  ✕").arg(QLocale().toString(day, QLocale::ShortFormat)) : QString());
    m_count->setText(tr("%1 of %2").arg(m_filter->rowCount()).arg(m_model->rowCount()));
    if (day.isValid() && m_filter->rowCount() > 0)
        m_table->selectRow(0);
}

void ActivitiesPage::setSearchText(const QString& text)
{
    m_search->setText(text);
}

void ActivitiesPage::selectActivity(ActivityId id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
    if (index.isValid()) {
        m_table->selectRow(index.row());
        m_table->scrollTo(index);
    }
    m_detail->showActivity(id);
}

void ActivitiesPage::showSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_detail->showActivity(0);
        return;
    }
    const QModelIndex source = m_filter->mapToSource(current);
    const Activity* a = m_model->activityAt(source.row());
    if (a && a->id != m_detail->activityId())
        m_detail->showActivity(a->id);
}

} // namespace tricoach
