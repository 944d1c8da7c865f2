#include "ui/secretsprompt.h"

#include "core/secrets/filesecrets.h"
#include "ui/preferences.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>

namespace tricoach {

namespace {

bool askWithMessageBox(QWidget* parent, const QString& question)
{
    QMessageBox box(QMessageBox::Question, QCoreApplication::translate("tricoach::SecretsPrompt", "No keychain"),
                    question, QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("secretsConsent"));
    auto* agree = box.addButton(QCoreApplication::translate("tricoach::SecretsPrompt", "Keep them in the file"),
                                QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(agree);
    box.exec();
    return box.clickedButton() == agree;
}

} // namespace

SecretsPrompt::SecretsPrompt(Preferences& preferences, SecretPolicy policy)
    : m_preferences(preferences)
    , m_policy(std::move(policy))
    , m_ask(askWithMessageBox)
{
}

SecretsPrompt::~SecretsPrompt() = default;

void SecretsPrompt::setAsk(Ask ask)
{
    m_ask = std::move(ask);
}

void SecretsPrompt::install()
{
    m_preferences.setSecretsChooser([this](QWidget* parent) { return open(parent); });
}

Result<SecretStore*> SecretsPrompt::open(QWidget* parent)
{
    if (m_store)
        return m_store.get();
    const QString forced = qEnvironmentVariable("TRICOACH_SECRETS_FILE");
    if (!forced.isEmpty()) {
        m_store = std::make_unique<FileSecrets>(forced);
        return m_store.get();
    }
    SecretPolicy policy = m_policy;
    policy.fileConsented = policy.fileConsented || m_preferences.fileSecretsConsent();
    auto choice = chooseSecretStore(policy);
    if (!choice && choice.error().code == QLatin1String(kSecretsNeedsConsent)) {
        if (!m_ask(parent, choice.error().message))
            return makeError(QCoreApplication::translate("tricoach::SecretsPrompt",
                                                         "Nothing was stored: without a keychain, TriCoach keeps "
                                                         "sign-ins and keys only in a file you agreed to."),
                             QString::fromLatin1(kSecretsNeedsConsent));
        m_preferences.setFileSecretsConsent(true);
        policy.fileConsented = true;
        choice = chooseSecretStore(policy);
    }
    if (!choice)
        return choice.error();
    m_store = std::move(choice->store);
    return m_store.get();
}

} // namespace tricoach
