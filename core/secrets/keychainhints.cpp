#include "core/secrets/keychainhints.h"

#include <QCoreApplication>
#include <QStringList>

#ifdef TRICOACH_KEYCHAIN_DBUS
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusError>
#include <QLibrary>
#endif

namespace tricoach {

#ifdef TRICOACH_KEYCHAIN_DBUS

namespace {
// The bus names a keychain answers on: the freedesktop.org Secret Service (gnome-keyring, KeePassXC, recent
// KWallet) and KWallet's own, which QtKeychain prefers on KDE.
const QStringList kKeychainServices = {QStringLiteral("org.freedesktop.secrets"), QStringLiteral("org.kde.kwalletd6"),
                                       QStringLiteral("org.kde.kwalletd5")};
} // namespace

QString keychainUnreachable()
{
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected())
        return {};
    const QString why = bus.lastError().message();
    return QCoreApplication::translate("tricoach::Secrets",
                                       "there is no D-Bus session bus to reach a keychain through: %1")
        .arg(why.isEmpty() ? QStringLiteral("DBUS_SESSION_BUS_ADDRESS=") +
                                 QString::fromLocal8Bit(qgetenv("DBUS_SESSION_BUS_ADDRESS"))
                           : why);
}

QString keychainHint()
{
    QStringList hints;
    const QString unreachable = keychainUnreachable();
    if (!unreachable.isEmpty())
        hints << unreachable;
    // QtKeychain reaches the Secret Service through libsecret, which it loads at run time and quietly does
    // without when it is missing ("Unknown error").
    if (QLibrary library(QStringLiteral("secret-1"), 0); !library.load())
        hints << QCoreApplication::translate("tricoach::Secrets",
                                             "libsecret is not installed; on Debian and Ubuntu it is libsecret-1-0");
    if (unreachable.isEmpty()) {
        const QDBusConnectionInterface* names = QDBusConnection::sessionBus().interface();
        bool found = false;
        if (names) {
            const QStringList running = names->registeredServiceNames().value();
            const QStringList startable = names->activatableServiceNames().value();
            for (const QString& name : kKeychainServices)
                found = found || running.contains(name) || startable.contains(name);
        }
        if (!found)
            hints << QCoreApplication::translate("tricoach::Secrets",
                                                 "no keychain service runs on the D-Bus session bus; install "
                                                 "gnome-keyring or KWallet and unlock it");
    }
    return hints.join(QStringLiteral("; "));
}

#else

QString keychainUnreachable()
{
    return {};
}

QString keychainHint()
{
    return {};
}

#endif

} // namespace tricoach
