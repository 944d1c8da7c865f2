#include "ui/thresholds/thresholdnotice.h"

#include "ui/thresholds/thresholdtext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace tricoach {

ThresholdNotice::ThresholdNotice(QWidget* parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("thresholdNotice"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    auto* layout = new QHBoxLayout(this);
    m_text = new QLabel;
    m_text->setObjectName(QStringLiteral("thresholdNoticeText"));
    m_text->setTextFormat(Qt::RichText);
    // One line per suggestion and no wrapping: the bar stays as low as its lines, and a long line is cut rather
    // than widening the window (the tooltip holds it whole).
    m_text->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_update = new QPushButton(tr("Update"));
    m_update->setObjectName(QStringLiteral("thresholdNoticeUpdate"));
    m_dismiss = new QPushButton(tr("Dismiss"));
    m_dismiss->setObjectName(QStringLiteral("thresholdNoticeDismiss"));
    m_close = new QPushButton(tr("Close"));
    m_close->setObjectName(QStringLiteral("thresholdNoticeClose"));
    layout->addWidget(m_text, 1);
    layout->addWidget(m_update);
    layout->addWidget(m_dismiss);
    layout->addWidget(m_close);
    connect(m_update, &QPushButton::clicked, this, [this] { finish(true); });
    connect(m_dismiss, &QPushButton::clicked, this, [this] { finish(false); });
    connect(m_close, &QPushButton::clicked, this, &QWidget::hide);
    hide();
}

void ThresholdNotice::showSuggestions(const std::vector<ThresholdSuggestion>& suggestions)
{
    m_suggestions = suggestions;
    QStringList lines;
    for (const ThresholdSuggestion& s : suggestions) {
        const ThresholdField f = s.estimate.field;
        const QString value = ThresholdText::value(f, roundedThreshold(f, *s.estimate.value));
        lines << (s.current
                      ? tr("<b>%1 %2</b> (now %3): %4")
                            .arg(ThresholdText::name(f), value, ThresholdText::value(f, s.current),
                                 ThresholdText::basis(s.estimate).toHtmlEscaped())
                      : tr("<b>%1 %2</b> (not set): %3")
                            .arg(ThresholdText::name(f), value, ThresholdText::basis(s.estimate).toHtmlEscaped()));
    }
    m_text->setText(tr("Your new activities suggest better thresholds:") + QStringLiteral("<br>") +
                    lines.join(QStringLiteral("<br>")));
    m_text->setToolTip(m_text->text());
    m_update->show();
    m_dismiss->show();
    m_close->hide();
    show();
}

void ThresholdNotice::showMessage(const QString& text)
{
    m_suggestions.clear();
    m_text->setText(text.toHtmlEscaped());
    m_text->setToolTip(text);
    m_update->hide();
    m_dismiss->hide();
    m_close->show();
    show();
}

QString ThresholdNotice::text() const
{
    return m_text->text();
}

void ThresholdNotice::finish(bool update)
{
    const std::vector<ThresholdSuggestion> suggestions = std::move(m_suggestions);
    m_suggestions.clear();
    hide();
    if (update)
        Q_EMIT updateRequested(suggestions);
    else
        Q_EMIT dismissed(suggestions);
}

} // namespace tricoach
