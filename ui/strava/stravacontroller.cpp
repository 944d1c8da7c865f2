#include "ui/strava/stravacontroller.h"

#include "core/secrets/mainthreadsecrets.h"
#include "core/store/activitystore.h"
#include "core/strava/errors.h"
#include "core/strava/syncstate.h"
#include "ui/preferences.h"
#include "ui/strava/stravatext.h"
#include "ui/trainingdata.h"

#include <QDeadlineTimer>
#include <QDesktopServices>
#include <QThread>

#include <algorithm>
#include <utility>

namespace tricoach {

namespace {

constexpr int kRefreshMs = 1000; // the pages redraw at most this often while activities arrive
constexpr int kResumeMarginMs = 2000;

bool sameArrivals(const strava::SyncProgress& a, const strava::SyncProgress& b)
{
    return a.added == b.added && a.updated == b.updated && a.deleted == b.deleted && a.attached == b.attached &&
           a.streamsFetched == b.streamsFetched;
}

} // namespace

StravaController::StravaController(TrainingData& data, Preferences& preferences, QWidget* window, QObject* parent)
    : QObject(parent)
    , m_data(data)
    , m_preferences(preferences)
    , m_window(window)
    , m_openUrl([](const QUrl& url) { return QDesktopServices::openUrl(url); })
{
    m_refresh.setSingleShot(true);
    connect(&m_refresh, &QTimer::timeout, this, &StravaController::refreshPages);
    m_resume.setSingleShot(true);
    connect(&m_resume, &QTimer::timeout, this, [this] {
        if (busy()) {
            m_resume.start(60'000); // after the sign-in or the disconnect in progress
            return;
        }
        const AthleteId athlete = m_resumeAthlete;
        m_resumeAthlete = 0;
        m_resumeAt = {};
        startSync(athlete, false);
    });
    connect(&m_data, &TrainingData::athleteChanged, this, [this] {
        Q_EMIT statusChanged();
        checkResume();
    });
    // Once the window is up: a sync the rate limit stopped goes on, at once when its time has passed.
    QTimer::singleShot(0, this, &StravaController::checkResume);
}

StravaController::~StravaController()
{
    stopWorker();
}

void StravaController::stopWorker()
{
    if (!m_thread)
        return;
    blockSignals(true); // the window is going: nothing is told any more
    m_cancel = true;
    // The worker may be waiting for a secret from this thread: serve it, or neither would ever end.
    while (!m_thread->wait(QDeadlineTimer(20)))
        m_workerSecrets->serveWaitingCalls();
    delete m_thread;
    m_thread = nullptr;
    m_workerSecrets.reset();
    m_job = Job::None;
}

strava::StravaEndpoints StravaController::endpoints() const
{
    strava::StravaEndpoints configured;
    const QUrl api = m_preferences.stravaApiBase();
    const QUrl oauth = m_preferences.stravaOAuthBase();
    if (api.isValid() && !api.host().isEmpty())
        configured.api = api;
    if (oauth.isValid() && !oauth.host().isEmpty())
        configured.oauth = oauth;
    return strava::StravaEndpoints::fromEnvironment(configured);
}

strava::StravaStatus StravaController::status() const
{
    MemorySecrets none; // the status is in the store
    return strava::StravaAccount(m_data.store(), m_data.athlete(), none, endpoints()).status();
}

QString StravaController::clientId() const
{
    const QString stored = strava::loadSyncState(m_data.store(), m_data.athlete()).clientId;
    return stored.isEmpty() ? qEnvironmentVariable("TRICOACH_STRAVA_CLIENT_ID").trimmed() : stored;
}

Result<void> StravaController::setApp(const strava::StravaApp& app)
{
    auto secrets = m_preferences.openSecrets(m_window);
    if (!secrets)
        return secrets.error();
    auto set = strava::StravaAccount(m_data.store(), m_data.athlete(), **secrets, endpoints()).setApp(app);
    Q_EMIT statusChanged();
    return set;
}

QDateTime StravaController::resumeAt() const
{
    return m_resume.isActive() ? m_resumeAt : QDateTime();
}

void StravaController::setOpenUrl(std::function<bool(const QUrl&)> openUrl)
{
    m_openUrl = std::move(openUrl);
}

void StravaController::connectAccount(bool askAgain)
{
    if (deferredBehindCatchUp([this, askAgain] { connectAccount(askAgain); }))
        return;
    if (busy())
        return;
    auto secrets = m_preferences.openSecrets(m_window);
    if (!secrets) {
        Q_EMIT connectFinished(StravaText::error(secrets.error()), secrets.error().code);
        return;
    }
    const AthleteId athlete = m_data.athlete();
    m_cancel = false;
    m_job = Job::Connecting;
    Q_EMIT jobChanged(m_job);
    // Blocks in the sign-in's local event loop until the browser comes back: the window stays live, and Cancel
    // sets m_cancel.
    strava::StravaAccount account(m_data.store(), athlete, **secrets, endpoints());
    const auto open = [this](const QUrl& url) {
        Q_EMIT authorizePageOpened(url, m_openUrl(url));
        return true; // without a browser the athlete opens the address shown; the sign-in waits for them
    };
    auto outcome = account.connect(open, m_connectTimeoutMs, &m_cancel, askAgain);
    m_job = Job::None;
    Q_EMIT jobChanged(m_job);
    if (!outcome) {
        Q_EMIT connectFinished(StravaText::error(outcome.error()), outcome.error().code);
        Q_EMIT statusChanged();
        return;
    }
    Q_EMIT connectFinished({}, {});
    Q_EMIT statusChanged();
    startSync(athlete, false); // the first sync lists the whole history
}

void StravaController::sync(bool force)
{
    if (deferredBehindCatchUp([this, force] { sync(force); }))
        return;
    startSync(m_data.athlete(), force);
}

void StravaController::cancel()
{
    m_cancel = true;
}

void StravaController::startSync(AthleteId athlete, bool force)
{
    if (busy())
        return;
    MemorySecrets none;
    const bool connected = strava::StravaAccount(m_data.store(), athlete, none, endpoints()).status().connected;
    if (!connected) {
        Q_EMIT syncFinished(
            {athlete, std::nullopt,
             makeError(StravaText::error({{}, strava::code::kNotConnected}), strava::code::kNotConnected)});
        return;
    }
    if (m_resumeAthlete == athlete) {
        m_resume.stop();
        m_resumeAthlete = 0;
        m_resumeAt = {};
    }
    strava::SyncOptions options;
    options.force = force;
    m_syncEnd = StravaSyncEnd{athlete, std::nullopt, {}};
    m_latest = m_lastRefreshed = {};
    m_sinceRefresh.invalidate(); // the first activities show at once
    auto started = startWorker(
        Job::Syncing, athlete, [this, options](strava::StravaAccount& account, account::TriCoachAccount& tricoach) {
            // Through the TriCoach account: its broker hands out the Strava tokens, and what its events announced
            // (edits and deletions a listing of recent activities misses) is applied first.
            strava::HttpClient brokerHttp(&m_cancel);
            std::unique_ptr<strava::StravaAccess> brokered;
            if (account.state().viaAccount && tricoach.state().signedIn()) {
                brokered = tricoach.stravaAccess(brokerHttp);
                (void)tricoach.catchUp(account, &m_cancel); // the sync below reports what matters
            }
            auto summary = account.sync(
                options,
                [this](const strava::SyncProgress& p) {
                    QMetaObject::invokeMethod(
                        this, [this, p] { progressed(p); }, Qt::QueuedConnection);
                },
                &m_cancel, brokered.get());
            if (summary)
                m_syncEnd.summary = *summary;
            else
                m_syncEnd.error = summary.error();
        });
    if (!started) {
        Q_EMIT syncFinished({athlete, std::nullopt, started.error()});
        return;
    }
    Q_EMIT syncStarted(force);
}

void StravaController::disconnectAccount()
{
    if (busy())
        return;
    const AthleteId athlete = m_data.athlete();
    if (m_resumeAthlete == athlete) {
        m_resume.stop();
        m_resumeAthlete = 0;
        m_resumeAt = {};
    }
    m_disconnectOk = false;
    m_disconnectMessage.clear();
    auto started =
        startWorker(Job::Disconnecting, athlete, [this](strava::StravaAccount& account, account::TriCoachAccount&) {
            auto note = account.disconnect();
            m_disconnectOk = note.ok();
            if (!note) {
                m_disconnectMessage = StravaText::error(note.error());
                return;
            }
            m_disconnectMessage = tr("Strava is disconnected; your synced activities stay.");
            // The core's note names the page to revoke at when Strava could not be told.
            if (note->contains(QStringLiteral("strava.com/settings/apps")))
                m_disconnectMessage += QLatin1Char(' ') + tr("Strava could not be told: revoke TriCoach's access at "
                                                             "https://www.strava.com/settings/apps.");
        });
    if (!started)
        Q_EMIT disconnectFinished(false, StravaText::error(started.error()));
}

bool StravaController::deferredBehindCatchUp(std::function<void()> action)
{
    // A catch-up runs by itself in the background and is short: what the athlete asked for follows it instead of
    // being ignored.
    if (m_job != Job::CatchingUp)
        return false;
    m_whenIdle = std::move(action);
    return true;
}

void StravaController::connectThroughAccount()
{
    if (deferredBehindCatchUp([this] { connectThroughAccount(); }))
        return;
    if (busy())
        return;
    m_linkError.clear();
    m_linkCode.clear();
    const AthleteId athlete = m_data.athlete();
    auto started =
        startWorker(Job::Linking, athlete, [this](strava::StravaAccount& account, account::TriCoachAccount& tricoach) {
            auto linked = tricoach.connectStrava(account);
            if (!linked) {
                m_linkError = StravaText::error(linked.error());
                m_linkCode = linked.error().code;
            }
        });
    if (!started)
        Q_EMIT connectFinished(StravaText::error(started.error()), started.error().code);
}

void StravaController::applyAccountEvents()
{
    if (busy()) {
        m_catchUpPending = true;
        return;
    }
    m_catchUpPending = false;
    m_catchUpText.clear();
    m_catchUpError.clear();
    auto started = startWorker(
        Job::CatchingUp, m_data.athlete(), [this](strava::StravaAccount& account, account::TriCoachAccount& tricoach) {
            auto caught = tricoach.catchUp(account, &m_cancel);
            if (!caught) {
                m_catchUpError = StravaText::error(caught.error());
                return;
            }
            if (caught->deauthorized)
                m_catchUpText = tr("Strava access was revoked on Strava: sign in to your TriCoach account with Strava "
                                   "again to keep syncing.");
            else if (caught->summary)
                m_catchUpText = StravaText::summary(*caught->summary);
        });
    if (!started)
        Q_EMIT accountEventsApplied({}, StravaText::error(started.error()));
}

Result<void> StravaController::startWorker(Job job, AthleteId athlete, Work work)
{
    auto secrets = m_preferences.openSecrets(m_window);
    if (!secrets)
        return secrets.error();
    m_workerSecrets = std::make_unique<MainThreadSecrets>(**secrets);
    m_workerFailed.reset();
    m_cancel = false;
    m_job = job;
    m_jobAthlete = athlete;
    MainThreadSecrets* workerSecrets = m_workerSecrets.get();
    m_thread = QThread::create(
        [this, path = m_data.store().path(), athlete, endpoints = endpoints(), workerSecrets, work = std::move(work)] {
            // A connection of its own: an ActivityStore is one SQLite connection, used by one thread.
            auto store = ActivityStore::open(path);
            if (!store) {
                m_workerFailed = store.error();
                return;
            }
            strava::StravaAccount account(**store, athlete, *workerSecrets, endpoints);
            account::TriCoachAccount tricoach(**store, athlete, *workerSecrets);
            work(account, tricoach);
        });
    m_thread->setObjectName(QStringLiteral("strava"));
    connect(m_thread, &QThread::finished, this, &StravaController::workerFinished);
    m_thread->start();
    Q_EMIT jobChanged(m_job);
    return {};
}

void StravaController::workerFinished()
{
    if (!m_thread)
        return;
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_workerSecrets.reset();
    const Job job = m_job;
    m_job = Job::None;
    Q_EMIT jobChanged(m_job);
    if (job == Job::Syncing) {
        StravaSyncEnd end = std::move(m_syncEnd);
        if (m_workerFailed) {
            end.summary.reset();
            end.error = *m_workerFailed;
        }
        m_refresh.stop();
        refreshPages(); // the last activities, and the pages of a sync that changed nothing redraw just once
        Q_EMIT syncFinished(end);
        if (end.summary && end.summary->resumeAt.isValid())
            scheduleResume(end.athlete, end.summary->resumeAt);
    } else if (job == Job::Disconnecting) {
        if (m_workerFailed) {
            m_disconnectOk = false;
            m_disconnectMessage = m_workerFailed->message;
        }
        Q_EMIT disconnectFinished(m_disconnectOk, m_disconnectMessage);
    } else if (job == Job::Linking) {
        if (m_workerFailed) {
            m_linkError = m_workerFailed->message;
            m_linkCode = m_workerFailed->code;
        }
        Q_EMIT connectFinished(m_linkError, m_linkCode);
        if (m_linkError.isEmpty()) {
            Q_EMIT statusChanged();
            startSync(m_jobAthlete, false);
            return;
        }
    } else if (job == Job::CatchingUp) {
        refreshPages();
        Q_EMIT accountEventsApplied(m_catchUpText, m_workerFailed ? m_workerFailed->message : m_catchUpError);
    }
    Q_EMIT statusChanged();
    if (m_whenIdle && !busy()) {
        auto action = std::exchange(m_whenIdle, {});
        action();
    }
    if (m_catchUpPending && !busy())
        applyAccountEvents();
}

void StravaController::progressed(const strava::SyncProgress& progress)
{
    Q_EMIT syncProgress(progress);
    m_latest = progress;
    if (sameArrivals(progress, m_lastRefreshed) || m_refresh.isActive())
        return;
    const qint64 since = m_sinceRefresh.isValid() ? m_sinceRefresh.elapsed() : kRefreshMs;
    if (since >= kRefreshMs)
        refreshPages();
    else
        m_refresh.start(static_cast<int>(kRefreshMs - since));
}

void StravaController::refreshPages()
{
    m_lastRefreshed = m_latest;
    m_sinceRefresh.start();
    m_data.notifyChanged();
}

void StravaController::scheduleResume(AthleteId athlete, const QDateTime& at)
{
    const qint64 wait = QDateTime::currentDateTimeUtc().msecsTo(at);
    m_resumeAthlete = athlete;
    m_resumeAt = at;
    // A margin past the window's turn; never more than a day at once (the timer then looks again).
    m_resume.start(static_cast<int>(std::clamp<qint64>(wait + kResumeMarginMs, 0, 24LL * 3600 * 1000)));
    Q_EMIT resumePlanned(at);
}

void StravaController::checkResume()
{
    if (busy() || m_resume.isActive())
        return;
    const strava::StravaStatus st = status();
    if (st.connected && st.problem.isEmpty() && st.resumeAt.isValid())
        scheduleResume(m_data.athlete(), st.resumeAt);
}

} // namespace tricoach
