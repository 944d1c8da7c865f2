#include "app/cli/signin.h"

#include "app/cli/context.h"
#include "core/secrets/filesecrets.h"
#include "core/secrets/secretchoice.h"

#include <QProcess>
#include <QSettings>

namespace tricoach::cli {

namespace {
const QString kFileConsent = QStringLiteral("secrets/fileConsent");
}

Result<std::unique_ptr<SecretStore>> openSecrets(const Invocation& inv)
{
    const QString forced = qEnvironmentVariable("TRICOACH_SECRETS_FILE");
    if (!forced.isEmpty())
        return std::unique_ptr<SecretStore>(std::make_unique<FileSecrets>(forced));
    QSettings settings;
    SecretPolicy policy;
    policy.fileConsented = settings.value(kFileConsent).toBool() || inv.has(QStringLiteral("secrets-file"));
    auto choice = chooseSecretStore(policy);
    if (!choice) {
        if (choice.error().code == QLatin1String(kSecretsNeedsConsent))
            return makeError(choice.error().message +
                                 QStringLiteral(" To agree, run the command again with --secrets-file."),
                             choice.error().code);
        return choice.error();
    }
    if (!choice->keychainProblem.isEmpty() && inv.has(QStringLiteral("secrets-file")))
        settings.setValue(kFileConsent, true);
    return std::move(choice->store);
}

OptionSpec secretsFileOption()
{
    return {QStringLiteral("secrets-file"),
            {},
            QStringLiteral("without a keychain, agree to keep the sign-in in a file only you can read")};
}

OptionSpec noBrowserOption()
{
    return {QStringLiteral("no-browser"), {}, QStringLiteral("print the address to open instead of opening it")};
}

OptionSpec signInTimeoutOption()
{
    return {QStringLiteral("timeout-min"), QStringLiteral("N"), QStringLiteral("give up after N minutes (10)")};
}

bool openInBrowser(const QUrl& url)
{
#if defined(Q_OS_MACOS)
    return QProcess::startDetached(QStringLiteral("open"), {url.toString()});
#elif defined(Q_OS_WIN)
    return QProcess::startDetached(QStringLiteral("rundll32"),
                                   {QStringLiteral("url.dll,FileProtocolHandler"), url.toString()});
#else
    return QProcess::startDetached(QStringLiteral("xdg-open"), {url.toString()});
#endif
}

bool offerPage(const Invocation& inv, Io& io, const QUrl& url, const QString& prompt, const QString& waitingFor)
{
    if (inv.has(QStringLiteral("no-browser")) || !openInBrowser(url)) {
        io.out << prompt << ": " << url.toString(QUrl::FullyEncoded) << Qt::endl;
    } else {
        io.err << "Waiting for " << waitingFor
               << " in your browser (Ctrl-C cancels). If no browser opened, visit: " << url.toString(QUrl::FullyEncoded)
               << Qt::endl;
    }
    return true;
}

} // namespace tricoach::cli
