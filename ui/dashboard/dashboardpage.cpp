#include "ui/dashboard/dashboardpage.h"

#include "core/coach/coachsettings.h"
#include "core/coach/planengine.h"
#include "core/metrics/analysis.h"
#include "core/store/activitystore.h"
#include "ui/charts/heatmapwidget.h"
#include "ui/charts/sportpie.h"
#include "ui/dashboard/loadcard.h"
#include "ui/preferences.h"
#include "ui/trainingdata.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace tricoach {

namespace {
QLabel* sectionTitle(const QString& text)
{
    auto* l = new QLabel(text);
    QFont f = l->font();
    f.setBold(true);
    l->setFont(f);
    return l;
}
} // namespace

DashboardPage::DashboardPage(TrainingData& training, Preferences& preferences, QWidget* parent)
    : QWidget(parent)
    , m_data(training)
    , m_preferences(preferences)
{
    setObjectName(QStringLiteral("dashboardPage"));
    auto* layout = new QVBoxLayout(this);

    auto* header = new QHBoxLayout;
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("dashboardTitle"));
    QFont tf = m_title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.5);
    tf.setBold(true);
    m_title->setFont(tf);
    header->addWidget(m_title, 1);
    m_ranges = new QButtonGroup(this);
    for (ChartRange r : {ChartRange::SixWeeks, ChartRange::NinetyDays, ChartRange::OneYear, ChartRange::All}) {
        auto* b = new QPushButton(chartRangeName(r));
        b->setCheckable(true);
        b->setObjectName(QStringLiteral("range-%1").arg(static_cast<int>(r)));
        m_ranges->addButton(b, static_cast<int>(r));
        header->addWidget(b);
    }
    m_ranges->button(static_cast<int>(ChartRange::NinetyDays))->setChecked(true);
    connect(m_ranges, &QButtonGroup::idClicked, this, [this](int id) { setRange(static_cast<ChartRange>(id)); });
    layout->addLayout(header);

    auto* top = new QHBoxLayout;
    m_pmc = new PmcChart;
    m_card = new LoadCard;
    m_card->setFixedWidth(330);
    top->addWidget(m_pmc, 1);
    top->addWidget(m_card);
    layout->addLayout(top, 5);

    auto* middle = new QGridLayout;
    auto* volumeHeader = new QHBoxLayout;
    volumeHeader->addWidget(sectionTitle(tr("Weekly volume")), 1);
    m_measure = new QComboBox;
    m_measure->setObjectName(QStringLiteral("volumeMeasure"));
    m_measure->addItem(tr("Hours"), static_cast<int>(VolumeMeasure::Hours));
    m_measure->addItem(tr("Distance"), static_cast<int>(VolumeMeasure::Distance));
    m_measure->addItem(tr("Load"), static_cast<int>(VolumeMeasure::Load));
    volumeHeader->addWidget(m_measure);
    middle->addLayout(volumeHeader, 0, 0);
    middle->addWidget(sectionTitle(tr("Sport distribution, last %1 weeks").arg(kVolumeWeeks)), 0, 1);
    m_volume = new VolumeChart;
    m_pie = new SportPie;
    middle->addWidget(m_volume, 1, 0);
    middle->addWidget(m_pie, 1, 1);
    middle->setColumnStretch(0, 3);
    middle->setColumnStretch(1, 2);
    layout->addLayout(middle, 4);
    connect(m_measure, &QComboBox::currentIndexChanged, this,
            [this] { m_volume->setMeasure(static_cast<VolumeMeasure>(m_measure->currentData().toInt())); });

    layout->addWidget(sectionTitle(tr("The last year, day by day")));
    m_heatmap = new HeatmapWidget;
    layout->addWidget(m_heatmap);
    connect(m_heatmap, &HeatmapWidget::daySelected, this, &DashboardPage::daySelected);

    connect(&m_data, &TrainingData::changed, this, &DashboardPage::refresh);
    connect(&m_preferences, &Preferences::changed, this, &DashboardPage::refresh);
    refresh();
}

QDate DashboardPage::today() const
{
    return m_today.isValid() ? m_today : QDate::currentDate();
}

void DashboardPage::setToday(const QDate& today)
{
    m_today = today;
    refresh();
}

void DashboardPage::setRange(ChartRange range)
{
    if (auto* b = m_ranges->button(static_cast<int>(range)))
        b->setChecked(true);
    m_pmc->setRange(range);
}

void DashboardPage::restyle()
{
    m_pmc->restyle();
    m_volume->restyle();
    m_pie->restyle();
    m_heatmap->update();
}

void DashboardPage::refresh()
{
    ActivityStore& store = m_data.store();
    const AthleteId athlete = m_data.athlete();
    const QDate day = today();
    m_title->setText(tr("Dashboard · %1").arg(m_data.athleteName()));
    const MetricSettings settings = store.metricSettings(athlete);

    const auto first = store.firstActivityDate(athlete);
    std::vector<PmcDay> chart;
    if (first)
        chart = store.pmc(athlete, first->addDays(-1), std::max(day, *first));
    m_pmc->setData(chart, settings.pmc, day);
    // With a race set, the plan's Fitness and Form to race day, dashed.
    std::vector<PmcDay> projection;
    if (const auto coach = loadCoachSettings(store, athlete); coach && coach->race.date > day) {
        const CoachProfile profile = coachProfile(store, athlete, *coach, day);
        EngineSettings engine;
        engine.pmc = settings.pmc;
        projection = planSeason(profile, engine).projection(settings.pmc);
        // To race day: the days after it are not the plan's business.
        std::erase_if(projection, [&](const PmcDay& d) { return d.date > coach->race.date; });
    }
    m_pmc->setProjection(projection);

    std::vector<PmcDay> upToToday;
    for (const PmcDay& d : chart)
        if (d.date <= day)
            upToToday.push_back(d);
    const bool hasData = !upToToday.empty();
    m_card->setAnalysis(hasData ? analyzeTrainingLoad(upToToday, upToToday.back().date, settings.analysis)
                                : TrainingLoadAnalysis{},
                        settings.pmc, hasData);

    // A year of summaries feeds the volume, the distribution and the heatmap: a few hundred rows, whatever the
    // size of the whole history.
    const QDate yearAgo = weekStartOf(day.addDays(-364));
    ActivityQuery query;
    query.from = yearAgo;
    query.to = day;
    const std::vector<Activity> year = store.activities(athlete, query);
    m_volume->setWeeks(weeklyVolume(year, day, kVolumeWeeks), m_preferences.imperial());
    m_pie->setShares(sportDistribution(year, day, kVolumeWeeks));
    m_heatmap->setDays(dailyHeatmap(year, yearAgo, day));
}

} // namespace tricoach
