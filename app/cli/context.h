#pragma once
// What every command needs besides its options: the output streams, the store and the athlete, and one way to
// turn errors into an exit status.

#include "app/cli/args.h"
#include "core/store/activitystore.h"

#include <QTextStream>

#include <memory>

namespace tricoach::cli {

enum ExitCode : int { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

// stdout carries results only; messages and errors go to stderr.
struct Io {
    QTextStream& out;
    QTextStream& err;
};

// Prints the error on stderr and returns the exit status: 2 with a hint to --help for usage errors, else 1.
int report(Io& io, const Invocation& inv, const Error& error);

// An open store and the athlete a command works on.
struct Session {
    std::unique_ptr<ActivityStore> store;
    Athlete athlete;
};

// Opens --db (or the default path).
Result<std::unique_ptr<ActivityStore>> openStore(const Invocation& inv);
// Opens the store and resolves --athlete (an unknown name is an error) or the default athlete.
Result<Session> openSession(const Invocation& inv);

// The day commands default to.
QDate today();

} // namespace tricoach::cli
