#include "core/secrets/secretchoice.h"

#include "core/io/localfiles.h"
#include "core/secrets/filesecrets.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

namespace tricoach {

QString defaultSecretsFilePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("secrets.json"));
}

Result<SecretStoreChoice> chooseSecretStore(const SecretPolicy& policy)
{
    const auto status = keychainStatus(policy.service, policy.keychainTimeout);
    if (status) {
        SecretStoreChoice choice;
        choice.store = std::make_unique<KeychainSecrets>(policy.service, policy.keychainTimeout);
        return choice;
    }
    if (status.error().code == QLatin1String(kSecretsWrongThread))
        return status.error();

    const QString path = policy.filePath.isEmpty() ? defaultSecretsFilePath() : policy.filePath;
    if (!policy.fileConsented)
        return makeError(QCoreApplication::translate("tricoach::Secrets",
                                                     "No keychain is available (%1); TriCoach can keep your sign-ins "
                                                     "and keys in %2, readable only by you, if you agree.")
                             .arg(status.error().message, printablePath(path)),
                         QString::fromLatin1(kSecretsNeedsConsent));
    auto file = std::make_unique<FileSecrets>(path);
    if (auto usable = file->readAll(); !usable)
        return usable.error();
    SecretStoreChoice choice;
    choice.store = std::move(file);
    choice.keychainProblem = status.error().message;
    return choice;
}

} // namespace tricoach
