#include "core/io/localfiles.h"

#include <algorithm>
#include <system_error>

#ifdef Q_OS_WIN
#include <QDirIterator>
#include <QFileInfo>
#else
#include <cerrno>
#include <climits>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace tricoach {

namespace {

// PEP 383: an undecodable byte b becomes U+DC00 + b (b >= 0x80, so U+DC80..U+DCFF).
constexpr char16_t kEscapeBase = 0xDC00;
constexpr char16_t kFirstEscape = 0xDC80;
constexpr char16_t kLastEscape = 0xDCFF;

bool isEscape(char16_t unit)
{
    return unit >= kFirstEscape && unit <= kLastEscape;
}

Error notFound(const QString& path)
{
    return makeError(QStringLiteral("%1 does not exist.").arg(printablePath(path)), QStringLiteral("io.not-found"));
}

Error unreadable(const QString& path, const QString& reason)
{
    return makeError(QStringLiteral("Could not read %1: %2.").arg(printablePath(path), reason),
                     QStringLiteral("io.unreadable"));
}

#ifndef Q_OS_WIN

// The system's words for an errno value (std::generic_category is thread-safe, strerror is not).
QString reason(int err)
{
    switch (err) {
    case EACCES:
    case EPERM:
        return QStringLiteral("permission denied");
    case ENAMETOOLONG:
        return QStringLiteral("a name in its path is longer than the system allows");
    case EMFILE:
    case ENFILE:
        return QStringLiteral("too many files are open (a folder nested too deep?)");
    default:
        return QString::fromStdString(std::generic_category().message(err)).toLower();
    }
}

Error readError(const QString& path, int err)
{
    return err == ENOENT || err == ENOTDIR ? notFound(path) : unreadable(path, reason(err));
}

Error folderError(const QString& path, int err)
{
    return makeError(QStringLiteral("Could not read the folder %1: %2; the files in it were not imported.")
                         .arg(printablePath(path), reason(err)),
                     QStringLiteral("io.unreadable"));
}

// Calls `use(folder, name)` with a folder descriptor and a name in it that together reach `native`: the path
// itself against the working folder when the system resolves it in one call, else its folders opened one at a
// time, as only the whole path is limited to PATH_MAX (each name only to NAME_MAX). Returns what `use` returns,
// or -1 with errno set when a folder on the way cannot be opened.
template <typename Use> int atPath(const QByteArray& native, Use use)
{
    const QList<QByteArray> parts = native.split('/');
    qsizetype last = parts.size() - 1;
    while (last >= 0 && parts[last].isEmpty())
        --last;
    if (native.size() < PATH_MAX || last < 0)
        return use(AT_FDCWD, native.constData());
    int folder = ::open(native.startsWith('/') ? "/" : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    for (qsizetype i = 0; i < last && folder >= 0; ++i) {
        if (parts[i].isEmpty())
            continue;
        const int next = ::openat(folder, parts[i].constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        const int err = errno;
        ::close(folder);
        errno = err;
        folder = next;
    }
    if (folder < 0)
        return -1;
    const int result = use(folder, parts[last].constData());
    const int err = errno;
    ::close(folder);
    errno = err;
    return result;
}

void walk(int folder, const QString& folderPath, const std::function<bool(const QString&)>& skipFolder,
          FolderListing& out)
{
    // The entries are read first and the listing closed, so a walk holds one descriptor per level, not two.
    const int listFd = ::dup(folder);
    DIR* dir = listFd >= 0 ? ::fdopendir(listFd) : nullptr;
    if (dir == nullptr) {
        const int err = errno;
        if (listFd >= 0)
            ::close(listFd);
        out.failures.push_back({folderPath, folderError(folderPath, err), true});
        return;
    }
    struct Entry {
        QByteArray name;
        unsigned char type;
    };
    std::vector<Entry> entries;
    for (;;) {
        errno = 0;
        const dirent* e = ::readdir(dir);
        if (e == nullptr) {
            if (errno != 0)
                out.failures.push_back({folderPath, folderError(folderPath, errno), true});
            break;
        }
        const QByteArrayView name(e->d_name);
        if (name != QByteArrayView(".") && name != QByteArrayView(".."))
            entries.push_back({name.toByteArray(), e->d_type});
    }
    ::closedir(dir);

    for (const Entry& e : entries) {
        const QString name = pathFromNative(e.name);
        const QString path = folderPath + QLatin1Char('/') + name;
        unsigned char type = e.type;
        struct stat st {};
        if (type == DT_UNKNOWN) { // some file systems do not say; ask
            if (::fstatat(folder, e.name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
                out.failures.push_back({path, readError(path, errno), false});
                continue;
            }
            type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : S_ISREG(st.st_mode) ? DT_REG : DT_FIFO;
        }
        if (type == DT_DIR) {
            if (skipFolder && skipFolder(name))
                continue;
            const int sub = ::openat(folder, e.name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub < 0) {
                out.failures.push_back({path, folderError(path, errno), true});
                continue;
            }
            walk(sub, path, skipFolder, out);
            ::close(sub);
        } else if (type == DT_REG) {
            out.files.append(path);
        } else if (type == DT_LNK) {
            if (::fstatat(folder, e.name.constData(), &st, 0) != 0) {
                const int err = errno;
                out.failures.push_back(
                    {path,
                     err == ENOENT
                         ? makeError(
                               QStringLiteral("%1 is a link to a file that does not exist.").arg(printablePath(path)),
                               QStringLiteral("io.not-found"))
                         : readError(path, err),
                     false});
            } else if (S_ISREG(st.st_mode)) {
                out.files.append(path);
            }
        }
    }
}

#endif

} // namespace

QString pathFromNative(QByteArrayView native)
{
    QString out;
    out.reserve(native.size());
    const auto* p = reinterpret_cast<const unsigned char*>(native.data());
    const qsizetype n = native.size();
    for (qsizetype i = 0; i < n;) {
        const unsigned char b = p[i];
        if (b < 0x80) {
            out.append(QLatin1Char(static_cast<char>(b)));
            ++i;
            continue;
        }
        // UTF-8 (RFC 3629): the shortest form only, no surrogates, nothing above U+10FFFF.
        int length = 0;
        char32_t cp = 0, least = 0;
        if ((b & 0xE0) == 0xC0) {
            length = 2, cp = b & 0x1F, least = 0x80;
        } else if ((b & 0xF0) == 0xE0) {
            length = 3, cp = b & 0x0F, least = 0x800;
        } else if ((b & 0xF8) == 0xF0) {
            length = 4, cp = b & 0x07, least = 0x10000;
        }
        bool valid = length > 0 && i + length <= n;
        for (int k = 1; valid && k < length; ++k) {
            valid = (p[i + k] & 0xC0) == 0x80;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        valid = valid && cp >= least && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
        if (!valid) {
            out.append(QChar(static_cast<char16_t>(kEscapeBase + b)));
            ++i;
        } else if (cp >= 0x10000) {
            out.append(QChar(QChar::highSurrogate(cp)));
            out.append(QChar(QChar::lowSurrogate(cp)));
            i += length;
        } else {
            out.append(QChar(static_cast<char16_t>(cp)));
            i += length;
        }
    }
    return out;
}

QByteArray nativeFromPath(const QString& path)
{
    const bool escaped = std::any_of(path.begin(), path.end(), [](QChar c) { return isEscape(c.unicode()); });
    if (!escaped)
        return path.toUtf8();
    QByteArray out;
    out.reserve(path.size() * 3);
    for (qsizetype i = 0; i < path.size(); ++i) {
        const char16_t u = path.at(i).unicode();
        if (QChar::isHighSurrogate(u) && i + 1 < path.size() && QChar::isLowSurrogate(path.at(i + 1).unicode())) {
            out += QStringView(path).sliced(i, 2).toUtf8();
            ++i;
        } else if (isEscape(u)) { // a pair's low half was taken above, so this one stands alone: a raw byte
            out.append(static_cast<char>(u - kEscapeBase));
        } else {
            out += QStringView(path).sliced(i, 1).toUtf8();
        }
    }
    return out;
}

QString printablePath(const QString& path)
{
    QString out;
    out.reserve(path.size());
    for (qsizetype i = 0; i < path.size(); ++i) {
        const char16_t u = path.at(i).unicode();
        const bool paired = i > 0 && QChar::isHighSurrogate(path.at(i - 1).unicode());
        if (isEscape(u) && !paired)
            out += QStringLiteral("\\x") + QString::number(u - kEscapeBase, 16).toUpper();
        else
            out.append(QChar(u));
    }
    return out;
}

#ifndef Q_OS_WIN

Result<PathInfo> inspectPath(const QString& path)
{
    struct stat st {};
    if (atPath(nativeFromPath(path), [&st](int folder, const char* name) { return ::fstatat(folder, name, &st, 0); }) !=
        0)
        return readError(path, errno);
    PathInfo info;
    info.kind = S_ISREG(st.st_mode)   ? PathInfo::Kind::File
                : S_ISDIR(st.st_mode) ? PathInfo::Kind::Folder
                                      : PathInfo::Kind::Other;
    info.size = static_cast<qint64>(st.st_size);
    return info;
}

Result<std::unique_ptr<QFile>> openForReading(const QString& path)
{
    // O_NONBLOCK: opening a pipe for reading would otherwise wait for a writer; regular files ignore it.
    const int fd = atPath(nativeFromPath(path), [](int folder, const char* name) {
        return ::openat(folder, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    });
    if (fd < 0) // a file that was listed and is gone is a read failure, not a wrong path: io.unreadable
        return unreadable(path, reason(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        const bool folder = S_ISDIR(st.st_mode);
        ::close(fd);
        return unreadable(path, folder ? QStringLiteral("it is a folder") : QStringLiteral("it is not a regular file"));
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    auto file = std::make_unique<QFile>();
    if (!file->open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return unreadable(path, file->errorString());
    }
    return file;
}

FolderListing listFolder(const QString& root, const std::function<bool(const QString& name)>& skipFolder)
{
    FolderListing out;
    QString base = root;
    while (base.size() > 1 && base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const int folder = atPath(nativeFromPath(base), [](int at, const char* name) {
        return ::openat(at, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    });
    if (folder < 0) {
        out.failures.push_back({base, folderError(base, errno), true});
        return out;
    }
    walk(folder, base == QLatin1String("/") ? QString() : base, skipFolder, out);
    ::close(folder);
    return out;
}

#else // Windows: names are UTF-16 already; Qt's classes read them without loss.

Result<PathInfo> inspectPath(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return notFound(path);
    PathInfo out;
    out.kind = info.isFile() ? PathInfo::Kind::File : info.isDir() ? PathInfo::Kind::Folder : PathInfo::Kind::Other;
    out.size = info.size();
    return out;
}

Result<std::unique_ptr<QFile>> openForReading(const QString& path)
{
    auto file = std::make_unique<QFile>(path);
    if (!QFileInfo(path).isFile())
        return QFileInfo::exists(path) ? unreadable(path, QStringLiteral("it is not a regular file")) : notFound(path);
    if (!file->open(QIODevice::ReadOnly))
        return unreadable(path, file->errorString());
    return file;
}

FolderListing listFolder(const QString& root, const std::function<bool(const QString& name)>& skipFolder)
{
    FolderListing out;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = path.mid(root.size());
        bool skipped = false;
        for (const QString& part : relative.split(QLatin1Char('/'), Qt::SkipEmptyParts).mid(0, -1))
            skipped = skipped || (skipFolder && skipFolder(part));
        if (!skipped)
            out.files.append(path);
    }
    return out;
}

#endif

} // namespace tricoach
