#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace tricoach::sync {

// The server's Prometheus metrics, rendered in the text exposition format 0.0.4 at /metrics. Thread-safe; a
// request's observation takes one short lock.
class Metrics {
public:
    Metrics();

    // HTTP: tricoach_http_requests_total{route,method,status} and tricoach_http_request_duration_seconds{route}.
    // route is the matched pattern ("/v1/sessions/{id}"), never the raw path, so the label set stays small.
    void observeRequest(std::string_view route, std::string_view method, int status, double seconds);

    // tricoach_http_rate_limited_total{route,scope}: requests answered 429; scope is address, sign-in or user.
    void rateLimited(std::string_view route, std::string_view scope);

    void webhookEventReceived(std::string_view outcome); // "stored", "duplicate", "rejected"
    void eventsDelivered(long count);
    void observeEventLag(double seconds); // from Strava's event_time (or our receipt) to a desktop's stream
    void sseClientsChanged(int delta);

    // A value read when /metrics is asked (the database pool's size and use, say).
    void addGauge(std::string name, std::string help, std::function<double()> read);

    std::string render() const;

private:
    struct Histogram {
        std::vector<double> bounds;
        std::vector<unsigned long> counts; // per bound, not cumulative; the last is +Inf
        double sum = 0;
        unsigned long count = 0;
        void observe(double v);
    };
    struct Gauge {
        std::string name;
        std::string help;
        std::function<double()> read;
    };

    mutable std::mutex m_mutex;
    std::map<std::string, unsigned long> m_requests;      // rendered label set -> count
    std::map<std::string, Histogram> m_durations;         // route -> histogram
    std::map<std::string, unsigned long> m_webhookEvents; // outcome -> count
    std::map<std::string, unsigned long> m_rateLimited;   // rendered label set -> count
    unsigned long m_delivered = 0;
    Histogram m_eventLag;
    std::atomic<int> m_sseClients{0};
    std::vector<Gauge> m_gauges;
};

// A label value escaped as the text format asks (backslash, double quote, newline).
std::string prometheusEscape(std::string_view value);

} // namespace tricoach::sync
