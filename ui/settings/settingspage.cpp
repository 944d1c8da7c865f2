#include "ui/settings/settingspage.h"

#include "core/metrics/zones.h"
#include "core/secrets/secretstore.h"
#include "core/store/activitystore.h"
#include "ui/activities/activitymodel.h"
#include "ui/preferences.h"
#include "ui/sportstyle.h"
#include "ui/thresholds/thresholdtext.h"
#include "ui/trainingdata.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace tricoach {

namespace {

struct NumberField {
    const char* name;
    const char* label;
    double max;
    std::optional<double> Thresholds::*field;
};

const NumberField kNumbers[] = {
    {"ftp", QT_TRANSLATE_NOOP("SettingsPage", "FTP (W)"), 800, &Thresholds::ftpWatts},
    {"runPower", QT_TRANSLATE_NOOP("SettingsPage", "Threshold power, run (W)"), 800, &Thresholds::runPowerWatts},
    {"lthrBike", QT_TRANSLATE_NOOP("SettingsPage", "Threshold HR, bike (bpm)"), 230, &Thresholds::lthrBike},
    {"lthrRun", QT_TRANSLATE_NOOP("SettingsPage", "Threshold HR, run (bpm)"), 230, &Thresholds::lthrRun},
    {"lthrSwim", QT_TRANSLATE_NOOP("SettingsPage", "Threshold HR, swim (bpm)"), 230, &Thresholds::lthrSwim},
    {"maxHr", QT_TRANSLATE_NOOP("SettingsPage", "Maximum HR (bpm)"), 240, &Thresholds::maxHr},
    {"restingHr", QT_TRANSLATE_NOOP("SettingsPage", "Resting HR (bpm)"), 120, &Thresholds::restingHr},
    {"weight", QT_TRANSLATE_NOOP("SettingsPage", "Weight (kg)"), 250, &Thresholds::weightKg},
};

QString clock(double seconds)
{
    return formatDuration(seconds);
}

QTableWidgetItem* item(const QString& text)
{
    auto* i = new QTableWidgetItem(text);
    i->setFlags(Qt::ItemIsEnabled);
    return i;
}

} // namespace

std::optional<double> SettingsPage::parseClock(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d{1,2}):([0-5]\\d)\\s*$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const double s = m.captured(1).toInt() * 60 + m.captured(2).toInt();
    return s > 0 ? std::optional<double>(s) : std::nullopt;
}

SettingsPage::SettingsPage(TrainingData& training, Preferences& preferences, QWidget* parent)
    : QWidget(parent)
    , m_data(training)
    , m_preferences(preferences)
{
    setObjectName(QStringLiteral("settingsPage"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = m_scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("settingsMessage"));
    layout->addWidget(m_message);
    auto* columns = new QHBoxLayout;
    columns->addWidget(buildThresholds(), 1);
    auto* right = m_right = new QVBoxLayout;
    right->addWidget(buildTraining());
    right->addWidget(buildDisplay());
    right->addWidget(buildCoach());
    right->addStretch();
    columns->addLayout(right, 1);
    layout->addLayout(columns);
    scroll->setWidget(content);
    outer->addWidget(scroll);
    connect(&m_data, &TrainingData::changed, this, &SettingsPage::refresh);
    refresh();
}

QWidget* SettingsPage::buildThresholds()
{
    auto* box = new QGroupBox(tr("Thresholds and zones"));
    auto* layout = new QVBoxLayout(box);
    auto* form = new QFormLayout;
    m_effective = new QDateEdit(QDate::currentDate());
    m_effective->setObjectName(QStringLiteral("thresholdDate"));
    m_effective->setCalendarPopup(true);
    m_effective->setToolTip(tr("Loads from this day on are computed with these values; earlier days keep theirs."));
    form->addRow(tr("In effect from"), m_effective);
    for (const NumberField& f : kNumbers) {
        auto* spin = new QDoubleSpinBox;
        spin->setObjectName(QString::fromLatin1(f.name));
        spin->setRange(0, f.max);
        spin->setDecimals(0);
        spin->setSpecialValueText(tr("not set"));
        m_numbers[QString::fromLatin1(f.name)] = spin;
        form->addRow(QCoreApplication::translate("SettingsPage", f.label), spin);
        connect(spin, &QDoubleSpinBox::valueChanged, this, &SettingsPage::fillZones);
    }
    m_runPace = new QLineEdit;
    m_runPace->setObjectName(QStringLiteral("runPace"));
    m_runPace->setPlaceholderText(tr("m:ss per km, e.g. 4:20"));
    m_swimPace = new QLineEdit;
    m_swimPace->setObjectName(QStringLiteral("swimPace"));
    m_swimPace->setPlaceholderText(tr("m:ss per 100 m, e.g. 1:45"));
    form->addRow(tr("Threshold run pace"), m_runPace);
    form->addRow(tr("Critical swim speed"), m_swimPace);
    connect(m_runPace, &QLineEdit::textChanged, this, &SettingsPage::fillZones);
    connect(m_swimPace, &QLineEdit::textChanged, this, &SettingsPage::fillZones);
    layout->addLayout(form);
    auto* save = new QPushButton(tr("Save thresholds"));
    save->setObjectName(QStringLiteral("saveThresholds"));
    connect(save, &QPushButton::clicked, this, &SettingsPage::saveThresholds);
    auto* estimate = new QPushButton(tr("Estimate from my activities…"));
    estimate->setObjectName(QStringLiteral("estimateThresholds"));
    estimate->setToolTip(tr("Thresholds from your best efforts of the last 90 days, each with where it comes from"));
    connect(estimate, &QPushButton::clicked, this, &SettingsPage::estimateRequested);
    auto* thresholdButtons = new QHBoxLayout;
    thresholdButtons->addWidget(save);
    thresholdButtons->addWidget(estimate);
    thresholdButtons->addStretch();
    layout->addLayout(thresholdButtons);

    layout->addWidget(new QLabel(tr("Zones from these thresholds")));
    m_zones = new QTableWidget(0, 4);
    m_zones->setObjectName(QStringLiteral("zonesPreview"));
    m_zones->setHorizontalHeaderLabels({tr("Zone"), tr("Power (W)"), tr("Run HR (bpm)"), tr("Run pace")});
    m_zones->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_zones->verticalHeader()->hide();
    m_zones->setMinimumHeight(250);
    layout->addWidget(m_zones);

    auto* edgesLabel = new QLabel(tr("Where each zone starts, in % of the threshold (edit to use your own)"));
    edgesLabel->setWordWrap(true);
    layout->addWidget(edgesLabel);
    m_edges = new QTableWidget(6, 4);
    m_edges->setObjectName(QStringLiteral("zoneEdges"));
    m_edges->setHorizontalHeaderLabels({tr("Power"), tr("Bike HR"), tr("Run HR"), tr("Pace")});
    m_edges->horizontalHeaderItem(3)->setToolTip(tr("Pace zones as % of threshold speed: higher is faster"));
    m_edges->setVerticalHeaderLabels({QStringLiteral("Z2"), QStringLiteral("Z3"), QStringLiteral("Z4"),
                                      QStringLiteral("Z5"), QStringLiteral("Z6"), QStringLiteral("Z7")});
    m_edges->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_edges->setMinimumHeight(220);
    layout->addWidget(m_edges);
    connect(m_edges, &QTableWidget::itemChanged, this, [this] {
        if (!m_fillingEdges)
            fillZones();
    });
    auto* edgeButtons = new QHBoxLayout;
    auto* saveEdges = new QPushButton(tr("Save zones"));
    saveEdges->setObjectName(QStringLiteral("saveZones"));
    auto* published = new QPushButton(tr("Published tables"));
    published->setToolTip(tr("Coggan's power levels and Friel's heart-rate and pace zones"));
    connect(saveEdges, &QPushButton::clicked, this, &SettingsPage::saveZoneEdges);
    connect(published, &QPushButton::clicked, this, [this] {
        fillZoneEdges(ZoneSettings{});
        fillZones();
    });
    edgeButtons->addWidget(saveEdges);
    edgeButtons->addWidget(published);
    edgeButtons->addStretch();
    layout->addLayout(edgeButtons);

    layout->addWidget(new QLabel(tr("Changes so far")));
    m_history = new QTableWidget(0, 2);
    m_history->setObjectName(QStringLiteral("thresholdHistory"));
    m_history->setHorizontalHeaderLabels({tr("From"), tr("Values")});
    m_history->horizontalHeader()->setStretchLastSection(true);
    m_history->verticalHeader()->hide();
    m_history->setMinimumHeight(120);
    layout->addWidget(m_history);
    return box;
}

QWidget* SettingsPage::buildTraining()
{
    auto* box = new QGroupBox(tr("Load and chart"));
    box->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto* layout = new QVBoxLayout(box);
    auto* note = new QLabel(tr("Where each sport's load comes from, first choice on the left (drag to reorder). A load "
                               "you type in for an activity always wins."));
    note->setWordWrap(true);
    layout->addWidget(note);
    auto* grid = new QGridLayout;
    int row = 0;
    for (Sport sport : kAllSports) {
        auto* list = new QListWidget;
        list->setObjectName(QStringLiteral("precedence-%1").arg(sportId(sport)));
        list->setFlow(QListView::LeftToRight);
        list->setDragDropMode(QAbstractItemView::InternalMove);
        list->setFixedHeight(list->fontMetrics().height() + 16);
        list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        list->setSpacing(2);
        m_precedence[static_cast<int>(sport)] = list;
        grid->addWidget(new QLabel(sportName(sport)), row, 0);
        grid->addWidget(list, row++, 1);
    }
    layout->addLayout(grid);
    auto* form = new QFormLayout;
    m_fitnessDays = new QDoubleSpinBox;
    m_fitnessDays->setObjectName(QStringLiteral("fitnessDays"));
    m_fitnessDays->setRange(7, 90);
    m_fitnessDays->setDecimals(0);
    m_fatigueDays = new QDoubleSpinBox;
    m_fatigueDays->setObjectName(QStringLiteral("fatigueDays"));
    m_fatigueDays->setRange(2, 21);
    m_fatigueDays->setDecimals(0);
    form->addRow(tr("Fitness time constant (days)"), m_fitnessDays);
    form->addRow(tr("Fatigue time constant (days)"), m_fatigueDays);
    layout->addLayout(form);
    auto* save = new QPushButton(tr("Save and recompute"));
    save->setObjectName(QStringLiteral("saveTraining"));
    connect(save, &QPushButton::clicked, this, &SettingsPage::saveTrainingSettings);
    layout->addWidget(save, 0, Qt::AlignLeft);
    return box;
}

QWidget* SettingsPage::buildDisplay()
{
    auto* box = new QGroupBox(tr("Display and data"));
    box->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto* form = new QFormLayout(box);
    m_units = new QComboBox;
    m_units->setObjectName(QStringLiteral("units"));
    m_units->addItem(tr("Metric (km, m)"), static_cast<int>(Units::Metric));
    m_units->addItem(tr("Imperial (mi, ft)"), static_cast<int>(Units::Imperial));
    m_theme = new QComboBox;
    m_theme->setObjectName(QStringLiteral("theme"));
    m_theme->addItem(tr("Follow the system"), static_cast<int>(Theme::System));
    m_theme->addItem(tr("Light"), static_cast<int>(Theme::Light));
    m_theme->addItem(tr("Dark"), static_cast<int>(Theme::Dark));
    m_language = new QComboBox;
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Русский"), QStringLiteral("ru"));
    m_language->setToolTip(tr("Takes effect the next time TriCoach starts."));
    auto* folderRow = new QHBoxLayout;
    m_dataFolder = new QLabel;
    m_dataFolder->setObjectName(QStringLiteral("dataFolder"));
    m_dataFolder->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_dataFolder->setWordWrap(true);
    auto* change = new QPushButton(tr("Change…"));
    folderRow->addWidget(m_dataFolder, 1);
    folderRow->addWidget(change);
    form->addRow(tr("Units"), m_units);
    form->addRow(tr("Theme"), m_theme);
    form->addRow(tr("Language"), m_language);
    form->addRow(tr("Data folder"), folderRow);
    connect(m_units, &QComboBox::activated, this,
            [this] { m_preferences.setUnits(static_cast<Units>(m_units->currentData().toInt())); });
    connect(m_theme, &QComboBox::activated, this,
            [this] { m_preferences.setTheme(static_cast<Theme>(m_theme->currentData().toInt())); });
    connect(m_language, &QComboBox::activated, this, [this] {
        m_preferences.setLanguage(m_language->currentData().toString());
        m_message->setText(tr("The language changes the next time TriCoach starts."));
    });
    connect(change, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Where TriCoach keeps your data"));
        if (folder.isEmpty())
            return;
        m_preferences.setDataFolder(folder);
        m_dataFolder->setText(folder);
        m_message->setText(tr("TriCoach uses the new data folder the next time it starts; your current database stays "
                              "where it is."));
    });
    return box;
}

QWidget* SettingsPage::buildCoach()
{
    auto* box = new QGroupBox(tr("AI coach (optional)"));
    box->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto* form = new QFormLayout(box);
    auto* note =
        new QLabel(tr("An OpenAI-compatible server: OpenAI, Azure OpenAI, or a local Ollama, llama.cpp or vLLM. "
                      "The built-in coach always works without it. Only your own data is sent — file "
                      "imports, manual entries and your settings; Strava activities never are, as Strava's "
                      "terms require."));
    note->setWordWrap(true);
    form->addRow(note);
    m_llmUrl = new QLineEdit(m_preferences.llmUrl());
    m_llmUrl->setObjectName(QStringLiteral("llmUrl"));
    m_llmUrl->setPlaceholderText(QStringLiteral("http://localhost:11434/v1"));
    m_llmModel = new QLineEdit(m_preferences.llmModel());
    m_llmModel->setObjectName(QStringLiteral("llmModel"));
    m_llmModel->setPlaceholderText(QStringLiteral("llama3.1"));
    m_llmKey = new QLineEdit;
    m_llmKey->setObjectName(QStringLiteral("llmKey"));
    m_llmKey->setEchoMode(QLineEdit::Password);
    m_llmKey->setPlaceholderText(tr("kept in your system's keychain"));
    m_llmAzure = new QCheckBox(tr("Azure OpenAI deployment"));
    m_llmAzure->setChecked(m_preferences.llmAzure());
    auto* save = new QPushButton(tr("Save AI coach"));
    save->setObjectName(QStringLiteral("saveCoach"));
    form->addRow(tr("Server"), m_llmUrl);
    form->addRow(tr("Model"), m_llmModel);
    form->addRow(tr("API key"), m_llmKey);
    form->addRow(m_llmAzure);
    form->addRow(save);
    connect(save, &QPushButton::clicked, this,
            [this] { saveCoach(m_llmUrl->text(), m_llmModel->text(), m_llmAzure->isChecked(), m_llmKey->text()); });
    return box;
}

void SettingsPage::addSection(QWidget* section)
{
    m_right->insertWidget(0, section);
}

void SettingsPage::reveal(QWidget* section)
{
    m_scroll->ensureWidgetVisible(section, 0, 0);
}

void SettingsPage::saveCoach(const QString& url, const QString& model, bool azure, const QString& key)
{
    const QUrl parsed(url.trimmed());
    if (!url.trimmed().isEmpty() && (!parsed.isValid() || !parsed.scheme().startsWith(QStringLiteral("http")))) {
        m_message->setText(tr("The AI coach's server must be an http(s) address."));
        return;
    }
    auto secrets = m_preferences.openSecrets(this);
    const Result<void> stored = !secrets        ? Result<void>(secrets.error())
                                : key.isEmpty() ? (*secrets)->remove(QString::fromLatin1(kLlmKeySecret))
                                                : (*secrets)->write(QString::fromLatin1(kLlmKeySecret), key);
    m_preferences.setLlm(url, model, azure);
    m_llmKey->clear();
    m_message->setText(stored ? tr("AI coach saved.")
                              : tr("AI coach saved, but the keychain refused the key: %1").arg(stored.error().message));
}

void SettingsPage::refresh()
{
    ActivityStore& store = m_data.store();
    const AthleteId athlete = m_data.athlete();
    const ThresholdHistory history = store.thresholdHistory(athlete);
    const Thresholds now = history.at(QDate::currentDate());
    for (const NumberField& f : kNumbers) {
        QDoubleSpinBox* spin = m_numbers[QString::fromLatin1(f.name)];
        const QSignalBlocker block(spin);
        spin->setValue((now.*(f.field)).value_or(0));
    }
    m_runPace->setText(now.runThresholdSpeed ? clock(1000.0 / *now.runThresholdSpeed) : QString());
    m_swimPace->setText(now.cssSpeed ? clock(100.0 / *now.cssSpeed) : QString());

    m_history->setRowCount(0);
    for (auto it = history.changes().rbegin(); it != history.changes().rend(); ++it) {
        const QString values = ThresholdText::summary(it->values);
        const int row = m_history->rowCount();
        m_history->insertRow(row);
        m_history->setItem(row, 0, item(QLocale().toString(it->effectiveFrom, QLocale::ShortFormat)));
        m_history->setItem(row, 1, item(values));
    }

    const MetricSettings settings = store.metricSettings(athlete);
    for (Sport sport : kAllSports) {
        QListWidget* list = m_precedence[static_cast<int>(sport)];
        list->clear();
        for (LoadSource source : settings.load.precedenceFor(sport)) {
            auto* i = new QListWidgetItem(ActivityTableModel::loadSourceName(source));
            i->setData(Qt::UserRole, static_cast<int>(source));
            list->addItem(i);
        }
    }
    fillZoneEdges(settings.zones);
    m_fitnessDays->setValue(settings.pmc.fitnessDays);
    m_fatigueDays->setValue(settings.pmc.fatigueDays);
    m_units->setCurrentIndex(m_units->findData(static_cast<int>(m_preferences.units())));
    m_theme->setCurrentIndex(m_theme->findData(static_cast<int>(m_preferences.theme())));
    m_language->setCurrentIndex(m_language->findData(m_preferences.language()));
    m_dataFolder->setText(m_preferences.dataFolder().isEmpty() ? QFileInfo(store.path()).absolutePath()
                                                               : m_preferences.dataFolder());
    fillZones();
}

ThresholdChange SettingsPage::thresholdForm() const
{
    ThresholdChange change;
    change.effectiveFrom = m_effective->date();
    for (const NumberField& f : kNumbers) {
        const double v = m_numbers.at(QString::fromLatin1(f.name))->value();
        if (v > 0)
            change.values.*(f.field) = v;
    }
    if (auto s = parseClock(m_runPace->text()))
        change.values.runThresholdSpeed = 1000.0 / *s;
    if (auto s = parseClock(m_swimPace->text()))
        change.values.cssSpeed = 100.0 / *s;
    return change;
}

void SettingsPage::setThresholdField(const QString& objectName, double value)
{
    if (auto it = m_numbers.find(objectName); it != m_numbers.end())
        it->second->setValue(value);
}

void SettingsPage::fillZones()
{
    const Thresholds t = thresholdForm().values;
    const ZoneSettings edges = zoneEdgesForm();
    const auto power = zonesFor(ZoneKind::Power, Sport::Bike, t, edges);
    const auto hr = zonesFor(ZoneKind::HeartRate, Sport::Run, t, edges);
    const auto pace = zonesFor(ZoneKind::Pace, Sport::Run, t, edges);
    m_zones->setRowCount(7);
    const auto range = [](const std::optional<std::vector<Zone>>& zones, int z) {
        if (!zones)
            return QString();
        const Zone& zone = (*zones)[static_cast<std::size_t>(z)];
        return std::isinf(zone.high) ? QStringLiteral("%1+").arg(zone.low, 0, 'f', 0)
                                     : QStringLiteral("%1–%2").arg(zone.low, 0, 'f', 0).arg(zone.high, 0, 'f', 0);
    };
    for (int z = 0; z < 7; ++z) {
        const std::vector<Zone> names = powerZones(1);
        m_zones->setItem(z, 0,
                         item(QStringLiteral("%1 %2").arg(names[static_cast<std::size_t>(z)].name,
                                                          names[static_cast<std::size_t>(z)].label)));
        m_zones->setItem(z, 1, item(range(power, z)));
        m_zones->setItem(z, 2, item(range(hr, z)));
        QString paceText;
        if (pace) {
            const Zone& zone = (*pace)[static_cast<std::size_t>(z)];
            // Speeds to pace per km: the faster edge first.
            const QString slow = zone.low > 0 ? clock(1000.0 / zone.low) : QStringLiteral("…");
            paceText = std::isinf(zone.high) ? tr("under %1").arg(slow)
                                             : QStringLiteral("%1–%2").arg(slow, clock(1000.0 / zone.high));
        }
        m_zones->setItem(z, 3, item(paceText));
    }
}

void SettingsPage::saveThresholds()
{
    const ThresholdChange change = thresholdForm();
    if (change.values == Thresholds{}) {
        m_message->setText(tr("Enter at least one threshold to save."));
        return;
    }
    auto update = m_data.store().setThresholds(m_data.athlete(), change);
    if (!update) {
        m_message->setText(update.error().message);
        return;
    }
    m_data.notifyChanged();
    m_message->setText(tr("Thresholds saved.") + QLatin1Char(' ') + ThresholdText::recomputed(*update));
}

QString SettingsPage::message() const
{
    return m_message->text();
}

void SettingsPage::saveTrainingSettings()
{
    MetricSettings settings = m_data.store().metricSettings(m_data.athlete());
    for (Sport sport : kAllSports) {
        QListWidget* list = m_precedence[static_cast<int>(sport)];
        std::vector<LoadSource> order;
        for (int i = 0; i < list->count(); ++i)
            order.push_back(static_cast<LoadSource>(list->item(i)->data(Qt::UserRole).toInt()));
        settings.load.precedence[sport] = order;
    }
    settings.pmc.fitnessDays = m_fitnessDays->value();
    settings.pmc.fatigueDays = m_fatigueDays->value();
    if (auto r = m_data.store().setMetricSettings(m_data.athlete(), settings); !r) {
        m_message->setText(r.error().message);
        return;
    }
    m_message->setText(tr("Settings saved; loads and the chart were recomputed."));
    m_data.notifyChanged();
}

} // namespace tricoach
