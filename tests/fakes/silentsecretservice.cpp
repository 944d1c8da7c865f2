// A keychain that never answers: takes the Secret Service's name on the session bus (org.freedesktop.secrets) and
// leaves every call unanswered, as a keyring stuck behind a password prompt nobody can see does. Prints "ready" once
// it owns the name, then runs until killed.
#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusError>
#include <QDBusVirtualObject>

#include <cstdio>

namespace {

class Silent : public QDBusVirtualObject {
public:
    QString introspect(const QString&) const override { return {}; }
    // Claims every call and sends no reply: the caller waits for its own timeout.
    bool handleMessage(const QDBusMessage&, const QDBusConnection&) override { return true; }
};

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QDBusConnection bus = QDBusConnection::sessionBus();
    Silent silent;
    if (!bus.isConnected() || !bus.registerVirtualObject(QStringLiteral("/"), &silent, QDBusConnection::SubPath) ||
        !bus.registerService(QStringLiteral("org.freedesktop.secrets"))) {
        std::fprintf(stderr, "silent_secret_service: cannot take org.freedesktop.secrets: %s\n",
                     qPrintable(bus.lastError().message()));
        return 1;
    }
    std::printf("ready\n");
    std::fflush(stdout);
    return app.exec();
}
