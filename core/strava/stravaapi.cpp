#include "core/strava/stravaapi.h"

#include "core/strava/activitymapping.h"
#include "core/strava/errors.h"
#include "core/util/datetime.h"

#include <QJsonDocument>
#include <QLocale>

namespace tricoach::strava {

namespace {

QDateTime serverTime(const HttpReply& reply)
{
    const QByteArray date = reply.header("Date");
    if (date.isEmpty())
        return {};
    // RFC 7231 IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
    QDateTime t =
        QLocale::c().toDateTime(QString::fromLatin1(date).trimmed(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!t.isValid())
        return {};
    return utcDateTime(t.date(), t.time());
}

} // namespace

StravaApi::StravaApi(StravaEndpoints endpoints, HttpClient& http, StravaAccess& tokens, RateBudget& budget,
                     SyncClock& clock, const std::atomic<bool>* cancel)
    : m_endpoints(std::move(endpoints))
    , m_http(http)
    , m_tokens(tokens)
    , m_budget(budget)
    , m_clock(clock)
    , m_cancel(cancel)
{
}

Result<QJsonValue> StravaApi::get(const QString& path, const QUrlQuery& query, const QString& what)
{
    m_rateStop.reset();
    auto token = m_tokens.accessToken();
    if (!token)
        return token.error();
    bool renewed = false;
    int delayMs = 1000;
    for (int attempt = 1;; ++attempt) {
        if (m_cancel && m_cancel->load())
            return makeError(QStringLiteral("Cancelled."), code::kCancelled);
        const QDateTime now = m_clock.now();
        const QDateTime next = m_budget.nextReadAt(now);
        if (next > now) {
            m_rateStop = RateStop{next};
            return makeError(QStringLiteral("Strava's rate limit for this application is used up until %1.")
                                 .arg(next.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))),
                             code::kRateLimited);
        }
        QUrl url = m_endpoints.apiUrl(path);
        url.setQuery(query);
        m_budget.countRead(now);
        ++m_requests;
        const HttpReply reply = m_http.get(url, {{"Authorization", "Bearer " + token->toUtf8()}});
        m_clock.observeServerTime(serverTime(reply));
        if (!reply.transportFailed())
            m_budget.observe(rateReportFromHeaders(reply.headers), m_clock.now());
        if (reply.cancelled)
            return makeError(QStringLiteral("Cancelled."), code::kCancelled);
        if (reply.status == 200) {
            QJsonParseError parse{};
            const QJsonDocument doc = QJsonDocument::fromJson(reply.body, &parse);
            if (parse.error == QJsonParseError::NoError)
                return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
            // A body cut short without a Content-Length: the same as a dropped connection.
            if (attempt >= kAttempts)
                return makeError(QStringLiteral("Could not %1: Strava's answer was not valid JSON (%2).")
                                     .arg(what, parse.errorString()),
                                 code::kMalformed);
        } else if (reply.status == 401 && !renewed && !stravaErrorMentions(reply.body, QStringLiteral("permission"))) {
            renewed = true;
            token = m_tokens.renewRejected();
            if (!token)
                return token.error();
            continue;
        } else if (reply.status == 429) {
            ++m_429s;
            m_budget.markExhausted(m_clock.now());
            m_rateStop = RateStop{m_budget.nextReadAt(m_clock.now())};
            return errorFromReply(reply, what);
        } else if (!isTransient(reply) || attempt >= kAttempts) {
            return errorFromReply(reply, what);
        }
        // Jittered exponential back-off, so that many clients recovering from one outage do not return together.
        std::uniform_int_distribution<int> jitter(0, delayMs / 2);
        if (!m_clock.sleepFor(delayMs + jitter(m_jitter), m_cancel))
            return makeError(QStringLiteral("Cancelled."), code::kCancelled);
        delayMs = std::min(delayMs * 2, 60'000);
    }
}

Result<QJsonObject> StravaApi::athlete()
{
    auto v = get(QStringLiteral("/athlete"), {}, QStringLiteral("read your Strava profile"));
    if (!v)
        return v.error();
    return v->toObject();
}

Result<QJsonArray> StravaApi::activities(int page, int perPage, std::optional<qint64> afterEpoch)
{
    QUrlQuery q;
    if (afterEpoch)
        q.addQueryItem(QStringLiteral("after"), QString::number(*afterEpoch));
    q.addQueryItem(QStringLiteral("page"), QString::number(page));
    q.addQueryItem(QStringLiteral("per_page"), QString::number(perPage));
    auto v = get(QStringLiteral("/athlete/activities"), q, QStringLiteral("list your Strava activities"));
    if (!v)
        return v.error();
    if (!v->isArray())
        return makeError(QStringLiteral("Strava's activity list is not a list."), code::kMalformed);
    return v->toArray();
}

Result<QJsonObject> StravaApi::activity(std::int64_t activityId)
{
    auto v = get(QStringLiteral("/activities/%1").arg(activityId), {},
                 QStringLiteral("read Strava activity %1").arg(activityId));
    if (!v)
        return v.error();
    if (!v->isObject())
        return makeError(QStringLiteral("Strava's activity %1 is not an object.").arg(activityId), code::kMalformed);
    return v->toObject();
}

Result<QJsonValue> StravaApi::streams(std::int64_t activityId)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("keys"), streamKeys());
    q.addQueryItem(QStringLiteral("key_by_type"), QStringLiteral("true"));
    return get(QStringLiteral("/activities/%1/streams").arg(activityId), q,
               QStringLiteral("read the recording of Strava activity %1").arg(activityId));
}

} // namespace tricoach::strava
