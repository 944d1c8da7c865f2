#pragma once
// The Strava emulator as its own process (build/…/tests/fake_strava), a minimal "browser" that presses the
// buttons of its authorize page over HTTP, and the environment that points tricoach-cli at it: for the end-to-end
// tests of `tricoach-cli strava`.

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QUrlQuery>

#include <gtest/gtest.h>

namespace tricoach::test {

inline const QString kFakeClientId = QStringLiteral("777");
inline const QString kFakeClientSecret = QStringLiteral("e2e-secret");

class StravaProcess {
public:
    // Starts fake_strava with `athletes` athletes of `activities` activities each; extra options appended.
    bool start(int athletes, int activities, const QStringList& extra = {})
    {
        m_process.start(QStringLiteral(FAKE_STRAVA_PATH),
                        QStringList{QStringLiteral("--athletes"), QString::number(athletes),
                                    QStringLiteral("--activities"), QString::number(activities),
                                    QStringLiteral("--client-id"), kFakeClientId, QStringLiteral("--client-secret"),
                                    kFakeClientSecret, QStringLiteral("--seed"), QStringLiteral("21")} +
                            extra);
        if (!m_process.waitForStarted(10000))
            return false;
        while (!m_process.canReadLine()) {
            if (!m_process.waitForReadyRead(20000))
                return false;
        }
        const QJsonObject hello = QJsonDocument::fromJson(m_process.readLine()).object();
        m_api = QUrl(hello.value(QStringLiteral("api_base")).toString());
        m_oauth = QUrl(hello.value(QStringLiteral("oauth_base")).toString());
        for (const QJsonValue& v : hello.value(QStringLiteral("athletes")).toArray())
            m_athletes << v.toInteger();
        return m_api.isValid() && !m_athletes.isEmpty();
    }
    ~StravaProcess()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
    }

    const QList<qint64>& athletes() const { return m_athletes; }
    QUrl oauthBase() const { return m_oauth; }

    // The CLI's environment: the emulator's addresses and the app's credentials.
    QProcessEnvironment environment() const
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("TRICOACH_STRAVA_API_BASE"), m_api.toString());
        env.insert(QStringLiteral("TRICOACH_STRAVA_OAUTH_BASE"), m_oauth.toString());
        env.insert(QStringLiteral("TRICOACH_STRAVA_CLIENT_ID"), kFakeClientId);
        env.insert(QStringLiteral("TRICOACH_STRAVA_CLIENT_SECRET"), kFakeClientSecret);
        return env;
    }

    // A JSON call of the control API (/_emulator/...).
    QJsonValue control(const QByteArray& verb, const QString& path, const QJsonObject& body = {})
    {
        QUrl url = m_oauth;
        const qsizetype q = path.indexOf(QLatin1Char('?'));
        url.setPath(QStringLiteral("/_emulator/") + (q < 0 ? path : path.left(q)));
        if (q >= 0)
            url.setQuery(path.mid(q + 1));
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        const QByteArray bytes = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
        const QByteArray answer = send(m_nam.sendCustomRequest(request, verb, bytes));
        const QJsonDocument doc = QJsonDocument::fromJson(answer);
        return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    }

    // The browser on Strava's authorize page: ticks every box except `unticked`, presses Authorize (or Cancel) and
    // follows the redirect to the app's loopback listener. Returns the loopback page's text.
    QString pressOnAuthorizePage(const QUrl& authorizeUrl, bool approve = true, const QStringList& unticked = {})
    {
        QNetworkRequest pageRequest(authorizeUrl);
        const QString html = QString::fromUtf8(send(m_nam.get(pageRequest)));
        const auto action = QRegularExpression(QStringLiteral("<form method=\"post\" action=\"([^\"]+)\"")).match(html);
        const auto requestId = QRegularExpression(QStringLiteral("name=\"request_id\" value=\"([^\"]+)\"")).match(html);
        if (!action.hasMatch() || !requestId.hasMatch()) {
            ADD_FAILURE() << "no authorize form on the page:\n" << html.toStdString();
            return {};
        }
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("request_id"), requestId.captured(1));
        form.addQueryItem(QStringLiteral("decision"), approve ? QStringLiteral("authorize") : QStringLiteral("cancel"));
        auto boxes = QRegularExpression(QStringLiteral("name=\"scope\" value=\"([^\"]+)\"")).globalMatch(html);
        while (boxes.hasNext()) {
            const QString scope = boxes.next().captured(1);
            if (!unticked.contains(scope))
                form.addQueryItem(QStringLiteral("scope"), scope);
        }
        QString target = action.captured(1);
        target.replace(QStringLiteral("&amp;"), QStringLiteral("&"));
        QNetworkRequest post(authorizeUrl.resolved(QUrl(target)));
        post.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
        post.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply* reply = m_nam.post(post, form.toString(QUrl::FullyEncoded).toUtf8());
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const QUrl redirect = QUrl(QString::fromUtf8(reply->rawHeader("Location")));
        reply->deleteLater();
        if (!redirect.isValid() || redirect.isEmpty()) {
            ADD_FAILURE() << "Authorize did not redirect";
            return {};
        }
        return QString::fromUtf8(send(m_nam.get(QNetworkRequest(redirect))));
    }

private:
    QByteArray send(QNetworkReply* reply)
    {
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        return body;
    }

    QProcess m_process;
    QUrl m_api, m_oauth;
    QList<qint64> m_athletes;
    QNetworkAccessManager m_nam;
};

} // namespace tricoach::test
