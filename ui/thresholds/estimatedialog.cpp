#include "ui/thresholds/estimatedialog.h"

#include "core/model/plausible.h"
#include "ui/settings/settingspage.h"
#include "ui/sportstyle.h"
#include "ui/thresholds/thresholdtext.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <cmath>

namespace tricoach {

namespace {

bool isPace(ThresholdField f)
{
    return f == ThresholdField::RunPace || f == ThresholdField::Css;
}

double metresOf(ThresholdField f)
{
    return f == ThresholdField::RunPace ? 1000.0 : 100.0;
}

PlausibleRange rangeOf(ThresholdField f)
{
    switch (f) {
    case ThresholdField::Ftp:
        return plausible::kFtpWatts;
    case ThresholdField::RunPower:
        return plausible::kRunPowerWatts;
    case ThresholdField::MaxHr:
        return plausible::kMaxHr;
    default:
        return plausible::kThresholdHr;
    }
}

QString objectNameOf(ThresholdField f)
{
    return QStringLiteral("estimate_") + thresholdFieldId(f);
}

} // namespace

EstimateDialog::EstimateDialog(const ThresholdEstimates& estimates, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("thresholdEstimateDialog"));
    setWindowTitle(tr("Your thresholds, estimated"));
    auto* layout = new QVBoxLayout(this);
    const EstimateOptions& o = estimates.options;
    auto* intro = new QLabel(
        tr("<p>Loads are only estimates until TriCoach knows your thresholds. These come from the activities of "
           "the %n days to %1 (the maximum heart rate from the last %2 days).</p>"
           "<p>Check them, change any you know better, and use them: every activity from your first on is scored "
           "with them. You can change them later in Settings.</p>",
           "", o.windowDays)
            .arg(QLocale().toString(o.asOf, QLocale::ShortFormat))
            .arg(o.maxHrWindowDays));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* table = new QWidget;
    auto* grid = new QGridLayout(table);
    grid->setColumnStretch(3, 1);
    grid->setHorizontalSpacing(16);
    int row = 0;
    for (const QString& header : {tr("Threshold"), tr("Value"), tr("Now"), tr("Where it comes from")}) {
        auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(header));
        grid->addWidget(label, 0, row++);
    }
    row = 1;
    for (const ThresholdEstimate& e : estimates.estimates) {
        const std::optional<double> now = estimates.current.*(thresholdMember(e.field));
        // The value as an athlete would type it; 0 when nothing is offered.
        const double proposed = e.value ? roundedThreshold(e.field, *e.value) : 0.0;
        grid->addWidget(new QLabel(ThresholdText::name(e.field)), row, 0);
        QWidget* editor = nullptr;
        if (isPace(e.field)) {
            auto* edit = new QLineEdit;
            edit->setPlaceholderText(e.field == ThresholdField::RunPace ? tr("m:ss per km") : tr("m:ss per 100 m"));
            if (proposed > 0)
                edit->setText(formatDuration(std::round(metresOf(e.field) / proposed)));
            m_paces[e.field] = edit;
            editor = edit;
        } else {
            auto* spin = new QDoubleSpinBox;
            spin->setRange(0, rangeOf(e.field).max);
            spin->setDecimals(0);
            spin->setSpecialValueText(tr("not set"));
            spin->setSuffix(e.field == ThresholdField::Ftp || e.field == ThresholdField::RunPower ? tr(" W")
                                                                                                  : tr(" bpm"));
            spin->setValue(proposed);
            m_numbers[e.field] = spin;
            editor = spin;
        }
        editor->setObjectName(objectNameOf(e.field));
        editor->setMinimumWidth(110);
        grid->addWidget(editor, row, 1);
        grid->addWidget(new QLabel(ThresholdText::value(e.field, now)), row, 2);
        auto* basis = new QLabel(ThresholdText::basis(e));
        basis->setObjectName(objectNameOf(e.field) + QStringLiteral("_basis"));
        basis->setWordWrap(true);
        basis->setToolTip(e.basis); // the English detail, with every number
        basis->setEnabled(e.offered());
        grid->addWidget(basis, row, 3);
        ++row;
    }
    grid->setRowStretch(row, 1); // spare height goes below the rows, not between them
    auto* scroll = new QScrollArea;
    scroll->setWidget(table);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(scroll, 1);

    m_problem = new QLabel;
    m_problem->setObjectName(QStringLiteral("estimateProblem"));
    m_problem->setWordWrap(true);
    m_problem->hide();
    layout->addWidget(m_problem);
    auto* buttons = new QDialogButtonBox;
    auto* use = buttons->addButton(tr("Use these values"), QDialogButtonBox::AcceptRole);
    use->setObjectName(QStringLiteral("useEstimates"));
    use->setDefault(true);
    auto* later = buttons->addButton(tr("Not now"), QDialogButtonBox::RejectRole);
    later->setObjectName(QStringLiteral("dismissEstimates"));
    connect(buttons, &QDialogButtonBox::accepted, this, &EstimateDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &EstimateDialog::reject);
    layout->addWidget(buttons);
    resize(860, std::min(640, sizeHint().height() + 40));
}

Thresholds EstimateDialog::values() const
{
    Thresholds t;
    for (const auto& [field, spin] : m_numbers) {
        if (spin->value() > 0)
            t.*(thresholdMember(field)) = spin->value();
    }
    for (const auto& [field, edit] : m_paces) {
        if (const auto seconds = SettingsPage::parseClock(edit->text()))
            t.*(thresholdMember(field)) = metresOf(field) / *seconds;
    }
    return t;
}

void EstimateDialog::setText(ThresholdField field, const QString& text)
{
    if (auto it = m_paces.find(field); it != m_paces.end())
        it->second->setText(text);
    else if (auto n = m_numbers.find(field); n != m_numbers.end())
        n->second->setValue(QLocale().toDouble(text));
}

QString EstimateDialog::problem() const
{
    for (const auto& [field, edit] : m_paces) {
        if (!edit->text().trimmed().isEmpty() && !SettingsPage::parseClock(edit->text()))
            return tr("%1: \"%2\" is not a pace; type minutes and seconds, e.g. 4:20.")
                .arg(ThresholdText::name(field), edit->text());
    }
    if (auto r = checkThresholds(values()); !r)
        return r.error().message;
    return {};
}

void EstimateDialog::accept()
{
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    if (why.isEmpty())
        QDialog::accept();
}

} // namespace tricoach
