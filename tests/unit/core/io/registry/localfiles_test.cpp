// What an import's walk meets on a real disk: names that are not UTF-8, paths longer than PATH_MAX, folders it
// may not read, links to nothing, and macOS's AppleDouble litter. Every file is either read or reported.
#include "core/io/formatregistry.h"
#include "core/io/localfiles.h"
#include "tests/support/tempdir.h"

#include "../archive/archivetestutil.h"

#include <QDir>
#include <QProcess>

#include <gtest/gtest.h>
#include <random>

#ifndef Q_OS_WIN
#include <climits>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace tricoach;
using namespace tricoach::test;

namespace {

QByteArray corpus(const QString& relative)
{
    return readFile(QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/") + relative);
}

TEST(LocalFiles, NativeNamesSurviveTheTripThroughQString)
{
    // Valid UTF-8 decodes as usual; every other byte sequence comes back exactly.
    EXPECT_EQ(pathFromNative("caf\xc3\xa9.fit"), QStringLiteral("café.fit"));
    EXPECT_EQ(nativeFromPath(QStringLiteral("café.fit")), QByteArray("caf\xc3\xa9.fit"));
    EXPECT_EQ(pathFromNative("\xf0\x9f\x9a\xb4.gpx"), QStringLiteral("🚴.gpx"));
    const QByteArray latin1("caf\xe9.fit");
    const QString lossless = pathFromNative(latin1);
    EXPECT_NE(lossless, QString::fromUtf8(latin1)); // Qt's decoding turns the byte into U+FFFD
    EXPECT_EQ(nativeFromPath(lossless), latin1);
    EXPECT_EQ(printablePath(lossless), QStringLiteral("caf\\xE9.fit"));

    // Overlong forms, encoded surrogates, code points past U+10FFFF, truncated sequences: kept as bytes.
    for (const QByteArray& odd : {QByteArray("\xc0\xaf"), QByteArray("\xed\xa0\x80"), QByteArray("\xf4\x90\x80\x80"),
                                  QByteArray("ab\xe2\x82"), QByteArray("\xff\xfe"), QByteArray("\x80x")}) {
        EXPECT_EQ(nativeFromPath(pathFromNative(odd)), odd) << odd.toHex().toStdString();
    }
    std::mt19937 rng(11);
    for (int round = 0; round < 2000; ++round) {
        QByteArray bytes;
        for (int i = 0, n = static_cast<int>(rng() % 12); i < n; ++i)
            bytes.append(static_cast<char>(rng() % 255 + 1));
        ASSERT_EQ(nativeFromPath(pathFromNative(bytes)), bytes) << bytes.toHex().toStdString();
    }
}

#ifndef Q_OS_WIN

class LocalFilesWalk : public TempDirTest {
protected:
    // QTemporaryDir cannot remove what Qt cannot name (raw bytes, paths past PATH_MAX); rm(1) can.
    void TearDown() override { QProcess::execute(QStringLiteral("rm"), {QStringLiteral("-rf"), m_dir.path()}); }

    // Writes `data` under a name given as raw bytes, as a device or another system may have named it.
    bool putNative(const QByteArray& relative, const QByteArray& data) const
    {
        const QByteArray path = QFile::encodeName(m_dir.path()) + '/' + relative;
        const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0)
            return false;
        const bool ok = ::write(fd, data.constData(), static_cast<size_t>(data.size())) == data.size();
        ::close(fd);
        return ok;
    }
    QString nativePath(const QByteArray& relative) const
    {
        return pathFromNative(QFile::encodeName(m_dir.path()) + '/' + relative);
    }
    // Nested folders of long names whose whole path passes PATH_MAX, each made from the one above (mkdir of
    // the full path would fail); returns the path of `fileName` written at the bottom.
    QString putDeep(const QByteArray& fileName, const QByteArray& data) const
    {
        const QByteArray name(200, 'd');
        int folder = ::open(QFile::encodeName(m_dir.path()).constData(), O_RDONLY | O_DIRECTORY);
        QString path = m_dir.path();
        while (path.size() <= PATH_MAX + 100) {
            EXPECT_EQ(::mkdirat(folder, name.constData(), 0755), 0);
            const int next = ::openat(folder, name.constData(), O_RDONLY | O_DIRECTORY);
            ::close(folder);
            folder = next;
            path += QLatin1Char('/') + QString::fromLatin1(name);
        }
        const int fd = ::openat(folder, fileName.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        EXPECT_GE(fd, 0);
        EXPECT_EQ(::write(fd, data.constData(), static_cast<size_t>(data.size())), data.size());
        ::close(fd);
        ::close(folder);
        return path + QLatin1Char('/') + QString::fromLatin1(fileName);
    }
};

TEST_F(LocalFilesWalk, ANameThatIsNotUtf8IsReadInAFolderAndGivenDirectly)
{
    const QByteArray fit = corpus(QStringLiteral("fit/running-garmin-fenix5-short.fit"));
    const QByteArray name("caf\xe9-run.fit"); // Latin-1, as an old system or a FAT stick names it
    ASSERT_TRUE(putNative(name, fit));
    const FormatRegistry r;

    const ExpandResult folder = r.expand(m_dir.path());
    EXPECT_TRUE(folder.problems.empty());
    ASSERT_EQ(folder.files.size(), 1U);
    EXPECT_EQ(folder.files.front().displayName(), printablePath(m_dir.path()) + QStringLiteral("/caf\\xE9-run.fit"));
    const DecodedFile viaFolder = r.decodeFile(folder.files.front());
    ASSERT_TRUE(viaFolder.ok()) << (viaFolder.error ? viaFolder.error->message.toStdString() : std::string());

    const ExpandResult direct = r.expand(nativePath(name));
    EXPECT_TRUE(direct.problems.empty()) << direct.problems.front().error.message.toStdString();
    ASSERT_EQ(direct.files.size(), 1U);
    EXPECT_EQ(*FormatRegistry::load(direct.files.front()), fit);
}

TEST_F(LocalFilesWalk, APathLongerThanPathMaxIsRead)
{
    const QByteArray gpx = corpus(QStringLiteral("gpx/running-amazfit-watch.gpx"));
    const QString deep = putDeep("deep.gpx", gpx);
    ASSERT_GT(nativeFromPath(deep).size(), PATH_MAX);
    const FormatRegistry r;

    const ExpandResult folder = r.expand(m_dir.path());
    EXPECT_TRUE(folder.problems.empty()) << folder.problems.front().error.message.toStdString();
    ASSERT_EQ(folder.files.size(), 1U);
    EXPECT_EQ(folder.files.front().path, deep);
    EXPECT_TRUE(r.decodeFile(folder.files.front()).ok());
    const ExpandResult direct = r.expand(deep);
    ASSERT_EQ(direct.files.size(), 1U);
    EXPECT_EQ(*FormatRegistry::load(direct.files.front()), gpx);
    EXPECT_EQ(inspectPath(deep)->size, gpx.size());
}

TEST_F(LocalFilesWalk, AFolderThatCannotBeReadIsReportedAndTheRestRead)
{
    if (::geteuid() == 0)
        GTEST_SKIP() << "root reads folders whatever their permissions; cliImport.AFolderThatCannotBeReadIsReported "
                        "runs the command line as another user instead";
    ASSERT_TRUE(QDir(m_dir.path()).mkpath(QStringLiteral("locked")));
    ASSERT_TRUE(putNative("locked/hidden.fit", corpus(QStringLiteral("fit/running-garmin-fenix5-short.fit"))));
    ASSERT_TRUE(putNative("ok.gpx", corpus(QStringLiteral("gpx/running-amazfit-watch.gpx"))));
    const QByteArray locked = QFile::encodeName(m_dir.filePath(QStringLiteral("locked")));
    ASSERT_EQ(::chmod(locked.constData(), 0), 0);
    const ExpandResult out = FormatRegistry().expand(m_dir.path());
    ::chmod(locked.constData(), 0755); // so the temporary folder can be removed
    ASSERT_EQ(out.files.size(), 1U);
    ASSERT_EQ(out.problems.size(), 1U);
    EXPECT_EQ(out.problems.front().path, m_dir.filePath(QStringLiteral("locked")));
    EXPECT_TRUE(out.problems.front().error.message.contains(QLatin1String("permission denied")))
        << out.problems.front().error.message.toStdString();
}

TEST_F(LocalFilesWalk, ALinkToNothingIsReportedAndOtherLinksFollowed)
{
    ASSERT_TRUE(putNative("real.gpx", corpus(QStringLiteral("gpx/running-amazfit-watch.gpx"))));
    const QByteArray base = QFile::encodeName(m_dir.path()) + '/';
    ASSERT_EQ(::symlink((base + "real.gpx").constData(), (base + "link.gpx").constData()), 0);
    ASSERT_EQ(::symlink((base + "gone.fit").constData(), (base + "dangling.fit").constData()), 0);
    ASSERT_EQ(::symlink((base + "gone.txt").constData(), (base + "dangling.txt").constData()), 0);
    ASSERT_EQ(::symlink(base.constData(), (base + "loop").constData()), 0); // a folder link is not followed

    const ExpandResult out = FormatRegistry().expand(m_dir.path());
    ASSERT_EQ(out.files.size(), 2U);
    EXPECT_TRUE(out.files[0].path.endsWith(QLatin1String("/link.gpx")));
    EXPECT_TRUE(out.files[1].path.endsWith(QLatin1String("/real.gpx")));
    ASSERT_EQ(out.problems.size(), 1U); // not the .txt: the walk reports only what an import would read
    EXPECT_TRUE(out.problems.front().path.endsWith(QLatin1String("/dangling.fit")));
    EXPECT_EQ(out.problems.front().error.code, QLatin1String("io.not-found"));
}

TEST_F(LocalFilesWalk, PipesAndFoldersNamedLikeActivitiesAreNotRead)
{
    const QByteArray base = QFile::encodeName(m_dir.path()) + '/';
    ASSERT_EQ(::mkfifo((base + "pipe.fit").constData(), 0644), 0);
    ASSERT_TRUE(QDir(m_dir.path()).mkpath(QStringLiteral("folder.fit")));
    EXPECT_TRUE(FormatRegistry().expand(m_dir.path()).files.empty());
    // Given directly, the pipe is refused without waiting for a writer.
    const ExpandResult direct = FormatRegistry().expand(pathFromNative(base + "pipe.fit"));
    ASSERT_EQ(direct.files.size(), 1U);
    const DecodedFile d = FormatRegistry().decodeFile(direct.files.front());
    ASSERT_TRUE(d.error.has_value());
    EXPECT_EQ(d.error->code, QLatin1String("io.unreadable"));
}

#endif

class AppleDouble : public TempDirTest {};

TEST_F(AppleDouble, LitterInFoldersAndZipsIsSkippedSilently)
{
    const QByteArray fit = corpus(QStringLiteral("fit/cycling-garmin-fenix5-short.fit"));
    const QByteArray litter("\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ", 24); // AppleDouble's header
    QDir(m_dir.path()).mkpath(QStringLiteral("export/__MACOSX/activities"));
    ASSERT_TRUE(writeFile(m_dir.filePath(QStringLiteral("export/ride.fit")), fit));
    ASSERT_TRUE(writeFile(m_dir.filePath(QStringLiteral("export/._ride.fit")), litter));
    ASSERT_TRUE(writeFile(m_dir.filePath(QStringLiteral("export/__MACOSX/activities/._ride.fit")), litter));
    ASSERT_TRUE(writeFile(m_dir.filePath(QStringLiteral("export/__MACOSX/activities/other.gpx")), litter));
    ASSERT_TRUE(writeFile(m_dir.filePath(QStringLiteral("archive.zip")),
                          makeZip({{QStringLiteral("activities/run.fit"), fit, true},
                                   {QStringLiteral("activities/._run.fit"), litter, true},
                                   {QStringLiteral("__MACOSX/"), {}, false},
                                   {QStringLiteral("__MACOSX/activities/._run.fit"), litter, true},
                                   {QStringLiteral("__MACOSX/activities/run.tcx"), litter, true}})));
    const FormatRegistry r;
    const ExpandResult out = r.expand(m_dir.path());
    EXPECT_TRUE(out.problems.empty());
    ASSERT_EQ(out.files.size(), 2U);
    EXPECT_EQ(out.files[0].displayName(),
              m_dir.filePath(QStringLiteral("archive.zip")) + QLatin1String("!activities/run.fit"));
    EXPECT_EQ(out.files[1].path, m_dir.filePath(QStringLiteral("export/ride.fit")));
    for (const ActivityFileRef& f : out.files)
        EXPECT_TRUE(r.decodeFile(f).ok()) << f.displayName().toStdString();
    // Named on purpose, a "._" file is read like any other (and fails as what it is).
    const ExpandResult direct = r.expand(m_dir.filePath(QStringLiteral("export/._ride.fit")));
    EXPECT_EQ(direct.files.size(), 1U);
}

} // namespace
