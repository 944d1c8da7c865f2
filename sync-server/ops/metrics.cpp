#include "sync-server/ops/metrics.h"

#include <cmath>
#include <sstream>

namespace tricoach::sync {

namespace {

const std::vector<double> kLatencyBounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
const std::vector<double> kLagBounds = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60};

std::string number(double v)
{
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    std::ostringstream s;
    s.precision(17);
    s << v;
    return s.str();
}

} // namespace

std::string prometheusEscape(std::string_view value)
{
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

void Metrics::Histogram::observe(double v)
{
    size_t i = 0;
    while (i < bounds.size() && v > bounds[i])
        ++i;
    ++counts[i];
    sum += v;
    ++count;
}

Metrics::Metrics()
{
    m_eventLag.bounds = kLagBounds;
    m_eventLag.counts.assign(kLagBounds.size() + 1, 0);
}

void Metrics::observeRequest(std::string_view route, std::string_view method, int status, double seconds)
{
    const std::string labels = "route=\"" + prometheusEscape(route) + "\",method=\"" + prometheusEscape(method) +
                               "\",status=\"" + std::to_string(status) + "\"";
    std::lock_guard lock(m_mutex);
    ++m_requests[labels];
    auto [it, inserted] = m_durations.try_emplace(std::string(route));
    if (inserted) {
        it->second.bounds = kLatencyBounds;
        it->second.counts.assign(kLatencyBounds.size() + 1, 0);
    }
    it->second.observe(seconds);
}

void Metrics::rateLimited(std::string_view route, std::string_view scope)
{
    const std::string labels = "route=\"" + prometheusEscape(route) + "\",scope=\"" + prometheusEscape(scope) + "\"";
    std::lock_guard lock(m_mutex);
    ++m_rateLimited[labels];
}

void Metrics::webhookEventReceived(std::string_view outcome)
{
    std::lock_guard lock(m_mutex);
    ++m_webhookEvents[std::string(outcome)];
}

void Metrics::eventsDelivered(long count)
{
    std::lock_guard lock(m_mutex);
    m_delivered += static_cast<unsigned long>(count);
}

void Metrics::observeEventLag(double seconds)
{
    std::lock_guard lock(m_mutex);
    m_eventLag.observe(seconds);
}

void Metrics::sseClientsChanged(int delta)
{
    m_sseClients += delta;
}

void Metrics::addGauge(std::string name, std::string help, std::function<double()> read)
{
    std::lock_guard lock(m_mutex);
    m_gauges.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::render() const
{
    std::ostringstream out;
    const auto histogram = [&](const std::string& name, const std::string& labels, const Histogram& h) {
        unsigned long cumulative = 0;
        const std::string sep = labels.empty() ? "" : ",";
        for (size_t i = 0; i <= h.bounds.size(); ++i) {
            cumulative += h.counts[i];
            const std::string le = i < h.bounds.size() ? number(h.bounds[i]) : "+Inf";
            out << name << "_bucket{" << labels << sep << "le=\"" << le << "\"} " << cumulative << '\n';
        }
        const std::string braces = labels.empty() ? "" : "{" + labels + "}";
        out << name << "_sum" << braces << ' ' << number(h.sum) << '\n';
        out << name << "_count" << braces << ' ' << h.count << '\n';
    };
    std::vector<Gauge> gauges;
    {
        std::lock_guard lock(m_mutex);
        out << "# HELP tricoach_http_requests_total HTTP requests answered, by route pattern, method and status.\n"
               "# TYPE tricoach_http_requests_total counter\n";
        for (const auto& [labels, n] : m_requests)
            out << "tricoach_http_requests_total{" << labels << "} " << n << '\n';
        out << "# HELP tricoach_http_request_duration_seconds Time to answer a request, by route pattern.\n"
               "# TYPE tricoach_http_request_duration_seconds histogram\n";
        for (const auto& [route, h] : m_durations)
            histogram("tricoach_http_request_duration_seconds", "route=\"" + prometheusEscape(route) + "\"", h);
        out << "# HELP tricoach_http_rate_limited_total Requests refused 429 for a spent budget, by route and scope.\n"
               "# TYPE tricoach_http_rate_limited_total counter\n";
        for (const auto& [labels, n] : m_rateLimited)
            out << "tricoach_http_rate_limited_total{" << labels << "} " << n << '\n';
        out << "# HELP tricoach_webhook_events_received_total Strava webhook events received, by outcome.\n"
               "# TYPE tricoach_webhook_events_received_total counter\n";
        for (const char* outcome : {"stored", "duplicate", "rejected"}) {
            const auto it = m_webhookEvents.find(outcome);
            out << "tricoach_webhook_events_received_total{outcome=\"" << outcome << "\"} "
                << (it == m_webhookEvents.end() ? 0 : it->second) << '\n';
        }
        out << "# HELP tricoach_events_delivered_total Events written to desktops' streams and pages.\n"
               "# TYPE tricoach_events_delivered_total counter\n"
            << "tricoach_events_delivered_total " << m_delivered << '\n';
        out << "# HELP tricoach_event_lag_seconds From an event's time to its delivery to a desktop.\n"
               "# TYPE tricoach_event_lag_seconds histogram\n";
        histogram("tricoach_event_lag_seconds", "", m_eventLag);
        gauges = m_gauges;
    }
    out << "# HELP tricoach_sse_clients Desktops connected to the event stream.\n"
           "# TYPE tricoach_sse_clients gauge\n"
        << "tricoach_sse_clients " << m_sseClients.load() << '\n';
    for (const Gauge& g : gauges)
        out << "# HELP " << g.name << ' ' << g.help << "\n# TYPE " << g.name << " gauge\n"
            << g.name << ' ' << number(g.read()) << '\n';
    return out.str();
}

} // namespace tricoach::sync
