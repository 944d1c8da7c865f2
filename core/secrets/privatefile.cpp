#include "core/secrets/privatefile.h"

#include "core/io/localfiles.h"
#include "core/secrets/secretstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>

#include <thread>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#else
#include <QFile>
#include <QLockFile>
#include <QSaveFile>
#endif

namespace tricoach {

namespace {

// A few sign-ins and keys take a few kilobytes; anything this large is not TriCoach's file, and reading it whole
// could exhaust memory.
constexpr qint64 kMaxBytes = 1 << 20;

enum class Io { Read, Write, Lock };

// One whole sentence per case, so each translates with its own grammar.
Error ioError(Io what, const QString& path, const QString& why)
{
    QString text;
    switch (what) {
    case Io::Read:
        text = QCoreApplication::translate("tricoach::Secrets", "Could not read %1: %2");
        break;
    case Io::Write:
        text = QCoreApplication::translate("tricoach::Secrets", "Could not write %1: %2");
        break;
    case Io::Lock:
        text = QCoreApplication::translate("tricoach::Secrets", "Could not lock %1: %2");
        break;
    }
    return makeError(text.arg(printablePath(path), why), QString::fromLatin1(kSecretsFileIo));
}

Error tooLarge(const QString& path)
{
    return makeError(QCoreApplication::translate("tricoach::Secrets",
                                                 "%1 is larger than 1 MB, too large to be TriCoach's secrets file; "
                                                 "move it aside.")
                         .arg(printablePath(path)),
                     QString::fromLatin1(kSecretsFileIo));
}

Error busy(const QString& path)
{
    return makeError(QCoreApplication::translate("tricoach::Secrets",
                                                 "%1 is being changed by another TriCoach; try again in a moment.")
                         .arg(printablePath(path)),
                     QString::fromLatin1(kSecretsFileBusy));
}

QString randomSuffix()
{
    return QString::number(QRandomGenerator::global()->generate64(), 36);
}

#ifdef Q_OS_UNIX

QString errnoText(int code)
{
    return QString::fromLocal8Bit(std::strerror(code));
}

// Closes a descriptor when it goes out of scope.
class Fd {
public:
    explicit Fd(int fd)
        : m_fd(fd)
    {
    }
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return m_fd; }
    // Closes now, reporting the error close gives (a delayed write error on some filesystems).
    int close()
    {
        const int rc = ::close(m_fd);
        m_fd = -1;
        return rc;
    }

private:
    int m_fd;
};

// The owner and mode check of a file TriCoach keeps secrets in.
std::optional<Error> exposure(const QString& path, const struct stat& st)
{
    const QString shown = printablePath(path);
    if (st.st_uid != ::geteuid())
        return makeError(QCoreApplication::translate("tricoach::Secrets",
                                                     "%1 belongs to another user; TriCoach does not use secrets "
                                                     "another account can replace. Move it aside.")
                             .arg(shown),
                         QString::fromLatin1(kSecretsFileExposed));
    const auto others = st.st_mode & (S_IRWXG | S_IRWXO);
    if (others == 0)
        return std::nullopt;
    const QString mode = QStringLiteral("%1").arg(st.st_mode & 07777, 4, 8, QLatin1Char('0'));
    if (others & (S_IRGRP | S_IROTH))
        return makeError(QCoreApplication::translate("tricoach::Secrets",
                                                     "%1 is readable by other users (mode %2); fix with chmod 600 %1")
                             .arg(shown, mode),
                         QString::fromLatin1(kSecretsFileExposed));
    return makeError(QCoreApplication::translate("tricoach::Secrets",
                                                 "%1 can be changed by other users (mode %2); fix with chmod 600 %1")
                         .arg(shown, mode),
                     QString::fromLatin1(kSecretsFileExposed));
}

bool writeAll(int fd, const QByteArray& bytes)
{
    const char* p = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, static_cast<size_t>(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += n;
        left -= n;
    }
    return true;
}

#endif

} // namespace

QString temporaryPrefix(const QString& path)
{
    return QFileInfo(path).fileName() + QStringLiteral(".tmp-");
}

#ifdef Q_OS_UNIX

Result<std::optional<QByteArray>> readPrivateFile(const QString& path)
{
    const QByteArray native = nativeFromPath(path);
    Fd fd(::open(native.constData(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    if (fd.get() < 0) {
        const int code = errno;
        if (code == ENOENT)
            return std::optional<QByteArray>();
        return ioError(Io::Read, path, errnoText(code));
    }
    // The checks look at the file that was opened, not at whatever the name points to a moment later.
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0)
        return ioError(Io::Read, path, errnoText(errno));
    if (!S_ISREG(st.st_mode))
        return ioError(Io::Read, path, QCoreApplication::translate("tricoach::Secrets", "it is not a regular file"));
    if (auto exposed = exposure(path, st))
        return *exposed;
    if (st.st_size > kMaxBytes)
        return tooLarge(path);
    QByteArray bytes;
    char buffer[8192];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return ioError(Io::Read, path, errnoText(errno));
        }
        if (n == 0)
            break;
        bytes.append(buffer, n);
        if (bytes.size() > kMaxBytes)
            return tooLarge(path);
    }
    return std::optional<QByteArray>(std::move(bytes));
}

Result<void> replacePrivateFile(const QString& path, const QByteArray& bytes)
{
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder))
        return ioError(Io::Write, path,
                       QCoreApplication::translate("tricoach::Secrets", "its folder cannot be created"));

    // Created 0600 by open itself: with O_EXCL no other file (or link an attacker planted) is reused, and at no
    // point do the bytes sit in a file with wider rights.
    QString temporary;
    int raw = -1;
    for (int attempt = 0; attempt < 8 && raw < 0; ++attempt) {
        temporary = folder + QLatin1Char('/') + temporaryPrefix(path) + randomSuffix();
        raw = ::open(nativeFromPath(temporary).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
                     S_IRUSR | S_IWUSR);
        if (raw < 0 && errno != EEXIST)
            break;
    }
    if (raw < 0)
        return ioError(Io::Write, path, errnoText(errno));
    Fd fd(raw);
    const QByteArray nativeTemporary = nativeFromPath(temporary);
    auto fail = [&](int code) {
        ::unlink(nativeTemporary.constData());
        return ioError(Io::Write, path, errnoText(code));
    };
    // A umask can only take rights away; set exactly owner read and write so the owner can change it next time.
    if (::fchmod(fd.get(), S_IRUSR | S_IWUSR) != 0 || !writeAll(fd.get(), bytes) || ::fsync(fd.get()) != 0)
        return fail(errno);
    if (fd.close() != 0)
        return fail(errno);
    if (::rename(nativeTemporary.constData(), nativeFromPath(path).constData()) != 0)
        return fail(errno);
    // The rename itself is durable only once the folder is: without this a power cut can bring back the old file.
    // Some filesystems cannot sync a folder (EINVAL); the file is in place either way.
    Fd dir(::open(nativeFromPath(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0)
        ::fsync(dir.get());
    return {};
}

#else

Result<std::optional<QByteArray>> readPrivateFile(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        return std::optional<QByteArray>();
    if (!file.open(QIODevice::ReadOnly))
        return ioError(Io::Read, path, file.errorString());
    if (file.size() > kMaxBytes)
        return tooLarge(path);
    return std::optional<QByteArray>(file.readAll());
}

// The file sits in the user's profile (AppConfigLocation), whose access list admits only that user; QSaveFile
// writes a temporary file next to it and swaps it in with one rename.
Result<void> replacePrivateFile(const QString& path, const QByteArray& bytes)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return ioError(Io::Write, path,
                       QCoreApplication::translate("tricoach::Secrets", "its folder cannot be created"));
    QSaveFile file(path);
    file.setDirectWriteFallback(false);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return ioError(Io::Write, path, file.errorString());
    return {};
}

#endif

#ifdef Q_OS_UNIX

Result<std::unique_ptr<PrivateFileLock>> PrivateFileLock::acquire(const QString& path,
                                                                  std::chrono::milliseconds timeout)
{
    const QString lockPath = path + QStringLiteral(".lock");
    std::unique_ptr<PrivateFileLock> lock(new PrivateFileLock);
    lock->m_fd = ::open(nativeFromPath(lockPath).constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY,
                        S_IRUSR | S_IWUSR);
    if (lock->m_fd < 0)
        return ioError(Io::Lock, lockPath, errnoText(errno));
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (::flock(lock->m_fd, LOCK_EX | LOCK_NB) == 0)
            return lock;
        if (errno == EINTR)
            continue;
        if (errno != EWOULDBLOCK)
            return ioError(Io::Lock, lockPath, errnoText(errno));
        if (std::chrono::steady_clock::now() >= deadline)
            return busy(path);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

PrivateFileLock::~PrivateFileLock()
{
    if (m_fd >= 0)
        ::close(m_fd); // closing the last descriptor releases the flock
}

#else

Result<std::unique_ptr<PrivateFileLock>> PrivateFileLock::acquire(const QString& path,
                                                                  std::chrono::milliseconds timeout)
{
    std::unique_ptr<PrivateFileLock> lock(new PrivateFileLock);
    lock->m_lock = std::make_unique<QLockFile>(path + QStringLiteral(".lock"));
    if (lock->m_lock->tryLock(static_cast<int>(timeout.count())))
        return lock;
    if (lock->m_lock->error() == QLockFile::LockFailedError)
        return busy(path);
    return ioError(Io::Lock, path + QStringLiteral(".lock"),
                   QCoreApplication::translate("tricoach::Secrets", "permission denied"));
}

PrivateFileLock::~PrivateFileLock() = default;

#endif

void removeStrayTemporaries(const QString& path)
{
    const QFileInfo info(path);
    QDir folder = info.absoluteDir();
    const QStringList strays =
        folder.entryList({temporaryPrefix(path) + QLatin1Char('*')}, QDir::Files | QDir::Hidden | QDir::System);
    for (const QString& name : strays)
        folder.remove(name);
}

} // namespace tricoach
