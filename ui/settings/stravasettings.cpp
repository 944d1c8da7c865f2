#include "ui/settings/stravasettings.h"

#include "core/strava/errors.h"
#include "ui/preferences.h"
#include "ui/strava/stravacontroller.h"
#include "ui/strava/stravatext.h"

#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace tricoach {

namespace {

QLabel* wrapped(const QString& text = {})
{
    auto* label = new QLabel(text);
    label->setWordWrap(true);
    return label;
}

QPushButton* button(const QString& text, const char* name)
{
    auto* b = new QPushButton(text);
    b->setObjectName(QString::fromLatin1(name));
    return b;
}

// An address typed under Advanced: empty (Strava's own) or http(s) with a host.
bool acceptable(const QString& text)
{
    if (text.trimmed().isEmpty())
        return true;
    const QUrl url(text.trimmed());
    return url.isValid() && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http")) &&
           !url.host().isEmpty();
}

} // namespace

StravaSettings::StravaSettings(StravaController& controller, Preferences& preferences, QWidget* parent)
    : QGroupBox(tr("Strava"), parent)
    , m_controller(controller)
    , m_preferences(preferences)
{
    setObjectName(QStringLiteral("stravaSettings"));
    // Preferred, not Maximum: a Maximum height is the size hint at the widest, which cuts wrapped lines short when
    // the window is narrow (the column's stretch takes the room left over).
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    auto* layout = new QVBoxLayout(this);
    buildApplication(layout);

    m_connection = new QLabel;
    m_connection->setObjectName(QStringLiteral("stravaConnection"));
    QFont bold = m_connection->font();
    bold.setBold(true);
    m_connection->setFont(bold);
    m_lastSync = wrapped();
    m_lastSync->setObjectName(QStringLiteral("stravaLastSync"));
    layout->addWidget(m_connection);
    layout->addWidget(m_lastSync);

    auto* missingRow = new QHBoxLayout;
    m_missing = wrapped();
    m_missing->setObjectName(QStringLiteral("stravaMissing"));
    m_askAgain = button(tr("Ask again"), "stravaAskAgain");
    missingRow->addWidget(m_missing, 1);
    missingRow->addWidget(m_askAgain, 0, Qt::AlignTop);
    layout->addLayout(missingRow);

    auto* problemRow = new QHBoxLayout;
    m_problem = wrapped();
    m_problem->setObjectName(QStringLiteral("stravaProblem"));
    m_reconnect = button(tr("Reconnect"), "stravaReconnect");
    problemRow->addWidget(m_problem, 1);
    problemRow->addWidget(m_reconnect, 0, Qt::AlignTop);
    layout->addLayout(problemRow);

    m_waiting = new QWidget;
    m_waiting->setObjectName(QStringLiteral("stravaWaiting"));
    auto* waitingRow = new QGridLayout(m_waiting);
    waitingRow->setContentsMargins(0, 0, 0, 0);
    auto* cancel = button(tr("Cancel"), "stravaCancelConnect");
    m_waitingUrl = wrapped();
    m_waitingUrl->setObjectName(QStringLiteral("stravaWaitingUrl"));
    m_waitingUrl->setOpenExternalLinks(true);
    m_waitingUrl->setTextInteractionFlags(Qt::TextBrowserInteraction);
    waitingRow->addWidget(wrapped(tr("Waiting for Strava in your browser…")), 0, 0);
    waitingRow->addWidget(cancel, 0, 1);
    waitingRow->addWidget(m_waitingUrl, 1, 0, 1, 2);
    waitingRow->setColumnStretch(0, 1);
    layout->addWidget(m_waiting);

    auto* buttons = new QHBoxLayout;
    m_connect = button(tr("Connect"), "stravaConnect");
    m_sync = button(tr("Sync now"), "stravaSync");
    m_force = button(tr("Force refresh"), "stravaForce");
    m_force->setToolTip(tr("List your whole Strava history again: edits are applied, deleted activities removed"));
    m_disconnect = button(tr("Disconnect…"), "stravaDisconnect");
    for (QPushButton* b : {m_connect, m_sync, m_force, m_disconnect})
        buttons->addWidget(b);
    buttons->addStretch();
    layout->addLayout(buttons);
    m_message = wrapped();
    m_message->setObjectName(QStringLiteral("stravaMessage"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);
    setMessage({});
    layout->addWidget(buildAdvanced());

    connect(m_connect, &QPushButton::clicked, this, [this] { connectStrava(false); });
    connect(m_askAgain, &QPushButton::clicked, this, [this] { connectStrava(true); });
    connect(m_reconnect, &QPushButton::clicked, this, [this] { connectStrava(true); });
    connect(cancel, &QPushButton::clicked, &m_controller, &StravaController::cancel);
    connect(m_sync, &QPushButton::clicked, &m_controller, [this] { m_controller.sync(false); });
    connect(m_force, &QPushButton::clicked, &m_controller, [this] { m_controller.sync(true); });
    connect(m_disconnect, &QPushButton::clicked, this, &StravaSettings::confirmDisconnect);
    connect(&m_controller, &StravaController::statusChanged, this, &StravaSettings::refresh);
    connect(&m_controller, &StravaController::jobChanged, this, &StravaSettings::refresh);
    connect(&m_controller, &StravaController::authorizePageOpened, this, [this](const QUrl& url, bool opened) {
        const QString link = QStringLiteral("<a href=\"%1\">%2</a>")
                                 .arg(url.toString(QUrl::FullyEncoded).toHtmlEscaped(), tr("Strava's sign-in page"));
        m_waitingUrl->setText(opened ? tr("No browser window? Open %1 yourself.").arg(link)
                                     : tr("No browser could be opened: open %1 yourself.").arg(link));
    });
    connect(&m_controller, &StravaController::connectFinished, this, [this](const QString& error) {
        if (!error.isEmpty()) {
            setMessage(error);
            return;
        }
        const strava::StravaStatus st = m_controller.status();
        setMessage(tr("Connected to Strava as %1; your activities are on their way.").arg(st.athleteName));
    });
    connect(&m_controller, &StravaController::disconnectFinished, this,
            [this](bool, const QString& message) { setMessage(message); });
    connect(&m_controller, &StravaController::syncFinished, this, [this](const StravaSyncEnd& end) {
        if (!end.summary)
            setMessage(StravaText::error(end.error));
    });
    refresh();
}

void StravaSettings::buildApplication(QVBoxLayout* layout)
{
    m_ownApp = new QRadioButton(tr("Your own Strava API application"));
    m_ownApp->setObjectName(QStringLiteral("stravaOwnApp"));
    m_ownApp->setChecked(true);
    m_server = new QRadioButton(tr("Through my TriCoach account (Settings ▸ TriCoach account)"));
    m_server->setObjectName(QStringLiteral("stravaServer"));
    layout->addWidget(m_ownApp);
    // The application's fields sit under its choice, indented.
    auto* indented = new QVBoxLayout;
    indented->setContentsMargins(20, 0, 0, 0);
    auto* note = wrapped(tr("Create one at <a href=\"https://www.strava.com/settings/api\">strava.com/settings/api</a> "
                            "with 127.0.0.1 as its Authorization Callback Domain, then enter its client id and "
                            "secret. Your password stays with Strava, in your browser."));
    note->setOpenExternalLinks(true);
    indented->addWidget(note);
    auto* form = new QFormLayout;
    m_clientId = new QLineEdit;
    m_clientId->setObjectName(QStringLiteral("stravaClientId"));
    m_clientId->setPlaceholderText(tr("a number, e.g. 12345"));
    m_clientSecret = new QLineEdit;
    m_clientSecret->setObjectName(QStringLiteral("stravaClientSecret"));
    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_clientSecret->setPlaceholderText(tr("kept in your system's keychain"));
    form->addRow(tr("Client ID"), m_clientId);
    form->addRow(tr("Client secret"), m_clientSecret);
    indented->addLayout(form);
    layout->addLayout(indented);
    layout->addWidget(m_server);
    connect(m_ownApp, &QRadioButton::toggled, this, [this, note](bool own) {
        for (QWidget* w : std::initializer_list<QWidget*>{note, m_clientId, m_clientSecret})
            w->setEnabled(own);
    });
}

QWidget* StravaSettings::buildAdvanced()
{
    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    m_advancedToggle = new QToolButton;
    m_advancedToggle->setObjectName(QStringLiteral("stravaAdvancedToggle"));
    m_advancedToggle->setText(tr("Advanced"));
    m_advancedToggle->setCheckable(true);
    m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedToggle->setArrowType(Qt::RightArrow);
    m_advancedToggle->setAutoRaise(true);
    layout->addWidget(m_advancedToggle);
    m_advanced = new QWidget;
    auto* form = new QFormLayout(m_advanced);
    m_apiBase = new QLineEdit(m_preferences.stravaApiBase().toString());
    m_apiBase->setObjectName(QStringLiteral("stravaApiBase"));
    m_apiBase->setPlaceholderText(QStringLiteral("https://www.strava.com/api/v3"));
    m_oauthBase = new QLineEdit(m_preferences.stravaOAuthBase().toString());
    m_oauthBase->setObjectName(QStringLiteral("stravaOAuthBase"));
    m_oauthBase->setPlaceholderText(QStringLiteral("https://www.strava.com"));
    auto* save = button(tr("Save addresses"), "stravaSaveAddresses");
    form->addRow(wrapped(tr("Where Strava is: leave empty for Strava itself. For Strava's new API address, or a "
                            "test server.")));
    form->addRow(tr("API base URL"), m_apiBase);
    form->addRow(tr("OAuth base URL"), m_oauthBase);
    form->addRow(save);
    m_advanced->setVisible(false);
    layout->addWidget(m_advanced);
    connect(m_advancedToggle, &QToolButton::toggled, this, [this](bool open) {
        m_advanced->setVisible(open);
        m_advancedToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });
    connect(save, &QPushButton::clicked, this, &StravaSettings::saveAddresses);
    return box;
}

bool StravaSettings::saveAddresses()
{
    if (!acceptable(m_apiBase->text()) || !acceptable(m_oauthBase->text())) {
        setMessage(tr("Strava's addresses must be http(s) addresses, or empty for Strava itself."));
        return false;
    }
    m_preferences.setStravaBases(QUrl(m_apiBase->text().trimmed()), QUrl(m_oauthBase->text().trimmed()));
    setMessage(tr("Strava's addresses saved."));
    return true;
}

void StravaSettings::refresh()
{
    const strava::StravaStatus st = m_controller.status();
    const bool busy = m_controller.busyForAthlete();
    if (!m_clientId->isModified())
        m_clientId->setText(m_controller.clientId());
    if (st.connected)
        (st.viaAccount ? m_server : m_ownApp)->setChecked(true);
    m_connection->setText(StravaText::connection(st));
    m_lastSync->setText(st.connected ? StravaText::lastSync(st) : QString());
    m_lastSync->setVisible(st.connected);
    const QString missing = StravaText::missing(st.missingScopes);
    m_missing->setText(missing);
    m_missing->setVisible(!missing.isEmpty());
    m_askAgain->setVisible(!missing.isEmpty());
    const bool problem = st.connected && !st.problem.isEmpty();
    m_problem->setText(problem ? tr("Strava stopped accepting TriCoach's access (revoked on Strava, or the sign-in "
                                    "expired). Your activities stay; reconnect to sync again.")
                               : QString());
    m_problem->setToolTip(st.problem);
    m_problem->setVisible(problem);
    m_reconnect->setVisible(problem);
    m_waiting->setVisible(m_controller.job() == StravaController::Job::Connecting);
    m_connect->setText(st.connected ? tr("Connect again") : tr("Connect"));
    for (QPushButton* b : {m_connect, m_askAgain, m_reconnect})
        b->setEnabled(!busy);
    for (QPushButton* b : {m_sync, m_force, m_disconnect})
        b->setEnabled(st.connected && !busy);
}

void StravaSettings::connectStrava(bool askAgain)
{
    if (m_controller.busyForAthlete())
        return;
    if (m_server->isChecked()) {
        setMessage({});
        m_controller.connectThroughAccount();
        return;
    }
    const QString id = m_clientId->text().trimmed();
    const QString secret = m_clientSecret->text().trimmed();
    if (id.isEmpty()) {
        setMessage(tr("Enter your Strava application's client id and secret first."));
        return;
    }
    if (!secret.isEmpty() || id != m_controller.clientId()) {
        if (secret.isEmpty()) {
            setMessage(tr("Enter the client secret of application %1 too.").arg(id));
            return;
        }
        if (auto set = m_controller.setApp({id, secret}); !set) {
            setMessage(StravaText::error(set.error()));
            return;
        }
        m_clientSecret->clear();
        m_clientId->setModified(false);
    }
    setMessage({});
    m_controller.connectAccount(askAgain);
}

void StravaSettings::confirmDisconnect()
{
    auto* box = new QMessageBox(QMessageBox::Question, tr("Disconnect Strava"),
                                tr("Disconnect Strava from this profile? Your synced activities stay; TriCoach stops "
                                   "syncing and asks Strava to end its access."),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmStravaDisconnect"));
    box->button(QMessageBox::Yes)->setText(tr("Disconnect"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box](QAbstractButton* clicked) {
        if (clicked == box->button(QMessageBox::Yes))
            m_controller.disconnectAccount();
    });
    box->open();
}

QString StravaSettings::message() const
{
    return m_message->text();
}

void StravaSettings::setMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

} // namespace tricoach
