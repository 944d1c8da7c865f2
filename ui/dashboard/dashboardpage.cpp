#include "ui/dashboard/dashboardpage.h"

#include "core/coach/coachsettings.h"
#include "core/coach/planengine.h"
#include "core/metrics/analysis.h"
#include "core/model/plausible.h"
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
#include <QLocale>
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
    // One range for the page: the chart, the volume and the distribution all follow these buttons.
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
    m_caption = new QLabel;
    m_caption->setObjectName(QStringLiteral("rangeCaption"));
    m_caption->setWordWrap(true);
    m_caption->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_caption);

    auto* top = new QHBoxLayout;
    m_pmc = new PmcChart;
    m_card = new LoadCard;
    m_card->setFixedWidth(330);
    top->addWidget(m_pmc, 1);
    top->addWidget(m_card);
    layout->addLayout(top, 5);

    auto* middle = new QGridLayout;
    auto* volumeHeader = new QHBoxLayout;
    m_volumeTitle = sectionTitle(tr("Weekly volume"));
    m_volumeTitle->setObjectName(QStringLiteral("volumeTitle"));
    volumeHeader->addWidget(m_volumeTitle, 1);
    m_measure = new QComboBox;
    m_measure->setObjectName(QStringLiteral("volumeMeasure"));
    m_measure->addItem(tr("Hours"), static_cast<int>(VolumeMeasure::Hours));
    m_measure->addItem(tr("Distance"), static_cast<int>(VolumeMeasure::Distance));
    m_measure->addItem(tr("Load"), static_cast<int>(VolumeMeasure::Load));
    volumeHeader->addWidget(m_measure);
    middle->addLayout(volumeHeader, 0, 0);
    middle->addWidget(sectionTitle(tr("Sport distribution")), 0, 1);
    m_volume = new VolumeChart;
    m_pie = new SportPie;
    middle->addWidget(m_volume, 1, 0);
    middle->addWidget(m_pie, 1, 1);
    // Even halves: the distribution's legend ("Bike 49% · 33.1 h") needs the room in a 1024-pixel window.
    middle->setColumnStretch(0, 1);
    middle->setColumnStretch(1, 1);
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
    m_range = range;
    applyRange();
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

    // A device without a clock dates its recordings near 1990: the charts begin at the first believable day and
    // the caption says how many were left out.
    const QDate believable = plausible::firstBelievableActivityDay();
    m_firstActivity = store.firstActivityDate(athlete, believable);
    m_undated = 0;
    if (const auto any = store.firstActivityDate(athlete); any && *any < believable) {
        ActivityQuery before;
        before.to = believable.addDays(-1);
        m_undated = static_cast<int>(store.activities(athlete, before).size());
    }
    std::vector<PmcDay> chart;
    if (m_firstActivity)
        chart = store.pmc(athlete, m_firstActivity->addDays(-1), std::max(day, *m_firstActivity));
    m_pmc->setData(chart, settings.pmc, day);
    // With a race set, the plan's Fitness and Form to race day, dashed.
    std::vector<PmcDay> projection;
    m_raceDay.reset();
    if (const auto coach = loadCoachSettings(store, athlete); coach && coach->race.date > day) {
        const CoachProfile profile = coachProfile(store, athlete, *coach, day);
        EngineSettings engine;
        engine.pmc = settings.pmc;
        projection = planSeason(profile, engine).projection(settings.pmc);
        // To race day: the days after it are not the plan's business.
        std::erase_if(projection, [&](const PmcDay& d) { return d.date > coach->race.date; });
        if (!projection.empty() && projection.back().date > day)
            m_raceDay = projection.back().date;
    }
    m_pmc->setProjection(projection);

    std::vector<PmcDay> upToToday;
    for (const PmcDay& d : chart)
        if (d.date <= day)
            upToToday.push_back(d);
    m_card->setAnalysis(analyzeTrainingLoad(upToToday, day, settings.analysis), settings.pmc);

    // The heatmap is always the last year, whatever the range.
    const QDate yearAgo = weekStartOf(day.addDays(-364));
    ActivityQuery year;
    year.from = yearAgo;
    year.to = day;
    m_heatmap->setDays(dailyHeatmap(store.activities(athlete, year), yearAgo, day));
    applyRange();
}

void DashboardPage::applyRange()
{
    const QDate day = today();
    m_window = chartWindow(m_range, day, m_firstActivity, m_raceDay);
    m_pmc->setWindow(m_window);

    // Volume and distribution: the range's days up to today (after it there is only the plan).
    const QDate first = m_window.first, last = std::min(m_window.last, day);
    ActivityQuery query;
    query.from = first;
    query.to = last;
    const std::vector<Activity> activities = m_data.store().activities(m_data.athlete(), query);
    const qint64 days = first.daysTo(last) + 1;
    const VolumePeriod period = days <= kWeeklyUpTo    ? VolumePeriod::Week
                                : days <= kMonthlyUpTo ? VolumePeriod::Month
                                                       : VolumePeriod::Year;
    m_volume->setPeriods(periodVolume(activities, first, last, period), period, m_preferences.imperial());
    switch (period) {
    case VolumePeriod::Week:
        m_volumeTitle->setText(tr("Weekly volume"));
        break;
    case VolumePeriod::Month:
        m_volumeTitle->setText(tr("Monthly volume"));
        break;
    case VolumePeriod::Year:
        m_volumeTitle->setText(tr("Yearly volume"));
        break;
    }
    m_pie->setShares(sportDistribution(activities, first, last));
    m_caption->setText(rangeCaption());
}

QString DashboardPage::rangeCaption() const
{
    const QLocale locale;
    const QString format = QStringLiteral("d MMM yyyy");
    QStringList parts;
    parts << tr("%1 – %2").arg(locale.toString(m_window.first, format), locale.toString(m_window.last, format));
    if (m_window.toRaceDay)
        parts << tr("to race day");
    else if (m_raceDay)
        parts << tr("race day, %1, is past the end of this range").arg(locale.toString(*m_raceDay, format));
    if (m_undated > 0)
        parts << tr("%n activities dated before %1 left out: the device's clock was not set", "", m_undated)
                     .arg(plausible::kFirstActivityYear);
    return parts.join(QStringLiteral(" · "));
}

} // namespace tricoach
