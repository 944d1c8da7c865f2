#pragma once

#include <QProcess>
#include <QString>

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace tricoach::test {

// What nginx is told in front of tricoach-sync instances: the load balancer of the end-to-end tests and benchmarks.
struct NginxSite {
    std::vector<std::string> upstreams; // HOST:PORT of each instance
    unsigned short listenPort = 0;
    // Above the server's SSE heartbeat (15 s), so that an idle stream is never cut by the proxy.
    std::chrono::seconds readTimeout{60};
    std::size_t maxBodyBytes = 256 * 1024; // tricoach-sync's own default (--max-body)
    int workerConnections = 1024;
    // Names the instance that answered in X-Tricoach-Upstream: a test finds the one serving a stream by it.
    bool upstreamHeader = true;
};

// A whole nginx.conf for a throwaway prefix folder `dir`: pid, logs and temporary files inside it, so that nginx
// runs without touching /etc, /run or /var. As root (CI) the workers stay root (`user root;`): the folder is
// private to its owner and nginx's default worker user could not reach it. As anyone else there is no `user` line.
std::string nginxConfig(const NginxSite& site, const std::string& dir, bool runningAsRoot);

// Debian's nginx (package nginx-light) run in the foreground on such a configuration.
class NginxProcess {
public:
    ~NginxProcess();

    // /usr/sbin/nginx, else nginx on PATH; empty when missing.
    static QString binary();
    // Writes the configuration into `dir` and starts nginx; returns once it answers on its port, or why not.
    QString start(const NginxSite& site, const QString& dir);
    void stop();
    QString errorLog() const;

private:
    QProcess m_process;
    QString m_dir;
};

} // namespace tricoach::test
