// import and decode: activity files into the store, or one file's normalized content for scripts.
#include "app/cli/commands.h"
#include "app/cli/context.h"
#include "app/cli/interrupt.h"
#include "app/cli/output.h"
#include "core/import/activityimporter.h"
#include "core/io/activityjson.h"
#include "core/io/formatregistry.h"

#include <QFileInfo>

namespace tricoach::cli {

namespace {

QString megabytes(qint64 bytes)
{
    return QStringLiteral("%1 MB").arg(fixed(static_cast<double>(bytes) / 1e6, 1));
}

void drawProgress(QTextStream& err, const ImportProgress& p)
{
    constexpr int kWidth = 30;
    const double share = p.filesTotal > 0 ? static_cast<double>(p.filesDone) / p.filesTotal : 1.0;
    const int filled = static_cast<int>(share * kWidth);
    err << "\rImporting [" << QString(filled, QLatin1Char('#')) << QString(kWidth - filled, QLatin1Char('.')) << "] "
        << p.filesDone << '/' << p.filesTotal << " files, " << megabytes(p.bytesDone) << ", " << p.activitiesAdded
        << " new   ";
    err.flush();
}

QJsonValue errorJson(const std::optional<ReadError>& e)
{
    if (!e)
        return QJsonValue::Null;
    return QJsonObject{{QStringLiteral("code"), e->code},
                       {QStringLiteral("message"), e->message},
                       {QStringLiteral("byte_offset"), e->byteOffset >= 0 ? QJsonValue(e->byteOffset) : QJsonValue()},
                       {QStringLiteral("line"), e->line >= 0 ? QJsonValue(e->line) : QJsonValue()}};
}

QString describe(const ReadError& e)
{
    QString where;
    if (e.byteOffset >= 0)
        where = QStringLiteral(" (at byte %1)").arg(e.byteOffset);
    else if (e.line >= 0)
        where = QStringLiteral(" (line %1)").arg(e.line);
    return e.message + where;
}

QJsonObject reportJson(const ImportReport& r)
{
    QJsonArray files;
    for (const FileOutcome& f : r.files) {
        QJsonArray ids;
        for (ActivityId id : f.activityIds)
            ids.append(static_cast<qint64>(id));
        files.append(QJsonObject{{QStringLiteral("file"), f.file},
                                 {QStringLiteral("status"), fileStatusId(f.status)},
                                 {QStringLiteral("activity_ids"), ids},
                                 {QStringLiteral("new"), f.newActivities},
                                 {QStringLiteral("duplicates"), f.duplicateActivities},
                                 {QStringLiteral("replaced"), f.replacedActivities},
                                 {QStringLiteral("error"), errorJson(f.error)},
                                 {QStringLiteral("warnings"), QJsonArray::fromStringList(f.warnings)}});
    }
    QJsonArray problems;
    for (const ImportProblem& p : r.problems)
        problems.append(QJsonObject{{QStringLiteral("path"), p.path},
                                    {QStringLiteral("code"), p.error.code},
                                    {QStringLiteral("message"), p.error.message}});
    return QJsonObject{{QStringLiteral("added"), r.added()},       {QStringLiteral("duplicates"), r.duplicates()},
                       {QStringLiteral("replaced"), r.replaced()}, {QStringLiteral("failed"), r.failed()},
                       {QStringLiteral("cancelled"), r.cancelled}, {QStringLiteral("files"), files},
                       {QStringLiteral("problems"), problems}};
}

// A problem's message, led by its path unless the message names it already.
QString problemText(const ImportProblem& p)
{
    return p.error.message.contains(p.path) ? p.error.message
                                            : QStringLiteral("Could not read %1: %2").arg(p.path, p.error.message);
}

void writeReport(QTextStream& out, const ImportReport& r)
{
    TextTable table;
    table.addColumn(QStringLiteral("File"), TextTable::Align::Left);
    table.addColumn(QStringLiteral("Result"), TextTable::Align::Left);
    table.addColumn(QStringLiteral("New"));
    table.addColumn(QStringLiteral("Details"), TextTable::Align::Left);
    for (const FileOutcome& f : r.files) {
        QStringList details;
        if (f.replacedActivities > 0)
            details << (f.replacedActivities == 1
                            ? QStringLiteral("replaced a less complete copy")
                            : QStringLiteral("replaced %1 less complete copies").arg(f.replacedActivities));
        if (f.error)
            details << describe(*f.error);
        else
            details += f.warnings;
        table.addRow({QFileInfo(f.file).fileName(), fileStatusId(f.status), QString::number(f.newActivities),
                      details.join(QStringLiteral("; "))});
    }
    if (!table.empty())
        table.write(out);
    for (const ImportProblem& p : r.problems)
        out << problemText(p) << '\n';
    out << "Imported " << r.added() << " new activities from " << r.files.size() << " files; " << r.duplicates()
        << " already stored, ";
    if (r.replaced() > 0)
        out << r.replaced() << " replaced a less complete copy, ";
    out << r.failed() << " files failed";
    if (!r.problems.empty())
        out << ", " << r.problems.size() << " paths could not be read";
    out << (r.cancelled ? QStringLiteral(" (cancelled)") : QString()) << ".\n";
}

int runImport(const Invocation& inv, Io& io)
{
    OptionReader opts(inv);
    ImportOptions options;
    if (auto threads = opts.integer(QStringLiteral("threads"), 1, 256))
        options.decodeThreads = *threads;
    options.importRecovered = !inv.has(QStringLiteral("no-recovered"));
    if (!opts.ok())
        return report(io, inv, opts.error());
    auto session = openSession(inv);
    if (!session)
        return report(io, inv, session.error());

    const bool showProgress = inv.has(QStringLiteral("progress")) || (!inv.global.json && stderrIsTerminal());
    FormatRegistry formats;
    ActivityImporter importer(*session->store, formats, options);
    InterruptGuard interrupt;
    const ImportReport r = importer.run(
        session->athlete.id, inv.positionals,
        [&](const ImportProgress& p) {
            if (showProgress)
                drawProgress(io.err, p);
        },
        &InterruptGuard::flag());
    if (showProgress)
        io.err << '\n';

    if (inv.global.json) {
        writeJson(io.out, reportJson(r));
    } else {
        writeReport(io.out, r);
        // The first import of a profile without thresholds: every load is an estimate until they are set.
        if (r.added() > 0 && session->store->thresholdHistory(session->athlete.id).changes().empty())
            io.out << "No thresholds are set, so loads are estimates: 'tricoach-cli athlete estimate' shows what "
                      "your data say, 'athlete set --estimate' uses them.\n";
    }
    for (const FileOutcome& f : r.files) {
        if (f.status == FileOutcome::Status::Failed)
            io.err << "tricoach-cli: " << f.file << ": " << (f.error ? describe(*f.error) : QString()) << '\n';
    }
    for (const ImportProblem& p : r.problems)
        io.err << "tricoach-cli: " << problemText(p) << '\n';
    const bool clean = r.failed() == 0 && r.problems.empty() && !r.cancelled;
    return clean ? kExitOk : kExitFailure;
}

int runDecode(const Invocation& inv, Io& io)
{
    FormatRegistry formats;
    const QString path = inv.positionals.front();
    const ActivityFileRef file{path, std::nullopt};
    // The header names the format (and its size limit) before the file is read.
    const Result<ReadPlan> plan = formats.plan(file);
    DecodedFile decoded;
    QString format;
    if (!plan) {
        decoded.error = ReadError{plan.error().code, plan.error().message, -1, -1};
    } else if (auto bytes = FormatRegistry::load(file, plan->fileBytes); !bytes) {
        decoded.error = ReadError{bytes.error().code, bytes.error().message, -1, -1};
    } else {
        decoded = formats.decode(path, *bytes, FormatRegistry::maxFileBytes(plan->formatId));
        format = plan->formatId.isEmpty() ? formats.formatIdForName(path) : plan->formatId;
    }
    if (inv.global.json) {
        writeJson(io.out, decodedFileToJson(decoded, !inv.has(QStringLiteral("no-streams")), format));
    } else {
        for (const Activity& a : decoded.activities) {
            io.out << sportId(a.sport) << (a.subSport.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(a.subSport))
                   << "  " << a.startUtc.toString(Qt::ISODate) << "  " << hoursMinutes(a.durationSec()) << "  "
                   << fixedOrDash(a.distanceM ? std::optional<double>(*a.distanceM / 1000) : std::nullopt, 2) << " km  "
                   << a.streams.size() << " samples, " << a.laps.size() << " laps, " << a.lengths.size()
                   << " lengths\n";
        }
        for (const QString& w : decoded.warnings)
            io.out << "warning: " << w << '\n';
    }
    if (decoded.error) {
        io.err << "tricoach-cli: " << printablePath(path) << ": " << describe(*decoded.error) << '\n';
        return kExitFailure;
    }
    return kExitOk;
}

} // namespace

std::vector<CommandSpec> importCommands()
{
    return {
        {QStringLiteral("import"),
         {},
         QStringLiteral("import FIT, TCX and GPX files, folders and .zip exports"),
         QStringLiteral("PATH..."),
         1,
         100000,
         {
             {QStringLiteral("threads"), QStringLiteral("N"),
              QStringLiteral("decoding threads (default: one per core)")},
             {QStringLiteral("no-recovered"), {}, QStringLiteral("do not store what was recovered from damaged files")},
             {QStringLiteral("progress"),
              {},
              QStringLiteral("show the progress bar even when stderr is not a terminal")},
         },
         runImport},
        {QStringLiteral("decode"),
         {},
         QStringLiteral("print the normalized content of one activity file (no store involved)"),
         QStringLiteral("FILE"),
         1,
         1,
         {{QStringLiteral("no-streams"), {}, QStringLiteral("leave the per-second streams out of --json")}},
         runDecode},
    };
}

} // namespace tricoach::cli
