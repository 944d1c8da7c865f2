#pragma once
// Blocking HTTP for the Strava sync and login: each call runs its own event loop, so it works on the sync's worker
// thread and in the CLI alike. One client per thread (it owns a QNetworkAccessManager, which is bound to the thread
// that created it).

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>
#include <QUrl>

#include <atomic>
#include <memory>

namespace tricoach::strava {

struct HttpReply {
    int status = 0; // 0 when no answer came (see `networkError`)
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString networkError; // the connection failed, was reset or the body came short; empty otherwise
    bool cancelled = false;

    QByteArray header(const char* name) const; // case-insensitive; empty when absent
    bool transportFailed() const { return status == 0; }
};

class HttpClient {
public:
    // `cancel`, when set by another thread, aborts the request in flight within ~50 ms. A request that receives
    // nothing for `timeoutMs` fails.
    explicit HttpClient(const std::atomic<bool>* cancel = nullptr, int timeoutMs = 60'000);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    HttpReply get(const QUrl& url, const QList<QPair<QByteArray, QByteArray>>& headers = {});
    HttpReply post(const QUrl& url, const QByteArray& body, const QByteArray& contentType,
                   const QList<QPair<QByteArray, QByteArray>>& headers = {});
    HttpReply del(const QUrl& url, const QList<QPair<QByteArray, QByteArray>>& headers = {});
    int requestCount() const { return m_requests; }

private:
    HttpReply run(const QByteArray& verb, const QUrl& url, const QByteArray& body, const QByteArray& contentType,
                  const QList<QPair<QByteArray, QByteArray>>& headers);

    std::unique_ptr<QNetworkAccessManager> m_manager;
    const std::atomic<bool>* m_cancel = nullptr;
    int m_timeoutMs = 60'000;
    int m_requests = 0;
};

// A URL with `path` appended to `base`'s path (which may carry a prefix such as /api/v3).
QUrl joinUrl(const QUrl& base, const QString& path);

} // namespace tricoach::strava
