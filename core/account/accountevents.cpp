#include "core/account/accountevents.h"

#include "core/strava/httpclient.h"

#include <QNetworkReply>
#include <QNetworkRequest>

namespace tricoach::account {

AccountEvents::AccountEvents(QUrl server, TokenSource token, QObject* parent)
    : QObject(parent)
    , m_server(std::move(server))
    , m_token(std::move(token))
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &AccountEvents::connectNow);
    m_silence.setSingleShot(true);
    m_silence.setInterval(45'000); // three of the server's 15-second heartbeats
    connect(&m_silence, &QTimer::timeout, this, [this] {
        if (m_reply)
            m_reply->abort(); // onFinished schedules the reconnect
    });
    m_wake.setSingleShot(true);
    m_wake.setInterval(0);
    connect(&m_wake, &QTimer::timeout, this, &AccountEvents::eventsWaiting);
}

AccountEvents::~AccountEvents()
{
    stop();
}

void AccountEvents::setRetryPause(int firstMs, int maxMs)
{
    m_firstPauseMs = m_pauseMs = firstMs;
    m_maxPauseMs = maxMs;
}

void AccountEvents::start()
{
    if (m_running)
        return;
    m_running = true;
    m_pauseMs = m_firstPauseMs;
    connectNow();
}

void AccountEvents::stop()
{
    m_running = false;
    m_retry.stop();
    m_silence.stop();
    if (m_reply) {
        QNetworkReply* reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    setConnected(false, {});
}

void AccountEvents::connectNow()
{
    if (!m_running || m_reply)
        return;
    auto token = m_token();
    if (!token) {
        if (token.error().code == QLatin1String("account.signed-out") ||
            token.error().code == QLatin1String("account.not-signed-in")) {
            m_running = false;
            setConnected(false, token.error().message);
            Q_EMIT signedOut(token.error().message);
            return;
        }
        scheduleRetry(token.error().message);
        return;
    }
    QNetworkRequest request(strava::joinUrl(m_server, QStringLiteral("/v1/events/stream")));
    request.setRawHeader("Accept", "text/event-stream");
    request.setRawHeader("Cache-Control", "no-cache");
    request.setRawHeader("Authorization", "Bearer " + token->toUtf8());
    request.setRawHeader("User-Agent", "TriCoach");
    request.setTransferTimeout(0); // the stream is meant to stay open; silence is judged by m_silence
    m_buffer.clear();
    m_frameHasData = false;
    m_reply = m_network.get(request);
    connect(m_reply, &QNetworkReply::readyRead, this, &AccountEvents::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &AccountEvents::onFinished);
    m_silence.start();
}

void AccountEvents::onReadyRead()
{
    if (!m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200)
        return; // read whole in onFinished
    m_silence.start();
    if (!m_connected) {
        m_unauthorized = 0;
        m_pauseMs = m_firstPauseMs;
        setConnected(true, {});
        m_wake.start(); // whatever came while the stream was down
    }
    m_buffer += m_reply->readAll();
    // Frames end with a blank line; only whether one carried data matters (comments are heartbeats).
    qsizetype eol;
    while ((eol = m_buffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_buffer.left(eol).trimmed();
        m_buffer.remove(0, eol + 1);
        if (line.isEmpty()) {
            if (m_frameHasData)
                m_wake.start();
            m_frameHasData = false;
        } else if (line.startsWith("data:")) {
            m_frameHasData = true;
        }
    }
    if (m_buffer.size() > 1024 * 1024)
        m_buffer.clear(); // a line that never ends is no frame of ours
}

void AccountEvents::onFinished()
{
    QNetworkReply* reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();
    m_silence.stop();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!m_running)
        return;
    if (status == 401) {
        // The access token may have expired just now: one more try with a fresh one, then the session is over.
        if (++m_unauthorized >= 2) {
            m_running = false;
            const QString message = QStringLiteral("Your TriCoach session has ended: sign in again.");
            setConnected(false, message);
            Q_EMIT signedOut(message);
            return;
        }
        m_retry.start(0);
        return;
    }
    const QString problem = reply->error() != QNetworkReply::NoError && status == 0
                                ? reply->errorString()
                                : QStringLiteral("the server ended the stream (HTTP %1)").arg(status);
    scheduleRetry(problem);
}

void AccountEvents::scheduleRetry(const QString& problem)
{
    setConnected(false, problem);
    if (!m_running)
        return;
    m_retry.start(m_pauseMs);
    m_pauseMs = std::min(m_pauseMs * 2, m_maxPauseMs);
}

void AccountEvents::setConnected(bool connected, const QString& problem)
{
    if (connected == m_connected && connected)
        return;
    const bool changed = connected != m_connected;
    m_connected = connected;
    if (changed || !problem.isEmpty())
        Q_EMIT connectionChanged(connected, problem);
}

} // namespace tricoach::account
