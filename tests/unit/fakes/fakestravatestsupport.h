#pragma once
// A synchronous HTTP client over a real QNetworkAccessManager for the FakeStrava tests, and small helpers.

#include "tests/fakes/fakestrava.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>

#include <gtest/gtest.h>

namespace tricoach::fakes::testing {

struct Reply {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
    QByteArray header(const QByteArray& name) const { return headers.value(name); }
};

class Http {
public:
    Reply get(const QUrl& url, const QString& token = {}) { return send("GET", url, token, {}, {}); }
    Reply postForm(const QUrl& url, const QUrlQuery& form, const QString& token = {})
    {
        return send("POST", url, token, form.query(QUrl::FullyEncoded).toLatin1(), "application/x-www-form-urlencoded");
    }
    Reply postJson(const QUrl& url, const QJsonObject& body)
    {
        return send("POST", url, {}, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json");
    }
    Reply send(const QByteArray& verb, const QUrl& url, const QString& token, const QByteArray& body,
               const QByteArray& contentType, const QList<QPair<QByteArray, QByteArray>>& extra = {})
    {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        request.setTransferTimeout(15000);
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
        if (!contentType.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        for (const auto& [name, value] : extra)
            request.setRawHeader(name, value);
        QNetworkReply* reply = m_nam.sendCustomRequest(request, verb, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        Reply out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.error = reply->error();
        out.body = reply->readAll();
        for (const auto& [name, value] : reply->rawHeaderPairs())
            out.headers.insert(name.toLower(), value);
        reply->deleteLater();
        return out;
    }

private:
    QNetworkAccessManager m_nam;
};

inline QUrl withQuery(QUrl url, const QList<QPair<QString, QString>>& items)
{
    QUrlQuery query(url);
    for (const auto& [key, value] : items)
        query.addQueryItem(key, value);
    url.setQuery(query);
    return url;
}

inline QUrl apiUrl(const FakeStrava& strava, const QString& path, const QList<QPair<QString, QString>>& query = {})
{
    QUrl url = strava.apiBase();
    url.setPath(url.path() + path);
    return withQuery(url, query);
}

inline QUrl oauthUrl(const FakeStrava& strava, const QString& path)
{
    QUrl url = strava.oauthBase();
    url.setPath(path);
    return url;
}

// Lets the event loop run for `ms` real milliseconds.
inline void waitMs(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// A FakeStrava with one app and one seeded athlete, started.
struct StravaFixture : ::testing::Test {
    static constexpr qint64 kAthlete = 28476120;
    FakeStrava strava;
    Http http;
    void SetUp() override
    {
        ASSERT_TRUE(strava.start());
        strava.addApp(QStringLiteral("54321"), QStringLiteral("s3cret"));
        strava.addAthlete(kAthlete, QStringLiteral("Anna"), QStringLiteral("Berg"));
        strava.setSignedInAthlete(kAthlete);
    }
    FakeStrava::TokenSet tokens(const QStringList& scopes = {QStringLiteral("activity:read_all")})
    {
        return strava.grant(QStringLiteral("54321"), kAthlete, scopes);
    }
};

} // namespace tricoach::fakes::testing
