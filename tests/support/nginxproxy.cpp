#include "tests/support/nginxproxy.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QThread>

#include <unistd.h>

namespace tricoach::test {

std::string nginxConfig(const NginxSite& site, const std::string& dir, bool runningAsRoot)
{
    std::string c;
    if (runningAsRoot)
        c += "user root;\n";
    c += "worker_processes 1;\n";
    c += "pid " + dir + "/nginx.pid;\n";
    c += "error_log " + dir + "/error.log info;\n";
    c += "events { worker_connections " + std::to_string(site.workerConnections) + "; }\n";
    c += "http {\n";
    c += "  access_log " + dir + "/access.log;\n";
    for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
        c += "  " + std::string(temp) + "_temp_path " + dir + "/" + temp + ";\n";
    c += "  upstream tricoach_sync {\n";
    for (const std::string& u : site.upstreams)
        c += "    server " + u + " max_fails=1 fail_timeout=10s;\n";
    c += "    keepalive 16;\n";
    c += "  }\n";
    c += "  server {\n";
    c += "    listen 127.0.0.1:" + std::to_string(site.listenPort) + ";\n";
    c += "    client_max_body_size " + std::to_string(site.maxBodyBytes) + ";\n";
    c += "    location / {\n";
    c += "      proxy_pass http://tricoach_sync;\n";
    // HTTP/1.1 with an empty Connection header: upstream connections are kept alive and chunked streams pass.
    c += "      proxy_http_version 1.1;\n";
    c += "      proxy_set_header Connection \"\";\n";
    c += "      proxy_set_header Host $host;\n";
    c += "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n";
    c += "      proxy_set_header X-Forwarded-Proto $scheme;\n";
    // Server-sent events go out as they come (the server also says X-Accel-Buffering: no).
    c += "      proxy_buffering off;\n";
    c += "      proxy_read_timeout " + std::to_string(site.readTimeout.count()) + "s;\n";
    if (site.upstreamHeader)
        c += "      add_header X-Tricoach-Upstream $upstream_addr always;\n";
    c += "    }\n";
    c += "  }\n";
    c += "}\n";
    return c;
}

NginxProcess::~NginxProcess()
{
    stop();
}

QString NginxProcess::binary()
{
    if (QFile::exists(QStringLiteral("/usr/sbin/nginx")))
        return QStringLiteral("/usr/sbin/nginx");
    return QStandardPaths::findExecutable(QStringLiteral("nginx"));
}

QString NginxProcess::start(const NginxSite& site, const QString& dir)
{
    const QString nginx = binary();
    if (nginx.isEmpty())
        return QStringLiteral("nginx is not installed: install Debian's nginx-light (scripts/install-deps.sh does)");
    m_dir = dir;
    QDir().mkpath(dir);
    QFile conf(dir + QStringLiteral("/nginx.conf"));
    if (!conf.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write ") + conf.fileName();
    conf.write(QByteArray::fromStdString(nginxConfig(site, dir.toStdString(), ::geteuid() == 0)));
    conf.close();
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(dir + QStringLiteral("/stdout.log"));
    // -e: the error log before the configuration is read (else nginx tries its compiled-in path first).
    m_process.start(nginx, {QStringLiteral("-p"), dir, QStringLiteral("-c"), conf.fileName(), QStringLiteral("-e"),
                            dir + QStringLiteral("/error.log"), QStringLiteral("-g"), QStringLiteral("daemon off;")});
    if (!m_process.waitForStarted(5000))
        return QStringLiteral("nginx did not start: ") + m_process.errorString();
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 5000) {
        if (m_process.state() != QProcess::Running)
            return QStringLiteral("nginx stopped at start:\n") + errorLog();
        QTcpSocket probe;
        probe.connectToHost(QStringLiteral("127.0.0.1"), site.listenPort);
        if (probe.waitForConnected(200))
            return {};
        QThread::msleep(20);
    }
    return QStringLiteral("nginx does not answer on its port:\n") + errorLog();
}

void NginxProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate(); // SIGTERM: nginx's fast shutdown
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

QString NginxProcess::errorLog() const
{
    QString text;
    for (const char* name : {"/stdout.log", "/error.log"}) {
        QFile f(m_dir + QLatin1String(name));
        if (f.open(QIODevice::ReadOnly))
            text += QString::fromUtf8(f.readAll());
    }
    return text;
}

} // namespace tricoach::test
