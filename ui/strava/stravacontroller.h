#pragma once
// The desktop's Strava link for the profile on screen. The sign-in runs on the main thread (it waits for the
// browser in a local event loop and stores tokens in the keychain); the sync and the disconnect run on a worker
// thread with a store connection of their own (one SQLite connection per thread) and reach the keychain through
// MainThreadSecrets. Progress arrives by queued calls; the pages redraw as activities arrive, at most about once a
// second; a sync the rate limit stopped resumes by itself when Strava allows, also after a restart.

#include "core/account/tricoachaccount.h"
#include "core/model/athlete.h"
#include "core/strava/stravaaccount.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

class QThread;
class QWidget;

namespace tricoach {

class MainThreadSecrets;
class Preferences;
class TrainingData;

// How a sync ended: its summary, or the error that stopped it.
struct StravaSyncEnd {
    AthleteId athlete = 0;
    std::optional<strava::SyncSummary> summary;
    Error error;
};

class StravaController : public QObject {
    Q_OBJECT
public:
    // Connecting: the browser sign-in (main thread); Linking: Strava through the TriCoach account; CatchingUp: the
    // changes the account's events announced.
    enum class Job { None, Connecting, Linking, Syncing, CatchingUp, Disconnecting };

    // `window` is the parent of the questions asked on the way (no keychain: may secrets go into a file?).
    StravaController(TrainingData& data, Preferences& preferences, QWidget* window, QObject* parent = nullptr);
    ~StravaController() override; // cancels a running job and waits for it; what it stored stays

    // Strava's addresses: Settings ▸ Strava ▸ Advanced, with the environment taking precedence.
    strava::StravaEndpoints endpoints() const;
    // The link of the profile on screen (read from the store; no secrets needed).
    strava::StravaStatus status() const;
    // The client id of the application last used, else TRICOACH_STRAVA_CLIENT_ID; empty when none.
    QString clientId() const;
    // Keeps the athlete's own application: the secret in the secret store, the id with the profile.
    Result<void> setApp(const strava::StravaApp& app);

    Job job() const { return m_job; }
    bool busy() const { return m_job != Job::None; }
    // Busy with something the athlete started: a background catch-up does not count (actions wait for it).
    bool busyForAthlete() const { return busy() && m_job != Job::CatchingUp; }
    // When a sync stopped by the rate limit resumes; invalid when none is planned.
    QDateTime resumeAt() const;

    // What opens Strava's authorize page: the system browser (QDesktopServices::openUrl); tests play the browser.
    void setOpenUrl(std::function<bool(const QUrl&)> openUrl);
    void setConnectTimeout(int ms) { m_connectTimeoutMs = ms; }

    // Signs in through the browser and links the profile, then syncs. Returns when Strava answered, the sign-in
    // was cancelled or timed out; the window stays live meanwhile (a local event loop). `askAgain` shows Strava's
    // page even when access was granted before, to grant what was left out.
    void connectAccount(bool askAgain = false);
    // Links the profile to the Strava athlete of its TriCoach account (the server keeps the Strava sign-in), then
    // syncs. Ends with connectFinished.
    void connectThroughAccount();
    // Applies what the account's events announced (Strava's webhooks: new, edited, deleted activities) on the
    // worker; when another job runs, right after it.
    void applyAccountEvents();
    // Starts a sync of the profile on screen; `force` lists the whole history again (edits, deletions).
    void sync(bool force = false);
    // Ends the authorization on Strava on the worker; every synced activity stays.
    void disconnectAccount();
    // Stops the running sign-in or sync; what was stored stays.
    void cancel();

Q_SIGNALS:
    void jobChanged(tricoach::StravaController::Job job);
    // The sign-in's page on Strava, and whether a browser opened it (if not, the athlete opens it themselves).
    void authorizePageOpened(const QUrl& url, bool browserOpened);
    // The link or its sync state changed: Settings ▸ Strava and the menus redraw.
    void statusChanged();
    // The sign-in ended; `error` is empty on success.
    void connectFinished(const QString& error, const QString& code);
    void syncStarted(bool force);
    void syncProgress(const tricoach::strava::SyncProgress& progress);
    void syncFinished(const tricoach::StravaSyncEnd& end);
    // The disconnect ended: what happened in words (`ok` false: it failed and nothing changed).
    void disconnectFinished(bool ok, const QString& message);
    // The account's events were applied: what changed in words, or the error (empty when nothing to say).
    void accountEventsApplied(const QString& text, const QString& error);
    // A sync stopped by the rate limit is planned to resume at `at`.
    void resumePlanned(const QDateTime& at);

private:
    using Work = std::function<void(strava::StravaAccount&, account::TriCoachAccount&)>;
    // True when `action` was kept to run once the background catch-up ends.
    bool deferredBehindCatchUp(std::function<void()> action);
    Result<void> startWorker(Job job, AthleteId athlete, Work work);
    void startSync(AthleteId athlete, bool force);
    void workerFinished();
    void progressed(const strava::SyncProgress& progress);
    void refreshPages();
    void scheduleResume(AthleteId athlete, const QDateTime& at);
    void checkResume();
    void stopWorker();

    TrainingData& m_data;
    Preferences& m_preferences;
    QWidget* m_window = nullptr;
    std::function<bool(const QUrl&)> m_openUrl;
    int m_connectTimeoutMs = 10 * 60 * 1000;
    Job m_job = Job::None;
    std::atomic<bool> m_cancel{false};

    // The worker and what it hands back when it ends (written there before it finishes, read here after).
    QThread* m_thread = nullptr;
    std::unique_ptr<MainThreadSecrets> m_workerSecrets;
    std::optional<Error> m_workerFailed; // the worker could not open the store
    StravaSyncEnd m_syncEnd;
    bool m_disconnectOk = false;
    QString m_disconnectMessage;
    QString m_linkError, m_linkCode;
    QString m_catchUpText, m_catchUpError;
    bool m_catchUpPending = false;
    std::function<void()> m_whenIdle; // what the athlete asked for while a catch-up ran
    AthleteId m_jobAthlete = 0;

    // Pages redraw at most about once a second while activities arrive.
    QTimer m_refresh;
    QElapsedTimer m_sinceRefresh;
    strava::SyncProgress m_latest, m_lastRefreshed;

    QTimer m_resume;
    AthleteId m_resumeAthlete = 0;
    QDateTime m_resumeAt;
};

} // namespace tricoach
