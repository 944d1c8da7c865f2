#pragma once
// Listens to the signed-in account's server-sent events (GET /v1/events/stream) and says when events are waiting.
// Only a wake-up, as on the server: the events themselves are read by TriCoachAccount::catchUp from the cursor kept
// in the store, so a dropped stream, a restart or a missed frame never loses one. Reconnects with a growing pause;
// a stream silent for longer than the silence limit (the server sends a heartbeat every 15 s) is taken for dropped,
// as a proxy may stop forwarding without closing. Lives on the thread that owns it (the main thread).

#include "core/util/result.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <functional>

class QNetworkReply;

namespace tricoach::account {

class AccountEvents : public QObject {
    Q_OBJECT
public:
    // `token` gives a valid access token of the session (AccountClient::accessToken).
    using TokenSource = std::function<Result<QString>()>;
    AccountEvents(QUrl server, TokenSource token, QObject* parent = nullptr);
    ~AccountEvents() override;

    void start();
    void stop();
    bool isConnected() const { return m_connected; }
    void setSilenceLimit(int ms) { m_silence.setInterval(ms); }
    void setRetryPause(int firstMs, int maxMs);

Q_SIGNALS:
    // An event arrived, or the stream (re)connected and events may have come meanwhile: catch up.
    void eventsWaiting();
    void connectionChanged(bool connected, const QString& problem);
    // The session ended (401 with a fresh token): the stream stops until the athlete signs in again.
    void signedOut(const QString& message);

private:
    void connectNow();
    void onReadyRead();
    void onFinished();
    void scheduleRetry(const QString& problem);
    void setConnected(bool connected, const QString& problem);

    QUrl m_server;
    TokenSource m_token;
    QNetworkAccessManager m_network;
    QNetworkReply* m_reply = nullptr; // the open stream; cleared when it finishes
    QByteArray m_buffer;
    bool m_running = false;
    bool m_connected = false;
    bool m_frameHasData = false;
    int m_unauthorized = 0;
    int m_firstPauseMs = 1000, m_maxPauseMs = 30'000, m_pauseMs = 1000;
    QTimer m_retry;
    QTimer m_silence;
    QTimer m_wake; // several frames in one read wake the catch-up once
};

} // namespace tricoach::account
