#include "ui/dashboard/loadcard.h"

#include "core/util/numberformat.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace tricoach {

namespace {
QLabel* valueLabel(const QString& name)
{
    auto* l = new QLabel;
    l->setObjectName(name);
    QFont f = l->font();
    f.setPointSizeF(f.pointSizeF() * 1.5);
    f.setBold(true);
    l->setFont(f);
    return l;
}

QString badge(const QString& text, const QColor& color)
{
    return QStringLiteral("<span style=\"color:%1; font-weight:600\">● %2</span>")
        .arg(color.name(), text.toHtmlEscaped());
}
} // namespace

LoadCard::LoadCard(QWidget* parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("loadCard"));
    setFrameShape(QFrame::StyledPanel);
    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(tr("Training load"));
    QFont tf = title->font();
    tf.setBold(true);
    tf.setPointSizeF(tf.pointSizeF() * 1.15);
    title->setFont(tf);
    layout->addWidget(title);

    auto* grid = new QGridLayout;
    m_fitness = valueLabel(QStringLiteral("fitnessValue"));
    m_fatigue = valueLabel(QStringLiteral("fatigueValue"));
    m_form = valueLabel(QStringLiteral("formValue"));
    const QList<QPair<QString, QLabel*>> values = {
        {tr("Fitness"), m_fitness}, {tr("Fatigue"), m_fatigue}, {tr("Form"), m_form}};
    for (int i = 0; i < values.size(); ++i) {
        grid->addWidget(new QLabel(values[i].first), 0, i);
        grid->addWidget(values[i].second, 1, i);
    }
    layout->addLayout(grid);

    m_ramp = new QLabel;
    m_ramp->setObjectName(QStringLiteral("rampRate"));
    m_risk = new QLabel;
    m_risk->setObjectName(QStringLiteral("riskLevel"));
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("formStatus"));
    for (QLabel* l : {m_ramp, m_risk, m_status}) {
        l->setTextFormat(Qt::RichText);
        layout->addWidget(l);
    }
    m_advice = new QLabel;
    m_advice->setObjectName(QStringLiteral("recommendations"));
    m_advice->setWordWrap(true);
    m_advice->setTextFormat(Qt::RichText);
    m_advice->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_advice, 1);
}

QString LoadCard::riskName(RiskLevel level)
{
    switch (level) {
    case RiskLevel::Low:
        return tr("Low");
    case RiskLevel::Medium:
        return tr("Medium");
    case RiskLevel::High:
        return tr("High");
    }
    return QString();
}

QString LoadCard::formName(FormStatus status)
{
    switch (status) {
    case FormStatus::Transition:
        return tr("Transition (losing fitness)");
    case FormStatus::Fresh:
        return tr("Fresh");
    case FormStatus::Maintaining:
        return tr("Maintaining");
    case FormStatus::Productive:
        return tr("Productive");
    case FormStatus::Overreaching:
        return tr("Overreaching");
    }
    return QString();
}

QColor LoadCard::riskColor(RiskLevel level)
{
    switch (level) {
    case RiskLevel::Low:
        return QColor(0x2e, 0xa0, 0x43);
    case RiskLevel::Medium:
        return QColor(0xd9, 0x8a, 0x00);
    case RiskLevel::High:
        return QColor(0xd6, 0x33, 0x33);
    }
    return Qt::gray;
}

QColor LoadCard::formColor(FormStatus status)
{
    switch (status) {
    case FormStatus::Transition:
        return QColor(0x88, 0x88, 0x88);
    case FormStatus::Fresh:
        return QColor(0x1f, 0x8f, 0xd0);
    case FormStatus::Maintaining:
        return QColor(0x2e, 0xa0, 0x43);
    case FormStatus::Productive:
        return QColor(0xd9, 0x8a, 0x00);
    case FormStatus::Overreaching:
        return QColor(0xd6, 0x33, 0x33);
    }
    return Qt::gray;
}

void LoadCard::setAnalysis(const TrainingLoadAnalysis& a, const PmcSettings& settings)
{
    const QString convention =
        tr("Fitness and Fatigue are %1- and %2-day exponentially weighted averages of daily Load; days without "
           "training count as zero.\nForm is yesterday's Fitness minus yesterday's Fatigue: how fresh you start the "
           "day.")
            .arg(settings.fitnessDays)
            .arg(settings.fatigueDays);
    for (QLabel* l : {m_fitness, m_fatigue, m_form})
        l->setToolTip(convention);
    m_ramp->setToolTip(QString());
    if (a.state == TrainingState::NoHistory) {
        for (QLabel* l : {m_fitness, m_fatigue, m_form})
            l->setText(QStringLiteral("–"));
        m_ramp->setText(tr("Ramp rate: –"));
        m_risk->clear();
        m_status->clear();
        m_advice->setText(tr("Import your activities to see how your training load is building."));
        for (QLabel* l : {m_ramp, m_risk, m_status})
            l->setVisible(!l->text().isEmpty());
        return;
    }
    m_fitness->setText(fixedNumber(a.currentCtl, 1));
    m_fatigue->setText(fixedNumber(a.currentAtl, 1));
    m_form->setText(fixedNumber(a.currentTsb, 1));
    const QColor muted = formColor(FormStatus::Transition);
    if (a.state == TrainingState::Break) {
        // A ramp, a risk and a Form band describe training; after weeks without any, say when it stopped.
        const QString when = a.lastTraining ? QLocale().toString(*a.lastTraining, QStringLiteral("d MMMM yyyy"))
                                            : tr("more than %n days ago", "", a.daysWithoutTraining);
        m_ramp->setText(tr("Last training: %1").arg(when.toHtmlEscaped()));
        m_risk->clear();
        m_status->setText(tr("Form: %1").arg(badge(tr("a break from training"), muted)));
    } else {
        m_ramp->setText(tr("Ramp rate: %1 Fitness in 7 days").arg(signedNumber(a.rampRate, 1)));
        m_ramp->setToolTip(
            tr("How much Fitness changed over the last week; a steady 5–8 a week builds without undue risk."));
        m_risk->setText(tr("Risk: %1").arg(badge(riskName(a.riskLevel), riskColor(a.riskLevel))));
        // With little Fitness only real fatigue is worth a band; "maintaining" or "fresh" would describe nothing.
        const bool bandMeansSomething = a.state == TrainingState::Training || a.formStatus == FormStatus::Productive ||
                                        a.formStatus == FormStatus::Overreaching;
        m_status->setText(tr("Form: %1")
                              .arg(bandMeansSomething ? badge(formName(a.formStatus), formColor(a.formStatus))
                                                      : badge(tr("too little Fitness to judge"), muted)));
    }
    // An empty line would leave a gap in the card.
    for (QLabel* l : {m_ramp, m_risk, m_status})
        l->setVisible(!l->text().isEmpty());
    QString advice;
    for (const QString& r : a.recommendations)
        advice += QStringLiteral("<li>%1</li>").arg(r.toHtmlEscaped());
    m_advice->setText(advice.isEmpty() ? QString()
                                       : QStringLiteral("<ul style=\"margin-left:-20px\">%1</ul>").arg(advice));
}

} // namespace tricoach
