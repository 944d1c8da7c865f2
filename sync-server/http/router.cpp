#include "sync-server/http/router.h"

#include <algorithm>
#include <map>

namespace tricoach::sync {

namespace {

// "/a/b/" -> {"a", "b", ""}: a trailing slash is a segment of its own, so "/v1/sessions/" is not "/v1/sessions".
std::vector<std::string_view> segments(std::string_view path)
{
    if (!path.empty() && path.front() == '/')
        path.remove_prefix(1);
    std::vector<std::string_view> out;
    for (;;) {
        const size_t slash = path.find('/');
        out.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos)
            return out;
        path.remove_prefix(slash + 1);
    }
}

bool matches(std::string_view pattern, std::string_view path, std::map<std::string, std::string>* params)
{
    const auto want = segments(pattern);
    const auto got = segments(path);
    if (want.size() != got.size())
        return false;
    for (size_t i = 0; i < want.size(); ++i) {
        const std::string_view w = want[i];
        if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
            if (got[i].empty())
                return false;
            if (params)
                (*params)[std::string(w.substr(1, w.size() - 2))] = std::string(got[i]);
        } else if (w != got[i]) {
            return false;
        }
    }
    return true;
}

} // namespace

void Router::add(std::string method, std::string pattern, Handler handler)
{
    add(std::move(method), std::move(pattern), Throttle::PerAddress, std::move(handler));
}

void Router::add(std::string method, std::string pattern, Throttle throttle, Handler handler)
{
    m_routes.push_back({std::move(method), std::move(pattern), std::move(handler), throttle});
}

Router::Match Router::match(HttpRequest& request) const
{
    Match m;
    for (const Route& r : m_routes) {
        if (!matches(r.pattern, request.path, nullptr))
            continue;
        // HEAD is answered as GET without the body (RFC 9110 §9.3.2).
        const bool methodFits = r.method == request.method || (request.method == "HEAD" && r.method == "GET");
        if (methodFits && !m.route) {
            request.params.clear();
            matches(r.pattern, request.path, &request.params);
            m.route = &r;
        }
        if (std::find(m.allowed.begin(), m.allowed.end(), r.method) == m.allowed.end())
            m.allowed.push_back(r.method);
    }
    return m;
}

} // namespace tricoach::sync
