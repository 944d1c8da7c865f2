#pragma once

#include "core/io/activityreader.h"
#include "core/io/archive/zip.h"
#include "core/io/localfiles.h"
#include "core/util/result.h"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace tricoach {

// The largest file of each format an import reads. A larger one is not the recording of one session (or not the
// format its name says) and reading it would only fill memory, so it is refused, before it is read, with a
// message saying so. gzip-compressed files are held to the same limits, packed and unpacked.
// FIT: binary records of 20-60 bytes a second; a 24-hour recording at 1 Hz with every sensor is 5-10 MB, so
// even a week-long expedition recorded every second stays well under this.
inline constexpr qint64 kMaxFitFileBytes = qint64(64) << 20;
// TCX and GPX: XML at 150-400 bytes a track point; a 100-hour race recorded every second with heart rate,
// cadence and power extensions is ~150 MB, a 10-day hike at 1 Hz ~200 MB.
inline constexpr qint64 kMaxXmlFileBytes = qint64(256) << 20;

// One activity file found by FormatRegistry::expand: a file on disk, or an entry of a zip archive on disk.
struct ActivityFileRef {
    QString path;                               // the file, or the archive holding it
    std::optional<archive::ArchiveEntry> entry; // set for a file inside a .zip archive

    // "path" or "path!entry/name", for messages and lists (printablePath: raw name bytes read \xNN).
    QString displayName() const;
    // The name that decides the format: the entry's name, else the path.
    QString fileName() const;
};

// How one file will be read, decided from its size and first bytes before the rest is read.
struct ReadPlan {
    QString formatId;       // the reader picked by name and header; empty while gzip hides it (decided unpacked)
    qint64 fileBytes = 0;   // what is read: the file on disk, or the zip entry unpacked
    bool gzip = false;      // the content is gzip-compressed (by its signature, or for a zip entry its name)
    qint64 maxUnpacked = 0; // the most that unpacking gzip may produce (gzip found inside a zip entry too)
    qint64 memoryBytes = 0; // what reading and decoding it is expected to hold at its peak
};

// What expand found: the activity files, and what could not be read.
struct ExpandResult {
    std::vector<ActivityFileRef> files; // in a stable order: sorted by path, archive entries in archive order
    std::vector<ImportProblem> problems;
};

// The activity-file formats TriCoach reads and the one place that picks a reader for a file. Explicit, owned by
// whoever imports (no self-registration, no global instance).
class FormatRegistry {
public:
    // A registry holding the built-in readers: FIT, TCX and GPX.
    FormatRegistry();
    // An empty registry (for tests); fill it with add().
    struct Empty {};
    explicit FormatRegistry(Empty) {}

    FormatRegistry(FormatRegistry&&) noexcept = default;
    FormatRegistry& operator=(FormatRegistry&&) noexcept = default;
    ~FormatRegistry();

    void add(std::unique_ptr<ActivityReader> reader);
    // The reader whose formatId() is `formatId` ("fit", "tcx", "gpx"), or null.
    const ActivityReader* reader(QStringView formatId) const;
    std::vector<QString> formatIds() const;

    // The format a file name's suffix names: ".fit", ".tcx", ".gpx", each also with ".gz", case-insensitive;
    // empty when none does.
    QString formatIdForName(const QString& fileName) const;
    bool isActivityFileName(const QString& fileName) const { return !formatIdForName(fileName).isEmpty(); }

    // The reader for a file: by the name's suffix; by sniffing `head` (the file's first bytes, ideally 4 KiB or
    // more) when the suffix names no format, or when it names one whose sniff rejects `head` while another's
    // accepts it (a mislabelled file). Null when nothing matches.
    const ActivityReader* readerFor(const QString& fileName, QByteArrayView head) const;

    // The most bytes a file of the format may hold: kMaxFitFileBytes, kMaxXmlFileBytes, the larger for an
    // unknown format.
    static qint64 maxFileBytes(QStringView formatId);

    // Decodes a file's bytes: gzip is unwrapped first (recognised by its signature, the ".gz" suffix is dropped
    // from the name; unpacking stops past `maxUnpacked`, by default the format's limit), then the reader chosen
    // by readerFor reads the rest. Errors of its own: the gzip errors of archive::gunzip, "format.unknown", and
    // "import.too-large" (more than the format's maxFileBytes).
    DecodedFile decode(const QString& fileName, QByteArrayView bytes, qint64 maxUnpacked = -1) const;

    // The activity files at `path`:
    // - a folder: every activity file below it, recursively (a Garmin device's GARMIN/Activity/*.fit, an unpacked
    //   export), and the activity files inside each .zip found there;
    // - a .zip archive (Garmin Connect or Strava bulk export): its activity entries, .gz-compressed ones included;
    // - any other file: itself when its name is an activity file's.
    // Files of other kinds (.csv, .json, .jpg, ...) and macOS's AppleDouble litter ("._name" files, "__MACOSX"
    // folders) inside folders and archives are skipped silently. Everything else that cannot be read is reported
    // as a problem with its reason: a missing path, a folder that cannot be opened or listed (permissions), a
    // link to nothing, a damaged archive, a single file of an unknown kind. Names that are not UTF-8 and paths
    // longer than PATH_MAX are read like any other (core/io/localfiles.h).
    ExpandResult expand(const QString& path) const;

    // How `file` will be read, found from its size and its first bytes (and a gzip file's size trailer) without
    // reading the rest: the reader by name and header, and that format's size limit. Errors: "import.too-large"
    // (more than maxFileBytes, before any of it is read), "format.unknown" (neither the name nor the header names
    // a format), and those of openForReading.
    Result<ReadPlan> plan(const ActivityFileRef& file) const;
    // `plan` allowing gzip to unpack up to the format's limit, for a second try after its first guess proved
    // too small ("archive.too-large" from decode with a maxUnpacked below the limit).
    static ReadPlan withFullUnpacking(ReadPlan plan);

    // The bytes of a file found by expand (a zip entry is extracted; gzip stays for decode to unwrap), at most
    // `maxBytes` of them. Errors: "io.unreadable", "import.too-large", and those of archive::extractZipEntry.
    static Result<QByteArray> load(const ActivityFileRef& file, qint64 maxBytes = kMaxXmlFileBytes);

    // plan + load + decode; a failure becomes the DecodedFile's error.
    DecodedFile decodeFile(const ActivityFileRef& file) const;

private:
    void expandZip(const QString& path, ExpandResult& out) const;

    std::vector<std::unique_ptr<ActivityReader>> m_readers;
};

} // namespace tricoach
