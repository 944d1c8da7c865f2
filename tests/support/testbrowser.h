#pragma once

// A small browser for tests of sign-ins that cross servers on 127.0.0.1 (tricoach-sync, the Strava emulator, the
// desktop's loopback listener): it follows redirects as browsers do (a GET after 302/303), remembers where it has
// been, and submits forms. Blocking, on raw sockets: run it on a thread of its own while the thread that owns the
// emulator and the desktop's listener keeps serving.

#include "tests/support/rawhttp.h"

#include <QUrl>

#include <map>
#include <string>
#include <vector>

namespace tricoach::test {

struct BrowserPage {
    QUrl url;
    int status = 0;
    std::string body;
};

class TestBrowser {
public:
    BrowserPage open(const QUrl& url);
    // POSTs the fields (form-urlencoded) to `action`, resolved against `from`'s address; follows redirects.
    BrowserPage submit(const BrowserPage& from, const std::string& action,
                       const std::vector<std::pair<std::string, std::string>>& fields);
    // The value of the first input named `name` on `page` (hidden inputs of forms); empty when none.
    static std::string field(const BrowserPage& page, const std::string& name);

    std::vector<QUrl> visited;

private:
    BrowserPage follow(QUrl url, std::string method, std::string body);
};

} // namespace tricoach::test
