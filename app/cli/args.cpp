#include "app/cli/args.h"

#include <QRegularExpression>

#include <cmath>

namespace tricoach::cli {

Error usageError(const QString& message)
{
    return makeError(message, QString(kUsageErrorCode));
}

bool isUsageError(const Error& error)
{
    return error.code == kUsageErrorCode;
}

const OptionSpec* CommandSpec::option(const QString& optionName) const
{
    for (const OptionSpec& o : options) {
        if (o.name == optionName)
            return &o;
    }
    return nullptr;
}

QString Invocation::value(const QString& name) const
{
    auto it = options.find(name);
    return it == options.end() || it->second.isEmpty() ? QString() : it->second.last();
}

QStringList Invocation::values(const QString& name) const
{
    auto it = options.find(name);
    return it == options.end() ? QStringList() : it->second;
}

std::vector<OptionSpec> globalOptionSpecs()
{
    return {
        {QStringLiteral("db"), QStringLiteral("PATH"),
         QStringLiteral("the database file (default: tricoach.sqlite in the app-data folder)")},
        {QStringLiteral("athlete"), QStringLiteral("NAME"), QStringLiteral("the athlete profile (default: the first)")},
        {QStringLiteral("json"), {}, QStringLiteral("machine-readable output")},
        {QStringLiteral("help"), {}, QStringLiteral("show help for the program or a command")},
        {QStringLiteral("version"), {}, QStringLiteral("show the version")},
    };
}

namespace {

bool looksLikeOption(const QString& token)
{
    return token.startsWith(QLatin1String("--")) && token.size() > 2;
}

// One "--name" or "--name=value" token split in two.
struct OptionToken {
    QString name;
    std::optional<QString> inlineValue;
};

OptionToken splitOption(const QString& token)
{
    const QString body = token.mid(2);
    const qsizetype eq = body.indexOf(QLatin1Char('='));
    if (eq < 0)
        return {body, std::nullopt};
    return {body.left(eq), body.mid(eq + 1)};
}

// Takes the value of an option that needs one: inline, or the next token unless that is another option.
Result<QString> takeValue(const OptionToken& opt, const QString& valueName, const QStringList& args, qsizetype& i)
{
    if (opt.inlineValue)
        return *opt.inlineValue;
    if (i + 1 >= args.size() || looksLikeOption(args[i + 1]))
        return usageError(QStringLiteral("option --%1 needs a value (%2)").arg(opt.name, valueName));
    return args[++i];
}

// Pass 1: global options anywhere; everything else kept in order for pass 2.
Result<QStringList> extractGlobals(const QStringList& args, GlobalOptions& global)
{
    QStringList rest;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& token = args[i];
        if (token == QLatin1String("-h")) {
            global.help = true;
            continue;
        }
        if (token == QLatin1String("--")) {
            // Everything after "--" is positional (a name starting with dashes).
            for (qsizetype j = i; j < args.size(); ++j)
                rest << args[j];
            break;
        }
        if (!looksLikeOption(token)) {
            rest << token;
            continue;
        }
        const OptionToken opt = splitOption(token);
        if (opt.name == QLatin1String("db") || opt.name == QLatin1String("athlete")) {
            auto value = takeValue(
                opt, opt.name == QLatin1String("db") ? QStringLiteral("PATH") : QStringLiteral("NAME"), args, i);
            if (!value)
                return value.error();
            if (value->trimmed().isEmpty())
                return usageError(QStringLiteral("option --%1 needs a non-empty value").arg(opt.name));
            (opt.name == QLatin1String("db") ? global.db : global.athlete) = *value;
            continue;
        }
        bool* flag = opt.name == QLatin1String("json")      ? &global.json
                     : opt.name == QLatin1String("help")    ? &global.help
                     : opt.name == QLatin1String("version") ? &global.version
                                                            : nullptr;
        if (!flag) {
            rest << token;
            continue;
        }
        if (opt.inlineValue)
            return usageError(QStringLiteral("option --%1 takes no value").arg(opt.name));
        *flag = true;
    }
    return rest;
}

// Finds the command named by the first one or two words of `rest`; `used` is how many words it took.
Result<const CommandSpec*> findCommand(const QStringList& rest, const std::vector<CommandSpec>& commands, int& used,
                                       QString& helpTopic)
{
    const QString word = rest.value(0);
    if (looksLikeOption(word))
        return usageError(QStringLiteral("unknown option %1 (options of a command come after it)").arg(word));
    bool known = false;
    QStringList subs;
    // A command may be both a command of its own and the head of sub-commands ("activities", "activities show"):
    // a matching sub-command wins, else the command alone.
    const CommandSpec* alone = nullptr;
    for (const CommandSpec& c : commands) {
        if (c.name != word)
            continue;
        known = true;
        if (c.sub.isEmpty()) {
            alone = &c;
            continue;
        }
        subs << c.sub;
        if (c.sub == rest.value(1)) {
            used = 2;
            return &c;
        }
    }
    if (alone) {
        used = 1;
        return alone;
    }
    if (!known)
        return usageError(QStringLiteral("unknown command \"%1\"").arg(word));
    helpTopic = word;
    const QString sub = rest.value(1);
    if (sub.isEmpty() || looksLikeOption(sub))
        return usageError(QStringLiteral("\"%1\" needs a sub-command: %2").arg(word, subs.join(QStringLiteral(", "))));
    return usageError(
        QStringLiteral("unknown sub-command \"%1 %2\" (expected %3)").arg(word, sub, subs.join(QStringLiteral(", "))));
}

// Pass 2: the command's own options and positional arguments.
Result<void> parseCommandArgs(const QStringList& rest, int first, Invocation& inv)
{
    const CommandSpec& spec = *inv.command;
    bool positionalOnly = false;
    for (qsizetype i = first; i < rest.size(); ++i) {
        const QString& token = rest[i];
        if (token == QLatin1String("--") && !positionalOnly) {
            positionalOnly = true;
            continue;
        }
        if (positionalOnly || !looksLikeOption(token)) {
            inv.positionals << token;
            continue;
        }
        const OptionToken opt = splitOption(token);
        const OptionSpec* o = spec.option(opt.name);
        if (!o)
            return usageError(QStringLiteral("unknown option --%1 for \"%2\"").arg(opt.name, spec.fullName()));
        if (inv.has(o->name) && !o->repeatable)
            return usageError(QStringLiteral("option --%1 was given more than once").arg(o->name));
        if (o->valueName.isEmpty()) {
            if (opt.inlineValue)
                return usageError(QStringLiteral("option --%1 takes no value").arg(o->name));
            inv.options[o->name] << QString();
            continue;
        }
        auto value = takeValue(opt, o->valueName, rest, i);
        if (!value)
            return value.error();
        inv.options[o->name] << *value;
    }
    const auto count = inv.positionals.size();
    if (count < spec.minPositionals) {
        return usageError(QStringLiteral("\"%1\" needs %2").arg(spec.fullName(), spec.positionalHelp));
    }
    if (count > spec.maxPositionals) {
        return usageError(QStringLiteral("unexpected argument \"%1\" for \"%2\"")
                              .arg(inv.positionals.value(spec.maxPositionals), spec.fullName()));
    }
    return {};
}

} // namespace

Result<void> parseCommandLine(const QStringList& args, const std::vector<CommandSpec>& commands, Invocation& inv)
{
    inv = Invocation{};
    auto rest = extractGlobals(args, inv.global);
    if (!rest)
        return rest.error();
    // "help add" reads as "add --help".
    if (rest->value(0) == QLatin1String("help")) {
        inv.global.help = true;
        rest->removeFirst();
    }
    if (rest->isEmpty()) {
        if (inv.global.help || inv.global.version)
            return {};
        return usageError(QStringLiteral("no command given"));
    }
    int used = 0;
    auto command = findCommand(*rest, commands, used, inv.helpTopic);
    if (!command) {
        // "athlete --help" asks for the list of athlete sub-commands: not an error.
        if (inv.global.help && !inv.helpTopic.isEmpty())
            return {};
        return command.error();
    }
    inv.command = *command;
    if (auto r = parseCommandArgs(*rest, used, inv); !r && !inv.global.help)
        return r;
    return {};
}

Result<Invocation> parseCommandLine(const QStringList& args, const std::vector<CommandSpec>& commands)
{
    Invocation inv;
    if (auto r = parseCommandLine(args, commands, inv); !r)
        return r.error();
    return inv;
}

// ---- values ----

Result<QDate> parseDate(const QString& option, const QString& text)
{
    // Strictly YYYY-MM-DD: QDate::fromString alone also takes one-digit months and days.
    const QRegularExpression shape(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    const QString t = text.trimmed();
    const QDate date = shape.match(t).hasMatch() ? QDate::fromString(t, QStringLiteral("yyyy-MM-dd")) : QDate();
    if (!date.isValid())
        return usageError(QStringLiteral("--%1: \"%2\" is not a date; use YYYY-MM-DD").arg(option, text));
    return date;
}

Result<double> parseNumber(const QString& option, const QString& text)
{
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return usageError(QStringLiteral("--%1: \"%2\" is not a number").arg(option, text));
    return v;
}

Result<int> parseInteger(const QString& option, const QString& text, int min, int max)
{
    bool ok = false;
    const int v = text.trimmed().toInt(&ok);
    if (!ok)
        return usageError(QStringLiteral("--%1: \"%2\" is not a whole number").arg(option, text));
    if (v < min || v > max)
        return usageError(QStringLiteral("--%1: %2 is out of range (%3 to %4)").arg(option).arg(v).arg(min).arg(max));
    return v;
}

Result<double> parseMinutesSeconds(const QString& option, const QString& text)
{
    const QRegularExpression shape(QStringLiteral("^(\\d{1,3}):([0-5]\\d(?:\\.\\d+)?)$"));
    const auto m = shape.match(text.trimmed());
    const double seconds = m.hasMatch() ? m.captured(1).toInt() * 60.0 + m.captured(2).toDouble() : 0.0;
    if (!(seconds > 0))
        return usageError(QStringLiteral("--%1: \"%2\" is not a time; use MM:SS, e.g. 4:30").arg(option, text));
    return seconds;
}

// ---- OptionReader ----

template <typename T> std::optional<T> OptionReader::keep(Result<T> r)
{
    if (r)
        return std::move(r).value();
    if (!m_error)
        m_error = r.error();
    return std::nullopt;
}

std::optional<QString> OptionReader::text(const QString& name)
{
    if (!m_inv.has(name))
        return std::nullopt;
    return m_inv.value(name);
}

std::optional<QDate> OptionReader::date(const QString& name)
{
    if (!m_inv.has(name))
        return std::nullopt;
    return keep(parseDate(name, m_inv.value(name)));
}

std::optional<double> OptionReader::number(const QString& name, double min, bool exclusive, double max)
{
    if (!m_inv.has(name))
        return std::nullopt;
    auto v = keep(parseNumber(name, m_inv.value(name)));
    if (v && (*v < min || (exclusive && *v == min))) {
        fail(QStringLiteral("--%1: %2 must be %3 %4")
                 .arg(name, m_inv.value(name), exclusive ? QStringLiteral("greater than") : QStringLiteral("at least"),
                      QString::number(min)));
        return std::nullopt;
    }
    if (v && *v > max) {
        fail(QStringLiteral("--%1: %2 is not plausible; it must be at most %3")
                 .arg(name, m_inv.value(name), QString::number(max)));
        return std::nullopt;
    }
    return v;
}

std::optional<int> OptionReader::integer(const QString& name, int min, int max)
{
    if (!m_inv.has(name))
        return std::nullopt;
    return keep(parseInteger(name, m_inv.value(name), min, max));
}

std::optional<double> OptionReader::minutesSeconds(const QString& name)
{
    if (!m_inv.has(name))
        return std::nullopt;
    return keep(parseMinutesSeconds(name, m_inv.value(name)));
}

bool OptionReader::require(const QString& name)
{
    if (m_inv.has(name))
        return true;
    const QString command = m_inv.command ? m_inv.command->fullName() : QStringLiteral("this command");
    fail(QStringLiteral("\"%1\" needs --%2").arg(command, name));
    return false;
}

void OptionReader::fail(const QString& message)
{
    if (!m_error)
        m_error = usageError(message);
}

} // namespace tricoach::cli
