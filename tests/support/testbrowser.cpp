#include "tests/support/testbrowser.h"

#include <regex>

namespace tricoach::test {

BrowserPage TestBrowser::open(const QUrl& url)
{
    return follow(url, "GET", {});
}

BrowserPage TestBrowser::submit(const BrowserPage& from, const std::string& action,
                                const std::vector<std::pair<std::string, std::string>>& fields)
{
    std::string body;
    for (const auto& [name, value] : fields) {
        if (!body.empty())
            body += '&';
        body += QUrl::toPercentEncoding(QString::fromStdString(name)).toStdString() + '=' +
                QUrl::toPercentEncoding(QString::fromStdString(value)).toStdString();
    }
    return follow(from.url.resolved(QUrl(QString::fromStdString(action))), "POST", body);
}

std::string TestBrowser::field(const BrowserPage& page, const std::string& name)
{
    const std::regex input("name=\"" + name + "\"[^>]*value=\"([^\"]*)\"");
    std::smatch m;
    return std::regex_search(page.body, m, input) ? m[1].str() : std::string();
}

BrowserPage TestBrowser::follow(QUrl url, std::string method, std::string body)
{
    BrowserPage page;
    for (int hops = 0; hops < 10; ++hops) {
        visited.push_back(url);
        std::vector<std::pair<std::string, std::string>> headers;
        if (method == "POST")
            headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
        const std::string target =
            url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::FullyEncoded).toStdString();
        const RawResponse r =
            httpRequest(static_cast<quint16>(url.port(80)), method, target.empty() ? "/" : target, body, headers);
        page.url = url;
        page.status = r.status;
        page.body = r.body;
        const std::string location = r.header("location");
        if ((r.status == 301 || r.status == 302 || r.status == 303 || r.status == 307) && !location.empty()) {
            url = url.resolved(QUrl(QString::fromStdString(location)));
            if (r.status != 307) {
                method = "GET";
                body.clear();
            }
            continue;
        }
        return page;
    }
    return page;
}

} // namespace tricoach::test
