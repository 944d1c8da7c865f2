#pragma once
// What the terminal's sign-ins share (Strava, the TriCoach account): the secret store and the system browser.

#include "app/cli/args.h"
#include "core/secrets/secretstore.h"

#include <QUrl>

#include <memory>

namespace tricoach::cli {

struct Io;

// The secret store: the OS keychain; without one, a private file once the user agreed (--secrets-file now, or
// earlier, remembered in the settings the desktop shares). TRICOACH_SECRETS_FILE names a file to use outright.
Result<std::unique_ptr<SecretStore>> openSecrets(const Invocation& inv);

bool openInBrowser(const QUrl& url);

// The options the sign-in commands share.
OptionSpec secretsFileOption();
OptionSpec noBrowserOption();
OptionSpec signInTimeoutOption();

// Opens `url` in the browser and says so on stderr, or (--no-browser, or no browser) prints it on stdout as one
// line a script or a person on another machine can open: "<prompt>: <url>".
bool offerPage(const Invocation& inv, Io& io, const QUrl& url, const QString& prompt, const QString& waitingFor);

} // namespace tricoach::cli
