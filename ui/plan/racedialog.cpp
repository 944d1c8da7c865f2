#include "ui/plan/racedialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QVBoxLayout>

namespace tricoach {

RaceDialog::RaceDialog(const CoachSettings& s, QWidget* parent)
    : QDialog(parent)
    , m_base(s)
{
    setObjectName(QStringLiteral("raceDialog"));
    setWindowTitle(tr("Race and training time"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_name = new QLineEdit(s.race.name);
    m_name->setObjectName(QStringLiteral("raceName"));
    m_date = new QDateEdit(s.race.date.isValid() ? s.race.date : QDate::currentDate().addDays(16 * 7));
    m_date->setObjectName(QStringLiteral("raceDate"));
    m_date->setCalendarPopup(true);
    m_date->setMinimumDate(QDate::currentDate());
    m_distance = new QComboBox;
    m_distance->setObjectName(QStringLiteral("raceDistance"));
    m_distance->addItem(tr("Sprint (750 m / 20 km / 5 km)"), static_cast<int>(RaceDistance::Sprint));
    m_distance->addItem(tr("Olympic (1.5 km / 40 km / 10 km)"), static_cast<int>(RaceDistance::Olympic));
    m_distance->addItem(tr("70.3 (1.9 km / 90 km / 21.1 km)"), static_cast<int>(RaceDistance::Half));
    m_distance->addItem(tr("Full (3.8 km / 180 km / 42.2 km)"), static_cast<int>(RaceDistance::Full));
    m_distance->setCurrentIndex(m_distance->findData(static_cast<int>(s.race.distance)));
    m_level = new QComboBox;
    m_level->setObjectName(QStringLiteral("raceLevel"));
    m_level->addItem(tr("Beginner"), static_cast<int>(Experience::Beginner));
    m_level->addItem(tr("Intermediate"), static_cast<int>(Experience::Intermediate));
    m_level->addItem(tr("Advanced"), static_cast<int>(Experience::Advanced));
    m_level->setCurrentIndex(m_level->findData(static_cast<int>(s.level)));
    m_model = new QComboBox;
    m_model->setObjectName(QStringLiteral("racePeriodization"));
    m_model->addItem(tr("Linear: base, build, peak, taper"), static_cast<int>(Periodization::Linear));
    m_model->addItem(tr("Block: accumulation, intensification, realization"), static_cast<int>(Periodization::Block));
    m_model->addItem(tr("Reverse: speed first, volume later"), static_cast<int>(Periodization::Reverse));
    m_model->setCurrentIndex(m_model->findData(static_cast<int>(s.model)));
    form->addRow(tr("Race"), m_name);
    form->addRow(tr("Date"), m_date);
    form->addRow(tr("Distance"), m_distance);
    form->addRow(tr("Experience"), m_level);
    form->addRow(tr("Periodization"), m_model);
    layout->addLayout(form);

    layout->addWidget(new QLabel(tr("Hours you can train on each day (0: a day off)")));
    auto* grid = new QGridLayout;
    for (int d = 0; d < 7; ++d) {
        auto* spin = new QDoubleSpinBox;
        spin->setObjectName(QStringLiteral("hours-%1").arg(d));
        spin->setRange(0, 12);
        spin->setSingleStep(0.25);
        spin->setDecimals(2);
        spin->setValue(s.hoursByWeekday[static_cast<std::size_t>(d)]);
        m_hours[static_cast<std::size_t>(d)] = spin;
        grid->addWidget(new QLabel(QLocale().dayName(d + 1, QLocale::ShortFormat)), 0, d);
        grid->addWidget(spin, 1, d);
    }
    layout->addLayout(grid);
    m_pool = new QCheckBox(tr("I can swim in a pool"));
    m_pool->setChecked(s.poolAccess);
    m_trainer = new QCheckBox(tr("I have an indoor trainer"));
    m_trainer->setChecked(s.trainerAccess);
    layout->addWidget(m_pool);
    layout->addWidget(m_trainer);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

CoachSettings RaceDialog::settings() const
{
    CoachSettings s = m_base;
    s.race.name = m_name->text().trimmed();
    s.race.date = m_date->date();
    s.race.distance = static_cast<RaceDistance>(m_distance->currentData().toInt());
    s.level = static_cast<Experience>(m_level->currentData().toInt());
    s.model = static_cast<Periodization>(m_model->currentData().toInt());
    for (int d = 0; d < 7; ++d)
        s.hoursByWeekday[static_cast<std::size_t>(d)] = m_hours[static_cast<std::size_t>(d)]->value();
    s.poolAccess = m_pool->isChecked();
    s.trainerAccess = m_trainer->isChecked();
    return s;
}

} // namespace tricoach
