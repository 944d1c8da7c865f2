#include "core/io/formatregistry.h"

#include "core/io/archive/gzip.h"
#include "core/io/fit/fitreader.h"
#include "core/io/gpx/gpxreader.h"
#include "core/io/tcx/tcxreader.h"
#include "core/model/activitytitle.h"
#include "core/model/plausible.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace tricoach {

namespace {

const QLatin1String kGzSuffix(".gz");
const QLatin1String kZipSuffix(".zip");
constexpr qsizetype kSniffBytes = 4096;

// What decoding holds besides the file's own bytes, per byte of (unpacked) content, at its peak: the decoded
// samples (a double per channel and second), the reader's working copies (FIT's records, the XML readers' track
// points in a vector that grows by doubling), the encoded streams. Measured on the heap (import_memory_test): a
// 1 Hz FIT ride of 30-byte records peaks at 6.1 times its size, a GPX of bare 96-byte track points at 3.6 times
// (richer points of 200-400 bytes, as devices write them, at less). With some headroom:
constexpr double kFitDecodeBytesPerByte = 5.5;
constexpr double kXmlDecodeBytesPerByte = 3.0;
// A gzip inside a zip entry hides its unpacked size until it is unpacked; activity files pack 3-15 times
// smaller, so this first guess fits nearly all of them. A larger one is read again under its format's limit.
constexpr qint64 kGzipRatioGuess = 16;
// The least unpacking is allowed: a tiny gzip file need not be read twice over a wrong guess.
constexpr qint64 kMinUnpackedGuess = qint64(64) << 10;

QString withoutGz(const QString& name)
{
    return name.endsWith(kGzSuffix, Qt::CaseInsensitive) ? name.chopped(kGzSuffix.size()) : name;
}

bool isZipName(const QString& name)
{
    return name.endsWith(kZipSuffix, Qt::CaseInsensitive);
}

// macOS keeps a file's metadata beside it as "._name" (AppleDouble) on disks of other systems, and zips it into
// "__MACOSX/"; neither holds an activity, so both are passed over without a word.
const QLatin1String kMacOsMetadataFolder("__MACOSX");
bool isAppleDoubleName(QStringView name)
{
    return name.startsWith(QLatin1String("._"));
}
bool isAppleDoubleLitter(const QString& relativePath)
{
    const QStringList parts = relativePath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    return !parts.isEmpty() && (isAppleDoubleName(parts.back()) || parts.contains(kMacOsMetadataFolder));
}

QString mebibytes(qint64 bytes)
{
    return QString::number(static_cast<double>(bytes) / (1024.0 * 1024.0), 'f', 1);
}

Error tooLarge(const ActivityFileRef& file, qint64 bytes, const QString& formatId)
{
    const QString kind =
        formatId.isEmpty() ? QStringLiteral("activity") : formatId.toUpper() + QStringLiteral(" activity");
    return makeError(QStringLiteral("%1 is %2 MiB, more than any %3 file holds (TriCoach reads up to %4 MiB); it "
                                    "was not %5.")
                         .arg(file.displayName(), mebibytes(bytes), kind,
                              mebibytes(FormatRegistry::maxFileBytes(formatId)),
                              file.entry ? QStringLiteral("unpacked") : QStringLiteral("read")),
                     QStringLiteral("import.too-large"));
}

qint64 memoryFor(const ReadPlan& plan)
{
    const double perByte = plan.formatId == QLatin1String("fit") ? kFitDecodeBytesPerByte : kXmlDecodeBytesPerByte;
    const qint64 content = plan.gzip ? plan.maxUnpacked : plan.fileBytes;
    return plan.fileBytes + (plan.gzip ? plan.maxUnpacked : 0) +
           static_cast<qint64>(std::ceil(perByte * static_cast<double>(content)));
}

// The unpacked size a gzip file declares in its last four bytes (RFC 1952 ISIZE: the size modulo 2^32 of its
// last member), or -1 when the file is too short to have one.
qint64 gzipDeclaredSize(QFile& file, qint64 size)
{
    if (size < 18 || !file.seek(size - 4))
        return -1;
    const QByteArray tail = file.read(4);
    if (tail.size() != 4)
        return -1;
    quint32 v = 0;
    for (int i = 3; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(tail[i]);
    return v;
}

// The whole file, memory-mapped when possible so a large archive is not copied. `file` must outlive the view.
std::optional<QByteArrayView> mapWhole(QFile& file, QByteArray& fallback)
{
    if (file.size() == 0)
        return QByteArrayView();
    if (uchar* mapped = file.map(0, file.size()))
        return QByteArrayView(reinterpret_cast<const char*>(mapped), file.size());
    fallback = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return std::nullopt;
    return QByteArrayView(fallback);
}

Error unreadable(const QString& path, const QString& reason)
{
    return makeError(QStringLiteral("Could not read %1: %2.").arg(printablePath(path), reason),
                     QStringLiteral("io.unreadable"));
}

DecodedFile failedWith(const Error& e)
{
    DecodedFile out;
    out.error = ReadError{e.code, e.message, -1, -1};
    return out;
}

// The last part of a '/'-separated path (QFileInfo would touch the disk for nothing).
QStringView fileNameOf(const QString& path)
{
    return QStringView(path).sliced(path.lastIndexOf(QLatin1Char('/')) + 1);
}

// Reads exactly the file's current size (QIODevice::read(n) would allocate n bytes up front).
Result<QByteArray> readWhole(QFile& file, const ActivityFileRef& ref, qint64 maxBytes)
{
    const qint64 size = file.size();
    if (size > maxBytes)
        return tooLarge(ref, size, QString());
    QByteArray bytes(size, Qt::Uninitialized);
    qint64 done = 0;
    while (done < size) {
        const qint64 n = file.read(bytes.data() + done, size - done);
        if (n < 0)
            return unreadable(ref.path, file.errorString());
        if (n == 0)
            break; // shrank since its size was taken
        done += n;
    }
    bytes.truncate(done);
    return bytes;
}

} // namespace

QString ActivityFileRef::displayName() const
{
    return entry ? printablePath(path) + QLatin1Char('!') + entry->name : printablePath(path);
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

qint64 FormatRegistry::maxFileBytes(QStringView formatId)
{
    return formatId == QLatin1String("fit") ? kMaxFitFileBytes : kMaxXmlFileBytes;
}

namespace {

// How long an activity read from a file lasted: its summary's times or, when those were lost, its track's span.
double recordedSeconds(const Activity& a)
{
    const std::vector<double>& t = a.streams.time;
    const double span = t.size() > 1 && std::isfinite(t.back() - t.front()) ? t.back() - t.front() : 0.0;
    const double longest = std::max({a.movingSec, a.elapsedSec, span});
    return std::isfinite(longest) ? longest : 0.0;
}

// Every format's activities pass here, so one rule decides what is too short to be training: a file whose
// activities all last under plausible::kMinRecordingSec is refused, saying how long it lasted. (A multisport file
// keeps a short transition leg; only a file with nothing longer is refused.)
DecodedFile refusingNonTraining(DecodedFile file)
{
    if (file.activities.empty())
        return file;
    double longest = 0;
    std::size_t points = 0;
    for (const Activity& a : file.activities) {
        longest = std::max(longest, recordedSeconds(a));
        points += a.streams.time.size();
    }
    if (longest >= plausible::kMinRecordingSec)
        return file;
    const QString length = QStringLiteral("%1 s").arg(QString::number(longest < 0.05 ? 0.0 : longest, 'f', 1));
    const QString what = points == 0   ? QStringLiteral("no track points")
                         : points == 1 ? QStringLiteral("a single track point")
                                       : QStringLiteral("%1 track points").arg(points);
    const QString lasts = file.activities.size() == 1
                              ? QStringLiteral("This recording lasts %1 (%2)").arg(length, what)
                              : QStringLiteral("The file's %1 recordings last at most %2 each (%3 in all)")
                                    .arg(QString::number(file.activities.size()), length, what);
    file.activities.clear();
    file.error = ReadError{QStringLiteral("import.too-short"),
                           QStringLiteral("%1: too short to be a training session (TriCoach imports recordings of "
                                          "%2 s or more), so nothing was imported. It is usually a watch started "
                                          "and stopped at once, or a test file.")
                               .arg(lasts)
                               .arg(plausible::kMinRecordingSec),
                           -1, -1};
    return file;
}

} // namespace

DecodedFile FormatRegistry::decode(const QString& fileName, QByteArrayView bytes, qint64 maxUnpacked) const
{
    QByteArray inflated;
    QString name = fileName;
    if (archive::isGzip(bytes)) {
        Result<QByteArray> unpacked =
            archive::gunzip(bytes, maxUnpacked >= 0 ? maxUnpacked : maxFileBytes(formatIdForName(name)));
        if (!unpacked)
            return failedWith(unpacked.error());
        inflated = std::move(unpacked).value();
        bytes = inflated;
        name = withoutGz(name);
    }
    const ActivityReader* r = readerFor(name, bytes.first(std::min(bytes.size(), kSniffBytes)));
    if (r == nullptr) {
        QStringList ids;
        for (const QString& id : formatIds())
            ids.append(id.toUpper());
        return failedWith(
            makeError(QStringLiteral("%1 is not an activity file TriCoach can read (%2).")
                          .arg(QFileInfo(printablePath(fileName)).fileName(), ids.join(QStringLiteral(", "))),
                      QStringLiteral("format.unknown")));
    }
    if (bytes.size() > maxFileBytes(r->formatId()))
        return failedWith(tooLarge(ActivityFileRef{fileName, std::nullopt}, bytes.size(), r->formatId()));
    DecodedFile decoded = refusingNonTraining(r->read(bytes));
    for (Activity& a : decoded.activities)
        giveDefaultTitle(a);
    return decoded;
}

ExpandResult FormatRegistry::expand(const QString& path) const
{
    ExpandResult out;
    const Result<PathInfo> info = inspectPath(path);
    if (!info) {
        out.problems.push_back({printablePath(path), info.error()});
    } else if (info->kind == PathInfo::Kind::Folder) {
        FolderListing listing = listFolder(path, [](const QString& name) { return name == kMacOsMetadataFolder; });
        std::sort(listing.files.begin(), listing.files.end());
        for (const QString& p : listing.files) {
            if (isAppleDoubleName(fileNameOf(p)))
                continue;
            if (isZipName(p))
                expandZip(p, out);
            else if (isActivityFileName(p))
                out.files.push_back({p, std::nullopt});
        }
        // Every folder that could not be listed is reported (what it holds is unknown), and every entry that
        // could not be inspected when its name is one an import would read.
        for (const FolderListing::Failure& f : listing.failures) {
            const QStringView name = fileNameOf(f.path);
            const QString nameText = name.toString();
            if (f.folder || (!isAppleDoubleName(name) && (isZipName(nameText) || isActivityFileName(nameText))))
                out.problems.push_back({printablePath(f.path), f.error});
        }
    } else if (isZipName(path)) {
        expandZip(path, out);
    } else if (isActivityFileName(path)) {
        out.files.push_back({path, std::nullopt});
    } else {
        out.problems.push_back(
            {printablePath(path),
             makeError(QStringLiteral("%1 is not an activity file (expected .fit, .tcx or .gpx, possibly "
                                      "gzip-compressed, a .zip export or a folder).")
                           .arg(fileNameOf(printablePath(path)).toString()),
                       QStringLiteral("import.not-activity"))});
    }
    return out;
}

void FormatRegistry::expandZip(const QString& path, ExpandResult& out) const
{
    auto file = openForReading(path);
    if (!file) {
        out.problems.push_back({printablePath(path), file.error()});
        return;
    }
    QByteArray fallback;
    const auto data = mapWhole(**file, fallback);
    if (!data) {
        out.problems.push_back({printablePath(path), unreadable(path, (*file)->errorString())});
        return;
    }
    Result<std::vector<archive::ArchiveEntry>> entries = archive::listZip(*data);
    if (!entries) {
        out.problems.push_back({printablePath(path), entries.error()});
        return;
    }
    for (archive::ArchiveEntry& e : *entries) {
        if (!e.isDirectory() && isActivityFileName(e.name) && !isAppleDoubleLitter(e.name))
            out.files.push_back({path, std::move(e)});
    }
}

Result<ReadPlan> FormatRegistry::plan(const ActivityFileRef& file) const
{
    ReadPlan p;
    const QString name = file.fileName();
    qint64 declaredUnpacked = -1;
    if (file.entry) {
        // The archive gives the entry's size; its head would take unpacking, so its name decides the format.
        p.fileBytes = file.entry->uncompressedSize;
        p.gzip = name.endsWith(kGzSuffix, Qt::CaseInsensitive);
        p.formatId = formatIdForName(name);
    } else {
        auto opened = openForReading(file.path);
        if (!opened)
            return opened.error();
        QFile& f = **opened;
        p.fileBytes = f.size();
        const QByteArray head = f.read(std::min<qint64>(p.fileBytes, kSniffBytes));
        p.gzip = archive::isGzip(head);
        if (p.gzip) {
            p.formatId = formatIdForName(name);
            declaredUnpacked = gzipDeclaredSize(f, p.fileBytes);
        } else if (const ActivityReader* r = readerFor(name, head)) {
            p.formatId = r->formatId();
        } else {
            const DecodedFile unknown = decode(name, head); // the message a whole read would give
            return makeError(unknown.error ? unknown.error->message : QString(), QStringLiteral("format.unknown"));
        }
    }
    const qint64 limit = maxFileBytes(p.formatId);
    if (p.fileBytes > limit)
        return tooLarge(file, p.fileBytes, p.formatId);
    if (declaredUnpacked > limit)
        return makeError(QStringLiteral("%1 unpacks to %2 MiB, more than any activity file holds (TriCoach reads up "
                                        "to %3 MiB); it was not unpacked.")
                             .arg(file.displayName(), mebibytes(declaredUnpacked), mebibytes(limit)),
                         QStringLiteral("archive.too-large"));
    const qint64 guess = declaredUnpacked >= 0 ? declaredUnpacked : p.fileBytes * kGzipRatioGuess;
    p.maxUnpacked = std::clamp(guess, kMinUnpackedGuess, limit);
    p.memoryBytes = memoryFor(p);
    return p;
}

ReadPlan FormatRegistry::withFullUnpacking(ReadPlan plan)
{
    plan.gzip = true;
    plan.maxUnpacked = maxFileBytes(plan.formatId);
    plan.memoryBytes = memoryFor(plan);
    return plan;
}

Result<QByteArray> FormatRegistry::load(const ActivityFileRef& ref, qint64 maxBytes)
{
    auto file = openForReading(ref.path);
    if (!file)
        return file.error();
    if (!ref.entry)
        return readWhole(**file, ref, maxBytes);
    if (ref.entry->uncompressedSize > maxBytes)
        return tooLarge(ref, ref.entry->uncompressedSize, QString());
    QByteArray fallback;
    const auto data = mapWhole(**file, fallback);
    if (!data)
        return unreadable(ref.path, (*file)->errorString());
    return archive::extractZipEntry(*data, *ref.entry, maxBytes);
}

DecodedFile FormatRegistry::decodeFile(const ActivityFileRef& file) const
{
    const Result<ReadPlan> p = plan(file);
    if (!p)
        return failedWith(p.error());
    Result<QByteArray> bytes = load(file, p->fileBytes);
    if (!bytes)
        return failedWith(bytes.error());
    return decode(file.fileName(), *bytes, maxFileBytes(p->formatId));
}

} // namespace tricoach
