#pragma once
// The Strava API calls the sync makes, each planned within the rate budget: a call that would exceed it is not made
// (strava.rate-limited with the time the budget allows it); a 401 renews the token once; a dropped connection or a
// 5xx is retried with jittered back-off; a 429 marks the window spent; other 4xx fail at once. Runs on the calling
// thread (see HttpClient).

#include "core/strava/clock.h"
#include "core/strava/endpoints.h"
#include "core/strava/httpclient.h"
#include "core/strava/ratelimit.h"
#include "core/strava/tokenkeeper.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

#include <optional>
#include <random>

namespace tricoach::strava {

// A rate-limit stop: when the next call fits.
struct RateStop {
    QDateTime resumeAt;
};

class StravaApi {
public:
    StravaApi(StravaEndpoints endpoints, HttpClient& http, StravaAccess& tokens, RateBudget& budget, SyncClock& clock,
              const std::atomic<bool>* cancel = nullptr);

    Result<QJsonObject> athlete();
    // One page of /athlete/activities, newest first (oldest first when `after` is given, as Strava sends it).
    Result<QJsonArray> activities(int page, int perPage, std::optional<qint64> afterEpoch = {});
    // /activities/{id}: one activity (DetailedActivity, a superset of the list's SummaryActivity).
    Result<QJsonObject> activity(std::int64_t activityId);
    // /activities/{id}/streams keyed by type.
    Result<QJsonValue> streams(std::int64_t activityId);

    // When the last call was refused by the rate budget or a 429.
    const std::optional<RateStop>& rateStop() const { return m_rateStop; }
    int requests() const { return m_requests; }
    int rateLimitedAnswers() const { return m_429s; }
    // Retries after a dropped connection or a 5xx before giving up on one call.
    static constexpr int kAttempts = 6;

private:
    Result<QJsonValue> get(const QString& path, const QUrlQuery& query, const QString& what);

    StravaEndpoints m_endpoints;
    HttpClient& m_http;
    StravaAccess& m_tokens;
    RateBudget& m_budget;
    SyncClock& m_clock;
    const std::atomic<bool>* m_cancel;
    std::optional<RateStop> m_rateStop;
    std::mt19937 m_jitter{std::random_device{}()};
    int m_requests = 0;
    int m_429s = 0;
};

} // namespace tricoach::strava
