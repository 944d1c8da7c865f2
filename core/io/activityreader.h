#pragma once

#include "core/model/activity.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace tricoach {

// Why a file could not be read (fully): what is wrong, in words, and where.
struct ReadError {
    QString code;           // stable id, e.g. "fit.crc", "fit.truncated", "xml.malformed"
    QString message;        // a sentence a person can act on
    qint64 byteOffset = -1; // where the problem was found (binary formats), -1 if not applicable
    qint64 line = -1;       // 1-based line (text formats), -1 if not applicable
};

// What a reader made of one file. A broken file may still yield activities (whatever could be recovered),
// together with the error saying what was lost.
struct DecodedFile {
    std::vector<Activity> activities; // one per leg for multisport files, else one
    QStringList warnings;             // problems worked around without losing data
    std::optional<ReadError> error;

    bool ok() const { return !error.has_value() && !activities.empty(); }
    bool recovered() const { return error.has_value() && !activities.empty(); }
};

// One activity-file format. Readers take the file's bytes (never a path) so tests and archives feed memory.
class ActivityReader {
public:
    virtual ~ActivityReader() = default;
    // Stable format id: "fit", "tcx", "gpx".
    virtual QString formatId() const = 0;
    // True when `head` (the first bytes of a file) looks like this format.
    virtual bool sniff(QByteArrayView head) const = 0;
    virtual DecodedFile read(QByteArrayView data) const = 0;
};

} // namespace tricoach
