#include "core/strava/login.h"

#include "core/strava/errors.h"

#include <QEventLoop>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>

namespace tricoach::strava {

// activity:read as well as activity:read_all: an athlete who unticks private activities on Strava's page still
// grants the others.
QStringList requestedScopes()
{
    return {QStringLiteral("read"), QStringLiteral("activity:read"), QStringLiteral("activity:read_all")};
}

namespace {

QByteArray page(const QString& title, const QString& text)
{
    return QStringLiteral("<!doctype html><html><head><meta charset=\"utf-8\"><title>TriCoach</title></head>"
                          "<body style=\"font-family:sans-serif;max-width:36em;margin:4em auto\"><h1>%1</h1><p>%2</p>"
                          "</body></html>")
        .arg(title.toHtmlEscaped(), text.toHtmlEscaped())
        .toUtf8();
}

void answer(QTcpSocket* socket, int status, const QByteArray& body)
{
    const QByteArray reason = status == 200 ? "OK" : "Not Found";
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                  "\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n"
                  "Content-Length: " +
                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
    socket->disconnectFromHost();
}

} // namespace

LoopbackRedirect::LoopbackRedirect(QString service)
    : m_service(std::move(service))
{
    QObject::connect(&m_server, &QTcpServer::newConnection, this, &LoopbackRedirect::onConnection);
}

LoopbackRedirect::~LoopbackRedirect() = default;

bool LoopbackRedirect::listen(QString* error)
{
    // The loopback address explicitly: a port-only listen would accept connections from the whole network.
    if (m_server.listen(QHostAddress::LocalHost, 0))
        return true;
    if (error)
        *error = m_server.errorString();
    return false;
}

QUrl LoopbackRedirect::redirectUri() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/callback").arg(m_server.serverPort()));
}

void LoopbackRedirect::onConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            // Only the request line matters; a browser's request fits in its first packet, but wait for it whole.
            if (!socket->canReadLine()) {
                if (socket->bytesAvailable() > 16 * 1024)
                    socket->abort();
                return;
            }
            const QList<QByteArray> line = socket->readLine(16 * 1024).trimmed().split(' ');
            const QUrl target(QString::fromLatin1(line.value(1)));
            if (line.value(0) != "GET" || target.path() != QLatin1String("/callback")) {
                answer(socket, 404,
                       page(QStringLiteral("Not found"),
                            QStringLiteral("This address only receives the sign-in to %1.").arg(m_service)));
                return;
            }
            const QUrlQuery query(target);
            if (m_received) {
                answer(socket, 200,
                       page(QStringLiteral("Already done"),
                            QStringLiteral("TriCoach has already received this sign-in. You can close "
                                           "this tab.")));
                return;
            }
            m_received = query;
            if (query.hasQueryItem(QStringLiteral("error")))
                answer(socket, 200,
                       page(QStringLiteral("Not signed in"),
                            QStringLiteral("The sign-in to %1 did not complete: access was denied. You can close "
                                           "this tab and return to TriCoach.")
                                .arg(m_service)));
            else
                answer(socket, 200,
                       page(QStringLiteral("Connected"),
                            QStringLiteral("TriCoach received the sign-in. You can close this tab and "
                                           "return to TriCoach.")));
            Q_EMIT redirected();
        });
    }
}

bool waitForRedirect(LoopbackRedirect& redirect, int timeoutMs, const std::atomic<bool>* cancel)
{
    if (!redirect.received()) {
        QEventLoop loop;
        QObject::connect(&redirect, &LoopbackRedirect::redirected, &loop, &QEventLoop::quit);
        QTimer timeout;
        timeout.setSingleShot(true);
        QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
        timeout.start(timeoutMs);
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (cancel && cancel->load())
                loop.quit();
        });
        poll.start(50);
        loop.exec();
    }
    return redirect.received().has_value();
}

StravaLogin::StravaLogin(TokenBroker& broker, StravaEndpoints endpoints, bool askAgain)
    : m_broker(broker)
    , m_endpoints(std::move(endpoints))
    , m_askAgain(askAgain)
{
}

Result<QUrl> StravaLogin::start()
{
    m_redirect = std::make_unique<LoopbackRedirect>();
    QString error;
    if (!m_redirect->listen(&error))
        return makeError(QStringLiteral("Could not listen for Strava's answer on 127.0.0.1: %1").arg(error),
                         code::kUnavailable);
    // 128 random bits: a redirect that does not carry them was not started by us.
    m_state = QString::number(QRandomGenerator::system()->generate64(), 36) +
              QString::number(QRandomGenerator::system()->generate64(), 36);
    QUrl url = m_endpoints.authorizeUrl();
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("client_id"), m_broker.clientId());
    q.addQueryItem(QStringLiteral("redirect_uri"), m_redirect->redirectUri().toString());
    q.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    // "force" shows the page again when the athlete connects anew to grant what they unticked.
    q.addQueryItem(QStringLiteral("approval_prompt"), m_askAgain ? QStringLiteral("force") : QStringLiteral("auto"));
    q.addQueryItem(QStringLiteral("scope"), requestedScopes().join(QLatin1Char(',')));
    q.addQueryItem(QStringLiteral("state"), m_state);
    url.setQuery(q);
    return url;
}

Result<LoginOutcome> StravaLogin::wait(int timeoutMs, const std::atomic<bool>* cancel)
{
    if (!m_redirect)
        return makeError(QStringLiteral("The sign-in was not started."), code::kRequest);
    waitForRedirect(*m_redirect, timeoutMs, cancel);
    if (!m_redirect->received()) {
        if (cancel && cancel->load())
            return makeError(QStringLiteral("The Strava sign-in was cancelled; nothing was stored."), code::kCancelled);
        return makeError(QStringLiteral("No answer from Strava's sign-in page within %1 minutes (was the browser "
                                        "closed?). Nothing was stored; connect again to retry.")
                             .arg(timeoutMs / 60000.0, 0, 'g', 2),
                         code::kTimeout);
    }
    return finish(*m_redirect->received());
}

Result<LoginOutcome> StravaLogin::finish(const QUrlQuery& query)
{
    if (query.queryItemValue(QStringLiteral("state")) != m_state)
        return makeError(QStringLiteral("Strava's answer did not belong to this sign-in (its state did not match); "
                                        "nothing was stored. Connect again."),
                         code::kRequest);
    const QString error = query.queryItemValue(QStringLiteral("error"));
    if (error == QLatin1String("access_denied"))
        return makeError(QStringLiteral("Strava access was denied on Strava's page (Cancel was pressed); nothing "
                                        "was stored."),
                         code::kDenied);
    if (!error.isEmpty())
        return makeError(QStringLiteral("Strava's sign-in failed: %1; nothing was stored.").arg(error), code::kRequest);
    const QString codeValue = query.queryItemValue(QStringLiteral("code"));
    if (codeValue.isEmpty())
        return makeError(QStringLiteral("Strava's answer carried no authorization code; nothing was stored."),
                         code::kRequest);
    const QStringList granted = scopesFromText(query.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded));
    StravaTokens probe;
    probe.scopes = granted;
    if (!probe.canReadActivities())
        return makeError(QStringLiteral("TriCoach was not allowed to read your activities: \"View data about your "
                                        "activities\" was unticked on Strava's page. Nothing was stored; connect "
                                        "again and leave it ticked."),
                         code::kScope);
    auto tokens = m_broker.exchangeCode(codeValue, granted);
    if (!tokens)
        return tokens.error();
    LoginOutcome out;
    out.tokens = *tokens;
    if (!granted.contains(QStringLiteral("activity:read_all")))
        out.missingScopes << QStringLiteral("activity:read_all");
    return out;
}

} // namespace tricoach::strava
