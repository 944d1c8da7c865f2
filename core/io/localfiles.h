#pragma once

// Files and folders on the local disk as an import meets them: names that are not valid UTF-8, folders that
// cannot be read, paths longer than the system resolves in one call. Qt's file classes lose the first (a name
// decoded to U+FFFD no longer opens) and QDirIterator skips the others without a word, so the import walks,
// inspects and opens files through these functions instead.

#include "core/util/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QFile>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace tricoach {

// A path that could not be read, or a file or folder found there that could not, and why.
struct ImportProblem {
    QString path; // printable (printablePath), or "archive!entry"
    Error error;
};

// A path as the system spells it (bytes on Unix), as a QString without loss: valid UTF-8 is decoded and every
// byte that is not is kept as the lone code unit U+DC00 + byte (PEP 383's "surrogate escape"), which no valid
// name decodes to. nativeFromPath() gives the bytes back exactly. Windows names are UTF-16 already.
QString pathFromNative(QByteArrayView native);
QByteArray nativeFromPath(const QString& path);
// The path for messages and reports: escaped bytes read \xNN (as `ls -b` shows them), the rest as it is.
QString printablePath(const QString& path);

// What is at a path (symbolic links followed).
struct PathInfo {
    enum class Kind { File, Folder, Other };
    Kind kind = Kind::Other;
    qint64 size = 0;
};
// Errors: "io.not-found" (nothing there, or a link to nothing), "io.unreadable" (permission denied, ...).
Result<PathInfo> inspectPath(const QString& path);

// A regular file opened for reading, whatever its name's bytes and however long its path. Errors: "io.unreadable"
// (also when it is gone, and for a folder, a pipe or a device: reading one could block or never end).
Result<std::unique_ptr<QFile>> openForReading(const QString& path);

// Every regular file below a folder, and what could not be read on the way.
struct FolderListing {
    // A folder that could not be opened or listed, or an entry that could not be inspected (a link to nothing).
    struct Failure {
        QString path; // as `files` spells paths
        Error error;  // its message names the path printably
        bool folder = false;
    };
    QStringList files; // paths as pathFromNative gives them, in no particular order
    std::vector<Failure> failures;
};
// Walks `root` recursively. Links to files are listed; links to folders are not followed (they could loop, and
// Qt's walk did not follow them either); pipes, sockets and devices are left out. Folders whose name
// `skipFolder` accepts are not entered.
FolderListing listFolder(const QString& root, const std::function<bool(const QString& name)>& skipFolder = {});

} // namespace tricoach
