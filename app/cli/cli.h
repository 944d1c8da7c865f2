#pragma once
// tricoach-cli as a library: main.cpp only creates the application object and calls runCli, so the whole
// command line can be exercised in-process too.

#include <QStringList>
#include <QTextStream>

namespace tricoach::cli {

// Runs one command line. `args` excludes the program name. Results go to `out`, messages to `err`.
// Returns the exit status: 0 ok, 1 failure (e.g. the store cannot be opened), 2 usage error.
int runCli(const QStringList& args, QTextStream& out, QTextStream& err);

} // namespace tricoach::cli
