#include "ui/strava/stravastatusbar.h"

#include "core/strava/errors.h"
#include "ui/strava/stravacontroller.h"
#include "ui/strava/stravatext.h"

#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>

namespace tricoach {

namespace {
constexpr int kTextWidth = 620; // longer texts are shortened here and whole in the tooltip
}

StravaStatusBar::StravaStatusBar(StravaController& controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    setObjectName(QStringLiteral("stravaStatus"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_text = new QLabel;
    m_text->setObjectName(QStringLiteral("stravaStatusText"));
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("stravaStatusCancel"));
    m_cancel->setToolTip(tr("Stop the sync; what arrived stays"));
    m_reconnect = new QPushButton(tr("Reconnect"));
    m_reconnect->setObjectName(QStringLiteral("stravaStatusReconnect"));
    layout->addWidget(m_text);
    layout->addWidget(m_cancel);
    layout->addWidget(m_reconnect);
    connect(m_cancel, &QPushButton::clicked, &m_controller, &StravaController::cancel);
    connect(m_reconnect, &QPushButton::clicked, this, &StravaStatusBar::reconnectRequested);
    connect(&m_controller, &StravaController::syncStarted, this,
            [this] { present(tr("Strava: syncing…"), true, false); });
    connect(&m_controller, &StravaController::syncProgress, this,
            [this](const strava::SyncProgress& p) { present(StravaText::progress(p), true, false); });
    connect(&m_controller, &StravaController::syncFinished, this, &StravaStatusBar::finished);
    connect(&m_controller, &StravaController::resumePlanned, this, &StravaStatusBar::paused);
    // Changes Strava announced through the TriCoach account, applied in the background.
    connect(&m_controller, &StravaController::accountEventsApplied, this,
            [this](const QString& text, const QString& error) {
                if (!error.isEmpty())
                    present(tr("Strava: %1").arg(error), false, false);
                else if (!text.isEmpty())
                    present(text, false, false);
            });
    connect(&m_controller, &StravaController::connectFinished, this, [this](const QString& error) {
        if (error.isEmpty() && !m_reconnect->isHidden())
            present({}, false, false); // reconnected: the old problem is gone
    });
    present({}, false, false);
}

void StravaStatusBar::present(const QString& text, bool cancel, bool reconnect)
{
    m_full = text;
    m_text->setText(m_text->fontMetrics().elidedText(text, Qt::ElideRight, kTextWidth));
    m_text->setToolTip(text);
    m_cancel->setVisible(cancel);
    m_reconnect->setVisible(reconnect);
    setVisible(!text.isEmpty());
}

void StravaStatusBar::finished(const StravaSyncEnd& end)
{
    if (end.summary) {
        present(StravaText::summary(*end.summary), false, false);
        return;
    }
    present(tr("Strava: %1").arg(StravaText::error(end.error)), false, end.error.code == strava::code::kUnauthorized);
}

void StravaStatusBar::paused()
{
    if (m_controller.busy())
        return;
    const strava::StravaStatus st = m_controller.status();
    const QDateTime allBy =
        QDateTime::fromString(st.lastSummary.value(QStringLiteral("planned_finish")).toString(), Qt::ISODate);
    present(StravaText::paused(m_controller.resumeAt(), st.streamsLeft, allBy), false, false);
}

} // namespace tricoach
