#include "ui/settings/accountsettings.h"

#include "ui/account/accountcontroller.h"

#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tricoach {

namespace {

QLabel* wrapped(const QString& text = {}, const char* name = nullptr)
{
    auto* label = new QLabel(text);
    label->setWordWrap(true);
    if (name)
        label->setObjectName(QString::fromLatin1(name));
    return label;
}

} // namespace

AccountSettings::AccountSettings(AccountController& controller, QWidget* parent)
    : QGroupBox(tr("TriCoach account"), parent)
    , m_controller(controller)
{
    setObjectName(QStringLiteral("accountSettings"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(wrapped(tr("Sign in to a TriCoach server to sync Strava without an application of your own "
                                 "and to get new Strava activities as soon as they are uploaded.")));
    auto* form = new QFormLayout;
    m_server = new QLineEdit;
    m_server->setObjectName(QStringLiteral("accountServer"));
    m_server->setPlaceholderText(QStringLiteral("https://sync.example.org"));
    form->addRow(tr("Server"), m_server);
    layout->addLayout(form);

    m_who = wrapped({}, "accountWho");
    QFont bold = m_who->font();
    bold.setBold(true);
    m_who->setFont(bold);
    layout->addWidget(m_who);
    m_live = wrapped({}, "accountLive");
    layout->addWidget(m_live);

    m_waiting = new QWidget;
    m_waiting->setObjectName(QStringLiteral("accountWaiting"));
    auto* waitingRow = new QGridLayout(m_waiting);
    waitingRow->setContentsMargins(0, 0, 0, 0);
    auto* cancel = new QPushButton(tr("Cancel"));
    cancel->setObjectName(QStringLiteral("accountCancelSignIn"));
    m_waitingUrl = wrapped({}, "accountWaitingUrl");
    m_waitingUrl->setOpenExternalLinks(true);
    m_waitingUrl->setTextInteractionFlags(Qt::TextBrowserInteraction);
    waitingRow->addWidget(wrapped(tr("Waiting for the sign-in in your browser…")), 0, 0);
    waitingRow->addWidget(cancel, 0, 1);
    waitingRow->addWidget(m_waitingUrl, 1, 0, 1, 2);
    waitingRow->setColumnStretch(0, 1);
    layout->addWidget(m_waiting);

    auto* buttons = new QHBoxLayout;
    m_signIn = new QPushButton(tr("Sign in…"));
    m_signIn->setObjectName(QStringLiteral("accountSignIn"));
    m_signOut = new QPushButton(tr("Sign out"));
    m_signOut->setObjectName(QStringLiteral("accountSignOut"));
    buttons->addWidget(m_signIn);
    buttons->addWidget(m_signOut);
    buttons->addStretch();
    layout->addLayout(buttons);
    m_message = wrapped({}, "accountMessage");
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);
    setMessage({});

    connect(m_signIn, &QPushButton::clicked, this, &AccountSettings::signIn);
    connect(m_signOut, &QPushButton::clicked, &m_controller, &AccountController::signOut);
    connect(cancel, &QPushButton::clicked, &m_controller, &AccountController::cancel);
    connect(&m_controller, &AccountController::stateChanged, this, &AccountSettings::refresh);
    connect(&m_controller, &AccountController::liveChanged, this, &AccountSettings::refresh);
    connect(&m_controller, &AccountController::signInPageOpened, this, [this](const QUrl& url, bool opened) {
        const QString link = QStringLiteral("<a href=\"%1\">%2</a>")
                                 .arg(url.toString(QUrl::FullyEncoded).toHtmlEscaped(), tr("the sign-in page"));
        m_waitingUrl->setText(opened ? tr("No browser window? Open %1 yourself.").arg(link)
                                     : tr("No browser could be opened: open %1 yourself.").arg(link));
    });
    connect(&m_controller, &AccountController::signInFinished, this, [this](const QString& error) {
        setMessage(error.isEmpty() ? tr("Signed in as %1.").arg(m_controller.state().displayName) : error);
    });
    connect(&m_controller, &AccountController::signOutFinished, this, &AccountSettings::setMessage);
    refresh();
}

void AccountSettings::refresh()
{
    const account::AccountState s = m_controller.state();
    if (!m_server->isModified())
        m_server->setText(m_controller.server());
    const bool busy = m_controller.busy();
    if (s.signedIn())
        m_who->setText(s.stravaAthleteId ? tr("Signed in as %1, with Strava").arg(s.displayName)
                                         : tr("Signed in as %1").arg(s.displayName));
    else
        m_who->setText(tr("Not signed in"));
    QString live;
    if (s.signedIn() && !s.problem.isEmpty())
        live = s.problem;
    else if (s.signedIn() && m_controller.live())
        live = tr("Live: new Strava activities arrive as soon as they are uploaded.");
    else if (s.signedIn())
        live = m_controller.liveProblem().isEmpty()
                   ? tr("Connecting for live updates…")
                   : tr("Live updates are paused (%1); TriCoach keeps trying, and catches up when back.")
                         .arg(m_controller.liveProblem());
    m_live->setText(live);
    m_live->setVisible(!live.isEmpty());
    m_waiting->setVisible(busy);
    m_server->setEnabled(!busy);
    m_signIn->setEnabled(!busy);
    m_signIn->setText(s.signedIn() ? tr("Sign in again…") : tr("Sign in…"));
    m_signOut->setEnabled(s.signedIn() && !busy);
}

void AccountSettings::signIn()
{
    if (m_controller.busy())
        return;
    if (m_server->isModified() || m_controller.server().isEmpty()) {
        if (auto set = m_controller.setServer(m_server->text()); !set) {
            setMessage(set.error().message);
            return;
        }
        m_server->setModified(false);
    }
    setMessage({});
    m_controller.signIn();
}

QString AccountSettings::message() const
{
    return m_message->text();
}

void AccountSettings::setMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

} // namespace tricoach
