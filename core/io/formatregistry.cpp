#include "core/io/formatregistry.h"

#include "core/io/archive/gzip.h"
#include "core/io/fit/fitreader.h"
#include "core/io/gpx/gpxreader.h"
#include "core/io/tcx/tcxreader.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace tricoach {

namespace {

const QLatin1String kGzSuffix(".gz");
const QLatin1String kZipSuffix(".zip");
constexpr qsizetype kSniffBytes = 4096;

QString withoutGz(const QString& name)
{
    return name.endsWith(kGzSuffix, Qt::CaseInsensitive) ? name.chopped(kGzSuffix.size()) : name;
}

bool isZipName(const QString& name)
{
    return name.endsWith(kZipSuffix, Qt::CaseInsensitive);
}

Error unreadable(const QString& path, const QString& reason)
{
    return makeError(QStringLiteral("Could not read %1: %2.").arg(path, reason), QStringLiteral("io.unreadable"));
}

// The whole file, memory-mapped when possible so a large archive is not copied. `file` must outlive the view.
std::optional<QByteArrayView> mapWhole(QFile& file, QByteArray& fallback)
{
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    if (file.size() == 0)
        return QByteArrayView();
    if (uchar* mapped = file.map(0, file.size()))
        return QByteArrayView(reinterpret_cast<const char*>(mapped), file.size());
    fallback = file.readAll();
    return QByteArrayView(fallback);
}

} // namespace

QString ActivityFileRef::displayName() const
{
    return entry ? path + QLatin1Char('!') + entry->name : path;
}

QString ActivityFileRef::fileName() const
{
    return entry ? entry->name : path;
}

FormatRegistry::FormatRegistry()
{
    // FIT first: its sniff is the strictest (a binary signature), so it is tried first when sniffing.
    add(std::make_unique<FitReader>());
    add(std::make_unique<TcxReader>());
    add(std::make_unique<GpxReader>());
}

FormatRegistry::~FormatRegistry() = default;

void FormatRegistry::add(std::unique_ptr<ActivityReader> reader)
{
    if (reader)
        m_readers.push_back(std::move(reader));
}

const ActivityReader* FormatRegistry::reader(QStringView formatId) const
{
    for (const auto& r : m_readers) {
        if (r->formatId() == formatId)
            return r.get();
    }
    return nullptr;
}

std::vector<QString> FormatRegistry::formatIds() const
{
    std::vector<QString> ids;
    for (const auto& r : m_readers)
        ids.push_back(r->formatId());
    return ids;
}

QString FormatRegistry::formatIdForName(const QString& fileName) const
{
    const QString name = withoutGz(fileName);
    for (const auto& r : m_readers) {
        const QString id = r->formatId();
        if (name.size() > id.size() + 1 && name.endsWith(id, Qt::CaseInsensitive) &&
            name.at(name.size() - id.size() - 1) == QLatin1Char('.'))
            return id;
    }
    return {};
}

const ActivityReader* FormatRegistry::readerFor(const QString& fileName, QByteArrayView head) const
{
    const ActivityReader* bySuffix = reader(formatIdForName(fileName));
    if (bySuffix != nullptr && (head.isEmpty() || archive::isGzip(head) || bySuffix->sniff(head)))
        return bySuffix;
    if (!head.isEmpty() && !archive::isGzip(head)) {
        for (const auto& r : m_readers) {
            if (r.get() != bySuffix && r->sniff(head))
                return r.get();
        }
    }
    return bySuffix;
}

DecodedFile FormatRegistry::decode(const QString& fileName, QByteArrayView bytes) const
{
    QByteArray inflated;
    QString name = fileName;
    if (archive::isGzip(bytes)) {
        Result<QByteArray> unpacked = archive::gunzip(bytes);
        if (!unpacked) {
            DecodedFile out;
            out.error = ReadError{unpacked.error().code, unpacked.error().message, -1, -1};
            return out;
        }
        inflated = std::move(unpacked).value();
        bytes = inflated;
        name = withoutGz(name);
    }
    const ActivityReader* r = readerFor(name, bytes.first(std::min(bytes.size(), kSniffBytes)));
    if (r == nullptr) {
        DecodedFile out;
        QStringList ids;
        for (const QString& id : formatIds())
            ids.append(id.toUpper());
        out.error = ReadError{QStringLiteral("format.unknown"),
                              QStringLiteral("%1 is not an activity file TriCoach can read (%2).")
                                  .arg(QFileInfo(fileName).fileName(), ids.join(QStringLiteral(", "))),
                              -1, -1};
        return out;
    }
    return r->read(bytes);
}

ExpandResult FormatRegistry::expand(const QString& path) const
{
    ExpandResult out;
    const QFileInfo info(path);
    if (!info.exists()) {
        out.problems.push_back(
            {path, makeError(QStringLiteral("%1 does not exist.").arg(path), QStringLiteral("io.not-found"))});
    } else if (info.isDir()) {
        QStringList paths;
        QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext())
            paths.append(it.next());
        std::sort(paths.begin(), paths.end());
        for (const QString& p : paths) {
            if (isZipName(p))
                expandZip(p, out);
            else if (isActivityFileName(p) && !QFileInfo(p).isReadable())
                out.problems.push_back({p, unreadable(p, QStringLiteral("permission denied"))});
            else if (isActivityFileName(p))
                out.files.push_back({p, std::nullopt});
        }
    } else if (isZipName(path)) {
        expandZip(path, out);
    } else if (isActivityFileName(path)) {
        if (info.isReadable())
            out.files.push_back({path, std::nullopt});
        else
            out.problems.push_back({path, unreadable(path, QStringLiteral("permission denied"))});
    } else {
        out.problems.push_back(
            {path, makeError(QStringLiteral("%1 is not an activity file (expected .fit, .tcx or .gpx, possibly "
                                            "gzip-compressed, a .zip export or a folder).")
                                 .arg(info.fileName()),
                             QStringLiteral("import.not-activity"))});
    }
    return out;
}

void FormatRegistry::expandZip(const QString& path, ExpandResult& out) const
{
    QFile file(path);
    QByteArray fallback;
    const auto data = mapWhole(file, fallback);
    if (!data) {
        out.problems.push_back({path, unreadable(path, file.errorString())});
        return;
    }
    Result<std::vector<archive::ArchiveEntry>> entries = archive::listZip(*data);
    if (!entries) {
        out.problems.push_back({path, entries.error()});
        return;
    }
    for (archive::ArchiveEntry& e : *entries) {
        if (!e.isDirectory() && isActivityFileName(e.name))
            out.files.push_back({path, std::move(e)});
    }
}

Result<QByteArray> FormatRegistry::load(const ActivityFileRef& ref)
{
    QFile file(ref.path);
    if (!ref.entry) {
        if (!file.open(QIODevice::ReadOnly))
            return unreadable(ref.path, file.errorString());
        QByteArray bytes = file.readAll();
        if (file.error() != QFileDevice::NoError)
            return unreadable(ref.path, file.errorString());
        return bytes;
    }
    QByteArray fallback;
    const auto data = mapWhole(file, fallback);
    if (!data)
        return unreadable(ref.path, file.errorString());
    return archive::extractZipEntry(*data, *ref.entry);
}

DecodedFile FormatRegistry::decodeFile(const ActivityFileRef& file) const
{
    Result<QByteArray> bytes = load(file);
    if (!bytes) {
        DecodedFile out;
        out.error = ReadError{bytes.error().code, bytes.error().message, -1, -1};
        return out;
    }
    return decode(file.fileName(), *bytes);
}

} // namespace tricoach
