#include "core/strava/httpclient.h"

#include <QEventLoop>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace tricoach::strava {

QByteArray HttpReply::header(const char* name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpClient::HttpClient(const std::atomic<bool>* cancel, int timeoutMs)
    : m_manager(std::make_unique<QNetworkAccessManager>())
    , m_cancel(cancel)
    , m_timeoutMs(timeoutMs)
{
}

HttpClient::~HttpClient() = default;

HttpReply HttpClient::get(const QUrl& url, const QList<QPair<QByteArray, QByteArray>>& headers)
{
    return run("GET", url, {}, {}, headers);
}

HttpReply HttpClient::post(const QUrl& url, const QByteArray& body, const QByteArray& contentType,
                           const QList<QPair<QByteArray, QByteArray>>& headers)
{
    return run("POST", url, body, contentType, headers);
}

HttpReply HttpClient::del(const QUrl& url, const QList<QPair<QByteArray, QByteArray>>& headers)
{
    return run("DELETE", url, {}, {}, headers);
}

HttpReply HttpClient::run(const QByteArray& verb, const QUrl& url, const QByteArray& body,
                          const QByteArray& contentType, const QList<QPair<QByteArray, QByteArray>>& headers)
{
    HttpReply out;
    if (m_cancel && m_cancel->load()) {
        out.cancelled = true;
        out.networkError = QStringLiteral("cancelled");
        return out;
    }
    ++m_requests;
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    // Strava answers with redirects only on the authorize page, which the browser follows, never the client.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("User-Agent", "TriCoach");
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);

    QNetworkReply* reply = verb == "GET"    ? m_manager->get(request)
                           : verb == "POST" ? m_manager->post(request, body)
                                            : m_manager->sendCustomRequest(request, verb);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer poll;
    poll.setInterval(50);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (m_cancel && m_cancel->load()) {
            out.cancelled = true;
            reply->abort();
        }
    });
    poll.start();
    if (!reply->isFinished())
        loop.exec();
    poll.stop();

    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.headers = reply->rawHeaderPairs();
    const QNetworkReply::NetworkError error = reply->error();
    // An HTTP status is an answer, whatever Qt calls it (400 is a "protocol" error to Qt); a network-layer failure
    // (refused, reset, timed out, a body cut short: codes below 100) is not, whatever status line came before it.
    const bool networkLayer = error != QNetworkReply::NoError && static_cast<int>(error) < 100;
    if (networkLayer || out.status == 0) {
        out.networkError = out.cancelled ? QStringLiteral("cancelled") : reply->errorString();
        out.status = 0;
    }
    if (out.status == 0 && out.networkError.isEmpty())
        out.networkError = reply->errorString();
    const QByteArray length = reply->rawHeader("Content-Length");
    bool ok = false;
    const qint64 promised = length.toLongLong(&ok);
    // (Qt inflates a compressed body itself; its Content-Length counts the compressed bytes.)
    if (out.status != 0 && ok && promised != out.body.size() && reply->rawHeader("Content-Encoding").isEmpty()) {
        out.networkError = QStringLiteral("the answer came %1 of %2 bytes").arg(out.body.size()).arg(promised);
        out.status = 0;
    }
    delete reply;
    return out;
}

QUrl joinUrl(const QUrl& base, const QString& path)
{
    QUrl url = base;
    QString prefix = base.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    url.setPath(prefix + (path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path));
    return url;
}

} // namespace tricoach::strava
