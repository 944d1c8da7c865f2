#include "ui/account/accountcontroller.h"

#include "core/secrets/secretstore.h"
#include "core/store/activitystore.h"
#include "ui/preferences.h"
#include "ui/strava/stravacontroller.h"
#include "ui/strava/stravatext.h"
#include "ui/trainingdata.h"

#include <QDesktopServices>
#include <QLocale>

namespace tricoach {

AccountController::AccountController(TrainingData& data, Preferences& preferences, StravaController& strava,
                                     QWidget* window, QObject* parent)
    : QObject(parent)
    , m_data(data)
    , m_preferences(preferences)
    , m_strava(strava)
    , m_window(window)
    , m_openUrl([](const QUrl& url) { return QDesktopServices::openUrl(url); })
{
    connect(&m_data, &TrainingData::athleteChanged, this, [this] {
        restartLive();
        Q_EMIT stateChanged();
    });
    // Once the window is up: the stream of a profile signed in earlier, and what came while the app was closed.
    QTimer::singleShot(0, this, &AccountController::restartLive);
}

AccountController::~AccountController() = default;

account::AccountState AccountController::state() const
{
    MemorySecrets none; // who is signed in lives in the store
    return account::TriCoachAccount(m_data.store(), m_data.athlete(), none).state();
}

QString AccountController::server() const
{
    MemorySecrets none;
    auto url = account::TriCoachAccount(m_data.store(), m_data.athlete(), none).server();
    return url ? url->toString() : QString();
}

Result<void> AccountController::setServer(const QString& address)
{
    auto secrets = m_preferences.openSecrets(m_window);
    if (!secrets)
        return secrets.error();
    auto set = account::TriCoachAccount(m_data.store(), m_data.athlete(), **secrets).setServer(address);
    restartLive();
    Q_EMIT stateChanged();
    return set;
}

void AccountController::setLiveTiming(int silenceMs, int firstRetryMs)
{
    m_silenceMs = silenceMs;
    m_firstRetryMs = firstRetryMs;
    restartLive();
}

void AccountController::signIn()
{
    if (m_signingIn)
        return;
    auto secrets = m_preferences.openSecrets(m_window);
    if (!secrets) {
        Q_EMIT signInFinished(StravaText::error(secrets.error()));
        return;
    }
    m_cancel = false;
    m_signingIn = true;
    Q_EMIT stateChanged();
    const auto open = [this](const QUrl& url) {
        Q_EMIT signInPageOpened(url, m_openUrl(url));
        return true; // without a browser the athlete opens the address shown; the sign-in waits for them
    };
    const QString locale = QLocale().language() == QLocale::Russian ? QStringLiteral("ru") : QStringLiteral("en");
    auto signedIn = account::TriCoachAccount(m_data.store(), m_data.athlete(), **secrets)
                        .signIn(open, m_timeoutMs, &m_cancel, locale);
    m_signingIn = false;
    restartLive();
    Q_EMIT stateChanged();
    Q_EMIT signInFinished(signedIn ? QString() : signedIn.error().message);
}

void AccountController::signOut()
{
    auto secrets = m_preferences.openSecrets(m_window);
    if (!secrets) {
        Q_EMIT signOutFinished(StravaText::error(secrets.error()));
        return;
    }
    if (m_events)
        m_events->stop();
    auto note = account::TriCoachAccount(m_data.store(), m_data.athlete(), **secrets).signOut();
    restartLive();
    Q_EMIT stateChanged();
    Q_EMIT signOutFinished(note ? tr("Signed out of your TriCoach account; everything on this computer stays.")
                                : note.error().message);
}

void AccountController::restartLive()
{
    m_events.reset();
    m_liveProblem.clear();
    const account::AccountState s = state();
    if (!s.signedIn()) {
        Q_EMIT liveChanged();
        return;
    }
    MemorySecrets none;
    auto url = account::TriCoachAccount(m_data.store(), m_data.athlete(), none).server();
    if (!url) {
        Q_EMIT liveChanged();
        return;
    }
    const AthleteId athlete = m_data.athlete();
    m_events = std::make_unique<account::AccountEvents>(*url, [this, athlete]() -> Result<QString> {
        auto secrets = m_preferences.openSecrets(m_window);
        if (!secrets)
            return secrets.error();
        strava::HttpClient http;
        return account::TriCoachAccount(m_data.store(), athlete, **secrets).client(http)->accessToken();
    });
    m_events->setSilenceLimit(m_silenceMs);
    m_events->setRetryPause(m_firstRetryMs, 30'000);
    connect(m_events.get(), &account::AccountEvents::eventsWaiting, &m_strava, &StravaController::applyAccountEvents);
    connect(m_events.get(), &account::AccountEvents::connectionChanged, this, [this](bool, const QString& problem) {
        m_liveProblem = problem;
        Q_EMIT liveChanged();
    });
    connect(m_events.get(), &account::AccountEvents::signedOut, this, [this](const QString& message) {
        m_liveProblem = message;
        Q_EMIT liveChanged();
        Q_EMIT stateChanged();
    });
    m_events->start();
    Q_EMIT liveChanged();
}

} // namespace tricoach
