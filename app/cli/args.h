#pragma once

#include <limits>
// The command line of tricoach-cli: global options, a command (with an optional sub-command), its options and
// positional arguments. Hand-written because QCommandLineParser has no notion of sub-commands.

#include "core/util/result.h"

#include <QDate>
#include <QLatin1String>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace tricoach::cli {

// Error::code of mistakes in the command line; they exit with status 2 instead of 1.
inline constexpr QLatin1String kUsageErrorCode{"cli.usage"};

Error usageError(const QString& message);
bool isUsageError(const Error& error);

// One option a command accepts, written --name VALUE (or --name=VALUE), or --name alone when it is a flag.
struct OptionSpec {
    QString name;      // without the leading "--"
    QString valueName; // shown in help, e.g. "YYYY-MM-DD"; empty for a flag
    QString help;
    bool repeatable = false; // may be given several times (each value is kept)
};

struct Invocation;
struct Io;

// A command such as "add" or "athlete set", its options and the function that runs it.
struct CommandSpec {
    QString name;
    QString sub;            // sub-command, empty when the command has none
    QString summary;        // one line for the overview
    QString positionalHelp; // synopsis of the positional arguments, e.g. "NAME"
    int minPositionals = 0;
    int maxPositionals = 0;
    std::vector<OptionSpec> options;
    std::function<int(const Invocation&, Io&)> run; // empty in parser tests

    QString fullName() const { return sub.isEmpty() ? name : name + QLatin1Char(' ') + sub; }
    const OptionSpec* option(const QString& optionName) const;
};

// Options valid with every command, before or after it.
struct GlobalOptions {
    std::optional<QString> db;
    std::optional<QString> athlete;
    bool json = false;
    bool help = false;
    bool version = false;
};

// The parsed command line. `command` points into the table given to parseCommandLine and is null when only
// global options were given (e.g. `--help`, `--version`).
struct Invocation {
    GlobalOptions global;
    const CommandSpec* command = nullptr;
    QString helpTopic; // the command word when help was asked for a command that needs a sub-command
    QStringList positionals;
    std::map<QString, QStringList> options; // by name; a flag has one empty value per occurrence

    bool has(const QString& name) const { return options.count(name) != 0; }
    // The last value given for `name`; empty when absent.
    QString value(const QString& name) const;
    QStringList values(const QString& name) const;
};

// The options every command accepts (shown in the program's help).
std::vector<OptionSpec> globalOptionSpecs();

// Splits `args` (without the program name) against `commands`. Unknown commands or options, missing values,
// flags given a value, options repeated that may not be, and a wrong number of positional arguments are usage
// errors. With --help, only the command words need to be valid.
Result<Invocation> parseCommandLine(const QStringList& args, const std::vector<CommandSpec>& commands);
// The same, filling `into` as far as it got: on an error after the command was recognised, `into.command` is
// set, so the hint can point at that command's help.
Result<void> parseCommandLine(const QStringList& args, const std::vector<CommandSpec>& commands, Invocation& into);

// Value parsers: the error names the option and says what is expected.
Result<QDate> parseDate(const QString& option, const QString& text);    // YYYY-MM-DD
Result<double> parseNumber(const QString& option, const QString& text); // any finite number
Result<int> parseInteger(const QString& option, const QString& text, int min, int max);
Result<double> parseMinutesSeconds(const QString& option, const QString& text); // M:SS or MM:SS(.s) → seconds

// Reads typed option values, keeping the first error so a command validates everything before touching the
// store and reports one clear message.
class OptionReader {
public:
    explicit OptionReader(const Invocation& invocation)
        : m_inv(invocation)
    {
    }

    std::optional<QString> text(const QString& name);
    std::optional<QDate> date(const QString& name);
    // A number >= min (or > min when `exclusive`) and <= max, e.g. durations must be > 0 and distances >= 0; the
    // upper bound keeps a mistyped 1e308 out (core/model/plausible.h has the ranges).
    std::optional<double> number(const QString& name, double min, bool exclusive,
                                 double max = std::numeric_limits<double>::max());
    std::optional<int> integer(const QString& name, int min, int max);
    std::optional<double> minutesSeconds(const QString& name);

    // Records "<command> needs --name" when the option is absent.
    bool require(const QString& name);
    void fail(const QString& message);

    bool ok() const { return !m_error.has_value(); }
    const Error& error() const { return *m_error; }

private:
    template <typename T> std::optional<T> keep(Result<T> r);

    const Invocation& m_inv;
    std::optional<Error> m_error;
};

} // namespace tricoach::cli
