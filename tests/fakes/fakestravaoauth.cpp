// Strava's OAuth as developers.strava.com/docs/authentication describes it: the authorize page, the token
// exchange and refresh, deauthorize; plus RFC 7009 revocation.

#include "tests/fakes/fakestravastate.h"

#include <QJsonDocument>

#include <algorithm>

namespace tricoach::fakes::strava {

namespace {

const QStringList kKnownScopes{
    QStringLiteral("read"),          QStringLiteral("read_all"),      QStringLiteral("profile:read_all"),
    QStringLiteral("profile:write"), QStringLiteral("activity:read"), QStringLiteral("activity:read_all"),
    QStringLiteral("activity:write")};

QString describe(const QString& scope)
{
    if (scope == QStringLiteral("read"))
        return QStringLiteral("View data about your public profile and segments");
    if (scope == QStringLiteral("read_all"))
        return QStringLiteral("View data about your private routes, segments and events");
    if (scope == QStringLiteral("profile:read_all"))
        return QStringLiteral("View your complete Strava profile");
    if (scope == QStringLiteral("profile:write"))
        return QStringLiteral("Update your weight and Functional Threshold Power (FTP)");
    if (scope == QStringLiteral("activity:read"))
        return QStringLiteral("View data about your activities");
    if (scope == QStringLiteral("activity:read_all"))
        return QStringLiteral("View data about your private activities");
    return QStringLiteral("Upload your activities from the app to Strava");
}

// Strava documents the scope list as comma-delimited: "read activity:read" (OAuth's usual space) is one unknown
// scope and the request is refused, as it would be by Strava.
QStringList splitScopes(const QString& text)
{
    QStringList out;
    for (const QString& scope : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!out.contains(scope))
            out << scope;
    return out;
}

QString joinScopes(QStringList scopes)
{
    // In the order Strava lists them, read first.
    QStringList ordered;
    for (const QString& known : kKnownScopes)
        if (scopes.contains(known))
            ordered << known;
    return ordered.join(QLatin1Char(','));
}

struct AuthorizeCheck {
    std::optional<HttpResponse> error;
    PendingAuthorization pending;
    bool alreadyAuthorized = false;
};

AuthorizeCheck checkAuthorize(State& s, const QUrlQuery& q)
{
    AuthorizeCheck check;
    auto bad = [&](const QString& resource, const QString& field) {
        check.error = stravaError(400, QStringLiteral("Bad Request"), resource, field, QStringLiteral("invalid"));
        return check;
    };
    const QString clientId = q.queryItemValue(QStringLiteral("client_id"), QUrl::FullyDecoded);
    if (!s.apps.contains(clientId))
        return bad(QStringLiteral("Application"), QStringLiteral("client_id"));
    const App& app = s.apps[clientId];
    const QString redirect = q.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded);
    const QUrl redirectUrl(redirect);
    const QString host = redirectUrl.host();
    const bool allowedHost = host == QStringLiteral("localhost") || host == QStringLiteral("127.0.0.1") ||
                             (!app.callbackDomain.isEmpty() &&
                              (host == app.callbackDomain || host.endsWith(QLatin1Char('.') + app.callbackDomain)));
    if (!redirectUrl.isValid() || redirectUrl.scheme().isEmpty() || !allowedHost)
        return bad(QStringLiteral("Application"), QStringLiteral("redirect_uri"));
    if (q.queryItemValue(QStringLiteral("response_type")) != QStringLiteral("code"))
        return bad(QStringLiteral("Authorize"), QStringLiteral("response_type"));
    QStringList scopes = splitScopes(q.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded));
    for (const QString& scope : scopes)
        if (!kKnownScopes.contains(scope))
            return bad(QStringLiteral("Authorize"), QStringLiteral("scope"));
    if (!scopes.contains(QStringLiteral("read")))
        scopes.prepend(QStringLiteral("read"));
    if (!s.athletes.contains(s.signedIn))
        return bad(QStringLiteral("Athlete"), QStringLiteral("session"));
    check.pending = {
        clientId, redirect,   q.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded),
        scopes,   s.signedIn, q.queryItemValue(QStringLiteral("approval_prompt")) == QStringLiteral("force")};
    // approval_prompt=auto (the default) skips the page when the athlete already granted all of it.
    const QStringList granted = app.connected.value(s.signedIn);
    check.alreadyAuthorized =
        !check.pending.force && app.connected.contains(s.signedIn) &&
        std::all_of(scopes.begin(), scopes.end(), [&](const QString& scope) { return granted.contains(scope); });
    return check;
}

// Strava refuses a new athlete beyond the app's capacity when they press Authorize (and again at the token
// exchange), with "Error 403: Limit of connected athletes exceeded".
bool overCap(const State& s, const QString& clientId, qint64 athleteId)
{
    const App& app = s.apps[clientId];
    return s.athleteCap >= 0 && !app.connected.contains(athleteId) && app.connected.size() >= s.athleteCap;
}

HttpResponse capPage()
{
    return HttpResponse::html(403, "<!DOCTYPE html><html><head><title>Strava</title></head><body><h1>Error 403: Limit "
                                   "of connected athletes exceeded</h1><p>This app has exceeded the limit of connected "
                                   "athletes. If you are a developer of this application, please contact Strava "
                                   "developer support for how to request a quota increase.</p></body></html>");
}

QUrl decide(State& s, const PendingAuthorization& p, bool approve, const QStringList& ticked)
{
    QUrl url(p.redirectUri);
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("state"), QString::fromLatin1(QUrl::toPercentEncoding(p.state)));
    if (!approve) {
        query.addQueryItem(QStringLiteral("error"), QStringLiteral("access_denied"));
    } else {
        QStringList granted{QStringLiteral("read")};
        for (const QString& scope : p.requested)
            if (ticked.contains(scope) && !granted.contains(scope))
                granted << scope;
        const QString code = s.newToken();
        s.codes.insert(code, {p.clientId, p.athleteId, granted, s.now().addSecs(kCodeSeconds), false});
        query.addQueryItem(QStringLiteral("code"), code);
        query.addQueryItem(QStringLiteral("scope"), joinScopes(granted));
    }
    url.setQuery(query);
    return url;
}

QByteArray authorizePage(const State& s, const QString& action, const QString& requestId, const PendingAuthorization& p)
{
    const Athlete& athlete = s.athletes[p.athleteId];
    QString html = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Authorize | Strava</title>"
                                  "</head><body><h1>Authorize %1 to connect to Strava</h1>"
                                  "<p>Signed in as <span id=\"athlete\">%2 %3</span></p>"
                                  "<form method=\"post\" action=\"%4\">"
                                  "<input type=\"hidden\" name=\"request_id\" value=\"%5\">")
                       .arg(p.clientId.toHtmlEscaped(), athlete.firstname.toHtmlEscaped(),
                            athlete.lastname.toHtmlEscaped(), action.toHtmlEscaped(), requestId);
    for (const QString& scope : p.requested) {
        // read is always granted: its box is ticked and cannot be cleared.
        const QString extra =
            scope == QStringLiteral("read") ? QStringLiteral(" checked disabled") : QStringLiteral(" checked");
        html += QStringLiteral("<label><input type=\"checkbox\" name=\"scope\" value=\"%1\"%2> %3</label><br>")
                    .arg(scope, extra, describe(scope));
    }
    html += QStringLiteral("<button type=\"submit\" id=\"authorize\" name=\"decision\" value=\"authorize\">Authorize"
                           "</button> <button type=\"submit\" id=\"cancel\" name=\"decision\" value=\"cancel\">Cancel"
                           "</button></form></body></html>");
    return html.toUtf8();
}

// The parameters of a token request: Strava reads the query string, a form body or a JSON body.
QMap<QString, QString> parameters(const HttpRequest& request)
{
    QMap<QString, QString> out;
    for (const auto& [key, value] : parseForm(request.rawQuery).queryItems(QUrl::FullyDecoded))
        out.insert(key, value);
    const QByteArray body = request.body.trimmed();
    if (body.startsWith('{')) {
        const QJsonObject json = QJsonDocument::fromJson(body).object();
        for (auto it = json.begin(); it != json.end(); ++it)
            out.insert(it.key(),
                       it.value().isString() ? it.value().toString() : QString::number(it.value().toInteger()));
    } else if (!body.isEmpty()) {
        for (const auto& [key, value] : parseForm(body).queryItems(QUrl::FullyDecoded))
            out.insert(key, value);
    }
    return out;
}

QJsonObject tokenJson(const State& s, const QString& access, const QString& refresh)
{
    const QDateTime expires = s.accessTokens[access].expiresAt;
    return {{QStringLiteral("token_type"), QStringLiteral("Bearer")},
            {QStringLiteral("access_token"), access},
            {QStringLiteral("expires_at"), expires.toSecsSinceEpoch()},
            {QStringLiteral("expires_in"), std::max<qint64>(0, s.now().secsTo(expires))},
            {QStringLiteral("refresh_token"), refresh}};
}

QString newAccessToken(State& s, const QString& clientId, qint64 athleteId, const QStringList& scopes)
{
    const QString access = s.newToken();
    s.accessTokens.insert(access, {clientId, athleteId, scopes, s.now().addSecs(kAccessTokenSeconds), false});
    return access;
}

HttpResponse exchange(State& s, const QMap<QString, QString>& p)
{
    const QString code = p.value(QStringLiteral("code"));
    const QString clientId = p.value(QStringLiteral("client_id"));
    auto it = s.codes.find(code);
    if (it == s.codes.end() || it->used || it->clientId != clientId || it->expiresAt < s.now())
        return stravaError(400, QStringLiteral("Bad Request"), QStringLiteral("AuthorizationCode"),
                           QStringLiteral("code"), QStringLiteral("invalid"));
    it->used = true;
    const AuthCode granted = *it;
    if (overCap(s, clientId, granted.athleteId))
        return stravaError(403, QStringLiteral("Forbidden"), QStringLiteral("Athlete"), {},
                           QStringLiteral("limit of connected athletes exceeded"));
    const FakeStrava::TokenSet set = issueTokens(s, clientId, granted.athleteId, granted.scopes);
    QJsonObject body = tokenJson(s, set.accessToken, set.refreshToken);
    body.insert(QStringLiteral("athlete"), summaryAthlete(s.athletes[granted.athleteId]));
    ++s.counters.tokenExchanges;
    return HttpResponse::json(200, compact(body));
}

HttpResponse refresh(State& s, const QMap<QString, QString>& p)
{
    const QString old = p.value(QStringLiteral("refresh_token"));
    auto it = s.refreshTokens.find(old);
    if (it == s.refreshTokens.end() || it->revoked || it->clientId != p.value(QStringLiteral("client_id")))
        return stravaError(400, QStringLiteral("Bad Request"), QStringLiteral("RefreshToken"),
                           QStringLiteral("refresh_token"), QStringLiteral("invalid"));
    ++s.counters.refreshes;
    const AccessToken& current = s.accessTokens[it->accessToken];
    // More than an hour left: Strava hands back the same token.
    if (!current.revoked && s.now().secsTo(current.expiresAt) > kRefreshKeepsTokenSeconds)
        return HttpResponse::json(200, compact(tokenJson(s, it->accessToken, old)));
    const RefreshToken held = *it;
    const QString access = newAccessToken(s, held.clientId, held.athleteId, held.scopes);
    QString next = old;
    if (s.rotateRefreshTokens) {
        it->revoked = true;
        next = s.newToken();
    }
    s.refreshTokens[next] = {held.clientId, held.athleteId, held.scopes, access, false};
    return HttpResponse::json(200, compact(tokenJson(s, access, next)));
}

HttpResponse token(State& s, const HttpRequest& request)
{
    const QMap<QString, QString> p = parameters(request);
    const QString clientId = p.value(QStringLiteral("client_id"));
    if (!s.apps.contains(clientId) || s.apps[clientId].secret != p.value(QStringLiteral("client_secret")))
        return stravaError(401, QStringLiteral("Authorization Error"), QStringLiteral("Application"),
                           QStringLiteral("client_id"), QStringLiteral("invalid"));
    const QString grant = p.value(QStringLiteral("grant_type"));
    if (grant == QStringLiteral("refresh_token"))
        return refresh(s, p);
    if (grant == QStringLiteral("authorization_code") || (grant.isEmpty() && p.contains(QStringLiteral("code"))))
        return exchange(s, p);
    return stravaError(400, QStringLiteral("Bad Request"), QStringLiteral("Application"), QStringLiteral("grant_type"),
                       QStringLiteral("invalid"));
}

HttpResponse deauthorize(State& s, const HttpRequest& request)
{
    QString presented = parameters(request).value(QStringLiteral("access_token"));
    const QByteArray auth = request.header("authorization");
    if (presented.isEmpty() && auth.toLower().startsWith("bearer "))
        presented = QString::fromLatin1(auth.mid(7).trimmed());
    const auto it = s.accessTokens.constFind(presented);
    if (it == s.accessTokens.cend() || it->revoked || it->expiresAt < s.now())
        return stravaError(401, QStringLiteral("Authorization Error"), QStringLiteral("Athlete"),
                           QStringLiteral("access_token"), QStringLiteral("invalid"));
    const AccessToken held = *it;
    s.revokeGrant(held.clientId, held.athleteId);
    s.revocations.append({QStringLiteral("deauthorize"), held.clientId, held.athleteId, presented, s.now()});
    return HttpResponse::json(200, compact(QJsonObject{{QStringLiteral("access_token"), presented}}));
}

HttpResponse revoke(State& s, const HttpRequest& request)
{
    // RFC 7009: the client authenticates with HTTP Basic (or client_id/client_secret in the body).
    QMap<QString, QString> p = parameters(request);
    const QByteArray auth = request.header("authorization");
    if (auth.toLower().startsWith("basic ")) {
        const QByteArray pair = QByteArray::fromBase64(auth.mid(6).trimmed());
        const qsizetype colon = pair.indexOf(':');
        p.insert(QStringLiteral("client_id"), QUrl::fromPercentEncoding(pair.left(colon)));
        p.insert(QStringLiteral("client_secret"), QUrl::fromPercentEncoding(pair.mid(colon + 1)));
    }
    const QString clientId = p.value(QStringLiteral("client_id"));
    if (!s.apps.contains(clientId) || s.apps[clientId].secret != p.value(QStringLiteral("client_secret")))
        return stravaError(401, QStringLiteral("Authorization Error"), QStringLiteral("Application"),
                           QStringLiteral("client_id"), QStringLiteral("invalid"));
    const QString presented = p.value(QStringLiteral("token"));
    qint64 athleteId = 0;
    if (s.accessTokens.contains(presented) && s.accessTokens[presented].clientId == clientId)
        athleteId = s.accessTokens[presented].athleteId;
    else if (s.refreshTokens.contains(presented) && s.refreshTokens[presented].clientId == clientId)
        athleteId = s.refreshTokens[presented].athleteId;
    // An unknown token is answered 200 too (RFC 7009 section 2.2).
    if (athleteId != 0) {
        s.revokeGrant(clientId, athleteId);
        s.revocations.append({QStringLiteral("revoke"), clientId, athleteId, presented, s.now()});
    }
    return HttpResponse::json(200, "{}");
}

} // namespace

FakeStrava::TokenSet issueTokens(State& s, const QString& clientId, qint64 athleteId, const QStringList& scopes)
{
    QStringList granted{QStringLiteral("read")};
    for (const QString& scope : scopes)
        if (!granted.contains(scope))
            granted << scope;
    const QString access = newAccessToken(s, clientId, athleteId, granted);
    const QString refreshToken = s.newToken();
    s.refreshTokens.insert(refreshToken, {clientId, athleteId, granted, access, false});
    if (s.apps.contains(clientId))
        s.apps[clientId].connected.insert(athleteId, granted);
    return {access, refreshToken, s.accessTokens[access].expiresAt, athleteId};
}

QUrl authorizeDecision(State& s, const QUrl& authorizeUrl, bool approve, const QStringList& untickedScopes)
{
    const AuthorizeCheck check = checkAuthorize(s, parseForm(authorizeUrl.query(QUrl::FullyEncoded).toLatin1()));
    if (check.error || (approve && overCap(s, check.pending.clientId, check.pending.athleteId)))
        return {};
    QStringList ticked = check.pending.requested;
    if (!check.alreadyAuthorized)
        for (const QString& scope : untickedScopes)
            ticked.removeAll(scope);
    return decide(s, check.pending, approve || check.alreadyAuthorized, ticked);
}

HttpResponse handleOAuth(State& s, const HttpRequest& request, const QString& route)
{
    const bool post = request.method == "POST";
    if (route == QStringLiteral("/oauth/authorize") || route == QStringLiteral("/oauth/mobile/authorize")) {
        if (post) {
            // The page's form: which button, which boxes.
            const QUrlQuery form = parseForm(request.body);
            const QString id = form.queryItemValue(QStringLiteral("request_id"));
            if (!s.pending.contains(id))
                return stravaError(400, QStringLiteral("Bad Request"), QStringLiteral("Authorize"),
                                   QStringLiteral("request_id"), QStringLiteral("invalid"));
            const PendingAuthorization p = s.pending.take(id);
            const bool approve = form.queryItemValue(QStringLiteral("decision")) == QStringLiteral("authorize");
            if (approve && overCap(s, p.clientId, p.athleteId))
                return capPage();
            const QStringList ticked = form.allQueryItemValues(QStringLiteral("scope"), QUrl::FullyDecoded);
            return HttpResponse::redirect(decide(s, p, approve, ticked).toEncoded());
        }
        const AuthorizeCheck check = checkAuthorize(s, parseForm(request.rawQuery));
        if (check.error)
            return *check.error;
        if (check.alreadyAuthorized)
            return HttpResponse::redirect(decide(s, check.pending, true, check.pending.requested).toEncoded());
        const QString id = s.newToken();
        s.pending.insert(id, check.pending);
        return HttpResponse::html(200, authorizePage(s, request.path, id, check.pending));
    }
    if (post && route == QStringLiteral("/oauth/token"))
        return token(s, request);
    if (post && route == QStringLiteral("/oauth/deauthorize"))
        return deauthorize(s, request);
    if (post && route == QStringLiteral("/oauth/revoke"))
        return revoke(s, request);
    return stravaError(404, QStringLiteral("Record Not Found"), QStringLiteral("resource"), QStringLiteral("path"),
                       QStringLiteral("invalid"));
}

} // namespace tricoach::fakes::strava
