#pragma once

#include "core/io/activityreader.h"
#include "core/io/archive/zip.h"
#include "core/util/result.h"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace tricoach {

// One activity file found by FormatRegistry::expand: a file on disk, or an entry of a zip archive on disk.
struct ActivityFileRef {
    QString path;                               // the file, or the archive holding it
    std::optional<archive::ArchiveEntry> entry; // set for a file inside a .zip archive

    // "path" or "path!entry/name", for messages and lists.
    QString displayName() const;
    // The name that decides the format: the entry's name, else the path.
    QString fileName() const;
};

// Something expand could not read (a missing file, a damaged archive), with the reason.
struct ImportProblem {
    QString path; // as ActivityFileRef::displayName
    Error error;
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

    // Decodes a file's bytes: gzip is unwrapped first (recognised by its signature, the ".gz" suffix is dropped
    // from the name), then the reader chosen by readerFor reads the rest. Errors of its own: the gzip errors of
    // archive::gunzip, and "format.unknown".
    DecodedFile decode(const QString& fileName, QByteArrayView bytes) const;

    // The activity files at `path`:
    // - a folder: every activity file below it, recursively (a Garmin device's GARMIN/Activity/*.fit, an unpacked
    //   export), and the activity files inside each .zip found there;
    // - a .zip archive (Garmin Connect or Strava bulk export): its activity entries, .gz-compressed ones included;
    // - any other file: itself when its name is an activity file's.
    // Files of other kinds (.csv, .json, .jpg, ...) inside folders and archives are skipped silently; what cannot
    // be read (permissions, a damaged archive) and a single file of an unknown kind are reported as problems.
    ExpandResult expand(const QString& path) const;

    // The bytes of a file found by expand (a zip entry is extracted; gzip stays for decode to unwrap).
    // Errors: "io.unreadable" and those of archive::extractZipEntry.
    static Result<QByteArray> load(const ActivityFileRef& file);

    // load + decode; a load failure becomes the DecodedFile's error.
    DecodedFile decodeFile(const ActivityFileRef& file) const;

private:
    void expandZip(const QString& path, ExpandResult& out) const;

    std::vector<std::unique_ptr<ActivityReader>> m_readers;
};

} // namespace tricoach
